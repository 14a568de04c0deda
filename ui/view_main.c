/* view_main: the two-pane screen (groups left, the selected group's
 * members right) and the actions that work on it: moving, filtering,
 * sorting, marking, enabling, exporting. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "text.h"
#include "tui.h"

void
columns_layout(struct column *c, int n, int gutter, int width)
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
			if (c[i].shown && !c[i].flex &&
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

void
columns_header(struct tui *t, enum store_pane pane, const struct column *c,
	int n, int y, int x, int gutter)
{
	struct store_view *v = store_view(t->store, pane);
	int attr = theme_attr(THEME_HEADER);
	bool utf8 = strcmp(text_ellipsis(), "~") != 0;
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

static void
main_draw(struct tui *t)
{
	int top = 1;
	int h = t->rows - 3;
	int left = t->cols * 46 / 100;
	if (left < 28)
		left = 28;
	pane_groups_draw(t, top, 0, h, left);
	draw_vline(top, left, h, (int)A_NORMAL);
	pane_members_draw(t, top, left + 1, h, t->cols - left - 1);
	t->page_rows = h - 2 > 1 ? h - 2 : 1;
}

/* After the groups cursor moved: make sure the new group's members come. */
static void
groups_moved(struct tui *t)
{
	struct store_group *g = store_selected_group(t->store);
	if (g && !g->members_loaded)
		app_load_group(t->app, g, true);
}

static void
move_cursor(struct tui *t, long delta)
{
	store_cursor_move(t->store, t->focus, delta);
	if (t->focus == STORE_GROUPS)
		groups_moved(t);
}

static void
mark(struct tui *t)
{
	if (t->focus != STORE_MEMBERS) {
		tui_status(t, STATUS_INFO, "marks are for member accounts: "
			"Tab to the members pane");
		return;
	}
	struct store_account *a = store_selected_member(t->store);
	if (!a)
		return;
	store_toggle_mark(t->store, a->id);
	move_cursor(t, 1);
	tui_status(t, STATUS_INFO, "%zu marked",
		store_marked_count(t->store));
}

static void
describe_sort(struct tui *t)
{
	struct store_view *v = store_view(t->store, t->focus);
	tui_status(t, STATUS_INFO, "%s sorted by %s, %s",
		t->focus == STORE_GROUPS ? "groups" : "members",
		store_column_name(t->focus, v->sort_col),
		v->sort_reverse ? "descending" : "ascending");
}

static bool
main_action(struct tui *t, enum action a)
{
	struct store_view *v = store_view(t->store, t->focus);
	switch (a) {
	case ACT_DOWN: move_cursor(t, 1); return true;
	case ACT_UP: move_cursor(t, -1); return true;
	case ACT_TOP: move_cursor(t, -(long)v->nrows); return true;
	case ACT_BOTTOM: move_cursor(t, (long)v->nrows); return true;
	case ACT_PAGE_DOWN: move_cursor(t, t->page_rows); return true;
	case ACT_PAGE_UP: move_cursor(t, -t->page_rows); return true;
	case ACT_NEXT_PANE:
		t->focus = t->focus == STORE_GROUPS ? STORE_MEMBERS :
			STORE_GROUPS;
		return true;
	case ACT_LEFT_PANE: t->focus = STORE_GROUPS; return true;
	case ACT_RIGHT_PANE: t->focus = STORE_MEMBERS; return true;
	case ACT_OPEN: detail_open(t); return true;
	case ACT_BACK:
		if (v->filter[0]) {
			store_set_filter(t->store, t->focus, "");
			tui_status(t, STATUS_INFO, "filter cleared");
		}
		return true;
	case ACT_FILTER:
		t->prompt = true;
		snprintf(t->prompt_buf, sizeof(t->prompt_buf), "%s",
			v->filter);
		return true;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (!v->search[0])
			tui_status(t, STATUS_INFO, "no filter text yet: "
				"press / first");
		else if (!store_find_next(t->store, t->focus,
		    a == ACT_NEXT_MATCH ? 1 : -1))
			tui_status(t, STATUS_INFO, "no row matches '%s'",
				v->search);
		else if (t->focus == STORE_GROUPS)
			groups_moved(t);
		return true;
	case ACT_SORT:
		store_sort_cycle(t->store, t->focus);
		describe_sort(t);
		return true;
	case ACT_REVERSE:
		store_sort_reverse(t->store, t->focus);
		describe_sort(t);
		return true;
	case ACT_MARK: mark(t); return true;
	case ACT_UNMARK_ALL:
		store_clear_marks(t->store);
		tui_status(t, STATUS_INFO, "marks cleared");
		return true;
	case ACT_ENABLE: dialog_open_enable(t); return true;
	case ACT_EXPORT: export_pane(t); return true;
	default:
		return false;
	}
}

const struct view_ops view_main_ops = {
	.name = "main",
	.draw = main_draw,
	.action = main_action,
};
