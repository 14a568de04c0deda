/* api_impl.h: what api.c and api_sts.c share. Not a public header. */
#ifndef ALICFG_API_IMPL_H
#define ALICFG_API_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "api.h"
#include "params.h"
#include "quota.h"

#define API_MAX_PAGES 10000
/* ListAggregators pages (MaxResults 100): 1,000 groups where the real
 * service allows 5 (docs/bounds.md). */
#define API_MAX_LIST_PAGES 10
/* Answer caps per action (api_bounds.c; docs/bounds.md). */
#define API_CAP_LIST (4L * 1024 * 1024)
#define API_CAP_RECORDER (1024L * 1024)
#define API_CAP_SMALL (256L * 1024)
#define API_ROLE_MARGIN_S 300     /* refresh five minutes before expiry */
#define API_ROLE_BUCKETS 256
#define API_LONG_WAIT_MS 1000     /* one wait chunk when told to block */

enum call_kind {
	CALL_LIST,
	CALL_GET_AGGREGATOR,
	CALL_GET_RECORDER,
	CALL_START_RECORDER,
	CALL_STOP_RECORDER,       /* api_stop.c */
	CALL_ASSUME_ROLE,
	CALL_CALLER_IDENTITY,     /* STS GetCallerIdentity, internal */
	CALL_LIST_DIRECTORY,      /* Resource Directory ListAccounts */
};

enum call_timer { TIMER_NONE, TIMER_RETRY, TIMER_FINISH, TIMER_QUOTA };

/* Temporary credentials for one account (or for the caller's own role). */
struct role_entry {
	int64_t account;
	bool is_caller;           /* the caller's RamRoleArn, not a member */
	bool valid;
	time_t valid_until;
	struct sts_credentials creds;
	bool inflight;
	struct call *waiters;
	struct role_entry *next;  /* hash chain */
};

/* What signs one exchange; borrowed, never freed through this. */
struct creds_view {
	const char *ak;
	const char *secret;
	const char *token;        /* NULL unless STS */
};

struct call {
	struct api_client *c;
	enum call_kind kind;
	const char *action;
	int64_t account;          /* acting as; 0 = the caller */
	bool is_write;
	struct params query;      /* business parameters */
	struct params form;       /* AssumeRole form body */
	int attempts;             /* tries of the current exchange */
	long spent_delay_ms;
	double started_ms;
	double wire_ms;           /* on the wire, summed over the tries */
	char *string_to_sign;     /* of the last try, token redacted; owned */
	struct err err;           /* owned: err_free */
	enum call_timer timer;
	long long due_ms;
	struct call *timer_next;
	struct call *wait_next;   /* in a role_entry's waiters */
	struct call *all_prev, *all_next;
	bool counted;             /* a user call, counted in pending */
	void *ctx;
	api_aggregators_cb list_cb;
	api_aggregator_cb agg_cb;
	api_recorder_cb rec_cb;
	struct aggregator_list *list;
	char **tokens;
	size_t ntokens;
	struct aggregator_detail *detail;
	struct recorder *recorder;
	char audit_id[40];
	bool audited;
	struct role_entry *role;  /* CALL_ASSUME_ROLE: the entry it fills */
	int64_t identity;         /* CALL_CALLER_IDENTITY: the AccountId */
	api_directory_cb dir_cb;
	struct rd_account_list *dir_list;
	bool dir_by_page;         /* PageNumber paging (no token came) */
	struct role_entry *creds_from; /* whose cached credentials it used */
	bool refreshed_creds;
	char request_id[96];
	long http_status;
	/* Client-side quota (quota.h): the slot reserved (its wait shows in
	 * the log's queue time). */
	bool quota_reserved;
	unsigned quota_gen;
	int throttled;            /* throttling answers retried */
};

struct api_client {
	struct http_client *http;
	struct cred caller;
	int64_t caller_account;
	int caller_kind;          /* 0 unknown, 1 root AccessKey, 2 other */
	enum sign_version signature;
	char *config_prefix;      /* "https://host[:port]" */
	char *config_path;        /* "/" */
	char *sts_prefix;
	char *sts_path;
	char *rd_prefix;          /* NULL: no Resource Directory endpoint */
	char *rd_path;
	char *role_name;
	char *audit_path;
	char *audit_who;
	bool readonly;            /* api_config.readonly */
	struct retry_policy retry;
	struct quota_limiter *quota;  /* NULL: no client-side limit */
	api_log_fn log;
	void *log_ctx;
	uint64_t rng;
	struct call *timers;      /* sorted by due_ms */
	struct call *all;         /* every live call, to free them */
	int pending;
	struct role_entry *caller_role;
	struct role_entry *roles[API_ROLE_BUCKETS];
	/* Learning caller_account with GetCallerIdentity: at most once per
	 * client; calls for a numbered account wait on the one in flight. */
	bool identity_inflight;
	bool identity_tried;
	struct call *identity_waiters;
	struct err identity_err;  /* why it failed, kind ERR_NONE if not */
	/* A batch command's deadline (api_bounds.c): 0 = none. Once expired,
	 * every call fails at once. */
	double deadline_ms;
	long deadline_s;
	bool expired;
};


/* api.c */
double api_now_ms(void);
double api_random01(struct api_client *c);
struct call *api_call_new(struct api_client *c, enum call_kind kind,
	const char *action, int64_t account, void *ctx);
void api_call_begin(struct call *call);
/* One try of the current exchange: credentials, then send. */
void api_call_try(struct call *call);
void api_call_send(struct call *call, const struct creds_view *cv);
void api_call_finish(struct call *call);
/* Finish `call` (its err set) from the next step, never inside the api_*
 * call that started it. */
void api_call_fail_later(struct call *call);

/* api_bounds.c */
long api_answer_cap(enum call_kind kind);
/* Set call->err to "stopped: the command ran out of time". */
void api_deadline_err(struct call *call);
/* api.c: free a call without finishing it (no callback). */
void api_call_drop(struct call *call);

/* api_settle.c */
/* A write that was sent but whose answer was lost (timeout after sending,
 * cut off, unreadable 2xx): its outcome is unknown until read back. */
bool api_write_answer_lost(const struct call *call);
/* Record "unknown", read the recorder back, record what was seen, then
 * finish the write with the truth. -1 (err set) if nothing was started. */
int api_settle_begin(struct call *w);

/* api_rd.c */
/* One ListAccounts page arrived: parse it, queue the next one. */
void api_rd_parse_page(struct call *call, const char *body, size_t len);
/* After a good page: true when another page must be fetched. */
bool api_rd_more(struct call *call);
void api_rd_finish(struct call *call);
void api_rd_call_free(struct call *call);

/* The one write path (Start and Stop): audit record before, then send; a
 * failed record fails the call without sending it. */
void api_write_begin(struct call *call);

/* api_stop.c */
/* Parses a StopConfigurationRecorder answer into call->recorder (status
 * REGISTRABLE, the answer's RequestId) or sets call->err. */
void api_stop_parse(struct call *call, const char *body, size_t len);

/* api_quota.c */
/* 0: `call` may be sent now; 1: it waits (a TIMER_QUOTA timer resumes it). */
int api_quota_wait(struct call *call);
/* A throttling answer to `call`: shrink its bucket. The delay before `call`
 * tries again (through the limiter), or -1 when it is not a throttling
 * answer or the retry budget is spent. */
long api_quota_throttled(struct call *call);
void api_timer_add(struct api_client *c, struct call *call, enum call_timer what,
	long delay_ms);

/* api_sts.c */
/* The credentials `call` signs with: 0 with *cv filled, 1 when `call` now waits
 * for an AssumeRole (it is sent or finished when that ends). */
int api_call_creds(struct call *call, struct creds_view *cv);
/* The AssumeRole exchange `call` ended: creds, or NULL with call->err set. */
void api_role_done(struct call *call, struct sts_credentials *creds);
/* call failed with InvalidSecurityToken.* on cached credentials: drops them
 * and says whether to try again at once (only the first time). */
bool api_role_rejected(struct call *call);
/* The GetCallerIdentity call `call` ended (call->identity, or call->err): decide
 * for every call that waited on it. */
void api_identity_done(struct call *call);
/* Park `call` until the caller's account is known (starts the one
 * GetCallerIdentity); a parked write then goes to api_write_begin. */
void api_identity_wait(struct call *call);
void api_roles_init(struct api_client *c);
void api_roles_free(struct api_client *c);

#endif
