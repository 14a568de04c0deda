/* ini: a small INI reader. Works on an in-memory copy of the text with no
 * fixed-size line buffers, so very long lines, CRLF or lone-CR line ends, a
 * UTF-8 byte-order mark and binary junk are all handled without a crash.
 * Error messages name the line but never quote it: the files it reads hold
 * AccessKey secrets. */
#include "ini.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

/* Credentials and config files are tiny; anything this big is a mistake. */
#define INI_MAX_FILE (16L * 1024 * 1024)

static bool
ini_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Trim [*s, *e) in place of the pointers. */
static void
ini_trim(const char **s, const char **e)
{
	while (*s < *e && ini_is_space(**s))
		(*s)++;
	while (*e > *s && ini_is_space((*e)[-1]))
		(*e)--;
}

void
ini_value_bounds(const char **vs, const char **ve)
{
	const char *s = *vs, *e = *ve;
	if (s < e && *s == '"') {
		/* Quoted: the text between the quotes, whatever it holds; a
		 * comment may follow the closing quote. */
		const char *close = memchr(s + 1, '"', (size_t)(e - s - 1));
		if (close) {
			const char *rest = close + 1;
			while (rest < e && ini_is_space(*rest))
				rest++;
			if (rest == e || *rest == ';' || *rest == '#') {
				*vs = s + 1;
				*ve = close;
				return;
			}
		}
	}
	/* Unquoted: " ;" or " #" starts a comment, as in the official SDKs'
	 * INI readers; a ';' or '#' inside a word (a secret may hold one)
	 * is kept. */
	for (const char *p = s + 1; p < e; p++) {
		if ((*p == ';' || *p == '#') && ini_is_space(p[-1])) {
			e = p;
			break;
		}
	}
	while (e > s && ini_is_space(e[-1]))
		e--;
	*vs = s;
	*ve = e;
}

/* One line, [s, e), already stripped of its line end. Returns 1 when the
 * callback asked to stop, 0 to go on, -1 on error. `section` holds the
 * current section name and is updated on a header line. */
static int
ini_line(const char *s, const char *e, int line, struct buf *section,
	struct buf *key, struct buf *value, ini_fn fn, void *ctx,
	struct err *err)
{
	if (memchr(s, '\0', (size_t)(e - s)))
		return err_set(err, ERR_CONFIG, "line %d: contains a NUL byte "
			"(is this a text file?)", line);
	ini_trim(&s, &e);
	if (s == e || *s == ';' || *s == '#')
		return 0;

	if (*s == '[') {
		const char *close = memchr(s, ']', (size_t)(e - s));
		if (!close)
			return err_set(err, ERR_CONFIG, "line %d: section header "
				"without a closing ']'", line);
		const char *rest = close + 1;
		while (rest < e && ini_is_space(*rest))
			rest++;
		if (rest < e && *rest != ';' && *rest != '#')
			return err_set(err, ERR_CONFIG, "line %d: unexpected text "
				"after the section header", line);
		const char *ns = s + 1, *ne = close;
		ini_trim(&ns, &ne);
		if (ns == ne)
			return err_set(err, ERR_CONFIG, "line %d: empty section "
				"name", line);
		buf_reset(section);
		buf_append(section, ns, (size_t)(ne - ns));
		return 0;
	}

	const char *eq = memchr(s, '=', (size_t)(e - s));
	if (!eq)
		return err_set(err, ERR_CONFIG, "line %d: expected '[section]', "
			"'key = value' or a comment", line);
	const char *ks = s, *ke = eq;
	ini_trim(&ks, &ke);
	if (ks == ke)
		return err_set(err, ERR_CONFIG, "line %d: a value without a key",
			line);
	const char *vs = eq + 1, *ve = e;
	ini_trim(&vs, &ve);
	ini_value_bounds(&vs, &ve);

	buf_reset(key);
	buf_append(key, ks, (size_t)(ke - ks));
	buf_reset(value);
	buf_append(value, vs, (size_t)(ve - vs));
	return fn(ctx, buf_str(section), buf_str(key), buf_str(value), line)
		? 1 : 0;
}

int
ini_parse_string(const char *text, size_t len, ini_fn fn, void *ctx,
	struct err *e)
{
	struct buf section = BUF_INIT, key = BUF_INIT, value = BUF_INIT;
	const char *p = text, *end = text + len;
	int line = 0, rc = 0;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	buf_puts(&section, "");
	while (p < end) {
		const char *s = p;
		while (p < end && *p != '\n' && *p != '\r')
			p++;
		const char *le = p;
		/* "\r\n", "\n" and a lone "\r" each end one line. */
		if (p < end && *p == '\r') {
			p++;
			if (p < end && *p == '\n')
				p++;
		} else if (p < end) {
			p++;
		}
		line++;
		rc = ini_line(s, le, line, &section, &key, &value, fn, ctx, e);
		if (rc != 0)
			break;
	}
	buf_free(&section);
	buf_free(&key);
	/* Values are secrets in a credentials file. */
	buf_wipe_free(&value);
	return rc < 0 ? -1 : 0;
}

/* Read a whole regular file. The descriptor is opened non-blocking so that a
 * FIFO in place of the file cannot hang us before fstat tells us what it is. */
static int
ini_read_file(const char *path, struct buf *out, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int saved = errno;
		err_set(e, ERR_CONFIG, "cannot read %s: %s", path,
			strerror(saved));
		errno = saved;
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int saved = errno;
		close(fd);
		err_set(e, ERR_CONFIG, "cannot read %s: %s", path,
			strerror(saved));
		errno = saved;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		int saved = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		err_set(e, ERR_CONFIG, "cannot read %s: %s", path,
			S_ISDIR(st.st_mode) ? "it is a directory"
			: "not a regular file");
		errno = saved;
		return -1;
	}
	if (st.st_size > INI_MAX_FILE) {
		close(fd);
		err_set(e, ERR_CONFIG, "cannot read %s: larger than %ld bytes",
			path, INI_MAX_FILE);
		errno = EFBIG;
		return -1;
	}
	char chunk[8192];
	int saved = 0;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
			err_set(e, ERR_CONFIG, "cannot read %s: %s", path,
				strerror(saved));
			break;
		}
		if (n == 0)
			break;
		buf_append(out, chunk, (size_t)n);
		if ((long)out->len > INI_MAX_FILE) {
			saved = EFBIG;
			err_set(e, ERR_CONFIG, "cannot read %s: larger than %ld "
				"bytes", path, INI_MAX_FILE);
			break;
		}
	}
	explicit_bzero(chunk, sizeof(chunk));
	close(fd);
	errno = saved;
	return saved ? -1 : 0;
}

int
ini_parse_file(const char *path, ini_fn fn, void *ctx, struct err *e)
{
	struct buf text = BUF_INIT;
	int rc = ini_read_file(path, &text, e);
	if (rc == 0) {
		rc = ini_parse_string(buf_str(&text), text.len, fn, ctx, e);
		if (rc != 0)
			err_prefix(e, "%s", path);
	}
	int saved = errno;
	buf_wipe_free(&text);
	errno = saved;
	return rc;
}
