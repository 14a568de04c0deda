/* watch_ui: the TUI side of change tracking. Every result the controller
 * merged is shown to the watch (src/watch.h): rows whose status changed
 * since the previous session or during this one get a marker, `C` keeps
 * only them, and a followed account reaching REGISTERED or a REGISTERED
 * one falling back is said on the status line and, unless `notify = no`,
 * with the terminal bell and an OSC 9 desktop notification. After each
 * complete load the store is saved as a snapshot for `alicfg diff`. */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "tui.h"
#include "watch.h"

void
watch_ui_start(struct tui *t)
{
	t->watch = watch_new();
	struct err e;
	err_clear(&e);
	if (watch_load_latest(t->watch, &e) < 0)
		tui_status(t, STATUS_ERROR, "changes since the last session "
			"are not shown: %s", e.message);
	err_free(&e);
}

void
watch_ui_done(struct tui *t)
{
	watch_free(t->watch);
	t->watch = NULL;
}

/* OSC 9 text: printable ASCII and UTF-8 only, nothing that could end the
 * sequence early or drive the terminal (names come from the network). */
static void
notify_text(struct buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == ';')
			buf_putc(out, '?');
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			buf_putc(out, '?');   /* a C1 control, UTF-8 encoded */
			p++;
		} else
			buf_putc(out, (char)*p);
	}
}

static void
notify(struct tui *t, const char *text)
{
	if (!t->opts || !t->opts->notify)
		return;
	beep();
	struct buf b = BUF_INIT;
	buf_puts(&b, "\033]9;alicfg: ");
	notify_text(&b, text);
	buf_puts(&b, "\007");
	/* Straight to the terminal: curses has no call for it. Terminals
	 * that do not know OSC 9 ignore it. */
	fflush(stdout);
	ssize_t w = write(STDOUT_FILENO, b.data, b.len);
	(void)w;
	buf_free(&b);
}

static void
on_event(void *ctx, enum watch_event ev, int64_t id, const char *name,
	const char *from, const char *to)
{
	struct tui *t = ctx;
	char text[512];
	if (ev == WATCH_REACHED_REGISTERED) {
		/* The enable flow already says it on the status line (one
		 * account, or the round's summary): only ring. */
		snprintf(text, sizeof(text), "%s (%" PRId64 ") is now REGISTERED",
			name ? name : "account", id);
		notify(t, text);
	} else if (ev == WATCH_FELL_BACK) {
		snprintf(text, sizeof(text), "%s (%" PRId64 ") fell back from "
			"%s to %s", name ? name : "account", id, from, to);
		tui_status(t, STATUS_ERROR, "%s", text);
		notify(t, text);
	}
	if (t->changed_only)
		store_view_update(t->store, STORE_MEMBERS);
}

void
watch_ui_result(struct tui *t, const struct worker_result *r)
{
	if (!t->watch)
		return;
	watch_on_result(t->watch, t->store, r, on_event, t);
	struct err e;
	err_clear(&e);
	int keep = t->opts && t->opts->keep_snapshots > 0 ?
		t->opts->keep_snapshots : SNAPSHOT_KEEP_DEFAULT;
	if (watch_snapshot_if_complete(t->watch, t->store,
	    app_conn(t->app)->caller_account, keep, NULL, 0, &e) < 0)
		tui_status(t, STATUS_ERROR, "snapshot not saved: %s", e.message);
	err_free(&e);
}

static bool
keep_changed(void *ctx, const struct store_account *a)
{
	struct tui *t = ctx;
	return t->watch && watch_changed(t->watch, a->id);
}

void
watch_ui_toggle_changed(struct tui *t)
{
	t->changed_only = !t->changed_only;
	store_set_member_predicate(t->store, t->changed_only ? keep_changed :
		NULL, t);
	if (t->changed_only)
		tui_status(t, STATUS_INFO, "only members whose status changed "
			"(%zu in all; C again shows every member)",
			watch_changed_count(t->watch));
	else
		tui_status(t, STATUS_INFO, "every member shown");
}

const struct watch_entry *
watch_ui_entry(struct tui *t, int64_t id)
{
	return t->watch ? watch_get(t->watch, id) : NULL;
}

time_t
watch_ui_baseline_time(struct tui *t)
{
	return t->watch ? watch_baseline_time(t->watch) : 0;
}
