/* err: the one error type carried through every call in alicfg.
 *
 * A function that can fail takes a `struct err *` last and returns -1 (or
 * NULL) after filling it; callers pass it up unchanged or add context with
 * err_prefix(). The same struct carries an API error (HTTP status, Code,
 * Message, RequestId) and local failures (usage, configuration, network),
 * so the batch CLI and the TUI report both the same way.
 *
 * The struct is lean (about 1.3 KB) because results and store rows copy
 * it: what every report needs is inline, and rare, large details (the
 * server's whole Message when it did not fit, HostId, Recommend, our V2
 * string-to-sign) live in an optional heap part.
 *
 * Ownership of the heap part: err_clear() and err_set() treat the struct
 * as fresh memory and never free (so an uninitialised `struct err` is
 * fine to pass). Whoever keeps an err that may carry details (one that an
 * API answer filled, or that err_copy() filled) releases it with
 * err_free(). Copy with err_copy(), never with `=`. */
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

/* The optional heap part; every field may be NULL. */
struct err_details {
	char *server_message;        /* the server's whole Message, when
	                              * message[] holds only its start */
	char *host_id;
	char *recommend;             /* the server's diagnosis link */
	char *client_string_to_sign; /* on SignatureDoesNotMatch: ours, for -v */
};

#define ERR_MESSAGE_MAX 1024

struct err {
	enum err_kind kind;
	long http_status;     /* 0 when no HTTP answer was received */
	char code[96];        /* API Code, e.g. "Throttling.User" */
	char request_id[96];
	char message[ERR_MESSAGE_MAX]; /* human-readable; for API errors the
	                       * server's, cut at a character boundary */
	bool retryable;       /* may be retried without changing anything */
	long retry_after_ms;  /* x-acs-retry-after, 0 when absent */
	int attempts;         /* how many tries were made (1 = no retry) */
	struct err_details *details; /* NULL when none; owned */
};

/* Start fresh; forgets (does not free) any details. */
void err_clear(struct err *e);
/* Free the details and clear. */
void err_free(struct err *e);
/* dst (treated as fresh) becomes a deep copy of src. */
void err_copy(struct err *dst, const struct err *src);
/* The details, created on first use. */
struct err_details *err_details(struct err *e);
/* Set message[] from `text` of `len` bytes: cut at a UTF-8 character
 * boundary when it does not fit, and then keep the whole text in
 * details->server_message. */
void err_set_message(struct err *e, const char *text, size_t len);
/* The whole message: details->server_message if kept, else message. */
const char *err_full_message(const struct err *e);
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

/* The one throttling classifier: an API error whose Code is Throttling,
 * Throttling.* or Rejected.Throttling, or that carries x-acs-retry-after
 * (the official SDKs treat that as throttling whatever the Code). The
 * retries, the parser's retryable flag, the hint and the TUI's backoff all
 * ask this. Sources: docs/wire-reference.md#throttling. */
bool err_is_throttling(const struct err *e);

int err_exit_code(const struct err *e);
const char *err_kind_name(enum err_kind kind);

/* One line for a human: "Throttling.User (HTTP 400): Request was denied ...
 * [RequestId 3C85...]" plus a hint for well-known codes (clock skew,
 * signature mismatch, wrong site). */
void err_format(const struct err *e, char *out, size_t outsz);
/* The hint alone, or NULL when there is none. */
const char *err_hint(const struct err *e);

#endif
