/* app_sweep: which GetAggregator calls a refresh makes, and when.
 *
 * The first sweep (nothing loaded yet) asks for every group at once: the
 * client's limiter sends them as fast as the GetAggregator quota allows,
 * the group on screen first. Later refreshes do not re-fetch everything in
 * one burst: the group on screen goes at once, the rest are spread over
 * the refresh interval, never faster than 80% of the GetAggregator quota
 * (so what the user asks for still finds room), and a sweep still running
 * when the next list answer comes keeps its schedule. The time the last
 * full sweep finished (every group answered) is kept for the title. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app_impl.h"
#include "buf.h"
#include "quota.h"

/* Share of the GetAggregator quota a background sweep may use. */
#define SWEEP_QUOTA_SHARE 0.8

static void
sweep_clear_pending(struct app_sweep *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->ids[i]);
	free(s->ids);
	free(s->due);
	s->ids = NULL;
	s->due = NULL;
	s->n = s->next = 0;
}

void
app_sweep_reset(struct app *a)
{
	sweep_clear_pending(&a->sweep);
	memset(&a->sweep, 0, sizeof(a->sweep));
}

long long
app_last_sweep(const struct app *a)
{
	return a->sweep.done_ms;
}

/* The slowest spacing that still fits the sweep into the interval, but
 * never closer than the quota allows. */
static long long
sweep_spacing_ms(struct app *a, size_t n)
{
	struct quota_table defaults;
	const struct quota_table *t = a->opts ? &a->opts->quotas : NULL;
	if (!t) {
		quota_table_defaults(&defaults);
		t = &defaults;
	}
	long long interval = app_refresh_interval_s(a) * 1000LL;
	long long spacing = n ? interval / (long long)n : interval;
	const struct quota_limit *l = quota_table_find(t, "GetAggregator");
	if (l && l->calls > 0) {
		long long floor = (long long)(l->seconds * 1000.0 /
			(l->calls * SWEEP_QUOTA_SHARE));
		if (spacing < floor)
			spacing = floor;
	}
	return spacing;
}

void
app_sweep_plan(struct app *a)
{
	struct app_sweep *s = &a->sweep;
	struct store_group *sel = store_selected_group(a->store);
	if (sel)
		app_load_group(a, sel, true);
	size_t count = store_group_count(a->store);
	if (!s->done_ms) {
		/* Nothing shown yet: all of it, as fast as allowed. */
		for (size_t i = 0; i < count; i++) {
			struct store_group *g = store_group_at(a->store, i);
			if (g != sel && !g->loading)
				app_load_group(a, g, false);
		}
		s->active = true;
		return;
	}
	if (s->active && s->next < s->n)
		return;   /* the last sweep is still going: keep its pace */
	sweep_clear_pending(s);
	s->ids = xcalloc(count ? count : 1, sizeof(*s->ids));
	s->due = xcalloc(count ? count : 1, sizeof(*s->due));
	long long spacing = sweep_spacing_ms(a, count);
	long long at = app_now(a);
	for (size_t i = 0; i < count; i++) {
		struct store_group *g = store_group_at(a->store, i);
		if (g == sel || !g->agg.id)
			continue;
		s->ids[s->n] = xstrdup(g->agg.id);
		s->due[s->n] = at;
		at += spacing;
		s->n++;
	}
	s->active = true;
}

long long
app_sweep_tick(struct app *a, long long now)
{
	struct app_sweep *s = &a->sweep;
	while (s->next < s->n && s->due[s->next] <= now) {
		struct store_group *g = store_group_find(a->store,
			s->ids[s->next]);
		if (g && !g->loading)
			app_load_group(a, g, false);
		s->next++;
	}
	if (s->next < s->n)
		return s->due[s->next];
	if (s->active)
		app_sweep_note(a);
	return 0;
}

void
app_sweep_note(struct app *a)
{
	struct app_sweep *s = &a->sweep;
	if (!s->active || s->next < s->n)
		return;
	for (size_t i = 0; i < store_group_count(a->store); i++)
		if (store_group_at(a->store, i)->loading)
			return;
	s->active = false;
	s->done_ms = app_now(a);
}
