/* api_quota: the client side of the service's flow control, between a
 * call and the wire.
 *
 * Before each exchange a call reserves a slot in the token bucket of
 * (account it acts as, action) and, if the slot lies ahead, waits on a
 * timer; that wait counts as queue time, apart from the time on the
 * wire. A throttling answer (err_is_throttling) shrinks the bucket, pauses
 * it for the answer's retry-after, and sends the call back through it: such
 * an answer says "try later", so it does not use up --max-attempts (meant
 * for failures) but only the retry budget, the time one call may spend
 * waiting to be tried again. */
#include "config.h"

#include <limits.h>

#include "api_impl.h"

/* Throttling answers one call may retry: this many per --max-attempts. */
#define API_QUOTA_TRIES_PER_ATTEMPT 10

/* STS calls spend the caller's quota; the others that of the account they
 * act as (its ResourceDirectoryAccountAccessRole signs them). */
static int64_t
quota_account(const struct call *call)
{
	if (call->kind == CALL_ASSUME_ROLE || call->kind == CALL_CALLER_IDENTITY)
		return 0;
	return call->account;
}

static struct quota_bucket *
quota_bucket_of(struct call *call, double now)
{
	struct api_client *c = call->c;
	if (!c->quota)
		return NULL;
	return quota_limiter_bucket(c->quota, quota_account(call), call->action, now);
}

int
api_quota_wait(struct call *call)
{
	struct api_client *c = call->c;
	double now = api_now_ms();
	struct quota_bucket *b = quota_bucket_of(call, now);
	/* A reservation made before a decrease or a pause is void. */
	if (b && (!call->quota_reserved || call->quota_gen != b->gen)) {
		double wait = quota_bucket_reserve(b, now, &call->quota_gen);
		call->quota_reserved = true;
		if (wait >= 1) {
			api_timer_add(c, call, TIMER_QUOTA, (long)(wait + 0.999));
			return 1;
		}
	}
	/* Going out now: the slot is used. */
	call->quota_reserved = false;
	return 0;
}

long
api_quota_throttled(struct call *call)
{
	struct api_client *c = call->c;
	if (call->err.kind != ERR_API || !err_is_throttling(&call->err))
		return -1;
	double now = api_now_ms();
	struct quota_bucket *b = quota_bucket_of(call, now);
	long after = call->err.retry_after_ms > 0 ? call->err.retry_after_ms : 0;
	if (after > c->retry.max_delay_ms)
		after = c->retry.max_delay_ms;
	if (!b) {
		/* No bucket paces this action: plain backoff, as many tries
		 * as the budget allows. */
		struct retry_policy p = c->retry;
		p.max_attempts = INT_MAX;
		long delay = retry_delay_ms(&p, call->throttled + 1, after,
			call->spent_delay_ms, api_random01(c));
		if (delay < 0)
			return -1;
		call->throttled++;
		call->spent_delay_ms += delay;
		return delay;
	}
	quota_bucket_throttled(b, now, after);
	/* Each throttling answer costs the budget the wait it asked for plus
	 * one slot of the shrunk bucket: its own backoff. The time queued
	 * behind other calls is pacing, not backoff, and costs nothing (a long
	 * listing under throttling would otherwise give up); the tries are
	 * capped as well. */
	long cost = after + (long)(1.0 / b->rate);
	long left = c->retry.max_total_delay_ms - call->spent_delay_ms;
	if (left <= 0 || cost > left ||
		call->throttled >= API_QUOTA_TRIES_PER_ATTEMPT *
		c->retry.max_attempts)
		return -1;
	call->throttled++;
	call->spent_delay_ms += cost;
	return after;
}
