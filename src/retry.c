/* retry: which failures are worth another try, and how long to wait.
 *
 * Network failures carry a code from http.h saying how far the exchange got,
 * so a write is retried only when no byte of the request left this machine.
 * Beyond retry.h's list, a read whose answer could not be parsed at all
 * (not JSON, cut short: model.c marks those retryable) is tried again. */
#include "retry.h"

#include <string.h>

#include "http.h"

void
retry_policy_default(struct retry_policy *p)
{
	p->max_attempts = 5;
	p->base_delay_ms = 200;
	p->max_delay_ms = 10000;
	p->max_total_delay_ms = 30000;
}

/* Throttled, or unavailable: the server did not act on the request. */
static bool
retry_server_declined(const struct err *e)
{
	return err_is_throttling(e) || !strcmp(e->code, "ServiceUnavailable") ||
		e->http_status == 503;
}

bool
retry_should(const struct err *e, bool is_write)
{
	switch (e->kind) {
	case ERR_NETWORK:
		if (is_write)
			return !strcmp(e->code, HTTP_ERR_NOT_SENT);
		return e->retryable;
	case ERR_API:
		if (retry_server_declined(e))
			return true;
		if (is_write)
			return false;
		return e->http_status >= 500 && e->http_status <= 599;
	case ERR_PROTOCOL:
		/* An unreadable answer (not a mistyped one, see model.c) is
		 * retried for reads; a write may have been done. */
		return !is_write && e->retryable;
	default:
		return false;
	}
}

long
retry_delay_ms(const struct retry_policy *p, int attempt, long retry_after_ms,
	long spent_ms, double random01)
{
	if (attempt < 1 || attempt >= p->max_attempts)
		return -1;
	long remaining = p->max_total_delay_ms - (spent_ms > 0 ? spent_ms : 0);
	if (remaining <= 0)
		return -1;

	/* base * 2^(attempt-1) without overflow: stop doubling at the cap. */
	long cap = p->base_delay_ms > 0 ? p->base_delay_ms : 0;
	for (int i = 1; i < attempt && cap < p->max_delay_ms; i++)
		cap *= 2;
	if (cap > p->max_delay_ms)
		cap = p->max_delay_ms;
	if (cap < 0)
		cap = 0;

	if (random01 < 0)
		random01 = 0;
	if (random01 >= 1)
		random01 = 0.999999;
	long delay = (long)(random01 * (double)(cap + 1));
	if (delay > cap)
		delay = cap;

	if (retry_after_ms > 0) {
		long floor = retry_after_ms < p->max_delay_ms ?
			retry_after_ms : p->max_delay_ms;
		if (floor > remaining)
			return -1;  /* the server asks for more than we have left */
		if (delay < floor)
			delay = floor;
	}
	if (delay > remaining)
		delay = remaining;
	return delay;
}
