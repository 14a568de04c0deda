/* snapshot: building, saving, listing, pruning and loading snapshots.
 *
 * A file is one JSON object:
 *   {"alicfg_snapshot": 1, "time": "2026-11-30T00:12:03Z", "unix": N,
 *    "caller": "ID", "directory": false,
 *    "groups": [{"id": "ca-..", "name": ".."}],
 *    "accounts": [{"id": "ID", "name": "..", "status": "REGISTERED",
 *                  "groups": ["ca-.."], "directory": true}]}
 * Ids are strings (16-digit ids do not survive every JSON reader as
 * numbers). Names are "YYYYMMDDTHHMMSS.mmmZ-PID-SEQ.json", so sorting the names
 * sorts by time and the time of a file is known without reading it. */
#include "config.h"

#include "snapshot.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"

#define SNAPSHOT_FORMAT 1

void
snapshot_init(struct snapshot *s, time_t taken)
{
	memset(s, 0, sizeof(*s));
	s->taken = taken;
}

static void
snapshot_account_free(struct snapshot_account *a)
{
	free(a->name);
	free(a->status);
	for (size_t i = 0; i < a->ngroups; i++)
		free(a->groups[i]);
	free(a->groups);
}

void
snapshot_free(struct snapshot *s)
{
	for (size_t i = 0; i < s->ngroups; i++) {
		free(s->groups[i].id);
		free(s->groups[i].name);
	}
	free(s->groups);
	for (size_t i = 0; i < s->naccounts; i++)
		snapshot_account_free(&s->accounts[i]);
	free(s->accounts);
	memset(s, 0, sizeof(*s));
}

static struct snapshot_account *
snapshot_append(struct snapshot *s)
{
	s->accounts = xrealloc(s->accounts,
		(s->naccounts + 1) * sizeof(*s->accounts));
	struct snapshot_account *a = &s->accounts[s->naccounts++];
	memset(a, 0, sizeof(*a));
	return a;
}

static char *
snapshot_strdup(const char *v)
{
	return v ? xstrdup(v) : NULL;
}

void
snapshot_add_group_info(struct snapshot *s, const char *id, const char *name)
{
	s->groups = xrealloc(s->groups, (s->ngroups + 1) * sizeof(*s->groups));
	s->groups[s->ngroups].id = xstrdup(id ? id : "");
	s->groups[s->ngroups].name = snapshot_strdup(name);
	s->ngroups++;
}

void
snapshot_add_membership(struct snapshot *s, int64_t id, const char *name,
	const char *status, const char *group_id)
{
	struct snapshot_account *a = snapshot_append(s);
	a->id = id;
	a->name = snapshot_strdup(name);
	a->status = snapshot_strdup(status);
	if (group_id) {
		a->groups = xcalloc(1, sizeof(*a->groups));
		a->groups[0] = xstrdup(group_id);
		a->ngroups = 1;
	}
}

void
snapshot_add_group(struct snapshot *s, const struct aggregator_detail *d)
{
	snapshot_add_group_info(s, d->agg.id, d->agg.name);
	for (size_t i = 0; i < d->nmembers; i++) {
		const struct member *m = &d->members[i];
		snapshot_add_membership(s, m->account_id, m->name,
			m->status != RECORDER_UNKNOWN ?
			model_recorder_status_name(m->status) : m->status_raw,
			d->agg.id ? d->agg.id : "");
	}
}

void
snapshot_add_directory_account(struct snapshot *s, int64_t id,
	const char *name)
{
	struct snapshot_account *a = snapshot_append(s);
	a->id = id;
	a->name = snapshot_strdup(name);
	a->in_directory = true;
	s->has_directory = true;
}

static int
snapshot_cmp_account(const void *x, const void *y)
{
	const struct snapshot_account *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

static int
snapshot_cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Move what `from` knows into `into` (same account id). */
static void
snapshot_merge_into(struct snapshot_account *into,
	struct snapshot_account *from)
{
	if (!into->name) {
		into->name = from->name;
		from->name = NULL;
	}
	if (!into->status) {
		into->status = from->status;
		from->status = NULL;
	}
	into->in_directory = into->in_directory || from->in_directory;
	into->groups = xrealloc(into->groups,
		(into->ngroups + from->ngroups + 1) * sizeof(*into->groups));
	for (size_t i = 0; i < from->ngroups; i++)
		into->groups[into->ngroups++] = from->groups[i];
	from->ngroups = 0;
	snapshot_account_free(from);
}

void
snapshot_finish(struct snapshot *s)
{
	if (s->naccounts > 1)
		qsort(s->accounts, s->naccounts, sizeof(*s->accounts),
			snapshot_cmp_account);
	size_t out = 0;
	for (size_t i = 0; i < s->naccounts; i++) {
		if (out && s->accounts[out - 1].id == s->accounts[i].id)
			snapshot_merge_into(&s->accounts[out - 1],
				&s->accounts[i]);
		else
			s->accounts[out++] = s->accounts[i];
	}
	s->naccounts = out;
	for (size_t i = 0; i < s->naccounts; i++) {
		struct snapshot_account *a = &s->accounts[i];
		if (a->ngroups > 1)
			qsort(a->groups, a->ngroups, sizeof(*a->groups),
				snapshot_cmp_str);
		size_t g = 0;
		for (size_t j = 0; j < a->ngroups; j++) {
			if (g && !strcmp(a->groups[g - 1], a->groups[j]))
				free(a->groups[j]);
			else
				a->groups[g++] = a->groups[j];
		}
		a->ngroups = g;
	}
}

const struct snapshot_account *
snapshot_find(const struct snapshot *s, int64_t id)
{
	size_t lo = 0, hi = s->naccounts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->accounts[mid].id == id)
			return &s->accounts[mid];
		if (s->accounts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *
snapshot_group_name(const struct snapshot *s, const char *id)
{
	for (size_t i = 0; i < s->ngroups; i++)
		if (!strcmp(s->groups[i].id, id))
			return s->groups[i].name;
	return NULL;
}

/* --- files --- */

int
snapshot_dir(char *out, size_t outsz, bool create, struct err *e)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	int n;
	if (state && state[0] == '/')
		n = snprintf(out, outsz, "%s/alicfg/snapshots", state);
	else if (home && *home)
		n = snprintf(out, outsz, "%s/.local/state/alicfg/snapshots",
			home);
	else
		return err_set(e, ERR_CONFIG, "cannot place snapshots: neither "
			"XDG_STATE_HOME nor HOME is set");
	if (n < 0 || (size_t)n >= outsz)
		return err_set(e, ERR_CONFIG, "snapshot directory path is too long");
	if (!create)
		return 0;
	/* mkdir -p, new directories 0700. */
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", out);
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return err_set(e, ERR_SYSTEM, "cannot create %s: %s", dir,
				strerror(errno));
		*p = saved;
		if (!saved)
			break;
	}
	return 0;
}

static void
snapshot_id(int64_t id, char out[24])
{
	snprintf(out, 24, "%" PRId64, id);
}

static json_t *
snapshot_json(const struct snapshot *s)
{
	char when[32], id[24];
	struct tm tm;
	gmtime_r(&s->taken, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_t *root = json_object();
	json_object_set_new(root, "alicfg_snapshot", json_integer(SNAPSHOT_FORMAT));
	json_object_set_new(root, "time", json_string(when));
	json_object_set_new(root, "unix", json_integer((json_int_t)s->taken));
	snapshot_id(s->caller, id);
	json_object_set_new(root, "caller", s->caller ? json_string(id) :
		json_null());
	json_object_set_new(root, "directory", json_boolean(s->has_directory));
	json_t *groups = json_array();
	for (size_t i = 0; i < s->ngroups; i++)
		json_array_append_new(groups, json_pack("{s:s, s:s?}",
			"id", s->groups[i].id, "name", s->groups[i].name));
	json_object_set_new(root, "groups", groups);
	json_t *accounts = json_array();
	for (size_t i = 0; i < s->naccounts; i++) {
		const struct snapshot_account *a = &s->accounts[i];
		json_t *g = json_array();
		for (size_t j = 0; j < a->ngroups; j++)
			json_array_append_new(g, json_string(a->groups[j]));
		snapshot_id(a->id, id);
		json_t *o = json_pack("{s:s, s:s?, s:s?, s:o}", "id", id,
			"name", a->name, "status", a->status, "groups", g);
		if (a->in_directory)
			json_object_set_new(o, "directory", json_true());
		json_array_append_new(accounts, o);
	}
	json_object_set_new(root, "accounts", accounts);
	return root;
}

static bool
snapshot_is_name(const char *n)
{
	/* YYYYMMDDTHHMMSS.mmmZ-PID-SEQ.json */
	size_t len = strlen(n);
	if (len < 26 || strcmp(n + len - 5, ".json") != 0)
		return false;
	for (int i = 0; i < 8; i++)
		if (!isdigit((unsigned char)n[i]))
			return false;
	if (n[8] != 'T')
		return false;
	for (int i = 9; i < 15; i++)
		if (!isdigit((unsigned char)n[i]))
			return false;
	return n[15] == '.' && n[19] == 'Z' && n[20] == '-';
}

/* The time in a snapshot's name, or -1. */
static time_t
snapshot_name_time(const char *n)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (!snapshot_is_name(n) || sscanf(n, "%4d%2d%2dT%2d%2d%2d",
	    &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
	    &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

int
snapshot_list(const char *dir, char ***names, size_t *n, struct err *e)
{
	*names = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		return err_set(e, ERR_SYSTEM, "cannot read %s: %s", dir,
			strerror(errno));
	}
	size_t cap = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		if (!snapshot_is_name(ent->d_name))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*names = xrealloc(*names, cap * sizeof(**names));
		}
		(*names)[(*n)++] = xstrdup(ent->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), snapshot_cmp_str);
	return 0;
}

void
snapshot_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
snapshot_prune(const char *dir, int keep)
{
	char **names;
	size_t n;
	struct err e;
	err_clear(&e);
	if (keep < 1 || snapshot_list(dir, &names, &n, &e) < 0)
		return;
	for (size_t i = 0; i + (size_t)keep < n; i++) {
		struct buf p = BUF_INIT;
		buf_printf(&p, "%s/%s", dir, names[i]);
		unlink(buf_str(&p));
		buf_free(&p);
	}
	snapshot_list_free(names, n);
}

int
snapshot_save(const char *dir, const struct snapshot *s, int keep,
	char *name_out, size_t name_outsz, struct err *e)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char stamp[24];
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm);
	char name[96];
	struct buf path = BUF_INIT, tmp = BUF_INIT;
	buf_printf(&tmp, "%s/.snapshot-%ld.tmp", dir, (long)getpid());
	json_t *root = snapshot_json(s);
	char *text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	int rc = 0;
	unlink(buf_str(&tmp));
	int fd = open(buf_str(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		0600);
	if (fd < 0) {
		rc = err_set(e, ERR_SYSTEM, "cannot write snapshot %s: %s",
			buf_str(&tmp), strerror(errno));
	} else {
		size_t len = strlen(text), done = 0;
		while (done < len) {
			ssize_t w = write(fd, text + done, len - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			done += (size_t)w;
		}
		bool ok = done == len && write(fd, "\n", 1) == 1;
		if (close(fd) < 0)
			ok = false;
		/* link(2) never replaces a file: a name taken (by another
		 * process with our pid, long ago) gets the next number. */
		int linked = -1;
		for (int tries = 0; ok && linked < 0 && tries < 1000; tries++) {
			/* Never reused in a process (a pruned name could come
			 * back and sort first); zero-padded to sort. */
			static atomic_uint next_seq;
			unsigned seq = atomic_fetch_add(&next_seq, 1);
			snprintf(name, sizeof(name), "%s.%03dZ-%ld-%06u.json",
				stamp, (int)(ts.tv_nsec / 1000000) % 1000,
				(long)getpid(), seq % 1000000);
			buf_free(&path);
			buf_printf(&path, "%s/%s", dir, name);
			linked = link(buf_str(&tmp), buf_str(&path));
			if (linked < 0 && errno != EEXIST)
				break;
		}
		if (!ok || linked < 0)
			rc = err_set(e, ERR_SYSTEM, "cannot write snapshot in %s: %s",
				dir, strerror(errno ? errno : EIO));
		unlink(buf_str(&tmp));
	}
	free(text);
	if (rc == 0) {
		if (name_out)
			snprintf(name_out, name_outsz, "%s", name);
		snapshot_prune(dir, keep);
	}
	buf_free(&path);
	buf_free(&tmp);
	return rc;
}

/* An id written as a string of digits (or a JSON integer). */
static int
snapshot_parse_id(json_t *v, int64_t *out)
{
	if (json_is_integer(v) && json_integer_value(v) > 0) {
		*out = json_integer_value(v);
		return 0;
	}
	const char *s = json_string_value(v);
	if (!s || !*s)
		return -1;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	errno = 0;
	unsigned long long n = strtoull(s, NULL, 10);
	if (errno || n == 0 || n > INT64_MAX)
		return -1;
	*out = (int64_t)n;
	return 0;
}

static int
snapshot_from_json(json_t *root, struct snapshot *s)
{
	json_t *v, *groups, *accounts;
	if (!json_is_object(root) ||
	    json_integer_value(json_object_get(root, "alicfg_snapshot")) !=
	    SNAPSHOT_FORMAT ||
	    !json_is_integer(v = json_object_get(root, "unix")) ||
	    !json_is_array(groups = json_object_get(root, "groups")) ||
	    !json_is_array(accounts = json_object_get(root, "accounts")))
		return -1;
	s->taken = (time_t)json_integer_value(v);
	if (snapshot_parse_id(json_object_get(root, "caller"), &s->caller) < 0)
		s->caller = 0;
	s->has_directory = json_is_true(json_object_get(root, "directory"));
	size_t i;
	json_array_foreach(groups, i, v) {
		const char *id = json_string_value(json_object_get(v, "id"));
		if (!id)
			return -1;
		s->groups = xrealloc(s->groups,
			(s->ngroups + 1) * sizeof(*s->groups));
		s->groups[s->ngroups].id = xstrdup(id);
		s->groups[s->ngroups].name = snapshot_strdup(
			json_string_value(json_object_get(v, "name")));
		s->ngroups++;
	}
	json_array_foreach(accounts, i, v) {
		int64_t id;
		json_t *g = json_object_get(v, "groups");
		if (snapshot_parse_id(json_object_get(v, "id"), &id) < 0 ||
		    (g && !json_is_array(g)))
			return -1;
		struct snapshot_account *a = snapshot_append(s);
		a->id = id;
		a->name = snapshot_strdup(json_string_value(
			json_object_get(v, "name")));
		a->status = snapshot_strdup(json_string_value(
			json_object_get(v, "status")));
		a->in_directory = json_is_true(json_object_get(v, "directory"));
		size_t j;
		json_t *gid;
		a->groups = xcalloc(json_array_size(g) + 1, sizeof(*a->groups));
		json_array_foreach(g, j, gid) {
			if (!json_is_string(gid))
				return -1;
			a->groups[a->ngroups++] = xstrdup(json_string_value(gid));
		}
	}
	/* Hand-edited or not, the rest of the code may trust the order. */
	snapshot_finish(s);
	return 0;
}

int
snapshot_load(const char *path, struct snapshot *s, struct err *e)
{
	snapshot_init(s, 0);
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	if (!root)
		return err_set(e, ERR_CONFIG, "snapshot %s: %s", path,
			errno == ENOENT ? "no such file" : jerr.text);
	int rc = snapshot_from_json(root, s);
	json_decref(root);
	if (rc < 0) {
		snapshot_free(s);
		return err_set(e, ERR_CONFIG, "%s is not an alicfg snapshot "
			"(format %d)", path, SNAPSHOT_FORMAT);
	}
	return 0;
}

int
snapshot_parse_duration(const char *s, long *seconds)
{
	char *end;
	if (!s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	long n = strtol(s, &end, 10);
	long unit = 1;
	if (errno || n < 0)
		return -1;
	if (*end) {
		switch (*end) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		default: return -1;
		}
		if (end[1])
			return -1;
	}
	if (n > 100L * 366 * 86400 / unit)
		return -1;
	*seconds = n * unit;
	return 0;
}

char *
snapshot_pick(const char *dir, const char *spec, time_t now,
	const char **note, struct err *e)
{
	*note = NULL;
	char **names;
	size_t n;
	long secs;
	char *path = NULL;
	if (spec && strchr(spec, '/')) {
		if (access(spec, R_OK) < 0)
			err_set(e, ERR_USAGE, "--since: cannot read %s: %s", spec,
				strerror(errno));
		else
			path = xstrdup(spec);
		return path;
	}
	if (snapshot_list(dir, &names, &n, e) < 0)
		return NULL;
	if (!spec) {
		if (n) {
			struct buf p = BUF_INIT;
			buf_printf(&p, "%s/%s", dir, names[n - 1]);
			path = buf_steal(&p);
		}
	} else if (snapshot_parse_duration(spec, &secs) == 0) {
		const char *pick = NULL;
		for (size_t i = 0; i < n; i++) {
			time_t t = snapshot_name_time(names[i]);
			if (t >= 0 && t <= now - secs)
				pick = names[i];
		}
		if (!pick && n) {
			pick = names[0];
			*note = "no snapshot is that old; comparing with the oldest";
		}
		if (pick) {
			struct buf p = BUF_INIT;
			buf_printf(&p, "%s/%s", dir, pick);
			path = buf_steal(&p);
		}
	} else {
		for (size_t i = 0; i < n && !path; i++) {
			if (!strcmp(names[i], spec)) {
				struct buf p = BUF_INIT;
				buf_printf(&p, "%s/%s", dir, spec);
				path = buf_steal(&p);
			}
		}
		if (!path) {
			snapshot_list_free(names, n);
			err_set(e, ERR_USAGE, "--since: '%.80s' is neither a "
				"snapshot in %s nor a duration such as 90m, 2h "
				"or 7d", spec, dir);
			return NULL;
		}
	}
	snapshot_list_free(names, n);
	if (!path)
		err_set(e, ERR_CONFIG, "no snapshot in %s yet: a complete "
			"load saves one (alicfg accounts --all, check, diff or "
			"the terminal UI)", dir);
	return path;
}
