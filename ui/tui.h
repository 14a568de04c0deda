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
#include "app_directory.h"
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
	int write;            /* 1: a write; 2: a destructive one */
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
struct view;
/* Like tig's: each view keeps its own state (state_size bytes, zeroed when
 * the screen starts, released by done) and gets the keys first. */
struct view_ops {
	const char *name;
	size_t state_size;
	void (*draw)(struct tui *t, struct view *v);
	/* true when handled; unhandled actions fall to the global ones */
	bool (*action)(struct tui *t, struct view *v, enum action a);
	void (*done)(struct view *v);   /* may be NULL */
};
struct view {
	enum view_id id;
	const struct view_ops *ops;
	void *state;
};
extern const struct view_ops view_main_ops;
extern const struct view_ops view_detail_ops;
extern const struct view_ops view_log_ops;
extern const struct view_ops view_help_ops;

/* One list navigation for every view: where a move action (down, up, top,
 * bottom, page down/up) takes position `pos` in `n` rows with `page` rows
 * per page. false when `a` is not a move. */
bool nav_move(enum action a, long pos, long n, long page, long *out);

/* Context key tables: the keys of a dialog or prompt, written like the
 * keys of actions.def ("y Y", "Esc q", "C-u", "Backspace"). */
struct key_binding {
	const char *keys;
	int id;
};
/* The id of the first binding that has this key, or -1. */
int keys_match(const struct key_binding *table, size_t n, bool is_code,
	wint_t ch);

enum dialog_kind {
	DIALOG_NONE = 0, DIALOG_CONFIRM_ENABLE, DIALOG_PROFILE,
	DIALOG_CONFIRM_STOP,     /* dialog_stop.c */
};

enum status_level { STATUS_INFO = 0, STATUS_ERROR };

struct tui {
	struct options *opts;
	/* the controller: connection, store, worker, refresh, enable flow */
	struct app *app;
	struct store *store;      /* app_store(app), for the views */
	struct app_directory *dir; /* the Directory entry (app_directory.h) */
	bool readonly;
	bool color;

	/* screen */
	int rows;
	int cols;
	bool too_small;
	bool dirty;
	struct view views[VIEW_COUNT];
	enum view_id view;
	enum view_id back_view;  /* where Esc from help returns */
	enum store_pane focus;   /* the main view's focused pane */
	unsigned pane_shown[STORE_NPANES]; /* columns drawn: 1 << store col */

	/* filter prompt */
	bool prompt;
	char prompt_buf[128];

	/* status line */
	char status[1024];
	enum status_level status_level;

	/* the dialog over the view (dialog.c) */
	enum dialog_kind dialog;
	struct dialog_state *dlg;

	/* timers and animation */
	int spinner;
	long long spinner_due_ms;

	/* benchmark hook: ALICFG_BENCH_LOG */
	FILE *bench;
	long long start_ms;
	bool first_frame_done;
	long long key_ms;        /* when the last key arrived; 0 = none */

	bool quit;

	/* the stop confirm (dialog_stop.c) */
	struct stop_dialog *stop_dlg;

	/* change tracking (watch_ui.c) */
	struct watch *watch;
	bool changed_only;       /* the members pane keeps changed rows only */
};

/* tui.c */
int tui_main(struct options *o);
long long tui_now_ms(void);
void tui_status(struct tui *t, enum status_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_status_err(struct tui *t, const char *what, const struct err *e);
void tui_set_view(struct tui *t, enum view_id v);
struct view *tui_view(struct tui *t, enum view_id v);

/* draw.c */
void draw_screen(struct tui *t);
/* Text at (y, x) cut/padded to exactly `cols` columns. */
void draw_text(int y, int x, int cols, const char *s, int attr);
void draw_text_right(int y, int x, int cols, const char *s, int attr);
void draw_fill(int y, int x, int cols, int attr);
void draw_vline(int y, int x, int h, int attr);
void draw_box(int y, int x, int h, int w, int attr);
const char *draw_spinner_frame(int frame);
/* Hand an action to the current view. */
bool draw_view_action(struct tui *t, enum action a);
/* Draw view `v` (the help draws the view under it first). */
void draw_view(struct tui *t, enum view_id v);

/* pane.c: the one row drawer of the list panes */
struct column {
	int col;          /* store column, or -1 for none */
	int width;        /* wanted width (the flex column: its minimum) */
	bool flex;        /* takes what is left */
	bool right;       /* right-aligned */
	int prio;         /* hidden first when narrow: higher number; 0 never */
	int min;          /* > 0: may shrink to this before it is hidden */
	bool shown;       /* set by pane_layout */
	int x;            /* set by pane_layout, relative to the pane */
	int w;            /* set by pane_layout: the width given */
};
/* Decide which columns fit in `width` (after a gutter) and where. */
void pane_layout(struct column *c, int n, int gutter, int width);
/* Keep the cursor inside the drawn rows. */
void pane_scroll(struct store_view *v, int h);
/* What a pane shows; pane_draw does the title, header, scrolling, empty
 * message, cursor row and cells. */
struct pane {
	enum store_pane id;
	const char *label;       /* "GROUPS", "MEMBERS of X" */
	size_t total;            /* rows before the filter */
	const char *filter;
	struct column *cols;
	int ncols;
	int gutter;              /* marker columns before the first cell */
	const char *empty;       /* shown when there is no row */
	/* the row's object, NULL to skip it */
	void *(*item)(struct tui *t, size_t row);
	/* marker characters in the gutter */
	void (*marks)(struct tui *t, void *item, int y, int x, int attr);
	/* the cell's text, adding to *attr; false: it drew the cell itself */
	bool (*cell)(struct tui *t, void *item, const struct column *c,
		int y, int x, int *attr, char *out, size_t outsz);
};
void pane_draw(struct tui *t, const struct pane *p, int y, int x, int h,
	int w);

/* view_groups.c, view_accounts.c: the two panes of the main view */
void view_groups_draw(struct tui *t, int y, int x, int h, int w);
void view_accounts_draw(struct tui *t, int y, int x, int h, int w);

/* view_log.c */
void view_log_add(struct tui *t, const struct worker_log *entry);

/* view_detail.c */
void view_detail_open(struct tui *t);

/* dialog.c */
void dialog_draw(struct tui *t);
/* true when the dialog took the key */
bool dialog_key(struct tui *t, bool is_code, wint_t ch);
void dialog_close(struct tui *t);
void dialog_open_profiles(struct tui *t);

/* dialog.c: `e` asks the controller for a plan and confirms it */
void dialog_open_enable(struct tui *t);

/* watch_ui.c */
struct watch_entry;
void watch_ui_start(struct tui *t);
void watch_ui_done(struct tui *t);
/* Every result, after the controller merged it. */
void watch_ui_result(struct tui *t, const struct worker_result *r);
void watch_ui_toggle_changed(struct tui *t);
/* NULL when the account was never seen. */
const struct watch_entry *watch_ui_entry(struct tui *t, int64_t id);
time_t watch_ui_baseline_time(struct tui *t);

/* dialog_stop.c: `S` asks the controller for a plan; the operator types
 * the number of accounts to confirm */
void dialog_open_stop(struct tui *t);
void dialog_stop_draw(struct tui *t);
bool dialog_stop_key(struct tui *t, bool is_code, wint_t ch);
void dialog_stop_close(struct tui *t);

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
