/* batch: the scriptable commands, on the same client as the TUI.
 *
 * Each command issues its calls, drives the client until nothing is
 * pending, then prints. Errors go to stderr as "alicfg: " + err_format(),
 * with every secret we know of scrubbed first. */
#include "config.h"

#include "batch.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "api.h"
#include "batch_impl.h"
#include "buf.h"
#include "completion.h"
#include "cred.h"
#include "outcome.h"
#include "output.h"
#include "params.h"
#include "redact.h"
#include "session.h"
#include "text.h"
#include "version.h"


/* --- printing errors without secrets --- */

/* Scrub text that may echo a request: our secret and token in any
 * encoding, and any SecurityToken parameter at all (a member's token). */
static void
batch_scrub(const struct batch *b, struct buf *text)
{
	const char *secrets[] = { b->session.cred.access_key_secret,
		b->session.cred.security_token };
	redact_text(text, secrets, 2);
}

/* Where the server's echoed string-to-sign starts in a message, or NULL. */
static const char *
batch_server_sts(const char *message, const char **cut)
{
	static const char *const marks[] = {
		"server string to sign is", "server stringtosign is",
		"string to sign is", "stringtosign is",
	};
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		const char *hit = strcasestr(message, marks[i]);
		if (!hit)
			continue;
		*cut = hit;
		const char *p = hit + strlen(marks[i]);
		while (*p == ':' || *p == ' ' || *p == '[')
			p++;
		return p;
	}
	return NULL;
}

/* One line: newlines and other controls shown as \n, \xNN. */
static void
batch_escape(struct buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			buf_puts(out, "\\n");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(out, "\\x%02x", c);
		else
			buf_putc(out, (char)c);
	}
}

/* A line for stderr: every byte from outside made safe (text.h). */
static void
batch_eputs(const char *line)
{
	text_put_line(stderr, line);
}

void
batch_print_err(struct batch *b, const char *context, const struct err *e)
{
	struct err shown = *e;  /* for err_format only: details not owned */
	const char *full = err_full_message(e);
	const char *cut = NULL;
	const char *server = batch_server_sts(full, &cut);
	bool sig = !strcmp(e->code, "SignatureDoesNotMatch") ||
		!strcmp(e->code, "IncompleteSignature");
	/* The echoed string-to-sign is for -v; keep the main line short. */
	if (server && cut) {
		size_t keep = (size_t)(cut - full);
		while (keep && (full[keep - 1] == ' ' || full[keep - 1] == ':'))
			keep--;
		if (keep < sizeof(shown.message))
			shown.message[keep] = '\0';
	}
	char line[2048];
	err_format(&shown, line, sizeof(line));
	struct buf text = BUF_INIT;
	buf_puts(&text, "alicfg: ");
	if (context)
		buf_printf(&text, "%s: ", context);
	buf_puts(&text, line);
	batch_scrub(b, &text);
	batch_eputs(buf_str(&text));
	buf_free(&text);
	if (sig && b->o->verbose) {
		struct buf ours = BUF_INIT, theirs = BUF_INIT;
		buf_puts(&ours, "alicfg: our string-to-sign:    ");
		const char *mine = e->details ?
			e->details->client_string_to_sign : NULL;
		if (mine && mine[0])
			batch_escape(&ours, mine, strlen(mine));
		else
			buf_puts(&ours, "(not recorded)");
		buf_puts(&theirs, "alicfg: server string-to-sign: ");
		if (server) {
			size_t n = strlen(server);
			if (n && server[n - 1] == ']')
				n--;
			batch_escape(&theirs, server, n);
		} else {
			buf_puts(&theirs, "(not in the server's message)");
		}
		batch_scrub(b, &ours);
		batch_scrub(b, &theirs);
		batch_eputs(buf_str(&ours));
		batch_eputs(buf_str(&theirs));
		buf_free(&ours);
		buf_free(&theirs);
	} else if (sig) {
		fputs("alicfg: run with -v to compare our string-to-sign with the server's\n",
			stderr);
	}
	int rc = err_exit_code(e);
	if (rc > b->rc)
		b->rc = rc;
}

/* -v: one line per finished request. */
static void
batch_log(void *ctx, const struct api_log_entry *l)
{
	(void)ctx;
	char account[24] = "-";
	if (l->account)
		snprintf(account, sizeof(account), "%" PRId64, l->account);
	struct buf line = BUF_INIT;
	buf_printf(&line, "alicfg: %s account=%s status=%ld code=%s request=%s %.1fms queue=%.1fms wire=%.1fms attempts=%d",
		l->action ? l->action : "?", account, l->http_status,
		l->code && l->code[0] ? l->code : "-",
		l->request_id && l->request_id[0] ? l->request_id : "-",
		l->latency_ms, l->queue_ms, l->wire_ms, l->attempts);
	batch_eputs(buf_str(&line));
	buf_free(&line);
}

static void
batch_warn(void *ctx, const char *message)
{
	(void)ctx;
	struct buf line = BUF_INIT;
	buf_printf(&line, "alicfg: warning: %s", message);
	batch_eputs(buf_str(&line));
	buf_free(&line);
}

/* --- callbacks --- */

void
batch_on_list(void *ctx, const struct err *e, struct aggregator_list *list)
{
	struct batch *b = ctx;
	if (err_failed(e))
		err_copy(&b->list_err, e);
	else
		b->list = list;
}

void
batch_on_group(void *ctx, const struct err *e, struct aggregator_detail *d)
{
	struct batch_group_call *call = ctx;
	struct batch *b = call->b;
	if (err_failed(e)) {
		char context[160];
		snprintf(context, sizeof(context), "GetAggregator %s",
			b->list ? b->list->items[call->index].id : "?");
		batch_print_err(b, context, e);
		return;
	}
	b->details[call->index] = d;
}

void
batch_on_one_group(void *ctx, const struct err *e, struct aggregator_detail *d)
{
	struct batch *b = ctx;
	if (err_failed(e)) {
		err_free(&b->call_err);
		err_copy(&b->call_err, e);
	} else {
		b->details[0] = d;
	}
}

void
batch_on_recorder(void *ctx, const struct err *e, struct recorder *r)
{
	struct batch *b = ctx;
	if (err_failed(e)) {
		err_free(&b->call_err);
		err_copy(&b->call_err, e);
	} else {
		b->recorder = r;
	}
}

/* --- commands --- */

static int
batch_aggregators(struct batch *b)
{
	api_list_aggregators(b->client, batch_on_list, b);
	api_client_run(b->client);
	if (!b->list) {
		batch_print_err(b, NULL, &b->list_err);
		return b->rc;
	}
	struct err e;
	err_clear(&e);
	if (output_aggregators(stdout, b->o->output, b->color, b->list, &e) < 0)
		batch_print_err(b, NULL, &e);
	return b->rc;
}

const char *
batch_member_status(const struct member *m)
{
	if (m->status != RECORDER_UNKNOWN)
		return model_recorder_status_name(m->status);
	return m->status_raw ? m->status_raw : "UNKNOWN";
}

const char *
batch_status_name(const struct recorder *r)
{
	if (r->status != RECORDER_UNKNOWN)
		return model_recorder_status_name(r->status);
	return r->status_raw ? r->status_raw : "UNKNOWN";
}

/* Rows of every fetched group, in list order, filtered by --status. */
static int
batch_print_accounts(struct batch *b, struct aggregator_detail **details,
	size_t ndetails)
{
	size_t n = 0, cap = 0;
	struct output_account_row *rows = NULL;
	for (size_t g = 0; g < ndetails; g++) {
		const struct aggregator_detail *d = details[g];
		if (!d)
			continue;
		for (size_t i = 0; i < d->nmembers; i++) {
			const struct member *m = &d->members[i];
			if (!options_status_selected(b->o->status_filter,
			    batch_member_status(m)))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				rows = xrealloc(rows, cap * sizeof(*rows));
			}
			rows[n].group = &d->agg;
			rows[n].member = m;
			n++;
		}
	}
	struct err e;
	err_clear(&e);
	if (output_accounts(stdout, b->o->output, b->color, rows, n, &e) < 0)
		batch_print_err(b, NULL, &e);
	free(rows);
	return b->rc;
}

/* `accounts NAME`: the group whose name is NAME, when exactly one is;
 * else a usage error listing the candidates. Returns its id (owned by
 * b->list) or NULL after printing why. */
static const char *
batch_group_by_name(struct batch *b, const char *name)
{
	api_list_aggregators(b->client, batch_on_list, b);
	api_client_run(b->client);
	if (!b->list) {
		batch_print_err(b, "ListAggregators", &b->list_err);
		return NULL;
	}
	const struct aggregator_list *l = b->list;
	size_t exact = 0, folded = 0;
	const char *exact_id = NULL, *folded_id = NULL;
	for (size_t i = 0; i < l->count; i++) {
		const char *n = l->items[i].name ? l->items[i].name : "";
		if (!strcmp(n, name)) {
			exact++;
			exact_id = l->items[i].id;
		} else if (!strcasecmp(n, name)) {
			folded++;
			folded_id = l->items[i].id;
		}
	}
	if (exact == 1)
		return exact_id;
	if (exact == 0 && folded == 1)
		return folded_id;
	struct buf list = BUF_INIT, shown = BUF_INIT;
	size_t listed = 0;
	text_safe(&shown, name, OUTPUT_NAME_MAX_COLS);
	for (size_t i = 0; i < l->count; i++) {
		const char *n = l->items[i].name ? l->items[i].name : "";
		/* Several matches: only those; none: every group. */
		if ((exact > 1 && strcmp(n, name)) ||
		    (exact == 0 && folded > 1 && strcasecmp(n, name)))
			continue;
		buf_puts(&list, listed++ ? ", " : "");
		text_safe(&list, l->items[i].id, 0);
		buf_puts(&list, " (");
		text_safe(&list, n, OUTPUT_NAME_MAX_COLS);
		buf_puts(&list, ")");
	}
	struct err e;
	if (exact > 1 || folded > 1)
		err_set(&e, ERR_USAGE, "accounts: %zu groups are named '%s': "
			"%s; give the id of the one you mean",
			exact > 1 ? exact : folded, buf_str(&shown),
			buf_str(&list));
	else if (listed)
		err_set(&e, ERR_USAGE, "accounts: no group is named '%s' "
			"(groups: %s)", buf_str(&shown), buf_str(&list));
	else
		err_set(&e, ERR_USAGE, "accounts: no group is named '%s' (the "
			"caller has no account groups)", buf_str(&shown));
	buf_free(&list);
	buf_free(&shown);
	batch_print_err(b, NULL, &e);
	return NULL;
}

static int
batch_accounts_one(struct batch *b)
{
	const char *id = b->o->aggregator_id;
	if (strncmp(id, "ca-", 3) != 0) {
		id = batch_group_by_name(b, id);
		if (!id)
			return b->rc;
	}
	b->details = xcalloc(1, sizeof(*b->details));
	b->ndetails = 1;
	api_get_aggregator(b->client, id, batch_on_one_group, b);
	api_client_run(b->client);
	if (!b->details[0]) {
		char context[200];
		snprintf(context, sizeof(context), "GetAggregator %s", id);
		batch_print_err(b, context, &b->call_err);
		return b->rc;
	}
	return batch_print_accounts(b, b->details, 1);
}

/* The list first, then every group at once: the client bounds how many
 * are in flight (--concurrency). */
static int
batch_accounts_all(struct batch *b)
{
	api_list_aggregators(b->client, batch_on_list, b);
	api_client_run(b->client);
	if (!b->list) {
		batch_print_err(b, "ListAggregators", &b->list_err);
		return b->rc;
	}
	size_t n = b->list->count;
	b->details = xcalloc(n ? n : 1, sizeof(*b->details));
	b->ndetails = n;
	struct batch_group_call *calls = xcalloc(n ? n : 1, sizeof(*calls));
	for (size_t i = 0; i < n; i++) {
		calls[i].b = b;
		calls[i].index = i;
		api_get_aggregator(b->client, b->list->items[i].id,
			batch_on_group, &calls[i]);
	}
	api_client_run(b->client);
	free(calls);
	/* A complete load is the record `alicfg diff` compares with. */
	if (b->rc == 0)
		batch_snapshot_after_load(b);
	/* Print what arrived even when some groups failed (exit 1 then). */
	return batch_print_accounts(b, b->details, n);
}

/* One account's call of `recorder` or `enable`. */
struct batch_account_call {
	struct batch *b;
	int64_t account;          /* 0: the caller's own */
	char *name;               /* for the question and the output, or NULL */
	struct recorder *recorder;
	struct err err;
	bool done;
};

static void
batch_on_account_recorder(void *ctx, const struct err *e, struct recorder *r)
{
	struct batch_account_call *call = ctx;
	call->done = true;
	if (err_failed(e)) {
		err_free(&call->err);
		err_copy(&call->err, e);
	} else {
		call->recorder = r;
	}
}

/* The accounts asked for (0: the caller's own, when none was). */
static struct batch_account_call *
batch_account_calls(struct batch *b, size_t *n)
{
	const struct account_list *l = &b->o->accounts;
	*n = l->count ? l->count : 1;
	struct batch_account_call *calls = xcalloc(*n, sizeof(*calls));
	for (size_t i = 0; i < *n; i++) {
		calls[i].b = b;
		calls[i].account = l->count ? l->ids[i] : 0;
		err_clear(&calls[i].err);
	}
	return calls;
}

static void
batch_account_calls_free(struct batch_account_call *calls, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(calls[i].name);
		err_free(&calls[i].err);
		if (calls[i].recorder) {
			model_recorder_free(calls[i].recorder);
			free(calls[i].recorder);
		}
	}
	free(calls);
}

static void
batch_print_call_err(struct batch *b, const char *action,
	const struct batch_account_call *call)
{
	char context[128];
	if (call->account)
		snprintf(context, sizeof(context), "%s for %" PRId64, action,
			call->account);
	else
		snprintf(context, sizeof(context), "%s", action);
	batch_print_err(b, context, &call->err);
}

static int
batch_recorder(struct batch *b)
{
	size_t n;
	struct batch_account_call *calls = batch_account_calls(b, &n);
	for (size_t i = 0; i < n; i++)
		api_get_recorder(b->client, calls[i].account,
			batch_on_account_recorder, &calls[i]);
	api_client_run(b->client);
	struct output_result *res = xcalloc(n, sizeof(*res));
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (!calls[i].recorder)
			batch_print_call_err(b, "GetConfigurationRecorder",
				&calls[i]);
		if (!calls[i].account)
			calls[i].account = api_client_caller_account(b->client);
		/* One account: its block, or only the error above. */
		if (!calls[i].recorder && !b->o->accounts_listed)
			continue;
		res[shown].account = calls[i].account;
		res[shown].recorder = calls[i].recorder;
		res[shown].err = &calls[i].err;
		shown++;
	}
	struct err e;
	err_clear(&e);
	if (shown && output_recorders(stdout, b->o->output, b->color, res,
	    shown, b->o->accounts_listed, &e) < 0)
		batch_print_err(b, NULL, &e);
	free(res);
	batch_account_calls_free(calls, n);
	return b->rc;
}

/* Names for the question, from the directory-wide group when there is one
 * (else the first); any failure just leaves the names out. Also learns the
 * caller's own account for a call about it. */
static void
batch_lookup_names(struct batch *b, struct batch_account_call *calls,
	size_t n)
{
	api_list_aggregators(b->client, batch_on_list, b);
	api_client_run(b->client);
	if (!b->list)
		return;
	for (size_t i = 0; i < n; i++)
		if (!calls[i].account)
			calls[i].account = api_client_caller_account(b->client);
	const struct aggregator *rd = NULL;
	for (size_t i = 0; i < b->list->count && !rd; i++)
		if (b->list->items[i].type && !strcmp(b->list->items[i].type, "RD"))
			rd = &b->list->items[i];
	if (!rd && b->list->count)
		rd = &b->list->items[0];
	if (!rd)
		return;
	b->details = xcalloc(1, sizeof(*b->details));
	b->ndetails = 1;
	api_get_aggregator(b->client, rd->id, batch_on_one_group, b);
	api_client_run(b->client);
	err_free(&b->call_err);
	if (!b->details[0])
		return;
	const struct aggregator_detail *d = b->details[0];
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < d->nmembers && !calls[i].name; j++)
			if (d->members[j].account_id == calls[i].account &&
			    calls[i].account)
				calls[i].name = xstrdup(d->members[j].name);
}

char *
batch_lookup_name(struct batch *b, int64_t *account)
{
	struct batch_account_call call = {.b = b, .account = *account};
	batch_lookup_names(b, &call, 1);
	*account = call.account;
	return call.name;
}

bool
batch_confirm(const char *question)
{
	char answer[32];
	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (!fgets(answer, sizeof(answer), stdin))
		return false;
	answer[strcspn(answer, "\r\n")] = '\0';
	return !strcasecmp(answer, "y") || !strcasecmp(answer, "yes");
}

static void
batch_label(struct buf *q, const struct batch_account_call *call)
{
	if (call->name) {
		text_safe(q, call->name, OUTPUT_NAME_MAX_COLS);
		buf_printf(q, " (%" PRId64 ")", call->account);
	} else if (call->account) {
		buf_printf(q, "%" PRId64, call->account);
	} else {
		buf_puts(q, "your own account");
	}
}

#define BATCH_CONFIRM_NAMES 10

static bool
batch_enable_confirm(struct batch *b, struct batch_account_call *calls,
	size_t n)
{
	struct buf q = BUF_INIT;
	batch_lookup_names(b, calls, n);
	if (n == 1 && !calls[0].account) {
		buf_puts(&q, "Start the configuration recorder for your own account?");
	} else if (n == 1) {
		buf_puts(&q, "Start the configuration recorder for account ");
		batch_label(&q, &calls[0]);
		buf_puts(&q, "?");
	} else {
		buf_printf(&q, "Start the configuration recorder for %zu "
			"accounts: ", n);
		for (size_t i = 0; i < n && i < BATCH_CONFIRM_NAMES; i++) {
			buf_puts(&q, i ? ", " : "");
			batch_label(&q, &calls[i]);
		}
		if (n > BATCH_CONFIRM_NAMES)
			buf_printf(&q, " and %zu more", n - BATCH_CONFIRM_NAMES);
		buf_puts(&q, "?");
	}
	bool yes = batch_confirm(buf_str(&q));
	buf_free(&q);
	return yes;
}

/* Every account at once: the client bounds what is in flight and paces
 * the starts (quotas are the core's business). One line per account, then
 * a summary; exit 0 only when every account ended on or turning on
 * (outcome_ended_on). */
static int
batch_enable(struct batch *b)
{
	size_t n;
	struct batch_account_call *calls = batch_account_calls(b, &n);
	struct err e;
	err_clear(&e);
	if (!b->o->yes && !batch_enable_confirm(b, calls, n)) {
		err_set(&e, ERR_REFUSED, "not confirmed: the recorder was not started");
		batch_print_err(b, NULL, &e);
		batch_account_calls_free(calls, n);
		return b->rc;
	}
	for (size_t i = 0; i < n; i++)
		api_start_recorder(b->client, calls[i].account,
			batch_on_account_recorder, &calls[i]);
	api_client_run(b->client);
	struct output_result *res = xcalloc(n, sizeof(*res));
	int counts[OUTCOME_COUNT] = {0};
	bool all_ok = true;
	for (size_t i = 0; i < n; i++) {
		if (!calls[i].recorder) {
			batch_print_call_err(b, "StartConfigurationRecorder failed",
				&calls[i]);
			cmd_access_hint(b, calls[i].account, &calls[i].err);
		}
		if (!calls[i].account)
			calls[i].account = api_client_caller_account(b->client);
		res[i].account = calls[i].account;
		res[i].name = calls[i].name;
		res[i].recorder = calls[i].recorder;
		res[i].err = &calls[i].err;
		res[i].outcome = outcome_of_start(&calls[i].err,
			calls[i].recorder);
		counts[res[i].outcome]++;
		if (!outcome_ended_on(res[i].outcome, calls[i].recorder))
			all_ok = false;
		if (calls[i].recorder && calls[i].recorder->answer_lost) {
			struct buf note = BUF_INIT;
			buf_printf(&note, "alicfg: StartConfigurationRecorder for "
				"%" PRId64 ": request sent, answer lost; recorder "
				"is now %s (read back; the audit log has a "
				"\"settled\" record)", calls[i].account,
				calls[i].recorder->status_raw ?
				calls[i].recorder->status_raw :
				model_recorder_status_name(
				calls[i].recorder->status));
			batch_eputs(buf_str(&note));
			buf_free(&note);
		}
	}
	if (output_enable(stdout, b->o->output, b->color, res, n,
	    b->o->accounts_listed, &e) < 0)
		batch_print_err(b, NULL, &e);
	char summary[256];
	outcome_summary(counts, summary, sizeof(summary));
	/* Text: part of the report; JSON and CSV keep stdout machine-only. */
	if (b->o->output == OUTPUT_TABLE)
		printf("enable: %s\n", summary);
	else
		fprintf(stderr, "alicfg: enable: %s\n", summary);
	fflush(stdout);
	if (!all_ok && b->rc == 0)
		b->rc = 1;
	free(res);
	batch_account_calls_free(calls, n);
	return b->rc;
}

/* --dry-run for each account given, in order (cmd_directory.c reads the
 * one in o->account). */
static int
batch_enable_dry_run(struct batch *b)
{
	const struct account_list *l = &b->o->accounts;
	if (l->count <= 1)
		return cmd_enable_dry_run(b);
	char *first = b->o->account;
	for (size_t i = 0; i < l->count; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, l->ids[i]);
		b->o->account = id;
		if (b->recorder) {
			model_recorder_free(b->recorder);
			free(b->recorder);
			b->recorder = NULL;
		}
		err_free(&b->call_err);
		cmd_enable_dry_run(b);
	}
	b->o->account = first;
	return b->rc;
}

/* --- set-up --- */

static bool
batch_want_color(const struct options *o)
{
	const char *term = getenv("TERM");
	if (o->no_color || o->output != OUTPUT_TABLE)
		return false;
	if (!isatty(STDOUT_FILENO))
		return false;
	return term && *term && strcmp(term, "dumb") != 0;
}

/* "profile 'x' (origin), key LTAI****abcd": who acted, for the audit log. */
/* Refusals that need no network: checked before credentials. */
static int
batch_check_refusals(struct batch *b)
{
	struct err e;
	if (b->o->command != CMD_ENABLE && b->o->command != CMD_STOP)
		return 0;
	if (b->o->dry_run)
		return 0;  /* writes nothing, asks nothing */
	bool stop = b->o->command == CMD_STOP;
	if (b->o->readonly) {
		err_set(&e, ERR_REFUSED,
			"read-only mode (--readonly or readonly in the config file): %s is refused",
			stop ? "stop" : "enable");
		batch_print_err(b, NULL, &e);
		return -1;
	}
	if (!b->o->yes && !isatty(STDIN_FILENO)) {
		err_set(&e, ERR_REFUSED,
			"%s needs confirmation and there is no terminal to ask on: pass --yes to %s the recorder",
			stop ? "stop" : "enable", stop ? "stop" : "start");
		batch_print_err(b, NULL, &e);
		return -1;
	}
	return 0;
}

static int
batch_setup(struct batch *b)
{
	struct options *o = b->o;
	struct err e;
	err_clear(&e);
	if (o->verbose) {
		/* Once, first: what a bug report needs, even if setup fails. */
		version_print_verbose(stderr);
	}
	struct session_request req = {
		.opts = o,
		.front_end = "batch",
		.profile = options_profile_flag(o),
		.region = options_region_flag(o),
		.warn = batch_warn,
	};
	if (session_open(&b->session, &req, &e) < 0) {
		batch_print_err(b, NULL, &e);
		return -1;
	}
	b->have_session = true;
	if (o->verbose) {
		char line[4096];
		session_describe(&b->session, line, sizeof(line));
		struct buf full = BUF_INIT;
		buf_printf(&full, "alicfg: %s", line);
		batch_eputs(buf_str(&full));
		buf_free(&full);
	}
	b->session.api.log = o->verbose ? batch_log : NULL;
	b->session.api.deadline_s = o->timeout_seconds;
	b->session.api.log_ctx = b;
	b->client = api_client_new(&b->session.api, &b->session.cred, &e);
	if (!b->client) {
		batch_print_err(b, NULL, &e);
		return -1;
	}
	return 0;
}

static void
batch_free(struct batch *b)
{
	if (b->details) {
		for (size_t i = 0; i < b->ndetails; i++) {
			if (b->details[i]) {
				model_aggregator_detail_free(b->details[i]);
				free(b->details[i]);
			}
		}
		free(b->details);
	}
	if (b->list) {
		model_aggregator_list_free(b->list);
		free(b->list);
	}
	if (b->recorder) {
		model_recorder_free(b->recorder);
		free(b->recorder);
	}
	if (b->client)
		api_client_free(b->client);
	err_free(&b->list_err);
	err_free(&b->call_err);
	if (b->have_session)
		session_close(&b->session);
}

int
batch_main(struct options *o)
{
	struct batch b;
	memset(&b, 0, sizeof(b));
	b.o = o;
	switch (o->command) {
	case CMD_HELP:
		options_print_help(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	case CMD_VERSION:
		version_print(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	case CMD_COMPLETION:
		return completion_print(stdout, o->completion) == 0 ? 0 : 1;
	case CMD_TUI:
		fputs("alicfg: no command given (the terminal UI is not part of this build)\n", stderr);
		options_print_help(stderr);
		return 2;
	default:
		break;
	}
	b.color = batch_want_color(o);
	if (batch_check_refusals(&b) < 0)
		return b.rc;
	if (batch_setup(&b) < 0) {
		batch_free(&b);
		return b.rc;
	}
	switch (o->command) {
	case CMD_AGGREGATORS:
		batch_aggregators(&b);
		break;
	case CMD_ACCOUNTS:
		if (o->all)
			batch_accounts_all(&b);
		else
			batch_accounts_one(&b);
		break;
	case CMD_RECORDER:
		batch_recorder(&b);
		break;
	case CMD_ENABLE:
		if (o->dry_run)
			batch_enable_dry_run(&b);
		else
			batch_enable(&b);
		break;
	case CMD_DIRECTORY:
		cmd_directory(&b);
		break;
	case CMD_COVERAGE:
		cmd_coverage(&b);
		break;
	case CMD_STOP:
		cmd_stop(&b);
		break;
	case CMD_DIFF:
		cmd_diff(&b);
		break;
	case CMD_CHECK:
		cmd_check(&b);
		break;
	default:
		break;
	}
	int rc = b.rc;
	batch_free(&b);
	return rc;
}
