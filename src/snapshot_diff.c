/* snapshot_diff: the transitions between two snapshots, for `alicfg diff`
 * and the TUI's change markers. Both account lists are sorted by id, so
 * one merge walk finds every change. */
#include "config.h"

#include "snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct snapshot_changes {
	struct snapshot_change *items;
	size_t n, cap;
};

static struct snapshot_change *
snapshot_change_add(struct snapshot_changes *c, const struct snapshot_account *a,
	enum snapshot_change_kind kind)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->items = xrealloc(c->items, c->cap * sizeof(*c->items));
	}
	struct snapshot_change *ch = &c->items[c->n++];
	memset(ch, 0, sizeof(*ch));
	ch->account = a->id;
	ch->name = a->name;
	ch->kind = kind;
	return ch;
}

const char *
snapshot_change_name(enum snapshot_change_kind k)
{
	switch (k) {
	case SNAP_STATUS: return "status";
	case SNAP_JOINED_GROUP: return "joined-group";
	case SNAP_LEFT_GROUP: return "left-group";
	case SNAP_APPEARED: return "appeared";
	case SNAP_DISAPPEARED: return "disappeared";
	case SNAP_JOINED_DIRECTORY: return "joined-directory";
	case SNAP_LEFT_DIRECTORY: return "left-directory";
	}
	return "?";
}

/* The same account in both: status, groups, directory membership. */
static void
snapshot_diff_account(struct snapshot_changes *c, const struct snapshot *then,
	const struct snapshot *now, const struct snapshot_account *a,
	const struct snapshot_account *b)
{
	/* An unknown status (a directory-only account) is not a change. */
	if (a->status && b->status && strcmp(a->status, b->status) != 0) {
		struct snapshot_change *ch = snapshot_change_add(c, b,
			SNAP_STATUS);
		ch->from = a->status;
		ch->to = b->status;
	}
	size_t i = 0, j = 0;
	while (i < a->ngroups || j < b->ngroups) {
		int cmp = i == a->ngroups ? 1 : j == b->ngroups ? -1 :
			strcmp(a->groups[i], b->groups[j]);
		if (cmp == 0) {
			i++;
			j++;
		} else if (cmp < 0) {
			struct snapshot_change *ch = snapshot_change_add(c, b,
				SNAP_LEFT_GROUP);
			ch->from = a->groups[i];
			ch->group_name = snapshot_group_name(then, a->groups[i]);
			i++;
		} else {
			struct snapshot_change *ch = snapshot_change_add(c, b,
				SNAP_JOINED_GROUP);
			ch->to = b->groups[j];
			ch->group_name = snapshot_group_name(now, b->groups[j]);
			j++;
		}
	}
	if (then->has_directory && now->has_directory &&
	    a->in_directory != b->in_directory)
		snapshot_change_add(c, b, b->in_directory ?
			SNAP_JOINED_DIRECTORY : SNAP_LEFT_DIRECTORY);
}

size_t
snapshot_diff(const struct snapshot *then, const struct snapshot *now,
	struct snapshot_change **out)
{
	struct snapshot_changes c = {0};
	bool both_dir = then->has_directory && now->has_directory;
	size_t i = 0, j = 0;
	while (i < then->naccounts || j < now->naccounts) {
		const struct snapshot_account *a = i < then->naccounts ?
			&then->accounts[i] : NULL;
		const struct snapshot_account *b = j < now->naccounts ?
			&now->accounts[j] : NULL;
		if (a && b && a->id == b->id) {
			size_t before = c.n;
			snapshot_diff_account(&c, then, now, a, b);
			for (size_t k = before; k < c.n; k++)
				if (!c.items[k].name)
					c.items[k].name = a->name;
			i++;
			j++;
		} else if (a && (!b || a->id < b->id)) {
			struct snapshot_change *ch = snapshot_change_add(&c, a,
				both_dir && a->in_directory ?
				SNAP_LEFT_DIRECTORY : SNAP_DISAPPEARED);
			ch->from = a->status;
			i++;
		} else {
			struct snapshot_change *ch = snapshot_change_add(&c, b,
				both_dir && b->in_directory ?
				SNAP_JOINED_DIRECTORY : SNAP_APPEARED);
			ch->to = b->status;
			j++;
		}
	}
	*out = c.items;
	return c.n;
}
