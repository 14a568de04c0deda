/* app_directory: the Directory entry of the groups pane — every Resource
 * Directory member, as a list source of the controller (app.h).
 *
 * With every refresh it lists the directory (ListAccounts on the worker)
 * and merges the members into the store as one pinned group, "Directory",
 * whose coverage counts the whole organisation. Accounts that no account
 * group lists have no recorder status from any group: once every group's
 * members are known, each of those is read as that account (AssumeRole,
 * GetConfigurationRecorder) in the background, once per connection (the
 * store keeps the answer), and shows `unknown` until then. A read that
 * fails for an access reason leaves the diagnosis (why, and how to fix it)
 * as the account's error, for the detail view and the status line, and
 * marks the account unreachable for the bulk-enable confirm.
 *
 * A caller that may not list the directory gets the reason once on the
 * status line; everything else keeps working. */
#include "config.h"

#include "app_directory.h"
#include "app_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "directory.h"

#define DIR_GROUP_ID "directory"
#define DIR_READ_STALE_MS 120000   /* a read not answered by then is lost */
#define DIR_READS_PER_PASS 200     /* background reads queued at once */

struct dir_pending {
	int64_t account;
	long long since_ms;
};

struct app_directory {
	struct app *app;
	struct app_source src;
	struct rd_account_list rd;   /* the last listing */
	bool have_rd;
	bool listing;
	long long listing_since_ms;  /* a listing lost to a reconnect expires */
	bool told_refusal;           /* the refusal was shown once */
	bool no_group_only;          /* the toggle */
	bool merge_waiting;          /* listed before the groups were */
	struct dir_pending *pending; /* reads in flight */
	size_t npending, cap;
};

static bool
dir_pending_has(const struct app_directory *d, int64_t account)
{
	for (size_t i = 0; i < d->npending; i++)
		if (d->pending[i].account == account)
			return true;
	return false;
}

static void
dir_pending_drop(struct app_directory *d, int64_t account)
{
	for (size_t i = 0; i < d->npending; i++) {
		if (d->pending[i].account == account) {
			d->pending[i] = d->pending[--d->npending];
			return;
		}
	}
}

static void
dir_pending_expire(struct app_directory *d, long long now)
{
	for (size_t i = 0; i < d->npending;) {
		if (now - d->pending[i].since_ms > DIR_READ_STALE_MS)
			d->pending[i] = d->pending[--d->npending];
		else
			i++;
	}
}

/* Status as the store should keep it: a group's answer, a read, or
 * "unknown" (never a downgrade of what is known). */
static void
dir_member_status(struct store *s, struct member *m)
{
	struct store_account *a = store_account_find(s, m->account_id);
	if (a && (a->status != RECORDER_UNKNOWN || (a->status_raw &&
		strcmp(a->status_raw, "unknown")))) {
		m->status = a->status;
		m->status_raw = xstrdup(a->status_raw);
		return;
	}
	m->status = RECORDER_UNKNOWN;
	m->status_raw = xstrdup("unknown");
}

/* The directory as one pinned group in the store. */
static void
dir_merge(struct app_directory *d)
{
	struct store *s = app_store(d->app);
	if (!d->have_rd) {
		store_remove_group(s, DIR_GROUP_ID);
		d->app->views_stale = true;
		return;
	}
	struct aggregator_detail det;
	memset(&det, 0, sizeof(det));
	det.agg.id = xstrdup(DIR_GROUP_ID);
	det.agg.name = xstrdup(d->no_group_only ?
		"Directory: in no group" : "Directory");
	det.agg.type = xstrdup("DIR");
	det.agg.status = 1;
	det.agg.description = xstrdup(d->no_group_only ?
		"Resource Directory members that no account group lists" :
		"Every member of the Resource Directory (ListAccounts)");
	det.members = xcalloc(d->rd.count ? d->rd.count : 1,
		sizeof(*det.members));
	for (size_t i = 0; i < d->rd.count; i++) {
		const struct rd_account *r = &d->rd.items[i];
		struct store_account *a = store_account_find(s, r->account_id);
		if (d->no_group_only && a && a->groups != 0)
			continue;
		struct member *m = &det.members[det.nmembers++];
		m->account_id = r->account_id;
		m->name = xstrdup(r->display_name[0] ? r->display_name :
			a && a->name ? a->name : "");
		m->type = xstrdup(r->type);
		dir_member_status(s, m);
	}
	det.agg.member_count = (int64_t)det.nmembers;
	snprintf(det.request_id, sizeof(det.request_id), "%s",
		d->rd.request_id);
	store_merge_group_detail(s, &det);
	store_set_group_pinned(s, DIR_GROUP_ID);
	model_aggregator_detail_free(&det);
	d->app->views_stale = true;
	/* What the detail view shows beyond a group's fields. */
	for (size_t i = 0; i < d->rd.count; i++) {
		const struct rd_account *r = &d->rd.items[i];
		struct store_account *a = store_account_find(s, r->account_id);
		if (!a)
			continue;
		struct buf path = BUF_INIT, info = BUF_INIT;
		const char *p = strchr(r->path, '/');
		const char *last = strrchr(r->path, '/');
		if (p && last > p)
			buf_append(&path, p + 1, (size_t)(last - p - 1));
		else
			buf_puts(&path, r->folder_id);
		buf_printf(&info, "%s, %s, %s %s", r->type, r->status,
			r->join_method, r->join_time);
		if (rd_account_leaving(r))
			buf_printf(&info, ", leaving the directory (%s)",
				r->deletion_status);
		free(a->folder_path);
		a->folder_path = xstrdup(buf_str(&path));
		free(a->directory_info);
		a->directory_info = xstrdup(buf_str(&info));
		buf_free(&path);
		buf_free(&info);
	}
}

/* Accounts in no group and never read: read them as themselves, in the
 * background, a bounded number at a time. */
static void
dir_schedule_reads(struct app_directory *d)
{
	struct store *s = app_store(d->app);
	if (!d->have_rd || !store_groups_loaded(s))
		return;
	dir_pending_expire(d, app_now(d->app));
	size_t sent = 0;
	for (size_t i = 0; i < d->rd.count && d->npending < DIR_READS_PER_PASS;
		i++) {
		const struct rd_account *r = &d->rd.items[i];
		struct store_account *a = store_account_find(s, r->account_id);
		if (!a || a->groups != 0 || a->error || a->op != STORE_OP_NONE ||
			(a->status_raw && strcmp(a->status_raw, "unknown")) ||
			dir_pending_has(d, a->id))
			continue;
		if (d->npending == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 32;
			d->pending = xrealloc(d->pending, d->cap *
				sizeof(*d->pending));
		}
		d->pending[d->npending].account = a->id;
		d->pending[d->npending].since_ms = app_now(d->app);
		d->npending++;
		app_submit(d->app, WORKER_GET_RECORDER, NULL, a->id, WORKER_LOW);
		sent++;
	}
	(void)sent;
}

static void
dir_refresh(struct app *a, void *ctx)
{
	struct app_directory *d = ctx;
	(void)a;
	if (!app_conn(d->app)->rd_endpoint[0])
		return;  /* no directory on this connection */
	if (d->listing && app_now(d->app) - d->listing_since_ms <
		DIR_READ_STALE_MS)
		return;
	d->listing = true;
	d->listing_since_ms = app_now(d->app);
	app_submit(d->app, WORKER_LIST_DIRECTORY, NULL, 0, WORKER_HIGH);
}

static void
dir_on_listing(struct app_directory *d, const struct worker_result *r)
{
	d->listing = false;
	if (err_failed(&r->err)) {
		/* Keep what was listed before; say why once for a refusal. */
		if (rd_err_not_allowed(&r->err)) {
			d->have_rd = false;
			dir_merge(d);
			/* The why first; the Code and RequestId are in the
			 * request log. */
			if (!d->told_refusal)
				app_status(d->app, APP_ERROR, "no Directory "
					"entry: %s", r->err.message);
			d->told_refusal = true;
		} else {
			app_status_err(d->app, "listing the Directory", &r->err);
		}
		return;
	}
	rd_account_list_free(&d->rd);
	d->rd = *r->directory;
	memset(r->directory, 0, sizeof(*r->directory));
	d->have_rd = true;
	d->told_refusal = false;
	/* The first rows are the account groups: the entry joins them once
	 * they are listed, so the cursor starts on a group as before. */
	if (!app_last_refresh(d->app)) {
		d->merge_waiting = true;
		return;
	}
	dir_merge(d);
	dir_schedule_reads(d);
}

/* A read this source asked for: the status, or why it cannot be had. */
static void
dir_on_read(struct app_directory *d, const struct worker_result *r)
{
	struct store *s = app_store(d->app);
	dir_pending_drop(d, r->account);
	d->app->views_stale = true;
	struct store_account *a = store_account_find(s, r->account);
	if (!err_failed(&r->err)) {
		store_set_recorder(s, r->account, r->recorder);
		store_set_account_error(s, r->account, NULL);
		if (a)
			a->unreachable = false;
		return;
	}
	int in = d->have_rd ? rd_account_find(&d->rd, r->account) != NULL : -1;
	char msg[1024];
	enum dir_access kind = dir_diagnose(&r->err, r->account,
		d->app->opts ? d->app->opts->role_name : NULL, in, false, msg,
		sizeof(msg));
	struct err shown;
	err_copy(&shown, &r->err);
	if (dir_access_blocked(kind))
		err_set_message(&shown, msg, strlen(msg));
	store_set_account_error(s, r->account, &shown);
	if (a)
		a->unreachable = dir_access_blocked(kind);
	char what[160];
	snprintf(what, sizeof(what), "reading %s (%" PRId64 ")",
		a && a->name ? a->name : "account", r->account);
	if (dir_access_blocked(kind))
		/* The why first: the status line is one line. */
		app_status(d->app, APP_ERROR, "%s: %s", what, msg);
	else
		app_status_err(d->app, what, &shown);
	err_free(&shown);
}

static bool
dir_route(struct app *a, void *ctx, const struct worker_result *r)
{
	struct app_directory *d = ctx;
	(void)a;
	switch (r->kind) {
	case WORKER_LIST_DIRECTORY:
		dir_on_listing(d, r);
		return true;
	case WORKER_GET_RECORDER: {
		/* Only this source's reads; the enable flow follows its own. */
		struct store_account *acc = store_account_find(
			app_store(d->app), r->account);
		if (!dir_pending_has(d, r->account) ||
			(acc && acc->op != STORE_OP_NONE))
			return false;
		dir_on_read(d, r);
		return true;
	}
	case WORKER_GET_GROUP:
		/* Once the last group's members are in, the counts are known
		 * and the reads can start (the store merges it first: the
		 * reads are planned on the next listing or toggle, or here
		 * from the group after this one). */
		dir_schedule_reads(d);
		return false;
	default:
		return false;
	}
}

struct app_directory *
app_directory_new(struct app *a)
{
	struct app_directory *d = xcalloc(1, sizeof(*d));
	d->app = a;
	d->rd.total_count = -1;
	d->src.name = "directory";
	d->src.ctx = d;
	d->src.refresh = dir_refresh;
	d->src.route = dir_route;
	app_add_source(a, &d->src);
	return d;
}

void
app_directory_free(struct app_directory *d)
{
	if (!d)
		return;
	rd_account_list_free(&d->rd);
	free(d->pending);
	free(d);
}

bool
app_directory_toggle_no_group(struct app_directory *d)
{
	d->no_group_only = !d->no_group_only;
	dir_merge(d);
	dir_schedule_reads(d);
	return d->no_group_only;
}

bool
app_directory_available(const struct app_directory *d)
{
	return d->have_rd;
}

void
app_directory_tick(struct app_directory *d)
{
	if (d->merge_waiting && app_last_refresh(d->app)) {
		d->merge_waiting = false;
		dir_merge(d);
		store_view_update(app_store(d->app), STORE_GROUPS);
	}
	dir_schedule_reads(d);
}

size_t
app_directory_reachable(struct app_directory *d, const int64_t *ids,
	size_t n)
{
	size_t ok = 0;
	struct store *s = app_store(d->app);
	for (size_t i = 0; i < n; i++) {
		struct store_account *a = store_account_find(s, ids[i]);
		if (!a || !a->unreachable)
			ok++;
	}
	return ok;
}
