/* url: the one home of the URL rules that guard credentials.
 *
 * Every endpoint (from a flag, the environment, a profile or the default)
 * and every request URL passes the same parser and the same loopback rule,
 * so the option check, the client and the HTTP layer cannot disagree. The
 * rules and why: docs/wire-reference.md#endpoints-and-plain-http. */
#ifndef ALICFG_URL_H
#define ALICFG_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* A URL split into parts; pointers into the original string. */
struct url {
	bool has_scheme;         /* false: a bare host, taken as https */
	bool https;
	const char *authority;   /* host[:port] as written */
	size_t authority_len;
	const char *host;        /* without brackets */
	size_t host_len;
	bool bracketed;          /* an IPv6 literal */
	const char *path;        /* "" or "/...", up to '?' or '#' */
	size_t path_len;
	bool has_query;          /* '?' or '#' follows the path */
};

/* Split `s`. Returns NULL, or why it is not a usable URL (the reason never
 * quotes the URL, which could hold a password). Refuses user information,
 * spaces and controls, bad ports and unbracketed IPv6. */
const char *url_parse(const char *s, struct url *u);

/* Loopback without asking a resolver: 127.0.0.0/8 and [::ffff:127.x.x.x]
 * as literals, [::1], and "localhost" (libcurl answers it itself). Not
 * "localhost." or other names, which a resolver would answer. */
bool url_host_is_loopback(const struct url *u);
bool url_is_loopback(const char *s);

/* The one rule: parses, and plain http:// only to a loopback host. `from`
 * names where the URL came from, for the message. With `allow_query`, a
 * request URL's query string is fine. ERR_CONFIG on failure. */
int url_check(const char *s, const char *from, bool allow_query,
	struct err *e);

/* url_check, then "scheme://authority/path": scheme added (https for a
 * bare host) and lower-cased, trailing '/'s dropped. Returns a new
 * string, or NULL with `e` set. */
char *url_normalize(const char *s, const char *from, struct err *e);

/* url_check, then "scheme://authority" and the path ("/" when none), both
 * new strings. */
int url_split(const char *s, const char *from, char **prefix, char **path,
	struct err *e);

/* "host[:port]" as sent in the Host header and shown to the user; never
 * user information; "" when there is no authority. */
void url_authority(const char *s, char *out, size_t outsz);
/* The host alone: no port, no brackets, lower case (proxy and no_proxy
 * matching); "" when there is none. */
void url_hostname(const char *s, char *out, size_t outsz);

#endif
