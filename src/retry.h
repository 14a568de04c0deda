/* retry: which failures are retried and how long to wait.
 * Pure arithmetic, so it is unit-tested without a clock. */
#ifndef ALICFG_RETRY_H
#define ALICFG_RETRY_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

struct retry_policy {
	int max_attempts;        /* total tries including the first; default 5 */
	long base_delay_ms;      /* default 200 */
	long max_delay_ms;       /* one wait at most; default 10000 */
	long max_total_delay_ms; /* all waits together at most; default 30000 */
};

void retry_policy_default(struct retry_policy *p);

/* Is this failure worth another try? Throttling*, ServiceUnavailable, 5xx,
 * timeouts and connection failures: yes. Any other 4xx: no. For a write
 * (`is_write`), only failures where the server cannot have acted: a
 * connection that was never established, throttling, 503. */
bool retry_should(const struct err *e, bool is_write);

/* Delay before try number `attempt` (1 = the first retry): full jitter,
 * uniform in [0, min(max_delay, base * 2^(attempt-1))], using `random01`
 * in [0,1). x-acs-retry-after, when present, is a floor. Returns -1 when
 * the attempts or the total delay budget are spent. */
long retry_delay_ms(const struct retry_policy *p, int attempt,
	long retry_after_ms, long spent_ms, double random01);

#endif
