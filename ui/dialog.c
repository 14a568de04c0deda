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
#include "buf.h"
#include "text.h"
#include "tui.h"

/* The open dialog's own state. */
struct dialog_state {
	int cursor;                    /* button or list row */
	struct app_enable_plan plan;   /* what the enable confirm names */
	char **profiles;               /* the picker's list */
	int nprofiles;
};

/* The keys each dialog takes (context key tables, like actions.def). */
enum dialog_key_id {
	DK_YES, DK_NO, DK_ENTER, DK_TOGGLE, DK_DOWN, DK_UP, DK_QUIT,
};
static const struct key_binding confirm_keys[] = {
	{"C-c", DK_QUIT},
	{"y Y", DK_YES},
	{"n N Esc q", DK_NO},
	{"Enter", DK_ENTER},
	{"Tab h l Left Right", DK_TOGGLE},
};
static const struct key_binding picker_keys[] = {
	{"C-c", DK_QUIT},
	{"Esc q", DK_NO},
	{"Enter", DK_ENTER},
	{"j Down", DK_DOWN},
	{"k Up", DK_UP},
};
#define NKEYS(table) (sizeof(table) / sizeof(table[0]))

static struct dialog_state *
state(struct tui *t)
{
	if (!t->dlg)
		t->dlg = xcalloc(1, sizeof(*t->dlg));
	return t->dlg;
}

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
	struct dialog_state *d = state(t);
	int w = t->cols - 6 < 76 ? t->cols - 6 : 76;
	int max_list = t->rows - 12;
	if (max_list < 1)
		max_list = 1;
	const struct app_enable_plan *p = &d->plan;
	int shown = (int)p->n;
	bool more = false;
	if (shown > max_list) {
		shown = max_list - 1 > 0 ? max_list - 1 : 1;
		more = true;
	}
	size_t reachable = app_directory_reachable(t->dir, p->ids, p->n);
	int h = 9 + shown + (more ? 1 : 0) + (p->already ? 1 : 0);
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
	snprintf(line, sizeof(line), "%zu of %zu reachable%s", reachable, p->n,
		reachable < p->n ? " (the others' access failed: see their "
		"detail)" : "");
	draw_text(r++, x + 2, w - 4, line, attr);
	r++;
	snprintf(line, sizeof(line), "Each runs as that account (role %s).",
		t->opts->role_name ? t->opts->role_name : API_DEFAULT_ROLE);
	draw_text(r++, x + 2, w - 4, line, attr);
	r++;
	int bx = x + 4;
	draw_text(r, bx, 6, "[ No ]", d->cursor == 0 ?
		(int)A_REVERSE | (int)A_BOLD : attr);
	draw_text(r, bx + 8, 7, "[ Yes ]", d->cursor == 1 ?
		(int)A_REVERSE | (int)A_BOLD : attr);
	draw_text(r, bx + 17, w - 23, "y confirms, n or Esc cancels", attr);
}

static void
draw_profiles(struct tui *t)
{
	struct dialog_state *d = state(t);
	int w = t->cols - 10 < 50 ? t->cols - 10 : 50;
	int list_h = d->nprofiles;
	if (list_h > t->rows - 8)
		list_h = t->rows - 8;
	if (list_h < 1)
		list_h = 1;
	int h = list_h + 4;
	int y = (t->rows - h) / 2, x = (t->cols - w) / 2;
	box_at(y, x, h, w, "Profile (~/.aliyun/config.json)");
	int attr = theme_attr(THEME_DIALOG);
	int top = 0;
	if (d->cursor >= list_h)
		top = d->cursor - list_h + 1;
	for (int i = 0; i < list_h && top + i < d->nprofiles; i++) {
		const char *name = d->profiles[top + i];
		char line[256];
		snprintf(line, sizeof(line), "%s %s",
			!strcmp(name, app_conn(t->app)->profile) ? "*" : " ",
			name);
		draw_text(y + 1 + i, x + 2, w - 4, line,
			top + i == d->cursor ? (int)A_REVERSE : attr);
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
	else if (t->dialog == DIALOG_CONFIRM_STOP)
		dialog_stop_draw(t);
}

void
dialog_close(struct tui *t)
{
	struct dialog_state *d = t->dlg;
	if (d) {
		app_enable_plan_free(&d->plan);
		for (int i = 0; i < d->nprofiles; i++)
			free(d->profiles[i]);
		free(d->profiles);
		free(d);
		t->dlg = NULL;
	}
	dialog_stop_close(t);
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
	struct dialog_state *d = state(t);
	d->profiles = names;
	d->nprofiles = n;
	d->cursor = 0;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], app_conn(t->app)->profile))
			d->cursor = i;
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
	struct dialog_state *d = state(t);
	char name[128], region[32];
	snprintf(name, sizeof(name), "%s", d->profiles[d->cursor]);
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
	struct store_account *a = t->focus == STORE_MEMBERS ?
		store_selected_member(t->store) : NULL;
	struct app_enable_plan plan;
	if (!app_enable_plan(t->app, a ? a->id : 0, &plan))
		return;
	dialog_close(t);
	state(t)->plan = plan;
	t->dialog = DIALOG_CONFIRM_ENABLE;
}

static void
enable_confirmed(struct tui *t)
{
	app_enable_start(t->app, &state(t)->plan);
	dialog_close(t);
}

static void
not_enabled(struct tui *t)
{
	dialog_close(t);
	tui_status(t, STATUS_INFO, "not enabled");
}

bool
dialog_key(struct tui *t, bool is_code, wint_t ch)
{
	t->dirty = true;
	if (t->dialog == DIALOG_CONFIRM_STOP)
		return dialog_stop_key(t, is_code, ch);
	struct dialog_state *d = state(t);
	if (t->dialog == DIALOG_CONFIRM_ENABLE) {
		switch (keys_match(confirm_keys, NKEYS(confirm_keys), is_code,
		    ch)) {
		case DK_QUIT: t->quit = true; break;
		case DK_YES: enable_confirmed(t); break;
		case DK_NO: not_enabled(t); break;
		case DK_ENTER:
			if (d->cursor == 1)
				enable_confirmed(t);
			else
				not_enabled(t);
			break;
		case DK_TOGGLE: d->cursor = !d->cursor; break;
		default: break;
		}
		return true;
	}
	if (t->dialog == DIALOG_PROFILE) {
		switch (keys_match(picker_keys, NKEYS(picker_keys), is_code,
		    ch)) {
		case DK_QUIT: t->quit = true; break;
		case DK_NO: dialog_close(t); break;
		case DK_ENTER: pick_profile(t); break;
		case DK_DOWN:
			if (d->cursor + 1 < d->nprofiles)
				d->cursor++;
			break;
		case DK_UP:
			if (d->cursor > 0)
				d->cursor--;
			break;
		default: break;
		}
		return true;
	}
	return false;
}
