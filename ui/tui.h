/* tui: the state shared by the curses front end's modules.
 *
 * One thread (the UI thread) owns everything here and is the only one that
 * calls curses; the worker thread is reached through worker.h only. Views
 * follow tig: each has a view_ops table (draw, action) in its own file. */
#ifndef ALICFG_UI_TUI_H
#define ALICFG_UI_TUI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <wchar.h>

#include "app.h"
#include "cred.h"
#include "options.h"
#include "store.h"
#include "worker.h"

/* ---- actions (actions.def) ---------------------------------------------- */

enum action {
#define ACTION(id, name, keys, write, hint, help) ACT_##id,
#include "actions.def"
#undef ACTION
	ACT_COUNT,
	ACT_NONE = ACT_COUNT,
};

struct action_info {
	const char *name;
	const char *keys;     /* "j Down" */
	bool write;
	bool hint;
	const char *help;
};
extern const struct action_info action_table[ACT_COUNT];

/* keys.c */
void keys_init(void);
/* is_code: get_wch returned KEY_CODE_YES. */
enum action keys_lookup(bool is_code, wint_t ch);
/* "j, Down" for display. */
void keys_describe(enum action a, char *out, size_t outsz);
/* The key list as man-page (roff) text, for `alicfg --keys-man`. */
void keys_print_man(FILE *out);

/* ---- views -------------------------------------------------------------- */

enum view_id { VIEW_MAIN = 0, VIEW_DETAIL, VIEW_LOG, VIEW_HELP, VIEW_COUNT };

struct tui;
struct view_ops {
	const char *name;
	void (*draw)(struct tui *t);
	/* true when handled; unhandled actions fall to the global ones */
	bool (*action)(struct tui *t, enum action a);
};
extern const struct view_ops view_main_ops;
extern const struct view_ops view_detail_ops;
extern const struct view_ops view_log_ops;
extern const struct view_ops view_help_ops;

enum dialog_kind { DIALOG_NONE = 0, DIALOG_CONFIRM_ENABLE, DIALOG_PROFILE };

enum status_level { STATUS_INFO = 0, STATUS_ERROR };

struct tui {
	struct options *opts;
	/* the controller: connection, store, worker, refresh, enable flow */
	struct app *app;
	struct store *store;      /* app_store(app), for the views */
	bool readonly;
	bool color;

	/* screen */
	int rows;
	int cols;
	bool too_small;
	bool dirty;
	enum view_id view;
	enum view_id back_view;  /* where Esc from help returns */
	enum store_pane focus;
	int page_rows;           /* data rows in a pane, for PgUp/PgDn */

	/* filter prompt */
	bool prompt;
	char prompt_buf[128];

	/* status line */
	char status[1024];
	enum status_level status_level;

	/* detail view: what it shows, live */
	enum store_pane detail_kind;
	char detail_group[128];
	int64_t detail_account;
	int detail_top;

	/* request log ring (view_log.c) */
	struct worker_log *log;
	size_t log_cap;
	size_t log_len;
	size_t log_head;         /* index of the oldest entry */
	int log_top;
	int help_top;

	/* dialogs */
	enum dialog_kind dialog;
	struct app_enable_plan plan;   /* what the enable confirm names */
	char **profiles;         /* the picker's list */
	int nprofiles;
	int dialog_cursor;

	/* timers and animation */
	int spinner;
	long long spinner_due_ms;

	/* benchmark hook: ALICFG_BENCH_LOG */
	FILE *bench;
	long long start_ms;
	bool first_frame_done;
	long long key_ms;        /* when the last key arrived; 0 = none */

	bool quit;
};

/* tui.c */
int tui_main(struct options *o);
long long tui_now_ms(void);
void tui_status(struct tui *t, enum status_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_status_err(struct tui *t, const char *what, const struct err *e);
void tui_set_view(struct tui *t, enum view_id v);

/* draw.c */
void draw_screen(struct tui *t);
/* Text at (y, x) cut/padded to exactly `cols` columns. */
void draw_text(int y, int x, int cols, const char *s, int attr);
void draw_text_right(int y, int x, int cols, const char *s, int attr);
void draw_fill(int y, int x, int cols, int attr);
void draw_vline(int y, int x, int h, int attr);
void draw_box(int y, int x, int h, int w, int attr);
const char *draw_spinner_frame(int frame);
/* A pane's title line: " label (shown)", or " label (shown of total)
 * filter: F" while `filter` is set; reversed when the pane has the focus. */
void draw_pane_title(int y, int x, int w, bool focused, const char *label,
	size_t shown, const char *filter, size_t total);
/* Clear a pane's row in the attribute it is drawn in (the cursor row
 * stands out, less so when the pane has no focus) and return that. */
int draw_pane_row(const struct store_view *v, size_t row, bool focused,
	int y, int x, int w);
/* Hand an action to the current view. */
bool draw_view_action(struct tui *t, enum action a);
const struct view_ops *draw_view_ops(enum view_id v);

/* view_main.c: column layout shared by the panes */
struct column {
	int col;          /* store column, or -1 for none */
	int width;        /* wanted width (the flex column: its minimum) */
	bool flex;        /* takes what is left */
	bool right;       /* right-aligned */
	int prio;         /* hidden first when narrow: higher number */
	int min;          /* > 0: may shrink to this before it is hidden */
	bool shown;       /* set by columns_layout */
	int x;            /* set by columns_layout, relative to the pane */
	int w;            /* set by columns_layout: the width given */
};
/* Decide which columns fit in `width` (after a gutter) and where. */
void columns_layout(struct column *c, int n, int gutter, int width);
void columns_header(struct tui *t, enum store_pane pane,
	const struct column *c, int n, int y, int x, int gutter);

/* view_groups.c, view_accounts.c: the two panes of the main view */
void pane_groups_draw(struct tui *t, int y, int x, int h, int w);
void pane_members_draw(struct tui *t, int y, int x, int h, int w);
/* Keep the cursor inside the drawn rows. */
void pane_scroll(struct store_view *v, int h);

/* view_log.c */
void log_add(struct tui *t, const struct worker_log *entry);
void log_free(struct tui *t);

/* view_detail.c */
void detail_open(struct tui *t);

/* dialog.c */
void dialog_draw(struct tui *t);
/* true when the dialog took the key */
bool dialog_key(struct tui *t, bool is_code, wint_t ch);
void dialog_close(struct tui *t);
void dialog_open_profiles(struct tui *t);

/* dialog.c: `e` asks the controller for a plan and confirms it */
void dialog_open_enable(struct tui *t);

/* export.c */
void export_pane(struct tui *t);

/* theme.c */
enum theme_slot {
	THEME_TITLE = 0,
	THEME_HEADER,
	THEME_CURSOR,          /* cursor row, focused pane */
	THEME_CURSOR_IDLE,     /* cursor row, other pane */
	THEME_MARK,
	THEME_OK,              /* REGISTERED */
	THEME_BUSY,            /* BUILDING, REBUILDING, starting */
	THEME_BAD,             /* REGISTRABLE */
	THEME_ERROR,           /* error marker, error status */
	THEME_DIM,             /* disabled (read-only) */
	THEME_READONLY,
	THEME_BAR_FULL,
	THEME_BAR_EMPTY,
	THEME_DIALOG,
	THEME_COUNT,
};
void theme_init(bool color);
int theme_attr(enum theme_slot slot);
/* The attribute of a recorder status / enable state cell. */
int theme_status_attr(const struct store_account *a);

#endif
