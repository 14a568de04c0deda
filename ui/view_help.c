/* view_help: the ? overlay, generated from actions.def like the bindings
 * and the man page. Write actions are greyed out in read-only mode. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "text.h"
#include "tui.h"

#define KEY_COLS 16

static const char *const extra[] = {
	"",
	"In the filter prompt: type to filter, Backspace edits, Enter keeps",
	"the filter, Esc clears it. In the enable dialog: y confirms; n, Esc",
	"or Enter (No is the default) cancel.",
};
#define NEXTRA (int)(sizeof(extra) / sizeof(extra[0]))

static void
help_draw(struct tui *t)
{
	enum view_id under = t->back_view == VIEW_HELP ? VIEW_MAIN :
		t->back_view;
	draw_view_ops(under)->draw(t);
	int x = 2, w = t->cols - 4, y = 1, h = t->rows - 3;
	draw_box(y, x, h, w, (int)A_NORMAL);
	const char *title = t->readonly ?
		" Keys (read-only: greyed keys are off) " : " Keys ";
	draw_text(y, x + 2, text_width(title), title, (int)A_BOLD);
	int inner = h - 2;
	int total = ACT_COUNT + NEXTRA;
	if (t->help_top > total - inner)
		t->help_top = total - inner > 0 ? total - inner : 0;
	for (int r = 0; r < inner; r++) {
		int i = t->help_top + r;
		if (i >= total)
			break;
		int yy = y + 1 + r;
		if (i >= ACT_COUNT) {
			draw_text(yy, x + 2, w - 4, extra[i - ACT_COUNT],
				(int)A_NORMAL);
			continue;
		}
		char keys[64], help[256];
		keys_describe((enum action)i, keys, sizeof(keys));
		bool off = action_table[i].write && t->readonly;
		snprintf(help, sizeof(help), "%s%s", off ?
			"(off: read-only) " : "", action_table[i].help);
		int attr = off ? theme_attr(THEME_DIM) : (int)A_NORMAL;
		draw_text(yy, x + 2, KEY_COLS, keys, off ? attr : attr | (int)A_BOLD);
		draw_text(yy, x + 2 + KEY_COLS, w - 4 - KEY_COLS, help, attr);
	}
}

static bool
help_action(struct tui *t, enum action a)
{
	switch (a) {
	case ACT_DOWN: t->help_top++; return true;
	case ACT_UP: if (t->help_top > 0) t->help_top--; return true;
	case ACT_PAGE_DOWN: t->help_top += 10; return true;
	case ACT_PAGE_UP:
		t->help_top = t->help_top > 10 ? t->help_top - 10 : 0;
		return true;
	case ACT_TOP: t->help_top = 0; return true;
	case ACT_BOTTOM: t->help_top = 1000; return true;
	case ACT_BACK:
	case ACT_HELP:
		tui_set_view(t, t->back_view == VIEW_HELP ? VIEW_MAIN :
			t->back_view);
		return true;
	case ACT_QUIT:
		return false;
	default:
		return true;   /* the overlay is modal */
	}
}

const struct view_ops view_help_ops = {
	.name = "help",
	.draw = help_draw,
	.action = help_action,
};
