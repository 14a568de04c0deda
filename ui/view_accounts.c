/* view_accounts: the right pane, the selected group's member accounts:
 * name, id, type, recorder status in colour (with a spinner while it is
 * changing) and the Code of the last error. The two-character gutter
 * shows the mark (*) and an error marker (!). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "tui.h"

static bool
status_moving(const struct store_account *a)
{
	return a->op == STORE_OP_STARTING || a->op == STORE_OP_QUEUED ||
		a->status == RECORDER_BUILDING ||
		a->status == RECORDER_REBUILDING;
}

/* The ERROR column is as wide as the longest Code on screen, and absent
 * when no row shows one. */
static int
error_width(struct tui *t, struct store_view *v, int rows)
{
	int w = 0;
	for (int r = 0; r < rows && v->top + (size_t)r < v->nrows; r++) {
		struct store_account *a = store_view_member(t->store,
			v->top + (size_t)r);
		if (a && a->error) {
			char cell[128];
			store_member_cell(a, MEMBER_COL_ERROR, cell, sizeof(cell));
			int cw = text_width(cell);
			if (cw > w)
				w = cw;
		}
	}
	if (w == 0)
		return 0;
	if (w < 5)
		w = 5;
	return w > 24 ? 24 : w;
}

void
pane_members_draw(struct tui *t, int y, int x, int h, int w)
{
	struct store *s = t->store;
	struct store_view *v = store_view(s, STORE_MEMBERS);
	struct store_group *g = store_selected_group(s);
	bool focused = t->focus == STORE_MEMBERS && t->view == VIEW_MAIN;
	char label[512];
	snprintf(label, sizeof(label), "MEMBERS of %s",
		g && g->agg.name ? g->agg.name : "-");
	draw_pane_title(y, x, w, focused, label, v->nrows, g ? v->filter : "",
		g ? g->nmembers : 0);

	int rows = h - 2;
	pane_scroll(v, rows);
	/* Names matter most: other columns (TYPE first) go before a name gets
	 * narrower than 14 — except for a failure's Code, which must stay on
	 * its row, so then the name may shrink further. */
	int err_w = error_width(t, v, rows);
	struct column c[] = {
		{MEMBER_COL_NAME, err_w ? 7 : 14, true, false, 0, 0, false, 0, 0},
		{MEMBER_COL_ID, 16, false, false, 1, 0, false, 0, 0},
		{MEMBER_COL_TYPE, 17, false, false, 4, 0, false, 0, 0},
		{MEMBER_COL_STATUS, 13, false, false, 2, 0, false, 0, 0},
		{MEMBER_COL_ERROR, err_w, false, false, 3, 6,
			false, 0, 0},
	};
	int nc = (int)(sizeof(c) / sizeof(c[0]));
	const int gutter = 2;
	columns_layout(c, nc, gutter, w);
	columns_header(t, STORE_MEMBERS, c, nc, y + 1, x, gutter);

	if (v->nrows == 0) {
		const char *msg = !g ? "" :
			g->error && !g->members_loaded ?
			"members could not be loaded (Enter for details)" :
			!g->members_loaded ? "loading members..." :
			g->nmembers ? "no member matches the filter" :
			"no members";
		draw_text(y + 2, x + 1, w - 1, msg, theme_attr(THEME_DIM));
		return;
	}
	for (int r = 0; r < rows && v->top + (size_t)r < v->nrows; r++) {
		size_t row = v->top + (size_t)r;
		struct store_account *a = store_view_member(s, row);
		if (!a)
			continue;
		int yy = y + 2 + r;
		int attr = draw_pane_row(v, row, focused, yy, x, w);
		if (a->marked)
			draw_text(yy, x, 1, "*", theme_attr(THEME_MARK) | attr);
		if (a->error)
			draw_text(yy, x + 1, 1, "!",
				theme_attr(THEME_ERROR) | attr);
		for (int i = 0; i < nc; i++) {
			if (!c[i].shown)
				continue;
			char cell[512], shown[600];
			int cx = x + c[i].x;
			int cattr = attr;
			store_member_cell(a, c[i].col, cell, sizeof(cell));
			if (c[i].col == MEMBER_COL_STATUS) {
				cattr |= theme_status_attr(a);
				if (status_moving(a)) {
					snprintf(shown, sizeof(shown), "%s %s",
						draw_spinner_frame(t->spinner), cell);
					memcpy(cell, shown, strlen(shown) + 1 <
						sizeof(cell) ? strlen(shown) + 1 :
						sizeof(cell));
					cell[sizeof(cell) - 1] = '\0';
				}
			} else if (c[i].col == MEMBER_COL_ERROR) {
				cattr |= theme_attr(THEME_ERROR);
			} else if (c[i].col == MEMBER_COL_NAME && a->marked) {
				cattr |= (int)A_BOLD;
			}
			draw_text(yy, cx, c[i].w, cell, cattr);
		}
	}
}
