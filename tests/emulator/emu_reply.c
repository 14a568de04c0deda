/* emu_reply: the gateway's answer shapes — success bodies with RequestId,
 * error bodies with RequestId, HostId, Code, Message and Recommend — the
 * request ids themselves, and the --log line that records each answer: it
 * names the key id and the account, never a secret, a security token or a
 * signature. */
#include "emu.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <sys/random.h>
#include <sys/time.h>

void
emu_request_id(char out[40])
{
	unsigned char r[16];
	if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) {
		/* Never fails on Linux for 16 bytes; keep ids unique anyway. */
		static uint64_t fallback;
		uint64_t x = __atomic_add_fetch(&fallback, 1, __ATOMIC_RELAXED);
		memcpy(r, &x, sizeof(x));
		memcpy(r + 8, &x, sizeof(x));
	}
	snprintf(out, 40, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-"
		"%02X%02X%02X%02X%02X%02X", r[0], r[1], r[2], r[3], r[4], r[5],
		r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t
emu_utf8_seq(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	unsigned cp = c & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

json_t *
emu_json_str(const char *s)
{
	if (!s)
		s = "";
	json_t *j = json_string(s);
	if (j)
		return j;
	struct buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = emu_utf8_seq(p);
		if (n == 0) {
			buf_putc(&b, '?');
			p++;
		} else {
			buf_append(&b, p, n);
			p += n;
		}
	}
	j = json_string(buf_str(&b));
	buf_free(&b);
	return j ? j : json_string("");
}

void
emu_reply_error(struct emu_reply *r, const struct emu_request *req,
	unsigned status, const char *code, const char *fmt, ...)
{
	char message[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);

	if (r->body)
		json_decref(r->body);
	r->status = status;
	snprintf(r->code, sizeof(r->code), "%s", code);
	json_t *o = json_object();
	json_object_set_new(o, "RequestId", json_string(req->request_id));
	json_object_set_new(o, "HostId", emu_json_str(req->host));
	json_object_set_new(o, "Code", json_string(code));
	json_object_set_new(o, "Message", emu_json_str(message));
	struct buf rec = BUF_INIT;
	buf_printf(&rec, "https://api.aliyun.com/troubleshoot?q=%s&product=%s"
		"&requestId=%s", code, req->product ? req->product : "Config",
		req->request_id);
	json_object_set_new(o, "Recommend", json_string(buf_str(&rec)));
	buf_free(&rec);
	r->body = o;
}

void
emu_reply_ok(struct emu_reply *r, const struct emu_request *req,
	json_t *body)
{
	if (r->body)
		json_decref(r->body);
	r->status = 200;
	r->code[0] = '\0';
	json_t *o = json_object();
	json_object_set_new(o, "RequestId", json_string(req->request_id));
	json_object_update(o, body);
	json_decref(body);
	r->body = o;
}

void
emu_reply_free(struct emu_reply *r)
{
	if (r->body)
		json_decref(r->body);
	free(r->raw);
	r->body = NULL;
	r->raw = NULL;
}

void
emu_log_request(struct emu_server *srv, const struct emu_request *req,
	const struct emu_caller *who, const struct emu_reply *r,
	double latency_ms)
{
	if (!srv->log)
		return;
	struct timeval tv;
	gettimeofday(&tv, NULL);
	struct tm tm;
	gmtime_r(&tv.tv_sec, &tm);
	char when[64];
	snprintf(when, sizeof(when), "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		tm.tm_min, tm.tm_sec, (long)(tv.tv_usec / 1000));

	json_t *o = json_object();
	json_object_set_new(o, "time", json_string(when));
	json_object_set_new(o, "request_id", json_string(req->request_id));
	json_object_set_new(o, "method", emu_json_str(req->method));
	json_object_set_new(o, "action", emu_json_str(req->action));
	json_object_set_new(o, "version", emu_json_str(req->version));
	if (who && who->account) {
		char acct[32];
		snprintf(acct, sizeof(acct), "%" PRId64, who->account);
		json_object_set_new(o, "account", json_string(acct));
		json_object_set_new(o, "key_id", emu_json_str(who->key_id));
		json_object_set_new(o, "sts", json_boolean(who->sts));
	} else {
		json_object_set_new(o, "account", json_null());
		json_object_set_new(o, "key_id", who && who->key_id[0] ?
			emu_json_str(who->key_id) : json_null());
	}
	json_object_set_new(o, "status", r->reset ? json_null() :
		json_integer(r->status));
	json_object_set_new(o, "code", json_string(r->code));
	json_object_set_new(o, "fault", json_string(emu_fault_name(r->fault)));
	if (r->over_quota)
		json_object_set_new(o, "throttled", json_string("quota"));
	json_object_set_new(o, "latency_ms",
		json_real((double)(long)(latency_ms * 10) / 10.0));
	char *line = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!line)
		return;
	pthread_mutex_lock(&srv->log_lock);
	fputs(line, srv->log);
	fputc('\n', srv->log);
	fflush(srv->log);
	pthread_mutex_unlock(&srv->log_lock);
	free(line);
}
