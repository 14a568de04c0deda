/* store: the TUI's model of account groups and member accounts.
 *
 * Pure data, no curses and no I/O: results from the worker are merged in
 * here (keyed by group id and account id, htop-style mark and sweep), and
 * the two panes read their rows back through a filtered, sorted view that
 * keeps its cursor, marks and filter across every merge.
 *
 * Accounts are shared between groups (one account, one recorder status,
 * one mark), so a group holds indexes into the account table. */
#ifndef ALICFG_STORE_H
#define ALICFG_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"

enum store_pane {
	STORE_GROUPS = 0,
	STORE_MEMBERS,
	STORE_NPANES,
};

/* Visible columns; filter and sort work over exactly these. */
enum store_group_col {
	GROUP_COL_NAME = 0,
	GROUP_COL_TYPE,
	GROUP_COL_STATUS,
	GROUP_COL_MEMBERS,
	GROUP_COL_COVERAGE,
	GROUP_NCOLS,
};

enum store_member_col {
	MEMBER_COL_NAME = 0,
	MEMBER_COL_ID,
	MEMBER_COL_TYPE,
	MEMBER_COL_STATUS,
	MEMBER_COL_ERROR,
	MEMBER_COL_GROUPS,       /* shown for the Directory entry */
	MEMBER_NCOLS,
};

/* Where an account stands in the enable flow. */
enum store_op {
	STORE_OP_NONE = 0,
	STORE_OP_QUEUED,     /* confirmed, StartConfigurationRecorder not sent */
	STORE_OP_STARTING,   /* StartConfigurationRecorder in flight */
	STORE_OP_FOLLOWING,  /* started; polling until REGISTERED */
	STORE_OP_FAILED,     /* the last step failed; see error */
	STORE_OP_STOPPING,   /* StopConfigurationRecorder in flight */
};

struct store_account {
	int64_t id;
	char *name;
	char *type;
	enum recorder_status status;
	char *status_raw;
	char *resource_types;    /* ", "-joined, from the last recorder read */
	bool marked;
	enum store_op op;
	struct err *error;       /* last error, or NULL */
	char *request_id;        /* of the last call that touched it */
	bool seen;               /* sweep flag while a group is merged */
	/* The Directory entry (app_directory.c). */
	int groups;              /* account groups listing it; -1 unknown */
	char *folder_path;       /* directory folders, NULL: not in it */
	char *directory_info;    /* type, member status, join; NULL */
	bool unreachable;        /* alicfg cannot act in it (access) */
};

struct store_group {
	struct aggregator agg;   /* as the API returned it (members aside) */
	size_t *members;         /* indexes into the account table */
	size_t nmembers;
	bool members_loaded;     /* a GetAggregator has answered */
	bool loading;            /* a GetAggregator is in flight */
	struct err *error;       /* last error for this group, or NULL */
	char *request_id;        /* of the last call that touched it */
	int64_t member_cursor;   /* account the members cursor was on */
	bool seen;
	/* The Directory entry: kept when ListAggregators does not name it,
	 * always the first row, not an account group (not counted in
	 * store_account.groups). */
	bool pinned;
};

struct store_view {
	size_t *rows;            /* group indexes, or member slots of the group */
	size_t nrows;
	size_t cap;
	size_t cursor;           /* index into rows */
	size_t top;              /* first row drawn (kept by the UI) */
	char filter[128];        /* live filter, case-insensitive substring */
	char search[128];        /* last filter text, for n/N after Esc */
	int sort_col;
	bool sort_reverse;
};

struct store;

struct store *store_new(void);
void store_free(struct store *s);
/* Forget every group and account (profile or region switch). */
void store_clear(struct store *s);

/* Merging results. Each keeps marks, cursors and filters; call
 * store_view_update(s, STORE_GROUPS) once after a run of merges (the
 * views are rebuilt there, not on every merge, so a burst of results costs
 * one rebuild). */
/* The full group list: groups not in it are dropped, new ones added,
 * existing ones updated in place (their members kept). */
void store_merge_groups(struct store *s, const struct aggregator_list *l);
/* A group's detail: its member list is replaced (accounts keyed by id keep
 * their marks and enable state), its fields refreshed. Unknown group: it is
 * added. */
void store_merge_group_detail(struct store *s,
	const struct aggregator_detail *d);
void store_set_group_loading(struct store *s, const char *group_id,
	bool loading);
/* e == NULL or ERR_NONE clears the group's error. */
void store_set_group_error(struct store *s, const char *group_id,
	const struct err *e);
/* A recorder read for one account (GetConfigurationRecorder or the answer
 * of StartConfigurationRecorder). */
void store_set_recorder(struct store *s, int64_t account,
	const struct recorder *r);
void store_set_account_op(struct store *s, int64_t account,
	enum store_op op);
void store_set_account_error(struct store *s, int64_t account,
	const struct err *e);

/* Lookup. Pointers stay valid until the next merge or clear. */
size_t store_group_count(const struct store *s);
struct store_group *store_group_at(struct store *s, size_t i);
struct store_group *store_group_find(struct store *s, const char *id);
size_t store_account_count(const struct store *s);
struct store_account *store_account_at(struct store *s, size_t i);
struct store_account *store_account_find(struct store *s, int64_t id);
/* The account in slot `slot` of a group's member list. */
struct store_account *store_group_member(struct store *s,
	const struct store_group *g, size_t slot);

/* Coverage: REGISTERED members out of all. Before the members are loaded
 * registered is -1 and total the count ListAggregators gave. */
void store_group_coverage(struct store *s, const struct store_group *g,
	long *registered, long *total);

/* Cell text of a visible column, as drawn, filtered, sorted and exported. */
void store_group_cell(struct store *s, const struct store_group *g,
	int col, char *out, size_t outsz);
void store_member_cell(const struct store_account *a, int col,
	char *out, size_t outsz);
const char *store_column_name(enum store_pane pane, int col);
int store_column_count(enum store_pane pane);
const char *store_op_name(enum store_op op);   /* "starting", "" */

/* Views. The members view shows the group under the groups cursor. */
struct store_view *store_view(struct store *s, enum store_pane pane);
/* Rebuild the rows (filter + sort) and put the cursor back on the row it
 * was on, by id; when that row is gone the cursor keeps its position. */
void store_view_update(struct store *s, enum store_pane pane);
struct store_group *store_view_group(struct store *s, size_t row);
struct store_account *store_view_member(struct store *s, size_t row);
struct store_group *store_selected_group(struct store *s);
struct store_account *store_selected_member(struct store *s);
/* Move by delta rows (clamped). Moving the groups cursor switches the
 * members view to the new group. */
void store_cursor_move(struct store *s, enum store_pane pane, long delta);
void store_cursor_set(struct store *s, enum store_pane pane, size_t row);
void store_set_filter(struct store *s, enum store_pane pane,
	const char *text);
/* Next (dir 1) or previous (-1) row matching the last filter text, with
 * wrap-around. Returns false when no row matches. */
bool store_find_next(struct store *s, enum store_pane pane, int dir);
void store_sort_cycle(struct store *s, enum store_pane pane);
void store_sort_reverse(struct store *s, enum store_pane pane);
/* Does a row match `text` in any visible column? */
bool store_group_matches(struct store *s, const struct store_group *g,
	const char *text);
bool store_member_matches(const struct store_account *a, const char *text);
/* An extra condition on the member rows on top of the filter text (the
 * TUI's "changed only"); NULL removes it. Rebuilds the members view. */
void store_set_member_predicate(struct store *s,
	bool (*keep)(void *ctx, const struct store_account *a), void *ctx);

/* The Directory entry's group: pinned (kept across list answers, first
 * row). NULL when there is none. */
struct store_group *store_pinned_group(struct store *s);
void store_set_group_pinned(struct store *s, const char *group_id);
/* Drop a pinned group (its accounts stay while other groups list them). */
void store_remove_group(struct store *s, const char *group_id);
/* Have all account groups (not the pinned one) got their members? */
bool store_groups_loaded(const struct store *s);

/* Marks (on accounts, so they show in every group). */
void store_toggle_mark(struct store *s, int64_t account);
size_t store_marked_count(const struct store *s);
/* Marked account ids, in account-table order; caller frees. */
size_t store_marked_ids(const struct store *s, int64_t **ids);
void store_clear_marks(struct store *s);

#endif
