/* api_bounds: how big an answer may be, how many pages a listing may take,
 * and the deadline of a whole batch command.
 *
 * Sized to the real service with a wide margin (facts and sources in
 * docs/bounds.md): a management account has at most 5 account groups of at
 * most 200 members, so a GetAggregator answer is about 100 KB at worst and
 * one ListAggregators page (MaxResults 100) holds every group there is. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "api_impl.h"
#include "http.h"

long
api_answer_cap(enum call_kind kind)
{
	switch (kind) {
	case CALL_GET_AGGREGATOR:     /* 200 members: ~100 KB at worst */
	case CALL_LIST:               /* one page of up to 100 groups */
	case CALL_LIST_DIRECTORY:     /* one page of up to 100 accounts */
		return API_CAP_LIST;
	case CALL_GET_RECORDER:       /* status and resource types */
		return API_CAP_RECORDER;
	case CALL_START_RECORDER:
	case CALL_STOP_RECORDER:
	case CALL_ASSUME_ROLE:
	case CALL_CALLER_IDENTITY:
		return API_CAP_SMALL;
	}
	return API_CAP_SMALL;
}

/* Every user call still running ends with a Deadline error; internal ones
 * (AssumeRole, GetCallerIdentity) are dropped. Nothing is sent after. */
static void
api_deadline_expire(struct api_client *c)
{
	c->expired = true;
	http_client_cancel(c->http);  /* no callback will come */
	c->timers = NULL;             /* every call is ended below */
	c->identity_waiters = NULL;
	for (;;) {
		struct call *k = c->all;
		while (k && !k->counted)
			k = k->all_next;
		if (!k)
			break;
		api_deadline_err(k);
		api_call_finish(k);       /* frees k; may start calls (refused) */
	}
	while (c->all && !c->all->counted)
		api_call_drop(c->all);
}

void
api_deadline_err(struct call *call)
{
	struct api_client *c = call->c;
	err_free(&call->err);
	err_set(&call->err, ERR_NETWORK, "%s stopped: the command ran out of "
		"time (%ld s; --timeout or config timeout)", call->action,
		c->deadline_s);
	snprintf(call->err.code, sizeof(call->err.code), "%s",
		API_ERR_DEADLINE);
	call->err.attempts = call->attempts;
}

void
api_client_run(struct api_client *c)
{
	while (c->pending > 0) {
		int wait = -1;
		if (c->deadline_ms > 0) {
			double left = c->deadline_ms - api_now_ms();
			if (left <= 0 && !c->expired) {
				api_deadline_expire(c);
				continue;
			}
			if (left > 0 && left < API_LONG_WAIT_MS)
				wait = (int)left + 1;
		}
		api_client_step(c, wait);
	}
}
