/* http: libcurl multi transport with our own queue above the concurrency
 * limit, an added-CA store, a body cap and network errors that say how far
 * the exchange got. */
#include "config.h"

#include "http.h"
#include "proxy.h"
#include "url.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#define HTTP_DEFAULT_CONCURRENCY 8
#define HTTP_DEFAULT_CONNECT_MS 10000L
#define HTTP_DEFAULT_TIMEOUT_MS 30000L
#define HTTP_DEFAULT_MAX_BODY (64L * 1024 * 1024)
#define HTTP_MAX_CA_FILE ((size_t)16 * 1024 * 1024)

struct transfer {
	struct http_client *h;
	CURL *easy;
	struct curl_slist *headers;
	char *url;
	char *method;
	char *body;
	size_t body_len;
	char host[256];           /* host[:port], for messages */
	char *proxy;              /* proxy URL, or NULL: direct */
	char where[600];          /* "host" or "proxy P (for host)" */
	http_done_fn done;
	void *ctx;
	struct http_response resp;
	bool too_large;
	long max_body;            /* this request's cap */
	CURLcode rc;
	char errbuf[CURL_ERROR_SIZE];
	struct transfer *next;   /* queue, or the finished list */
	struct transfer *rprev;  /* running list */
	struct transfer *rnext;
};

struct http_client {
	CURLM *multi;
	int concurrency;
	long connect_timeout_ms;
	long timeout_ms;
	long max_body;
	char *user_agent;
	/* With --ca-bundle: system CAs + the extra one, written once to a
	 * private file (libcurl caches the store it parses from a CA file per
	 * multi handle), or kept as a blob when no file can be made (parsed
	 * again for every connection). Both NULL: libcurl's default store. */
	char *ca_file;
	char *ca_blob;
	size_t ca_blob_len;
	bool ca_has_system;      /* the system bundle file is in it */
	bool ca_file_named;      /* ca_file is ours to unlink */
	int ca_fd;               /* keeps an unlinked ca_file open, or -1 */
	struct transfer *queue_head;
	struct transfer *queue_tail;
	int nqueued;
	struct transfer *running;
	int nrunning;
	CURL **spare;            /* easy handles kept for reuse */
	int nspare;
};

static pthread_once_t http_global_once = PTHREAD_ONCE_INIT;
static CURLcode http_global_rc;

static void
http_global_init(void)
{
	http_global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* --- CA store ------------------------------------------------------------ */

static int
http_read_file(const char *path, struct buf *out, struct err *e)
{
	if (buf_read_file(out, path, HTTP_MAX_CA_FILE, e) < 0) {
		e->kind = ERR_CONFIG;
		err_prefix(e, "cannot read CA bundle");
		return -1;
	}
	return 0;
}

static const char *
http_system_ca_file(void)
{
	static const char *const candidates[] = {
		"/etc/ssl/certs/ca-certificates.crt",  /* Debian, Ubuntu */
		"/etc/pki/tls/certs/ca-bundle.crt",    /* Fedora, RHEL */
		"/etc/ssl/ca-bundle.pem",              /* openSUSE */
		"/etc/ssl/cert.pem",                   /* Alpine, BSD */
	};
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++)
		if (access(candidates[i], R_OK) == 0)
			return candidates[i];
	return NULL;
}

/* The combined bundle in a private file (mkostemp: mode 0600) under
 * $TMPDIR. Where /proc can reopen it, the name is dropped at once and
 * libcurl reads /proc/self/fd/N, so nothing is left behind even when we are
 * killed; elsewhere http_client_free removes the file. -1 when no file can
 * be made: the caller keeps the bundle in memory instead. */
static int
http_ca_to_file(struct http_client *h, const struct buf *pem)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || dir[0] != '/')
		dir = "/tmp";
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/alicfg-ca.XXXXXX", dir);
	int fd = mkostemp(path.data, O_CLOEXEC);
	if (fd < 0) {
		buf_free(&path);
		return -1;
	}
	size_t done = 0;
	while (done < pem->len) {
		ssize_t n = write(fd, pem->data + done, pem->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (done != pem->len) {
		close(fd);
		unlink(buf_str(&path));
		buf_free(&path);
		return -1;
	}
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	int probe = open(proc, O_RDONLY | O_CLOEXEC);
	if (probe >= 0) {
		close(probe);
		unlink(buf_str(&path));
		buf_free(&path);
		h->ca_fd = fd;
		h->ca_file = xstrdup(proc);
		return 0;
	}
	close(fd);
	h->ca_file = buf_steal(&path);
	h->ca_file_named = true;
	return 0;
}

/* The extra CA adds trust, it never narrows it: the bundle we hand libcurl
 * carries the system store too. It is built once per client; from a file,
 * libcurl also parses it once per multi handle rather than once per new
 * connection (~50 ms of a ~150-certificate store each time). */
static int
http_load_ca(struct http_client *h, const char *extra, struct err *e)
{
	struct buf all = BUF_INIT;
	struct buf mine = BUF_INIT;
	if (http_read_file(extra, &mine, e) < 0)
		goto fail;
	if (!strstr(buf_str(&mine), "-----BEGIN CERTIFICATE-----")) {
		err_set(e, ERR_CONFIG, "CA bundle %s holds no PEM certificate",
			extra);
		goto fail;
	}
	const char *sys = http_system_ca_file();
	if (sys) {
		struct err ignore;
		if (http_read_file(sys, &all, &ignore) < 0)
			buf_reset(&all);
		else
			h->ca_has_system = true;
		buf_putc(&all, '\n');
	}
	buf_append(&all, mine.data, mine.len);
	buf_putc(&all, '\n');
	buf_free(&mine);
	if (http_ca_to_file(h, &all) == 0) {
		buf_free(&all);
		return 0;
	}
	h->ca_blob_len = all.len;
	h->ca_blob = buf_steal(&all);
	return 0;
fail:
	buf_free(&mine);
	buf_free(&all);
	return -1;
}

/* --- client ------------------------------------------------------------ */

struct http_client *
http_client_new(const struct http_options *o, struct err *e)
{
	pthread_once(&http_global_once, http_global_init);
	if (http_global_rc != CURLE_OK) {
		err_set(e, ERR_SYSTEM, "libcurl initialisation failed: %s",
			curl_easy_strerror(http_global_rc));
		return NULL;
	}
	struct http_client *h = xcalloc(1, sizeof(*h));
	h->concurrency = o->concurrency > 0 ? o->concurrency :
		HTTP_DEFAULT_CONCURRENCY;
	h->connect_timeout_ms = o->connect_timeout_ms > 0 ?
		o->connect_timeout_ms : HTTP_DEFAULT_CONNECT_MS;
	h->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms :
		HTTP_DEFAULT_TIMEOUT_MS;
	h->max_body = o->max_body > 0 ? o->max_body : HTTP_DEFAULT_MAX_BODY;
	h->user_agent = xstrdup(o->user_agent ? o->user_agent :
		"alicfg/" PACKAGE_VERSION);
	h->ca_fd = -1;
	if (o->ca_bundle && *o->ca_bundle && http_load_ca(h, o->ca_bundle, e) < 0) {
		http_client_free(h);
		return NULL;
	}
	h->multi = curl_multi_init();
	if (!h->multi) {
		err_set(e, ERR_SYSTEM, "libcurl: cannot create a multi handle");
		http_client_free(h);
		return NULL;
	}
	curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
		(long)h->concurrency);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
		(long)h->concurrency);
	/* Room for both hosts (Config and STS) in the keep-alive cache. */
	curl_multi_setopt(h->multi, CURLMOPT_MAXCONNECTS,
		(long)h->concurrency + 2);
	h->spare = xcalloc((size_t)h->concurrency, sizeof(*h->spare));
	return h;
}

static void
http_transfer_free(struct transfer *t)
{
	if (t->headers) {
		/* Header values may hold a security token. */
		for (struct curl_slist *s = t->headers; s; s = s->next)
			OPENSSL_cleanse(s->data, strlen(s->data));
		curl_slist_free_all(t->headers);
	}
	/* A V2 URL or form body carries the token; an AssumeRole answer
	 * carries a secret. */
	buf_secret_free(t->url);
	buf_secret_free(t->proxy);    /* may hold the proxy's password */
	free(t->method);
	if (t->body)
		OPENSSL_cleanse(t->body, t->body_len);
	free(t->body);
	buf_wipe_free(&t->resp.body);
	free(t);
}

void
http_client_cancel(struct http_client *h)
{
	while (h->running) {
		struct transfer *t = h->running;
		h->running = t->rnext;
		curl_multi_remove_handle(h->multi, t->easy);
		curl_easy_cleanup(t->easy);
		http_transfer_free(t);
	}
	h->nrunning = 0;
	while (h->queue_head) {
		struct transfer *t = h->queue_head;
		h->queue_head = t->next;
		http_transfer_free(t);
	}
	h->queue_tail = NULL;
	h->nqueued = 0;
}

void
http_client_free(struct http_client *h)
{
	if (!h)
		return;
	http_client_cancel(h);
	for (int i = 0; i < h->nspare; i++)
		curl_easy_cleanup(h->spare[i]);
	free(h->spare);
	if (h->multi)
		curl_multi_cleanup(h->multi);
	free(h->user_agent);
	if (h->ca_file && h->ca_file_named)
		unlink(h->ca_file);
	if (h->ca_fd >= 0)
		close(h->ca_fd);
	free(h->ca_file);
	free(h->ca_blob);
	free(h);
}

/* --- callbacks from libcurl -------------------------------------------- */

static size_t
http_on_body(char *data, size_t size, size_t nmemb, void *userp)
{
	struct transfer *t = userp;
	size_t n = size * nmemb;
	if ((long)(t->resp.body.len + n) > t->max_body) {
		t->too_large = true;
		return 0;  /* makes libcurl abort with CURLE_WRITE_ERROR */
	}
	buf_append(&t->resp.body, data, n);
	return n;
}

static void
http_header_value(const char *line, size_t n, size_t name_len, char *out,
	size_t outsz)
{
	const char *v = line + name_len;
	size_t vn = n - name_len;
	while (vn && (*v == ' ' || *v == '\t')) {
		v++;
		vn--;
	}
	while (vn && (v[vn - 1] == '\r' || v[vn - 1] == '\n' ||
		v[vn - 1] == ' ' || v[vn - 1] == '\t'))
		vn--;
	if (vn >= outsz)
		vn = outsz - 1;
	/* Keep only printable bytes: this ends up in logs and terminals. */
	size_t j = 0;
	for (size_t i = 0; i < vn; i++)
		if (v[i] >= 0x20 && v[i] < 0x7f)
			out[j++] = v[i];
	out[j] = '\0';
}

static size_t
http_on_header(char *line, size_t size, size_t nmemb, void *userp)
{
	struct transfer *t = userp;
	size_t n = size * nmemb;
	static const char rid[] = "x-acs-request-id:";
	static const char ra[] = "x-acs-retry-after:";
	static const char ct[] = "content-type:";
	if (n >= 5 && !strncmp(line, "HTTP/", 5)) {
		/* A new response (after a 100 Continue, say): start over. */
		t->resp.request_id[0] = '\0';
		t->resp.retry_after_ms = 0;
		t->resp.content_type[0] = '\0';
	} else if (n > sizeof(rid) - 1 && !strncasecmp(line, rid, sizeof(rid) - 1)) {
		http_header_value(line, n, sizeof(rid) - 1, t->resp.request_id,
			sizeof(t->resp.request_id));
	} else if (n > sizeof(ra) - 1 && !strncasecmp(line, ra, sizeof(ra) - 1)) {
		char v[32];
		http_header_value(line, n, sizeof(ra) - 1, v, sizeof(v));
		char *end;
		long ms = strtol(v, &end, 10);
		t->resp.retry_after_ms = (end != v && *end == '\0' && ms > 0) ?
			ms : 0;
	} else if (n > sizeof(ct) - 1 && !strncasecmp(line, ct, sizeof(ct) - 1)) {
		http_header_value(line, n, sizeof(ct) - 1, t->resp.content_type,
			sizeof(t->resp.content_type));
	}
	return n;
}

/* --- submitting -------------------------------------------------------- */

static CURL *
http_easy_get(struct http_client *h)
{
	if (h->nspare > 0) {
		CURL *c = h->spare[--h->nspare];
		curl_easy_reset(c);
		return c;
	}
	return curl_easy_init();
}

static void
http_easy_put(struct http_client *h, CURL *c)
{
	if (h->nspare < h->concurrency)
		h->spare[h->nspare++] = c;
	else
		curl_easy_cleanup(c);
}

static int
http_setup(struct http_client *h, struct transfer *t)
{
	CURL *c = t->easy;
	curl_easy_setopt(c, CURLOPT_URL, t->url);
	curl_easy_setopt(c, CURLOPT_PRIVATE, t);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS,
		(long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	/* Our choice (proxy.h), not libcurl's reading of the environment:
	 * "" means direct, even when http_proxy or all_proxy is set. */
	curl_easy_setopt(c, CURLOPT_PROXY, t->proxy ? t->proxy : "");
	curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	curl_easy_setopt(c, CURLOPT_PROXY_SSLVERSION,
		(long)CURL_SSLVERSION_TLSv1_2);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (h->ca_file) {
		curl_easy_setopt(c, CURLOPT_CAINFO, h->ca_file);
		/* A CA directory would stop libcurl caching the store; the
		 * file holds the system bundle already. */
		if (h->ca_has_system)
			curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
#if LIBCURL_VERSION_NUM >= 0x075700
		/* The file does not change while the client lives. */
		curl_easy_setopt(c, CURLOPT_CA_CACHE_TIMEOUT, -1L);
#endif
	} else if (h->ca_blob) {
		struct curl_blob blob = {
			.data = h->ca_blob,
			.len = h->ca_blob_len,
			.flags = CURL_BLOB_NOCOPY,  /* lives as long as h */
		};
		curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob);
	}
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, h->connect_timeout_ms);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(c, CURLOPT_USERAGENT, h->user_agent);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, t->headers);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, http_on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	if (!strcmp(t->method, "GET")) {
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	} else {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, t->body ? t->body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
			(curl_off_t)t->body_len);
		if (strcmp(t->method, "POST"))
			curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, t->method);
	}
	return 0;
}

static void
http_start_queued(struct http_client *h)
{
	while (h->queue_head && h->nrunning < h->concurrency) {
		struct transfer *t = h->queue_head;
		h->queue_head = t->next;
		if (!h->queue_head)
			h->queue_tail = NULL;
		h->nqueued--;
		t->next = NULL;
		t->easy = http_easy_get(h);
		if (!t->easy) {
			fputs("alicfg: libcurl: cannot create a handle\n", stderr);
			abort();
		}
		http_setup(h, t);
		curl_multi_add_handle(h->multi, t->easy);
		t->rprev = NULL;
		t->rnext = h->running;
		if (h->running)
			h->running->rprev = t;
		h->running = t;
		h->nrunning++;
	}
}

int
http_submit(struct http_client *h, const struct http_request *rq,
	http_done_fn done, void *ctx, struct err *e)
{
	if (url_check(rq->url, "a request", true, e) < 0)
		return -1;
	struct transfer *t = xcalloc(1, sizeof(*t));
	t->h = h;
	t->url = xstrdup(rq->url);
	t->method = xstrdup(rq->method ? rq->method : "GET");
	if (rq->body) {
		t->body = xstrndup(rq->body, rq->body_len);
		t->body_len = rq->body_len;
	}
	url_authority(rq->url, t->host, sizeof(t->host));
	char hostname[256];
	struct buf proxy = BUF_INIT;
	url_hostname(rq->url, hostname, sizeof(hostname));
	proxy_for(rq->url, hostname, &proxy);
	if (proxy.len) {
		char shown[256];
		proxy_display(buf_str(&proxy), shown, sizeof(shown));
		snprintf(t->where, sizeof(t->where), "proxy %s (for %s)", shown,
			t->host);
		t->proxy = buf_steal(&proxy);
	} else {
		snprintf(t->where, sizeof(t->where), "%s", t->host);
	}
	struct buf line = BUF_INIT;
	bool has_ct = false;
	for (size_t i = 0; rq->headers && i < rq->headers->count; i++) {
		const struct param *p = &rq->headers->items[i];
		if (!strcasecmp(p->name, "content-type"))
			has_ct = true;
		buf_reset(&line);
		buf_printf(&line, "%s: %s", p->name, p->value);
		t->headers = curl_slist_append(t->headers, buf_str(&line));
	}
	buf_wipe_free(&line);
	/* No Content-Type or Expect of libcurl's own choosing: what we send is
	 * what we signed. */
	if (!has_ct)
		t->headers = curl_slist_append(t->headers, "Content-Type:");
	t->headers = curl_slist_append(t->headers, "Expect:");
	t->max_body = rq->max_body > 0 && rq->max_body < h->max_body ?
		rq->max_body : h->max_body;
	t->done = done;
	t->ctx = ctx;
	if (h->queue_tail)
		h->queue_tail->next = t;
	else
		h->queue_head = t;
	h->queue_tail = t;
	h->nqueued++;
	http_start_queued(h);
	return 0;
}

/* --- finishing --------------------------------------------------------- */

static void
http_fail(struct transfer *t, CURLcode rc, struct err *e)
{
	CURL *c = t->easy;
	long sent = 0, os_errno = 0;
	curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &sent);
	const char *detail = t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc);
	const char *code = HTTP_ERR_OTHER;
	enum err_kind kind = ERR_NETWORK;
	bool retryable = false;

	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		err_set(e, kind, "cannot resolve %s: %s", t->where, detail);
		code = HTTP_ERR_RESOLVE;
		break;
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
		err_set(e, kind, "cannot connect to %s: %s", t->where,
			os_errno ? strerror((int)os_errno) : detail);
		code = HTTP_ERR_NOT_SENT;
		retryable = true;
		break;
	case CURLE_OPERATION_TIMEDOUT:
		if (sent == 0) {
			err_set(e, kind, "timed out connecting to %s: %s",
				t->where, detail);
			code = HTTP_ERR_NOT_SENT;
		} else {
			err_set(e, kind, "timed out waiting for %s: %s",
				t->where, detail);
			code = HTTP_ERR_TIMEOUT;
		}
		retryable = true;
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
		err_set(e, kind, "TLS certificate verification failed for %s: %s",
			t->where, detail);
		code = HTTP_ERR_TLS;
		break;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_USE_SSL_FAILED:
		err_set(e, kind, "TLS handshake with %s failed: %s", t->where,
			detail);
		code = HTTP_ERR_TLS;
		break;
	case CURLE_GOT_NOTHING:
		err_set(e, kind, "%s closed the connection without an answer",
			t->where);
		code = sent ? HTTP_ERR_RESET : HTTP_ERR_NOT_SENT;
		retryable = true;
		break;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
		err_set(e, kind, "connection to %s broke: %s", t->where, detail);
		code = sent ? HTTP_ERR_RESET : HTTP_ERR_NOT_SENT;
		retryable = true;
		break;
	case CURLE_WRITE_ERROR:
		if (t->too_large) {
			if (t->max_body >= 1024 * 1024)
				err_set(e, ERR_PROTOCOL, "the answer from %s is "
					"larger than %ld MiB: cut off", t->where,
					t->max_body / (1024 * 1024));
			else
				err_set(e, ERR_PROTOCOL, "the answer from %s is "
					"larger than %ld KiB: cut off", t->where,
					t->max_body / 1024);
			code = HTTP_ERR_TOO_LARGE;
			break;
		}
		/* fall through */
	default:
		err_set(e, kind, "request to %s failed: %s", t->where, detail);
		break;
	}
	snprintf(e->code, sizeof(e->code), "%s", code);
	e->retryable = retryable;
}

static void
http_finish(struct http_client *h, struct transfer *t)
{
	CURLcode rc = t->rc;
	struct err e;
	err_clear(&e);
	curl_off_t us = 0;
	curl_easy_getinfo(t->easy, CURLINFO_TOTAL_TIME_T, &us);
	t->resp.elapsed_ms = (double)us / 1000.0;
	if (rc == CURLE_OK) {
		curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE,
			&t->resp.status);
	} else {
		t->resp.status = 0;
		http_fail(t, rc, &e);
	}
	http_easy_put(h, t->easy);
	t->easy = NULL;
	t->done(t->ctx, &t->resp, &e);
	http_transfer_free(t);
}

/* Returns how many transfers finished. */
static int
http_collect(struct http_client *h)
{
	int finished = 0;
	/* Take every finished transfer out of libcurl first; callbacks run
	 * afterwards, outside libcurl, free to submit more. */
	struct transfer *done_head = NULL, **done_tail = &done_head;
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(h->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		struct transfer *t = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		CURLcode rc = m->data.result;
		curl_multi_remove_handle(h->multi, m->easy_handle);
		if (t->rprev)
			t->rprev->rnext = t->rnext;
		else
			h->running = t->rnext;
		if (t->rnext)
			t->rnext->rprev = t->rprev;
		h->nrunning--;
		t->errbuf[sizeof(t->errbuf) - 1] = '\0';
		t->rc = rc;
		t->next = NULL;
		*done_tail = t;
		done_tail = &t->next;
	}
	/* Start queued work before running callbacks, so nothing idles. */
	http_start_queued(h);
	while (done_head) {
		struct transfer *t = done_head;
		done_head = t->next;
		http_finish(h, t);
		finished++;
	}
	http_start_queued(h);
	return finished;
}

int
http_client_step(struct http_client *h, int timeout_ms)
{
	int still = 0;
	curl_multi_perform(h->multi, &still);
	if (http_collect(h) == 0 && timeout_ms > 0) {
		/* curl_multi_poll returns at once when a new handle needs
		 * starting, and on curl_multi_wakeup from another thread. */
		curl_multi_poll(h->multi, NULL, 0, timeout_ms, NULL);
		curl_multi_perform(h->multi, &still);
		http_collect(h);
	}
	return h->nrunning + h->nqueued;
}

int
http_client_pending(const struct http_client *h)
{
	return h->nrunning + h->nqueued;
}

void
http_client_wakeup(struct http_client *h)
{
	curl_multi_wakeup(h->multi);
}
