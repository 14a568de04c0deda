/* store_fixture: account groups and members built with the model's own
 * types, for the store and controller tests. Included by one test program
 * at a time, so everything is static. */
#ifndef ALICFG_TEST_STORE_FIXTURE_H
#define ALICFG_TEST_STORE_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "model.h"
#include "store.h"

static inline void
agg_init(struct aggregator *a, const char *id, const char *name,
	const char *type, int status, int64_t count)
{
	memset(a, 0, sizeof(*a));
	a->id = xstrdup(id);
	a->name = xstrdup(name);
	a->type = xstrdup(type);
	a->status = status;
	a->member_count = count;
	a->account_id = 1000000000000001;
}

static inline struct aggregator_list *
list_of(int n, const char *const *ids, const char *const *names)
{
	struct aggregator_list *l = xcalloc(1, sizeof(*l));
	l->items = xcalloc((size_t)n, sizeof(*l->items));
	l->count = (size_t)n;
	for (int i = 0; i < n; i++)
		agg_init(&l->items[i], ids[i], names[i], i % 2 ? "CUSTOM" : "RD",
			1, 3);
	snprintf(l->request_id, sizeof(l->request_id), "REQ-LIST");
	return l;
}

static inline void
list_free(struct aggregator_list *l)
{
	model_aggregator_list_free(l);
	free(l);
}

struct m {
	int64_t id;
	const char *name;
	enum recorder_status st;
};

static inline struct aggregator_detail *
detail_of(const char *id, const char *name, const struct m *ms, size_t n)
{
	struct aggregator_detail *d = xcalloc(1, sizeof(*d));
	agg_init(&d->agg, id, name, "CUSTOM", 1, (int64_t)n);
	d->members = xcalloc(n ? n : 1, sizeof(*d->members));
	d->nmembers = n;
	for (size_t i = 0; i < n; i++) {
		d->members[i].account_id = ms[i].id;
		d->members[i].name = xstrdup(ms[i].name);
		d->members[i].type = xstrdup("ResourceDirectory");
		d->members[i].status = ms[i].st;
		d->members[i].status_raw = xstrdup(model_recorder_status_name(ms[i].st));
	}
	snprintf(d->request_id, sizeof(d->request_id), "REQ-%s", id);
	return d;
}

static inline void
merge_detail(struct store *s, const char *id, const char *name,
	const struct m *ms, size_t n)
{
	struct aggregator_detail *d = detail_of(id, name, ms, n);
	store_merge_group_detail(s, d);
	store_view_update(s, STORE_GROUPS);
	model_aggregator_detail_free(d);
	free(d);
}

static inline void
merge_groups(struct store *s, int n, const char *const *ids,
	const char *const *names)
{
	struct aggregator_list *l = list_of(n, ids, names);
	store_merge_groups(s, l);
	store_view_update(s, STORE_GROUPS);
	list_free(l);
}

static const struct m three[] = {
	{11, "charlie", RECORDER_REGISTERED},
	{12, "alpha", RECORDER_REGISTRABLE},
	{13, "bravo", RECORDER_BUILDING},
};

#endif
