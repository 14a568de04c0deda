/* outcome: the shared words for a recorder start's result. */
#include "outcome.h"

#include <stdio.h>

#include "api.h"

static const char *const outcome_names[OUTCOME_COUNT] = {
	[OUTCOME_STARTED] = "started",
	[OUTCOME_ALREADY_ON] = "already on",
	[OUTCOME_IN_PROGRESS] = "in progress",
	[OUTCOME_FAILED] = "failed",
	[OUTCOME_UNKNOWN] = "unknown",
	[OUTCOME_STOPPED] = "stopped",
};

const char *
outcome_name(enum outcome o)
{
	if ((unsigned)o < OUTCOME_COUNT)
		return outcome_names[o];
	return "unknown";
}

enum outcome
outcome_of_start(const struct err *e, const struct recorder *r)
{
	if (e && e->kind != ERR_NONE)
		return err_code_is(e, API_ERR_ANSWER_LOST) ? OUTCOME_UNKNOWN :
			OUTCOME_FAILED;
	if (!r || r->answer_lost)
		return OUTCOME_UNKNOWN;
	if (r->was_running)
		return OUTCOME_IN_PROGRESS;
	switch (r->status) {
	case RECORDER_REGISTERED:
		return OUTCOME_ALREADY_ON;
	case RECORDER_BUILDING:
	case RECORDER_REBUILDING:
		return OUTCOME_STARTED;
	case RECORDER_REGISTRABLE:
		/* Accepted, yet still off: the start did not take. */
		return OUTCOME_FAILED;
	case RECORDER_UNKNOWN:
		break;
	}
	return OUTCOME_UNKNOWN;
}

enum outcome
outcome_of_stop(const struct err *e)
{
	return e && e->kind != ERR_NONE ? OUTCOME_FAILED : OUTCOME_STOPPED;
}

enum outcome
outcome_of_status(enum recorder_status s)
{
	switch (s) {
	case RECORDER_REGISTERED:
		return OUTCOME_ALREADY_ON;
	case RECORDER_BUILDING:
	case RECORDER_REBUILDING:
		return OUTCOME_IN_PROGRESS;
	default:
		return OUTCOME_COUNT;
	}
}

bool
outcome_is_success(enum outcome o)
{
	return o == OUTCOME_STARTED || o == OUTCOME_ALREADY_ON ||
		o == OUTCOME_IN_PROGRESS;
}

bool
outcome_ended_on(enum outcome o, const struct recorder *r)
{
	if (outcome_is_success(o))
		return true;
	return o == OUTCOME_UNKNOWN && r && (r->status == RECORDER_BUILDING ||
		r->status == RECORDER_REBUILDING ||
		r->status == RECORDER_REGISTERED);
}

void
outcome_summary(const int counts[OUTCOME_COUNT], char *out, size_t outsz)
{
	int n = snprintf(out, outsz, "%d %s, %d %s, %d %s, %d %s",
		counts[OUTCOME_STARTED], outcome_names[OUTCOME_STARTED],
		counts[OUTCOME_ALREADY_ON], outcome_names[OUTCOME_ALREADY_ON],
		counts[OUTCOME_IN_PROGRESS], outcome_names[OUTCOME_IN_PROGRESS],
		counts[OUTCOME_FAILED], outcome_names[OUTCOME_FAILED]);
	for (int o = OUTCOME_UNKNOWN; o < OUTCOME_COUNT; o++) {
		if (!counts[o] || n < 0 || (size_t)n >= outsz)
			continue;
		int more = snprintf(out + n, outsz - (size_t)n, ", %d %s",
			counts[o], outcome_names[o]);
		if (more < 0)
			break;
		n += more;
	}
}
