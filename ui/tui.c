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
#include "session.h"
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
	/* Code and RequestId first: the message may not fit on the line */
	if (e->kind == ERR_API && e->code[0]) {
		const char *hint = err_hint(e);
		tui_status(t, STATUS_ERROR, "%s: %s (HTTP %ld)%s%s: %s%s%s",
			what, e->code, e->http_status,
			e->request_id[0] ? " RequestId " : "", e->request_id,
			e->message, hint ? " - " : "", hint ? hint : "");
		return;
	}
	char msg[900];
	err_format(e, msg, sizeof(msg));
	tui_status(t, STATUS_ERROR, "%s: %s", what, msg);
}

void
tui_set_view(struct tui *t, enum view_id v)
{
	t->view = v;
	t->dirty = true;
}

static int
refresh_interval_s(const struct tui *t)
{
	int s = t->opts->refresh_seconds > 0 ? t->opts->refresh_seconds : 60;
	if (s < 10)
		s = 10;
	return s * t->backoff;
}

void
tui_refresh(struct tui *t)
{
	if (!t->worker)
		return;
	t->refresh_due_ms = tui_now_ms() + refresh_interval_s(t) * 1000LL;
	if (t->listing)
		return;
	t->listing = true;
	worker_submit(t->worker, WORKER_LIST_GROUPS, NULL, 0, WORKER_HIGH);
	t->dirty = true;
}

void
tui_load_group(struct tui *t, struct store_group *g, bool now)
{
	if (!t->worker || !g || !g->agg.id)
		return;
	if (g->loading) {
		/* already queued: only move it to the front, once */
		if (!now || !strcmp(t->bumped_group, g->agg.id))
			return;
	}
	if (now)
		snprintf(t->bumped_group, sizeof(t->bumped_group), "%s",
			g->agg.id);
	g->loading = true;
	worker_submit(t->worker, WORKER_GET_GROUP, g->agg.id, 0,
		now ? WORKER_HIGH : WORKER_LOW);
	t->dirty = true;
}

/* ---- connecting --------------------------------------------------------- */

static void
cred_warning(void *ctx, const char *message)
{
	struct tui *t = ctx;
	if (curses_on)
		tui_status(t, STATUS_ERROR, "warning: %s", message);
	else {
		char line[1200];
		snprintf(line, sizeof(line), "alicfg: warning: %s", message);
		text_put_line(stderr, line);
	}
}

int
tui_connect(struct tui *t, const char *profile, const char *region,
	struct err *e)
{
	struct session s;
	struct session_request req = {
		.opts = t->opts,
		.front_end = "tui",
		.profile = profile,
		.region = region,
		.warn = cred_warning,
		.warn_ctx = t,
	};
	if (session_open(&s, &req, e) < 0)
		return -1;
	struct worker *w = worker_start(&s.api, &s.cred, e);
	if (!w) {
		session_close(&s);
		return -1;
	}
	/* the new connection works: drop the old one and its data */
	worker_stop(t->worker);
	t->worker = w;
	snprintf(t->cred_profile, sizeof(t->cred_profile), "%s",
		s.cred.profile ? s.cred.profile : "");
	snprintf(t->cred_origin, sizeof(t->cred_origin), "%s",
		s.cred.origin ? s.cred.origin : "");
	snprintf(t->profile, sizeof(t->profile), "%s", s.cred.profile ?
		s.cred.profile : "env");
	snprintf(t->region, sizeof(t->region), "%s", s.region);
	snprintf(t->endpoint, sizeof(t->endpoint), "%s", s.endpoint);
	snprintf(t->sts_endpoint, sizeof(t->sts_endpoint), "%s",
		s.sts_endpoint);
	endpoint_host(s.endpoint, t->host, sizeof(t->host));
	session_close(&s);
	t->caller_account = 0;
	store_clear(t->store);
	enable_reset(t);
	t->listing = false;
	t->last_refresh_ms = 0;
	t->backoff = 1;
	t->throttled = false;
	t->bumped_group[0] = '\0';
	t->dirty = true;
	return 0;
}

/* ---- results ------------------------------------------------------------ */

static bool
is_throttle(const struct err *e)
{
	return e->kind == ERR_API && (err_code_is(e, "Throttling") ||
		e->retry_after_ms > 0);
}

static void
note_throttle(struct tui *t, const char *code)
{
	if (t->backoff < 8)
		t->backoff *= 2;
	t->throttled = true;
	t->refresh_due_ms = tui_now_ms() + refresh_interval_s(t) * 1000LL;
	tui_status(t, STATUS_ERROR, "the API is throttling (%s): retrying "
		"with backoff; auto refresh slowed to every %ds", code,
		refresh_interval_s(t));
}

static void
on_groups(struct tui *t, struct worker_result *r)
{
	t->listing = false;
	if (err_failed(&r->err)) {
		tui_status_err(t, "listing account groups", &r->err);
		return;
	}
	store_merge_groups(t->store, r->groups);
	store_view_update(t->store, STORE_GROUPS);
	t->last_refresh_ms = tui_now_ms();
	if (!t->throttled)
		t->backoff = 1;
	t->throttled = false;
	/* the group on screen first, then the rest in the background */
	struct store_group *sel = store_selected_group(t->store);
	if (sel) {
		t->bumped_group[0] = '\0';
		tui_load_group(t, sel, true);
	}
	for (size_t i = 0; i < store_group_count(t->store); i++) {
		struct store_group *g = store_group_at(t->store, i);
		if (g != sel && !g->loading)
			tui_load_group(t, g, false);
	}
}

static void
on_group(struct tui *t, struct worker_result *r)
{
	if (err_failed(&r->err)) {
		store_set_group_loading(t->store, r->group_id, false);
		store_set_group_error(t->store, r->group_id, &r->err);
		struct store_group *g = store_group_find(t->store, r->group_id);
		char what[256];
		snprintf(what, sizeof(what), "loading group %s",
			g && g->agg.name ? g->agg.name : r->group_id);
		tui_status_err(t, what, &r->err);
		return;
	}
	store_merge_group_detail(t->store, r->group);
	store_view_update(t->store, STORE_GROUPS);
}

static void
handle_result(struct tui *t, struct worker_result *r)
{
	if (r->caller_account && r->caller_account != t->caller_account)
		t->caller_account = r->caller_account;
	switch (r->kind) {
	case WORKER_LOG:
		log_add(t, &r->log);
		break;
	case WORKER_LIST_GROUPS:
		on_groups(t, r);
		break;
	case WORKER_GET_GROUP:
		on_group(t, r);
		break;
	case WORKER_GET_RECORDER:
	case WORKER_START_RECORDER:
		enable_on_result(t, r);
		store_view_update(t->store, STORE_GROUPS);
		break;
	}
	if (r->kind != WORKER_LOG && is_throttle(&r->err))
		note_throttle(t, r->err.code);
	t->dirty = true;
}

static void
drain_results(struct tui *t)
{
	struct worker_result *r;
	/* bounded per pass, so keys stay responsive under a flood */
	for (int n = 0; n < 256 && (r = worker_take(t->worker)); n++) {
		handle_result(t, r);
		worker_result_free(r);
	}
}

/* ---- keys --------------------------------------------------------------- */

static void
prompt_key(struct tui *t, bool is_code, wint_t ch)
{
	size_t len = strlen(t->prompt_buf);
	if (!is_code && ch == 27) {
		t->prompt = false;
		store_set_filter(t->store, t->focus, "");
	} else if ((!is_code && (ch == '\r' || ch == '\n')) ||
	    (is_code && ch == KEY_ENTER)) {
		t->prompt = false;
		return;
	} else if ((is_code && ch == KEY_BACKSPACE) ||
	    (!is_code && (ch == 127 || ch == 8))) {
		while (len > 0) {
			len--;
			/* drop a whole UTF-8 sequence */
			if (((unsigned char)t->prompt_buf[len] & 0xc0) != 0x80)
				break;
		}
		t->prompt_buf[len] = '\0';
	} else if (!is_code && ch == 21) {
		t->prompt_buf[0] = '\0';
	} else if (!is_code && ch == 3) {
		t->quit = true;
		return;
	} else if (is_code && (ch == KEY_UP || ch == KEY_DOWN)) {
		store_cursor_move(t->store, t->focus, ch == KEY_UP ? -1 : 1);
	} else if (!is_code && ch >= 32) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		size_t n = wcrtomb(mb, (wchar_t)ch, &st);
		if (n != (size_t)-1 && len + n < sizeof(t->prompt_buf)) {
			memcpy(t->prompt_buf + len, mb, n);
			t->prompt_buf[len + n] = '\0';
		}
	} else {
		return;
	}
	store_set_filter(t->store, t->focus, t->prompt_buf);
	if (t->focus == STORE_GROUPS) {
		struct store_group *g = store_selected_group(t->store);
		if (g && !g->members_loaded)
			tui_load_group(t, g, true);
	}
}

static void
switch_region(struct tui *t)
{
	const char *other = endpoint_other_region(t->region);
	struct err e;
	err_clear(&e);
	if (!other) {
		tui_status(t, STATUS_ERROR, "no other Config site for %s",
			t->region);
		return;
	}
	char to[32], old_url[sizeof(t->endpoint)];
	snprintf(to, sizeof(to), "%s", other);
	snprintf(old_url, sizeof(old_url), "%s", t->endpoint);
	if (tui_connect(t, t->cred_profile[0] ? t->cred_profile : NULL, to,
	    &e) < 0) {
		tui_status_err(t, "switching region", &e);
		return;
	}
	tui_refresh(t);
	/* the same URL for both regions: --endpoint or the variable set it */
	const char *fixed = NULL;
	if (!strcmp(old_url, t->endpoint))
		fixed = t->opts->endpoint && t->opts->endpoint[0] ?
			"--endpoint" : "ALIBABA_CLOUD_ENDPOINT";
	tui_status(t, STATUS_INFO, "region %s (%s)%s%s", t->region, t->host,
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
		if (t->listing) {
			tui_status(t, STATUS_INFO, "a refresh is already running");
			return;
		}
		tui_refresh(t);
		tui_status(t, STATUS_INFO, "refreshing");
		return;
	case ACT_PAUSE:
		t->paused = !t->paused;
		if (!t->paused)
			t->refresh_due_ms = tui_now_ms() +
				refresh_interval_s(t) * 1000LL;
		tui_status(t, STATUS_INFO, t->paused ?
			"auto refresh paused (p resumes, r refreshes now)" :
			"auto refresh every %ds", refresh_interval_s(t));
		return;
	case ACT_PROFILE:
		dialog_open_profiles(t);
		return;
	case ACT_REGION:
		switch_region(t);
		return;
	case ACT_ENABLE:
		if (t->readonly) {
			enable_request(t);
			return;
		}
		/* fall through */
	default:
		tui_status(t, STATUS_INFO, "%s: not available in this view",
			action_table[a].name);
		return;
	}
}

static void
handle_key(struct tui *t, bool is_code, wint_t ch)
{
	t->dirty = true;
	if (is_code && ch == KEY_RESIZE)
		return;
	if (!t->key_ms)
		t->key_ms = tui_now_ms();
	if (t->too_small) {
		if ((!is_code && (ch == 'q' || ch == 3)))
			t->quit = true;
		return;
	}
	if (t->prompt) {
		prompt_key(t, is_code, ch);
		return;
	}
	if (t->dialog != DIALOG_NONE) {
		if (!is_code && ch == 3)
			t->quit = true;
		else
			dialog_key(t, is_code, ch);
		return;
	}
	/* an error stays until the next action */
	t->status[0] = '\0';
	enum action a = keys_lookup(is_code, ch);
	if (a == ACT_NONE)
		return;
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
	long long next = 0;
	if (!t->paused && t->refresh_due_ms && now >= t->refresh_due_ms)
		tui_refresh(t);
	if (!t->paused && t->refresh_due_ms)
		next = min_due(next, t->refresh_due_ms);
	next = min_due(next, enable_tick(t, now));
	bool moving = (t->worker && worker_pending(t->worker) > 0) ||
		enable_busy(t);
	if (moving) {
		if (now >= t->spinner_due_ms) {
			t->spinner++;
			t->spinner_due_ms = now + SPINNER_MS;
			t->dirty = true;
		}
		next = min_due(next, t->spinner_due_ms);
	}
	/* the title's "refreshed Ns ago": each second, then each minute */
	if (t->last_refresh_ms) {
		long long age = now - t->last_refresh_ms;
		long long step = age < 60000 ? 1000 : 60000;
		long long due = t->last_refresh_ms + (age / step + 1) * step;
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
	while (!t->quit) {
		long long now = tui_now_ms();
		long long next = run_timers(t, now);
		if (t->last_refresh_ms) {
			long long age_s = (now - t->last_refresh_ms) / 1000;
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
		if (next) {
			long long d = next - tui_now_ms();
			timeout = d < 0 ? 0 : d > 60000 ? 60000 : (int)d;
		}
		struct pollfd fds[3] = {
			{.fd = STDIN_FILENO, .events = POLLIN},
			{.fd = worker_wake_fd(t->worker), .events = POLLIN},
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
		if (fds[1].revents & POLLIN)
			drain_results(t);
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
	t.backoff = 1;
	t.focus = STORE_GROUPS;
	const char *poll_env = getenv("ALICFG_POLL_MS");
	t.poll_ms = poll_env && atol(poll_env) > 0 ? atol(poll_env) :
		DEFAULT_POLL_MS;
	if (t.poll_ms < 50)
		t.poll_ms = 50;
	setlocale(LC_ALL, "");
	keys_init();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "alicfg: the interactive screen needs a "
			"terminal; for scripts use a command such as "
			"'alicfg aggregators' (see alicfg --help)\n");
		return 2;
	}
	t.store = store_new();
	struct err e;
	err_clear(&e);
	if (tui_connect(&t, options_profile_flag(o), options_region_flag(o),
	    &e) < 0) {
		char msg[1400], line[1500];
		err_format(&e, msg, sizeof(msg));
		snprintf(line, sizeof(line), "alicfg: %s", msg);
		text_put_line(stderr, line);
		store_free(t.store);
		return err_exit_code(&e) ? err_exit_code(&e) : 3;
	}
	const char *bench = getenv("ALICFG_BENCH_LOG");
	if (bench && bench[0])
		t.bench = fopen(bench, "a");
	install_signals();
	curses_start(&t);
	t.dirty = true;
	tui_refresh(&t);
	main_loop(&t);
	/* the terminal first, so quitting looks instant */
	endwin();
	curses_on = false;
	worker_stop(t.worker);
	dialog_close(&t);
	enable_reset(&t);
	log_free(&t);
	store_free(t.store);
	if (t.bench)
		fclose(t.bench);
	return 0;
}
