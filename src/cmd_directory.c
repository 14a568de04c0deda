/* cmd_directory: `alicfg directory`, `alicfg coverage`, `alicfg enable
 * --dry-run` and the access hint after a failed enable — the whole
 * organisation, not just what the account groups show.
 *
 * The data comes from directory.c (ListAccounts next to every group). A
 * caller that may not list the directory gets the specific reason; for
 * `coverage` the groups are still counted. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "batch_impl.h"
#include "buf.h"
#include "directory.h"
#include "output.h"
#include "status_colour.h"
#include "text.h"

#define ANSI_RED "\033[31m"
#define ANSI_YELLOW "\033[33m"

/* --- shared bits ----------------------------------------------------------- */

static const char *
dir_status_word(const struct dir_entry *en)
{
	if (!en->status_raw)
		return "unknown";
	if (en->status != RECORDER_UNKNOWN)
		return model_recorder_status_name(en->status);
	return en->status_raw;
}

/* "r-acme01/fd-prod01": the folders between the directory and the member. */
static void
dir_folder_path(const struct rd_account *a, struct buf *out)
{
	const char *p = a->path;
	const char *slash = strchr(p, '/');
	const char *last = strrchr(p, '/');
	if (!slash || slash == last) {
		buf_puts(out, a->folder_id);
		return;
	}
	buf_append(out, slash + 1, (size_t)(last - slash - 1));
}

static int
dir_json_print(struct batch *b, json_t *j)
{
	char *text = json_dumps(j, JSON_INDENT(2));
	json_decref(j);
	if (!text) {
		struct err e;
		err_set(&e, ERR_SYSTEM, "formatting JSON failed");
		batch_print_err(b, NULL, &e);
		return -1;
	}
	struct buf safe = BUF_INIT;
	text_json_escape(&safe, text, strlen(text));
	free(text);
	printf("%s\n", buf_str(&safe));
	buf_free(&safe);
	return 0;
}

static void
dir_finish_output(struct batch *b)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		struct err e;
		err_set(&e, ERR_SYSTEM, "writing the output failed");
		batch_print_err(b, NULL, &e);
	}
}

/* Load; report what failed. Returns -1 when nothing useful came. */
static int
dir_load(struct batch *b, struct directory *d, bool need_rd)
{
	directory_init(d);
	directory_load(b->client, d);
	if (!d->have_rd) {
		if (need_rd) {
			batch_print_err(b, "ListAccounts", &d->rd_err);
			return -1;
		}
		/* The groups are still worth counting. */
		struct buf w = BUF_INIT;
		buf_printf(&w, "alicfg: warning: the resource directory could "
			"not be listed, counting the account groups only: %s",
			d->rd_err.message);
		text_put_line(stderr, buf_str(&w));
		buf_free(&w);
		if (!rd_err_not_allowed(&d->rd_err))
			b->rc = b->rc ? b->rc : 1;
	}
	if (!d->have_groups)
		batch_print_err(b, "ListAggregators", &d->groups_err);
	else if (d->groups_failed) {
		struct err e;
		err_set(&e, ERR_API, "%zu of %zu account groups could not be "
			"read: group counts may be low (run with -v for the "
			"calls)", d->groups_failed, d->ndetails);
		batch_print_err(b, NULL, &e);
	}
	return 0;
}

static bool
dir_only_members(const struct dir_entry *en, void *ctx)
{
	(void)ctx;
	return en->rd != NULL;
}

/* --- alicfg directory -------------------------------------------------------- */

struct dir_row {
	const struct dir_entry *en;
};

static bool
dir_row_selected(const struct batch *b, const struct dir_entry *en)
{
	if (b->o->no_group && en->ngroups)
		return false;
	if (b->o->status_filter && *b->o->status_filter)
		return en->status_raw && options_status_selected(
			b->o->status_filter, dir_status_word(en));
	return true;
}

static json_t *
dir_entry_json(const struct directory *d, const struct dir_entry *en)
{
	const struct rd_account *a = en->rd;
	json_t *o = json_object();
	json_object_set_new(o, "AccountId",
		output_json_account_id(en->account_id));
	json_object_set_new(o, "DisplayName", output_json_str(en->name));
	json_object_set_new(o, "InDirectory", json_boolean(a != NULL));
	json_object_set_new(o, "Type", a ? output_json_str(a->type) : json_null());
	json_object_set_new(o, "Status", a ? output_json_str(a->status) :
		json_null());
	json_object_set_new(o, "JoinMethod", a ? output_json_str(a->join_method) :
		json_null());
	json_object_set_new(o, "FolderId", a ? output_json_str(a->folder_id) :
		json_null());
	json_object_set_new(o, "ResourceDirectoryPath", a ?
		output_json_str(a->path) : json_null());
	json_object_set_new(o, "JoinTime", a ? output_json_str(a->join_time) :
		json_null());
	json_object_set_new(o, "Leaving", json_boolean(a &&
		rd_account_leaving(a)));
	json_object_set_new(o, "Groups", json_integer((json_int_t)en->ngroups));
	json_t *ids = json_array();
	for (size_t k = 0; k < en->ngroups; k++)
		json_array_append_new(ids, output_json_str(
			d->list->items[en->groups[k]].id));
	json_object_set_new(o, "GroupIds", ids);
	json_object_set_new(o, "RecorderStatus", en->status_raw ?
		output_json_str(dir_status_word(en)) : json_string("UNKNOWN"));
	json_object_set_new(o, "RecorderStatusFrom", json_string(
		!en->status_raw ? "none" : en->status_read ? "read" : "group"));
	json_object_set_new(o, "Access", json_string(
		dir_access_name(en->access)));
	json_object_set_new(o, "AccessMessage", en->access_message ?
		output_json_str(en->access_message) : json_null());
	return o;
}

static const char *
dir_table_color(size_t col, const char *cell)
{
	if (col == 6)    /* GROUPS: none is the finding */
		return !strcmp(cell, "0") ? ANSI_RED : NULL;
	if (col == 7) {
		/* status_colour.h, as everywhere; not read: yellow */
		const char *ansi = status_colour_ansi(
			status_colour_recorder_word(cell));
		return ansi ? ansi : ANSI_YELLOW;
	}
	if (col == 8)
		return strcmp(cell, "ok") && strcmp(cell, "-") ? ANSI_RED : NULL;
	return NULL;
}

static void
dir_row_cells(const struct dir_entry *en, struct buf *id, struct buf *folder,
	struct buf *joined, struct buf *status, char groups[24])
{
	const struct rd_account *a = en->rd;
	buf_printf(id, "%" PRId64, en->account_id);
	if (a) {
		dir_folder_path(a, folder);
		buf_printf(joined, "%s %.10s", a->join_method, a->join_time);
		buf_puts(status, a->status);
		if (rd_account_leaving(a))
			buf_printf(status, " (leaving: %s)", a->deletion_status);
	} else {
		buf_puts(status, "not in directory");
	}
	snprintf(groups, 24, "%zu", en->ngroups);
}

static void
dir_print_table(struct batch *b, const struct directory *d,
	const struct dir_entry **rows, size_t n)
{
	static const char *const head[] = {
		"ACCOUNT ID", "NAME", "TYPE", "MEMBER STATUS", "FOLDER",
		"JOINED", "GROUPS", "RECORDER", "ACCESS",
	};
	struct output_table *t = output_table_new(9, head);
	output_table_set_max_width(t, 1, OUTPUT_NAME_MAX_COLS);
	output_table_set_right_align(t, 6);
	size_t none = 0, blocked = 0;
	for (size_t i = 0; i < n; i++) {
		const struct dir_entry *en = rows[i];
		struct buf id = BUF_INIT, folder = BUF_INIT, joined = BUF_INIT,
			status = BUF_INIT;
		char groups[24];
		dir_row_cells(en, &id, &folder, &joined, &status, groups);
		const char *cells[] = {
			buf_str(&id), en->name, en->rd ? en->rd->type : NULL,
			buf_str(&status), buf_str(&folder), buf_str(&joined),
			groups, dir_status_word(en),
			en->access == DIR_ACCESS_UNKNOWN ? NULL :
			dir_access_name(en->access),
		};
		output_table_add(t, cells);
		if (en->rd && !en->ngroups)
			none++;
		if (en->access_message)
			blocked++;
		buf_free(&id);
		buf_free(&folder);
		buf_free(&joined);
		buf_free(&status);
	}
	struct err e;
	err_clear(&e);
	if (output_table_write(t, stdout, b->color ? dir_table_color : NULL,
		&e) < 0)
		batch_print_err(b, NULL, &e);
	output_table_free(t);
	/* The findings under the table: absence counts. */
	if (d->have_rd)
		printf("%zu of %zu listed members are in no account group.\n",
			none, n);
	for (size_t i = 0; i < n && blocked; i++) {
		const struct dir_entry *en = rows[i];
		if (!en->access_message)
			continue;
		struct buf line = BUF_INIT;
		buf_printf(&line, "access %" PRId64 " ", en->account_id);
		text_safe(&line, en->name, OUTPUT_NAME_MAX_COLS);
		buf_printf(&line, ": %s", en->access_message);
		text_put_line(stdout, buf_str(&line));
		buf_free(&line);
	}
}

static void
dir_print_csv(struct batch *b, const struct directory *d,
	const struct dir_entry **rows, size_t n)
{
	static const char *const head[] = {
		"AccountId", "DisplayName", "InDirectory", "Type", "Status",
		"JoinMethod", "FolderId", "ResourceDirectoryPath", "JoinTime",
		"Leaving", "Groups", "GroupIds", "RecorderStatus",
		"RecorderStatusFrom", "Access", "AccessMessage",
	};
	struct err e;
	err_clear(&e);
	if (output_csv_row(stdout, head, 16, &e) < 0) {
		batch_print_err(b, NULL, &e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct dir_entry *en = rows[i];
		const struct rd_account *a = en->rd;
		char id[24], groups[24];
		snprintf(id, sizeof(id), "%" PRId64, en->account_id);
		snprintf(groups, sizeof(groups), "%zu", en->ngroups);
		struct buf gids = BUF_INIT;
		for (size_t k = 0; k < en->ngroups; k++)
			buf_printf(&gids, "%s%s", k ? " " : "",
				d->list->items[en->groups[k]].id);
		const char *cells[] = {
			id, en->name, a ? "true" : "false",
			a ? a->type : "", a ? a->status : "",
			a ? a->join_method : "", a ? a->folder_id : "",
			a ? a->path : "", a ? a->join_time : "",
			a && rd_account_leaving(a) ? "true" : "false", groups,
			buf_str(&gids),
			en->status_raw ? dir_status_word(en) : "UNKNOWN",
			!en->status_raw ? "none" : en->status_read ? "read" :
			"group", dir_access_name(en->access),
			en->access_message ? en->access_message : "",
		};
		int rc = output_csv_row(stdout, cells, 16, &e);
		buf_free(&gids);
		if (rc < 0) {
			batch_print_err(b, NULL, &e);
			return;
		}
	}
}

int
cmd_directory(struct batch *b)
{
	struct directory d;
	if (dir_load(b, &d, true) < 0) {
		directory_free(&d);
		return b->rc;
	}
	if (b->o->read_status)
		directory_read_status(b->client, &d, dir_only_members, NULL);
	/* Directory members, then group members no longer in it. */
	const struct dir_entry **rows = xcalloc(d.n ? d.n : 1, sizeof(*rows));
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < d.n; i++)
			if ((pass == 0) == (d.entries[i].rd != NULL) &&
				dir_row_selected(b, &d.entries[i]))
				rows[n++] = &d.entries[i];
	if (b->o->output == OUTPUT_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, dir_entry_json(&d, rows[i]));
		dir_json_print(b, arr);
	} else if (b->o->output == OUTPUT_CSV) {
		dir_print_csv(b, &d, rows, n);
	} else {
		dir_print_table(b, &d, rows, n);
	}
	dir_finish_output(b);
	free(rows);
	directory_free(&d);
	return b->rc;
}

/* --- alicfg coverage ------------------------------------------------------------ */

struct cov_row {
	const char *scope;
	const char *id;
	const char *type;
	struct dir_coverage c;
};

static json_t *
cov_json(const struct cov_row *r, bool have_rd)
{
	json_t *o = json_object();
	json_object_set_new(o, "Scope", output_json_str(r->scope));
	json_object_set_new(o, "AggregatorId", r->id ? output_json_str(r->id) :
		json_null());
	json_object_set_new(o, "AggregatorType", r->type ?
		output_json_str(r->type) : json_null());
	json_object_set_new(o, "Accounts", json_integer((json_int_t)r->c.accounts));
	json_object_set_new(o, "InDirectory", have_rd ?
		json_integer((json_int_t)r->c.in_directory) : json_null());
	json_object_set_new(o, "InAGroup", json_integer((json_int_t)r->c.in_group));
	json_object_set_new(o, "Registered",
		json_integer((json_int_t)r->c.registered));
	json_object_set_new(o, "NotRecording",
		json_integer((json_int_t)r->c.not_recording));
	json_object_set_new(o, "Starting", json_integer((json_int_t)r->c.starting));
	json_object_set_new(o, "Unknown", json_integer((json_int_t)r->c.unknown));
	json_object_set_new(o, "NotReachable",
		json_integer((json_int_t)r->c.unreachable));
	return o;
}

int
cmd_coverage(struct batch *b)
{
	struct directory d;
	dir_load(b, &d, false);
	if (b->o->read_status)
		directory_read_status(b->client, &d, d.have_rd ?
			dir_only_members : NULL, NULL);
	size_t ng = d.have_groups ? d.list->count : 0;
	struct cov_row *rows = xcalloc(ng + 1, sizeof(*rows));
	for (size_t g = 0; g < ng; g++) {
		rows[g].scope = d.list->items[g].name;
		rows[g].id = d.list->items[g].id;
		rows[g].type = d.list->items[g].type;
		directory_coverage(&d, g, &rows[g].c);
	}
	rows[ng].scope = d.have_rd ? "whole directory" : "all groups";
	directory_coverage(&d, DIR_ALL, &rows[ng].c);
	size_t n = ng + 1;
	struct err e;
	err_clear(&e);
	if (b->o->output == OUTPUT_JSON) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, cov_json(&rows[i], d.have_rd));
		dir_json_print(b, arr);
	} else {
		static const char *const head[] = {
			"SCOPE", "GROUP ID", "TYPE", "ACCOUNTS", "IN DIRECTORY",
			"IN A GROUP", "REGISTERED", "NOT RECORDING", "STARTING",
			"UNKNOWN", "NOT REACHABLE",
		};
		static const char *const csv_head[] = {
			"Scope", "AggregatorId", "AggregatorType", "Accounts",
			"InDirectory", "InAGroup", "Registered", "NotRecording",
			"Starting", "Unknown", "NotReachable",
		};
		struct output_table *t = NULL;
		if (b->o->output == OUTPUT_CSV) {
			if (output_csv_row(stdout, csv_head, 11, &e) < 0)
				batch_print_err(b, NULL, &e);
		} else {
			t = output_table_new(11, head);
			output_table_set_max_width(t, 0, OUTPUT_NAME_MAX_COLS);
			for (size_t c = 3; c < 11; c++)
				output_table_set_right_align(t, c);
		}
		for (size_t i = 0; i < n; i++) {
			const struct dir_coverage *c = &rows[i].c;
			char v[8][24];
			size_t vals[8] = {c->accounts, c->in_directory,
				c->in_group, c->registered, c->not_recording,
				c->starting, c->unknown, c->unreachable};
			for (int k = 0; k < 8; k++)
				snprintf(v[k], sizeof(v[k]), "%zu", vals[k]);
			const char *cells[] = {rows[i].scope, rows[i].id,
				rows[i].type, v[0], d.have_rd ? v[1] : "?", v[2],
				v[3], v[4], v[5], v[6], v[7]};
			if (t)
				output_table_add(t, cells);
			else if (output_csv_row(stdout, cells, 11, &e) < 0)
				batch_print_err(b, NULL, &e);
		}
		if (t) {
			if (output_table_write(t, stdout, NULL, &e) < 0)
				batch_print_err(b, NULL, &e);
			output_table_free(t);
			const struct dir_coverage *all = &rows[ng].c;
			if (d.have_rd)
				printf("%zu of %zu directory members are in no "
					"account group; %zu recorder statuses "
					"unknown%s.\n", all->accounts -
					all->in_group, all->accounts,
					all->unknown, all->unknown && !b->o->
					read_status ? " (--read-status reads "
					"them)" : "");
		}
	}
	dir_finish_output(b);
	free(rows);
	directory_free(&d);
	return b->rc;
}

/* --- enable --dry-run and the hint after a failed enable ------------------------ */

struct dir_one {
	bool done;
	bool have;
	struct rd_account_list list;
	struct err err;
};

static void
dir_on_one_list(void *ctx, const struct err *e, struct rd_account_list *l)
{
	struct dir_one *o = ctx;
	o->done = true;
	if (err_failed(e)) {
		err_copy(&o->err, e);
		return;
	}
	o->list = *l;
	free(l);
	o->have = true;
}

/* Is `account` in the directory: -1 unknown (not listable), 0 no, 1 yes;
 * its display name into *name (owned) when listed. */
static int
dir_lookup(struct batch *b, int64_t account, char **name)
{
	struct dir_one o;
	memset(&o, 0, sizeof(o));
	api_list_directory(b->client, dir_on_one_list, &o);
	api_client_run(b->client);
	int in = -1;
	if (o.have) {
		const struct rd_account *a = rd_account_find(&o.list, account);
		in = a != NULL;
		if (a && name && a->display_name[0])
			*name = xstrdup(a->display_name);
		rd_account_list_free(&o.list);
	}
	err_free(&o.err);
	return in;
}

void
cmd_access_hint(struct batch *b, int64_t account, const struct err *e)
{
	if (!account || account == api_client_caller_account(b->client))
		return;
	int in = -1;
	if (err_code_is(e, "EntityNotExist.Role"))
		in = dir_lookup(b, account, NULL);
	char msg[1024];
	enum dir_access kind = dir_diagnose(e, account, b->o->role_name, in,
		api_client_caller_is_root(b->client), msg, sizeof(msg));
	if (!dir_access_blocked(kind))
		return;
	struct buf line = BUF_INIT;
	buf_printf(&line, "alicfg: hint: %s", msg);
	text_put_line(stderr, buf_str(&line));
	buf_free(&line);
}

int
cmd_enable_dry_run(struct batch *b)
{
	int64_t account = 0;
	struct err e;
	err_clear(&e);
	if (b->o->account && options_parse_account(b->o->account, &account,
		&e) < 0) {
		batch_print_err(b, NULL, &e);
		return b->rc;
	}
	char *name = NULL;
	int in = account ? dir_lookup(b, account, &name) : -1;
	api_get_recorder(b->client, account, batch_on_recorder, b);
	api_client_run(b->client);
	if (!account)
		account = api_client_caller_account(b->client);
	char msg[1024] = "";
	enum dir_access kind = DIR_ACCESS_OK;
	if (!b->recorder)
		kind = dir_diagnose(&b->call_err, account, b->o->role_name, in,
			api_client_caller_is_root(b->client), msg, sizeof(msg));
	const char *status = b->recorder ? batch_status_name(b->recorder) :
		NULL;
	const char *would = !status ? "cannot act" :
		model_recorder_status_parse(status) == RECORDER_REGISTRABLE ?
		"would start the recorder" :
		"would do nothing (already on)";
	if (b->o->output == OUTPUT_JSON) {
		json_t *o = json_object();
		json_object_set_new(o, "AccountId", output_json_account_id(account));
		json_object_set_new(o, "AccountName", output_json_str(name));
		json_object_set_new(o, "InDirectory", in < 0 ? json_null() :
			json_boolean(in == 1));
		json_object_set_new(o, "Reachable", json_boolean(b->recorder !=
			NULL));
		json_object_set_new(o, "Access", json_string(
			dir_access_name(kind)));
		json_object_set_new(o, "AccessMessage", msg[0] ?
			output_json_str(msg) : json_null());
		json_object_set_new(o, "ConfigurationRecorderStatus", status ?
			output_json_str(status) : json_null());
		json_object_set_new(o, "Outcome", json_string("dry-run"));
		dir_json_print(b, o);
	} else if (b->o->output == OUTPUT_CSV) {
		static const char *const head[] = {"AccountId", "AccountName",
			"Reachable", "Access", "AccessMessage",
			"ConfigurationRecorderStatus", "Outcome"};
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, account);
		const char *row[] = {id, name, b->recorder ? "true" : "false",
			dir_access_name(kind), msg, status, "dry-run"};
		if (output_csv_row(stdout, head, 7, &e) < 0 ||
			output_csv_row(stdout, row, 7, &e) < 0)
			batch_print_err(b, NULL, &e);
	} else {
		struct buf line = BUF_INIT;
		buf_printf(&line, "dry run: account %" PRId64, account);
		if (name) {
			buf_puts(&line, " (");
			text_safe(&line, name, OUTPUT_NAME_MAX_COLS);
			buf_puts(&line, ")");
		}
		if (b->recorder)
			buf_printf(&line, ": reachable, recorder %s; enable %s; "
				"nothing was sent that writes", status, would);
		else
			buf_printf(&line, ": NOT reachable: %s", msg);
		text_put_line(stdout, buf_str(&line));
		buf_free(&line);
	}
	dir_finish_output(b);
	free(name);
	if (!b->recorder && b->rc == 0)
		b->rc = 1;
	return b->rc;
}
