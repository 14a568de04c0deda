/* view_detail: every field of the group or account under the cursor, the
 * last RequestId and the last error with its Code and RequestId. It reads
 * the store on each draw, so it follows refreshes live. */
#include "config.h"

#include <curses.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "text.h"
#include "tui.h"
#include "watch.h"

#define LABEL_COLS 18

/* What the view shows (found again by id on each draw, so it stays live)
 * and where it is scrolled to. */
struct detail_state {
	enum store_pane kind;
	char group[128];
	int64_t account;
	long top;
	long total;              /* wrapped lines, as last drawn */
	int page;
};

struct line {
	const char *label;
	char *value;
};

struct lines {
	struct line *v;
	size_t n;
	size_t cap;
};

static void
add(struct lines *l, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
add(struct lines *l, const char *label, const char *fmt, ...)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	l->v[l->n].label = label;
	l->v[l->n].value = buf_steal(&b);
	buf_free(&b);
	l->n++;
}

static void
lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].value);
	free(l->v);
}

static void
add_error(struct lines *l, const struct err *e)
{
	if (!e) {
		add(l, "Last error", "none");
		return;
	}
	char msg[1400];
	err_format(e, msg, sizeof(msg));
	add(l, "Last error", "%s", msg);
	add(l, "Error Code", "%s", e->code[0] ? e->code : "-");
	if (e->http_status)
		add(l, "Error HTTP status", "%ld", e->http_status);
	add(l, "Error RequestId", "%s", e->request_id[0] ? e->request_id : "-");
	if (e->attempts > 1)
		add(l, "Error attempts", "%d", e->attempts);
}

static void
format_utc(int64_t ms, char *out, size_t outsz)
{
	if (ms <= 0) {
		snprintf(out, outsz, "-");
		return;
	}
	time_t secs = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&secs, &tm);
	strftime(out, outsz, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static const char *
or_dash(const char *s)
{
	return s && s[0] ? s : "-";
}

static void
group_lines(struct tui *t, struct store_group *g, struct lines *l)
{
	const struct aggregator *a = &g->agg;
	char when[64], cov[64];
	format_utc(a->create_ms, when, sizeof(when));
	store_group_cell(t->store, g, GROUP_COL_COVERAGE, cov, sizeof(cov));
	add(l, "Group ID", "%s", or_dash(a->id));
	add(l, "Name", "%s", or_dash(a->name));
	add(l, "Type", "%s", or_dash(a->type));
	add(l, "Status", "%s (%d)", a->status == 0 ? "creating" :
		a->status == 1 ? "created" : a->status == 2 ? "deleting" :
		"unknown", a->status);
	add(l, "Owner account", "%" PRId64, a->account_id);
	add(l, "Members", "%" PRId64 " (API count)%s", a->member_count,
		g->members_loaded ? "" : ", members not loaded yet");
	if (g->members_loaded)
		add(l, "Members loaded", "%zu", g->nmembers);
	add(l, "Coverage", "%s REGISTERED", cov);
	add(l, "Created", "%s", when);
	add(l, "Description", "%s", or_dash(a->description));
	add(l, "Folder ID", "%s", or_dash(a->folder_id));
	add(l, "Folder name", "%s", or_dash(a->folder_name));
	struct buf tags = BUF_INIT;
	for (size_t i = 0; i < a->ntags; i++)
		buf_printf(&tags, "%s%s=%s", i ? ", " : "",
			a->tags[i].key ? a->tags[i].key : "",
			a->tags[i].value ? a->tags[i].value : "");
	add(l, "Tags", "%s", a->ntags ? buf_str(&tags) : "-");
	buf_free(&tags);
	add(l, "Last RequestId", "%s", or_dash(g->request_id));
	add_error(l, g->error);
}

static void
account_lines(struct tui *t, struct store_account *a, struct lines *l)
{
	add(l, "Account ID", "%" PRId64, a->id);
	add(l, "Name", "%s", or_dash(a->name));
	add(l, "Type", "%s", or_dash(a->type));
	add(l, "Recorder status", "%s", model_recorder_status_name(a->status));
	add(l, "Status as sent", "%s", or_dash(a->status_raw));
	const struct watch_entry *w = watch_ui_entry(t, a->id);
	if (w && w->changed) {
		char when[64] = "at the last session";
		time_t at = w->live ? w->changed_at : watch_ui_baseline_time(t);
		struct tm tm;
		if (at && gmtime_r(&at, &tm))
			strftime(when, sizeof(when), w->live ?
				"changed at %Y-%m-%d %H:%M:%S UTC" :
				"at the last session, %Y-%m-%d %H:%M:%S UTC", &tm);
		add(l, "Previous status", "%s (%s)", w->prev, when);
	}
	add(l, "Enable state", "%s", a->op == STORE_OP_NONE ? "-" :
		store_op_name(a->op));
	add(l, "Resource types", "%s", or_dash(a->resource_types));
	add(l, "Marked", "%s", a->marked ? "yes" : "no");
	add(l, "Caller's own", "%s", a->id == app_conn(t->app)->caller_account ? "yes" :
		"no (reached through the member role)");
	struct buf groups = BUF_INIT;
	for (size_t i = 0; i < store_group_count(t->store); i++) {
		struct store_group *g = store_group_at(t->store, i);
		if (g->pinned)
			continue;  /* the Directory entry is not a group */
		for (size_t k = 0; k < g->nmembers; k++) {
			if (store_group_member(t->store, g, k) == a) {
				buf_printf(&groups, "%s%s", groups.len ? ", " : "",
					g->agg.name ? g->agg.name : g->agg.id);
				break;
			}
		}
	}
	add(l, "Groups", "%s", groups.len ? buf_str(&groups) : "-");
	buf_free(&groups);
	if (a->groups == 0)
		add(l, "Account groups", "%s", "none: no group watches this "
			"account");
	if (app_directory_available(t->dir)) {
		add(l, "Folder path", "%s", a->folder_path ? a->folder_path :
			"- (not in the resource directory)");
		add(l, "Directory", "%s", or_dash(a->directory_info));
	}
	if (a->unreachable)
		add(l, "Access", "%s", "alicfg cannot act in this account: see "
			"the error below");
	add(l, "Last RequestId", "%s", or_dash(a->request_id));
	add_error(l, a->error);
}

/* Lines of the current object; false when it is gone. */
static bool
build(struct tui *t, const struct detail_state *st, struct lines *l,
	char *title, size_t titlesz)
{
	if (st->kind == STORE_GROUPS) {
		struct store_group *g = store_group_find(t->store, st->group);
		if (!g)
			return false;
		snprintf(title, titlesz, " GROUP %s", g->agg.name ?
			g->agg.name : st->group);
		group_lines(t, g, l);
		return true;
	}
	struct store_account *a = store_account_find(t->store, st->account);
	if (!a)
		return false;
	snprintf(title, titlesz, " ACCOUNT %s (%" PRId64 ")",
		a->name ? a->name : "", a->id);
	account_lines(t, a, l);
	return true;
}

/* Wrapped screen lines of all fields. */
static int
draw_lines(struct tui *t, long top, struct lines *l, int y0, int h, bool draw)
{
	int vw = t->cols - LABEL_COLS - 2;
	int row = 0;
	for (size_t i = 0; i < l->n; i++) {
		const char *p = l->v[i].value;
		bool first = true;
		do {
			size_t n = text_wrap_len(p, vw);
			char chunk[1024];
			snprintf(chunk, sizeof(chunk), "%.*s", (int)n, p);
			size_t cl = strlen(chunk);
			if (cl && chunk[cl - 1] == '\n')
				chunk[cl - 1] = '\0';
			int y = (int)(row - top);
			if (draw && y >= 0 && y < h) {
				if (first)
					draw_text(y0 + y, 1, LABEL_COLS,
						l->v[i].label, (int)A_BOLD);
				draw_text(y0 + y, LABEL_COLS + 2, vw, chunk,
					(int)A_NORMAL);
			}
			row++;
			first = false;
			p += n;
		} while (*p);
	}
	return row;
}

static void
detail_draw(struct tui *t, struct view *v)
{
	struct detail_state *st = v->state;
	struct lines l = {NULL, 0, 0};
	char title[512];
	int y0 = 2, h = t->rows - 4;
	if (!build(t, st, &l, title, sizeof(title))) {
		draw_text(1, 0, t->cols, " DETAIL", (int)A_REVERSE | (int)A_BOLD);
		draw_text(3, 1, t->cols - 2, "This row is gone (it vanished "
			"in a refresh). Esc goes back.", (int)A_NORMAL);
		lines_free(&l);
		return;
	}
	draw_text(1, 0, t->cols, title, (int)A_REVERSE | (int)A_BOLD);
	int total = draw_lines(t, 0, &l, y0, h, false);
	st->total = total;
	st->page = h - 1 > 1 ? h - 1 : 1;
	if (st->top > total - h)
		st->top = total - h > 0 ? total - h : 0;
	draw_lines(t, st->top, &l, y0, h, true);
	lines_free(&l);
}

void
view_detail_open(struct tui *t)
{
	struct detail_state *st = tui_view(t, VIEW_DETAIL)->state;
	if (t->focus == STORE_GROUPS) {
		struct store_group *g = store_selected_group(t->store);
		if (!g) {
			tui_status(t, STATUS_INFO, "no group under the cursor");
			return;
		}
		snprintf(st->group, sizeof(st->group), "%s", g->agg.id);
	} else {
		struct store_account *a = store_selected_member(t->store);
		if (!a) {
			tui_status(t, STATUS_INFO, "no account under the cursor");
			return;
		}
		st->account = a->id;
	}
	st->kind = t->focus;
	st->top = 0;
	tui_set_view(t, VIEW_DETAIL);
}

static bool
detail_action(struct tui *t, struct view *v, enum action a)
{
	struct detail_state *st = v->state;
	if (nav_move(a, st->top, st->total, st->page, &st->top))
		return true;
	switch (a) {
	case ACT_BACK:
	case ACT_OPEN:
	case ACT_LEFT_PANE:
		tui_set_view(t, VIEW_MAIN);
		return true;
	default:
		return false;
	}
}

const struct view_ops view_detail_ops = {
	.name = "detail",
	.state_size = sizeof(struct detail_state),
	.draw = detail_draw,
	.action = detail_action,
};
