/* err: the one error type carried through every call in alicfg.
 *
 * A function that can fail takes a `struct err *` last and returns -1 (or
 * NULL) after filling it; callers pass it up unchanged or add context with
 * err_prefix(). The same struct carries an API error (HTTP status, Code,
 * Message, RequestId, Recommend) and local failures (usage, configuration,
 * network), so the batch CLI and the TUI report both the same way. */
#ifndef ALICFG_ERR_H
#define ALICFG_ERR_H

#include <stdbool.h>
#include <stddef.h>

enum err_kind {
	ERR_NONE = 0,
	ERR_USAGE,    /* bad command line                    -> exit 2 */
	ERR_CONFIG,   /* credentials, profile, region, files -> exit 3 */
	ERR_REFUSED,  /* read-only, not confirmed            -> exit 4 */
	ERR_NETWORK,  /* connect, TLS, timeout, reset        -> exit 1 */
	ERR_API,      /* the server answered with an error   -> exit 1 */
	ERR_PROTOCOL, /* the answer could not be understood  -> exit 1 */
	ERR_SYSTEM,   /* out of memory, local I/O            -> exit 1 */
};

struct err {
	enum err_kind kind;
	long http_status;     /* 0 when no HTTP answer was received */
	char code[96];        /* API Code, e.g. "Throttling.User" */
	char message[2048];   /* human-readable; for API errors the server's */
	char request_id[96];
	char host_id[128];
	char recommend[512];
	bool retryable;       /* may be retried without changing anything */
	long retry_after_ms;  /* x-acs-retry-after, 0 when absent */
	int attempts;         /* how many tries were made (1 = no retry) */
	/* On SignatureDoesNotMatch: what we signed, for `-v`. */
	char client_string_to_sign[2048];
};

void err_clear(struct err *e);
bool err_failed(const struct err *e);

/* Set kind and message (printf-style); keeps no API fields. Returns -1 so
 * that `return err_set(e, ...)` reads naturally. */
int err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prepend context: "reading ~/.aliyun/config.json: " + old message. */
void err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* True when the API code equals `code` (exact) or starts with `code` followed
 * by '.' (so err_code_is(e, "Throttling") matches "Throttling.User"). */
bool err_code_is(const struct err *e, const char *code);

int err_exit_code(const struct err *e);
const char *err_kind_name(enum err_kind kind);

/* One line for a human: "Throttling.User (HTTP 400): Request was denied ...
 * [RequestId 3C85...]" plus a hint for well-known codes (clock skew,
 * signature mismatch, wrong site). */
void err_format(const struct err *e, char *out, size_t outsz);
/* The hint alone, or NULL when there is none. */
const char *err_hint(const struct err *e);

#endif
