/* app_impl: the controller's state, shared by app.c and its flows
 * (app_enable.c). Not for front ends: they use app.h. */
#ifndef ALICFG_APP_IMPL_H
#define ALICFG_APP_IMPL_H

#include "app.h"

#define APP_MAX_SOURCES 4

/* An account being followed from BUILDING to REGISTERED. */
struct app_follow {
	int64_t account;
	long long due_ms;     /* next GetConfigurationRecorder */
	long long since_ms;   /* when following began */
	bool in_flight;
};

/* One confirmed enable round (several accounts at once). */
struct app_enable_round {
	int total;
	int started;
	int already;
	int in_progress;
	int unknown;
	int followed;             /* started, in progress or unknown: followed */
	int failed;
	int answered;
	int sent;
	int registered;
};

/* The current sweep over the groups (app_sweep.c). */
struct app_sweep {
	char **ids;              /* background loads still to send, in order */
	long long *due;          /* when each goes out */
	size_t n, next;          /* ids[next..n) are pending */
	bool active;             /* loads of this sweep are pending or loading */
	long long done_ms;       /* the last full sweep finished; 0 never */
};

struct app {
	struct options *opts;
	struct app_settings set;
	struct app_hooks hooks;
	struct store *store;
	struct app_conn conn;

	/* the job sink: the worker, or a test's */
	struct worker *worker;
	struct app_jobs jobs;
	void *jobs_ctx;

	const struct app_source *sources[APP_MAX_SOURCES];
	int nsources;

	/* refresh */
	bool paused;
	bool listing;            /* a ListAggregators is in flight */
	long long refresh_due_ms;
	long long last_refresh_ms;
	int backoff;             /* multiplier while throttled: 1, 2, 4, 8 */
	bool throttled;
	bool views_stale;        /* merged since the last store_view_update */

	/* enable (app_enable.c) */
	struct app_follow *follows;
	size_t nfollows;
	size_t follows_cap;
	struct app_enable_round round;

	struct app_sweep sweep;

	/* stop (app_stop.c) */
	struct app_stop_round {
		int total, sent, answered, stopped, failed;
	} stop;
};

/* app_stop.c */
void app_stop_on_result(struct app *a, const struct worker_result *r);
bool app_stop_busy(const struct app *a);
int app_stop_in_flight(const struct app *a);
void app_stop_reset(struct app *a);

/* app_enable.c */
void app_enable_on_result(struct app *a, const struct worker_result *r);
long long app_enable_tick(struct app *a, long long now);
bool app_enable_busy(const struct app *a);
void app_enable_reset(struct app *a);

/* app_sweep.c */
void app_sweep_plan(struct app *a);
long long app_sweep_tick(struct app *a, long long now);
/* A group answered: is the sweep complete? */
void app_sweep_note(struct app *a);
void app_sweep_reset(struct app *a);

#endif
