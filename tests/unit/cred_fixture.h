/* cred_fixture: what the credentials, INI and endpoint tests share: a clean
 * environment, a throwaway HOME with files in it, and captured warnings.
 * Included by one test program at a time, so everything is static. */
#ifndef ALICFG_TEST_CRED_FIXTURE_H
#define ALICFG_TEST_CRED_FIXTURE_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "cred.h"
#include "err.h"

extern char **environ;

/* Variables the chain or the endpoint rules read, by prefix or by name. */
static const char *const fx_env_prefixes[] = {
	"ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_", "ACCESS_KEY_", NULL,
};
static const char *const fx_env_names[] = {
	"SECURITY_TOKEN", "REGION_ID", "REGION", NULL,
};

static inline void
fx_clear_env(void)
{
	/* Collect first: unsetenv changes environ under our feet. */
	char *names[512];
	int n = 0;
	for (char **ep = environ; *ep && n < 512; ep++) {
		const char *eq = strchr(*ep, '=');
		if (!eq)
			continue;
		size_t len = (size_t)(eq - *ep);
		int hit = 0;
		for (int i = 0; fx_env_prefixes[i]; i++)
			if (!strncmp(*ep, fx_env_prefixes[i],
					strlen(fx_env_prefixes[i])))
				hit = 1;
		for (int i = 0; fx_env_names[i]; i++)
			if (len == strlen(fx_env_names[i]) &&
					!strncmp(*ep, fx_env_names[i], len))
				hit = 1;
		if (hit)
			names[n++] = xstrndup(*ep, len);
	}
	for (int i = 0; i < n; i++) {
		unsetenv(names[i]);
		free(names[i]);
	}
}

struct fx {
	char home[64];
	struct buf warnings;   /* every warning, one per line */
	int nwarnings;
};

static inline void
fx_warn(void *ctx, const char *message)
{
	struct fx *f = ctx;
	buf_printf(&f->warnings, "%s\n", message);
	f->nwarnings++;
}

static inline int
fx_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);
	return remove(path);
}

static inline int
fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	fx_clear_env();
	snprintf(f->home, sizeof(f->home), "/tmp/alicfg-cred-XXXXXX");
	if (!mkdtemp(f->home))
		return -1;
	char dir[128];
	snprintf(dir, sizeof(dir), "%s/.aliyun", f->home);
	mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/.alibabacloud", f->home);
	mkdir(dir, 0700);
	setenv("HOME", f->home, 1);
	*state = f;
	return 0;
}

static inline int
fx_teardown(void **state)
{
	struct fx *f = *state;
	/* Undo a chmod 000 first so the walk can enter everything. */
	chmod(f->home, 0700);
	nftw(f->home, fx_rm, 16, FTW_DEPTH | FTW_PHYS);
	buf_free(&f->warnings);
	free(f);
	fx_clear_env();
	return 0;
}

/* HOME-relative path into a static buffer (two in rotation). */
static inline const char *
fx_path(const struct fx *f, const char *rel)
{
	static char bufs[2][256];
	static int next;
	char *p = bufs[next++ % 2];
	snprintf(p, 256, "%s/%s", f->home, rel);
	return p;
}

static inline void
fx_write_mode(const struct fx *f, const char *rel, const char *text,
	mode_t mode)
{
	const char *path = fx_path(f, rel);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		fprintf(stderr, "cannot create %s: %s\n", path,
			strerror(errno));
		abort();
	}
	size_t len = strlen(text);
	if (write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
	chmod(path, mode);
}

static inline void
fx_write(const struct fx *f, const char *rel, const char *text)
{
	fx_write_mode(f, rel, text, 0600);
}

/* The request every test starts from: our HOME, our warning sink. */
static inline struct cred_request
fx_request(struct fx *f)
{
	struct cred_request req = {.home = f->home, .warn = fx_warn,
		.warn_ctx = f};
	return req;
}

/* True when chmod 000 does not stop this process from reading (root). */
static inline int
fx_can_read_anyway(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* What an unprivileged run reports back. */
struct fx_outcome {
	int rc;
	int err_no;
	char message[1024];
};

/* Run fn so that a mode-000 `path` is really unreadable: in this process
 * when it already is, else (root) in a child that drops to nobody, so the
 * EACCES paths are tested even when the suite runs as root. The child
 * never calls cmocka; it sends its outcome back through a pipe. Returns 0;
 * -1 when no unprivileged run was possible (the caller then skips); -2
 * when the child died (a crash is a failure, never a skip). */
static inline int
fx_run_unprivileged(const char *path, void (*fn)(void *ctx,
	struct fx_outcome *out), void *ctx, struct fx_outcome *out)
{
	memset(out, 0, sizeof(*out));
	if (!fx_can_read_anyway(path)) {
		fn(ctx, out);
		return 0;
	}
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		if (setgroups(0, NULL) != 0 || setresgid(65534, 65534, 65534) ||
				setresuid(65534, 65534, 65534) ||
				fx_can_read_anyway(path))
			_exit(77);
		fn(ctx, out);
		_exit(write(fds[1], out, sizeof(*out)) == (ssize_t)sizeof(*out)
			? 0 : 1);
	}
	close(fds[1]);
	ssize_t n = read(fds[0], out, sizeof(*out));
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
			n != (ssize_t)sizeof(*out))
		return -2;
	return 0;
}

/* Let user nobody walk into the temp HOME (for fx_run_unprivileged). */
static inline void
fx_open_home(const struct fx *f)
{
	chmod(f->home, 0711);
	chmod(fx_path(f, ".aliyun"), 0711);
	chmod(fx_path(f, ".alibabacloud"), 0711);
}

#endif
