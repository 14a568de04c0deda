/* url: parsing endpoint and request URLs, and the loopback rule.
 *
 * The rules guard the credentials: only http and https, no user
 * information in the URL, and plain http only to this machine (an emulator
 * on loopback), since a signed request over plain http to anywhere else
 * could be read or replayed on the way. */
#include "url.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

static bool
url_host_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_';
}

/* The port after ':' up to `end`: NULL, or why it is not one. */
static const char *
url_port_problem(const char *port, const char *end)
{
	long v = 0;
	if (port == end)
		return "the port number is missing";
	for (const char *p = port; p < end; p++) {
		if (!isdigit((unsigned char)*p) || v > 65535)
			return "the port is not a number from 1 to 65535";
		v = v * 10 + (*p - '0');
	}
	if (v < 1 || v > 65535)
		return "the port is not a number from 1 to 65535";
	return NULL;
}

static const char *
url_parse_ipv6(struct url *u, const char *a, const char *aend,
	const char **port)
{
	const char *close = memchr(a, ']', (size_t)(aend - a));
	if (!close)
		return "an IPv6 address without its closing ']'";
	u->host = a + 1;
	u->host_len = (size_t)(close - a - 1);
	u->bracketed = true;
	if (close + 1 < aend) {
		if (close[1] != ':')
			return "unexpected text after the IPv6 address";
		*port = close + 2;
	}
	char tmp[64];
	struct in6_addr a6;
	if (u->host_len >= sizeof(tmp))
		return "not a valid IPv6 address";
	memcpy(tmp, u->host, u->host_len);
	tmp[u->host_len] = '\0';
	if (inet_pton(AF_INET6, tmp, &a6) != 1)
		return "not a valid IPv6 address";
	return NULL;
}

const char *
url_parse(const char *s, struct url *u)
{
	memset(u, 0, sizeof(*u));
	if (!s)
		return "there is no URL";
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			return "it contains a space or a control character";
	const char *rest = s;
	const char *sep = strstr(s, "://");
	u->https = true;
	if (sep) {
		size_t n = (size_t)(sep - s);
		u->has_scheme = true;
		if (n == 5 && !strncasecmp(s, "https", 5))
			u->https = true;
		else if (n == 4 && !strncasecmp(s, "http", 4))
			u->https = false;
		else
			return "only http:// and https:// URLs are supported";
		rest = sep + 3;
	}
	size_t alen = strcspn(rest, "/?#");
	if (memchr(rest, '@', alen))
		return "user information (user@ or user:password@) is not "
			"allowed in the URL";
	u->authority = rest;
	u->authority_len = alen;
	const char *a = rest, *aend = rest + alen, *port = NULL, *why;
	if (a < aend && *a == '[') {
		if ((why = url_parse_ipv6(u, a, aend, &port)))
			return why;
	} else {
		const char *colon = memchr(a, ':', alen);
		u->host = a;
		u->host_len = colon ? (size_t)(colon - a) : alen;
		if (colon) {
			if (memchr(colon + 1, ':', (size_t)(aend - colon - 1)))
				return "an IPv6 address must be written in "
					"brackets, like [::1]";
			port = colon + 1;
		}
		for (size_t i = 0; i < u->host_len; i++)
			if (!url_host_char(u->host[i]))
				return "the host name has a character that is not "
					"allowed";
	}
	if (u->host_len == 0)
		return "the host name is missing";
	if (port && (why = url_port_problem(port, aend)))
		return why;
	u->path = aend;
	u->path_len = strcspn(aend, "?#");
	u->has_query = aend[u->path_len] != '\0';
	return NULL;
}

bool
url_host_is_loopback(const struct url *u)
{
	char tmp[256];
	if (!u->host || u->host_len >= sizeof(tmp))
		return false;
	memcpy(tmp, u->host, u->host_len);
	tmp[u->host_len] = '\0';
	if (u->bracketed) {
		struct in6_addr a6;
		if (inet_pton(AF_INET6, tmp, &a6) != 1)
			return false;
		return IN6_IS_ADDR_LOOPBACK(&a6) ||
			(IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
	}
	/* libcurl resolves exactly "localhost" itself; "localhost." would
	 * go to the resolver, which may answer anything. */
	if (!strcasecmp(tmp, "localhost"))
		return true;
	struct in_addr a4;
	if (inet_pton(AF_INET, tmp, &a4) != 1)  /* dotted quad only */
		return false;
	return (ntohl(a4.s_addr) >> 24) == 127;
}

bool
url_is_loopback(const char *s)
{
	struct url u;
	return s && !url_parse(s, &u) && url_host_is_loopback(&u);
}

static int
url_check_parsed(const char *s, struct url *u, const char *from,
	bool allow_query, struct err *e)
{
	const char *why = url_parse(s, u);
	if (!why && u->has_query && !allow_query)
		why = "a query string or fragment is not allowed";
	if (why)
		return err_set(e, ERR_CONFIG, "the endpoint from %s is not "
			"usable: %s", from, why);
	if (!u->https && !url_host_is_loopback(u)) {
		/* The authority passed url_parse: printable, no '@'. */
		return err_set(e, ERR_CONFIG, "the endpoint from %s uses plain "
			"http:// for '%.*s', which is not a loopback host: signed "
			"requests and credentials would cross the network "
			"unencrypted. Plain http:// is accepted only for "
			"127.0.0.0/8, [::1] and localhost; use https://%.*s", from,
			(int)u->authority_len, u->authority,
			(int)u->authority_len, u->authority);
	}
	return 0;
}

int
url_check(const char *s, const char *from, bool allow_query, struct err *e)
{
	struct url u;
	return url_check_parsed(s, &u, from, allow_query, e);
}

char *
url_normalize(const char *s, const char *from, struct err *e)
{
	struct url u;
	if (url_check_parsed(s, &u, from, false, e) < 0)
		return NULL;
	size_t plen = u.path_len;
	while (plen > 0 && u.path[plen - 1] == '/')
		plen--;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s://%.*s%.*s", u.https ? "https" : "http",
		(int)u.authority_len, u.authority, (int)plen, u.path);
	return buf_steal(&b);
}

int
url_split(const char *s, const char *from, char **prefix, char **path,
	struct err *e)
{
	struct url u;
	if (url_check_parsed(s, &u, from, false, e) < 0)
		return -1;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s://%.*s", u.https ? "https" : "http",
		(int)u.authority_len, u.authority);
	*prefix = buf_steal(&b);
	*path = u.path_len ? xstrndup(u.path, u.path_len) : xstrdup("/");
	return 0;
}

void
url_authority(const char *s, char *out, size_t outsz)
{
	if (!outsz)
		return;
	out[0] = '\0';
	if (!s)
		return;
	const char *sep = strstr(s, "://");
	const char *a = sep ? sep + 3 : s;
	size_t n = strcspn(a, "/?#");
	const char *at;
	while ((at = memchr(a, '@', n))) {  /* never user information */
		n -= (size_t)(at + 1 - a);
		a = at + 1;
	}
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, a, n);
	out[n] = '\0';
}

void
url_hostname(const char *s, char *out, size_t outsz)
{
	if (!outsz)
		return;
	char auth[256];
	url_authority(s, auth, sizeof(auth));
	const char *h = auth;
	size_t n;
	if (*h == '[') {
		h++;
		n = strcspn(h, "]");
	} else {
		n = strcspn(h, ":");
	}
	if (n >= outsz)
		n = outsz - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)h[i]);
	out[n] = '\0';
}
