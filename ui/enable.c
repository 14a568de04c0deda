/* enable: the one write. `e` on a member (or on the marked members) asks
 * for a confirm that names the accounts; `y` sends one
 * StartConfigurationRecorder per account (the worker bounds concurrency,
 * the client retries throttling), then each started account is followed
 * with GetConfigurationRecorder every poll interval until REGISTERED.
 * Failures stay on the row with their Code. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tui.h"

/* Give up following after this long: the row keeps its last status. */
#define FOLLOW_LIMIT_MS (30LL * 60 * 1000)

static const char *
account_name(struct tui *t, int64_t id)
{
	struct store_account *a = store_account_find(t->store, id);
	return a && a->name && a->name[0] ? a->name : "(unnamed)";
}

static bool
already_on(const struct store_account *a)
{
	if (a->op == STORE_OP_STARTING || a->op == STORE_OP_QUEUED ||
	    a->op == STORE_OP_FOLLOWING)
		return true;
	return a->status == RECORDER_REGISTERED ||
		a->status == RECORDER_BUILDING ||
		a->status == RECORDER_REBUILDING;
}

void
enable_request(struct tui *t)
{
	if (t->readonly) {
		tui_status(t, STATUS_ERROR, "read-only mode (--readonly or "
			"readonly = yes in the config file): enabling a "
			"recorder is disabled");
		return;
	}
	int64_t *ids;
	size_t n = store_marked_ids(t->store, &ids);
	if (n == 0) {
		struct store_account *a = t->focus == STORE_MEMBERS ?
			store_selected_member(t->store) : NULL;
		if (!a) {
			tui_status(t, STATUS_INFO, "select a member account "
				"(Tab to the members pane), or mark several "
				"with Space");
			free(ids);
			return;
		}
		ids[0] = a->id;
		n = 1;
	}
	size_t keep = 0, already = 0;
	for (size_t i = 0; i < n; i++) {
		struct store_account *a = store_account_find(t->store, ids[i]);
		if (!a)
			continue;
		if (already_on(a))
			already++;
		else
			ids[keep++] = ids[i];
	}
	if (keep == 0) {
		if (n == 1) {
			struct store_account *a = store_account_find(t->store,
				ids[0]);
			char cell[64] = "";
			if (a)
				store_member_cell(a, MEMBER_COL_STATUS, cell,
					sizeof(cell));
			tui_status(t, STATUS_INFO, "%s (%" PRId64 ") is already "
				"%s: nothing to start", account_name(t, ids[0]),
				ids[0], cell);
		} else {
			tui_status(t, STATUS_INFO, "all %zu marked accounts are "
				"already on or starting: nothing to start", n);
		}
		free(ids);
		return;
	}
	free(t->dialog_ids);
	t->dialog_ids = ids;
	t->dialog_nids = keep;
	t->dialog_already = already;
	t->dialog = DIALOG_CONFIRM_ENABLE;
	t->dialog_cursor = 0;
	t->dirty = true;
}

static bool
batch_done(const struct tui *t)
{
	return t->batch_answered >= t->batch_sent;
}

static void
report_batch(struct tui *t)
{
	if (t->batch_total <= 1 && t->batch_sent == 1)
		return;   /* a single account reports itself */
	char tail[64] = "";
	if (t->batch_started > 0)
		snprintf(tail, sizeof(tail), "; %d of %d now REGISTERED",
			t->batch_registered, t->batch_started);
	tui_status(t, t->batch_failed ? STATUS_ERROR : STATUS_INFO,
		"enable: %d started, %d already on, %d failed%s%s",
		t->batch_started, t->batch_already, t->batch_failed,
		batch_done(t) ? "" : " (running)", tail);
}

void
enable_confirmed(struct tui *t)
{
	if (batch_done(t) && t->nfollows == 0) {
		t->batch_total = t->batch_started = t->batch_already = 0;
		t->batch_failed = t->batch_answered = t->batch_sent = 0;
		t->batch_registered = 0;
	}
	t->batch_total += (int)(t->dialog_nids + t->dialog_already);
	t->batch_already += (int)t->dialog_already;
	for (size_t i = 0; i < t->dialog_nids; i++) {
		int64_t id = t->dialog_ids[i];
		store_set_account_op(t->store, id, STORE_OP_STARTING);
		store_set_account_error(t->store, id, NULL);
		worker_submit(t->worker, WORKER_START_RECORDER, NULL, id,
			WORKER_HIGH);
		t->batch_sent++;
	}
	if (t->dialog_nids == 1 && t->dialog_already == 0)
		tui_status(t, STATUS_INFO, "%s (%" PRId64 "): starting the "
			"config recorder", account_name(t, t->dialog_ids[0]),
			t->dialog_ids[0]);
	else
		report_batch(t);
	store_clear_marks(t->store);
	store_view_update(t->store, STORE_GROUPS);
	dialog_close(t);
}

static struct follow *
follow_find(struct tui *t, int64_t account)
{
	for (size_t i = 0; i < t->nfollows; i++)
		if (t->follows[i].account == account)
			return &t->follows[i];
	return NULL;
}

static void
follow_add(struct tui *t, int64_t account, long long now)
{
	struct follow *f = follow_find(t, account);
	if (!f) {
		if (t->nfollows == t->follows_cap) {
			t->follows_cap = t->follows_cap ? t->follows_cap * 2 : 8;
			t->follows = xrealloc(t->follows,
				t->follows_cap * sizeof(*t->follows));
		}
		f = &t->follows[t->nfollows++];
		f->account = account;
		f->since_ms = now;
	}
	f->due_ms = now + t->poll_ms;
	f->in_flight = false;
}

static void
follow_remove(struct tui *t, int64_t account)
{
	struct follow *f = follow_find(t, account);
	if (!f)
		return;
	*f = t->follows[--t->nfollows];
}

static void
on_start(struct tui *t, const struct worker_result *r)
{
	int64_t id = r->account;
	const char *name = account_name(t, id);
	bool single = t->batch_sent == 1 && t->batch_total == 1;
	t->batch_answered++;
	if (err_failed(&r->err)) {
		store_set_account_op(t->store, id, STORE_OP_FAILED);
		store_set_account_error(t->store, id, &r->err);
		t->batch_failed++;
		if (single) {
			char what[256];
			snprintf(what, sizeof(what), "enabling %s (%" PRId64 ")",
				name, id);
			tui_status_err(t, what, &r->err);
		} else {
			report_batch(t);
		}
		return;
	}
	if (!r->recorder) {
		struct err e;
		err_set(&e, ERR_PROTOCOL, "no recorder in the answer");
		store_set_account_op(t->store, id, STORE_OP_FAILED);
		store_set_account_error(t->store, id, &e);
		t->batch_failed++;
		report_batch(t);
		return;
	}
	store_set_recorder(t->store, id, r->recorder);
	if (r->recorder->status == RECORDER_REGISTERED) {
		store_set_account_op(t->store, id, STORE_OP_NONE);
		t->batch_already++;
		if (single)
			tui_status(t, STATUS_INFO, "%s (%" PRId64 ") was already "
				"REGISTERED", name, id);
	} else {
		store_set_account_op(t->store, id, STORE_OP_FOLLOWING);
		follow_add(t, id, tui_now_ms());
		t->batch_started++;
		if (single)
			tui_status(t, STATUS_INFO, "%s (%" PRId64 "): started, "
				"%s; following until REGISTERED", name, id,
				model_recorder_status_name(r->recorder->status));
	}
	if (!single)
		report_batch(t);
}

static void
on_poll(struct tui *t, const struct worker_result *r)
{
	int64_t id = r->account;
	const char *name = account_name(t, id);
	struct follow *f = follow_find(t, id);
	if (f)
		f->in_flight = false;
	if (err_failed(&r->err)) {
		store_set_account_op(t->store, id, STORE_OP_FAILED);
		store_set_account_error(t->store, id, &r->err);
		follow_remove(t, id);
		char what[256];
		snprintf(what, sizeof(what), "following %s (%" PRId64 ")",
			name, id);
		tui_status_err(t, what, &r->err);
		return;
	}
	if (!r->recorder) {
		follow_add(t, id, tui_now_ms());
		return;
	}
	store_set_recorder(t->store, id, r->recorder);
	enum recorder_status st = r->recorder->status;
	if (st == RECORDER_REGISTERED) {
		store_set_account_op(t->store, id, STORE_OP_NONE);
		follow_remove(t, id);
		t->batch_registered++;
		if (t->batch_sent > 1 || t->batch_total > 1)
			report_batch(t);
		else
			tui_status(t, STATUS_INFO, "%s (%" PRId64 "): recorder "
				"REGISTERED", name, id);
	} else if (st == RECORDER_BUILDING || st == RECORDER_REBUILDING) {
		if (f && tui_now_ms() - f->since_ms > FOLLOW_LIMIT_MS) {
			store_set_account_op(t->store, id, STORE_OP_NONE);
			follow_remove(t, id);
			tui_status(t, STATUS_INFO, "%s (%" PRId64 ") is still "
				"%s: stopped following (r refreshes)", name,
				id, model_recorder_status_name(st));
			return;
		}
		follow_add(t, id, tui_now_ms());
	} else {
		struct err e;
		err_set(&e, ERR_PROTOCOL, "the recorder went back to %s",
			model_recorder_status_name(st));
		store_set_account_op(t->store, id, STORE_OP_FAILED);
		store_set_account_error(t->store, id, &e);
		follow_remove(t, id);
		tui_status(t, STATUS_ERROR, "%s (%" PRId64 "): the recorder "
			"went back to %s", name, id, model_recorder_status_name(st));
	}
}

void
enable_on_result(struct tui *t, const struct worker_result *r)
{
	if (r->kind == WORKER_START_RECORDER)
		on_start(t, r);
	else if (r->kind == WORKER_GET_RECORDER)
		on_poll(t, r);
}

long long
enable_tick(struct tui *t, long long now)
{
	long long next = 0;
	for (size_t i = 0; i < t->nfollows; i++) {
		struct follow *f = &t->follows[i];
		if (f->in_flight)
			continue;
		if (now >= f->due_ms) {
			f->in_flight = true;
			worker_submit(t->worker, WORKER_GET_RECORDER, NULL,
				f->account, WORKER_HIGH);
			continue;
		}
		if (next == 0 || f->due_ms < next)
			next = f->due_ms;
	}
	return next;
}

bool
enable_busy(const struct tui *t)
{
	return t->nfollows > 0 || !batch_done(t);
}

void
enable_reset(struct tui *t)
{
	free(t->follows);
	t->follows = NULL;
	t->nfollows = t->follows_cap = 0;
	t->batch_total = t->batch_started = t->batch_already = 0;
	t->batch_failed = t->batch_answered = t->batch_sent = 0;
	t->batch_registered = 0;
}
