/* cmd_check: `alicfg check [--allow FILE]`, the coverage gate for cron and
 * CI. Reads every group and, when the caller may list it, the whole
 * directory; reads the recorder of every directory member that no group
 * covers; prints the offenders. Exit 0: none; 5: offenders; 1: the answer
 * is not known (an API or network error), whatever else was found. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "batch_impl.h"
#include "buf.h"
#include "check.h"
#include "output.h"
#include "rd.h"
#include "snapshot.h"

struct cmd_check {
	struct batch *b;
	struct rd_account_list *dir;
	struct err dir_err;
	struct snapshot snap;
	struct check_unreachable *unreachable;
	size_t nunreachable;
};

struct cmd_check_read {
	struct cmd_check *c;
	size_t index;             /* into c->snap.accounts */
};

static void
cmd_check_on_directory(void *ctx, const struct err *e,
	struct rd_account_list *list)
{
	struct cmd_check *c = ctx;
	if (err_failed(e))
		err_copy(&c->dir_err, e);
	else
		c->dir = list;
}

static void
cmd_check_on_recorder(void *ctx, const struct err *e, struct recorder *r)
{
	struct cmd_check_read *rd = ctx;
	struct cmd_check *c = rd->c;
	struct snapshot_account *a = &c->snap.accounts[rd->index];
	if (r) {
		free(a->status);
		a->status = xstrdup(r->status != RECORDER_UNKNOWN ?
			model_recorder_status_name(r->status) :
			r->status_raw ? r->status_raw : "UNKNOWN");
		model_recorder_free(r);
		free(r);
		return;
	}
	if (e->kind == ERR_API) {
		/* The service answered no (its access role is gone, say):
		 * an offender, not an unknown. */
		c->unreachable = xrealloc(c->unreachable,
			(c->nunreachable + 1) * sizeof(*c->unreachable));
		struct check_unreachable *u = &c->unreachable[c->nunreachable++];
		u->account = a->id;
		snprintf(u->code, sizeof(u->code), "%s",
			e->code[0] ? e->code : "error");
		return;
	}
	char context[96];
	snprintf(context, sizeof(context), "GetConfigurationRecorder for %" PRId64,
		a->id);
	batch_print_err(c->b, context, e);
}

/* The directory; false when it could not be read for a reason that makes
 * the answer unknown (printed). Not being allowed to list it is not one:
 * the groups are then all that can be checked, and stderr says so. */
static bool
cmd_check_directory(struct cmd_check *c)
{
	api_list_directory(c->b->client, cmd_check_on_directory, c);
	api_client_run(c->b->client);
	if (c->dir)
		return true;
	if (rd_err_not_allowed(&c->dir_err)) {
		rd_err_explain(&c->dir_err);
		fprintf(stderr, "alicfg: check: the directory was not read, so "
			"accounts in no group are not checked: %s\n",
			c->dir_err.message);
		return true;
	}
	batch_print_err(c->b, "ListAccounts", &c->dir_err);
	return false;
}

/* Directory members that no group covers: read their recorders. */
static void
cmd_check_read_outside(struct cmd_check *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->snap.naccounts; i++)
		if (c->snap.accounts[i].ngroups == 0)
			n++;
	if (!n)
		return;
	struct cmd_check_read *reads = xcalloc(n, sizeof(*reads));
	size_t k = 0;
	for (size_t i = 0; i < c->snap.naccounts; i++) {
		if (c->snap.accounts[i].ngroups)
			continue;
		reads[k].c = c;
		reads[k].index = i;
		api_get_recorder(c->b->client, c->snap.accounts[i].id,
			cmd_check_on_recorder, &reads[k]);
		k++;
	}
	api_client_run(c->b->client);
	free(reads);
}

static void
cmd_check_groups_cell(const struct snapshot *s,
	const struct snapshot_account *a, struct buf *out)
{
	for (size_t i = 0; i < a->ngroups; i++) {
		const char *name = snapshot_group_name(s, a->groups[i]);
		buf_printf(out, "%s%s", i ? ", " : "",
			name && *name ? name : a->groups[i]);
	}
}

static void
cmd_check_summary(const struct cmd_check *c, size_t counted, size_t allowed,
	struct buf *out)
{
	size_t in_groups = 0, in_dir = 0;
	for (size_t i = 0; i < c->snap.naccounts; i++) {
		in_groups += c->snap.accounts[i].ngroups > 0;
		in_dir += c->snap.accounts[i].in_directory;
	}
	buf_printf(out, "check: %zu accounts in %zu groups", in_groups,
		c->snap.ngroups);
	if (c->snap.has_directory)
		buf_printf(out, ", %zu in the directory", in_dir);
	else
		buf_puts(out, " (directory not read)");
	if (counted)
		buf_printf(out, ": %zu offender%s", counted,
			counted == 1 ? "" : "s");
	else
		buf_puts(out, ": no offenders");
	if (allowed)
		buf_printf(out, " (%zu allowed)", allowed);
}

static int
cmd_check_print_table(struct cmd_check *c, const struct check_offender *o,
	size_t n, const char *summary, struct err *e)
{
	static const char *const head[] = {
		"ACCOUNT ID", "NAME", "PROBLEM", "GROUPS",
	};
	struct output_table *t = output_table_new(4, head);
	output_table_set_max_width(t, 1, OUTPUT_NAME_MAX_COLS);
	output_table_set_max_width(t, 3, OUTPUT_NAME_MAX_COLS);
	for (size_t i = 0; i < n; i++) {
		if (o[i].allowed)
			continue;
		char id[24], why[256];
		snprintf(id, sizeof(id), "%" PRId64, o[i].account->id);
		check_reason_text(&o[i], why, sizeof(why));
		struct buf groups = BUF_INIT;
		cmd_check_groups_cell(&c->snap, o[i].account, &groups);
		const char *cells[] = {id, o[i].account->name, why,
			buf_str(&groups)};
		output_table_add(t, cells);
		buf_free(&groups);
	}
	int rc = 0;
	if (output_table_rows(t))
		rc = output_table_write(t, stdout, NULL, e);
	output_table_free(t);
	if (rc == 0)
		printf("%s\n", summary);
	return rc;
}

static json_t *
cmd_check_reasons_json(unsigned reasons)
{
	json_t *r = json_array();
	if (reasons & CHECK_NOT_REGISTERED)
		json_array_append_new(r, json_string("not-registered"));
	if (reasons & CHECK_NO_GROUP)
		json_array_append_new(r, json_string("no-group"));
	if (reasons & CHECK_UNREACHABLE)
		json_array_append_new(r, json_string("unreachable"));
	return r;
}

static void
cmd_check_print_json(struct cmd_check *c, const struct check_offender *o,
	size_t n, size_t counted, size_t allowed)
{
	size_t in_groups = 0, in_dir = 0;
	for (size_t i = 0; i < c->snap.naccounts; i++) {
		in_groups += c->snap.accounts[i].ngroups > 0;
		in_dir += c->snap.accounts[i].in_directory;
	}
	json_t *head = json_object();
	json_object_set_new(head, "Ok", json_boolean(counted == 0));
	json_object_set_new(head, "Groups", json_integer((json_int_t)c->snap.ngroups));
	json_object_set_new(head, "AccountsInGroups", json_integer((json_int_t)in_groups));
	json_object_set_new(head, "DirectoryRead", json_boolean(c->snap.has_directory));
	json_object_set_new(head, "AccountsInDirectory", c->snap.has_directory ?
		json_integer((json_int_t)in_dir) : json_null());
	json_object_set_new(head, "OffenderCount", json_integer((json_int_t)counted));
	json_object_set_new(head, "AllowedCount", json_integer((json_int_t)allowed));
	char *text = json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(head);
	if (text && *text)
		text[strlen(text) - 1] = '\0';   /* the offenders follow */
	printf("%s,\"Offenders\":[", text ? text : "{");
	free(text);
	for (size_t i = 0; i < n; i++) {
		const struct snapshot_account *a = o[i].account;
		json_t *groups = json_array();
		for (size_t g = 0; g < a->ngroups; g++)
			json_array_append_new(groups, json_string(a->groups[g]));
		json_t *j = json_object();
		json_object_set_new(j, "AccountId", output_json_account_id(a->id));
		json_object_set_new(j, "AccountName",
			a->name ? json_string(a->name) : json_null());
		json_object_set_new(j, "RecorderStatus",
			a->status ? json_string(a->status) : json_null());
		json_object_set_new(j, "Reasons", cmd_check_reasons_json(o[i].reasons));
		json_object_set_new(j, "Code", o[i].code ? json_string(o[i].code) :
			json_null());
		json_object_set_new(j, "Groups", groups);
		json_object_set_new(j, "Allowed", json_boolean(o[i].allowed));
		char *line = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER |
			JSON_ENSURE_ASCII);
		json_decref(j);
		printf("%s\n%s", i ? "," : "", line ? line : "{}");
		free(line);
	}
	fputs(n ? "\n]}\n" : "]}\n", stdout);
}

static int
cmd_check_print_csv(const struct check_offender *o, size_t n, struct err *e)
{
	static const char *const head[] = {
		"AccountId", "AccountName", "RecorderStatus", "Reasons", "Code",
		"Groups", "Allowed",
	};
	if (output_csv_row(stdout, head, 7, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct snapshot_account *a = o[i].account;
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, a->id);
		struct buf reasons = BUF_INIT, groups = BUF_INIT;
		json_t *r = cmd_check_reasons_json(o[i].reasons);
		size_t k;
		json_t *v;
		json_array_foreach(r, k, v)
			buf_printf(&reasons, "%s%s", k ? ";" : "",
				json_string_value(v));
		json_decref(r);
		for (size_t g = 0; g < a->ngroups; g++)
			buf_printf(&groups, "%s%s", g ? ";" : "", a->groups[g]);
		const char *row[] = {id, a->name, a->status, buf_str(&reasons),
			o[i].code, buf_str(&groups), o[i].allowed ? "yes" : "no"};
		int rc = output_csv_row(stdout, row, 7, e);
		buf_free(&reasons);
		buf_free(&groups);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
cmd_check(struct batch *b)
{
	struct err e;
	err_clear(&e);
	struct check_allow allow = {0};
	if (b->o->allow_file &&
	    check_allow_load(b->o->allow_file, &allow, &e) < 0) {
		batch_print_err(b, NULL, &e);
		return b->rc;
	}
	struct cmd_check c;
	memset(&c, 0, sizeof(c));
	c.b = b;
	if (batch_load_all(b) < 0 || batch_snapshot_build(b, &c.snap) < 0) {
		fputs("alicfg: check: the account groups could not all be read; "
			"no verdict\n", stderr);
		check_allow_free(&allow);
		return b->rc ? b->rc : 1;
	}
	bool dir_ok = cmd_check_directory(&c);
	if (c.dir) {
		for (size_t i = 0; i < c.dir->count; i++)
			snapshot_add_directory_account(&c.snap,
				c.dir->items[i].account_id,
				c.dir->items[i].display_name);
		snapshot_finish(&c.snap);
		cmd_check_read_outside(&c);
	}
	/* A complete read is a snapshot like any other (for diff). */
	if (dir_ok && b->rc == 0)
		batch_snapshot_save(b, &c.snap, NULL, 0);
	struct check_offender *o = NULL;
	size_t n = check_offenders(&c.snap, c.unreachable, c.nunreachable,
		&allow, &o);
	size_t allowed = 0;
	for (size_t i = 0; i < n; i++)
		allowed += o[i].allowed;
	size_t counted = n - allowed;
	struct buf summary = BUF_INIT;
	cmd_check_summary(&c, counted, allowed, &summary);
	int rc = 0;
	if (b->o->output == OUTPUT_JSON)
		cmd_check_print_json(&c, o, n, counted, allowed);
	else if (b->o->output == OUTPUT_CSV)
		rc = cmd_check_print_csv(o, n, &e);
	else
		rc = cmd_check_print_table(&c, o, n, buf_str(&summary), &e);
	if (fflush(stdout) != 0 && rc == 0)
		rc = err_set(&e, ERR_SYSTEM, "cannot write the output");
	if (rc < 0)
		batch_print_err(b, NULL, &e);
	if (b->o->output != OUTPUT_TABLE)
		fprintf(stderr, "alicfg: %s\n", buf_str(&summary));
	/* An unknown answer (1) outranks offenders (5): the gate cannot pass
	 * or fail on a partial read. */
	if (b->rc == 0 && counted)
		b->rc = CHECK_EXIT_OFFENDERS;
	buf_free(&summary);
	free(o);
	free(c.unreachable);
	if (c.dir) {
		rd_account_list_free(c.dir);
		free(c.dir);
	}
	err_free(&c.dir_err);
	snapshot_free(&c.snap);
	check_allow_free(&allow);
	return b->rc;
}
