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

/* Wide enough for every group's "registered/total" and the bar. */
static int
coverage_width(struct tui *t)
{
	int w = 0;
	for (size_t i = 0; i < store_group_count(t->store); i++) {
		char cell[64];
		store_group_cell(t->store, store_group_at(t->store, i),
			GROUP_COL_COVERAGE, cell, sizeof(cell));
		int cw = text_width(cell);
		if (cw > w)
			w = cw;
	}
	w += 1 + BAR_CELLS;
	return w < 10 ? 10 : w;
}

void
pane_groups_draw(struct tui *t, int y, int x, int h, int w)
{
	struct store *s = t->store;
	struct store_view *v = store_view(s, STORE_GROUPS);
	bool focused = t->focus == STORE_GROUPS && t->view == VIEW_MAIN;
	draw_pane_title(y, x, w, focused, "GROUPS", v->nrows, v->filter,
		store_group_count(s));

	struct column c[] = {
		{GROUP_COL_NAME, 14, true, false, 0, 0, false, 0, 0},
		{GROUP_COL_TYPE, 6, false, false, 4, 0, false, 0, 0},
		{GROUP_COL_STATUS, 8, false, false, 2, 0, false, 0, 0},
		{GROUP_COL_MEMBERS, 5, false, true, 3, 0, false, 0, 0},
		{GROUP_COL_COVERAGE, coverage_width(t), false, true, 1, 0,
			false, 0, 0},
	};
	int nc = (int)(sizeof(c) / sizeof(c[0]));
	const int gutter = 1;
	columns_layout(c, nc, gutter, w);
	columns_header(t, STORE_GROUPS, c, nc, y + 1, x, gutter);

	int rows = h - 2;
	pane_scroll(v, rows);
	if (v->nrows == 0) {
		const char *msg = store_group_count(s) ? "no group matches the filter" :
			app_listing(t->app) ? "loading account groups..." :
			"no account groups";
		draw_text(y + 2, x + 1, w - 1, msg, theme_attr(THEME_DIM));
		return;
	}
	for (int r = 0; r < rows && v->top + (size_t)r < v->nrows; r++) {
		size_t row = v->top + (size_t)r;
		struct store_group *g = store_view_group(s, row);
		if (!g)
			continue;
		int yy = y + 2 + r;
		int attr = draw_pane_row(v, row, focused, yy, x, w);
		if (g->error)
			draw_text(yy, x, 1, "!", theme_attr(THEME_ERROR) | attr);
		else if (g->loading)
			draw_text(yy, x, 1, draw_spinner_frame(t->spinner),
				theme_attr(THEME_BUSY) | attr);
		for (int i = 0; i < nc; i++) {
			if (!c[i].shown)
				continue;
			char cell[512];
			int cx = x + c[i].x;
			if (c[i].col == GROUP_COL_COVERAGE) {
				draw_coverage(t, g, yy, cx, c[i].w, attr);
				continue;
			}
			store_group_cell(s, g, c[i].col, cell, sizeof(cell));
			int cattr = attr;
			if (c[i].col == GROUP_COL_STATUS && g->agg.status != 1)
				cattr |= theme_attr(THEME_BUSY);
			if (c[i].right)
				draw_text_right(yy, cx, c[i].w, cell, cattr);
			else
				draw_text(yy, cx, c[i].w, cell, cattr);
		}
	}
}
