/* audit: append-only JSON lines, one write(2) each on an O_APPEND
 * descriptor, fsync'd before returning, so records from concurrent alicfg
 * processes never interleave and a record reported written is on disk. */
#include "audit.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "text.h"

/* mkdir -p of the directory part of `path`, new directories 0700. */
static int
audit_make_parents(const char *path, struct err *e)
{
	char dir[4096];
	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		return err_set(e, ERR_CONFIG, "audit log path is too long");
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return err_set(e, ERR_SYSTEM, "cannot create directory "
				"%s for the audit log: %s", dir, strerror(errno));
		*p = saved;
		if (saved == '\0')
			break;
	}
	return 0;
}

int
audit_default_path(char *out, size_t outsz, struct err *e)
{
	const char *state = getenv("XDG_STATE_HOME");
	int n;
	if (state && state[0] == '/') {
		n = snprintf(out, outsz, "%s/alicfg/audit.log", state);
	} else {
		const char *home = getenv("HOME");
		if (!home || !*home)
			return err_set(e, ERR_CONFIG, "cannot place the audit "
				"log: neither XDG_STATE_HOME nor HOME is set");
		n = snprintf(out, outsz, "%s/.local/state/alicfg/audit.log",
			home);
	}
	if (n < 0 || (size_t)n >= outsz)
		return err_set(e, ERR_CONFIG, "audit log path is too long");
	return audit_make_parents(out, e);
}

static void
audit_now(char out[40])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char base[24];
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 40, "%.20s.%03dZ", base, (int)(ts.tv_nsec / 1000000) % 1000);
}

static void
audit_account(int64_t account, char out[24])
{
	if (account)
		snprintf(out, 24, "%" PRId64, account);
	else
		snprintf(out, 24, "caller");
}

static int
audit_write(const char *path, json_t *rec, struct err *e)
{
	char where[4096];
	if (!path || !*path) {
		if (audit_default_path(where, sizeof(where), e) < 0)
			return -1;
		path = where;
	} else if (audit_make_parents(path, e) < 0) {
		return -1;
	}
	char *line = json_dumps(rec, JSON_COMPACT | JSON_ENSURE_ASCII);
	if (!line)
		return err_set(e, ERR_SYSTEM, "cannot encode the audit record");
	size_t len = strlen(line);
	line[len] = '\n';  /* replaces the NUL; written by length */
	int rc = -1;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(e, ERR_SYSTEM, "cannot open the audit log %s: %s", path,
			strerror(errno));
		goto out;
	}
	ssize_t w;
	do
		w = write(fd, line, len + 1);
	while (w < 0 && errno == EINTR);
	if (w != (ssize_t)(len + 1)) {
		err_set(e, ERR_SYSTEM, "cannot write the audit log %s: %s", path,
			w < 0 ? strerror(errno) : "short write");
		close(fd);
		goto out;
	}
	if (fsync(fd) < 0) {
		err_set(e, ERR_SYSTEM, "cannot sync the audit log %s: %s", path,
			strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) < 0) {
		err_set(e, ERR_SYSTEM, "cannot close the audit log %s: %s", path,
			strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(line);
	return rc;
}

static void
audit_new_id(char id[40])
{
	unsigned char raw[16];
	size_t got = 0;
	while (got < sizeof(raw)) {
		ssize_t n = getrandom(raw + got, sizeof(raw) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got < sizeof(raw)) {
		/* No kernel randomness: time and pid still tie the pair. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(id, 40, "%016llx%08lx%08x",
			(unsigned long long)ts.tv_sec, (long)ts.tv_nsec,
			(unsigned)getpid());
		return;
	}
	for (size_t i = 0; i < sizeof(raw); i++)
		snprintf(id + 2 * i, 3, "%02x", raw[i]);
}

static json_t *
audit_record(const char *event, const char *id, const char *who,
	int64_t account, const char *action)
{
	char when[40], acct[24];
	audit_now(when);
	audit_account(account, acct);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}",
		"time", when, "event", event, "id", id, "who", who ? who : "",
		"account", acct, "action", action ? action : "");
}

int
audit_before(const char *path, const char *who, int64_t account,
	const char *action, char id_out[40], struct err *e)
{
	audit_new_id(id_out);
	json_t *rec = audit_record("before", id_out, who, account, action);
	if (!rec)
		return err_set(e, ERR_SYSTEM, "cannot build the audit record");
	int rc = audit_write(path, rec, e);
	json_decref(rec);
	return rc;
}

int
audit_settled(const char *path, const char *id, const char *who,
	int64_t account, const char *action, const char *observed,
	const struct err *read_err, struct err *e)
{
	json_t *rec = audit_record("settled", id, who, account, action);
	if (!rec)
		return err_set(e, ERR_SYSTEM, "cannot build the audit record");
	json_object_set_new(rec, "outcome", json_string(observed ? "observed" :
		"unknown"));
	if (observed) {
		struct buf s = BUF_INIT;
		text_utf8_valid(&s, observed);
		json_object_set_new(rec, "observed_status", json_string(buf_str(&s)));
		buf_free(&s);
	} else if (read_err && read_err->kind != ERR_NONE) {
		struct buf msg = BUF_INIT;
		text_utf8_valid(&msg, read_err->message);
		json_object_set_new(rec, "message", json_string(buf_str(&msg)));
		buf_free(&msg);
	}
	int rc = audit_write(path, rec, e);
	json_decref(rec);
	return rc;
}

int
audit_after(const char *path, const char *id, const char *who,
	int64_t account, const char *action, const char *outcome,
	const struct err *result, const char *request_id, struct err *e)
{
	json_t *rec = audit_record("after", id, who, account, action);
	if (!rec)
		return err_set(e, ERR_SYSTEM, "cannot build the audit record");
	json_object_set_new(rec, "outcome", json_string(outcome ? outcome : ""));
	bool failed = result && result->kind != ERR_NONE;
	json_object_set_new(rec, "code", failed && result->code[0] ?
		json_string(result->code) : json_null());
	const char *rid = request_id && *request_id ? request_id :
		(result && result->request_id[0] ? result->request_id : NULL);
	json_object_set_new(rec, "request_id", rid ? json_string(rid) :
		json_null());
	if (failed) {
		json_object_set_new(rec, "kind",
			json_string(err_kind_name(result->kind)));
		if (result->http_status)
			json_object_set_new(rec, "http_status",
				json_integer(result->http_status));
		/* Invalid UTF-8 becomes U+FFFD; ENSURE_ASCII escapes the rest. */
		struct buf msg = BUF_INIT;
		text_utf8_valid(&msg, result->message);
		json_object_set_new(rec, "message", json_string(buf_str(&msg)));
		buf_free(&msg);
	}
	int rc = audit_write(path, rec, e);
	json_decref(rec);
	return rc;
}
