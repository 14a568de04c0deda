/* outcome: the one vocabulary for what a recorder start came to.
 *
 * The batch `enable` text and JSON, the TUI's enable summary and the audit
 * log all use these words, so a script reading any of them counts the same
 * account the same way:
 *   started      our StartConfigurationRecorder moved it to BUILDING
 *   already on   it was REGISTERED before we asked
 *   in progress  a start was already under way (BUILDING or REBUILDING,
 *                ProcessIsRunning): nothing new was started
 *   failed       the start was refused or never sent
 *   unknown      the request was sent but its answer was lost, so whether
 *                it took effect is not known (a write's fate, issue 8)
 * and for StopConfigurationRecorder (`alicfg stop`, the TUI's S):
 *   stopped      the service accepted the stop */
#ifndef ALICFG_OUTCOME_H
#define ALICFG_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "model.h"

enum outcome {
	OUTCOME_STARTED = 0,
	OUTCOME_ALREADY_ON,
	OUTCOME_IN_PROGRESS,
	OUTCOME_FAILED,
	OUTCOME_UNKNOWN,
	OUTCOME_STOPPED,
	OUTCOME_COUNT
};

/* "started", "already on", "in progress", "failed", "unknown", "stopped":
 * the same string in text, JSON, CSV and the audit log. */
const char *outcome_name(enum outcome o);
/* The outcome of one StartConfigurationRecorder as api_start_recorder
 * reports it: the error (ERR_NONE on success) and, on success, the
 * recorder it answered (was_running set for ProcessIsRunning). */
enum outcome outcome_of_start(const struct err *e, const struct recorder *r);
/* The outcome of one StopConfigurationRecorder: stopped or failed. */
enum outcome outcome_of_stop(const struct err *e);
/* For an account skipped before any call because of the status it has:
 * REGISTERED is already on, BUILDING and REBUILDING are in progress;
 * anything else is not skipped (returns OUTCOME_COUNT). */
enum outcome outcome_of_status(enum recorder_status s);
/* Is the outcome itself what enable wants (recorder on or turning on)?
 * started, already on and in progress: yes; failed, unknown: no. */
bool outcome_is_success(enum outcome o);
/* Did the account end on or turning on? A success, or an unknown whose
 * recorder was read back BUILDING, REBUILDING or REGISTERED (the answer
 * was lost but the start took effect). This decides enable's exit 0. */
bool outcome_ended_on(enum outcome o, const struct recorder *r);

/* "3 started, 1 already on, 0 in progress, 1 failed" (unknown and stopped
 * only when non-zero, to keep the common line short). */
void outcome_summary(const int counts[OUTCOME_COUNT], char *out,
	size_t outsz);

#endif
