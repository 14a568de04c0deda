/* cmd_stop: `alicfg stop --account UID [--yes]`, StopConfigurationRecorder
 * for one member account.
 *
 * Refused before anything is sent in read-only mode and, without --yes,
 * when there is no terminal to ask on (batch.c checks both). The call goes
 * through the client's one write path, so it is audited exactly like a
 * start. After the stop the recorder is read back, so what is printed is
 * what the service says now, not what we expect. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "batch_impl.h"
#include "buf.h"
#include "outcome.h"
#include "output.h"
#include "text.h"

/* `index`: this account's place in a list (--account repeated or
 * --accounts-from): JSON is then one array, CSV one header. -1: alone. */
static int
cmd_stop_print(struct batch *b, int64_t account, const char *name,
	const char *request_id, const struct recorder *now, long index)
{
	struct err e;
	err_clear(&e);
	const char *status = now ? batch_status_name(now) : "unknown";
	char id[24];
	snprintf(id, sizeof(id), "%" PRId64, account);
	if (b->o->output == OUTPUT_JSON) {
		json_t *o = json_object();
		/* A string: jq 1.6 rounds integers above 2^53. */
		json_object_set_new(o, "AccountId", json_string(id));
		json_object_set_new(o, "AccountName",
			name ? json_string(name) : json_null());
		json_object_set_new(o, "ConfigurationRecorderStatus",
			now ? json_string(status) : json_null());
		json_object_set_new(o, "Outcome",
			json_string(outcome_name(OUTCOME_STOPPED)));
		json_object_set_new(o, "RequestId", json_string(request_id));
		size_t flags = index < 0 ? JSON_INDENT(2) : JSON_COMPACT;
		char *text = json_dumps(o, flags | JSON_ENSURE_ASCII |
			JSON_PRESERVE_ORDER);
		json_decref(o);
		printf("%s%s%s", index < 0 ? "" : index == 0 ? "[\n  " : ",\n  ",
			text ? text : "{}", index < 0 ? "\n" : "");
		free(text);
	} else if (b->o->output == OUTPUT_CSV) {
		static const char *const head[] = {
			"AccountId", "AccountName", "ConfigurationRecorderStatus",
			"Outcome", "RequestId",
		};
		const char *row[] = {id, name, now ? status : "",
			outcome_name(OUTCOME_STOPPED), request_id};
		if ((index <= 0 && output_csv_row(stdout, head, 5, &e) < 0) ||
		    output_csv_row(stdout, row, 5, &e) < 0)
			batch_print_err(b, NULL, &e);
	} else {
		struct buf label = BUF_INIT;
		if (name) {
			text_safe(&label, name, OUTPUT_NAME_MAX_COLS);
			buf_printf(&label, " (%s)", id);
		} else {
			buf_puts(&label, id);
		}
		printf("Stopped the configuration recorder for %s: %s\n",
			buf_str(&label), status);
		buf_free(&label);
	}
	if (fflush(stdout) != 0) {
		err_set(&e, ERR_SYSTEM, "cannot write the output");
		batch_print_err(b, NULL, &e);
	}
	return b->rc;
}

/* Stop one account's recorder, read it back, print the result. */
static bool
cmd_stop_one(struct batch *b, int64_t account, const char *name, long index)
{
	if (b->recorder) {
		model_recorder_free(b->recorder);
		free(b->recorder);
		b->recorder = NULL;
	}
	err_free(&b->call_err);
	api_stop_recorder(b->client, account, batch_on_recorder, b);
	api_client_run(b->client);
	if (!b->recorder) {
		char context[96];
		snprintf(context, sizeof(context),
			"StopConfigurationRecorder failed for account %" PRId64,
			account);
		batch_print_err(b, context, &b->call_err);
		return false;
	}
	char request_id[sizeof(b->recorder->request_id)];
	snprintf(request_id, sizeof(request_id), "%s", b->recorder->request_id);
	model_recorder_free(b->recorder);
	free(b->recorder);
	b->recorder = NULL;
	/* Read it back: print what the service says now. A failed read is
	 * reported, but the stop itself was done (and audited). */
	err_free(&b->call_err);
	api_get_recorder(b->client, account, batch_on_recorder, b);
	api_client_run(b->client);
	if (!b->recorder) {
		char context[96];
		snprintf(context, sizeof(context),
			"stopped, but GetConfigurationRecorder failed for account %" PRId64,
			account);
		batch_print_err(b, context, &b->call_err);
	}
	cmd_stop_print(b, account, name, request_id, b->recorder, index);
	return true;
}

/* One confirmation for all of them; then each in turn (a stop deletes
 * recorded data, so one at a time, in the order given). */
int
cmd_stop(struct batch *b)
{
	const struct account_list *l = &b->o->accounts;
	int64_t account = l->count ? l->ids[0] : 0;
	char *name = NULL;
	struct err e;
	err_clear(&e);
	if (!l->count) {
		err_set(&e, ERR_USAGE, "stop: missing --account UID");
		batch_print_err(b, NULL, &e);
		return b->rc;
	}
	if (!b->o->yes) {
		struct buf q = BUF_INIT, label = BUF_INIT;
		if (l->count == 1)
			name = batch_lookup_name(b, &account);
		if (name) {
			text_safe(&label, name, OUTPUT_NAME_MAX_COLS);
			buf_printf(&q, "Stop the configuration recorder for account %s (%" PRId64 ")?",
				buf_str(&label), account);
		} else if (l->count == 1) {
			buf_printf(&q, "Stop the configuration recorder for account %" PRId64 "?",
				account);
		} else {
			buf_printf(&q, "Stop the configuration recorder for %zu accounts (",
				l->count);
			for (size_t i = 0; i < l->count && i < 10; i++)
				buf_printf(&q, "%s%" PRId64, i ? ", " : "", l->ids[i]);
			buf_puts(&q, l->count > 10 ? ", ...)?" : ")?");
		}
		buf_puts(&q, " Cloud Config deletes the recorded "
			"configurations, rules and evaluation results.");
		bool yes = batch_confirm(buf_str(&q));
		buf_free(&q);
		buf_free(&label);
		if (!yes) {
			err_set(&e, ERR_REFUSED, "not confirmed: the recorder was not stopped");
			batch_print_err(b, NULL, &e);
			free(name);
			return b->rc;
		}
	}
	bool listed = b->o->accounts_listed;
	long printed = 0;
	for (size_t i = 0; i < l->count; i++)
		if (cmd_stop_one(b, l->ids[i], i == 0 ? name : NULL,
		    listed ? printed : -1))
			printed++;
	if (listed && b->o->output == OUTPUT_JSON)
		printf(printed ? "\n]\n" : "[]\n");
	fflush(stdout);
	free(name);
	return b->rc;
}
