/* batch_load: the complete load the watch commands share (every group and
 * its members), and saving what a complete load saw as a snapshot. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch_impl.h"
#include "snapshot.h"

int
batch_load_all(struct batch *b)
{
	api_list_aggregators(b->client, batch_on_list, b);
	api_client_run(b->client);
	if (!b->list) {
		batch_print_err(b, "ListAggregators", &b->list_err);
		return -1;
	}
	size_t n = b->list->count;
	b->details = xcalloc(n ? n : 1, sizeof(*b->details));
	b->ndetails = n;
	struct batch_group_call *calls = xcalloc(n ? n : 1, sizeof(*calls));
	for (size_t i = 0; i < n; i++) {
		calls[i].b = b;
		calls[i].index = i;
		api_get_aggregator(b->client, b->list->items[i].id,
			batch_on_group, &calls[i]);
	}
	api_client_run(b->client);
	free(calls);
	for (size_t i = 0; i < n; i++)
		if (!b->details[i])
			return -1;   /* batch_on_group printed why */
	return 0;
}

int
batch_snapshot_build(struct batch *b, struct snapshot *s)
{
	snapshot_init(s, time(NULL));
	if (!b->list)
		return -1;
	for (size_t i = 0; i < b->ndetails; i++) {
		if (!b->details[i]) {
			snapshot_free(s);
			return -1;
		}
		snapshot_add_group(s, b->details[i]);
	}
	s->caller = api_client_caller_account(b->client);
	snapshot_finish(s);
	return 0;
}

int
batch_snapshot_save(struct batch *b, const struct snapshot *s,
	char *name_out, size_t name_outsz)
{
	char dir[4096];
	struct err e;
	err_clear(&e);
	if (snapshot_dir(dir, sizeof(dir), true, &e) < 0 ||
	    snapshot_save(dir, s, b->o->keep_snapshots, name_out, name_outsz,
	    &e) < 0) {
		/* The command's own answer stands; only the record failed. */
		fprintf(stderr, "alicfg: warning: snapshot not saved: %s\n",
			e.message);
		return -1;
	}
	return 0;
}

void
batch_snapshot_after_load(struct batch *b)
{
	struct snapshot s;
	if (batch_snapshot_build(b, &s) < 0)
		return;
	batch_snapshot_save(b, &s, NULL, 0);
	snapshot_free(&s);
}
