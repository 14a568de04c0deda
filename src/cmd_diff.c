/* cmd_diff: `alicfg diff [--since SNAPSHOT|DURATION]`, the transitions
 * between a saved snapshot and a fresh complete load (which is saved in
 * turn). A partial load compares with nothing: it would read as accounts
 * leaving groups. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "batch_impl.h"
#include "buf.h"
#include "output.h"
#include "snapshot.h"

/* A group for a table cell: "Security audit (ca-...)". */
static void
cmd_diff_group_cell(struct buf *out, const char *id, const char *name)
{
	if (name && *name)
		buf_printf(out, "%s (%s)", name, id);
	else
		buf_puts(out, id);
}

static bool
cmd_diff_is_group(const struct snapshot_change *c)
{
	return c->kind == SNAP_JOINED_GROUP || c->kind == SNAP_LEFT_GROUP;
}

static int
cmd_diff_table(FILE *out, const char *since, const char *name,
	const struct snapshot_change *ch, size_t n, struct err *e)
{
	if (!n) {
		fprintf(out, "No changes since %s (snapshot %s).\n", since, name);
		return 0;
	}
	fprintf(out, "Changes since %s (snapshot %s):\n", since, name);
	static const char *const head[] = {
		"ACCOUNT ID", "NAME", "CHANGE", "FROM", "TO",
	};
	struct output_table *t = output_table_new(5, head);
	output_table_set_max_width(t, 1, OUTPUT_NAME_MAX_COLS);
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, ch[i].account);
		struct buf from = BUF_INIT, to = BUF_INIT;
		if (ch[i].kind == SNAP_LEFT_GROUP)
			cmd_diff_group_cell(&from, ch[i].from, ch[i].group_name);
		else if (ch[i].from)
			buf_puts(&from, ch[i].from);
		if (ch[i].kind == SNAP_JOINED_GROUP)
			cmd_diff_group_cell(&to, ch[i].to, ch[i].group_name);
		else if (ch[i].to)
			buf_puts(&to, ch[i].to);
		const char *cells[] = {id, ch[i].name,
			snapshot_change_name(ch[i].kind), buf_str(&from),
			buf_str(&to)};
		output_table_add(t, cells);
		buf_free(&from);
		buf_free(&to);
	}
	int rc = output_table_write(t, out, NULL, e);
	output_table_free(t);
	return rc;
}

static json_t *
cmd_diff_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int
cmd_diff_json(FILE *out, const char *since, const char *name,
	const struct snapshot_change *ch, size_t n)
{
	json_t *head = json_pack("{s:s, s:s}", "Since", since, "Snapshot", name);
	char *text = json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(head);
	/* Drop the closing brace: the changes follow, one object per line. */
	if (text && *text)
		text[strlen(text) - 1] = '\0';
	fprintf(out, "%s,\"Changes\":[", text ? text : "{");
	free(text);
	for (size_t i = 0; i < n; i++) {
		bool group = cmd_diff_is_group(&ch[i]);
		json_t *o = json_object();
		json_object_set_new(o, "AccountId",
			output_json_account_id(ch[i].account));
		json_object_set_new(o, "AccountName", cmd_diff_str(ch[i].name));
		json_object_set_new(o, "Change",
			json_string(snapshot_change_name(ch[i].kind)));
		json_object_set_new(o, "From", cmd_diff_str(ch[i].from));
		json_object_set_new(o, "To", cmd_diff_str(ch[i].to));
		json_object_set_new(o, "GroupId", group ? cmd_diff_str(
			ch[i].kind == SNAP_JOINED_GROUP ? ch[i].to : ch[i].from) :
			json_null());
		json_object_set_new(o, "GroupName", group ?
			cmd_diff_str(ch[i].group_name) : json_null());
		char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
			JSON_ENSURE_ASCII);
		json_decref(o);
		fprintf(out, "%s\n%s", i ? "," : "", line ? line : "{}");
		free(line);
	}
	fputs(n ? "\n]}\n" : "]}\n", out);
	return 0;
}

static int
cmd_diff_csv(FILE *out, const struct snapshot_change *ch, size_t n,
	struct err *e)
{
	static const char *const head[] = {
		"AccountId", "AccountName", "Change", "From", "To", "GroupName",
	};
	if (output_csv_row(out, head, 6, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, ch[i].account);
		const char *row[] = {id, ch[i].name,
			snapshot_change_name(ch[i].kind), ch[i].from, ch[i].to,
			cmd_diff_is_group(&ch[i]) ? ch[i].group_name : NULL};
		if (output_csv_row(out, row, 6, e) < 0)
			return -1;
	}
	return 0;
}

static const char *
cmd_diff_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

int
cmd_diff(struct batch *b)
{
	struct err e;
	err_clear(&e);
	char dir[4096];
	if (snapshot_dir(dir, sizeof(dir), false, &e) < 0) {
		batch_print_err(b, NULL, &e);
		return b->rc;
	}
	const char *note = NULL;
	char *path = snapshot_pick(dir, b->o->since, time(NULL), &note, &e);
	if (!path && e.kind == ERR_USAGE) {
		batch_print_err(b, NULL, &e);
		return b->rc;
	}
	struct snapshot then, now;
	snapshot_init(&then, 0);
	if (path && snapshot_load(path, &then, &e) < 0) {
		batch_print_err(b, NULL, &e);
		free(path);
		return b->rc;
	}
	if (batch_load_all(b) < 0 || batch_snapshot_build(b, &now) < 0) {
		fputs("alicfg: diff: the load was not complete, so nothing is "
			"compared (a missing group would read as accounts "
			"leaving it)\n", stderr);
		snapshot_free(&then);
		free(path);
		return b->rc ? b->rc : 1;
	}
	char saved[128] = "";
	batch_snapshot_save(b, &now, saved, sizeof(saved));
	if (!path) {
		/* Nothing to compare with yet: this run is the baseline. */
		fprintf(stderr, "alicfg: diff: no earlier snapshot in %s; this "
			"load was saved%s%s as the baseline for the next diff\n",
			dir, saved[0] ? " as " : "", saved);
		snapshot_free(&now);
		if (b->o->output == OUTPUT_JSON)
			puts("{\"Since\":null,\"Snapshot\":null,\"Changes\":[]}");
		else if (b->o->output == OUTPUT_CSV)
			cmd_diff_csv(stdout, NULL, 0, &e);
		return b->rc;
	}
	if (note)
		fprintf(stderr, "alicfg: diff: %s (%s)\n", note,
			cmd_diff_basename(path));
	if (then.caller && now.caller && then.caller != now.caller)
		fprintf(stderr, "alicfg: warning: the snapshot was taken as "
			"account %" PRId64 " and this load as %" PRId64 ": the "
			"two may not be comparable\n", then.caller, now.caller);
	char since[40];
	struct tm tm;
	gmtime_r(&then.taken, &tm);
	strftime(since, sizeof(since), b->o->output == OUTPUT_TABLE ?
		"%Y-%m-%d %H:%M:%S UTC" : "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct snapshot_change *changes = NULL;
	size_t n = snapshot_diff(&then, &now, &changes);
	const char *name = cmd_diff_basename(path);
	int rc = 0;
	if (b->o->output == OUTPUT_JSON)
		rc = cmd_diff_json(stdout, since, name, changes, n);
	else if (b->o->output == OUTPUT_CSV)
		rc = cmd_diff_csv(stdout, changes, n, &e);
	else
		rc = cmd_diff_table(stdout, since, name, changes, n, &e);
	if (fflush(stdout) != 0 && rc == 0)
		rc = err_set(&e, ERR_SYSTEM, "cannot write the output");
	if (rc < 0)
		batch_print_err(b, NULL, &e);
	free(changes);
	snapshot_free(&then);
	snapshot_free(&now);
	free(path);
	return b->rc;
}
