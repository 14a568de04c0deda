/* theme: what each kind of cell looks like. The colour theme uses the
 * terminal's own background and foreground (use_default_colors) and only
 * the 8 basic colours, bold giving the bright half of the 16-colour
 * palette; the monochrome theme (NO_COLOR, --no-color, config color=no)
 * still tells statuses apart with bold, underline and reverse. */
#include "config.h"

#include <curses.h>

#include "status_colour.h"
#include "tui.h"

static int attrs[THEME_COUNT];

enum { PAIR_GREEN = 1, PAIR_YELLOW, PAIR_RED, PAIR_CYAN, PAIR_TITLE,
	PAIR_BLUE };

void
theme_init(bool color)
{
	for (int i = 0; i < THEME_COUNT; i++)
		attrs[i] = (int)A_NORMAL;
	attrs[THEME_TITLE] = (int)A_REVERSE;
	attrs[THEME_HEADER] = (int)A_BOLD | (int)A_UNDERLINE;
	attrs[THEME_CURSOR] = (int)A_REVERSE;
	attrs[THEME_CURSOR_IDLE] = (int)A_BOLD;
	attrs[THEME_MARK] = (int)A_BOLD;
	attrs[THEME_DIALOG] = (int)A_NORMAL;
	attrs[THEME_BAR_FULL] = (int)A_REVERSE;
	attrs[THEME_BAR_EMPTY] = (int)A_DIM;
	attrs[THEME_READONLY] = (int)A_BOLD;
	if (!color || !has_colors() || start_color() == ERR) {
		attrs[THEME_OK] = (int)A_BOLD;
		attrs[THEME_BUSY] = (int)A_UNDERLINE;
		attrs[THEME_BAD] = (int)A_REVERSE;
		attrs[THEME_ERROR] = (int)A_BOLD | (int)A_REVERSE;
		attrs[THEME_DIM] = (int)A_DIM;
		return;
	}
	use_default_colors();
	init_pair(PAIR_GREEN, COLOR_GREEN, -1);
	init_pair(PAIR_YELLOW, COLOR_YELLOW, -1);
	init_pair(PAIR_RED, COLOR_RED, -1);
	init_pair(PAIR_CYAN, COLOR_CYAN, -1);
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_BLUE, COLOR_BLUE, -1);
	attrs[THEME_TITLE] = (int)COLOR_PAIR(PAIR_TITLE) | (int)A_BOLD;
	attrs[THEME_HEADER] = (int)COLOR_PAIR(PAIR_CYAN) | (int)A_BOLD;
	attrs[THEME_MARK] = (int)COLOR_PAIR(PAIR_CYAN) | (int)A_BOLD;
	attrs[THEME_OK] = (int)COLOR_PAIR(PAIR_GREEN);
	attrs[THEME_BUSY] = (int)COLOR_PAIR(PAIR_YELLOW) | (int)A_BOLD;
	attrs[THEME_BAD] = (int)COLOR_PAIR(PAIR_RED) | (int)A_BOLD;
	attrs[THEME_ERROR] = (int)COLOR_PAIR(PAIR_RED) | (int)A_BOLD;
	attrs[THEME_DIM] = (int)A_DIM;
	attrs[THEME_READONLY] = (int)COLOR_PAIR(PAIR_YELLOW) | (int)A_BOLD | (int)A_REVERSE;
	attrs[THEME_BAR_FULL] = (int)COLOR_PAIR(PAIR_GREEN) | (int)A_REVERSE;
	attrs[THEME_BAR_EMPTY] = (int)A_DIM;
}

int
theme_attr(enum theme_slot slot)
{
	return slot < THEME_COUNT ? attrs[slot] : (int)A_NORMAL;
}

int
theme_status_attr(const struct store_account *a)
{
	if (a->op == STORE_OP_STARTING || a->op == STORE_OP_QUEUED)
		return attrs[THEME_BUSY];
	/* The colour comes from status_colour.h, as in the CLI. */
	switch (status_colour_recorder(a->status)) {
	case STATUS_COLOUR_GREEN: return attrs[THEME_OK];
	case STATUS_COLOUR_YELLOW: return attrs[THEME_BUSY];
	case STATUS_COLOUR_RED: return attrs[THEME_BAD];
	default: break;
	}
	return (int)A_NORMAL;
}
