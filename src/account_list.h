/* account_list: the accounts a command acts on, from repeated --account
 * flags and --accounts-from files (one id per line, '#' starts a comment,
 * blank lines ignored; "-" is standard input). Duplicates are dropped, the
 * first occurrence keeps its place, so a file and flags can overlap. */
#ifndef ALICFG_ACCOUNT_LIST_H
#define ALICFG_ACCOUNT_LIST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

/* More than any real directory (a management account has at most a few
 * thousand members); a bigger file is a mistake, not a workload. */
#define ACCOUNT_LIST_MAX 100000

struct account_list {
	int64_t *ids;
	size_t count;
	size_t cap;
};

/* An account id as the CLI accepts it: 1-20 digits, fits int64, not 0.
 * ERR_USAGE naming `what` ("--account", "ids.txt:3") otherwise. */
int account_list_parse_id(const char *s, const char *what, int64_t *out,
	struct err *e);
/* Add one id given as text (a flag's value). */
int account_list_add_text(struct account_list *l, const char *s,
	const char *what, struct err *e);
/* Add every id of a file's text; `source` names it in errors
 * ("ids.txt:3: 'x' is not an account id"). */
int account_list_add_lines(struct account_list *l, const char *text,
	size_t len, const char *source, struct err *e);
/* Read `path` ("-": stdin) and add its ids. */
int account_list_add_file(struct account_list *l, const char *path,
	struct err *e);
void account_list_free(struct account_list *l);

#endif
