/* view_log: the request log, newest first: time (UTC), action, account
 * acted as, HTTP status, Code, RequestId, latency and attempts of every
 * finished call. Kept in a ring of LOG_MAX entries. */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "tui.h"

#define LOG_MAX 2000

struct log_state {
	struct worker_log *ring;
	size_t cap;
	size_t len;
	size_t head;             /* index of the oldest entry */
	long top;                /* first row shown */
};

void
view_log_add(struct tui *t, const struct worker_log *entry)
{
	struct log_state *st = tui_view(t, VIEW_LOG)->state;
	if (!st->ring) {
		st->cap = LOG_MAX;
		st->ring = xcalloc(st->cap, sizeof(*st->ring));
	}
	if (st->len < st->cap) {
		st->ring[(st->head + st->len) % st->cap] = *entry;
		st->len++;
	} else {
		st->ring[st->head] = *entry;
		st->head = (st->head + 1) % st->cap;
	}
	if (t->view == VIEW_LOG)
		t->dirty = true;
}

static void
log_done(struct view *v)
{
	struct log_state *st = v->state;
	free(st->ring);
	st->ring = NULL;
	st->len = st->cap = st->head = 0;
}

/* i-th newest entry */
static const struct worker_log *
newest(const struct log_state *st, size_t i)
{
	return &st->ring[(st->head + st->len - 1 - i) % st->cap];
}

struct log_col {
	const char *title;
	int width;
	bool right;
};

/* RequestId last: it takes what is left (36 columns show it whole). */
static const struct log_col cols[] = {
	{"TIME", 8, false},
	{"ACTION", 24, false},   /* StartConfigurationRecorder loses 2 */
	{"ACCOUNT", 16, false},
	{"HTTP", 4, true},
	{"CODE", 16, false},
	/* time waiting for a slot, then on the wire, in ms */
	{"QUEUE", 5, true},
	{"WIRE", 5, true},
	{"TRY", 3, true},
	{"REQUESTID", 36, false},
};
#define NCOLS (int)(sizeof(cols) / sizeof(cols[0]))

static void
cells(const struct worker_log *e, char out[NCOLS][128])
{
	struct tm tm;
	gmtime_r(&e->when, &tm);
	strftime(out[0], 128, "%H:%M:%S", &tm);
	snprintf(out[1], 128, "%s", e->action);
	if (e->account)
		snprintf(out[2], 128, "%" PRId64, e->account);
	else
		snprintf(out[2], 128, "caller");
	if (e->http_status)
		snprintf(out[3], 128, "%ld", e->http_status);
	else
		snprintf(out[3], 128, "-");
	snprintf(out[4], 128, "%s", e->code[0] ? e->code : "OK");
	snprintf(out[5], 128, "%.0f", e->queue_ms);
	snprintf(out[6], 128, "%.0f", e->wire_ms);
	snprintf(out[7], 128, "%d", e->attempts);
	snprintf(out[8], 128, "%s", e->request_id[0] ? e->request_id : "-");
}

static void
log_draw(struct tui *t, struct view *v)
{
	struct log_state *st = v->state;
	char title[128];
	snprintf(title, sizeof(title), " REQUEST LOG (%zu, newest first; "
		"times UTC)", st->len);
	draw_text(1, 0, t->cols, title, (int)A_REVERSE | (int)A_BOLD);
	/* drop the widest columns from the right until it fits */
	int n = NCOLS, need;
	int width[NCOLS];
	for (;;) {
		need = -1;
		for (int i = 0; i < n - 1; i++)
			need += cols[i].width + 1;
		/* the last column shows when at least 10 columns are left
		 * (the start of a RequestId is enough to find it) */
		if (need + 11 <= t->cols - 1 || n <= 4)
			break;
		n--;
	}
	for (int i = 0; i < n; i++)
		width[i] = cols[i].width;
	width[n - 1] = t->cols - 1 - need - 1;
	if (width[n - 1] > cols[n - 1].width)
		width[n - 1] = cols[n - 1].width;
	if (width[n - 1] < 1)
		width[n - 1] = 1;
	int x = 1;
	for (int i = 0; i < n; i++) {
		if (cols[i].right)
			draw_text_right(2, x, width[i], cols[i].title,
				theme_attr(THEME_HEADER));
		else
			draw_text(2, x, width[i], cols[i].title,
				theme_attr(THEME_HEADER));
		x += width[i] + 1;
	}
	int h = t->rows - 5;
	if (st->len == 0) {
		draw_text(3, 1, t->cols - 2, "no requests yet", (int)A_DIM);
		return;
	}
	if (st->top > (long)st->len - 1)
		st->top = (long)st->len - 1;
	if (st->top < 0)
		st->top = 0;
	for (int r = 0; r < h && (size_t)(st->top + r) < st->len; r++) {
		const struct worker_log *e = newest(st, (size_t)(st->top + r));
		char c[NCOLS][128];
		cells(e, c);
		bool bad = e->code[0] || e->http_status >= 400 ||
			e->http_status == 0;
		x = 1;
		for (int i = 0; i < n; i++) {
			int attr = (i == 4 && bad) ? theme_attr(THEME_ERROR) :
				(int)A_NORMAL;
			if (cols[i].right)
				draw_text_right(3 + r, x, width[i], c[i], attr);
			else
				draw_text(3 + r, x, width[i], c[i], attr);
			x += width[i] + 1;
		}
	}
}

static bool
log_action(struct tui *t, struct view *v, enum action a)
{
	struct log_state *st = v->state;
	int page = t->rows - 6 > 1 ? t->rows - 6 : 1;
	if (nav_move(a, st->top, (long)st->len, page, &st->top))
		return true;
	if (a == ACT_BACK) {
		tui_set_view(t, VIEW_MAIN);
		return true;
	}
	return false;
}

const struct view_ops view_log_ops = {
	.name = "log",
	.state_size = sizeof(struct log_state),
	.draw = log_draw,
	.action = log_action,
	.done = log_done,
};
