/* app: the controller between the core and a front end, with no curses.
 *
 * It owns the store (what the panes show) and the worker (the thread that
 * talks to the API), and decides what to ask and when: auto refresh and
 * its backoff while throttled, which groups load first, the enable flow
 * (confirm plan, StartConfigurationRecorder, then following each started
 * account until REGISTERED), and where each result goes. A front end
 * (ui/tui.c) polls app_wake_fd() with its keyboard, calls app_drain() when
 * it is readable and app_tick() when the time it returned has come, and
 * shows what the status hook tells it. Nothing here blocks.
 *
 * How to extend it (keep each addition in its own src/app_*.c file and its
 * declarations in a section here):
 * - Scheduling (quota-aware refresh): every GetAggregator goes through
 *   app_load_group(), and the order after a ListAggregators answer is
 *   decided in one place, app_schedule_loads() in app.c. Make that spread
 *   the background loads over the interval (its `due` time per group) and
 *   keep `now` loads (what is on screen or followed) first.
 * - Another list source (the Directory entry): register a struct
 *   app_source; its refresh runs with every refresh, and it sees each
 *   result before the built-in routing (return true to take it). Add the
 *   worker job kind it needs to worker.h.
 * - Another write flow next to enable (stop): copy the shape of
 *   app_enable.c (plan, start, on_result, tick, busy) into app_stop.c and
 *   hook it into app_route() and app_tick() next to the enable calls; count
 *   its in-flight writes in app_writes_in_flight().
 * - Per-row change info (watch): the `result` hook sees every result after
 *   it was merged into the store, in arrival order.
 * - Finishing writes on a signal: app_writes_in_flight() says how many
 *   writes wait for an answer; keep calling app_drain() (and
 *   app_tick()) until it is 0 or the grace period is over.
 * - Tests drive the controller without a network through app_use_jobs(). */
#ifndef ALICFG_APP_H
#define ALICFG_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "options.h"
#include "store.h"
#include "worker.h"

enum app_level { APP_INFO = 0, APP_ERROR };

/* Where jobs go and results come from: the worker, or a test's queue. */
struct app_jobs {
	void (*submit)(void *ctx, enum worker_kind kind, const char *group_id,
		int64_t account, enum worker_priority prio);
	struct worker_result *(*take)(void *ctx);
	/* queued: waiting for a slot; in_flight: on the wire */
	void (*counts)(void *ctx, int *queued, int *in_flight);
};

/* What the front end hears. Every pointer may be NULL. */
struct app_hooks {
	void *ctx;
	/* A one-line message for the status line. */
	void (*status)(void *ctx, enum app_level level, const char *text);
	/* One finished HTTP exchange, for the request log. */
	void (*log)(void *ctx, const struct worker_log *entry);
	/* Every result, after the controller merged it into the store. */
	void (*result)(void *ctx, const struct worker_result *r);
	/* A warning while connecting (credential file modes, ...). */
	void (*warn)(void *ctx, const char *text);
};

struct app_settings {
	int refresh_s;           /* auto refresh; <= 0: 60, at least 10 */
	long poll_ms;            /* following a started recorder; <= 0: 3000 */
	/* The clock, in ms (monotonic); NULL: CLOCK_MONOTONIC. */
	long long (*now_ms)(void);
};

/* Who and where, after app_connect(). Names only: no secret. */
struct app_conn {
	char cred_profile[128];   /* profile used, "" when none (environment) */
	char cred_origin[256];    /* where the credentials came from */
	char profile[128];        /* shown: the profile or "env" */
	char region[32];
	char endpoint[1024];
	char sts_endpoint[1024];
	char rd_endpoint[1024];   /* "": no Resource Directory (app_directory) */
	char host[256];
	int64_t caller_account;   /* 0 until known */
};

struct app;

/* opts stays the caller's and must outlive the app (may be NULL in tests). */
struct app *app_new(struct options *opts, const struct app_settings *set,
	const struct app_hooks *hooks);
void app_free(struct app *a);
struct store *app_store(struct app *a);
const struct app_conn *app_conn(const struct app *a);
long long app_now(const struct app *a);

/* Open a session (credentials, endpoints) and a worker for this profile and
 * region (NULL: the usual resolution). On success the old connection and
 * everything loaded through it are dropped; on failure nothing changes. */
int app_connect(struct app *a, const char *profile, const char *region,
	struct err *e);
/* Send jobs to `jobs` instead of a worker (tests, other back ends); the
 * store and flows are reset as by a connect. */
void app_use_jobs(struct app *a, const struct app_jobs *jobs, void *ctx);
/* Readable when results wait (-1 without a worker). */
int app_wake_fd(const struct app *a);

/* ---- the loop ----------------------------------------------------------- */

/* Route at most `limit` waiting results, then rebuild the views once.
 * Returns how many were routed; *more (may be NULL) is set when the limit
 * was reached, so the caller comes back soon (the wake fd also stays
 * readable while results wait). */
size_t app_drain(struct app *a, size_t limit, bool *more);
/* Route one result (takes ownership) without rebuilding the views. */
void app_route(struct app *a, struct worker_result *r);
/* Run what is due at `now` (auto refresh, recorder polls); returns when to
 * come back, 0 for never. */
long long app_tick(struct app *a, long long now);
/* Queued and in-flight jobs of the worker. */
void app_counts(const struct app *a, int *queued, int *in_flight);
/* Something is moving: jobs pending or the enable flow running. */
bool app_busy(const struct app *a);

/* ---- refresh ------------------------------------------------------------ */

/* ListAggregators now (unless one is in flight), then every group. */
void app_refresh(struct app *a);
bool app_listing(const struct app *a);
void app_set_paused(struct app *a, bool paused);
bool app_paused(const struct app *a);
/* The current auto-refresh interval, backoff included. */
int app_refresh_interval_s(const struct app *a);
int app_backoff(const struct app *a);
long long app_refresh_due(const struct app *a);
/* When the last list answer came (app_now clock), 0 = never. */
long long app_last_refresh(const struct app *a);
/* When the last full sweep finished: every group answered since a list
 * answer (app_now clock), 0 = never. Later sweeps are spread over the
 * refresh interval within the GetAggregator quota (app_sweep.c). */
long long app_last_sweep(const struct app *a);
/* Load a group's members: first in line when `now` (what is on screen),
 * else in the background. Asked again while queued, it is only moved
 * forward, never sent twice. */
void app_load_group(struct app *a, struct store_group *g, bool now);

/* ---- enable (app_enable.c) ---------------------------------------------- */

/* What `e` would start: the marked accounts, else `selected` (0: none).
 * Accounts already on or starting are counted in `already`, not in ids. */
struct app_enable_plan {
	int64_t *ids;
	size_t n;
	size_t already;      /* skipped: on, or a start under way */
	size_t in_progress;  /* of those, a start under way (outcome.h) */
};
/* false (and a status message) when there is nothing to confirm. */
bool app_enable_plan(struct app *a, int64_t selected,
	struct app_enable_plan *plan);
void app_enable_plan_free(struct app_enable_plan *plan);
/* The user confirmed: send one StartConfigurationRecorder per id. */
void app_enable_start(struct app *a, const struct app_enable_plan *plan);
/* Writes sent and not answered yet. */
int app_writes_in_flight(const struct app *a);

/* ---- stop (app_stop.c) -------------------------------------------------- */

/* What `S` would stop: the marked accounts, else `selected`, less those
 * with a start or stop in flight (counted in `busy`). */
struct app_stop_plan {
	int64_t *ids;
	size_t n;
	size_t busy;
};
/* false (and a status message) when there is nothing to confirm. */
bool app_stop_plan(struct app *a, int64_t selected, struct app_stop_plan *plan);
void app_stop_plan_free(struct app_stop_plan *plan);
/* The user confirmed: one StopConfigurationRecorder per id (audited by the
 * client like every write; refused there too in read-only mode). */
void app_stop_start(struct app *a, const struct app_stop_plan *plan);

/* ---- list sources ------------------------------------------------------- */

struct app_source {
	const char *name;
	void *ctx;
	/* with every refresh */
	void (*refresh)(struct app *a, void *ctx);
	/* true: the result was this source's (it is then not routed further) */
	bool (*route)(struct app *a, void *ctx, const struct worker_result *r);
};
/* Up to 4 sources; the struct must outlive the app. */
void app_add_source(struct app *a, const struct app_source *src);
/* Send a job on the app's connection (for sources and flows). */
void app_submit(struct app *a, enum worker_kind kind, const char *group_id,
	int64_t account, enum worker_priority prio);

/* ---- messages ----------------------------------------------------------- */

void app_status(struct app *a, enum app_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "what: Code (HTTP n) RequestId r: message - hint" */
void app_status_err(struct app *a, const char *what, const struct err *e);
void app_format_err(const char *what, const struct err *e, char *out,
	size_t outsz);

#endif
