/* emu_http: the libmicrohttpd plumbing. One thread per connection (a
 * latency or slow fault sleeps only its own connection), bounded memory per
 * connection, an idle timeout for slow senders, a body limit, and the merge
 * of query-string and form-body parameters. Every answer carries an
 * x-acs-request-id header. */
#include "emu.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

/* MHD's per-connection pool: the request line and headers must fit. */
#define EMU_CONNECTION_MEMORY (128 * 1024)

struct emu_ctx {
	struct emu_request req;
	char *raw_uri;              /* as received, query string included */
	bool started;
	bool answered;
	bool too_large;
	double t0;
};

static void *
emu_uri_cb(void *cls, const char *uri, struct MHD_Connection *con)
{
	(void)cls;
	(void)con;
	struct emu_ctx *c = xcalloc(1, sizeof(*c));
	c->raw_uri = xstrdup(uri ? uri : "/");
	c->t0 = emu_now_mono();
	emu_request_id(c->req.request_id);
	return c;
}

static void
emu_ctx_free(struct emu_ctx *c)
{
	params_wipe_free(&c->req.query);
	params_wipe_free(&c->req.form);
	params_wipe_free(&c->req.all);
	params_wipe_free(&c->req.headers);
	buf_wipe_free(&c->req.body);
	free(c->raw_uri);
	free(c);
}

static void
emu_completed_cb(void *cls, struct MHD_Connection *con, void **con_cls,
	enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)con;
	(void)toe;
	if (*con_cls)
		emu_ctx_free(*con_cls);
	*con_cls = NULL;
}

static enum MHD_Result
emu_header_cb(void *cls, enum MHD_ValueKind kind, const char *key,
	const char *value)
{
	(void)kind;
	struct params *h = cls;
	if (key)
		params_add(h, key, value ? value : "");
	return MHD_YES;
}

/* A body cut short: Content-Length promises all of it, half is sent, then
 * the connection closes. */
struct emu_trunc {
	char *data;
	size_t cut;
};

static ssize_t
emu_trunc_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct emu_trunc *t = cls;
	if (pos >= t->cut)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	size_t n = t->cut - (size_t)pos;
	if (n > max)
		n = max;
	memcpy(out, t->data + pos, n);
	return (ssize_t)n;
}

static void
emu_trunc_free(void *cls)
{
	struct emu_trunc *t = cls;
	free(t->data);
	free(t);
}

/* The huge fault: a valid JSON object whose Padding string takes the body
 * past a client's 64 MiB limit. The bytes are made as they are sent, so
 * the emulator never holds them. */
#define EMU_HUGE_PADDING ((uint64_t)65 * 1024 * 1024)

struct emu_huge {
	char head[96];              /* {"RequestId":"...","Padding":" */
	uint64_t head_len;
	uint64_t total;             /* head, padding and the closing "} */
};

static ssize_t
emu_huge_read(void *cls, uint64_t pos, char *out, size_t max)
{
	const struct emu_huge *h = cls;
	static const char tail[] = "\"}";
	uint64_t pad_end = h->head_len + EMU_HUGE_PADDING;
	size_t n = 0;
	if (pos >= h->total)
		return MHD_CONTENT_READER_END_OF_STREAM;
	while (n < max && pos < h->total) {
		uint64_t end = pos < h->head_len ? h->head_len :
			pos < pad_end ? pad_end : h->total;
		size_t k = (size_t)(end - pos);
		if (k > max - n)
			k = max - n;
		if (pos < h->head_len)
			memcpy(out + n, h->head + pos, k);
		else if (pos < pad_end)
			memset(out + n, 'x', k);
		else
			memcpy(out + n, tail + (pos - pad_end), k);
		n += k;
		pos += k;
	}
	return (ssize_t)n;
}

static struct MHD_Response *
emu_huge_response(const struct emu_request *req)
{
	struct emu_huge *h = xmalloc(sizeof(*h));
	int n = snprintf(h->head, sizeof(h->head),
		"{\"RequestId\":\"%s\",\"Padding\":\"", req->request_id);
	h->head_len = (uint64_t)n;
	h->total = h->head_len + EMU_HUGE_PADDING + 2;
	struct MHD_Response *resp = MHD_create_response_from_callback(h->total,
		64 * 1024, emu_huge_read, h, free);
	if (!resp)
		free(h);
	return resp;
}

/* The body as JSON text (or the raw fault body), whole or truncated. */
static struct MHD_Response *
emu_body_response(struct emu_reply *r)
{
	char *text;
	if (r->raw) {
		text = r->raw;
		r->raw = NULL;
	} else {
		text = r->body ? json_dumps(r->body, JSON_COMPACT) : NULL;
		if (!text)
			text = xstrdup("{}");
	}
	size_t len = strlen(text);
	if (r->fault == EMU_FAULT_TRUNCATE || r->fault == EMU_FAULT_CUT) {
		struct emu_trunc *t = xmalloc(sizeof(*t));
		t->data = text;
		t->cut = len / 2;
		return MHD_create_response_from_callback(len, 4096,
			emu_trunc_read, t, emu_trunc_free);
	}
	return MHD_create_response_from_buffer(len, text,
		MHD_RESPMEM_MUST_FREE);
}

static enum MHD_Result
emu_send(struct MHD_Connection *con, const struct emu_request *req,
	struct emu_reply *r)
{
	struct MHD_Response *resp = r->fault == EMU_FAULT_HUGE ?
		emu_huge_response(req) : emu_body_response(r);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
		"application/json;charset=utf-8");
	MHD_add_response_header(resp, "x-acs-request-id", req->request_id);
	if (r->retry_after_ms > 0) {
		char ra[32];
		snprintf(ra, sizeof(ra), "%ld", r->retry_after_ms);
		MHD_add_response_header(resp, "x-acs-retry-after", ra);
	}
	enum MHD_Result ret = MHD_queue_response(con, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static bool
emu_is_form(const struct emu_request *req)
{
	const char *ct = params_get_ci(&req->headers, "Content-Type");
	return ct && strncasecmp(ct, "application/x-www-form-urlencoded",
		strlen("application/x-www-form-urlencoded")) == 0;
}

/* Parse the query string and the form body into req->all. */
static int
emu_parse_params(struct emu_server *srv, struct emu_ctx *c,
	struct emu_reply *r)
{
	struct emu_request *req = &c->req;
	struct err e;
	err_clear(&e);
	const char *q = strchr(c->raw_uri, '?');
	if (q) {
		q++;
		size_t qlen = strcspn(q, "#");
		if (params_parse(&req->query, q, qlen, true, &e) < 0) {
			emu_reply_error(r, req, 400, "InvalidParameter.Encoding",
				"The query string is not valid percent-encoding: %s",
				e.message);
			return -1;
		}
	}
	if (req->body.len > 0 && emu_is_form(req)) {
		if (memchr(req->body.data, '\0', req->body.len)) {
			emu_reply_error(r, req, 400, "InvalidParameter.Encoding",
				"The form body contains a NUL byte.");
			return -1;
		}
		if (params_parse(&req->form, req->body.data, req->body.len, true,
			&e) < 0) {
			emu_reply_error(r, req, 400, "InvalidParameter.Encoding",
				"The form body is not valid percent-encoding: %s",
				e.message);
			return -1;
		}
	}
	if (req->query.count + req->form.count > srv->param_limit) {
		emu_reply_error(r, req, 400, "InvalidParameter",
			"The request has %zu parameters; at most %zu are accepted.",
			req->query.count + req->form.count, srv->param_limit);
		return -1;
	}
	for (size_t i = 0; i < req->query.count; i++)
		params_add(&req->all, req->query.items[i].name,
			req->query.items[i].value);
	for (size_t i = 0; i < req->form.count; i++)
		params_add(&req->all, req->form.items[i].name,
			req->form.items[i].value);
	return 0;
}

/* Route, draw a fault, authenticate and run the action. */
static void
emu_process(struct emu_server *srv, struct emu_ctx *c, struct emu_caller *who,
	struct emu_reply *r)
{
	struct emu_request *req = &c->req;
	if (c->too_large) {
		emu_reply_error(r, req, 400, "InvalidParameter.BodyTooLarge",
			"The request body is larger than %zu bytes.",
			srv->body_limit);
		return;
	}
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "POST") != 0) {
		emu_reply_error(r, req, 400, "UnsupportedHTTPMethod",
			"This http method is not supported: %.32s", req->method);
		return;
	}
	if (emu_parse_params(srv, c, r) < 0)
		return;
	const char *h_action = params_get_ci(&req->headers, "x-acs-action");
	const char *h_version = params_get_ci(&req->headers, "x-acs-version");
	/* V3 carries an Authorization header, V2 a Signature parameter (in
	 * the query or a form body). The official SDKs send x-acs-action and
	 * x-acs-version with V2 too, so those headers decide nothing; only a
	 * request with neither signature but V3 headers is taken for a V3
	 * one that lost its Authorization. */
	bool has_auth = params_get_ci(&req->headers, "Authorization") != NULL;
	bool has_sig = params_get(&req->all, "Signature") != NULL;
	req->v3 = has_auth || (!has_sig && h_action != NULL);
	const char *p_action = params_get(&req->all, "Action");
	const char *p_version = params_get(&req->all, "Version");
	if (req->v3) {
		req->action = h_action ? h_action : p_action;
		req->version = h_version ? h_version : p_version;
	} else {   /* V2 signs the parameters, so they name the action */
		req->action = p_action ? p_action : h_action;
		req->version = p_version ? p_version : h_version;
	}
	if (!req->action || !*req->action) {
		emu_reply_error(r, req, 400, "MissingAction",
			"Action is mandatory for this action.");
		return;
	}
	if (!req->version || !*req->version) {
		emu_reply_error(r, req, 400, "MissingVersion",
			"Version is mandatory for this action.");
		return;
	}
	const struct emu_action *act = emu_action_find(req->action,
		req->version);
	if (!act || strcmp(req->path, "/") != 0) {
		emu_reply_error(r, req, 404, "InvalidApi.NotFound",
			"Specified api is not found, please check your url and "
			"method.");
		return;
	}
	req->product = act->product;

	r->fault = emu_faults_draw(&srv->faults, &r->retry_after_ms);
	switch (r->fault) {
	case EMU_FAULT_THROTTLE:
		emu_reply_error(r, req, 400, "Throttling.User",
			"Request was denied due to user flow control.");
		return;
	case EMU_FAULT_UNAVAILABLE:
		emu_reply_error(r, req, 503, "ServiceUnavailable",
			"The request has failed due to a temporary failure of the "
			"server.");
		return;
	case EMU_FAULT_INTERNAL:
		emu_reply_error(r, req, 500, "InternalError",
			"The request processing has failed due to some unknown "
			"error, exception or failure.");
		return;
	case EMU_FAULT_RESET:
		r->reset = true;
		return;
	case EMU_FAULT_GARBAGE:
		r->status = 200;
		r->raw = xstrdup("<html><head><title>502 Bad Gateway</title>"
			"</head><body>upstream sent an invalid response"
			"</body></html>\n");
		return;
	case EMU_FAULT_HUGE:
		r->status = 200;
		return;
	case EMU_FAULT_SLOW:
		emu_sleep_ms(srv->faults.slow_ms);
		break;
	case EMU_FAULT_HOSTILE:
		/* OSC 0 (title), OSC 52 (clipboard), CSI 2J, C1 CSI, RTL
		 * override: what a client must never pass to a terminal. */
		emu_reply_error(r, req, 400, "Evil\x1b]0;pwned\x07",
			"Hostile \x1b]52;c;cHduZWQ=\x07 \x1b[2J \xc2\x9b" "31m "
			"\xe2\x80\xae" "gnp.exe end");
		return;
	case EMU_FAULT_LOOP:
		/* Only ListAggregators pages; the others answer normally. */
		if (act->run != emu_config_list_aggregators)
			r->fault = EMU_FAULT_NONE;
		break;
	case EMU_FAULT_LATE:
	case EMU_FAULT_CUT:
		/* Writes only: the lost answers of a write that took effect
		 * (the read that settles it answers normally). */
		if (act->run != emu_config_start_recorder &&
			act->run != emu_config_stop_recorder)
			r->fault = EMU_FAULT_NONE;
		break;
	default:
		break;
	}

	if (emu_auth(srv, req, who, r) < 0) {
		if (r->fault == EMU_FAULT_LOOP || r->fault == EMU_FAULT_LATE ||
			r->fault == EMU_FAULT_CUT)
			r->fault = EMU_FAULT_NONE;
		return;
	}
	/* Flow control counts what passed authentication, per account. */
	long wait = emu_quotas_admit(&srv->quotas, who->account, req->action,
		emu_now_mono());
	if (wait > 0) {
		emu_reply_error(r, req, 400, "Throttling.User",
			"Request was denied due to user flow control.");
		r->retry_after_ms = wait;
		r->over_quota = true;
		return;
	}
	act->run(srv, req, who, r);
}

/* Process the request and queue the answer (or close, for a reset). */
static enum MHD_Result
emu_finish(struct emu_server *srv, struct MHD_Connection *con,
	struct emu_ctx *c)
{
	struct emu_reply r;
	struct emu_caller who;
	memset(&r, 0, sizeof(r));
	memset(&who, 0, sizeof(who));
	c->answered = true;
	emu_process(srv, c, &who, &r);
	long delay = srv->latency_ms;
	if (r.fault == EMU_FAULT_LATE)
		delay += srv->faults.late_ms;
	if (srv->jitter_ms > 0)
		delay += emu_faults_rand(&srv->faults, srv->jitter_ms + 1);
	emu_sleep_ms(delay);
	emu_log_request(srv, &c->req, &who, &r,
		(emu_now_mono() - c->t0) * 1000.0);
	enum MHD_Result ret = MHD_NO;
	if (!r.reset)
		ret = emu_send(con, &c->req, &r);
	emu_reply_free(&r);
	return ret;
}

static enum MHD_Result
emu_handler(void *cls, struct MHD_Connection *con, const char *url,
	const char *method, const char *version, const char *upload_data,
	size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct emu_server *srv = cls;
	struct emu_ctx *c = *con_cls;
	if (!c) {
		c = emu_uri_cb(srv, url, con);
		*con_cls = c;
	}
	if (c->answered) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!c->started) {
		c->started = true;
		c->req.method = method;
		c->req.path = url;
		MHD_get_connection_values(con, MHD_HEADER_KIND, emu_header_cb,
			&c->req.headers);
		const char *host = params_get_ci(&c->req.headers, "Host");
		snprintf(c->req.host, sizeof(c->req.host), "%s",
			host ? host : "127.0.0.1");
		const char *cl = params_get_ci(&c->req.headers, "Content-Length");
		/* Refuse an announced oversized body before reading it; MHD
		 * closes the connection after this answer. */
		if (cl && strtoull(cl, NULL, 10) > srv->body_limit) {
			c->too_large = true;
			return emu_finish(srv, con, c);
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		/* A chunked body that grows past the limit: answers can only
		 * be queued before or after the body, so close. */
		if (c->req.body.len + *upload_data_size > srv->body_limit)
			return MHD_NO;
		buf_append(&c->req.body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	return emu_finish(srv, con, c);
}

static bool
emu_is_loopback(const char *host)
{
	struct in_addr a4;
	if (strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0)
		return true;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	return false;
}

int
emu_listen_parse(struct emu_listen *l, const char *spec, struct err *e)
{
	const char *colon;
	char host[64];
	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');
		if (!close || close[1] != ':')
			return err_set(e, ERR_USAGE, "--listen %s: expected "
				"[::1]:PORT", spec);
		snprintf(host, sizeof(host), "%.*s", (int)(close - spec - 1),
			spec + 1);
		colon = close + 1;
	} else {
		colon = strrchr(spec, ':');
		if (!colon)
			return err_set(e, ERR_USAGE, "--listen %s: expected "
				"127.0.0.1:PORT", spec);
		if ((size_t)(colon - spec) >= sizeof(host))
			return err_set(e, ERR_USAGE, "--listen: host too long");
		snprintf(host, sizeof(host), "%.*s", (int)(colon - spec), spec);
		if (host[0] == '\0')
			snprintf(host, sizeof(host), "127.0.0.1");
	}
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || port < 0 || port > 65535)
		return err_set(e, ERR_USAGE, "--listen %s: bad port", spec);
	if (!emu_is_loopback(host))
		return err_set(e, ERR_USAGE, "--listen %s: refusing to listen on "
			"a non-loopback address (use 127.0.0.1 or [::1])", spec);
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof(host), "127.0.0.1");
	snprintf(l->host, sizeof(l->host), "%s", host);
	l->port = (unsigned)port;
	return 0;
}

static char *
emu_read_file(const char *path, struct err *e)
{
	struct buf b = BUF_INIT;
	if (buf_read_file(&b, path, 0, e) < 0) {
		buf_free(&b);
		e->kind = ERR_USAGE;
		return NULL;
	}
	return buf_steal(&b);
}

static int
emu_bind(const struct emu_listen *l, unsigned *port, bool *v6, struct err *e)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	memset(&ss, 0, sizeof(ss));
	*v6 = strchr(l->host, ':') != NULL;
	if (*v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)l->port);
		inet_pton(AF_INET6, l->host, &s6->sin6_addr);
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)l->port);
		inet_pton(AF_INET, l->host, &s4->sin_addr);
		sl = sizeof(*s4);
	}
	int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return err_set(e, ERR_SYSTEM, "socket: %s", strerror(errno));
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0 || listen(fd, 256) < 0) {
		err_set(e, ERR_SYSTEM, "cannot listen on %s:%u: %s", l->host,
			l->port, strerror(errno));
		close(fd);
		return -1;
	}
	sl = sizeof(ss);
	getsockname(fd, (struct sockaddr *)&ss, &sl);
	*port = ntohs(*v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port :
		((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

int
emu_http_start(struct emu_server *srv, const struct emu_listen *l,
	struct err *e)
{
	char *cert = NULL, *key = NULL;
	bool tls = l->tls_cert_file != NULL;
	if (tls) {
		if (!MHD_is_feature_supported(MHD_FEATURE_TLS))
			return err_set(e, ERR_USAGE, "--tls-cert: this "
				"libmicrohttpd was built without TLS");
		cert = emu_read_file(l->tls_cert_file, e);
		key = cert ? emu_read_file(l->tls_key_file, e) : NULL;
		if (!key) {
			free(cert);
			return -1;
		}
	}
	unsigned port = 0;
	bool v6;
	int fd = emu_bind(l, &port, &v6, e);
	if (fd < 0) {
		free(cert);
		buf_secret_free(key);
		return -1;
	}
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
		MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC;
	if (v6)
		flags |= MHD_USE_IPv6;
	if (tls)
		flags |= MHD_USE_TLS;
	struct MHD_OptionItem tls_opts[] = {
		{MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, key},
		{MHD_OPTION_END, 0, NULL},
	};
	srv->daemon = MHD_start_daemon(flags, 0, NULL, NULL, emu_handler, srv,
		MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_URI_LOG_CALLBACK, emu_uri_cb, srv,
		MHD_OPTION_NOTIFY_COMPLETED, emu_completed_cb, srv,
		MHD_OPTION_CONNECTION_LIMIT, l->max_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, l->idle_timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)EMU_CONNECTION_MEMORY,
		MHD_OPTION_THREAD_STACK_SIZE, (size_t)(1024 * 1024),
		MHD_OPTION_ARRAY, tls ? tls_opts : &tls_opts[2],
		MHD_OPTION_END);
	free(cert);
	buf_secret_free(key);
	if (!srv->daemon) {
		close(fd);
		return err_set(e, ERR_SYSTEM, "libmicrohttpd failed to start "
			"on %s:%u", l->host, port);
	}
	snprintf(srv->url, sizeof(srv->url), "%s://%s%s%s:%u",
		tls ? "https" : "http", v6 ? "[" : "", l->host, v6 ? "]" : "",
		port);
	printf("alicfg-emu listening on %s\n", srv->url);
	fflush(stdout);
	return 0;
}

void
emu_http_stop(struct emu_server *srv)
{
	if (!srv->daemon)
		return;
	MHD_socket fd = MHD_quiesce_daemon(srv->daemon);
	MHD_stop_daemon(srv->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	srv->daemon = NULL;
}
