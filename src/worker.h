/* worker: the one thread that owns the API client.
 *
 * The UI thread submits jobs and takes results; it never waits on the
 * network. Results are announced on a wake-up fd that the UI polls together
 * with the keyboard. Jobs run in priority order (user-driven work before
 * background loading) with at most `concurrency` calls in flight; the API
 * client does retries and backoff. worker_stop() returns within about a
 * second even while requests hang. */
#ifndef ALICFG_WORKER_H
#define ALICFG_WORKER_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "api.h"
#include "err.h"
#include "model.h"

enum worker_kind {
	WORKER_LIST_GROUPS = 0,   /* ListAggregators, every page */
	WORKER_GET_GROUP,         /* GetAggregator(group_id) */
	WORKER_GET_RECORDER,      /* GetConfigurationRecorder as account */
	WORKER_START_RECORDER,    /* StartConfigurationRecorder as account */
	WORKER_STOP_RECORDER,     /* StopConfigurationRecorder as account */
	WORKER_LOG,               /* a result only: one finished HTTP call */
	WORKER_LIST_DIRECTORY,    /* ListAccounts (Resource Directory), every page */
};

enum worker_priority {
	WORKER_HIGH = 0,          /* what the user is looking at or asked for */
	WORKER_LOW,               /* background loading */
};

/* One finished HTTP exchange, copied out of the client's callback. */
struct worker_log {
	time_t when;
	char action[48];
	int64_t account;
	long http_status;
	char code[96];
	char request_id[96];
	double latency_ms;       /* all of it; queue_ms + wire_ms + backoff */
	double queue_ms;
	double wire_ms;
	int attempts;
};

struct worker_result {
	enum worker_kind kind;
	char *group_id;                  /* WORKER_GET_GROUP */
	int64_t account;                 /* recorder jobs */
	struct err err;                  /* kind ERR_NONE on success */
	struct aggregator_list *groups;  /* WORKER_LIST_GROUPS, owned */
	struct aggregator_detail *group; /* WORKER_GET_GROUP, owned */
	struct recorder *recorder;       /* recorder jobs, owned */
	struct rd_account_list *directory; /* WORKER_LIST_DIRECTORY, owned */
	struct worker_log log;           /* WORKER_LOG */
	int64_t caller_account;          /* as the client knows it now */
	struct worker_result *next;
};

struct worker;

/* Takes ownership of nothing: `cfg` and `caller` are copied by the client.
 * cfg->log is replaced (log lines come back as WORKER_LOG results). */
struct worker *worker_start(const struct api_config *cfg,
	const struct cred *caller, struct err *e);
/* Abort what is in flight and join the thread, waiting at most about a
 * second; a thread stuck past that is left behind (the process is going
 * away or switching profile). NULL is fine. */
void worker_stop(struct worker *w);

/* Readable when results are waiting. */
int worker_wake_fd(const struct worker *w);
/* Queue a job. There is at most one GetAggregator per group queued or on
 * the wire: a high-priority one takes over a queued low-priority one, and
 * one asked again while queued or running is not queued twice. */
void worker_submit(struct worker *w, enum worker_kind kind,
	const char *group_id, int64_t account, enum worker_priority prio);
/* The next result, or NULL. The wake-up fd stays readable until the
 * last result is taken. */
struct worker_result *worker_take(struct worker *w);
void worker_result_free(struct worker_result *r);
/* Jobs submitted and not yet returned (queued + in flight). */
int worker_pending(struct worker *w);
/* Waiting for a slot, and handed to the client (on the wire). */
void worker_counts(struct worker *w, int *queued, int *in_flight);

#endif
