/* app_enable: the one write, as a flow of the controller. A front end asks
 * for a plan (the marked accounts, else the selected one, less those
 * already on), confirms it with the user, then app_enable_start() sends one
 * StartConfigurationRecorder per account (the worker bounds concurrency,
 * the client retries throttling), then each started account is followed
 * with GetConfigurationRecorder every poll interval until REGISTERED.
 * Failures stay on the row with their Code. */
#include "outcome.h"
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_impl.h"
#include "buf.h"

/* Give up following after this long: the row keeps its last status. */
#define FOLLOW_LIMIT_MS (30LL * 60 * 1000)

static const char *
account_name(struct app *a, int64_t id)
{
	struct store_account *acc = store_account_find(a->store, id);
	return acc && acc->name && acc->name[0] ? acc->name : "(unnamed)";
}

static bool
already_on(const struct store_account *acc)
{
	if (acc->op == STORE_OP_STARTING || acc->op == STORE_OP_QUEUED ||
	    acc->op == STORE_OP_FOLLOWING)
		return true;
	return acc->status == RECORDER_REGISTERED ||
		acc->status == RECORDER_BUILDING ||
		acc->status == RECORDER_REBUILDING;
}

void
app_enable_plan_free(struct app_enable_plan *plan)
{
	free(plan->ids);
	memset(plan, 0, sizeof(*plan));
}

bool
app_enable_plan(struct app *a, int64_t selected, struct app_enable_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	size_t in_progress = 0;
	int64_t *ids;
	size_t n = store_marked_ids(a->store, &ids);
	if (n == 0) {
		if (!selected || !store_account_find(a->store, selected)) {
			app_status(a, APP_INFO, "select a member account "
				"(Tab to the members pane), or mark several "
				"with Space");
			free(ids);
			return false;
		}
		ids[0] = selected;
		n = 1;
	}
	size_t keep = 0, already = 0;
	for (size_t i = 0; i < n; i++) {
		struct store_account *acc = store_account_find(a->store, ids[i]);
		if (!acc)
			continue;
		if (already_on(acc)) {
			already++;
			if (acc->status != RECORDER_REGISTERED)
				plan->in_progress++;
		} else
			ids[keep++] = ids[i];
	}
	if (keep == 0) {
		if (n == 1) {
			struct store_account *acc = store_account_find(a->store,
				ids[0]);
			char cell[64] = "";
			if (acc)
				store_member_cell(acc, MEMBER_COL_STATUS, cell,
					sizeof(cell));
			app_status(a, APP_INFO, "%s (%" PRId64 ") is already "
				"%s: nothing to start", account_name(a, ids[0]),
				ids[0], cell);
		} else {
			app_status(a, APP_INFO, "all %zu marked accounts are "
				"already on or starting: nothing to start", n);
		}
		free(ids);
		return false;
	}
	in_progress = plan->in_progress;
	plan->ids = ids;
	plan->n = keep;
	plan->already = already;
	plan->in_progress = in_progress;
	return true;
}

static bool
round_done(const struct app *a)
{
	return a->round.answered >= a->round.sent;
}

static void
report_round(struct app *a)
{
	if (a->round.total <= 1 && a->round.sent == 1)
		return;   /* a single account reports itself */
	/* Progress of a paced bulk enable (the client spaces the calls out
	 * within their quotas, so a large round takes a while), then the
	 * other outcomes in the words the CLI and the audit log use. */
	char rest[160];
	int n = snprintf(rest, sizeof(rest), "%d %s, %d %s, %d %s",
		a->round.already, outcome_name(OUTCOME_ALREADY_ON),
		a->round.in_progress, outcome_name(OUTCOME_IN_PROGRESS),
		a->round.failed, outcome_name(OUTCOME_FAILED));
	if (a->round.unknown > 0 && n > 0 && (size_t)n < sizeof(rest))
		snprintf(rest + n, sizeof(rest) - (size_t)n, ", %d %s",
			a->round.unknown, outcome_name(OUTCOME_UNKNOWN));
	app_status(a, a->round.failed || a->round.unknown ? APP_ERROR :
		APP_INFO, "enable: %d of %d %s, %d REGISTERED; %s%s",
		a->round.started, a->round.sent,
		outcome_name(OUTCOME_STARTED), a->round.registered, rest,
		round_done(a) ? "" : " (running)");
}

void
app_enable_start(struct app *a, const struct app_enable_plan *plan)
{
	if (round_done(a) && a->nfollows == 0)
		memset(&a->round, 0, sizeof(a->round));
	a->round.total += (int)(plan->n + plan->already);
	a->round.already += (int)(plan->already - plan->in_progress);
	a->round.in_progress += (int)plan->in_progress;
	for (size_t i = 0; i < plan->n; i++) {
		int64_t id = plan->ids[i];
		store_set_account_op(a->store, id, STORE_OP_STARTING);
		store_set_account_error(a->store, id, NULL);
		app_submit(a, WORKER_START_RECORDER, NULL, id, WORKER_HIGH);
		a->round.sent++;
	}
	if (plan->n == 1 && plan->already == 0)
		app_status(a, APP_INFO, "%s (%" PRId64 "): starting the "
			"config recorder", account_name(a, plan->ids[0]),
			plan->ids[0]);
	else
		report_round(a);
	store_clear_marks(a->store);
	store_view_update(a->store, STORE_GROUPS);
}

int
app_writes_in_flight(const struct app *a)
{
	return a->round.sent - a->round.answered + app_stop_in_flight(a);
}

static struct app_follow *
follow_find(struct app *a, int64_t account)
{
	for (size_t i = 0; i < a->nfollows; i++)
		if (a->follows[i].account == account)
			return &a->follows[i];
	return NULL;
}

static void
follow_add(struct app *a, int64_t account, long long now)
{
	struct app_follow *f = follow_find(a, account);
	if (!f) {
		if (a->nfollows == a->follows_cap) {
			a->follows_cap = a->follows_cap ? a->follows_cap * 2 : 8;
			a->follows = xrealloc(a->follows,
				a->follows_cap * sizeof(*a->follows));
		}
		f = &a->follows[a->nfollows++];
		f->account = account;
		f->since_ms = now;
	}
	f->due_ms = now + a->set.poll_ms;
	f->in_flight = false;
}

static void
follow_remove(struct app *a, int64_t account)
{
	struct app_follow *f = follow_find(a, account);
	if (!f)
		return;
	*f = a->follows[--a->nfollows];
}

static void
on_start(struct app *a, const struct worker_result *r)
{
	int64_t id = r->account;
	const char *name = account_name(a, id);
	bool single = a->round.sent == 1 && a->round.total == 1;
	a->round.answered++;
	if (err_failed(&r->err)) {
		store_set_account_op(a->store, id, STORE_OP_FAILED);
		store_set_account_error(a->store, id, &r->err);
		if (outcome_of_start(&r->err, NULL) == OUTCOME_UNKNOWN)
			a->round.unknown++;
		else
			a->round.failed++;
		if (single) {
			char what[256];
			snprintf(what, sizeof(what), "enabling %s (%" PRId64 ")",
				name, id);
			app_status_err(a, what, &r->err);
		} else {
			report_round(a);
		}
		return;
	}
	if (!r->recorder) {
		struct err e;
		err_set(&e, ERR_PROTOCOL, "no recorder in the answer");
		store_set_account_op(a->store, id, STORE_OP_FAILED);
		store_set_account_error(a->store, id, &e);
		a->round.failed++;
		report_round(a);
		return;
	}
	store_set_recorder(a->store, id, r->recorder);
	if (r->recorder->status == RECORDER_REGISTERED) {
		store_set_account_op(a->store, id, STORE_OP_NONE);
		a->round.already++;
		if (single)
			app_status(a, APP_INFO, "%s (%" PRId64 ") was already "
				"REGISTERED", name, id);
	} else {
		store_set_account_op(a->store, id, STORE_OP_FOLLOWING);
		follow_add(a, id, app_now(a));
		a->round.followed++;
		enum outcome o = outcome_of_start(&r->err, r->recorder);
		if (o == OUTCOME_IN_PROGRESS)
			a->round.in_progress++;
		else if (o == OUTCOME_UNKNOWN)
			a->round.unknown++;
		else
			a->round.started++;
		if (single)
			app_status(a, APP_INFO, "%s (%" PRId64 "): started, "
				"%s; following until REGISTERED", name, id,
				model_recorder_status_name(r->recorder->status));
	}
	if (!single)
		report_round(a);
}

static void
on_poll(struct app *a, const struct worker_result *r)
{
	int64_t id = r->account;
	const char *name = account_name(a, id);
	struct app_follow *f = follow_find(a, id);
	if (f)
		f->in_flight = false;
	if (err_failed(&r->err)) {
		store_set_account_op(a->store, id, STORE_OP_FAILED);
		store_set_account_error(a->store, id, &r->err);
		follow_remove(a, id);
		char what[256];
		snprintf(what, sizeof(what), "following %s (%" PRId64 ")",
			name, id);
		app_status_err(a, what, &r->err);
		return;
	}
	if (!r->recorder) {
		follow_add(a, id, app_now(a));
		return;
	}
	store_set_recorder(a->store, id, r->recorder);
	enum recorder_status st = r->recorder->status;
	if (st == RECORDER_REGISTERED) {
		store_set_account_op(a->store, id, STORE_OP_NONE);
		follow_remove(a, id);
		a->round.registered++;
		if (a->round.sent > 1 || a->round.total > 1)
			report_round(a);
		else
			app_status(a, APP_INFO, "%s (%" PRId64 "): recorder "
				"REGISTERED", name, id);
	} else if (st == RECORDER_BUILDING || st == RECORDER_REBUILDING) {
		if (f && app_now(a) - f->since_ms > FOLLOW_LIMIT_MS) {
			store_set_account_op(a->store, id, STORE_OP_NONE);
			follow_remove(a, id);
			app_status(a, APP_INFO, "%s (%" PRId64 ") is still "
				"%s: stopped following (r refreshes)", name,
				id, model_recorder_status_name(st));
			return;
		}
		follow_add(a, id, app_now(a));
	} else {
		struct err e;
		err_set(&e, ERR_PROTOCOL, "the recorder went back to %s",
			model_recorder_status_name(st));
		store_set_account_op(a->store, id, STORE_OP_FAILED);
		store_set_account_error(a->store, id, &e);
		follow_remove(a, id);
		app_status(a, APP_ERROR, "%s (%" PRId64 "): the recorder "
			"went back to %s", name, id, model_recorder_status_name(st));
	}
}

void
app_enable_on_result(struct app *a, const struct worker_result *r)
{
	if (r->kind == WORKER_START_RECORDER)
		on_start(a, r);
	else if (r->kind == WORKER_GET_RECORDER)
		on_poll(a, r);
}

long long
app_enable_tick(struct app *a, long long now)
{
	long long next = 0;
	for (size_t i = 0; i < a->nfollows; i++) {
		struct app_follow *f = &a->follows[i];
		if (f->in_flight)
			continue;
		if (now >= f->due_ms) {
			f->in_flight = true;
			app_submit(a, WORKER_GET_RECORDER, NULL,
				f->account, WORKER_HIGH);
			continue;
		}
		if (next == 0 || f->due_ms < next)
			next = f->due_ms;
	}
	return next;
}

bool
app_enable_busy(const struct app *a)
{
	return a->nfollows > 0 || !round_done(a);
}

void
app_enable_reset(struct app *a)
{
	free(a->follows);
	a->follows = NULL;
	a->nfollows = a->follows_cap = 0;
	a->round.total = a->round.started = a->round.already = 0;
	a->round.failed = a->round.answered = a->round.sent = 0;
	a->round.registered = 0;
	a->round.in_progress = a->round.unknown = a->round.followed = 0;
}
