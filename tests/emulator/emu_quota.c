/* emu_quota: --quotas real|off|FILE, the service's flow control.
 *
 * Per account and per action, a sliding window: a call is admitted when
 * fewer than CALLS calls were admitted in the last SECONDS; otherwise it
 * gets the gateway's throttling answer (HTTP 400, Throttling.User, "Request
 * was denied due to user flow control.") with x-acs-retry-after set to the
 * milliseconds until the oldest call in the window leaves it. Refused calls
 * do not count. The account is the one whose credentials signed the call
 * (the member for an assumed role, the caller for STS calls).
 *
 * `real` is the published figures (docs/quotas.md; this table is the
 * emulator's own copy, so a wrong client table cannot hide behind it).
 * FILE starts from `real` and overrides: "Action = CALLS/SECONDS" or
 * "Action = off", at the top or in a [quota] section, so one file can
 * serve both alicfg-emu --quotas and alicfg --config; tests use it to
 * scale windows down to a second. */
#include "emu.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini.h"
#include "quota.h"

static const struct {
	const char *action;
	int calls, seconds;
} emu_quota_real[] = {
	{"ListAggregators", 120, 60},
	{"GetAggregator", 500, 60},
	{"GetConfigurationRecorder", 300, 60},
	{"StartConfigurationRecorder", 60, 60},
	{"StopConfigurationRecorder", 60, 60},
	{"AssumeRole", 100, 1},
	{"GetCallerIdentity", 100, 1},
	{"ListAccounts", 20, 1},
};

/* Admission times of one (account, action), oldest first, in a ring that
 * grows up to the quota. */
struct emu_window {
	double *t;
	size_t cap, head, count;
};

static void
emu_quotas_real(struct emu_quotas *q)
{
	q->n = 0;
	size_t n = sizeof(emu_quota_real) / sizeof(emu_quota_real[0]);
	for (size_t i = 0; i < n && i < EMU_QUOTA_MAX; i++) {
		struct emu_quota_rule *r = &q->rules[q->n++];
		snprintf(r->action, sizeof(r->action), "%s",
			emu_quota_real[i].action);
		r->calls = emu_quota_real[i].calls;
		r->window_s = emu_quota_real[i].seconds;
	}
}

struct emu_quota_file {
	struct emu_quotas *q;
	const char *path;
	struct err *e;
	bool failed;
};

static int
emu_quota_key(void *ctx, const char *section, const char *key,
	const char *value, int line)
{
	struct emu_quota_file *f = ctx;
	if (section[0] && strcasecmp(section, "quota") != 0)
		return 0;   /* an alicfg config file's other sections */
	struct quota_table t;
	memset(&t, 0, sizeof(t));
	struct err qe;
	err_clear(&qe);
	if (quota_table_set(&t, key, value, &qe) < 0) {
		err_set(f->e, ERR_USAGE, "--quotas %s:%d: %s", f->path, line,
			qe.message);
		f->failed = true;
		return 1;
	}
	struct emu_quotas *q = f->q;
	struct emu_quota_rule *r = NULL;
	for (int i = 0; i < q->n; i++)
		if (!strcasecmp(q->rules[i].action, key))
			r = &q->rules[i];
	if (!r) {
		if (q->n >= EMU_QUOTA_MAX) {
			err_set(f->e, ERR_USAGE, "--quotas %s:%d: too many "
				"actions", f->path, line);
			f->failed = true;
			return 1;
		}
		r = &q->rules[q->n++];
		snprintf(r->action, sizeof(r->action), "%s", key);
	}
	r->calls = t.items[0].calls;
	r->window_s = t.items[0].seconds;
	return 0;
}

int
emu_quotas_parse(struct emu_quotas *q, const char *spec, struct err *e)
{
	if (!strcmp(spec, "off")) {
		q->on = false;
		return 0;
	}
	q->on = true;
	emu_quotas_real(q);
	if (!strcmp(spec, "real"))
		return 0;
	struct emu_quota_file f = {q, spec, e, false};
	struct err fe;
	err_clear(&fe);
	if (ini_parse_file(spec, emu_quota_key, &f, &fe) < 0 && !f.failed) {
		err_set(e, ERR_USAGE, "--quotas %s: expected real, off or a "
			"readable file (%s)", spec, fe.message);
		return -1;
	}
	return f.failed ? -1 : 0;
}

void
emu_quotas_init(struct emu_quotas *q)
{
	memset(q, 0, sizeof(*q));
	q->on = true;
	emu_quotas_real(q);
	pthread_mutex_init(&q->lock, NULL);
	/* The map is made on first use: nothing to free on an early exit. */
}

static void
emu_window_free(void *v)
{
	struct emu_window *w = v;
	free(w->t);
	free(w);
}

void
emu_quotas_free(struct emu_quotas *q)
{
	if (q->windows.slots)
		emu_map_free(&q->windows, emu_window_free);
	pthread_mutex_destroy(&q->lock);
}

long
emu_quotas_admit(struct emu_quotas *q, int64_t account, const char *action,
	double now_s)
{
	if (!q || !q->on || !action)
		return 0;
	const struct emu_quota_rule *r = NULL;
	for (int i = 0; i < q->n; i++)
		if (!strcasecmp(q->rules[i].action, action))
			r = &q->rules[i];
	if (!r || r->calls <= 0)
		return 0;
	char key[128];
	snprintf(key, sizeof(key), "%" PRId64 "\n%s", account, r->action);
	long wait = 0;
	pthread_mutex_lock(&q->lock);
	if (!q->windows.slots)
		emu_map_init(&q->windows, 1024);
	struct emu_window *w = emu_map_get(&q->windows, key);
	if (!w) {
		w = xcalloc(1, sizeof(*w));
		emu_map_put(&q->windows, key, w);
	}
	/* Forget what left the window. */
	while (w->count && w->t[w->head] <= now_s - r->window_s) {
		w->head = (w->head + 1) % w->cap;
		w->count--;
	}
	if (w->count >= (size_t)r->calls) {
		double free_at = w->t[w->head] + r->window_s;
		wait = (long)((free_at - now_s) * 1000.0) + 1;
		if (wait < 1)
			wait = 1;
	} else {
		if (w->count == w->cap) {
			/* Grow, keeping the order (oldest first). */
			size_t cap = w->cap ? w->cap * 2 : 16;
			if (cap > (size_t)r->calls)
				cap = (size_t)r->calls;
			double *t = xcalloc(cap, sizeof(*t));
			for (size_t i = 0; i < w->count; i++)
				t[i] = w->t[(w->head + i) % w->cap];
			free(w->t);
			w->t = t;
			w->cap = cap;
			w->head = 0;
		}
		w->t[(w->head + w->count) % w->cap] = now_s;
		w->count++;
	}
	pthread_mutex_unlock(&q->lock);
	return wait;
}
