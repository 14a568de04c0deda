/* quota: the quota table, token-bucket arithmetic with AIMD, and the
 * per-(account, action) bucket map. See quota.h and docs/quotas.md. */
#include "quota.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

/* --- the table -------------------------------------------------------------- */

/* Published figures (docs/quotas.md gives the page of each); where none is
 * published the figure is the closest published one, said so there. Add a
 * row here for a new action. */
static const struct quota_limit quota_published[] = {
	{"ListAggregators", 120, 60},
	{"GetAggregator", 500, 60},
	{"GetConfigurationRecorder", 300, 60},
	{"StartConfigurationRecorder", 60, 60},
	{"StopConfigurationRecorder", 60, 60},
	{"AssumeRole", 100, 1},
	{"GetCallerIdentity", 100, 1},
	{"ListAccounts", 20, 1},
};

void
quota_table_defaults(struct quota_table *t)
{
	memset(t, 0, sizeof(*t));
	size_t n = sizeof(quota_published) / sizeof(quota_published[0]);
	for (size_t i = 0; i < n && i < QUOTA_MAX_ACTIONS; i++)
		t->items[t->count++] = quota_published[i];
}

static struct quota_limit *
quota_table_slot(struct quota_table *t, const char *action)
{
	for (int i = 0; i < t->count; i++)
		if (!strcasecmp(t->items[i].action, action))
			return &t->items[i];
	return NULL;
}

const struct quota_limit *
quota_table_find(const struct quota_table *t, const char *action)
{
	return quota_table_slot((struct quota_table *)t, action);
}

static bool
quota_valid_action(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= QUOTA_ACTION_MAX)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			(*p >= '0' && *p <= '9')))
			return false;
	return true;
}

/* A whole decimal number in [lo, hi]. */
static int
quota_parse_int(const char *s, size_t len, long lo, long hi, long *out)
{
	char tmp[24];
	if (len == 0 || len >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (tmp[i] < '0' || tmp[i] > '9')
			return -1;
	errno = 0;
	long v = strtol(tmp, NULL, 10);
	if (errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int
quota_table_set(struct quota_table *t, const char *action, const char *value,
	struct err *e)
{
	if (!quota_valid_action(action))
		return err_set(e, ERR_CONFIG, "'%s' is not an API action name "
			"(letters and digits, such as GetAggregator)", action);
	long calls = 0, seconds = 1;
	if (strcasecmp(value, "off") != 0) {
		const char *slash = strchr(value, '/');
		if (!slash || quota_parse_int(value, (size_t)(slash - value), 1,
			1000000, &calls) < 0 ||
			quota_parse_int(slash + 1, strlen(slash + 1), 1, 86400,
			&seconds) < 0)
			return err_set(e, ERR_CONFIG, "%s: '%s' is not valid "
				"(expected CALLS/SECONDS such as 120/60, or off)",
				action, value);
	}
	struct quota_limit *l = quota_table_slot(t, action);
	if (!l) {
		if (t->count >= QUOTA_MAX_ACTIONS)
			return err_set(e, ERR_CONFIG, "%s: too many quota "
				"entries (at most %d)", action, QUOTA_MAX_ACTIONS);
		l = &t->items[t->count++];
		snprintf(l->action, sizeof(l->action), "%s", action);
	}
	l->calls = (int)calls;
	l->seconds = (int)seconds;
	return 0;
}

/* --- one bucket ------------------------------------------------------------- */

void
quota_bucket_init(struct quota_bucket *b, int calls, int seconds,
	double now_ms)
{
	memset(b, 0, sizeof(*b));
	double q = calls > 0 ? calls : 1;
	b->window_ms = (seconds > 0 ? seconds : 1) * 1000.0;
	b->burst = q * QUOTA_BURST_SHARE;
	if (b->burst < 1)
		b->burst = 1;
	/* Burst plus a window of steady rate stay within the margin; a tiny
	 * quota still gets half its rate. */
	double steady = q * QUOTA_MARGIN - b->burst;
	if (steady < q * 0.5)
		steady = q * 0.5;
	b->base_rate = steady / b->window_ms;
	b->rate = b->base_rate;
	b->tokens = b->burst;
	b->last_ms = now_ms;
	b->last_decrease_ms = now_ms - b->window_ms;
}

void
quota_bucket_advance(struct quota_bucket *b, double now_ms)
{
	if (now_ms <= b->last_ms)
		return;
	double dt = now_ms - b->last_ms;
	double cooldown = b->window_ms * QUOTA_COOLDOWN_SHARE;
	/* Additive increase, only once the cooldown after a decrease is
	 * over, for the part of dt that lies beyond it. */
	if (b->rate < b->base_rate) {
		double calm_from = b->last_decrease_ms + cooldown;
		double calm = now_ms - (b->last_ms > calm_from ? b->last_ms :
			calm_from);
		if (calm > 0) {
			b->rate += b->base_rate * QUOTA_RECOVERY_SHARE *
				calm / cooldown;
			if (b->rate > b->base_rate)
				b->rate = b->base_rate;
		}
	}
	b->tokens += dt * b->rate;
	if (b->tokens > b->burst)
		b->tokens = b->burst;
	b->last_ms = now_ms;
}

double
quota_bucket_reserve(struct quota_bucket *b, double now_ms, unsigned *gen)
{
	quota_bucket_advance(b, now_ms);
	b->tokens -= 1;
	*gen = b->gen;
	/* Tokens count from last_ms, later than now during a pause. */
	double wait = b->last_ms > now_ms ? b->last_ms - now_ms : 0;
	if (b->tokens < 0)
		wait += -b->tokens / b->rate;
	return wait;
}

bool
quota_bucket_throttled(struct quota_bucket *b, double now_ms,
	long retry_after_ms)
{
	quota_bucket_advance(b, now_ms);
	b->throttles++;
	if (retry_after_ms > 0 && now_ms + retry_after_ms > b->last_ms) {
		/* Nothing goes out before the server said to come back. */
		b->last_ms = now_ms + retry_after_ms;
		b->tokens = 0;  /* reservations made before: made again */
		b->gen++;
	}
	if (now_ms - b->last_decrease_ms < b->window_ms * QUOTA_COOLDOWN_SHARE)
		return false;
	double floor = b->base_rate * QUOTA_FLOOR_SHARE;
	b->rate *= QUOTA_DECREASE;
	if (b->rate < floor)
		b->rate = floor;
	b->last_decrease_ms = now_ms;
	/* The server says we went too fast: start from an empty bucket, and
	 * whoever reserved at the old pace reserves again. */
	b->tokens = 0;
	b->gen++;
	return true;
}

/* --- the limiter ------------------------------------------------------------ */

#define QUOTA_SLOTS 256

struct quota_entry {
	int64_t account;
	const struct quota_limit *limit;
	struct quota_bucket bucket;
	struct quota_entry *next;
};

struct quota_limiter {
	struct quota_table table;
	struct quota_entry *slots[QUOTA_SLOTS];
};

struct quota_limiter *
quota_limiter_new(const struct quota_table *t)
{
	struct quota_limiter *q = xcalloc(1, sizeof(*q));
	if (t)
		q->table = *t;
	else
		quota_table_defaults(&q->table);
	return q;
}

void
quota_limiter_free(struct quota_limiter *q)
{
	if (!q)
		return;
	for (int i = 0; i < QUOTA_SLOTS; i++) {
		struct quota_entry *n;
		for (struct quota_entry *x = q->slots[i]; x; x = n) {
			n = x->next;
			free(x);
		}
	}
	free(q);
}

struct quota_bucket *
quota_limiter_bucket(struct quota_limiter *q, int64_t account,
	const char *action, double now_ms)
{
	const struct quota_limit *l = quota_table_find(&q->table, action);
	if (!l || l->calls <= 0)
		return NULL;
	uint64_t h = (uint64_t)account * 0x9E3779B97F4A7C15ULL;
	h ^= (uint64_t)(uintptr_t)l * 0xC2B2AE3D27D4EB4FULL;
	struct quota_entry **slot = &q->slots[(h >> 40) % QUOTA_SLOTS];
	for (struct quota_entry *x = *slot; x; x = x->next)
		if (x->account == account && x->limit == l)
			return &x->bucket;
	struct quota_entry *x = xcalloc(1, sizeof(*x));
	x->account = account;
	x->limit = l;
	quota_bucket_init(&x->bucket, l->calls, l->seconds, now_ms);
	x->next = *slot;
	*slot = x;
	return &x->bucket;
}
