/* view_groups: the left pane, one row per account group: name, type,
 * status (a group still being created stands out), member count and
 * coverage (REGISTERED members out of all, as a number and a small bar). */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "text.h"
#include "tui.h"

#define BAR_CELLS 5

static void
draw_coverage(struct tui *t, const struct store_group *g, int y, int x,
	int w, int row_attr)
{
	char cell[64];
	long reg, total;
	store_group_cell(t->store, g, GROUP_COL_COVERAGE, cell, sizeof(cell));
	store_group_coverage(t->store, g, &reg, &total);
	int tw = w - BAR_CELLS - 1;
	if (tw < text_width(cell)) {
		draw_text_right(y, x, w, cell, row_attr);
		return;
	}
	draw_text_right(y, x, tw, cell, row_attr);
	draw_text(y, x + tw, 1, "", row_attr);
	int full = 0;
	if (reg >= 0 && total > 0)
		full = (int)((reg * BAR_CELLS + total / 2) / total);
	if (reg > 0 && full == 0)
		full = 1;   /* any coverage shows */
	for (int i = 0; i < BAR_CELLS; i++)
		draw_text(y, x + tw + 1 + i, 1, i < full ? " " : "\xc2\xb7",
			i < full ? theme_attr(THEME_BAR_FULL) :
			theme_attr(THEME_BAR_EMPTY) | row_attr);
}

/* Wide enough for every group's "registered/total" and the bar: the
 * widest is "N/N" for the largest group, so only the member counts are
 * looked at (counting REGISTERED members of every group on each frame
 * costs a millisecond at 1,000 groups). */
static int
coverage_width(struct tui *t)
{
	long most = 0;
	for (size_t i = 0; i < store_group_count(t->store); i++) {
		const struct store_group *g = store_group_at(t->store, i);
		long n = g->members_loaded ? (long)g->nmembers :
			(long)g->agg.member_count;
		if (n > most)
			most = n;
	}
	char cell[64];
	int w = snprintf(cell, sizeof(cell), "%ld/%ld", most, most);
	w += 1 + BAR_CELLS;
	return w < 10 ? 10 : w;
}

static void *
group_item(struct tui *t, size_t row)
{
	return store_view_group(t->store, row);
}

static void
group_marks(struct tui *t, void *item, int y, int x, int attr)
{
	struct store_group *g = item;
	if (g->error)
		draw_text(y, x, 1, "!", theme_attr(THEME_ERROR) | attr);
	else if (g->loading)
		draw_text(y, x, 1, draw_spinner_frame(t->spinner),
			theme_attr(THEME_BUSY) | attr);
}

static bool
group_cell(struct tui *t, void *item, const struct column *c, int y, int x,
	int *attr, char *out, size_t outsz)
{
	struct store_group *g = item;
	if (c->col == GROUP_COL_COVERAGE) {
		draw_coverage(t, g, y, x, c->w, *attr);
		return false;
	}
	store_group_cell(t->store, g, c->col, out, outsz);
	if (c->col == GROUP_COL_STATUS && g->agg.status != 1)
		*attr |= theme_attr(THEME_BUSY);
	return true;
}

void
view_groups_draw(struct tui *t, int y, int x, int h, int w)
{
	struct store *s = t->store;
	struct store_view *v = store_view(s, STORE_GROUPS);
	struct column c[] = {
		{GROUP_COL_NAME, 14, true, false, 0, 0, false, 0, 0},
		{GROUP_COL_TYPE, 6, false, false, 4, 0, false, 0, 0},
		{GROUP_COL_STATUS, 8, false, false, 2, 0, false, 0, 0},
		{GROUP_COL_MEMBERS, 5, false, true, 3, 0, false, 0, 0},
		/* what the pane is for: never dropped */
		{GROUP_COL_COVERAGE, coverage_width(t), false, true, 0, 0,
			false, 0, 0},
	};
	struct pane p = {
		.id = STORE_GROUPS,
		.label = "GROUPS",
		.total = store_group_count(s),
		.filter = v->filter,
		.cols = c,
		.ncols = (int)(sizeof(c) / sizeof(c[0])),
		.gutter = 1,
		.empty = store_group_count(s) ? "no group matches the filter" :
			app_listing(t->app) ? "loading account groups..." :
			"no account groups",
		.item = group_item,
		.marks = group_marks,
		.cell = group_cell,
	};
	pane_draw(t, &p, y, x, h, w);
}
