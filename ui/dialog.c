/* dialog: the boxes drawn over a view and the keys they take: the enable
 * confirm (names every account, No by default, y confirms) and the profile
 * picker (profiles of ~/.aliyun/config.json). */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "text.h"
#include "tui.h"

static void
box_at(int y, int x, int h, int w, const char *title)
{
	int attr = theme_attr(THEME_DIALOG);
	draw_box(y, x, h, w, attr);
	if (title) {
		char tt[256];
		snprintf(tt, sizeof(tt), " %s ", title);
		int tw = text_width(tt);
		if (tw > w - 4)
			tw = w - 4;
		draw_text(y, x + 2, tw, tt, attr | (int)A_BOLD);
	}
}

static void
draw_confirm(struct tui *t)
{
	int w = t->cols - 6 < 76 ? t->cols - 6 : 76;
	int max_list = t->rows - 12;
	if (max_list < 1)
		max_list = 1;
	const struct app_enable_plan *p = &t->plan;
	int shown = (int)p->n;
	bool more = false;
	if (shown > max_list) {
		shown = max_list - 1 > 0 ? max_list - 1 : 1;
		more = true;
	}
	int h = 8 + shown + (more ? 1 : 0) + (p->already ? 1 : 0);
	int y = (t->rows - h) / 2, x = (t->cols - w) / 2;
	box_at(y, x, h, w, "Enable config recorder");
	int attr = theme_attr(THEME_DIALOG);
	char line[512];
	int r = y + 1;
	snprintf(line, sizeof(line), "Start the config recorder of %zu "
		"account%s?", p->n, p->n == 1 ? "" : "s");
	draw_text(r++, x + 2, w - 4, line, attr | (int)A_BOLD);
	for (int i = 0; i < shown; i++) {
		int64_t id = p->ids[i];
		struct store_account *a = store_account_find(t->store, id);
		snprintf(line, sizeof(line), "  %s (%" PRId64 ")",
			a && a->name ? a->name : "(unnamed)", id);
		draw_text(r++, x + 2, w - 4, line, attr);
	}
	if (more) {
		snprintf(line, sizeof(line), "  and %zu more",
			p->n - (size_t)shown);
		draw_text(r++, x + 2, w - 4, line, attr);
	}
	if (p->already) {
		snprintf(line, sizeof(line), "(%zu marked account%s already on "
			"or starting: skipped)", p->already,
			p->already == 1 ? "" : "s");
		draw_text(r++, x + 2, w - 4, line, attr);
	}
	r++;
	snprintf(line, sizeof(line), "Each runs as that account (role %s).",
		t->opts->role_name ? t->opts->role_name : API_DEFAULT_ROLE);
	draw_text(r++, x + 2, w - 4, line, attr);
	r++;
	int bx = x + 4;
	draw_text(r, bx, 6, "[ No ]", t->dialog_cursor == 0 ?
		(int)A_REVERSE | (int)A_BOLD : attr);
	draw_text(r, bx + 8, 7, "[ Yes ]", t->dialog_cursor == 1 ?
		(int)A_REVERSE | (int)A_BOLD : attr);
	draw_text(r, bx + 17, w - 23, "y confirms, n or Esc cancels", attr);
}

static void
draw_profiles(struct tui *t)
{
	int w = t->cols - 10 < 50 ? t->cols - 10 : 50;
	int list_h = t->nprofiles;
	if (list_h > t->rows - 8)
		list_h = t->rows - 8;
	if (list_h < 1)
		list_h = 1;
	int h = list_h + 4;
	int y = (t->rows - h) / 2, x = (t->cols - w) / 2;
	box_at(y, x, h, w, "Profile (~/.aliyun/config.json)");
	int attr = theme_attr(THEME_DIALOG);
	int top = 0;
	if (t->dialog_cursor >= list_h)
		top = t->dialog_cursor - list_h + 1;
	for (int i = 0; i < list_h && top + i < t->nprofiles; i++) {
		const char *name = t->profiles[top + i];
		char line[256];
		snprintf(line, sizeof(line), "%s %s",
			!strcmp(name, app_conn(t->app)->profile) ? "*" : " ",
			name);
		draw_text(y + 1 + i, x + 2, w - 4, line,
			top + i == t->dialog_cursor ? (int)A_REVERSE : attr);
	}
	draw_text(y + h - 2, x + 2, w - 4, "Enter switches, Esc cancels",
		attr | (int)A_DIM);
}

void
dialog_draw(struct tui *t)
{
	if (t->dialog == DIALOG_CONFIRM_ENABLE)
		draw_confirm(t);
	else if (t->dialog == DIALOG_PROFILE)
		draw_profiles(t);
}

void
dialog_close(struct tui *t)
{
	app_enable_plan_free(&t->plan);
	for (int i = 0; i < t->nprofiles; i++)
		free(t->profiles[i]);
	free(t->profiles);
	t->profiles = NULL;
	t->nprofiles = 0;
	t->dialog = DIALOG_NONE;
	t->dirty = true;
}

void
dialog_open_profiles(struct tui *t)
{
	struct err e;
	err_clear(&e);
	char **names = NULL;
	int n = cred_files_list_profiles(NULL, &names, &e);
	if (n < 0) {
		tui_status_err(t, "reading profiles", &e);
		return;
	}
	if (n == 0) {
		free(names);
		tui_status(t, STATUS_INFO, "no profiles in ~/.aliyun/config.json "
			"(credentials come from %s)", app_conn(t->app)->cred_origin[0] ?
			app_conn(t->app)->cred_origin : "elsewhere");
		return;
	}
	dialog_close(t);
	t->profiles = names;
	t->nprofiles = n;
	t->dialog_cursor = 0;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], app_conn(t->app)->profile))
			t->dialog_cursor = i;
	t->dialog = DIALOG_PROFILE;
}

/* $HOME in a message becomes ~, so the part that matters (the mode, the
 * missing key) fits on the status line. */
static void
home_to_tilde(char *msg)
{
	const char *home = getenv("HOME");
	size_t hl = home ? strlen(home) : 0;
	char *at = hl > 1 ? strstr(msg, home) : NULL;
	if (!at || at[hl] != '/' || (at != msg && at[-1] != ' '))
		return;
	*at = '~';
	memmove(at + 1, at + hl, strlen(at + hl) + 1);
}

static void
pick_profile(struct tui *t)
{
	char name[128], region[32];
	snprintf(name, sizeof(name), "%s", t->profiles[t->dialog_cursor]);
	snprintf(region, sizeof(region), "%s", app_conn(t->app)->region);
	dialog_close(t);
	struct err e;
	err_clear(&e);
	/* P changes who you are, R changes where: keep the current site (a
	 * profile's region_id is often a business region Config lacks). */
	if (app_connect(t->app, name, region[0] ? region :
	    options_region_flag(t->opts), &e) < 0) {
		char what[200];
		home_to_tilde(e.message);
		snprintf(what, sizeof(what), "profile %s", name);
		tui_status_err(t, what, &e);
		return;
	}
	app_refresh(t->app);
	tui_status(t, STATUS_INFO, "profile %s, region %s",
		app_conn(t->app)->profile, app_conn(t->app)->region);
}

/* `e`: the controller decides what would start; the confirm names it. */
void
dialog_open_enable(struct tui *t)
{
	if (t->readonly) {
		tui_status(t, STATUS_ERROR, "read-only mode (--readonly or "
			"readonly = yes in the config file): enabling a "
			"recorder is disabled");
		return;
	}
	struct store_account *a = t->focus == STORE_MEMBERS ?
		store_selected_member(t->store) : NULL;
	struct app_enable_plan plan;
	if (!app_enable_plan(t->app, a ? a->id : 0, &plan))
		return;
	dialog_close(t);
	t->plan = plan;
	t->dialog = DIALOG_CONFIRM_ENABLE;
	t->dialog_cursor = 0;
}

static void
enable_confirmed(struct tui *t)
{
	app_enable_start(t->app, &t->plan);
	dialog_close(t);
}

bool
dialog_key(struct tui *t, bool is_code, wint_t ch)
{
	bool enter = (!is_code && (ch == '\r' || ch == '\n')) ||
		(is_code && ch == KEY_ENTER);
	bool esc = !is_code && (ch == 27 || ch == 'q');
	t->dirty = true;
	if (t->dialog == DIALOG_CONFIRM_ENABLE) {
		if (!is_code && (ch == 'y' || ch == 'Y')) {
			enable_confirmed(t);
		} else if (esc || (!is_code && (ch == 'n' || ch == 'N'))) {
			dialog_close(t);
			tui_status(t, STATUS_INFO, "not enabled");
		} else if (enter) {
			if (t->dialog_cursor == 1) {
				enable_confirmed(t);
			} else {
				dialog_close(t);
				tui_status(t, STATUS_INFO, "not enabled");
			}
		} else if ((is_code && (ch == KEY_LEFT || ch == KEY_RIGHT)) ||
		    (!is_code && (ch == '\t' || ch == 'h' || ch == 'l'))) {
			t->dialog_cursor = !t->dialog_cursor;
		}
		return true;
	}
	if (t->dialog == DIALOG_PROFILE) {
		if (esc) {
			dialog_close(t);
		} else if (enter) {
			pick_profile(t);
		} else if ((is_code && ch == KEY_DOWN) || (!is_code && ch == 'j')) {
			if (t->dialog_cursor + 1 < t->nprofiles)
				t->dialog_cursor++;
		} else if ((is_code && ch == KEY_UP) || (!is_code && ch == 'k')) {
			if (t->dialog_cursor > 0)
				t->dialog_cursor--;
		}
		return true;
	}
	return false;
}
