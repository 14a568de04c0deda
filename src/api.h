/* api: the typed, asynchronous Config + STS client.
 *
 * One client owns one libcurl multi handle: connections are kept alive and
 * reused, at most `concurrency` transfers run at once, and every call is
 * signed (V3 by default), retried per retry.h, parsed per model.h. Calls
 * return at once; their callback runs later from inside api_client_step()
 * on the thread that drives the client. Not thread-safe, except
 * api_client_wakeup().
 *
 * Member accounts: a call for an account other than the caller's own first
 * assumes acs:ram::UID:role/<role_name> (session name alicfg-UID) and caches
 * the temporary credentials per account until five minutes before they
 * expire. While the caller's own account is unknown, a call naming an
 * account first learns it with STS GetCallerIdentity (once per client). */
#ifndef ALICFG_API_H
#define ALICFG_API_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "cred.h"
#include "err.h"
#include "model.h"
#include "rd.h"
#include "quota.h"
#include "retry.h"
#include "sign.h"

#define API_CONFIG_VERSION "2020-09-07"
#define API_STS_VERSION "2015-04-01"
#define API_DEFAULT_ROLE "ResourceDirectoryAccountAccessRole"
#define API_MAX_BODY (64L * 1024 * 1024)
/* err.code of a write that was sent but whose answer was lost, and whose
 * effect the read-back did not show (api_settle.c). */
#define API_ERR_ANSWER_LOST "AnswerLost"
/* err.code of a call stopped by the command's deadline (--timeout). */
#define API_ERR_DEADLINE "Deadline"

/* One finished HTTP exchange (after its retries), for -v and the TUI log.
 * Never holds a secret. */
struct api_log_entry {
	time_t when;
	const char *action;     /* "GetAggregator" */
	int64_t account;        /* account acted as; 0 = the caller */
	long http_status;       /* 0 = no answer */
	const char *code;       /* "" on success */
	const char *request_id;
	double latency_ms;      /* of the whole call, retries included */
	double queue_ms;        /* of it: waiting for a slot, not the backoff */
	double wire_ms;         /* of it: on the wire, every try */
	int attempts;
	/* the ctx the caller gave the call; NULL for calls the client makes
	 * on its own (AssumeRole, GetCallerIdentity) */
	void *call_ctx;
};
typedef void (*api_log_fn)(void *ctx, const struct api_log_entry *entry);

struct api_config {
	const char *endpoint;        /* Config base URL (endpoint.h) */
	const char *sts_endpoint;    /* STS base URL */
	const char *rd_endpoint;     /* Resource Directory base URL; NULL:
	                              * api_list_directory fails clearly */
	enum sign_version signature; /* SIGN_V3 default */
	const char *ca_bundle;       /* extra CA file, or NULL */
	const char *role_name;       /* NULL: ResourceDirectoryAccountAccessRole */
	int concurrency;             /* <= 0: 8 */
	long connect_timeout_ms;     /* <= 0: 10000 */
	long timeout_ms;             /* one try, total; <= 0: 30000 */
	/* The whole command, from api_client_new: api_client_run stops every
	 * call when it passes (code API_ERR_DEADLINE). 0: no deadline. */
	long deadline_s;
	struct retry_policy retry;   /* max_attempts 0: retry_policy_default */
	/* Client-side quotas (quota.h), copied; NULL: the published ones.
	 * no_quota: send without waiting for slots (tests of the server). */
	const struct quota_table *quotas;
	bool no_quota;
	api_log_fn log;              /* may be NULL */
	void *log_ctx;
	/* Audit log of every StartConfigurationRecorder (audit.h); NULL means
	 * $XDG_STATE_HOME/alicfg/audit.log. */
	const char *audit_path;
	const char *audit_who;       /* profile / origin for the record */
	/* Refuse every write (Start, Stop) with ERR_REFUSED before anything
	 * is audited or sent, whatever the front end did. */
	bool readonly;
};

struct api_client;

/* `caller` is copied (a RamRoleArn caller is assumed on first use). */
struct api_client *api_client_new(const struct api_config *cfg,
	const struct cred *caller, struct err *e);
void api_client_free(struct api_client *c);  /* aborts what is in flight */

/* The caller's own account, when known (learnt from the first
 * ListAggregators or GetCallerIdentity, or set by the user). Calls for it,
 * or for 0, use the caller's credentials directly. */
void api_client_set_caller_account(struct api_client *c, int64_t account);
int64_t api_client_caller_account(const struct api_client *c);
/* True when GetCallerIdentity said the credentials are a root AccessKey
 * (false when it was not asked). */
bool api_client_caller_is_root(const struct api_client *c);

/* Each callback gets an error (kind ERR_NONE on success) and, on success,
 * a result it owns and must free (model_aggregator_list_free, ...); on failure
 * the result is NULL. */
typedef void (*api_aggregators_cb)(void *ctx, const struct err *e,
	struct aggregator_list *list);
typedef void (*api_aggregator_cb)(void *ctx, const struct err *e,
	struct aggregator_detail *detail);
typedef void (*api_recorder_cb)(void *ctx, const struct err *e,
	struct recorder *recorder);

typedef void (*api_directory_cb)(void *ctx, const struct err *e,
	struct rd_account_list *list);

/* Every page, MaxResults 100; stops on an absent or empty token. A token
 * the server already gave fails with code RepeatedNextToken (never loops). */
void api_list_aggregators(struct api_client *c, api_aggregators_cb cb,
	void *ctx);
void api_get_aggregator(struct api_client *c, const char *aggregator_id,
	api_aggregator_cb cb, void *ctx);
void api_get_recorder(struct api_client *c, int64_t account,
	api_recorder_cb cb, void *ctx);
/* A write. Appends an audit record before the call and one with the
 * outcome after. ProcessIsRunning is not a failure: the callback gets a
 * recorder with status BUILDING and no error. Retried only where the server
 * cannot have acted. */
void api_start_recorder(struct api_client *c, int64_t account,
	api_recorder_cb cb, void *ctx);

/* StopConfigurationRecorder (docs/stop-recorder.md): the same write path
 * as the start (audit record before and after, retried only where the
 * server cannot have acted). Success gives a recorder with status
 * REGISTRABLE and the answer's RequestId (the answer itself holds only
 * StopConfigurationRecorderResult); read the recorder to confirm. */
void api_stop_recorder(struct api_client *c, int64_t account,
	api_recorder_cb cb, void *ctx);

/* Every member of the caller's resource directory (ListAccounts,
 * Resource Directory Master 2022-04-19), paged to the end: MaxResults 100
 * and NextToken; when a server answers without a token but TotalCount says
 * more remain, PageNumber paging takes over. The list comes sorted by
 * account id. A caller that may not list the directory gets an error for
 * which rd_err_not_allowed() is true, its message saying why and how to
 * fix it. */
void api_list_directory(struct api_client *c, api_directory_cb cb,
	void *ctx);

/* Drive transfers and timers for at most timeout_ms (-1: until something
 * happens). Runs callbacks. Returns the number of calls still pending. */
int api_client_step(struct api_client *c, int timeout_ms);
/* Step until nothing is pending. */
void api_client_run(struct api_client *c);
int api_client_pending(const struct api_client *c);
/* From any thread: make a blocked api_client_step return early. */
void api_client_wakeup(struct api_client *c);

#endif
