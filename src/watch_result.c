/* watch_result: the watch fed from the controller's results, and the
 * TUI's snapshot after a complete load (the same files `alicfg diff`
 * reads). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "snapshot.h"
#include "store.h"
#include "watch.h"
#include "worker.h"

int
watch_load_latest(struct watch *w, struct err *e)
{
	char dir[4096];
	if (snapshot_dir(dir, sizeof(dir), false, e) < 0)
		return -1;
	const char *note = NULL;
	struct err none;
	err_clear(&none);
	char *path = snapshot_pick(dir, NULL, time(NULL), &note, &none);
	err_free(&none);
	if (!path)
		return 0;   /* no snapshot yet: every row starts unmarked */
	struct snapshot s;
	int rc = snapshot_load(path, &s, e);
	free(path);
	if (rc < 0)
		return -1;
	watch_set_baseline(w, &s);
	snapshot_free(&s);
	return 0;
}

static const char *
status_word(enum recorder_status st, const char *raw)
{
	if (st != RECORDER_UNKNOWN)
		return model_recorder_status_name(st);
	return raw;
}

static void
observe(struct watch *w, struct store *s, int64_t id, const char *status,
	watch_event_fn fn, void *ctx)
{
	const struct watch_entry *before = watch_get(w, id);
	char from[24] = "";
	if (before)
		snprintf(from, sizeof(from), "%s", before->now);
	enum watch_event ev = watch_observe(w, id, status, time(NULL));
	if (ev == WATCH_NONE || !fn)
		return;
	struct store_account *a = store_account_find(s, id);
	fn(ctx, ev, id, a && a->name ? a->name : NULL, from, status);
}

void
watch_on_result(struct watch *w, struct store *s,
	const struct worker_result *r, watch_event_fn fn, void *ctx)
{
	if (err_failed(&r->err))
		return;
	switch (r->kind) {
	case WORKER_LIST_GROUPS:
		watch_set_load_pending(w, true);
		break;
	case WORKER_GET_GROUP:
		if (!r->group)
			break;
		for (size_t i = 0; i < r->group->nmembers; i++) {
			const struct member *m = &r->group->members[i];
			observe(w, s, m->account_id,
				status_word(m->status, m->status_raw), fn, ctx);
		}
		break;
	case WORKER_START_RECORDER:
		if (r->recorder && r->recorder->status != RECORDER_REGISTERED)
			watch_follow(w, r->account);
		/* fall through */
	case WORKER_STOP_RECORDER:
	case WORKER_GET_RECORDER:
		if (r->recorder)
			observe(w, s, r->account, status_word(r->recorder->status,
				r->recorder->status_raw), fn, ctx);
		break;
	default:
		break;
	}
}

static bool
store_complete(struct store *s)
{
	size_t n = store_group_count(s);
	for (size_t i = 0; i < n; i++) {
		const struct store_group *g = store_group_at(s, i);
		if (!g->members_loaded || g->loading || g->error)
			return false;
	}
	return true;
}

int
watch_snapshot_if_complete(struct watch *w, struct store *s, int64_t caller,
	int keep, char *name_out, size_t name_outsz, struct err *e)
{
	if (!watch_load_pending(w) || !store_complete(s))
		return 0;
	watch_set_load_pending(w, false);
	struct snapshot snap;
	snapshot_init(&snap, time(NULL));
	snap.caller = caller;
	size_t n = store_group_count(s);
	for (size_t i = 0; i < n; i++) {
		struct store_group *g = store_group_at(s, i);
		snapshot_add_group_info(&snap, g->agg.id, g->agg.name);
		for (size_t k = 0; k < g->nmembers; k++) {
			struct store_account *a = store_group_member(s, g, k);
			if (a)
				snapshot_add_membership(&snap, a->id, a->name,
					status_word(a->status, a->status_raw),
					g->agg.id);
		}
	}
	snapshot_finish(&snap);
	char dir[4096];
	int rc = snapshot_dir(dir, sizeof(dir), true, e);
	if (rc == 0)
		rc = snapshot_save(dir, &snap, keep, name_out, name_outsz, e);
	snapshot_free(&snap);
	return rc < 0 ? -1 : 1;
}
