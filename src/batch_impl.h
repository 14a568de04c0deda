/* batch_impl.h: what batch.c shares with the commands kept in their own
 * files (cmd_stop.c, cmd_diff.c, cmd_check.c). Not a public header. */
#ifndef ALICFG_BATCH_IMPL_H
#define ALICFG_BATCH_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "options.h"
#include "session.h"

struct batch {
	struct options *o;
	struct session session;   /* credentials, endpoints, api config */
	bool have_session;
	struct api_client *client;
	bool color;
	int rc;                   /* worst exit code so far */
	/* results of the calls in flight */
	struct aggregator_list *list;
	struct err list_err;
	struct aggregator_detail **details;  /* one per group, by list index */
	size_t ndetails;
	struct recorder *recorder;
	struct err call_err;
};

struct batch_group_call {
	struct batch *b;
	size_t index;
};

/* "alicfg: CONTEXT: error" on stderr, secrets scrubbed; raises b->rc. */
void batch_print_err(struct batch *b, const char *context,
	const struct err *e);
/* api callbacks filling b->list / b->list_err, b->details[index] (errors
 * printed), b->details[0] / b->call_err, b->recorder / b->call_err. */
void batch_on_list(void *ctx, const struct err *e,
	struct aggregator_list *list);
void batch_on_group(void *ctx, const struct err *e,
	struct aggregator_detail *d);
void batch_on_one_group(void *ctx, const struct err *e,
	struct aggregator_detail *d);
void batch_on_recorder(void *ctx, const struct err *e, struct recorder *r);
const char *batch_member_status(const struct member *m);
/* A recorder's status name; the raw text when it is not a known one. */
const char *batch_status_name(const struct recorder *r);
/* The account's name from the directory-wide group, or NULL. */
char *batch_lookup_name(struct batch *b, int64_t *account);
/* Asks QUESTION [y/N] on stderr, reads stdin: true for y / yes. */
bool batch_confirm(const char *question);

/* batch_load.c. Every group and its members into b->list / b->details;
 * 0 when every call succeeded (errors are printed, b->rc raised). */
int batch_load_all(struct batch *b);
struct snapshot;
/* A snapshot of a complete load; -1 when a group is missing. */
int batch_snapshot_build(struct batch *b, struct snapshot *s);
/* Save it (keep_snapshots); a failure is a warning on stderr only. */
int batch_snapshot_save(struct batch *b, const struct snapshot *s,
	char *name_out, size_t name_outsz);
/* Build and save when the load was complete; nothing otherwise. */
void batch_snapshot_after_load(struct batch *b);

/* The commands in their own files. Each returns b->rc. */
int cmd_stop(struct batch *b);
int cmd_diff(struct batch *b);
int cmd_check(struct batch *b);
/* cmd_directory.c */
int cmd_directory(struct batch *b);
int cmd_coverage(struct batch *b);
int cmd_enable_dry_run(struct batch *b);
/* After a call as `account` failed: why alicfg cannot act there and how to
 * fix it, on stderr ("alicfg: hint: ..."), when the cause is access. */
void cmd_access_hint(struct batch *b, int64_t account, const struct err *e);

#endif
