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
#include "output.h"
#include "text.h"

static int
cmd_stop_print(struct batch *b, int64_t account, const char *name,
	const char *request_id, const struct recorder *now)
{
	struct err e;
	err_clear(&e);
	const char *status = now ? batch_status_name(now) : "unknown";
	char id[24];
	snprintf(id, sizeof(id), "%" PRId64, account);
	if (b->o->output == OUTPUT_JSON) {
		json_t *o = json_object();
		json_object_set_new(o, "AccountId", json_integer(account));
		json_object_set_new(o, "AccountName",
			name ? json_string(name) : json_null());
		json_object_set_new(o, "ConfigurationRecorderStatus",
			now ? json_string(status) : json_null());
		json_object_set_new(o, "Outcome", json_string("stopped"));
		json_object_set_new(o, "RequestId", json_string(request_id));
		char *text = json_dumps(o, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		json_decref(o);
		printf("%s\n", text ? text : "{}");
		free(text);
	} else if (b->o->output == OUTPUT_CSV) {
		static const char *const head[] = {
			"AccountId", "AccountName", "ConfigurationRecorderStatus",
			"Outcome", "RequestId",
		};
		const char *row[] = {id, name, now ? status : "", "stopped",
			request_id};
		if (output_csv_row(stdout, head, 5, &e) < 0 ||
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

int
cmd_stop(struct batch *b)
{
	int64_t account = 0;
	char *name = NULL;
	struct err e;
	err_clear(&e);
	if (options_parse_account(b->o->account, &account, &e) < 0) {
		batch_print_err(b, NULL, &e);
		return b->rc;
	}
	if (!b->o->yes) {
		struct buf q = BUF_INIT, label = BUF_INIT;
		name = batch_lookup_name(b, &account);
		if (name) {
			text_safe(&label, name, OUTPUT_NAME_MAX_COLS);
			buf_printf(&q, "Stop the configuration recorder for account %s (%" PRId64 ")?",
				buf_str(&label), account);
		} else {
			buf_printf(&q, "Stop the configuration recorder for account %" PRId64 "?",
				account);
		}
		buf_puts(&q, " Cloud Config deletes the account's recorded "
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
	api_stop_recorder(b->client, account, batch_on_recorder, b);
	api_client_run(b->client);
	if (!b->recorder) {
		char context[96];
		snprintf(context, sizeof(context),
			"StopConfigurationRecorder failed for account %" PRId64,
			account);
		batch_print_err(b, context, &b->call_err);
		free(name);
		return b->rc;
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
	cmd_stop_print(b, account, name, request_id, b->recorder);
	free(name);
	return b->rc;
}
