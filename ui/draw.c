/* draw: the frame around the views (title bar, status line, key hints),
 * the "terminal too small" screen, and the text primitives every view
 * draws with. The whole screen is redrawn into curses' virtual screen on
 * each change; curses sends only the cells that differ. */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "endpoint.h"
#include "text.h"
#include "tui.h"

#define MIN_COLS 60
#define MIN_ROWS 15

void
draw_text(int y, int x, int cols, const char *s, int attr)
{
	char buf[2048];
	if (cols <= 0)
		return;
	text_fit(s ? s : "", cols, true, buf, sizeof(buf));
	attrset(attr);
	mvaddstr(y, x, buf);
	attrset((int)A_NORMAL);
}

void
draw_text_right(int y, int x, int cols, const char *s, int attr)
{
	char buf[2048];
	if (cols <= 0)
		return;
	text_fit_right(s ? s : "", cols, buf, sizeof(buf));
	attrset(attr);
	mvaddstr(y, x, buf);
	attrset((int)A_NORMAL);
}

void
draw_fill(int y, int x, int cols, int attr)
{
	attrset(attr);
	for (int i = 0; i < cols; i++)
		mvaddch(y, x + i, ' ');
	attrset((int)A_NORMAL);
}

void
draw_vline(int y, int x, int h, int attr)
{
	for (int i = 0; i < h; i++)
		draw_text(y + i, x, 1, text_locale_utf8() ? "\xe2\x94\x82" : "|", attr);
}

/* Unicode box lines where the locale allows (some terminals show the
 * curses alternate character set as letters), ASCII otherwise. */
void
draw_box(int y, int x, int h, int w, int attr)
{
	const char *hl = text_locale_utf8() ? "\xe2\x94\x80" : "-";
	for (int r = 0; r < h; r++)
		draw_fill(y + r, x, w, attr);
	draw_text(y, x, 1, text_locale_utf8() ? "\xe2\x94\x8c" : "+", attr);
	draw_text(y, x + w - 1, 1, text_locale_utf8() ? "\xe2\x94\x90" : "+", attr);
	draw_text(y + h - 1, x, 1, text_locale_utf8() ? "\xe2\x94\x94" : "+", attr);
	draw_text(y + h - 1, x + w - 1, 1, text_locale_utf8() ? "\xe2\x94\x98" : "+",
		attr);
	for (int i = 1; i < w - 1; i++) {
		draw_text(y, x + i, 1, hl, attr);
		draw_text(y + h - 1, x + i, 1, hl, attr);
	}
	draw_vline(y + 1, x, h - 2, attr);
	draw_vline(y + 1, x + w - 1, h - 2, attr);
}

const char *
draw_spinner_frame(int frame)
{
	static const char *const frames[] = {
		"\xe2\xa0\x8b", "\xe2\xa0\x99", "\xe2\xa0\xb9", "\xe2\xa0\xb8",
		"\xe2\xa0\xbc", "\xe2\xa0\xb4", "\xe2\xa0\xa6", "\xe2\xa0\xa7",
		"\xe2\xa0\x87", "\xe2\xa0\x8f",
	};
	static const char *const ascii[] = {"|", "/", "-", "\\"};
	if (text_locale_utf8())
		return frames[(unsigned)frame % 10];
	return ascii[(unsigned)frame % 4];
}


static void
format_age(long long ms, char *out, size_t outsz)
{
	long long s = ms / 1000;
	if (s < 60)
		snprintf(out, outsz, "%llds ago", s);
	else if (s < 3600)
		snprintf(out, outsz, "%lldm ago", s / 60);
	else
		snprintf(out, outsz, "%lldh ago", s / 3600);
}

static void
draw_title(struct tui *t)
{
	char left[1024], right[256], age[32];
	char acct[32] = "?";
	const struct app_conn *c = app_conn(t->app);
	if (c->caller_account)
		snprintf(acct, sizeof(acct), "%" PRId64, c->caller_account);
	/* the host goes first when narrow: who, where and the caller's
	 * account matter more (it is in the detail and the log anyway) */
	char host_part[300];
	snprintf(host_part, sizeof(host_part), "  %s", c->host);

	size_t rlen = 0;
	right[0] = '\0';
	int queued, in_flight;
	app_counts(t->app, &queued, &in_flight);
	/* on the wire apart from waiting for a slot */
	if (in_flight > 0 || queued > 0)
		rlen += (size_t)snprintf(right + rlen, sizeof(right) - rlen,
			"%s %d in flight", draw_spinner_frame(t->spinner),
			in_flight);
	if (queued > 0)
		rlen += (size_t)snprintf(right + rlen, sizeof(right) - rlen,
			", %d queued", queued);
	if (in_flight > 0 || queued > 0)
		rlen += (size_t)snprintf(right + rlen, sizeof(right) - rlen,
			"  ");
	if (app_paused(t->app))
		rlen += (size_t)snprintf(right + rlen, sizeof(right) - rlen,
			"PAUSED  ");
	/* the last full sweep over every group (spread over the interval
	 * within the quota), then the last list answer */
	if (app_last_sweep(t->app)) {
		format_age(tui_now_ms() - app_last_sweep(t->app), age,
			sizeof(age));
		rlen += (size_t)snprintf(right + rlen, sizeof(right) - rlen,
			"swept %s  ", age);
	}
	if (app_last_refresh(t->app)) {
		format_age(tui_now_ms() - app_last_refresh(t->app), age,
			sizeof(age));
		snprintf(right + rlen, sizeof(right) - rlen, "refreshed %s ", age);
	} else {
		snprintf(right + rlen, sizeof(right) - rlen, "loading ");
	}

	int attr = theme_attr(THEME_TITLE);
	const char *ro = " READ-ONLY ";
	int rw = text_width(right);
	int row = t->readonly ? text_width(ro) + 1 : 0;
	int lw = t->cols - rw - row;
	snprintf(left, sizeof(left), " alicfg  %s  %s%s  acct %s", c->profile,
		c->region, host_part, acct);
	if (text_width(left) > lw)
		snprintf(left, sizeof(left), " alicfg  %s  %s  acct %s",
			c->profile, c->region, acct);
	draw_fill(0, 0, t->cols, attr);
	draw_text(0, 0, lw > 0 ? lw : 0, left, attr);
	if (t->readonly && lw + row <= t->cols)
		draw_text(0, lw, row - 1, ro, theme_attr(THEME_READONLY));
	draw_text_right(0, t->cols - rw, rw, right, attr);
}

/* One hint ("? help"); returns its width, drawing it only when `draw`. */
static int
hint(struct tui *t, int y, int x, enum action a, bool draw)
{
	char keys[64];
	keys_describe(a, keys, sizeof(keys));
	char *comma = strchr(keys, ',');
	if (comma)
		*comma = '\0';
	const char *name = action_table[a].name;
	int kw = text_width(keys), nw = text_width(name);
	if (draw) {
		bool off = action_table[a].write && t->readonly;
		draw_text(y, x, kw, keys, off ? theme_attr(THEME_DIM) :
			(int)A_BOLD);
		draw_text(y, x + kw + 1, nw, name, off ?
			theme_attr(THEME_DIM) : (int)A_NORMAL);
	}
	return kw + 1 + nw + 2;
}

/* The key hints follow the view; `? help` and `q quit` always show, at
 * the end, and the others take the room that is left. */
static void
draw_hints(struct tui *t, int y)
{
	static const enum action other_view[] = {ACT_BACK};
	draw_fill(y, 0, t->cols, (int)A_NORMAL);
	int tail = hint(t, y, 0, ACT_HELP, false) +
		hint(t, y, 0, ACT_QUIT, false);
	int x = 0;
	if (t->view == VIEW_MAIN) {
		for (int a = 0; a < ACT_COUNT; a++) {
			if (!action_table[a].hint || a == ACT_HELP ||
			    a == ACT_QUIT)
				continue;
			int w = hint(t, y, x, (enum action)a, false);
			if (x + w - 2 > t->cols - tail)
				break;
			x += hint(t, y, x, (enum action)a, true);
		}
	} else {
		for (size_t i = 0; i < sizeof(other_view) /
		    sizeof(other_view[0]); i++)
			x += hint(t, y, x, other_view[i], true);
	}
	x += hint(t, y, x, ACT_HELP, true);
	hint(t, y, x, ACT_QUIT, true);
}

static void
draw_status(struct tui *t, int y)
{
	char line[1200];
	if (t->prompt) {
		snprintf(line, sizeof(line), "filter %s: %s_",
			t->focus == STORE_GROUPS ? "groups" : "members",
			t->prompt_buf);
		draw_text(y, 0, t->cols, line, (int)A_BOLD);
		return;
	}
	if (t->status[0]) {
		draw_text(y, 0, t->cols, t->status,
			t->status_level == STATUS_ERROR ?
			theme_attr(THEME_ERROR) : (int)A_NORMAL);
		return;
	}
	/* the cursor on a failed row: its Code, without squeezing a column */
	struct store_account *cur = t->view == VIEW_MAIN &&
		t->focus == STORE_MEMBERS ? store_selected_member(t->store) :
		NULL;
	if (cur && cur->error) {
		const struct err *e = cur->error;
		char verdict[200];
		if (e->code[0])
			snprintf(verdict, sizeof(verdict), "%s (HTTP %ld)",
				e->code, e->http_status);
		else
			snprintf(verdict, sizeof(verdict), "%.150s",
				e->message);
		snprintf(line, sizeof(line), "%s (%" PRId64 "): %s - Enter "
			"for details", cur->name && cur->name[0] ? cur->name :
			"(unnamed)", cur->id, verdict);
		draw_text(y, 0, t->cols, line, theme_attr(THEME_ERROR));
		return;
	}
	size_t marked = store_marked_count(t->store);
	snprintf(line, sizeof(line), "%zu groups, %zu accounts%s",
		store_group_count(t->store), store_account_count(t->store),
		"");
	if (marked) {
		size_t n = strlen(line);
		snprintf(line + n, sizeof(line) - n, ", %zu marked", marked);
	}
	draw_text(y, 0, t->cols, line, (int)A_NORMAL);
}

static void
draw_too_small(struct tui *t)
{
	char msg[128];
	snprintf(msg, sizeof(msg), "terminal too small: %dx%d", t->cols,
		t->rows);
	char need[64];
	snprintf(need, sizeof(need), "need at least %dx%d", MIN_COLS,
		MIN_ROWS);
	int y = t->rows / 2 - 1;
	if (y < 0)
		y = 0;
	draw_text(y, 0, t->cols, msg, (int)A_BOLD);
	if (y + 1 < t->rows)
		draw_text(y + 1, 0, t->cols, need, (int)A_NORMAL);
	if (y + 2 < t->rows)
		draw_text(y + 2, 0, t->cols, "q quits", (int)A_NORMAL);
}

void
draw_screen(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	erase();
	t->too_small = t->cols < MIN_COLS || t->rows < MIN_ROWS;
	if (t->too_small) {
		draw_too_small(t);
	} else {
		draw_title(t);
		draw_view(t, t->view);
		draw_status(t, t->rows - 2);
		draw_hints(t, t->rows - 1);
		if (t->dialog != DIALOG_NONE)
			dialog_draw(t);
	}
	wnoutrefresh(stdscr);
	doupdate();
	t->dirty = false;
}

void
draw_view(struct tui *t, enum view_id v)
{
	struct view *view = tui_view(t, v);
	view->ops->draw(t, view);
}

bool
draw_view_action(struct tui *t, enum action a)
{
	struct view *view = tui_view(t, t->view);
	return view->ops->action(t, view, a);
}
