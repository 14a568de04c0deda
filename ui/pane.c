/* pane: the one drawer of the list panes (groups, members): column
 * layout that hides the least important columns first when narrow, the
 * title with its counts and filter, the header with the sort arrow,
 * scrolling that keeps the cursor in view, and one row at a time with the
 * cursor row standing out. What a row holds comes from the pane's
 * callbacks (struct pane in tui.h). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "text.h"
#include "tui.h"

void
pane_layout(struct column *c, int n, int gutter, int width)
{
	int avail = width - gutter;
	for (int i = 0; i < n; i++)
		c[i].shown = c[i].width > 0;
	for (;;) {
		int need = -1;
		for (int i = 0; i < n; i++)
			if (c[i].shown)
				need += c[i].width + 1;
		if (need <= avail)
			break;
		int worst = -1;
		for (int i = 0; i < n; i++)
			if (c[i].shown && !c[i].flex && c[i].prio > 0 &&
			    (worst < 0 || c[i].prio > c[worst].prio))
				worst = i;
		if (worst < 0)
			break;
		int over = need - avail;
		if (c[worst].min > 0 && c[worst].width - over >= c[worst].min) {
			c[worst].width -= over;
			break;
		}
		c[worst].shown = false;
	}
	int need = -1;
	for (int i = 0; i < n; i++)
		if (c[i].shown)
			need += c[i].width + 1;
	int extra = avail - need;
	int x = gutter;
	for (int i = 0; i < n; i++) {
		if (!c[i].shown)
			continue;
		c[i].w = c[i].width + (c[i].flex && extra > 0 ? extra : 0);
		if (x + c[i].w > width)
			c[i].w = width - x;
		c[i].x = x;
		x += c[i].w + 1;
	}
}

static void
pane_header(struct tui *t, enum store_pane pane, const struct column *c,
	int n, int y, int x, int gutter)
{
	struct store_view *v = store_view(t->store, pane);
	int attr = theme_attr(THEME_HEADER);
	bool utf8 = text_locale_utf8();
	draw_text(y, x, gutter, "", attr);
	for (int i = 0; i < n; i++) {
		if (!c[i].shown)
			continue;
		char title[64];
		const char *name = store_column_name(pane, c[i].col);
		if (c[i].col == v->sort_col)
			snprintf(title, sizeof(title), "%s%s", name,
				v->sort_reverse ? (utf8 ? "\xe2\x96\xbc" : "v") :
				(utf8 ? "\xe2\x96\xb2" : "^"));
		else
			snprintf(title, sizeof(title), "%s", name);
		if (c[i].right)
			draw_text_right(y, x + c[i].x, c[i].w, title, attr);
		else
			draw_text(y, x + c[i].x, c[i].w, title, attr);
		/* the gap after a column, in the header style */
		if (i + 1 < n)
			draw_text(y, x + c[i].x + c[i].w, 1, "", attr);
	}
}

void
pane_scroll(struct store_view *v, int h)
{
	if (h < 1)
		h = 1;
	if (v->cursor < v->top)
		v->top = v->cursor;
	if (v->cursor >= v->top + (size_t)h)
		v->top = v->cursor - (size_t)h + 1;
	if (v->nrows <= (size_t)h)
		v->top = 0;
	else if (v->top + (size_t)h > v->nrows)
		v->top = v->nrows - (size_t)h;
}

/* " label (shown)", or " label (shown of total) filter: F" while a
 * filter is set; reversed when the pane has the focus. */
static void
pane_title(int y, int x, int w, bool focused, const char *label,
	size_t shown, const char *filter, size_t total)
{
	char title[512];
	int n = snprintf(title, sizeof(title), " %s (%zu", label, shown);
	if (n >= 0 && (size_t)n < sizeof(title)) {
		if (filter && filter[0])
			snprintf(title + n, sizeof(title) - (size_t)n,
				" of %zu) filter: %s", total, filter);
		else
			snprintf(title + n, sizeof(title) - (size_t)n, ")");
	}
	draw_text(y, x, w, title, focused ? (int)A_REVERSE | (int)A_BOLD :
		(int)A_BOLD);
}

static int
pane_row(const struct store_view *v, size_t row, bool focused, int y,
	int x, int w)
{
	int attr = (int)A_NORMAL;
	if (row == v->cursor)
		attr = focused ? theme_attr(THEME_CURSOR) :
			theme_attr(THEME_CURSOR_IDLE);
	draw_fill(y, x, w, attr);
	return attr;
}

void
pane_draw(struct tui *t, const struct pane *p, int y, int x, int h, int w)
{
	struct store_view *v = store_view(t->store, p->id);
	bool focused = t->focus == p->id && t->view == VIEW_MAIN;
	pane_title(y, x, w, focused, p->label, v->nrows, p->filter, p->total);
	pane_layout(p->cols, p->ncols, p->gutter, w);
	t->pane_shown[p->id] = 0;
	for (int i = 0; i < p->ncols; i++)
		if (p->cols[i].shown && p->cols[i].col >= 0)
			t->pane_shown[p->id] |= 1u << p->cols[i].col;
	pane_header(t, p->id, p->cols, p->ncols, y + 1, x, p->gutter);
	int rows = h - 2;
	pane_scroll(v, rows);
	if (v->nrows == 0) {
		draw_text(y + 2, x + 1, w - 1, p->empty ? p->empty : "",
			theme_attr(THEME_DIM));
		return;
	}
	for (int r = 0; r < rows && v->top + (size_t)r < v->nrows; r++) {
		size_t row = v->top + (size_t)r;
		void *item = p->item(t, row);
		if (!item)
			continue;
		int yy = y + 2 + r;
		int attr = pane_row(v, row, focused, yy, x, w);
		if (p->marks)
			p->marks(t, item, yy, x, attr);
		for (int i = 0; i < p->ncols; i++) {
			const struct column *c = &p->cols[i];
			if (!c->shown)
				continue;
			char cell[600];
			int cattr = attr;
			cell[0] = '\0';
			if (!p->cell(t, item, c, yy, x + c->x, &cattr, cell,
			    sizeof(cell)))
				continue;
			if (c->right)
				draw_text_right(yy, x + c->x, c->w, cell, cattr);
			else
				draw_text(yy, x + c->x, c->w, cell, cattr);
		}
	}
}
