/* view_main: the two-pane screen (groups left, the selected group's
 * members right) and the actions that work on it: moving, filtering,
 * sorting, marking, enabling, exporting. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "tui.h"

struct main_state {
	int page_rows;           /* data rows in a pane, for PgUp/PgDn */
};

static void
main_draw(struct tui *t, struct view *view)
{
	struct main_state *st = view->state;
	int top = 1;
	int h = t->rows - 3;
	int left = t->cols * 46 / 100;
	/* Below 100 columns the groups pane is a strip (name and coverage)
	 * while the members have the focus: their RECORDER, name and id need
	 * the room. Tab swaps. */
	if (t->cols < 100 && t->focus == STORE_MEMBERS)
		left = 28;
	if (left < 28)
		left = 28;
	view_groups_draw(t, top, 0, h, left);
	draw_vline(top, left, h, (int)A_NORMAL);
	view_accounts_draw(t, top, left + 1, h, t->cols - left - 1);
	st->page_rows = h - 2 > 1 ? h - 2 : 1;
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
main_action(struct tui *t, struct view *view, enum action a)
{
	struct main_state *st = view->state;
	struct store_view *v = store_view(t->store, t->focus);
	long to;
	if (nav_move(a, (long)v->cursor, (long)v->nrows, st->page_rows, &to)) {
		move_cursor(t, to - (long)v->cursor);
		return true;
	}
	switch (a) {
	case ACT_NEXT_PANE:
		t->focus = t->focus == STORE_GROUPS ? STORE_MEMBERS :
			STORE_GROUPS;
		return true;
	case ACT_LEFT_PANE: t->focus = STORE_GROUPS; return true;
	case ACT_RIGHT_PANE: t->focus = STORE_MEMBERS; return true;
	case ACT_OPEN: view_detail_open(t); return true;
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
		/* only through the columns on screen */
		for (int i = 0; i < store_column_count(t->focus); i++) {
			store_sort_cycle(t->store, t->focus);
			if (!t->pane_shown[t->focus] ||
			    (t->pane_shown[t->focus] & (1u << v->sort_col)))
				break;
		}
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
	case ACT_CHANGED: watch_ui_toggle_changed(t); return true;
	case ACT_NO_GROUP:
		if (!app_directory_available(t->dir)) {
			tui_status(t, STATUS_INFO, "no Directory entry: the "
				"resource directory is not listed (yet)");
			return true;
		}
		tui_status(t, STATUS_INFO, app_directory_toggle_no_group(t->dir) ?
			"Directory: only the members in no account group (0 "
			"shows all)" : "Directory: every member");
		store_view_update(t->store, STORE_GROUPS);
		return true;
	case ACT_STOP: dialog_open_stop(t); return true;
	default:
		return false;
	}
}

const struct view_ops view_main_ops = {
	.name = "main",
	.state_size = sizeof(struct main_state),
	.draw = main_draw,
	.action = main_action,
};
