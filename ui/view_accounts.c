/* view_accounts: the right pane, the selected group's member accounts:
 * name, id, type, recorder status in colour (with a spinner while it is
 * changing). The two-character gutter
 * shows the mark (*) and an error marker (!), else a change marker (~):
 * the status changed since the last session or during this one. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "text.h"
#include "tui.h"
#include "watch.h"

static bool
status_moving(const struct store_account *a)
{
	return a->op == STORE_OP_STARTING || a->op == STORE_OP_QUEUED ||
		a->status == RECORDER_BUILDING ||
		a->status == RECORDER_REBUILDING;
}

static void *
member_item(struct tui *t, size_t row)
{
	return store_view_member(t->store, row);
}

static void
member_marks(struct tui *t, void *item, int y, int x, int attr)
{
	struct store_account *a = item;
	if (a->marked)
		draw_text(y, x, 1, "*", theme_attr(THEME_MARK) | attr);
	if (a->error)
		draw_text(y, x + 1, 1, "!", theme_attr(THEME_ERROR) | attr);
	else if (t->watch && watch_changed(t->watch, a->id))
		draw_text(y, x + 1, 1, "~", theme_attr(THEME_MARK) | attr);
}

static bool
member_cell(struct tui *t, void *item, const struct column *c, int y, int x,
	int *attr, char *out, size_t outsz)
{
	(void)y;
	(void)x;
	struct store_account *a = item;
	char cell[512];
	store_member_cell(a, c->col, cell, sizeof(cell));
	if (c->col == MEMBER_COL_STATUS) {
		*attr |= theme_status_attr(a);
		if (status_moving(a)) {
			snprintf(out, outsz, "%s %s",
				draw_spinner_frame(t->spinner), cell);
			return true;
		}
	} else if (c->col == MEMBER_COL_GROUPS && a->groups == 0) {
		/* in no group: the blind spot */
		*attr |= theme_attr(THEME_ERROR) | (int)A_BOLD;
	} else if (c->col == MEMBER_COL_NAME && a->marked) {
		*attr |= (int)A_BOLD;
	}
	snprintf(out, outsz, "%s", cell);
	return true;
}

void
view_accounts_draw(struct tui *t, int y, int x, int h, int w)
{
	struct store *s = t->store;
	struct store_view *v = store_view(s, STORE_MEMBERS);
	struct store_group *g = store_selected_group(s);
	char label[512];
	snprintf(label, sizeof(label), "MEMBERS of %s%s",
		g && g->agg.name ? g->agg.name : "-",
		t->changed_only ? " (changed only)" : "");
	/* Purpose first: RECORDER is never dropped; then the name (down to
	 * 16 columns), the account id, the type. An error is the `!` in the
	 * gutter (its Code on the status line and in the detail): the
	 * columns never change because of one. */
	/* The Directory entry says how many groups list each member. */
	int groups_w = g && g->pinned ? 6 : 0;
	struct column c[] = {
		{MEMBER_COL_NAME, 16, true, false, 0, 0, false, 0, 0},
		{MEMBER_COL_ID, 16, false, false, 2, 0, false, 0, 0},
		{MEMBER_COL_TYPE, 17, false, false, 4, 0, false, 0, 0},
		{MEMBER_COL_STATUS, 13, false, false, 0, 0, false, 0, 0},
		{MEMBER_COL_GROUPS, groups_w, false, false, 3, 0, false, 0, 0},
	};
	struct pane p = {
		.id = STORE_MEMBERS,
		.label = label,
		.total = g ? g->nmembers : 0,
		.filter = g ? v->filter : "",
		.cols = c,
		.ncols = (int)(sizeof(c) / sizeof(c[0])),
		.gutter = 2,
		.empty = !g ? "" :
			g->error && !g->members_loaded ?
			"members could not be loaded (Enter for details)" :
			!g->members_loaded ? "loading members..." :
			g->nmembers ? "no member matches the filter" :
			"no members",
		.item = member_item,
		.marks = member_marks,
		.cell = member_cell,
	};
	pane_draw(t, &p, y, x, h, w);
}
