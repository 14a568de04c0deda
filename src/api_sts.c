/* api_sts: whose credentials sign a call. The caller's own, its assumed
 * RamRoleArn role, or a member account's ResourceDirectoryAccountAccessRole;
 * assumed credentials are cached per account until five minutes before they
 * expire, and calls that need an entry being fetched wait on it, so
 * concurrent calls for one member share one AssumeRole.
 *
 * A call that names an account while the caller's own account is unknown
 * first learns it with GetCallerIdentity (once per client, shared by every
 * call that waits): the caller's own account needs no role, and assuming
 * one into it fails (EntityNotExist.Role). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_impl.h"
#include "buf.h"

static struct role_entry **
role_slot(struct api_client *c, int64_t account)
{
	uint64_t h = (uint64_t)account * 0x9E3779B97F4A7C15ULL;
	return &c->roles[(h >> 32) % API_ROLE_BUCKETS];
}

static struct role_entry *
role_get(struct api_client *c, int64_t account)
{
	struct role_entry **slot = role_slot(c, account);
	for (struct role_entry *r = *slot; r; r = r->next)
		if (r->account == account)
			return r;
	struct role_entry *r = xcalloc(1, sizeof(*r));
	r->account = account;
	r->next = *slot;
	*slot = r;
	return r;
}

static void
role_free(struct role_entry *r)
{
	model_sts_credentials_free(&r->creds);
	free(r);
}

static void
role_view(const struct role_entry *r, struct creds_view *cv)
{
	cv->ak = r->creds.access_key_id;
	cv->secret = r->creds.access_key_secret;
	cv->token = r->creds.security_token;
}

static void assume_role_start(struct api_client *c, struct role_entry *r);

/* 0 with *cv filled, or 1 when `call` now waits for the entry. */
static int
role_creds(struct api_client *c, struct role_entry *r, struct call *call,
	struct creds_view *cv)
{
	call->creds_from = r;
	if (r->valid && time(NULL) < r->valid_until) {
		role_view(r, cv);
		return 0;
	}
	call->wait_next = r->waiters;
	r->waiters = call;
	if (!r->inflight)
		assume_role_start(c, r);
	return 1;
}

static void identity_start(struct api_client *c);

int
api_call_creds(struct call *call, struct creds_view *cv)
{
	struct api_client *c = call->c;
	bool raw = c->caller.mode != CRED_RAM_ROLE_ARN ||
		(call->kind == CALL_ASSUME_ROLE && call->role->is_caller);
	if (call->account != 0 && call->kind != CALL_ASSUME_ROLE &&
		call->kind != CALL_CALLER_IDENTITY) {
		if (!c->caller_account && !c->identity_tried) {
			call->wait_next = c->identity_waiters;
			c->identity_waiters = call;
			if (!c->identity_inflight)
				identity_start(c);
			return 1;
		}
		/* Unknown still (GetCallerIdentity failed): assume the role,
		 * as before the account could be learnt. */
		if (call->account != c->caller_account)
			return role_creds(c, role_get(c, call->account),
				call, cv);
		call->account = 0;  /* the caller's own: its credentials */
	}
	if (!raw)
		return role_creds(c, c->caller_role, call, cv);
	cv->ak = c->caller.access_key_id;
	cv->secret = c->caller.access_key_secret;
	cv->token = c->caller.security_token;
	return 0;
}

static void
assume_role_start(struct api_client *c, struct role_entry *r)
{
	char arn[256], session[80], duration[16];
	struct call *call = api_call_new(c, CALL_ASSUME_ROLE, "AssumeRole", 0,
		NULL);
	call->role = r;
	r->inflight = true;
	if (r->is_caller) {
		const struct cred *cr = &c->caller;
		snprintf(arn, sizeof(arn), "%s", cr->role_arn);
		snprintf(session, sizeof(session), "%s",
			cr->role_session_name && *cr->role_session_name ?
			cr->role_session_name : "alicfg");
		snprintf(duration, sizeof(duration), "%d",
			cr->duration_seconds > 0 ? cr->duration_seconds : 3600);
	} else {
		snprintf(arn, sizeof(arn), "acs:ram::%" PRId64 ":role/%s",
			r->account, c->role_name);
		snprintf(session, sizeof(session), "alicfg-%" PRId64, r->account);
		snprintf(duration, sizeof(duration), "3600");
	}
	params_add(&call->form, "RoleArn", arn);
	params_add(&call->form, "RoleSessionName", session);
	params_add(&call->form, "DurationSeconds", duration);
	if (r->is_caller && c->caller.policy && *c->caller.policy)
		params_add(&call->form, "Policy", c->caller.policy);
	if (r->is_caller && c->caller.external_id && *c->caller.external_id)
		params_add(&call->form, "ExternalId", c->caller.external_id);
	api_call_begin(call);
}

/* GetCallerIdentity is signed with what a call for the caller's own
 * account would use (for a RamRoleArn caller, the assumed role's
 * credentials: the account is then the role's). */
static void
identity_start(struct api_client *c)
{
	struct call *call = api_call_new(c, CALL_CALLER_IDENTITY,
		"GetCallerIdentity", 0, NULL);
	c->identity_inflight = true;
	api_call_begin(call);
}

void
api_identity_wait(struct call *call)
{
	struct api_client *c = call->c;
	call->wait_next = c->identity_waiters;
	c->identity_waiters = call;
	if (!c->identity_inflight)
		identity_start(c);
}

void
api_identity_done(struct call *call)
{
	struct api_client *c = call->c;
	c->identity_inflight = false;
	c->identity_tried = true;
	if (call->err.kind == ERR_NONE && call->identity > 0) {
		if (!c->caller_account)
			c->caller_account = call->identity;
	} else {
		err_free(&c->identity_err);
		err_copy(&c->identity_err, &call->err);
		if (c->identity_err.kind == ERR_NONE)
			err_set(&c->identity_err, ERR_SYSTEM,
				"GetCallerIdentity ended without an account");
		err_prefix(&c->identity_err, "learning the caller's account "
			"(STS GetCallerIdentity)");
	}
	/* In the order they came; each now finds its credentials. */
	struct call *w = c->identity_waiters, *rev = NULL;
	c->identity_waiters = NULL;
	while (w) {
		struct call *next = w->wait_next;
		w->wait_next = rev;
		rev = w;
		w = next;
	}
	while (rev) {
		struct call *next = rev->wait_next;
		rev->wait_next = NULL;
		if (rev->is_write && !rev->audited)
			api_write_begin(rev);   /* waited to name the account */
		else
			api_call_try(rev);
		rev = next;
	}
}

/* AssumeRole was the fallback for a failed GetCallerIdentity and failed
 * too: the first failure is the one to report (the role may simply not
 * exist because the account is the caller's own), with the second after
 * it. */
static void
role_blame_identity(const struct api_client *c, struct err *e)
{
	char then[sizeof(e->message)];
	err_format(e, then, sizeof(then));
	int attempts = e->attempts;
	err_free(e);
	err_copy(e, &c->identity_err);
	e->attempts = attempts;
	struct buf msg = BUF_INIT;
	buf_printf(&msg, "%s; AssumeRole, tried instead, failed too: %s",
		err_full_message(e), then);
	err_set_message(e, msg.data, msg.len);
	buf_free(&msg);
}

/* The AssumeRole exchange ended: hand the result to every waiter. */
void
api_role_done(struct call *call, struct sts_credentials *creds)
{
	struct role_entry *r = call->role;
	r->inflight = false;
	struct call *w = r->waiters;
	r->waiters = NULL;
	if (creds) {
		model_sts_credentials_free(&r->creds);
		r->creds = *creds;
		memset(creds, 0, sizeof(*creds));
		r->valid = true;
		r->valid_until = r->creds.expiration - API_ROLE_MARGIN_S;
	}
	/* Waiters are sent with these credentials even when they are already
	 * near expiry (a short session, a skewed clock): never a loop. */
	const char *arn = params_get(&call->form, "RoleArn");
	while (w) {
		struct call *next = w->wait_next;
		w->wait_next = NULL;
		if (creds) {
			struct creds_view cv;
			role_view(r, &cv);
			api_call_send(w, &cv);
		} else {
			err_free(&w->err);
			err_copy(&w->err, &call->err);
			err_prefix(&w->err, "assuming %s", arn ? arn : "role");
			if (!r->is_caller && !w->c->caller_account &&
				w->c->identity_err.kind != ERR_NONE)
				role_blame_identity(w->c, &w->err);
			api_call_finish(w);
		}
		w = next;
	}
}

void
api_roles_init(struct api_client *c)
{
	if (c->caller.mode == CRED_RAM_ROLE_ARN) {
		c->caller_role = xcalloc(1, sizeof(*c->caller_role));
		c->caller_role->is_caller = true;
	}
}

void
api_roles_free(struct api_client *c)
{
	for (size_t i = 0; i < API_ROLE_BUCKETS; i++) {
		while (c->roles[i]) {
			struct role_entry *r = c->roles[i];
			c->roles[i] = r->next;
			role_free(r);
		}
	}
	if (c->caller_role)
		role_free(c->caller_role);
	c->caller_role = NULL;
}

bool
api_role_rejected(struct call *call)
{
	struct role_entry *r = call->creds_from;
	if (!r || call->refreshed_creds || !err_code_is(&call->err,
		"InvalidSecurityToken"))
		return false;
	/* Revoked, or expired early by a skewed clock: fetch new ones once;
	 * a second rejection is reported. */
	call->refreshed_creds = true;
	r->valid = false;
	return true;
}
