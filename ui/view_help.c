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

struct help_state {
	long top;                /* first line shown */
	long total;              /* lines, as last drawn */
	int page;                /* lines shown, as last drawn */
};

static void
help_draw(struct tui *t, struct view *v)
{
	struct help_state *st = v->state;
	enum view_id under = t->back_view == VIEW_HELP ? VIEW_MAIN :
		t->back_view;
	draw_view(t, under);
	int x = 2, w = t->cols - 4, y = 1, h = t->rows - 3;
	/* a cleared area: nothing of the view under it shows at the sides */
	for (int r = y; r < y + h; r++)
		draw_fill(r, 0, t->cols, (int)A_NORMAL);
	draw_box(y, x, h, w, (int)A_NORMAL);
	const char *title = t->readonly ?
		" Keys (read-only: greyed keys are off) " : " Keys ";
	draw_text(y, x + 2, text_width(title), title, (int)A_BOLD);
	int inner = h - 2;
	int total = ACT_COUNT + NEXTRA;
	st->total = total;
	st->page = inner > 1 ? inner : 1;
	if (st->top > total - inner)
		st->top = total - inner > 0 ? total - inner : 0;
	for (int r = 0; r < inner; r++) {
		int i = (int)st->top + r;
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
		/* destructive writes in red (bold keys too) */
		int attr = off ? theme_attr(THEME_DIM) :
			action_table[i].write == 2 ? theme_attr(THEME_ERROR) :
			(int)A_NORMAL;
		draw_text(yy, x + 2, KEY_COLS, keys, off ? attr : attr | (int)A_BOLD);
		draw_text(yy, x + 2 + KEY_COLS, w - 4 - KEY_COLS, help, attr);
	}
	/* where the list is: "1-19 of 31", more below or above */
	char pos[96];
	long last = st->top + inner < total ? st->top + inner : total;
	snprintf(pos, sizeof(pos), " %ld-%ld of %d%s ", st->top + 1, last,
		total, last < total ? ", j/PgDn for more" : "");
	int pw = text_width(pos);
	if (pw < w - 4)
		draw_text(y + h - 1, x + w - 2 - pw, pw, pos, (int)A_BOLD);
}

static bool
help_action(struct tui *t, struct view *v, enum action a)
{
	struct help_state *st = v->state;
	if (nav_move(a, st->top, st->total, st->page, &st->top))
		return true;
	switch (a) {
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
	.state_size = sizeof(struct help_state),
	.draw = help_draw,
	.action = help_action,
};
