/* api_stop: StopConfigurationRecorder (Config 2020-09-07), the second write.
 *
 * It takes no operation parameters and answers {RequestId,
 * StopConfigurationRecorderResult: true}; facts and sources in
 * docs/stop-recorder.md. It goes through api_write_begin(), the path the
 * start takes: an audit record before the call (no record, no call) and one
 * with the outcome after it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api_impl.h"
#include "buf.h"

void
api_stop_parse(struct call *call, const char *body, size_t len)
{
	json_error_t jerr;
	json_t *root = json_loadb(body, len, 0, &jerr);
	if (!json_is_object(root)) {
		json_decref(root);
		err_set(&call->err, ERR_PROTOCOL, "StopConfigurationRecorder: "
			"the answer is not a JSON object");
		return;
	}
	json_t *result = json_object_get(root, "StopConfigurationRecorderResult");
	const char *rid = json_string_value(json_object_get(root, "RequestId"));
	if (!json_is_boolean(result)) {
		err_set(&call->err, ERR_PROTOCOL, "StopConfigurationRecorder: "
			"the answer has no StopConfigurationRecorderResult");
	} else if (!json_is_true(result)) {
		/* A 200 that says it did not stop: a failure, not success. */
		err_set(&call->err, ERR_API, "StopConfigurationRecorder answered "
			"StopConfigurationRecorderResult false: the recorder "
			"was not stopped");
		snprintf(call->err.code, sizeof(call->err.code), "%s",
			"StopConfigurationRecorderResult");
		if (rid)
			snprintf(call->err.request_id, sizeof(call->err.request_id),
				"%s", rid);
	} else {
		call->recorder = xcalloc(1, sizeof(*call->recorder));
		call->recorder->status = RECORDER_REGISTRABLE;
		call->recorder->status_raw = xstrdup(
			model_recorder_status_name(RECORDER_REGISTRABLE));
		snprintf(call->recorder->request_id,
			sizeof(call->recorder->request_id), "%s", rid ? rid : "");
	}
	json_decref(root);
}

void
api_stop_recorder(struct api_client *c, int64_t account, api_recorder_cb cb,
	void *ctx)
{
	struct call *call = api_call_new(c, CALL_STOP_RECORDER,
		"StopConfigurationRecorder", account, ctx);
	call->rec_cb = cb;
	api_write_begin(call);
}
