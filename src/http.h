/* http: a small asynchronous HTTP client over one libcurl multi handle.
 *
 * Connections are kept alive and reused; at most `concurrency` transfers
 * run at once (more wait in a FIFO here, so their timeouts start only when
 * they really start). HTTPS always verifies peer and host; an extra CA is
 * added to the system store, never replaces verification. Plain http:// is
 * refused unless the host is loopback (url.h has the one rule). Not thread-safe, except
 * http_client_wakeup(). libcurl stays hidden behind this header. */
#ifndef ALICFG_HTTP_H
#define ALICFG_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "params.h"

/* err.code of an ERR_NETWORK failure: how far the exchange got. */
#define HTTP_ERR_NOT_SENT "ConnectFailed"   /* no request byte left: safe
                                             * to retry even a write */
#define HTTP_ERR_RESOLVE "ResolveFailed"    /* host name unknown */
#define HTTP_ERR_TIMEOUT "Timeout"          /* sent, no full answer in time */
#define HTTP_ERR_RESET "ConnectionReset"    /* sent, then cut / empty reply */
#define HTTP_ERR_TLS "TLSError"             /* certificate or handshake */
#define HTTP_ERR_OTHER "NetworkError"
/* err.code of the ERR_PROTOCOL failure for an answer over max_body. */
#define HTTP_ERR_TOO_LARGE "ResponseTooLarge"

struct http_options {
	int concurrency;          /* transfers and connections at once; <= 0: 8 */
	long connect_timeout_ms;  /* <= 0: 10000 */
	long timeout_ms;          /* one transfer in all; <= 0: 30000 */
	/* PEM file added to the system CAs, or NULL. The combined bundle is
	 * built once per client, in a private unlinked file under $TMPDIR, so
	 * that libcurl parses it once rather than for every connection. */
	const char *ca_bundle;
	long max_body;            /* larger answers are cut off; <= 0: 64 MiB */
	const char *user_agent;   /* NULL: "alicfg/VERSION" */
};

struct http_request {
	const char *method;             /* "POST", "GET" */
	const char *url;                /* complete, query string included */
	const struct params *headers;   /* sent as given (Host too), may be NULL */
	const char *body;               /* NULL: none */
	size_t body_len;
	long max_body;                  /* this answer's cap; <= 0: the client's */
};

struct http_response {
	long status;              /* 0: no answer */
	struct buf body;
	char request_id[96];      /* x-acs-request-id header, or "" */
	long retry_after_ms;      /* x-acs-retry-after header, 0 when absent */
	char content_type[128];
	double elapsed_ms;        /* this transfer alone */
};

/* Called once per submitted request, from inside http_client_step(). `e`
 * is ERR_NONE whenever an HTTP answer arrived, whatever its status. `resp`
 * lives until the callback returns (buf_steal() the body to keep it). The
 * callback may submit new requests. */
typedef void (*http_done_fn)(void *ctx, struct http_response *resp,
	const struct err *e);

struct http_client *http_client_new(const struct http_options *o,
	struct err *e);
/* Drops queued and running transfers without calling their callbacks. */
void http_client_free(struct http_client *h);

/* Copies everything in `rq`. Fails (-1, ERR_CONFIG) on a URL that
 * url_check() refuses (not https://, nor http:// to a loopback host). */
int http_submit(struct http_client *h, const struct http_request *rq,
	http_done_fn done, void *ctx, struct err *e);

/* Move transfers along, waiting at most timeout_ms (0: do not wait) for
 * network activity or a wakeup; runs the callbacks of finished transfers.
 * Returns the number of requests still queued or running. */
int http_client_step(struct http_client *h, int timeout_ms);
int http_client_pending(const struct http_client *h);
/* Drop every queued and running transfer without calling its callback
 * (the client stays usable). */
void http_client_cancel(struct http_client *h);
/* From any thread: make a waiting http_client_step() return early. */
void http_client_wakeup(struct http_client *h);


#endif
