/* watch: which accounts changed recorder status, for the TUI's change
 * markers, "changed only" filter and notifications. No curses, no I/O
 * except loading the baseline and saving snapshots (watch_result.c).
 *
 * The baseline is the newest snapshot, i.e. what the previous session (or
 * batch run) saw. The first status seen for an account this session is
 * compared with it: a difference marks the row, quietly. After that every
 * change is live: it marks the row and is reported as an event, and a
 * change to REGISTERED of an account this session started (followed), or
 * away from REGISTERED of any account, is one to notify. */
#ifndef ALICFG_WATCH_H
#define ALICFG_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "err.h"
#include "snapshot.h"

enum watch_event {
	WATCH_NONE = 0,
	WATCH_CHANGED,            /* a live change, nothing to notify */
	WATCH_REACHED_REGISTERED, /* a followed account reached REGISTERED */
	WATCH_FELL_BACK,          /* a REGISTERED account fell back */
};

struct watch_entry {
	int64_t id;
	char now[24];             /* last status seen ("" none yet) */
	char prev[24];            /* the status before the last change */
	bool changed;             /* since the previous session or live */
	bool live;                /* the last change happened this session */
	bool followed;            /* started in this session */
	time_t changed_at;        /* live changes: when it was seen */
};

struct watch;

struct watch *watch_new(void);
void watch_free(struct watch *w);
/* Compare first sightings with `base` (copied); NULL: no baseline. */
void watch_set_baseline(struct watch *w, const struct snapshot *base);
bool watch_has_baseline(const struct watch *w);
time_t watch_baseline_time(const struct watch *w);
/* An account's status as just seen at `now`. */
enum watch_event watch_observe(struct watch *w, int64_t id,
	const char *status, time_t now);
/* The account was started in this session: its REGISTERED is news. */
void watch_follow(struct watch *w, int64_t id);
/* NULL when the account was never seen. */
const struct watch_entry *watch_get(const struct watch *w, int64_t id);
bool watch_changed(const struct watch *w, int64_t id);
size_t watch_changed_count(const struct watch *w);
/* Forget the session (profile or region switch); the baseline stays. */
void watch_reset(struct watch *w);
/* Waiting for the groups of a list answer (watch_result.c sets it). */
void watch_set_load_pending(struct watch *w, bool pending);
bool watch_load_pending(const struct watch *w);

/* --- feeding it from the controller (watch_result.c) --- */

struct store;
struct worker_result;

/* The baseline: the newest saved snapshot, if any (none is not an error). */
int watch_load_latest(struct watch *w, struct err *e);

/* A live change: what to say (and the front end decides how loudly). */
typedef void (*watch_event_fn)(void *ctx, enum watch_event ev, int64_t id,
	const char *name, const char *from, const char *to);
/* One result, after the controller merged it into `s` (app_hooks.result):
 * group members and recorder reads are observed; a started account is
 * followed; a list answer starts waiting for a complete load. */
void watch_on_result(struct watch *w, struct store *s,
	const struct worker_result *r, watch_event_fn fn, void *ctx);
/* Once every group of the last list answer has loaded without error:
 * save the store as a snapshot (keep: how many to keep). 1 saved, 0 not
 * complete (or already saved), -1 a failure (e set). */
int watch_snapshot_if_complete(struct watch *w, struct store *s,
	int64_t caller, int keep, char *name_out, size_t name_outsz,
	struct err *e);

#endif
