/* emu_test: process control, signed libcurl requests and raw-socket HTTP
 * for alicfg-emu's own tests. */
#include "emu_test.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sign.h"

double
emu_test_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
emu_test_start(struct emu_proc *p, const char *const *args)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return emu_proc_start(p, args);
}

int
emu_test_stop(struct emu_proc *p)
{
	/* A clean exit status proves the emulator survived the whole group. */
	int rc = emu_proc_stop(p);
	curl_global_cleanup();
	return rc == 0 ? 0 : -1;
}

const char *
emu_binary(void)
{
	static char path[1024];
	const char *dir = getenv("ALICFG_BUILDDIR");
	snprintf(path, sizeof(path), "%s/alicfg-emu", dir && *dir ? dir : ".");
	return path;
}

static char **
emu_argv(const char *const *args)
{
	size_t n = 0;
	while (args && args[n])
		n++;
	char **argv = calloc(n + 2, sizeof(char *));
	argv[0] = (char *)emu_binary();
	for (size_t i = 0; i < n; i++)
		argv[i + 1] = (char *)args[i];
	return argv;
}

int
emu_proc_start(struct emu_proc *p, const char *const *args)
{
	int out[2];
	memset(p, 0, sizeof(*p));
	snprintf(p->err_path, sizeof(p->err_path), "%s/emu-test-%d-%ld.err",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(),
		(long)(emu_test_now() * 1000));
	if (pipe(out) < 0)
		return -1;
	char **argv = emu_argv(args);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(p->err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(out[1], 1);
		if (fd >= 0)
			dup2(fd, 2);
		close(out[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	free(argv);
	close(out[1]);
	if (pid < 0) {
		close(out[0]);
		return -1;
	}
	p->pid = pid;
	char line[200];
	size_t n = 0;
	double deadline = emu_test_now() + 10;
	while (n < sizeof(line) - 1 && emu_test_now() < deadline) {
		struct pollfd pfd = {out[0], POLLIN, 0};
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		ssize_t r = read(out[0], line + n, 1);
		if (r <= 0)
			break;
		if (line[n] == '\n')
			break;
		n++;
	}
	line[n] = '\0';
	close(out[0]);
	const char *prefix = "alicfg-emu listening on ";
	if (strncmp(line, prefix, strlen(prefix)) != 0) {
		fprintf(stderr, "# alicfg-emu did not start: \"%s\" (see %s)\n",
			line, p->err_path);
		emu_proc_stop(p);
		return -1;
	}
	snprintf(p->url, sizeof(p->url), "%s", line + strlen(prefix));
	const char *colon = strrchr(p->url, ':');
	p->port = colon ? atoi(colon + 1) : 0;
	return 0;
}

int
emu_proc_stop(struct emu_proc *p)
{
	int status = 0;
	if (p->pid <= 0)
		return -1;
	kill(p->pid, SIGTERM);
	double deadline = emu_test_now() + 10;
	pid_t r;
	while ((r = waitpid(p->pid, &status, WNOHANG)) == 0 &&
		emu_test_now() < deadline)
		usleep(10000);
	if (r == 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, &status, 0);
		status = -1;
	}
	p->pid = 0;
	unlink(p->err_path);
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int
emu_proc_run(const char *const *args, struct buf *err_text, double timeout_s)
{
	int errp[2];
	if (pipe(errp) < 0)
		return -1;
	char **argv = emu_argv(args);
	pid_t pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDWR);
		dup2(devnull, 0);
		dup2(errp[1], 1);
		dup2(errp[1], 2);
		close(errp[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	free(argv);
	close(errp[1]);
	double deadline = emu_test_now() + timeout_s;
	char chunk[4096];
	for (;;) {
		struct pollfd pfd = {errp[0], POLLIN, 0};
		int left = (int)((deadline - emu_test_now()) * 1000);
		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		ssize_t r = read(errp[0], chunk, sizeof(chunk));
		if (r <= 0)
			break;
		buf_append(err_text, chunk, (size_t)r);
	}
	close(errp[0]);
	int status;
	pid_t r;
	while ((r = waitpid(pid, &status, WNOHANG)) == 0 &&
		emu_test_now() < deadline)
		usleep(10000);
	if (r == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void
emu_call_init(struct emu_call *c, const char *url, const char *action,
	const char *version, const char *key_id, const char *secret)
{
	memset(c, 0, sizeof(*c));
	c->url = url;
	c->method = "POST";
	c->sig = EMU_SIG_V3;
	c->action = action;
	c->version = version;
	c->key_id = key_id;
	c->secret = secret;
}

void
emu_call_free(struct emu_call *c)
{
	params_free(&c->query);
	params_free(&c->form);
	params_free(&c->extra_headers);
	buf_free(&c->body);
	if (c->json)
		json_decref(c->json);
	c->json = NULL;
}

static size_t
emu_write_cb(char *data, size_t size, size_t n, void *ud)
{
	buf_append(ud, data, size * n);
	return size * n;
}

static size_t
emu_header_cb(char *data, size_t size, size_t n, void *ud)
{
	struct emu_call *c = ud;
	size_t len = size * n;
	char line[256];
	size_t l = len < sizeof(line) - 1 ? len : sizeof(line) - 1;
	memcpy(line, data, l);
	line[l] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (strncasecmp(line, "x-acs-request-id:", 17) == 0)
		snprintf(c->request_id, sizeof(c->request_id), "%s",
			line + 17 + strspn(line + 17, " "));
	else if (strncasecmp(line, "x-acs-retry-after:", 18) == 0)
		c->retry_after = atol(line + 18);
	return len;
}

static void
emu_flip(char *s)
{
	if (*s)
		s[0] = s[0] == 'a' ? 'b' : 'a';
}

int
emu_call_run(struct emu_call *c)
{
	char date[32], nonce[33];
	const char *host = strstr(c->url, "//");
	host = host ? host + 2 : c->url;
	sign_format_time(time(NULL), date);
	sign_nonce(nonce);
	const char *when = c->date ? c->date : date;
	const char *nn = c->nonce ? c->nonce : nonce;

	struct buf form = BUF_INIT, qs = BUF_INIT, url = BUF_INIT;
	struct params sent_query = PARAMS_INIT;
	struct curl_slist *hl = NULL;
	if (c->form.count)
		params_encode(&c->form, &form);

	if (c->sig == EMU_SIG_V2) {
		params_copy(&sent_query, &c->query);
		params_add(&sent_query, "Action", c->action);
		params_add(&sent_query, "Version", c->version);
		params_add(&sent_query, "Format",
			c->v2_format ? c->v2_format : "JSON");
		params_add(&sent_query, "AccessKeyId", c->key_id);
		params_add(&sent_query, "SignatureMethod", "HMAC-SHA1");
		params_add(&sent_query, "SignatureVersion", "1.0");
		params_add(&sent_query, "SignatureNonce", nn);
		params_add(&sent_query, "Timestamp", when);
		if (c->token)
			params_add(&sent_query, "SecurityToken", c->token);
		struct params all = PARAMS_INIT;
		params_copy(&all, &sent_query);
		for (size_t i = 0; i < c->form.count; i++)
			params_add(&all, c->form.items[i].name,
				c->form.items[i].value);
		struct buf sts = BUF_INIT;
		char sig[64];
		sign_v2(c->method, &all, c->secret, &sts, sig);
		snprintf(c->string_to_sign, sizeof(c->string_to_sign), "%s",
			buf_str(&sts));
		buf_free(&sts);
		params_free(&all);
		if (c->bad_signature)
			emu_flip(sig);
		if (!c->omit_authorization)
			params_add(&sent_query, "Signature", sig);
		if (c->v2_all_in_form) {
			/* the body holds everything, the URL nothing */
			for (size_t i = 0; i < c->form.count; i++)
				params_add(&sent_query, c->form.items[i].name,
					c->form.items[i].value);
			buf_reset(&form);
			params_encode(&sent_query, &form);
			params_free(&sent_query);
		}
		if (c->form.count || c->v2_all_in_form)
			hl = curl_slist_append(hl, "Content-Type: "
				"application/x-www-form-urlencoded");
		/* SDK headers (x-acs-action, ...): sent, not signed in V2 */
		for (size_t i = 0; i < c->extra_headers.count; i++) {
			struct buf line = BUF_INIT;
			buf_printf(&line, "%s: %s", c->extra_headers.items[i].name,
				c->extra_headers.items[i].value);
			hl = curl_slist_append(hl, buf_str(&line));
			buf_free(&line);
		}
	} else if (c->sig == EMU_SIG_V3) {
		params_copy(&sent_query, &c->query);
		char sha[65];
		sign_sha256_hex(buf_str(&form), form.len, sha);
		struct params h = PARAMS_INIT;
		params_add(&h, "host", host);
		params_add(&h, "x-acs-action", c->action);
		params_add(&h, "x-acs-version", c->version);
		params_add(&h, "x-acs-date", when);
		params_add(&h, "x-acs-signature-nonce", nn);
		params_add(&h, "x-acs-content-sha256",
			c->content_sha ? c->content_sha : sha);
		if (c->token)
			params_add(&h, "x-acs-security-token", c->token);
		if (c->form.count)
			params_add(&h, "content-type",
				"application/x-www-form-urlencoded");
		for (size_t i = 0; i < c->extra_headers.count; i++)
			params_add(&h, c->extra_headers.items[i].name,
				c->extra_headers.items[i].value);
		struct sign_v3_input in = {
			.method = c->method, .pathname = "/",
			.query = &c->query, .headers = &h,
			.payload_hash = c->content_sha ? c->content_sha : sha,
			.access_key_id = c->key_id,
			.access_key_secret = c->secret,
		};
		struct sign_v3_output o;
		memset(&o, 0, sizeof(o));
		sign_v3(&in, &o);
		snprintf(c->string_to_sign, sizeof(c->string_to_sign), "%s",
			buf_str(&o.string_to_sign));
		struct buf auth = BUF_INIT;
		if (c->bad_signature)
			emu_flip(o.signature);
		buf_printf(&auth, "Authorization: %s Credential=%s,"
			"SignedHeaders=%s,Signature=%s", SIGN_V3_ALGORITHM,
			c->key_id, buf_str(&o.signed_headers), o.signature);
		if (c->authorization) {
			buf_reset(&auth);
			buf_printf(&auth, "Authorization: %s", c->authorization);
		}
		if (!c->omit_authorization)
			hl = curl_slist_append(hl, buf_str(&auth));
		buf_free(&auth);
		sign_v3_output_free(&o);
		for (size_t i = 0; i < h.count; i++) {
			struct buf line = BUF_INIT;
			buf_printf(&line, "%s: %s", h.items[i].name,
				h.items[i].value);
			hl = curl_slist_append(hl, buf_str(&line));
			buf_free(&line);
		}
		params_free(&h);
	} else {
		params_copy(&sent_query, &c->query);
		params_add(&sent_query, "Action", c->action);
		params_add(&sent_query, "Version", c->version);
		if (c->form.count)
			hl = curl_slist_append(hl, "Content-Type: "
				"application/x-www-form-urlencoded");
	}
	hl = curl_slist_append(hl, "Expect:");
	hl = curl_slist_append(hl, "Accept: application/json");
	params_encode(&sent_query, &qs);
	buf_printf(&url, "%s/%s%s", c->url, qs.len ? "?" : "", buf_str(&qs));

	CURL *curl = curl_easy_init();
	curl_easy_setopt(curl, CURLOPT_URL, buf_str(&url));
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, emu_write_cb);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &c->body);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, emu_header_cb);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, c);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 20000L);
	curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
	if (strcmp(c->method, "POST") == 0) {
		curl_easy_setopt(curl, CURLOPT_POST, 1L);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, buf_str(&form));
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)form.len);
	} else if (strcmp(c->method, "GET") != 0) {
		curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, c->method);
	}
	c->cc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &c->status);
	curl_easy_cleanup(curl);
	curl_slist_free_all(hl);
	buf_free(&form);
	buf_free(&qs);
	buf_free(&url);
	params_free(&sent_query);
	if (c->body.len)
		c->json = json_loadb(c->body.data, c->body.len, 0, NULL);
	return c->cc == CURLE_OK ? 0 : -1;
}

const char *
emu_call_code(const struct emu_call *c)
{
	const char *code = json_string_value(json_object_get(c->json, "Code"));
	return code ? code : "";
}

json_t *
emu_json_path(json_t *root, const char *path)
{
	char part[128];
	json_t *cur = root;
	while (cur && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		cur = json_object_get(cur, part);
		path += n + (path[n] == '.');
	}
	return cur;
}

void
emu_raw_signed_get(struct buf *out, int port, const char *action,
	const char *version, const struct params *business, bool keep_alive)
{
	char date[32], nonce[33], sig[64];
	sign_format_time(time(NULL), date);
	sign_nonce(nonce);
	struct params p = PARAMS_INIT;
	if (business)
		params_copy(&p, business);
	params_add(&p, "Action", action);
	params_add(&p, "Version", version);
	params_add(&p, "Format", "JSON");
	params_add(&p, "AccessKeyId", "demo-ak");
	params_add(&p, "SignatureMethod", "HMAC-SHA1");
	params_add(&p, "SignatureVersion", "1.0");
	params_add(&p, "SignatureNonce", nonce);
	params_add(&p, "Timestamp", date);
	struct buf sts = BUF_INIT, qs = BUF_INIT;
	sign_v2("GET", &p, "demo-secret", &sts, sig);
	params_add(&p, "Signature", sig);
	params_encode(&p, &qs);
	buf_printf(out, "GET /?%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
		"Connection: %s\r\n\r\n", buf_str(&qs), port,
		keep_alive ? "keep-alive" : "close");
	buf_free(&sts);
	buf_free(&qs);
	params_free(&p);
}

int
emu_raw_connect(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
emu_raw_send(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
emu_raw_response(int fd, double timeout_s, struct buf *body)
{
	struct buf in = BUF_INIT;
	double deadline = emu_test_now() + timeout_s;
	long need = -1;
	size_t head_len = 0;
	int status = -1;
	char chunk[8192];
	for (;;) {
		if (need < 0) {
			const char *end = in.len ? strstr(in.data, "\r\n\r\n") : NULL;
			if (end) {
				head_len = (size_t)(end - in.data) + 4;
				status = 0;
				sscanf(in.data, "HTTP/1.%*c %d", &status);
				const char *cl = strcasestr(in.data,
					"\r\nContent-Length:");
				need = cl && cl < end ? atol(cl + 17) : 0;
			}
		}
		if (need >= 0 && in.len >= head_len + (size_t)need)
			break;
		int left = (int)((deadline - emu_test_now()) * 1000);
		struct pollfd pfd = {fd, POLLIN, 0};
		if (left <= 0 || poll(&pfd, 1, left) <= 0) {
			buf_free(&in);
			return -1;
		}
		ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* Closed: a complete header is still an answer. */
			int st = need >= 0 ? status : 0;
			if (need >= 0 && body)
				buf_append(body, in.data + head_len,
					in.len - head_len);
			buf_free(&in);
			return st;
		}
		buf_append(&in, chunk, (size_t)n);
	}
	if (body)
		buf_append(body, in.data + head_len, (size_t)need);
	buf_free(&in);
	return status;
}
