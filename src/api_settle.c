/* api_settle: the truth about a write whose answer was lost.
 *
 * A StartConfigurationRecorder (or Stop) that was sent but whose answer
 * never arrived whole (cut off mid-body, later than the per-attempt
 * timeout, a 2xx that could not be read) may well have been carried out.
 * It is not "failed": the audit log gets an "after" record with outcome
 * "unknown" (and the RequestId when the header arrived), then the
 * recorder is read back and a "settled" record says what was observed.
 * The caller then hears what is true: the write took effect (the recorder
 * it read, marked answer_lost), did not, or is still unknown. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_impl.h"
#include "audit.h"
#include "http.h"
#include "outcome.h"

bool
api_write_answer_lost(const struct call *call)
{
	const struct err *e = &call->err;
	if (!call->is_write)
		return false;
	if (e->kind == ERR_NETWORK)   /* sent, then nothing usable came */
		return !strcmp(e->code, HTTP_ERR_TIMEOUT) ||
			!strcmp(e->code, HTTP_ERR_RESET);
	/* A 2xx whose body was cut, garbled or too large. */
	return e->kind == ERR_PROTOCOL && call->http_status >= 200 &&
		call->http_status < 300;
}

/* Did the write do what it asked for, judging by the status read back? */
static bool
settle_took_effect(const struct call *w, const struct recorder *r)
{
	if (w->kind == CALL_STOP_RECORDER)
		return r->status == RECORDER_REGISTRABLE;
	return r->status == RECORDER_BUILDING ||
		r->status == RECORDER_REBUILDING ||
		r->status == RECORDER_REGISTERED;
}

static void
settle_done(void *ctx, const struct err *e, struct recorder *r)
{
	struct call *w = ctx;
	struct api_client *c = w->c;
	const char *seen = r ? (r->status_raw && *r->status_raw ? r->status_raw :
		model_recorder_status_name(r->status)) : NULL;
	char lost[160];
	snprintf(lost, sizeof(lost), "%s", w->err.code[0] ? w->err.code :
		err_kind_name(w->err.kind));
	struct err ae;
	err_clear(&ae);
	int audit_rc = audit_settled(c->audit_path, w->audit_id, c->audit_who,
		w->account ? w->account : c->caller_account, w->action,
		r && !err_failed(e) ? seen : NULL, e, &ae);
	if (r && !err_failed(e) && settle_took_effect(w, r)) {
		r->answer_lost = true;
		if (w->recorder) {
			model_recorder_free(w->recorder);
			free(w->recorder);
		}
		w->recorder = r;
		int attempts = w->err.attempts;
		err_free(&w->err);
		err_clear(&w->err);
		w->err.attempts = attempts;
	} else {
		char why[1200];
		if (r && !err_failed(e))
			snprintf(why, sizeof(why), "recorder is still %s: %s did "
				"not take effect", seen, w->action);
		else
			snprintf(why, sizeof(why), "reading the recorder back "
				"failed (%.900s): outcome unknown", e->message);
		struct err out;
		err_clear(&out);
		err_set(&out, ERR_NETWORK, "%s: request sent, answer lost (%s); %s",
			w->action, lost, why);
		snprintf(out.code, sizeof(out.code), "%s", API_ERR_ANSWER_LOST);
		snprintf(out.request_id, sizeof(out.request_id), "%s",
			w->request_id[0] ? w->request_id : w->err.request_id);
		out.attempts = w->err.attempts;
		err_free(&w->err);
		w->err = out;
		if (r) {
			model_recorder_free(r);
			free(r);
		}
	}
	if (audit_rc < 0) {
		char msg[sizeof(ae.message)];
		snprintf(msg, sizeof(msg), "%s", ae.message);
		err_free(&w->err);
		err_set(&w->err, ERR_SYSTEM, "%s: answer lost, and the audit "
			"record of what was read back failed: %s", w->action, msg);
	}
	api_call_finish(w);
}

int
api_settle_begin(struct call *w)
{
	struct api_client *c = w->c;
	const char *rid = w->request_id[0] ? w->request_id : w->err.request_id;
	struct err ae;
	err_clear(&ae);
	if (audit_after(c->audit_path, w->audit_id, c->audit_who,
		w->account ? w->account : c->caller_account, w->action,
		outcome_name(OUTCOME_UNKNOWN),
		&w->err, rid, &ae) < 0) {
		char msg[sizeof(ae.message)];
		snprintf(msg, sizeof(msg), "%s", ae.message);
		err_free(&w->err);
		err_set(&w->err, ERR_SYSTEM, "%s: answer lost, and its audit "
			"record failed: %s", w->action, msg);
		return -1;
	}
	w->audited = false;   /* the "after" record is written */
	api_get_recorder(c, w->account, settle_done, w);
	return 0;
}
