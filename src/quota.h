/* quota: client-side flow control, so alicfg stays inside the service's
 * per-account, per-action quotas instead of running into them.
 *
 * The table holds each action's quota as the service publishes it ("calls
 * per seconds", docs/quotas.md has the sources). A limiter keeps one token
 * bucket per (account acting, action), sized so that no window of the
 * quota's length ever sees more than QUOTA_MARGIN of the quota: a burst of
 * a tenth of it, then a steady rate. Every request reserves its slot before
 * it is sent; a throttling answer halves that bucket's rate (at most once
 * per cooldown, never below a floor) and the rate then creeps back
 * (additive increase), so a run converges below the real limit.
 *
 * The bucket arithmetic takes the time as an argument (no clock inside), so
 * unit tests drive it with an injected clock. Not thread-safe: one limiter
 * belongs to one api client, driven by one thread. */
#ifndef ALICFG_QUOTA_H
#define ALICFG_QUOTA_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

#define QUOTA_MAX_ACTIONS 32
#define QUOTA_ACTION_MAX 64

/* Share of a quota that one window may use in all: burst + steady rate. */
#define QUOTA_MARGIN 0.95
/* The burst (bucket size) as a share of the quota. */
#define QUOTA_BURST_SHARE 0.10
/* A throttling answer multiplies the rate by this... */
#define QUOTA_DECREASE 0.5
/* ...at most once per this share of the window, */
#define QUOTA_COOLDOWN_SHARE (1.0 / 12.0)
/* ...never below this share of the normal rate; */
#define QUOTA_FLOOR_SHARE 0.25
/* and the rate then grows back by this share of the normal rate per
 * cooldown period without throttling. */
#define QUOTA_RECOVERY_SHARE 0.05

struct quota_limit {
	char action[QUOTA_ACTION_MAX];
	int calls;       /* per `seconds`; calls 0 = no limit */
	int seconds;
};

struct quota_table {
	struct quota_limit items[QUOTA_MAX_ACTIONS];
	int count;
};

/* The published quotas of every action alicfg calls. */
void quota_table_defaults(struct quota_table *t);
/* The action's entry, or NULL (an action not in the table is unlimited). */
const struct quota_limit *quota_table_find(const struct quota_table *t,
	const char *action);
/* Set (or add) an action's quota from "CALLS/SECONDS" ("120/60"), or "off"
 * for no client-side limit. ERR_CONFIG naming the problem on bad input. */
int quota_table_set(struct quota_table *t, const char *action,
	const char *value, struct err *e);

/* One bucket. Times in milliseconds on any monotonic clock. `tokens` may
 * go negative: slots reserved ahead, each a call that waits for its turn. */
struct quota_bucket {
	double window_ms;
	double burst;
	double base_rate;       /* tokens per ms when nothing throttles */
	double rate;            /* current tokens per ms */
	double tokens;
	double last_ms;         /* tokens are counted up to here; after
	                         * now while paused by a retry-after */
	double last_decrease_ms;
	unsigned gen;           /* bumps on every decrease: earlier
	                         * reservations must be made again */
	long throttles;         /* throttling answers seen */
};

void quota_bucket_init(struct quota_bucket *b, int calls, int seconds,
	double now_ms);
/* Reserve the next slot: how long to wait (ms, 0 = send now). *gen gets
 * the generation the reservation belongs to. */
double quota_bucket_reserve(struct quota_bucket *b, double now_ms,
	unsigned *gen);
/* A throttling answer arrived: decrease (unless one happened within the
 * cooldown), pause for its retry-after (0: none), and drop reservations
 * made before. Returns true when the rate was decreased. */
bool quota_bucket_throttled(struct quota_bucket *b, double now_ms,
	long retry_after_ms);
/* Tokens and rate brought up to now (refill, additive increase). */
void quota_bucket_advance(struct quota_bucket *b, double now_ms);

/* The limiter: buckets by (account, action); account 0 is the caller. */
struct quota_limiter;

struct quota_limiter *quota_limiter_new(const struct quota_table *t);
void quota_limiter_free(struct quota_limiter *q);
/* The bucket for (account, action), made on first use; NULL when the
 * action has no limit. */
struct quota_bucket *quota_limiter_bucket(struct quota_limiter *q,
	int64_t account, const char *action, double now_ms);

#endif
