/* output: what the batch commands print, as an aligned table, JSON or CSV,
 * plus the CSV writer the TUI's export uses.
 *
 * Pure: everything is written to the FILE* given; no network, no options,
 * no terminal queries (the caller says whether to colour). Text from the
 * network is untrusted: every cell goes through text.h (controls and bidi
 * overrides escaped, CSV formulas neutralised), so a hostile account name
 * can drive neither a terminal nor a spreadsheet. JSON keeps the API's
 * field names and types (ids as integers); CSV follows RFC 4180 (CRLF line
 * ends, fields quoted when they need it). */
#ifndef ALICFG_OUTPUT_H
#define ALICFG_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "err.h"
#include "model.h"
#include "outcome.h"
#include "options.h"

/* Widest a name may be in a table before it is cut with an ellipsis. */
#define OUTPUT_NAME_MAX_COLS 40

/* --- a generic aligned table --- */

struct output_table;

/* ANSI colour sequence for a cell, or NULL for none. */
typedef const char *(*output_color_fn)(size_t col, const char *cell);

struct output_table *output_table_new(size_t ncols,
	const char *const *headers);
/* Cut a column's cells at max_cols columns (0: never). */
void output_table_set_max_width(struct output_table *t, size_t col,
	size_t max_cols);
void output_table_set_right_align(struct output_table *t, size_t col);
/* Copies the ncols cells; NULL or "" is shown as "-". */
void output_table_add(struct output_table *t, const char *const *cells);
size_t output_table_rows(const struct output_table *t);
/* Two spaces between columns, no trailing blanks. `color` may be NULL. */
int output_table_write(const struct output_table *t, FILE *out,
	output_color_fn color, struct err *e);
void output_table_free(struct output_table *t);

/* --- CSV (RFC 4180) --- */

/* Write one record of n fields (text_csv_field), ended by CRLF. For the TUI's export too.
 * ERR_SYSTEM on a write error. */
int output_csv_row(FILE *out, const char *const *cells, size_t n,
	struct err *e);

/* --- the batch commands' results --- */

/* One member of one group: `accounts` prints one row per pair, so an
 * account in several groups appears once per group. */
struct output_account_row {
	const struct aggregator *group;
	const struct member *member;
};

/* An account id as a JSON string of digits (ids have 16 digits and jq
 * 1.6 rounds integers above 2^53); for every command's JSON. */
struct json_t *output_json_account_id(int64_t id);
/* A JSON string that Jansson accepts even when the text is not UTF-8
 * (invalid bytes become U+FFFD); JSON null for NULL. */
struct json_t *output_json_str(const char *s);

/* Aggregator status as words as "2021-06-07 03:25" UTC; "-" for 0. */
void output_timestamp(int64_t ms, char out[32]);

int output_aggregators(FILE *out, enum output_format fmt, bool color,
	const struct aggregator_list *list, struct err *e);
int output_accounts(FILE *out, enum output_format fmt, bool color,
	const struct output_account_row *rows, size_t n, struct err *e);
/* What one account's `recorder` or `enable` call came to. */
struct output_result {
	int64_t account;              /* 0: the caller's own, not known */
	const char *name;             /* NULL when not known */
	const struct recorder *recorder;  /* NULL when the call failed */
	const struct err *err;        /* NULL or ERR_NONE on success */
	enum outcome outcome;         /* enable only (outcome.h) */
};

/* `recorder`: one account as a block of text or a JSON object, or (as_list:
 * several accounts were asked for) a table, a JSON array, CSV rows with a
 * Code column. */
int output_recorders(FILE *out, enum output_format fmt, bool color,
	const struct output_result *res, size_t n, bool as_list,
	struct err *e);
/* `enable`: one line per account, "NAME (ID): OUTCOME (STATUS or Code)";
 * JSON: an object, or an array when as_list; CSV with Outcome and Code. */
int output_enable(FILE *out, enum output_format fmt, bool color,
	const struct output_result *res, size_t n, bool as_list,
	struct err *e);

#endif
