/* tui: connecting, the main loop, and routing results and keys.
 *
 * The loop blocks in poll() on the keyboard, the worker's wake-up fd and a
 * signal pipe; its timeout is the next due timer (auto refresh, a recorder
 * poll, the spinner while something is in flight, the refresh age in the
 * title), so an idle screen costs nothing. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "endpoint.h"
#include "text.h"
#include "tui.h"

#define SPINNER_MS 120
#define DEFAULT_POLL_MS 3000

static int signal_pipe[2] = {-1, -1};
static bool curses_on;

long long
tui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
tui_status(struct tui *t, enum status_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof(t->status), fmt, ap);
	va_end(ap);
	t->status_level = level;
	t->dirty = true;
}

void
tui_status_err(struct tui *t, const char *what, const struct err *e)
{
	char text[1024];
	app_format_err(what, e, text, sizeof(text));
	tui_status(t, STATUS_ERROR, "%s", text);
}

void
tui_set_view(struct tui *t, enum view_id v)
{
	t->view = v;
	t->dirty = true;
}

struct view *
tui_view(struct tui *t, enum view_id v)
{
	return &t->views[v];
}

static const struct view_ops *const view_table[VIEW_COUNT] = {
	[VIEW_MAIN] = &view_main_ops,
	[VIEW_DETAIL] = &view_detail_ops,
	[VIEW_LOG] = &view_log_ops,
	[VIEW_HELP] = &view_help_ops,
};

static void
views_start(struct tui *t)
{
	for (int i = 0; i < VIEW_COUNT; i++) {
		t->views[i].id = (enum view_id)i;
		t->views[i].ops = view_table[i];
		t->views[i].state = xcalloc(1, view_table[i]->state_size ?
			view_table[i]->state_size : 1);
	}
}

static void
views_done(struct tui *t)
{
	for (int i = 0; i < VIEW_COUNT; i++) {
		if (t->views[i].ops && t->views[i].ops->done)
			t->views[i].ops->done(&t->views[i]);
		free(t->views[i].state);
		t->views[i].state = NULL;
	}
}

/* ---- what the controller tells ------------------------------------------ */

static void
on_app_status(void *ctx, enum app_level level, const char *text)
{
	tui_status(ctx, level == APP_ERROR ? STATUS_ERROR : STATUS_INFO, "%s",
		text);
}

static void
on_app_log(void *ctx, const struct worker_log *entry)
{
	view_log_add(ctx, entry);
}

static void
on_app_result(void *ctx, const struct worker_result *r)
{
	struct tui *t = ctx;
	watch_ui_result(t, r);
	t->dirty = true;
}

static void
on_app_warn(void *ctx, const char *message)
{
	struct tui *t = ctx;
	if (curses_on) {
		tui_status(t, STATUS_ERROR, "warning: %s", message);
	} else {
		char line[1200];
		snprintf(line, sizeof(line), "alicfg: warning: %s", message);
		text_put_line(stderr, line);
	}
}

/* Results are routed in batches, so a flood costs one view rebuild per
 * batch and keys stay responsive; the rest waits for the next pass. */
#define DRAIN_LIMIT 256

/* ---- keys --------------------------------------------------------------- */

/* The filter prompt's keys (a context key table, like actions.def);
 * anything else printable is typed in. */
enum prompt_key_id {
	PK_QUIT, PK_CANCEL, PK_ACCEPT, PK_ERASE, PK_CLEAR, PK_UP, PK_DOWN,
};
static const struct key_binding prompt_keys[] = {
	{"C-c", PK_QUIT},
	{"Esc", PK_CANCEL},
	{"Enter", PK_ACCEPT},
	{"Backspace", PK_ERASE},
	{"C-u", PK_CLEAR},
	{"Up", PK_UP},
	{"Down", PK_DOWN},
};

static void
prompt_key(struct tui *t, bool is_code, wint_t ch)
{
	size_t len = strlen(t->prompt_buf);
	switch (keys_match(prompt_keys, sizeof(prompt_keys) /
	    sizeof(prompt_keys[0]), is_code, ch)) {
	case PK_QUIT:
		t->quit = true;
		return;
	case PK_CANCEL:
		t->prompt = false;
		store_set_filter(t->store, t->focus, "");
		break;
	case PK_ACCEPT:
		t->prompt = false;
		return;
	case PK_ERASE:
		while (len > 0) {
			len--;
			/* drop a whole UTF-8 sequence */
			if (((unsigned char)t->prompt_buf[len] & 0xc0) != 0x80)
				break;
		}
		t->prompt_buf[len] = '\0';
		break;
	case PK_CLEAR:
		t->prompt_buf[0] = '\0';
		break;
	case PK_UP:
	case PK_DOWN:
		store_cursor_move(t->store, t->focus, ch == KEY_UP ? -1 : 1);
		break;
	default:
		if (is_code || ch < 32)
			return;
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		size_t n = wcrtomb(mb, (wchar_t)ch, &st);
		if (n != (size_t)-1 && len + n < sizeof(t->prompt_buf)) {
			memcpy(t->prompt_buf + len, mb, n);
			t->prompt_buf[len + n] = '\0';
		}
		break;
	}
	store_set_filter(t->store, t->focus, t->prompt_buf);
	if (t->focus == STORE_GROUPS) {
		struct store_group *g = store_selected_group(t->store);
		if (g && !g->members_loaded)
			app_load_group(t->app, g, true);
	}
}

static void
switch_region(struct tui *t)
{
	const struct app_conn *c = app_conn(t->app);
	const char *other = endpoint_other_region(c->region);
	struct err e;
	err_clear(&e);
	if (!other) {
		tui_status(t, STATUS_ERROR, "no other Config site for %s",
			c->region);
		return;
	}
	char to[32], old_url[sizeof(c->endpoint)], prof[sizeof(c->cred_profile)];
	snprintf(to, sizeof(to), "%s", other);
	snprintf(old_url, sizeof(old_url), "%s", c->endpoint);
	snprintf(prof, sizeof(prof), "%s", c->cred_profile);
	if (app_connect(t->app, prof[0] ? prof : NULL, to, &e) < 0) {
		tui_status_err(t, "switching region", &e);
		return;
	}
	t->dirty = true;
	app_refresh(t->app);
	/* the same URL for both regions: --endpoint or the variable set it */
	const char *fixed = NULL;
	if (!strcmp(old_url, c->endpoint))
		fixed = t->opts->endpoint && t->opts->endpoint[0] ?
			"--endpoint" : "ALIBABA_CLOUD_ENDPOINT";
	tui_status(t, STATUS_INFO, "region %s (%s)%s%s", c->region, c->host,
		fixed ? "; the endpoint is fixed by " : "", fixed ? fixed : "");
}

static void
global_action(struct tui *t, enum action a)
{
	switch (a) {
	case ACT_QUIT:
		t->quit = true;
		return;
	case ACT_HELP:
		if (t->view == VIEW_HELP) {
			tui_set_view(t, t->back_view);
		} else {
			t->back_view = t->view;
			tui_set_view(t, VIEW_HELP);
		}
		return;
	case ACT_LOG:
		tui_set_view(t, t->view == VIEW_LOG ? VIEW_MAIN : VIEW_LOG);
		return;
	case ACT_BACK:
		tui_set_view(t, VIEW_MAIN);
		return;
	case ACT_REFRESH:
		if (app_listing(t->app)) {
			tui_status(t, STATUS_INFO, "a refresh is already running");
			return;
		}
		app_refresh(t->app);
		tui_status(t, STATUS_INFO, "refreshing");
		return;
	case ACT_PAUSE:
		app_set_paused(t->app, !app_paused(t->app));
		tui_status(t, STATUS_INFO, app_paused(t->app) ?
			"auto refresh paused (p resumes, r refreshes now)" :
			"auto refresh every %ds", app_refresh_interval_s(t->app));
		return;
	case ACT_PROFILE:
		dialog_open_profiles(t);
		return;
	case ACT_REGION:
		switch_region(t);
		return;
	default:
		tui_status(t, STATUS_INFO, "%s: not available in this view",
			action_table[a].name);
		return;
	}
}

/* Below the minimum size only quitting works. */
static const struct key_binding too_small_keys[] = {
	{"q C-c", 0},
};

static void
handle_key(struct tui *t, bool is_code, wint_t ch)
{
	t->dirty = true;
	if (is_code && ch == KEY_RESIZE)
		return;
	if (!t->key_ms)
		t->key_ms = tui_now_ms();
	if (t->too_small) {
		if (keys_match(too_small_keys, 1, is_code, ch) == 0)
			t->quit = true;
		return;
	}
	if (t->prompt) {
		prompt_key(t, is_code, ch);
		return;
	}
	if (t->dialog != DIALOG_NONE) {
		dialog_key(t, is_code, ch);
		return;
	}
	/* an error stays until the next action */
	t->status[0] = '\0';
	enum action a = keys_lookup(is_code, ch);
	if (a == ACT_NONE)
		return;
	/* Read-only is decided here, once, for every view and every write
	 * action (actions.def's write flag); the core refuses writes too. */
	if (action_table[a].write && t->readonly) {
		tui_status(t, STATUS_ERROR, "read-only mode (--readonly or "
			"readonly = yes in the config file): %s is disabled",
			action_table[a].name);
		return;
	}
	if (draw_view_action(t, a))
		return;
	global_action(t, a);
}

static void
read_keys(struct tui *t)
{
	wint_t ch;
	int rc;
	while (!t->quit && (rc = get_wch(&ch)) != ERR)
		handle_key(t, rc == KEY_CODE_YES, ch);
}

/* ---- the loop ----------------------------------------------------------- */

static void
on_signal(int sig)
{
	char c = (char)sig;
	ssize_t n = write(signal_pipe[1], &c, 1);
	(void)n;
}

static void
install_signals(void)
{
	if (pipe2(signal_pipe, O_NONBLOCK | O_CLOEXEC) < 0)
		return;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static long long
min_due(long long a, long long b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

/* Run what is due; return when the loop must wake next (0: never). */
static long long
run_timers(struct tui *t, long long now)
{
	long long next = app_tick(t->app, now);
	if (app_busy(t->app)) {
		if (now >= t->spinner_due_ms) {
			t->spinner++;
			t->spinner_due_ms = now + SPINNER_MS;
			t->dirty = true;
		}
		next = min_due(next, t->spinner_due_ms);
	}
	/* the title's "refreshed Ns ago": each second, then each minute */
	long long last = app_last_refresh(t->app);
	if (last) {
		long long age = now - last;
		long long step = age < 60000 ? 1000 : 60000;
		long long due = last + (age / step + 1) * step;
		next = min_due(next, due);
	}
	return next;
}

static void
bench_frame(struct tui *t)
{
	if (!t->bench)
		return;
	long long now = tui_now_ms();
	if (!t->first_frame_done) {
		t->first_frame_done = true;
		fprintf(t->bench, "first_frame_ms %lld\n", now - t->start_ms);
	}
	if (t->key_ms) {
		fprintf(t->bench, "key_ms %lld\n", now - t->key_ms);
		t->key_ms = 0;
	}
	fflush(t->bench);
}

static void
main_loop(struct tui *t)
{
	long long last_draw_age_s = -1;
	bool more = false;   /* the last drain stopped at its limit */
	while (!t->quit) {
		long long now = tui_now_ms();
		long long next = run_timers(t, now);
		long long last = app_last_refresh(t->app);
		if (last) {
			long long age_s = (now - last) / 1000;
			if (age_s != last_draw_age_s) {
				last_draw_age_s = age_s;
				t->dirty = true;
			}
		}
		if (t->dirty) {
			draw_screen(t);
			bench_frame(t);
		} else {
			t->key_ms = 0;
		}
		int timeout = -1;
		if (more)
			next = now;
		if (next) {
			long long d = next - tui_now_ms();
			timeout = d < 0 ? 0 : d > 60000 ? 60000 : (int)d;
		}
		struct pollfd fds[3] = {
			{.fd = STDIN_FILENO, .events = POLLIN},
			{.fd = app_wake_fd(t->app), .events = POLLIN},
			{.fd = signal_pipe[0], .events = POLLIN},
		};
		int n = poll(fds, signal_pipe[0] >= 0 ? 3 : 2, timeout);
		if (n < 0 && errno != EINTR)
			break;
		if (n < 0) {
			/* SIGWINCH: curses queues KEY_RESIZE for get_wch */
			read_keys(t);
			continue;
		}
		if (fds[2].revents & POLLIN) {
			t->quit = true;
			break;
		}
		if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			if (fds[0].revents & (POLLHUP | POLLERR))
				t->quit = true;
			read_keys(t);
		}
		more = false;
		if (fds[1].revents & POLLIN) {
			app_drain(t->app, DRAIN_LIMIT, &more);
			app_directory_tick(t->dir);
		}
	}
}

static void
curses_start(struct tui *t)
{
	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	theme_init(t->color);
	curses_on = true;
}

static bool
want_color(const struct options *o)
{
	const char *nc = getenv("NO_COLOR");
	if (nc && nc[0])
		return false;
	return !o->no_color;
}

int
tui_main(struct options *o)
{
	struct tui t;
	memset(&t, 0, sizeof(t));
	t.start_ms = tui_now_ms();
	t.opts = o;
	t.readonly = o->readonly;
	t.color = want_color(o);
	t.focus = STORE_GROUPS;
	setlocale(LC_ALL, "");
	keys_init();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "alicfg: the interactive screen needs a "
			"terminal; for scripts use a command such as "
			"'alicfg aggregators' (see alicfg --help)\n");
		return 2;
	}
	const char *poll_env = getenv("ALICFG_POLL_MS");
	struct app_settings set = {
		.refresh_s = o->refresh_seconds,
		.poll_ms = poll_env && atol(poll_env) > 0 ? atol(poll_env) :
			DEFAULT_POLL_MS,
		.now_ms = tui_now_ms,
	};
	if (set.poll_ms < 50)
		set.poll_ms = 50;
	struct app_hooks hooks = {
		.ctx = &t,
		.status = on_app_status,
		.log = on_app_log,
		.result = on_app_result,
		.warn = on_app_warn,
	};
	views_start(&t);
	t.app = app_new(o, &set, &hooks);
	t.store = app_store(t.app);
	t.dir = app_directory_new(t.app);
	struct err e;
	err_clear(&e);
	if (app_connect(t.app, options_profile_flag(o), options_region_flag(o),
	    &e) < 0) {
		char msg[1400], line[1500];
		err_format(&e, msg, sizeof(msg));
		snprintf(line, sizeof(line), "alicfg: %s", msg);
		text_put_line(stderr, line);
		app_free(t.app);
		views_done(&t);
		app_directory_free(t.dir);
		return err_exit_code(&e) ? err_exit_code(&e) : 3;
	}
	const char *bench = getenv("ALICFG_BENCH_LOG");
	if (bench && bench[0])
		t.bench = fopen(bench, "a");
	install_signals();
	curses_start(&t);
	watch_ui_start(&t);
	t.dirty = true;
	app_refresh(t.app);
	main_loop(&t);
	/* the terminal first, so quitting looks instant */
	endwin();
	curses_on = false;
	dialog_close(&t);
	app_free(t.app);
	watch_ui_done(&t);
	views_done(&t);
	app_directory_free(t.dir);
	if (t.bench)
		fclose(t.bench);
	return 0;
}
