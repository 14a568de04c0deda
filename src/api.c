/* api: typed Config + STS calls over http.c, signed per call, retried per
 * retry.c, parsed per model.c.
 *
 * A `call` is one user request (one ListAggregators walk counts as one).
 * Each HTTP exchange of a call is signed afresh on every try (new nonce and
 * date). Credentials come from the caller, or from a per-account cache of
 * AssumeRole results; calls that need an entry being fetched wait on it, so
 * one AssumeRole serves them all. Retry backoff and deferred completions
 * are timers kept in a sorted list; api_client_step() never sleeps past the
 * first one. */
#include "config.h"

#include "api.h"
#include "api_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "outcome.h"
#include "buf.h"
#include "http.h"
#include "params.h"
#include "redact.h"
#include "url.h"

/* --- small helpers ------------------------------------------------------ */

double
api_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* xorshift64*: retry jitter needs spread, not secrecy. */
double
api_random01(struct api_client *c)
{
	uint64_t x = c->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	c->rng = x;
	return (double)((x * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

/* --- timers ------------------------------------------------------------- */

static void
timer_add(struct api_client *c, struct call *call, enum call_timer what,
	long delay_ms)
{
	call->timer = what;
	call->due_ms = (long long)api_now_ms() + delay_ms;
	struct call **pp = &c->timers;
	while (*pp && (*pp)->due_ms <= call->due_ms)
		pp = &(*pp)->timer_next;
	call->timer_next = *pp;
	*pp = call;
}

void
api_timer_add(struct api_client *c, struct call *call, enum call_timer what,
	long delay_ms)
{
	timer_add(c, call, what, delay_ms);
}

/* Runs the timers that are due; returns how many ran. */
static int
timer_run_due(struct api_client *c)
{
	int ran = 0;
	long long now = (long long)api_now_ms();
	while (c->timers && c->timers->due_ms <= now) {
		struct call *call = c->timers;
		c->timers = call->timer_next;
		call->timer_next = NULL;
		enum call_timer what = call->timer;
		call->timer = TIMER_NONE;
		if (what == TIMER_RETRY || what == TIMER_QUOTA)
			api_call_try(call);
		else
			api_call_finish(call);
		ran++;
	}
	return ran;
}

/* Finish from the next step, never inside the api_* call itself. */
static void
call_fail_later(struct call *call)
{
	timer_add(call->c, call, TIMER_FINISH, 0);
}

void
api_call_fail_later(struct call *call)
{
	call_fail_later(call);
}

/* --- calls -------------------------------------------------------------- */

struct call *
api_call_new(struct api_client *c, enum call_kind kind, const char *action,
	int64_t account, void *ctx)
{
	struct call *call = xcalloc(1, sizeof(*call));
	call->c = c;
	call->kind = kind;
	call->action = action;
	call->account = account == c->caller_account ? 0 : account;
	call->ctx = ctx;
	call->all_next = c->all;
	if (c->all)
		c->all->all_prev = call;
	c->all = call;
	if (kind != CALL_ASSUME_ROLE && kind != CALL_CALLER_IDENTITY) {
		call->counted = true;
		c->pending++;
	}
	return call;
}

static void call_free(struct call *call);

void
api_call_drop(struct call *call)
{
	call_free(call);
}

static void
call_free(struct call *call)
{
	struct api_client *c = call->c;
	if (call->all_prev)
		call->all_prev->all_next = call->all_next;
	else
		c->all = call->all_next;
	if (call->all_next)
		call->all_next->all_prev = call->all_prev;
	params_free(&call->query);
	params_wipe_free(&call->form);
	free(call->string_to_sign);
	err_free(&call->err);
	for (size_t i = 0; i < call->ntokens; i++)
		free(call->tokens[i]);
	free(call->tokens);
	if (call->list) {
		model_aggregator_list_free(call->list);
		free(call->list);
	}
	if (call->detail) {
		model_aggregator_detail_free(call->detail);
		free(call->detail);
	}
	if (call->recorder) {
		model_recorder_free(call->recorder);
		free(call->recorder);
	}
	api_rd_call_free(call);
	free(call);
}

static void
call_log(struct call *call)
{
	struct api_client *c = call->c;
	if (!c->log)
		return;
	double total = api_now_ms() - call->started_ms;
	/* the rest of the time: waiting for a transfer slot (or for the
	 * credentials), besides the retry backoff */
	double queue = total - call->wire_ms - (double)call->spent_delay_ms;
	struct api_log_entry le = {
		.when = time(NULL),
		.action = call->action,
		.account = call->kind == CALL_ASSUME_ROLE ? call->role->account :
			call->account,
		.http_status = call->http_status,
		/* A failure without an API Code still shows as one. */
		.code = call->err.kind == ERR_NONE ? "" : call->err.code[0] ?
			call->err.code : err_kind_name(call->err.kind),
		.request_id = call->request_id[0] ? call->request_id :
			call->err.request_id,
		.latency_ms = total,
		.queue_ms = queue > 0 ? queue : 0,
		.wire_ms = call->wire_ms,
		.attempts = call->attempts,
		.call_ctx = call->counted ? call->ctx : NULL,
	};
	c->log(c->log_ctx, &le);
}

/* Starts a fresh exchange (first page, next page, first try). */
void
api_call_begin(struct call *call)
{
	call->attempts = 0;
	call->throttled = 0;
	call->spent_delay_ms = 0;
	call->started_ms = api_now_ms();
	call->wire_ms = 0;
	err_free(&call->err);
	api_call_try(call);
}

/* --- building and signing one exchange ------------------------------------ */

/* STS calls go to the STS endpoint with the STS version. */
static bool
call_is_sts(const struct call *call)
{
	return call->kind == CALL_ASSUME_ROLE || call->kind == CALL_CALLER_IDENTITY;
}

/* Where an exchange goes and which API version it speaks. */
static void
call_service(const struct call *call, const char **prefix, const char **path,
	const char **version)
{
	const struct api_client *c = call->c;
	if (call_is_sts(call)) {
		*prefix = c->sts_prefix;
		*path = c->sts_path;
		*version = API_STS_VERSION;
	} else if (call->kind == CALL_LIST_DIRECTORY) {
		*prefix = c->rd_prefix;
		*path = c->rd_path;
		*version = RD_API_VERSION;
	} else {
		*prefix = c->config_prefix;
		*path = c->config_path;
		*version = API_CONFIG_VERSION;
	}
}

static void
api_query_string(const struct params *q, struct buf *out)
{
	params_canonical(q, out);
}

static void
call_build_v3(struct call *call, const struct creds_view *cv, bool sts,
	const char *body, size_t body_len, struct params *hdr, struct buf *url)
{
	const char *prefix, *path, *version;
	call_service(call, &prefix, &path, &version);
	(void)sts;
	char host[256], date[32], nonce[33], hash[65];
	url_authority(prefix, host, sizeof(host));
	sign_format_time(time(NULL), date);
	sign_nonce(nonce);
	if (body_len)
		sign_sha256_hex(body, body_len, hash);
	else
		snprintf(hash, sizeof(hash), "%s", SIGN_EMPTY_SHA256);

	params_add(hdr, "host", host);
	params_add(hdr, "x-acs-action", call->action);
	params_add(hdr, "x-acs-version", version);
	params_add(hdr, "x-acs-date", date);
	params_add(hdr, "x-acs-signature-nonce", nonce);
	params_add(hdr, "x-acs-content-sha256", hash);
	if (cv->token) {
		params_add(hdr, "x-acs-security-token", cv->token);
		params_add(hdr, "x-acs-accesskey-id", cv->ak);
	}
	if (body)
		params_add(hdr, "content-type",
			"application/x-www-form-urlencoded");

	struct sign_v3_input in = {
		.method = "POST",
		.pathname = path,
		.query = &call->query,
		.headers = hdr,
		.payload_hash = hash,
		.access_key_id = cv->ak,
		.access_key_secret = cv->secret,
	};
	struct sign_v3_output out;
	memset(&out, 0, sizeof(out));
	sign_v3(&in, &out);
	params_add(hdr, "Authorization", buf_str(&out.authorization));
	free(call->string_to_sign);
	call->string_to_sign = xstrdup(buf_str(&out.string_to_sign));
	sign_v3_output_free(&out);

	buf_printf(url, "%s%s", prefix, path);
	if (call->query.count) {
		buf_putc(url, '?');
		api_query_string(&call->query, url);
	}
}

static void
call_build_v2(struct call *call, const struct creds_view *cv, bool sts,
	bool has_body, struct params *hdr, struct buf *url)
{
	const char *prefix, *path, *version;
	call_service(call, &prefix, &path, &version);
	(void)sts;
	char host[256], date[32], nonce[33], sig[64];
	url_authority(prefix, host, sizeof(host));
	sign_format_time(time(NULL), date);
	sign_nonce(nonce);

	struct params q = PARAMS_INIT;
	params_add(&q, "Action", call->action);
	params_add(&q, "Version", version);
	params_add(&q, "Format", "JSON");
	params_add(&q, "AccessKeyId", cv->ak);
	params_add(&q, "SignatureMethod", "HMAC-SHA1");
	params_add(&q, "SignatureVersion", "1.0");
	params_add(&q, "SignatureNonce", nonce);
	params_add(&q, "Timestamp", date);
	if (cv->token)
		params_add(&q, "SecurityToken", cv->token);
	for (size_t i = 0; i < call->query.count; i++)
		params_add(&q, call->query.items[i].name, call->query.items[i].value);

	/* Signed over query and form together, sent apart. */
	struct params all = PARAMS_INIT;
	params_copy(&all, &q);
	for (size_t i = 0; i < call->form.count; i++)
		params_add(&all, call->form.items[i].name, call->form.items[i].value);
	struct buf sts_buf = BUF_INIT;
	sign_v2("POST", &all, cv->secret, &sts_buf, sig);
	/* It carries the token: shown with -v, so redacted now. */
	redact_text(&sts_buf, NULL, 0);
	free(call->string_to_sign);
	call->string_to_sign = xstrdup(buf_str(&sts_buf));
	buf_wipe_free(&sts_buf);
	params_wipe_free(&all);

	params_add(&q, "Signature", sig);
	buf_printf(url, "%s%s?", prefix, path);
	api_query_string(&q, url);
	params_wipe_free(&q);

	params_add(hdr, "host", host);
	if (has_body)
		params_add(hdr, "content-type",
			"application/x-www-form-urlencoded");
}

static void on_http_done(void *ctx, struct http_response *resp,
	const struct err *e);

void
api_call_send(struct call *call, const struct creds_view *cv)
{
	struct api_client *c = call->c;
	if (api_quota_wait(call))
		return;  /* its slot lies ahead: a timer brings it back */
	bool sts = call_is_sts(call);
	struct buf body = BUF_INIT;
	if (call->form.count)
		params_encode(&call->form, &body);
	struct params hdr = PARAMS_INIT;
	struct buf url = BUF_INIT;
	if (c->signature == SIGN_V2)
		call_build_v2(call, cv, sts, call->form.count > 0, &hdr, &url);
	else
		call_build_v3(call, cv, sts, call->form.count ? buf_str(&body) : NULL,
			body.len, &hdr, &url);
	params_add(&hdr, "accept", "application/json");

	call->attempts++;
	struct http_request rq = {
		.method = "POST",
		.url = buf_str(&url),
		.headers = &hdr,
		.body = call->form.count ? buf_str(&body) : NULL,
		.body_len = body.len,
		.max_body = api_answer_cap(call->kind),
	};
	if (http_submit(c->http, &rq, on_http_done, call, &call->err) < 0)
		call_fail_later(call);
	params_wipe_free(&hdr);
	buf_wipe_free(&url);   /* a V2 URL carries the token */
	buf_wipe_free(&body);
}

/* One try: find credentials (maybe waiting for AssumeRole or for the
 * caller's account), then send. */
void
api_call_try(struct call *call)
{
	err_free(&call->err);  /* the last try's error, if any */
	if (call->c->expired) {  /* past the deadline: nothing more is sent */
		api_deadline_err(call);
		call_fail_later(call);
		return;
	}
	struct creds_view cv;
	if (api_call_creds(call, &cv) == 0)
		api_call_send(call, &cv);
}

/* --- answers ------------------------------------------------------------ */

static void
call_parse_success(struct call *call, struct http_response *resp)
{
	const char *body = buf_str(&resp->body);
	size_t len = resp->body.len;
	struct err *e = &call->err;
	switch (call->kind) {
	case CALL_LIST: {
		char *token = NULL;
		if (model_parse_aggregators_page(body, len, call->list, &token,
			e) < 0)
			return;
		params_remove(&call->query, "NextToken");
		if (token) {
			for (size_t i = 0; i < call->ntokens; i++) {
				if (!strcmp(call->tokens[i], token)) {
					/* Following it would loop forever and
					 * the list may be incomplete: fail.
					 * No action prefix: callers add it. */
					free(token);
					err_set(e, ERR_PROTOCOL, "the server "
						"repeated a ListAggregators page "
						"token (NextToken) it had already "
						"given, on page %d; stopped rather "
						"than page forever",
						call->list->pages);
					snprintf(e->code, sizeof(e->code), "%s",
						"RepeatedNextToken");
					return;
				}
			}
		}
		if (token) {
			call->tokens = xrealloc(call->tokens,
				(call->ntokens + 1) * sizeof(*call->tokens));
			call->tokens[call->ntokens++] = token;
			params_add(&call->query, "NextToken", token);
		}
		return;
	}
	case CALL_GET_AGGREGATOR:
		call->detail = xcalloc(1, sizeof(*call->detail));
		if (model_parse_aggregator(body, len, call->detail, e) < 0) {
			free(call->detail);
			call->detail = NULL;
		}
		return;
	case CALL_STOP_RECORDER:
		api_stop_parse(call, body, len);
		return;
	case CALL_GET_RECORDER:
	case CALL_START_RECORDER:
		call->recorder = xcalloc(1, sizeof(*call->recorder));
		if (model_parse_recorder(body, len, call->recorder, e) < 0) {
			free(call->recorder);
			call->recorder = NULL;
		}
		return;
	case CALL_LIST_DIRECTORY:
		api_rd_parse_page(call, body, len);
		return;
	case CALL_ASSUME_ROLE:
		return;  /* parsed in on_http_done: secrets stay local */
	case CALL_CALLER_IDENTITY: {
		struct caller_identity id;
		if (model_parse_caller_identity(body, len, &id, e) < 0)
			return;
		call->identity = id.account_id;
		/* "Account" is a root AccessKey: it cannot assume roles. */
		call->c->caller_kind = id.identity_type &&
			!strcmp(id.identity_type, "Account") ? 1 : 2;
		if (!call->request_id[0])
			snprintf(call->request_id, sizeof(call->request_id), "%s",
				id.request_id);
		model_caller_identity_free(&id);
		return;
	}
	}
}

static void
call_classify(struct call *call, struct http_response *resp)
{
	struct err *e = &call->err;
	char host[256];
	if (resp->status >= 400) {
		model_parse_error(resp->status, buf_str(&resp->body),
			resp->body.len, e);
		if (!e->request_id[0])
			snprintf(e->request_id, sizeof(e->request_id), "%s",
				resp->request_id);
		if (resp->retry_after_ms > 0) {
			e->retry_after_ms = resp->retry_after_ms;
			e->retryable = true;
		}
		/* The message may echo what was signed, token and all. */
		struct buf msg = BUF_INIT;
		buf_puts(&msg, err_full_message(e));
		redact_text(&msg, NULL, 0);
		err_set_message(e, buf_str(&msg), msg.len);
		buf_free(&msg);
		if ((!strcmp(e->code, "SignatureDoesNotMatch") ||
			!strcmp(e->code, "IncompleteSignature")) &&
			call->string_to_sign)
			err_details(e)->client_string_to_sign =
				xstrdup(call->string_to_sign);
	} else if (resp->status < 200 || resp->status >= 300) {
		const char *prefix, *path, *version;
		call_service(call, &prefix, &path, &version);
		url_authority(prefix, host, sizeof(host));
		err_set(e, ERR_PROTOCOL, "%s: unexpected HTTP %ld from %s",
			call->action, resp->status, host);
		e->http_status = resp->status;
	}
}

/* A network failure names the endpoint (Config or STS) and what sets it,
 * so "cannot resolve host sts.aliyuncs.com" says how to point it
 * elsewhere (an emulator, a VPC endpoint). */
static void
call_name_endpoint(struct call *call)
{
	const char *name = "Config";
	const char *set_by = "--endpoint or ALIBABA_CLOUD_ENDPOINT, or --region";
	if (call_is_sts(call)) {
		name = "STS";
		set_by = "--sts-endpoint or ALIBABA_CLOUD_STS_ENDPOINT";
	} else if (call->kind == CALL_LIST_DIRECTORY) {
		name = "Resource Directory";
		set_by = "--rd-endpoint or ALIBABA_CLOUD_RD_ENDPOINT, or --region";
	}
	struct err *e = &call->err;
	err_prefix(e, "%s endpoint", name);
	size_t n = strlen(e->message);
	snprintf(e->message + n, sizeof(e->message) - n,
		" (set the %s endpoint with %s)", name, set_by);
}

static void
on_http_done(void *ctx, struct http_response *resp, const struct err *net)
{
	struct call *call = ctx;
	struct api_client *c = call->c;
	struct sts_credentials creds;
	memset(&creds, 0, sizeof(creds));
	bool have_creds = false;

	err_free(&call->err);
	call->wire_ms += resp->elapsed_ms;
	call->http_status = resp->status;
	snprintf(call->request_id, sizeof(call->request_id), "%s", resp->request_id);
	if (net->kind != ERR_NONE) {
		err_copy(&call->err, net);
		call_name_endpoint(call);
	} else {
		call_classify(call, resp);
	}
	if (call->err.kind == ERR_NONE) {
		if (call->kind == CALL_ASSUME_ROLE)
			have_creds = model_parse_assume_role(buf_str(&resp->body),
				resp->body.len, &creds, &call->err) == 0;
		else
			call_parse_success(call, resp);
		if (call->err.kind != ERR_NONE) {
			call->err.http_status = resp->status;
			snprintf(call->err.request_id, sizeof(call->err.request_id),
				"%s", resp->request_id);
		} else if (!call->request_id[0]) {
			/* No x-acs-request-id header: the body's RequestId. */
			const char *rid = have_creds ? creds.request_id :
				call->list ? call->list->request_id :
				call->detail ? call->detail->request_id :
				call->recorder ? call->recorder->request_id :
				call->dir_list ? call->dir_list->request_id : "";
			snprintf(call->request_id, sizeof(call->request_id), "%s", rid);
		}
	}
	call->err.attempts = call->attempts;

	if (call->err.kind != ERR_NONE && call->kind == CALL_START_RECORDER &&
		!strcmp(call->err.code, "ProcessIsRunning")) {
		/* Already starting: what the user asked for is under way. */
		call->recorder = xcalloc(1, sizeof(*call->recorder));
		call->recorder->status = RECORDER_BUILDING;
		call->recorder->status_raw = xstrdup(
			model_recorder_status_name(RECORDER_BUILDING));
		call->recorder->was_running = true;
		snprintf(call->recorder->request_id, sizeof(call->recorder->request_id),
			"%s", call->err.request_id);
		call_log(call);
		err_free(&call->err);
		call->err.attempts = call->attempts;
		api_call_finish(call);
		return;
	}
	if (call->err.kind != ERR_NONE && api_role_rejected(call)) {
		timer_add(c, call, TIMER_RETRY, 0);
		return;
	}
	if (call->err.kind != ERR_NONE) {
		/* "Try later": back through the limiter, within the budget. */
		long delay = api_quota_throttled(call);
		if (delay >= 0) {
			timer_add(c, call, TIMER_RETRY, delay);
			return;
		}
	}
	if (call->err.kind != ERR_NONE && !err_is_throttling(&call->err) &&
		retry_should(&call->err, call->is_write)) {
		long delay = retry_delay_ms(&c->retry,
			call->attempts - call->throttled,
			call->err.retry_after_ms, call->spent_delay_ms,
			api_random01(c));
		if (delay >= 0) {
			call->spent_delay_ms += delay;
			timer_add(c, call, TIMER_RETRY, delay);
			return;
		}
	}
	call_log(call);

	if (call->kind == CALL_ASSUME_ROLE) {
		api_role_done(call, have_creds ? &creds : NULL);
		model_sts_credentials_free(&creds);
		api_call_finish(call);
		return;
	}
	if (call->kind == CALL_LIST && call->err.kind == ERR_NONE) {
		if (!c->caller_account && call->list->count)
			c->caller_account = call->list->items[0].account_id;
		if (params_get(&call->query, "NextToken")) {
			if (call->list->pages >= API_MAX_LIST_PAGES) {
				err_set(&call->err, ERR_PROTOCOL, "ListAggregators "
					"gave more than %d pages (%d groups; a "
					"management account has at most 5): "
					"stopping", API_MAX_LIST_PAGES,
					API_MAX_LIST_PAGES * 100);
				snprintf(call->err.code, sizeof(call->err.code),
					"%s", "TooManyPages");
			} else {
				api_call_begin(call);
				return;
			}
		}
	}
	if (call->kind == CALL_LIST_DIRECTORY && call->err.kind == ERR_NONE &&
		api_rd_more(call)) {
		api_call_begin(call);
		return;
	}
	api_call_finish(call);
}

/* --- completion --------------------------------------------------------- */

static void
call_audit_after(struct call *call)
{
	struct api_client *c = call->c;
	const char *outcome = outcome_name(call->kind == CALL_STOP_RECORDER ?
		outcome_of_stop(&call->err) : outcome_of_start(&call->err,
		call->recorder));
	/* Cut off by the command's deadline: it may have been sent. */
	if (call->err.kind != ERR_NONE &&
		!strcmp(call->err.code, API_ERR_DEADLINE))
		outcome = outcome_name(OUTCOME_UNKNOWN);
	const char *rid = call->recorder ? call->recorder->request_id :
		call->err.request_id;
	struct err ae;
	err_clear(&ae);
	if (audit_after(c->audit_path, call->audit_id, c->audit_who,
		call->account ? call->account : c->caller_account,
		call->action, outcome, &call->err, rid, &ae) < 0 &&
		call->err.kind == ERR_NONE) {
		/* Done, but unrecorded: say so rather than report success. */
		char msg[sizeof(ae.message)];
		snprintf(msg, sizeof(msg), "%s", ae.message);
		err_set(&call->err, ERR_SYSTEM, "%s was accepted "
			"(RequestId %s) but its audit record failed: %s",
			call->action, rid, msg);
	}
}

void
api_call_finish(struct call *call)
{
	struct api_client *c = call->c;
	if ((call->kind == CALL_START_RECORDER || call->kind == CALL_STOP_RECORDER)
		&& call->audited) {
		/* Sent, answer lost: settled by reading back (api_settle.c),
		 * which finishes the call itself. */
		if (api_write_answer_lost(call) && api_settle_begin(call) == 0)
			return;
		if (call->audited)
			call_audit_after(call);
	}
	/* An AssumeRole ending any way at all releases its waiters. */
	if (call->kind == CALL_ASSUME_ROLE && call->role->inflight) {
		if (call->err.kind == ERR_NONE)
			err_set(&call->err, ERR_SYSTEM, "AssumeRole ended without "
				"credentials");
		api_role_done(call, NULL);
	}
	if (call->kind == CALL_CALLER_IDENTITY)
		api_identity_done(call);
	bool ok = call->err.kind == ERR_NONE;
	if (call->counted)
		c->pending--;
	switch (call->kind) {
	case CALL_LIST: {
		struct aggregator_list *l = ok ? call->list : NULL;
		if (ok)
			call->list = NULL;
		call->list_cb(call->ctx, &call->err, l);
		break;
	}
	case CALL_GET_AGGREGATOR: {
		struct aggregator_detail *d = ok ? call->detail : NULL;
		if (ok)
			call->detail = NULL;
		call->agg_cb(call->ctx, &call->err, d);
		break;
	}
	case CALL_GET_RECORDER:
	case CALL_START_RECORDER:
	case CALL_STOP_RECORDER: {
		struct recorder *r = ok ? call->recorder : NULL;
		if (ok)
			call->recorder = NULL;
		call->rec_cb(call->ctx, &call->err, r);
		break;
	}
	case CALL_LIST_DIRECTORY:
		api_rd_finish(call);
		break;
	case CALL_ASSUME_ROLE:
	case CALL_CALLER_IDENTITY:
		break;
	}
	call_free(call);
}

/* --- the public calls --------------------------------------------------- */

void
api_list_aggregators(struct api_client *c, api_aggregators_cb cb, void *ctx)
{
	struct call *call = api_call_new(c, CALL_LIST, "ListAggregators", 0, ctx);
	call->list_cb = cb;
	call->list = xcalloc(1, sizeof(*call->list));
	params_add(&call->query, "MaxResults", "100");
	api_call_begin(call);
}

void
api_get_aggregator(struct api_client *c, const char *aggregator_id,
	api_aggregator_cb cb, void *ctx)
{
	struct call *call = api_call_new(c, CALL_GET_AGGREGATOR, "GetAggregator", 0,
		ctx);
	call->agg_cb = cb;
	if (!aggregator_id || !*aggregator_id) {
		err_set(&call->err, ERR_USAGE, "GetAggregator: no aggregator id");
		call_fail_later(call);
		return;
	}
	params_add(&call->query, "AggregatorId", aggregator_id);
	api_call_begin(call);
}

void
api_get_recorder(struct api_client *c, int64_t account, api_recorder_cb cb,
	void *ctx)
{
	struct call *call = api_call_new(c, CALL_GET_RECORDER,
		"GetConfigurationRecorder", account, ctx);
	call->rec_cb = cb;
	api_call_begin(call);
}

void
api_start_recorder(struct api_client *c, int64_t account, api_recorder_cb cb,
	void *ctx)
{
	struct call *call = api_call_new(c, CALL_START_RECORDER,
		"StartConfigurationRecorder", account, ctx);
	call->rec_cb = cb;
	api_write_begin(call);
}

void
api_write_begin(struct call *call)
{
	struct api_client *c = call->c;
	call->is_write = true;
	/* The core's own read-only check: no front end can forget it. */
	if (c->readonly) {
		err_set(&call->err, ERR_REFUSED, "read-only mode (--readonly or "
			"readonly in the config file): %s not sent",
			call->action);
		call_fail_later(call);
		return;
	}
	/* The record names the account acted on, the caller's own too: learn
	 * it first (GetCallerIdentity, once per client). */
	if (!call->account && !c->caller_account && !c->identity_tried) {
		api_identity_wait(call);
		return;
	}
	/* No record, no call. */
	if (audit_before(c->audit_path, c->audit_who,
		call->account ? call->account : c->caller_account, call->action,
		call->audit_id, &call->err) < 0) {
		err_prefix(&call->err, "%s not sent", call->action);
		call_fail_later(call);
		return;
	}
	call->audited = true;
	api_call_begin(call);
}

/* --- the client --------------------------------------------------------- */

struct api_client *
api_client_new(const struct api_config *cfg, const struct cred *caller,
	struct err *e)
{
	if (!caller || !caller->access_key_id || !caller->access_key_secret) {
		err_set(e, ERR_CONFIG, "no credentials to sign with");
		return NULL;
	}
	if (caller->mode == CRED_RAM_ROLE_ARN &&
		(!caller->role_arn || !*caller->role_arn)) {
		err_set(e, ERR_CONFIG, "%s: RamRoleArn credentials without a "
			"role ARN", caller->origin ? caller->origin : "credentials");
		return NULL;
	}
	struct api_client *c = xcalloc(1, sizeof(*c));
	cred_copy(&c->caller, caller);
	c->signature = cfg->signature == SIGN_V2 ? SIGN_V2 : SIGN_V3;
	c->role_name = xstrdup(cfg->role_name && *cfg->role_name ?
		cfg->role_name : API_DEFAULT_ROLE);
	c->audit_path = xstrdup(cfg->audit_path);
	const char *who = cfg->audit_who;
	if (!who || !*who)
		who = caller->profile ? caller->profile : caller->origin;
	c->audit_who = xstrdup(who ? who : "");
	c->log = cfg->log;
	c->log_ctx = cfg->log_ctx;
	if (cfg->deadline_s > 0) {
		c->deadline_s = cfg->deadline_s;
		c->deadline_ms = api_now_ms() + (double)cfg->deadline_s * 1000.0;
	}
	/* A zeroed policy (max_attempts 0) means the defaults; otherwise the
	 * delays that are unset take theirs, but a total budget of 0 is kept:
	 * it means "never wait", which --retry-budget 0 asks for. */
	struct retry_policy def;
	retry_policy_default(&def);
	c->retry = cfg->retry.max_attempts > 0 ? cfg->retry : def;
	c->readonly = cfg->readonly;
	if (c->retry.base_delay_ms <= 0)
		c->retry.base_delay_ms = def.base_delay_ms;
	if (c->retry.max_delay_ms <= 0)
		c->retry.max_delay_ms = def.max_delay_ms;
	if (c->retry.max_total_delay_ms < 0)
		c->retry.max_total_delay_ms = def.max_total_delay_ms;

	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	c->rng = ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)ts.tv_nsec ^
		((uint64_t)getpid() << 16) ^ (uint64_t)(uintptr_t)c;
	if (!c->rng)
		c->rng = 0x2545F4914F6CDD1DULL;

	const char *sts = cfg->sts_endpoint && *cfg->sts_endpoint ?
		cfg->sts_endpoint : caller->sts_endpoint && *caller->sts_endpoint ?
		caller->sts_endpoint : "sts.aliyuncs.com";
	if (!cfg->endpoint || !*cfg->endpoint) {
		err_set(e, ERR_CONFIG, "no Config endpoint");
		goto fail;
	}
	if (url_split(cfg->endpoint, "the Config endpoint", &c->config_prefix,
		&c->config_path, e) < 0)
		goto fail;
	if (url_split(sts, "the STS endpoint", &c->sts_prefix, &c->sts_path,
		e) < 0)
		goto fail;
	if (cfg->rd_endpoint && *cfg->rd_endpoint &&
		url_split(cfg->rd_endpoint, "the Resource Directory endpoint",
		&c->rd_prefix, &c->rd_path, e) < 0)
		goto fail;
	struct http_options ho = {
		.concurrency = cfg->concurrency,
		.connect_timeout_ms = cfg->connect_timeout_ms,
		.timeout_ms = cfg->timeout_ms,
		.ca_bundle = cfg->ca_bundle,
		.max_body = API_MAX_BODY,
	};
	c->http = http_client_new(&ho, e);
	if (!c->http)
		goto fail;
	if (!cfg->no_quota)
		c->quota = quota_limiter_new(cfg->quotas);
	api_roles_init(c);
	return c;
fail:
	api_client_free(c);
	return NULL;
}

void
api_client_free(struct api_client *c)
{
	if (!c)
		return;
	http_client_free(c->http);  /* drops transfers, no callbacks */
	while (c->all)
		call_free(c->all);
	api_roles_free(c);
	err_free(&c->identity_err);
	quota_limiter_free(c->quota);
	cred_free(&c->caller);
	free(c->config_prefix);
	free(c->config_path);
	free(c->sts_prefix);
	free(c->sts_path);
	free(c->rd_prefix);
	free(c->rd_path);
	free(c->role_name);
	free(c->audit_path);
	free(c->audit_who);
	free(c);
}

void
api_client_set_caller_account(struct api_client *c, int64_t account)
{
	c->caller_account = account;
}

bool
api_client_caller_is_root(const struct api_client *c)
{
	return c->caller_kind == 1;
}

int64_t
api_client_caller_account(const struct api_client *c)
{
	return c->caller_account;
}

int
api_client_step(struct api_client *c, int timeout_ms)
{
	int wait = timeout_ms < 0 ? API_LONG_WAIT_MS : timeout_ms;
	if (timer_run_due(c) > 0)
		wait = 0;  /* callbacks ran: let the caller see them */
	if (c->timers) {
		long long left = c->timers->due_ms - (long long)api_now_ms();
		if (left < 0)
			left = 0;
		if (left < wait)
			wait = (int)left;
	}
	http_client_step(c->http, wait);
	timer_run_due(c);
	return c->pending;
}


int
api_client_pending(const struct api_client *c)
{
	return c->pending;
}

void
api_client_wakeup(struct api_client *c)
{
	http_client_wakeup(c->http);
}
