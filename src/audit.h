/* audit: the append-only record of every recorder write
 * (StartConfigurationRecorder and StopConfigurationRecorder).
 *
 * JSON lines in $XDG_STATE_HOME/alicfg/audit.log (default
 * ~/.local/state/alicfg/audit.log), one before the call (who, which
 * account, when) and one after it (outcome, Code, RequestId). Each record is
 * written with one write(2) on an O_APPEND descriptor and fsync'd, so a
 * crash between the two leaves the first. */
#ifndef ALICFG_AUDIT_H
#define ALICFG_AUDIT_H

#include <stdint.h>

#include "err.h"

/* NULL path: the XDG default (directories are created, mode 0700). */
int audit_default_path(char *out, size_t outsz, struct err *e);
/* Returns an id tying the "before" and "after" records together. */
int audit_before(const char *path, const char *who, int64_t account,
	const char *action, char id_out[40], struct err *e);
int audit_after(const char *path, const char *id, const char *who,
	int64_t account, const char *action, const char *outcome,
	const struct err *result, const char *request_id, struct err *e);

/* After an "after" record with outcome "unknown": what reading the
 * recorder back showed (`observed`, e.g. "BUILDING"), or NULL with
 * `read_err` when that failed too (outcome stays "unknown"). */
int audit_settled(const char *path, const char *id, const char *who,
	int64_t account, const char *action, const char *observed,
	const struct err *read_err, struct err *e);

#endif
