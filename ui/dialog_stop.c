/* dialog_stop: the confirm of `S`. Stopping a recorder makes Cloud Config
 * delete the account's recorded data, so a key press is not enough: the
 * operator types the number of accounts listed and presses Enter. Anything
 * else (another number, Esc) stops nothing. */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "tui.h"

struct stop_dialog {
	struct app_stop_plan plan;
	char typed[8];
};

enum stop_key { SK_QUIT, SK_CANCEL, SK_ENTER, SK_ERASE, SK_CLEAR };
static const struct key_binding stop_keys[] = {
	{"C-c", SK_QUIT},
	{"Esc", SK_CANCEL},
	{"Enter", SK_ENTER},
	{"Backspace", SK_ERASE},
	{"C-u", SK_CLEAR},
};

void
dialog_stop_close(struct tui *t)
{
	if (!t->stop_dlg)
		return;
	app_stop_plan_free(&t->stop_dlg->plan);
	free(t->stop_dlg);
	t->stop_dlg = NULL;
}

void
dialog_open_stop(struct tui *t)
{
	struct store_account *a = t->focus == STORE_MEMBERS ?
		store_selected_member(t->store) : NULL;
	struct app_stop_plan plan;
	if (!app_stop_plan(t->app, a ? a->id : 0, &plan))
		return;
	dialog_close(t);
	t->stop_dlg = xcalloc(1, sizeof(*t->stop_dlg));
	t->stop_dlg->plan = plan;
	t->dialog = DIALOG_CONFIRM_STOP;
}

void
dialog_stop_draw(struct tui *t)
{
	struct stop_dialog *d = t->stop_dlg;
	if (!d)
		return;
	const struct app_stop_plan *p = &d->plan;
	int w = t->cols - 6 < 76 ? t->cols - 6 : 76;
	int max_list = t->rows - 14;
	if (max_list < 1)
		max_list = 1;
	int shown = (int)p->n;
	bool more = false;
	if (shown > max_list) {
		shown = max_list - 1 > 0 ? max_list - 1 : 1;
		more = true;
	}
	int h = 10 + shown + (more ? 1 : 0) + (p->busy ? 1 : 0);
	int y = (t->rows - h) / 2, x = (t->cols - w) / 2;
	int attr = theme_attr(THEME_DIALOG);
	int red = theme_attr(THEME_ERROR);
	draw_box(y, x, h, w, attr);
	draw_text(y, x + 2, w - 4, " Stop config recorder ", attr | (int)A_BOLD);
	char line[512];
	int r = y + 1;
	snprintf(line, sizeof(line), "Stop the config recorder of %zu "
		"account%s?", p->n, p->n == 1 ? "" : "s");
	draw_text(r++, x + 2, w - 4, line, attr | (int)A_BOLD);
	for (int i = 0; i < shown; i++) {
		struct store_account *a = store_account_find(t->store, p->ids[i]);
		snprintf(line, sizeof(line), "  %s (%" PRId64 ")",
			a && a->name ? a->name : "(unnamed)", p->ids[i]);
		draw_text(r++, x + 2, w - 4, line, attr);
	}
	if (more) {
		snprintf(line, sizeof(line), "  and %zu more",
			p->n - (size_t)shown);
		draw_text(r++, x + 2, w - 4, line, attr);
	}
	if (p->busy) {
		snprintf(line, sizeof(line), "(%zu with a start or stop in "
			"flight: skipped)", p->busy);
		draw_text(r++, x + 2, w - 4, line, attr);
	}
	r++;
	draw_text(r++, x + 2, w - 4, "Cloud Config deletes their recorded "
		"configurations, rules and results.", red);
	draw_text(r++, x + 2, w - 4, "A member of an account group is refused "
		"by the service (MemberStopSLRFail).", attr);
	r++;
	snprintf(line, sizeof(line), "Type %zu and Enter to stop; Esc "
		"cancels:  [%s]", p->n, d->typed);
	draw_text(r, x + 2, w - 4, line, attr | (int)A_BOLD);
}

static void
not_stopped(struct tui *t, const char *why)
{
	dialog_close(t);
	tui_status(t, STATUS_INFO, "not stopped%s", why);
}

bool
dialog_stop_key(struct tui *t, bool is_code, wint_t ch)
{
	struct stop_dialog *d = t->stop_dlg;
	if (!d) {
		dialog_close(t);
		return true;
	}
	size_t len = strlen(d->typed);
	if (!is_code && ch >= '0' && ch <= '9') {
		if (len + 1 < sizeof(d->typed)) {
			d->typed[len] = (char)ch;
			d->typed[len + 1] = '\0';
		}
		return true;
	}
	switch (keys_match(stop_keys, sizeof(stop_keys) / sizeof(stop_keys[0]),
	    is_code, ch)) {
	case SK_QUIT: t->quit = true; break;
	case SK_CANCEL: not_stopped(t, ""); break;
	case SK_ERASE:
		if (len)
			d->typed[len - 1] = '\0';
		break;
	case SK_CLEAR: d->typed[0] = '\0'; break;
	case SK_ENTER: {
		char want[24];
		snprintf(want, sizeof(want), "%zu", d->plan.n);
		if (strcmp(d->typed, want) != 0) {
			char why[96];
			snprintf(why, sizeof(why), ": you typed '%s', not the "
				"number of accounts (%s)", d->typed, want);
			not_stopped(t, why);
			break;
		}
		app_stop_start(t->app, &d->plan);
		dialog_close(t);
		break;
	}
	default: break;
	}
	return true;
}
