/* watch: per-account change tracking (see watch.h). Entries live in an
 * open-addressing table keyed by account id: a scale directory has tens of
 * thousands of accounts and every group answer touches each member. */
#include "config.h"

#include "watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct watch {
	struct watch_entry *slots;   /* id 0: empty */
	size_t cap;                  /* a power of two */
	size_t count;
	size_t changed;
	struct snapshot base;
	bool have_base;
	bool load_pending;           /* a list answered; groups loading */
};

void
watch_set_load_pending(struct watch *w, bool pending)
{
	w->load_pending = pending;
}

bool
watch_load_pending(const struct watch *w)
{
	return w->load_pending;
}

struct watch *
watch_new(void)
{
	struct watch *w = xcalloc(1, sizeof(*w));
	w->cap = 256;
	w->slots = xcalloc(w->cap, sizeof(*w->slots));
	return w;
}

void
watch_free(struct watch *w)
{
	if (!w)
		return;
	free(w->slots);
	if (w->have_base)
		snapshot_free(&w->base);
	free(w);
}

static size_t
watch_hash(int64_t id, size_t cap)
{
	uint64_t h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(h >> 32) & (cap - 1);
}

static struct watch_entry *
watch_slot(const struct watch *w, int64_t id)
{
	size_t i = watch_hash(id, w->cap);
	while (w->slots[i].id && w->slots[i].id != id)
		i = (i + 1) & (w->cap - 1);
	return &w->slots[i];
}

static void
watch_grow(struct watch *w)
{
	struct watch_entry *old = w->slots;
	size_t oldcap = w->cap;
	w->cap *= 2;
	w->slots = xcalloc(w->cap, sizeof(*w->slots));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].id)
			*watch_slot(w, old[i].id) = old[i];
	free(old);
}

static struct watch_entry *
watch_entry_get(struct watch *w, int64_t id, bool create)
{
	if (id == 0)
		return NULL;
	struct watch_entry *e = watch_slot(w, id);
	if (e->id || !create)
		return e->id ? e : NULL;
	if ((w->count + 1) * 4 > w->cap * 3) {
		watch_grow(w);
		e = watch_slot(w, id);
	}
	memset(e, 0, sizeof(*e));
	e->id = id;
	w->count++;
	return e;
}

void
watch_set_baseline(struct watch *w, const struct snapshot *base)
{
	if (w->have_base)
		snapshot_free(&w->base);
	w->have_base = false;
	if (!base)
		return;
	/* A deep copy through the account and group adders. */
	snapshot_init(&w->base, base->taken);
	w->base.caller = base->caller;
	for (size_t i = 0; i < base->naccounts; i++) {
		const struct snapshot_account *a = &base->accounts[i];
		snapshot_add_membership(&w->base, a->id, a->name, a->status,
			a->ngroups ? a->groups[0] : NULL);
	}
	snapshot_finish(&w->base);
	w->have_base = true;
}

bool
watch_has_baseline(const struct watch *w)
{
	return w->have_base;
}

time_t
watch_baseline_time(const struct watch *w)
{
	return w->have_base ? w->base.taken : 0;
}

static void
watch_copy_status(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

enum watch_event
watch_observe(struct watch *w, int64_t id, const char *status, time_t now)
{
	if (!status || !*status)
		return WATCH_NONE;
	struct watch_entry *e = watch_entry_get(w, id, true);
	if (!e)
		return WATCH_NONE;
	if (!e->now[0]) {
		/* First sighting: against the previous session, quietly. */
		watch_copy_status(e->now, sizeof(e->now), status);
		const struct snapshot_account *b = w->have_base ?
			snapshot_find(&w->base, id) : NULL;
		if (b && b->status && strcmp(b->status, status) != 0) {
			watch_copy_status(e->prev, sizeof(e->prev), b->status);
			if (!e->changed)
				w->changed++;
			e->changed = true;
		}
		return WATCH_NONE;
	}
	if (!strcmp(e->now, status))
		return WATCH_NONE;
	watch_copy_status(e->prev, sizeof(e->prev), e->now);
	watch_copy_status(e->now, sizeof(e->now), status);
	if (!e->changed)
		w->changed++;
	e->changed = true;
	e->live = true;
	e->changed_at = now;
	const char *registered = model_recorder_status_name(RECORDER_REGISTERED);
	if (!strcmp(status, registered) && e->followed) {
		e->followed = false;
		return WATCH_REACHED_REGISTERED;
	}
	if (!strcmp(e->prev, registered))
		return WATCH_FELL_BACK;
	return WATCH_CHANGED;
}

void
watch_follow(struct watch *w, int64_t id)
{
	struct watch_entry *e = watch_entry_get(w, id, true);
	if (e)
		e->followed = true;
}

const struct watch_entry *
watch_get(const struct watch *w, int64_t id)
{
	if (id == 0)
		return NULL;
	struct watch_entry *e = watch_slot(w, id);
	return e->id ? e : NULL;
}

bool
watch_changed(const struct watch *w, int64_t id)
{
	const struct watch_entry *e = watch_get(w, id);
	return e && e->changed;
}

size_t
watch_changed_count(const struct watch *w)
{
	return w->changed;
}

void
watch_reset(struct watch *w)
{
	memset(w->slots, 0, w->cap * sizeof(*w->slots));
	w->count = 0;
	w->changed = 0;
}
