/* output: tables, JSON and CSV for the batch commands. */
#include "config.h"

#include "output.h"
#include "status_colour.h"
#include "text.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OUTPUT_ANSI_RESET "\033[0m"

/* --- a generic aligned table --- */

struct output_table {
	size_t ncols;
	struct buf cells;       /* every cell, NUL-separated, already fitted */
	size_t *offsets;        /* (rows + 1) * ncols: header row first */
	size_t *widths;         /* per offset */
	size_t nrows;           /* including the header */
	size_t cap;
	size_t *max_width;      /* per column, 0 = unlimited */
	size_t *col_width;      /* per column: widest cell */
	bool *right;
};

static void
output_table_append_row(struct output_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->offsets = xrealloc(t->offsets, t->cap * t->ncols * sizeof(size_t));
		t->widths = xrealloc(t->widths, t->cap * t->ncols * sizeof(size_t));
	}
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = cells[c] && cells[c][0] ? cells[c] : "-";
		size_t i = t->nrows * t->ncols + c;
		t->offsets[i] = t->cells.len;
		size_t w = text_safe(&t->cells, s, t->nrows ? t->max_width[c] : 0);
		buf_putc(&t->cells, '\0');
		t->widths[i] = w;
		if (w > t->col_width[c])
			t->col_width[c] = w;
	}
	t->nrows++;
}

struct output_table *
output_table_new(size_t ncols, const char *const *headers)
{
	struct output_table *t = xcalloc(1, sizeof(*t));
	t->ncols = ncols;
	t->max_width = xcalloc(ncols, sizeof(size_t));
	t->col_width = xcalloc(ncols, sizeof(size_t));
	t->right = xcalloc(ncols, sizeof(bool));
	output_table_append_row(t, headers);
	return t;
}

void
output_table_set_max_width(struct output_table *t, size_t col, size_t max_cols)
{
	if (col < t->ncols)
		t->max_width[col] = max_cols;
}

void
output_table_set_right_align(struct output_table *t, size_t col)
{
	if (col < t->ncols)
		t->right[col] = true;
}

void
output_table_add(struct output_table *t, const char *const *cells)
{
	output_table_append_row(t, cells);
}

size_t
output_table_rows(const struct output_table *t)
{
	return t->nrows - 1;
}

static void
output_pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

int
output_table_write(const struct output_table *t, FILE *out,
	output_color_fn color, struct err *e)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			size_t i = r * t->ncols + c;
			const char *cell = t->cells.data + t->offsets[i];
			size_t pad = t->col_width[c] - t->widths[i];
			bool last = c + 1 == t->ncols;
			const char *ansi = r > 0 && color ? color(c, cell) : NULL;
			if (c > 0)
				fputs("  ", out);
			if (t->right[c])
				output_pad(out, pad);
			if (ansi)
				fputs(ansi, out);
			fputs(cell, out);
			if (ansi)
				fputs(OUTPUT_ANSI_RESET, out);
			if (!t->right[c] && !last)
				output_pad(out, pad);
		}
		fputc('\n', out);
	}
	if (ferror(out))
		return err_set(e, ERR_SYSTEM, "writing the output failed");
	return 0;
}

void
output_table_free(struct output_table *t)
{
	if (!t)
		return;
	buf_free(&t->cells);
	free(t->offsets);
	free(t->widths);
	free(t->max_width);
	free(t->col_width);
	free(t->right);
	free(t);
}

/* --- CSV --- */

int
output_csv_row(FILE *out, const char *const *cells, size_t n, struct err *e)
{
	struct buf line = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&line, ',');
		text_csv_field(&line, cells[i]);
	}
	buf_puts(&line, "\r\n");
	size_t wrote = fwrite(line.data, 1, line.len, out);
	bool failed = wrote != line.len;
	buf_free(&line);
	if (failed)
		return err_set(e, ERR_SYSTEM, "writing CSV failed");
	return 0;
}

/* --- helpers shared by the commands --- */

void
output_timestamp(int64_t ms, char out[32])
{
	if (ms <= 0) {
		strcpy(out, "-");
		return;
	}
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%d %H:%M", &tm))
		snprintf(out, 32, "%" PRId64, ms);
}

/* The colour of a recorder status word: status_colour.h, as in the TUI. */
static const char *
output_status_color(const char *status)
{
	return status_colour_ansi(status_colour_recorder_word(status));
}

json_t *
output_json_str(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (j)
		return j;
	struct buf b = BUF_INIT;
	text_utf8_valid(&b, s);
	j = json_string(buf_str(&b));
	buf_free(&b);
	return j ? j : json_string("");
}

/* Account ids are 16 digits and some JSON readers (jq 1.6) round numbers
 * above 2^53, so ids are always written as strings of digits. */
static json_t *
output_json_id(int64_t id)
{
	char digits[24];
	snprintf(digits, sizeof(digits), "%" PRId64, id);
	return json_string(digits);
}

json_t *
output_json_account_id(int64_t id)
{
	return output_json_id(id);
}

/* Write one JSON value (and free it); `item_sep` precedes it in arrays. */
static int
output_json_write(FILE *out, json_t *j, size_t flags, const char *prefix,
	struct err *e)
{
	char *text = json_dumps(j, flags);
	json_decref(j);
	if (!text)
		return err_set(e, ERR_SYSTEM, "formatting JSON failed");
	struct buf safe = BUF_INIT;
	text_json_escape(&safe, text, strlen(text));
	free(text);
	fputs(prefix, out);
	fputs(buf_str(&safe), out);
	buf_free(&safe);
	if (ferror(out))
		return err_set(e, ERR_SYSTEM, "writing the output failed");
	return 0;
}

static int
output_finish(FILE *out, struct err *e)
{
	if (fflush(out) != 0 || ferror(out))
		return err_set(e, ERR_SYSTEM, "writing the output failed");
	return 0;
}

/* Arrays are streamed one object per line, so 20,000 accounts never sit
 * in memory as one JSON tree. */
#define OUTPUT_JSON_ITEM (JSON_PRESERVE_ORDER | JSON_COMPACT)

/* Element i of the caller's array as a JSON object. */
typedef json_t *(*output_json_item_fn)(const void *items, size_t i);

static int
output_json_array(FILE *out, const void *items, size_t n,
	output_json_item_fn item, struct err *e)
{
	fputs("[", out);
	for (size_t i = 0; i < n; i++)
		if (output_json_write(out, item(items, i), OUTPUT_JSON_ITEM,
		    i ? ",\n  " : "\n  ", e) < 0)
			return -1;
	fputs(n ? "\n]\n" : "]\n", out);
	return output_finish(out, e);
}

/* A single object, indented, on its own lines. */
static int
output_json_object(FILE *out, json_t *j, struct err *e)
{
	if (output_json_write(out, j, JSON_PRESERVE_ORDER | JSON_INDENT(2), "",
	    e) < 0)
		return -1;
	fputc('\n', out);
	return output_finish(out, e);
}

/* Writes and frees the table. */
static int
output_table_finish(struct output_table *t, FILE *out, output_color_fn color,
	struct err *e)
{
	int rc = output_table_write(t, out, color, e);
	output_table_free(t);
	return rc < 0 ? -1 : output_finish(out, e);
}

/* The recorder status as received, else our name for it. */
static const char *
output_recorder_word(const char *raw, enum recorder_status status)
{
	if (raw && raw[0])
		return raw;
	return model_recorder_status_name(status);
}

/* --- aggregators --- */

/* items: struct aggregator[] */
static json_t *
output_aggregator_json(const void *items, size_t i)
{
	const struct aggregator *a = (const struct aggregator *)items + i;
	json_t *o = json_object();
	json_object_set_new(o, "AggregatorId", output_json_str(a->id));
	json_object_set_new(o, "AggregatorName", output_json_str(a->name));
	json_object_set_new(o, "AggregatorType", output_json_str(a->type));
	json_object_set_new(o, "AggregatorStatus", json_integer(a->status));
	json_object_set_new(o, "AccountId", output_json_id(a->account_id));
	json_object_set_new(o, "AggregatorAccountCount",
		json_integer(a->member_count));
	json_object_set_new(o, "AggregatorCreateTimestamp",
		json_integer(a->create_ms));
	json_object_set_new(o, "Description", output_json_str(a->description));
	json_object_set_new(o, "FolderId", output_json_str(a->folder_id));
	if (a->folder_name)
		json_object_set_new(o, "FolderName", output_json_str(a->folder_name));
	json_t *tags = json_array();
	for (size_t k = 0; k < a->ntags; k++) {
		json_t *t = json_object();
		json_object_set_new(t, "TagKey", output_json_str(a->tags[k].key));
		json_object_set_new(t, "TagValue", output_json_str(a->tags[k].value));
		json_array_append_new(tags, t);
	}
	json_object_set_new(o, "Tags", tags);
	return o;
}

static void
output_tags_text(struct buf *b, const struct aggregator *a)
{
	for (size_t i = 0; i < a->ntags; i++) {
		if (i)
			buf_putc(b, ';');
		buf_puts(b, a->tags[i].key ? a->tags[i].key : "");
		buf_putc(b, '=');
		buf_puts(b, a->tags[i].value ? a->tags[i].value : "");
	}
}

static const char *
output_aggregator_color(size_t col, const char *cell)
{
	for (int s = 0; col == 3 && s <= 2; s++)
		if (!strcmp(cell, model_aggregator_status_name(s)))
			return status_colour_ansi(status_colour_aggregator(s));
	return NULL;
}

int
output_aggregators(FILE *out, enum output_format fmt, bool color,
	const struct aggregator_list *list, struct err *e)
{
	size_t n = list ? list->count : 0;
	if (fmt == OUTPUT_JSON)
		return output_json_array(out, list ? list->items : NULL, n,
			output_aggregator_json, e);
	if (fmt == OUTPUT_CSV) {
		static const char *const head[] = {
			"AggregatorId", "AggregatorName", "AggregatorType",
			"AggregatorStatus", "AccountId", "AggregatorAccountCount",
			"AggregatorCreateTimestamp", "Description", "FolderId", "Tags",
		};
		if (output_csv_row(out, head, 10, e) < 0)
			return -1;
		for (size_t i = 0; i < n; i++) {
			const struct aggregator *a = &list->items[i];
			char status[16], owner[24], count[24], created[24];
			struct buf tags = BUF_INIT;
			snprintf(status, sizeof(status), "%d", a->status);
			snprintf(owner, sizeof(owner), "%" PRId64, a->account_id);
			snprintf(count, sizeof(count), "%" PRId64, a->member_count);
			snprintf(created, sizeof(created), "%" PRId64, a->create_ms);
			output_tags_text(&tags, a);
			const char *row[] = {
				a->id, a->name, a->type, status, owner, count, created,
				a->description, a->folder_id, buf_str(&tags),
			};
			int rc = output_csv_row(out, row, 10, e);
			buf_free(&tags);
			if (rc < 0)
				return -1;
		}
		return output_finish(out, e);
	}
	static const char *const head[] = {
		"ID", "NAME", "TYPE", "STATUS", "ACCOUNTS", "CREATED (UTC)",
	};
	struct output_table *t = output_table_new(6, head);
	output_table_set_max_width(t, 1, OUTPUT_NAME_MAX_COLS);
	output_table_set_right_align(t, 4);
	for (size_t i = 0; i < n; i++) {
		const struct aggregator *a = &list->items[i];
		char count[24], created[32];
		snprintf(count, sizeof(count), "%" PRId64, a->member_count);
		output_timestamp(a->create_ms, created);
		const char *row[] = {
			a->id, a->name, a->type, model_aggregator_status_name(a->status),
			count, created,
		};
		output_table_add(t, row);
	}
	return output_table_finish(t, out,
		color ? output_aggregator_color : NULL, e);
}

/* --- accounts --- */

static const char *
output_member_status(const struct member *m)
{
	return output_recorder_word(m->status_raw, m->status);
}

/* items: struct output_account_row[] */
static json_t *
output_account_json(const void *items, size_t i)
{
	const struct output_account_row *r =
		(const struct output_account_row *)items + i;
	json_t *o = json_object();
	json_object_set_new(o, "AggregatorId",
		output_json_str(r->group ? r->group->id : NULL));
	json_object_set_new(o, "AggregatorName",
		output_json_str(r->group ? r->group->name : NULL));
	json_object_set_new(o, "AccountId", output_json_id(r->member->account_id));
	json_object_set_new(o, "AccountName", output_json_str(r->member->name));
	json_object_set_new(o, "AccountType", output_json_str(r->member->type));
	json_object_set_new(o, "RecorderStatus",
		output_json_str(output_member_status(r->member)));
	return o;
}

static const char *
output_accounts_color(size_t col, const char *cell)
{
	return col == 4 ? output_status_color(cell) : NULL;
}

int
output_accounts(FILE *out, enum output_format fmt, bool color,
	const struct output_account_row *rows, size_t n, struct err *e)
{
	if (fmt == OUTPUT_JSON)
		return output_json_array(out, rows, n, output_account_json, e);
	if (fmt == OUTPUT_CSV) {
		static const char *const head[] = {
			"AggregatorId", "AggregatorName", "AccountId", "AccountName",
			"AccountType", "RecorderStatus",
		};
		if (output_csv_row(out, head, 6, e) < 0)
			return -1;
		for (size_t i = 0; i < n; i++) {
			const struct output_account_row *r = &rows[i];
			char id[24];
			snprintf(id, sizeof(id), "%" PRId64, r->member->account_id);
			const char *row[] = {
				r->group ? r->group->id : NULL,
				r->group ? r->group->name : NULL,
				id, r->member->name, r->member->type,
				output_member_status(r->member),
			};
			if (output_csv_row(out, row, 6, e) < 0)
				return -1;
		}
		return output_finish(out, e);
	}
	static const char *const head[] = {
		"GROUP", "ACCOUNT ID", "NAME", "TYPE", "RECORDER",
	};
	struct output_table *t = output_table_new(5, head);
	output_table_set_max_width(t, 2, OUTPUT_NAME_MAX_COLS);
	for (size_t i = 0; i < n; i++) {
		const struct output_account_row *r = &rows[i];
		char id[24];
		snprintf(id, sizeof(id), "%" PRId64, r->member->account_id);
		const char *row[] = {
			r->group ? r->group->id : NULL, id, r->member->name,
			r->member->type, output_member_status(r->member),
		};
		output_table_add(t, row);
	}
	return output_table_finish(t, out,
		color ? output_accounts_color : NULL, e);
}

/* --- recorder and enable --- */

static const char *
output_recorder_status(const struct recorder *r)
{
	return output_recorder_word(r->status_raw, r->status);
}

static json_t *
output_recorder_json(int64_t account, const char *name,
	const struct recorder *r)
{
	json_t *o = json_object();
	if (account)
		json_object_set_new(o, "AccountId", output_json_id(account));
	if (name)
		json_object_set_new(o, "AccountName", output_json_str(name));
	json_object_set_new(o, "ConfigurationRecorderStatus",
		output_json_str(output_recorder_status(r)));
	json_t *types = json_array();
	for (size_t i = 0; i < r->ntypes; i++)
		json_array_append_new(types, output_json_str(r->resource_types[i]));
	json_object_set_new(o, "ResourceTypes", types);
	return o;
}

static void
output_account_label(struct buf *b, int64_t account, const char *name)
{
	if (!account && !name) {
		buf_puts(b, "(your own account)");
		return;
	}
	if (name)
		text_safe(b, name, OUTPUT_NAME_MAX_COLS);
	if (account)
		buf_printf(b, name ? " (%" PRId64 ")" : "%" PRId64, account);
}

static void
output_colored(FILE *out, bool color, const char *status)
{
	const char *ansi = color ? output_status_color(status) : NULL;
	struct buf b = BUF_INIT;
	text_safe(&b, status, 0);
	if (ansi)
		fprintf(out, "%s%s%s", ansi, buf_str(&b), OUTPUT_ANSI_RESET);
	else
		fputs(buf_str(&b), out);
	buf_free(&b);
}

/* One row of `recorder` or `enable`: what came back for one account. */
static json_t *
output_result_json(const struct output_result *res, bool with_outcome)
{
	json_t *o;
	if (res->recorder) {
		o = output_recorder_json(res->account, res->name, res->recorder);
	} else {
		o = json_object();
		if (res->account)
			json_object_set_new(o, "AccountId",
				output_json_id(res->account));
		if (res->name)
			json_object_set_new(o, "AccountName",
				output_json_str(res->name));
		json_object_set_new(o, "ConfigurationRecorderStatus",
			json_null());
	}
	if (with_outcome)
		json_object_set_new(o, "Outcome",
			json_string(outcome_name(res->outcome)));
	bool failed = res->err && res->err->kind != ERR_NONE;
	if (failed) {
		json_object_set_new(o, "Code", output_json_str(
			res->err->code[0] ? res->err->code :
			err_kind_name(res->err->kind)));
		json_object_set_new(o, "Message",
			output_json_str(res->err->message));
	}
	const char *rid = res->recorder ? res->recorder->request_id :
		failed ? res->err->request_id : "";
	if (rid[0])
		json_object_set_new(o, "RequestId", output_json_str(rid));
	return o;
}

/* items: struct output_result[] */
static json_t *
output_recorder_item(const void *items, size_t i)
{
	return output_result_json((const struct output_result *)items + i,
		false);
}

static json_t *
output_enable_item(const void *items, size_t i)
{
	return output_result_json((const struct output_result *)items + i,
		true);
}

static const char *
output_result_code(const struct output_result *res)
{
	if (!res->err || res->err->kind == ERR_NONE)
		return NULL;
	return res->err->code[0] ? res->err->code :
		err_kind_name(res->err->kind);
}

static void
output_types_text(struct buf *types, const struct recorder *r)
{
	for (size_t i = 0; r && i < r->ntypes; i++) {
		if (i)
			buf_putc(types, ';');
		buf_puts(types, r->resource_types[i] ? r->resource_types[i] : "");
	}
}

static const char *
output_recorder_table_color(size_t col, const char *cell)
{
	return col == 1 ? output_status_color(cell) : NULL;
}

int
output_recorders(FILE *out, enum output_format fmt, bool color,
	const struct output_result *res, size_t n, bool as_list,
	struct err *e)
{
	if (fmt == OUTPUT_JSON) {
		if (as_list)
			return output_json_array(out, res, n,
				output_recorder_item, e);
		return n ? output_json_object(out,
			output_result_json(&res[0], false), e) :
			output_finish(out, e);
	}
	if (fmt == OUTPUT_CSV) {
		static const char *const head[] = {
			"AccountId", "AccountName", "ConfigurationRecorderStatus",
			"ResourceTypes", "Code",
		};
		/* The Code column only where a row can fail. */
		size_t ncols = as_list ? 5 : 4;
		if (output_csv_row(out, head, ncols, e) < 0)
			return -1;
		for (size_t i = 0; i < n; i++) {
			char id[24] = "";
			struct buf types = BUF_INIT;
			if (res[i].account)
				snprintf(id, sizeof(id), "%" PRId64, res[i].account);
			output_types_text(&types, res[i].recorder);
			const char *row[] = {
				id, res[i].name, res[i].recorder ?
				output_recorder_status(res[i].recorder) : NULL,
				buf_str(&types), output_result_code(&res[i]),
			};
			int rc = output_csv_row(out, row, ncols, e);
			buf_free(&types);
			if (rc < 0)
				return -1;
		}
		return output_finish(out, e);
	}
	if (as_list) {
		static const char *const head[] = {
			"ACCOUNT ID", "RECORDER", "RESOURCE TYPES",
		};
		struct output_table *t = output_table_new(3, head);
		output_table_set_right_align(t, 2);
		for (size_t i = 0; i < n; i++) {
			char id[24] = "", count[24] = "";
			snprintf(id, sizeof(id), "%" PRId64, res[i].account);
			if (res[i].recorder)
				snprintf(count, sizeof(count), "%zu",
					res[i].recorder->ntypes);
			const char *row[] = {
				id, res[i].recorder ?
				output_recorder_status(res[i].recorder) :
				output_result_code(&res[i]), count,
			};
			output_table_add(t, row);
		}
		return output_table_finish(t, out,
			color ? output_recorder_table_color : NULL, e);
	}
	if (!n || !res[0].recorder)
		return output_finish(out, e);
	const struct recorder *r = res[0].recorder;
	struct buf label = BUF_INIT;
	output_account_label(&label, res[0].account, res[0].name);
	fprintf(out, "Account:         %s\n", buf_str(&label));
	fputs("Recorder status: ", out);
	output_colored(out, color, output_recorder_status(r));
	fputc('\n', out);
	fprintf(out, "Resource types:  %zu\n", r->ntypes);
	for (size_t i = 0; i < r->ntypes; i++) {
		buf_reset(&label);
		text_safe(&label, r->resource_types[i], 0);
		fprintf(out, "  %s\n", buf_str(&label));
	}
	buf_free(&label);
	return output_finish(out, e);
}

int
output_enable(FILE *out, enum output_format fmt, bool color,
	const struct output_result *res, size_t n, bool as_list,
	struct err *e)
{
	if (fmt == OUTPUT_JSON) {
		if (as_list)
			return output_json_array(out, res, n,
				output_enable_item, e);
		return n ? output_json_object(out,
			output_result_json(&res[0], true), e) :
			output_finish(out, e);
	}
	if (fmt == OUTPUT_CSV) {
		static const char *const head[] = {
			"AccountId", "AccountName", "ConfigurationRecorderStatus",
			"Outcome", "Code",
		};
		if (output_csv_row(out, head, 5, e) < 0)
			return -1;
		for (size_t i = 0; i < n; i++) {
			char id[24] = "";
			if (res[i].account)
				snprintf(id, sizeof(id), "%" PRId64, res[i].account);
			const char *row[] = {
				id, res[i].name, res[i].recorder ?
				output_recorder_status(res[i].recorder) : NULL,
				outcome_name(res[i].outcome),
				output_result_code(&res[i]),
			};
			if (output_csv_row(out, row, 5, e) < 0)
				return -1;
		}
		return output_finish(out, e);
	}
	/* "dev-sandbox (1000000000000010): started (BUILDING)" */
	for (size_t i = 0; i < n; i++) {
		struct buf label = BUF_INIT;
		output_account_label(&label, res[i].account, res[i].name);
		fprintf(out, "%s: %s (", buf_str(&label),
			outcome_name(res[i].outcome));
		if (res[i].recorder && res[i].recorder->answer_lost)
			fputs("answer lost; now ", out);
		if (res[i].recorder) {
			output_colored(out, color,
				output_recorder_status(res[i].recorder));
		} else {
			buf_reset(&label);
			text_safe(&label, output_result_code(&res[i]), 0);
			fputs(buf_str(&label), out);
		}
		fputs(")\n", out);
		buf_free(&label);
	}
	return output_finish(out, e);
}
