/* model: the typed results of the Config and STS calls, and the parsers
 * that turn a response body into them. Parsers are pure and defensive:
 * bytes from the network are untrusted (wrong types, missing fields,
 * truncation, huge values) and become a struct err, never a crash. */
#ifndef ALICFG_MODEL_H
#define ALICFG_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "err.h"

enum recorder_status {
	RECORDER_UNKNOWN = 0,   /* not fetched yet, or a value we do not know */
	RECORDER_REGISTRABLE,
	RECORDER_BUILDING,
	RECORDER_REGISTERED,
	RECORDER_REBUILDING,
};
/* "REGISTERED", ..., "UNKNOWN" */
const char *model_recorder_status_name(enum recorder_status s);
enum recorder_status model_recorder_status_parse(const char *s);
/* The statuses the service sends, in order, NULL-terminated (no
 * "UNKNOWN"): for validating and completing --status. */
const char *const *model_recorder_status_names(void);
/* An aggregator's status as a word: "creating", "created", "deleting",
 * "unknown" (the CLI prints it, the TUI shows it). */
const char *model_aggregator_status_name(int status);

struct tag {
	char *key;
	char *value;
};

struct aggregator {
	char *id;               /* AggregatorId */
	char *name;             /* AggregatorName */
	char *type;             /* RD, FOLDER, CUSTOM */
	int status;             /* 0 creating, 1 created, 2 deleting */
	int64_t account_id;     /* management account that owns it */
	int64_t member_count;   /* AggregatorAccountCount */
	int64_t create_ms;      /* AggregatorCreateTimestamp (number or string) */
	char *description;
	char *folder_id;
	char *folder_name;
	struct tag *tags;
	size_t ntags;
};

struct member {
	int64_t account_id;
	char *name;             /* AccountName */
	char *type;             /* AccountType, e.g. ResourceDirectory */
	enum recorder_status status;
	char *status_raw;       /* RecorderStatus exactly as received */
};

struct aggregator_list {
	struct aggregator *items;
	size_t count;
	int pages;              /* how many ListAggregators calls it took */
	char request_id[96];    /* of the last page */
};

struct aggregator_detail {
	struct aggregator agg;
	struct member *members;
	size_t nmembers;
	char request_id[96];
};

struct recorder {
	enum recorder_status status;
	char *status_raw;
	char **resource_types;
	size_t ntypes;
	char request_id[96];
	/* A write's answer was lost and this is the recorder read back
	 * afterwards, which shows the write took effect (api_settle.c). */
	bool answer_lost;
	/* StartConfigurationRecorder only: the server answered
	 * ProcessIsRunning, so a start was already under way (outcome.h). */
	bool was_running;
};

/* Temporary credentials from STS AssumeRole. Secrets: wipe on free. */
struct sts_credentials {
	char *access_key_id;
	char *access_key_secret;
	char *security_token;
	time_t expiration;      /* parsed from "2015-04-09T11:52:19Z" */
	char *assumed_role_arn;
	char request_id[96];
};

/* STS GetCallerIdentity: who signed the request. */
struct caller_identity {
	int64_t account_id;     /* AccountId: a decimal string on the wire */
	char *arn;              /* acs:ram::UID:user/NAME, ...:root, ... */
	char *identity_type;    /* RAMUser, AssumedRoleUser, Account */
	char *principal_id;
	char *user_id;
	char request_id[96];
};

/* One page of ListAggregators: appends to `list`, sets *next_token
 * (malloc'd, NULL at the end of the list: absent or empty token). The token
 * is read inside AggregatorsResult, else at the top level. */
int model_parse_aggregators_page(const char *body, size_t len,
	struct aggregator_list *list, char **next_token, struct err *e);
int model_parse_aggregator(const char *body, size_t len,
	struct aggregator_detail *out, struct err *e);
/* GetConfigurationRecorder and StartConfigurationRecorder share a shape. */
int model_parse_recorder(const char *body, size_t len,
	struct recorder *out, struct err *e);
int model_parse_assume_role(const char *body, size_t len,
	struct sts_credentials *out, struct err *e);
/* AccountId is required and must be a positive account id. */
int model_parse_caller_identity(const char *body, size_t len,
	struct caller_identity *out, struct err *e);
/* An error body (any status >= 400): fills Code, Message, RequestId,
 * HostId, Recommend into e (kind ERR_API, http_status = status). A body
 * that is not JSON still gives a clear error naming the status. */
void model_parse_error(long http_status, const char *body, size_t len,
	struct err *e);

/* frees members, not a */
void model_aggregator_free(struct aggregator *a);
void model_aggregator_copy(struct aggregator *dst,
	const struct aggregator *src);
void model_aggregator_list_free(struct aggregator_list *l);
void model_aggregator_detail_free(struct aggregator_detail *d);
void model_member_free(struct member *m);
void model_recorder_free(struct recorder *r);
void model_sts_credentials_free(struct sts_credentials *c);
void model_caller_identity_free(struct caller_identity *c);

#endif
