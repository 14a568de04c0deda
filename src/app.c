/* app: connecting, refresh scheduling, throttle backoff and result routing.
 * See app.h; the enable flow is in app_enable.c. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_impl.h"
#include "buf.h"
#include "url.h"
#include "session.h"

#define DEFAULT_REFRESH_S 60
#define MIN_REFRESH_S 10
#define DEFAULT_POLL_MS 3000
#define MAX_BACKOFF 8

static long long
monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long
app_now(const struct app *a)
{
	return a->set.now_ms ? a->set.now_ms() : monotonic_ms();
}

/* ---- messages ----------------------------------------------------------- */

void
app_status(struct app *a, enum app_level level, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (a->hooks.status)
		a->hooks.status(a->hooks.ctx, level, text);
}

void
app_format_err(const char *what, const struct err *e, char *out,
	size_t outsz)
{
	/* Code and RequestId first: the message may not fit on the line */
	if (e->kind == ERR_API && e->code[0]) {
		const char *hint = err_hint(e);
		snprintf(out, outsz, "%s: %s (HTTP %ld)%s%s: %s%s%s",
			what, e->code, e->http_status,
			e->request_id[0] ? " RequestId " : "", e->request_id,
			e->message, hint ? " - " : "", hint ? hint : "");
		return;
	}
	char msg[900];
	err_format(e, msg, sizeof(msg));
	snprintf(out, outsz, "%s: %s", what, msg);
}

void
app_status_err(struct app *a, const char *what, const struct err *e)
{
	char text[1024];
	app_format_err(what, e, text, sizeof(text));
	app_status(a, APP_ERROR, "%s", text);
}

/* ---- the job sink: the worker ------------------------------------------- */

static void
worker_jobs_submit(void *ctx, enum worker_kind kind, const char *group_id,
	int64_t account, enum worker_priority prio)
{
	worker_submit(ctx, kind, group_id, account, prio);
}

static struct worker_result *
worker_jobs_take(void *ctx)
{
	return worker_take(ctx);
}

static void
worker_jobs_counts(void *ctx, int *queued, int *in_flight)
{
	worker_counts(ctx, queued, in_flight);
}

static const struct app_jobs worker_jobs = {
	.submit = worker_jobs_submit,
	.take = worker_jobs_take,
	.counts = worker_jobs_counts,
};

void
app_submit(struct app *a, enum worker_kind kind, const char *group_id,
	int64_t account, enum worker_priority prio)
{
	if (a->jobs.submit)
		a->jobs.submit(a->jobs_ctx, kind, group_id, account, prio);
}

void
app_counts(const struct app *a, int *queued, int *in_flight)
{
	*queued = *in_flight = 0;
	if (a->jobs.counts)
		a->jobs.counts(a->jobs_ctx, queued, in_flight);
}

bool
app_busy(const struct app *a)
{
	int q, f;
	app_counts(a, &q, &f);
	return q + f > 0 || app_enable_busy(a) || app_stop_busy(a);
}

int
app_wake_fd(const struct app *a)
{
	return a->worker ? worker_wake_fd(a->worker) : -1;
}

/* ---- lifetime ----------------------------------------------------------- */

struct app *
app_new(struct options *opts, const struct app_settings *set,
	const struct app_hooks *hooks)
{
	struct app *a = xcalloc(1, sizeof(*a));
	a->opts = opts;
	if (set)
		a->set = *set;
	if (a->set.refresh_s <= 0)
		a->set.refresh_s = opts && opts->refresh_seconds > 0 ?
			opts->refresh_seconds : DEFAULT_REFRESH_S;
	if (a->set.refresh_s < MIN_REFRESH_S)
		a->set.refresh_s = MIN_REFRESH_S;
	if (a->set.poll_ms <= 0)
		a->set.poll_ms = DEFAULT_POLL_MS;
	if (hooks)
		a->hooks = *hooks;
	a->store = store_new();
	a->backoff = 1;
	return a;
}

void
app_free(struct app *a)
{
	if (!a)
		return;
	worker_stop(a->worker);
	app_enable_reset(a);
	app_sweep_reset(a);
	app_stop_reset(a);
	store_free(a->store);
	free(a);
}

struct store *
app_store(struct app *a)
{
	return a->store;
}

const struct app_conn *
app_conn(const struct app *a)
{
	return &a->conn;
}

/* What a new connection starts from: nothing loaded, no flow running. */
static void
reset_state(struct app *a)
{
	a->conn.caller_account = 0;
	store_clear(a->store);
	app_enable_reset(a);
	app_sweep_reset(a);
	app_stop_reset(a);
	a->listing = false;
	a->last_refresh_ms = 0;
	a->refresh_due_ms = 0;
	a->backoff = 1;
	a->throttled = false;
	a->views_stale = false;
}

void
app_use_jobs(struct app *a, const struct app_jobs *jobs, void *ctx)
{
	worker_stop(a->worker);
	a->worker = NULL;
	a->jobs = *jobs;
	a->jobs_ctx = ctx;
	reset_state(a);
}

static void
session_warning(void *ctx, const char *message)
{
	struct app *a = ctx;
	if (a->hooks.warn)
		a->hooks.warn(a->hooks.ctx, message);
}

int
app_connect(struct app *a, const char *profile, const char *region,
	struct err *e)
{
	struct session s;
	struct session_request req = {
		.opts = a->opts,
		.front_end = "tui",
		.profile = profile,
		.region = region,
		.warn = session_warning,
		.warn_ctx = a,
	};
	if (session_open(&s, &req, e) < 0)
		return -1;
	struct worker *w = worker_start(&s.api, &s.cred, e);
	if (!w) {
		session_close(&s);
		return -1;
	}
	/* the new connection works: drop the old one and its data */
	worker_stop(a->worker);
	a->worker = w;
	a->jobs = worker_jobs;
	a->jobs_ctx = w;
	struct app_conn *c = &a->conn;
	snprintf(c->cred_profile, sizeof(c->cred_profile), "%s",
		s.cred.profile ? s.cred.profile : "");
	snprintf(c->cred_origin, sizeof(c->cred_origin), "%s",
		s.cred.origin ? s.cred.origin : "");
	snprintf(c->profile, sizeof(c->profile), "%s", s.cred.profile ?
		s.cred.profile : "env");
	snprintf(c->region, sizeof(c->region), "%s", s.region);
	snprintf(c->endpoint, sizeof(c->endpoint), "%s", s.endpoint);
	snprintf(c->sts_endpoint, sizeof(c->sts_endpoint), "%s",
		s.sts_endpoint);
	snprintf(c->rd_endpoint, sizeof(c->rd_endpoint), "%s",
		s.rd_endpoint);
	url_authority(s.endpoint, c->host, sizeof(c->host));
	session_close(&s);
	reset_state(a);
	return 0;
}

void
app_add_source(struct app *a, const struct app_source *src)
{
	if (a->nsources < APP_MAX_SOURCES)
		a->sources[a->nsources++] = src;
}

/* ---- refresh ------------------------------------------------------------ */

int
app_refresh_interval_s(const struct app *a)
{
	return a->set.refresh_s * a->backoff;
}

int
app_backoff(const struct app *a)
{
	return a->backoff;
}

bool
app_listing(const struct app *a)
{
	return a->listing;
}

bool
app_paused(const struct app *a)
{
	return a->paused;
}

long long
app_refresh_due(const struct app *a)
{
	return a->refresh_due_ms;
}

long long
app_last_refresh(const struct app *a)
{
	return a->last_refresh_ms;
}

static void
arm_refresh(struct app *a)
{
	a->refresh_due_ms = app_now(a) + app_refresh_interval_s(a) * 1000LL;
}

void
app_set_paused(struct app *a, bool paused)
{
	a->paused = paused;
	if (!paused)
		arm_refresh(a);
}

void
app_refresh(struct app *a)
{
	if (!a->jobs.submit)
		return;
	arm_refresh(a);
	for (int i = 0; i < a->nsources; i++)
		if (a->sources[i]->refresh)
			a->sources[i]->refresh(a, a->sources[i]->ctx);
	if (a->listing)
		return;
	a->listing = true;
	app_submit(a, WORKER_LIST_GROUPS, NULL, 0, WORKER_HIGH);
}

void
app_load_group(struct app *a, struct store_group *g, bool now)
{
	if (!a->jobs.submit || !g || !g->agg.id)
		return;
	/* queued in the background already: a `now` moves it forward (the
	 * worker never holds two jobs for one group) */
	if (g->loading && !now)
		return;
	g->loading = true;
	app_submit(a, WORKER_GET_GROUP, g->agg.id, 0,
		now ? WORKER_HIGH : WORKER_LOW);
}

/* After a list answer: the group on screen first, then the rest in the
 * background. The one place that orders GetAggregator calls: the sweep
 * (app_sweep.c) paces them within the quota. */
static void
app_schedule_loads(struct app *a)
{
	app_sweep_plan(a);
}

/* ---- results ------------------------------------------------------------ */

static void
note_throttle(struct app *a, const char *code)
{
	if (a->backoff < MAX_BACKOFF)
		a->backoff *= 2;
	a->throttled = true;
	arm_refresh(a);
	app_status(a, APP_ERROR, "the API is throttling (%s): retrying "
		"with backoff; auto refresh slowed to every %ds", code,
		app_refresh_interval_s(a));
}

/* Views are rebuilt once per drain, not per result. */
static void
views_update(struct app *a)
{
	store_view_update(a->store, STORE_GROUPS);
	a->views_stale = false;
}

static void
on_groups(struct app *a, const struct worker_result *r)
{
	a->listing = false;
	if (err_failed(&r->err)) {
		app_status_err(a, "listing account groups", &r->err);
		return;
	}
	store_merge_groups(a->store, r->groups);
	/* the selection must be right before loads are ordered by it */
	views_update(a);
	a->last_refresh_ms = app_now(a);
	if (!a->throttled)
		a->backoff = 1;
	a->throttled = false;
	app_schedule_loads(a);
}

static void
on_group(struct app *a, const struct worker_result *r)
{
	if (err_failed(&r->err)) {
		store_set_group_loading(a->store, r->group_id, false);
		store_set_group_error(a->store, r->group_id, &r->err);
		a->views_stale = true;
		app_sweep_note(a);
		struct store_group *g = store_group_find(a->store, r->group_id);
		char what[256];
		snprintf(what, sizeof(what), "loading group %s",
			g && g->agg.name ? g->agg.name : r->group_id);
		app_status_err(a, what, &r->err);
		return;
	}
	store_merge_group_detail(a->store, r->group);
	a->views_stale = true;
	app_sweep_note(a);
}

static void
route_one(struct app *a, const struct worker_result *r)
{
	if (r->caller_account && r->caller_account != a->conn.caller_account)
		a->conn.caller_account = r->caller_account;
	for (int i = 0; i < a->nsources; i++)
		if (a->sources[i]->route &&
		    a->sources[i]->route(a, a->sources[i]->ctx, r))
			goto done;
	switch (r->kind) {
	case WORKER_LOG:
		if (a->hooks.log)
			a->hooks.log(a->hooks.ctx, &r->log);
		break;
	case WORKER_LIST_GROUPS:
		on_groups(a, r);
		break;
	case WORKER_GET_GROUP:
		on_group(a, r);
		break;
	case WORKER_GET_RECORDER:
	case WORKER_START_RECORDER:
		app_enable_on_result(a, r);
		a->views_stale = true;
		break;
	case WORKER_LIST_DIRECTORY:
		break;  /* for a source (app_directory.c); none took it */
	case WORKER_STOP_RECORDER:
		app_stop_on_result(a, r);
		a->views_stale = true;
		break;
	}
	if (r->kind != WORKER_LOG && err_is_throttling(&r->err))
		note_throttle(a, r->err.code);
done:
	if (a->hooks.result)
		a->hooks.result(a->hooks.ctx, r);
}

void
app_route(struct app *a, struct worker_result *r)
{
	route_one(a, r);
	worker_result_free(r);
}

size_t
app_drain(struct app *a, size_t limit, bool *more)
{
	size_t n = 0;
	struct worker_result *r = NULL;
	if (more)
		*more = false;
	while (n < limit && a->jobs.take &&
	    (r = a->jobs.take(a->jobs_ctx))) {
		app_route(a, r);
		n++;
	}
	if (more && n == limit && limit > 0)
		*more = true;
	if (a->views_stale)
		views_update(a);
	return n;
}

long long
app_tick(struct app *a, long long now)
{
	long long next = 0;
	if (!a->paused && a->refresh_due_ms && now >= a->refresh_due_ms)
		app_refresh(a);
	if (!a->paused && a->refresh_due_ms)
		next = a->refresh_due_ms;
	long long sweep = app_sweep_tick(a, now);
	if (sweep && (next == 0 || sweep < next))
		next = sweep;
	long long poll = app_enable_tick(a, now);
	if (poll && (next == 0 || poll < next))
		next = poll;
	return next;
}
