/* endpoint: choosing the region and the Config and STS base URLs.
 *
 * The URL rules guard the credentials: only http and https, no user
 * information in the URL, and plain http only to this machine (an emulator
 * on loopback), since a signed request over plain http to anywhere else
 * could be read or replayed on the way. */
#include "endpoint.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

#define ENDPOINT_OTHER_REGION "ap-southeast-1"

/* The aliyun CLI's fallbacks, first non-empty wins (alibaba-api.md §7.1). */
static const char *const endpoint_env_region[] = {
	"ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID",
	"ALICLOUD_REGION_ID", "REGION_ID", "REGION", NULL,
};

/* A URL split into parts; pointers into the original string. */
struct endpoint_url {
	bool has_scheme;
	bool https;
	const char *host;        /* without brackets */
	size_t host_len;
	bool bracketed;          /* an IPv6 literal */
	const char *authority;   /* host[:port] as written */
	size_t authority_len;
	const char *path;        /* "" or "/..." */
	size_t path_len;         /* trailing '/'s excluded */
};

static bool
endpoint_set(const char *s)
{
	return s && *s;
}

static const char *
endpoint_env_first(const char *const *names, const char **which)
{
	for (; *names; names++) {
		const char *v = getenv(*names);
		if (endpoint_set(v)) {
			*which = *names;
			return v;
		}
	}
	return NULL;
}

/* A copy safe to print: control bytes become '?', long input is cut. */
static const char *
endpoint_printable(const char *s, char *out, size_t outsz)
{
	size_t n = 0;
	for (; *s && n + 4 < outsz; s++) {
		unsigned char c = (unsigned char)*s;
		out[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (*s) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

static int
endpoint_copy(const char *s, char *out, size_t outsz, struct err *e)
{
	size_t n = strlen(s);
	if (n >= outsz)
		return err_set(e, ERR_CONFIG, "endpoint or region too long "
			"(%zu bytes)", n);
	memcpy(out, s, n + 1);
	return 0;
}

/* The canonical name of a Config region, or NULL. */
static const char *
endpoint_config_region(const char *r)
{
	if (!strcasecmp(r, "cn-shanghai"))
		return "cn-shanghai";
	if (!strcasecmp(r, "ap-southeast-1"))
		return "ap-southeast-1";
	return NULL;
}

static bool
endpoint_region_shaped(const char *r)
{
	for (; *r; r++)
		if (!isalnum((unsigned char)*r) && *r != '-')
			return false;
	return true;
}

static int
endpoint_region_error(const char *r, const char *from, struct err *e)
{
	char shown[80], why[96] = "";
	endpoint_printable(r, shown, sizeof(shown));
	if (from && strcmp(from, "--region") != 0)
		snprintf(why, sizeof(why), " (the region came from %s)", from);
	if (!*r || !endpoint_region_shaped(r))
		return err_set(e, ERR_CONFIG, "'%s' is not a region id: Cloud "
			"Config is served only from cn-shanghai (China site) and "
			"ap-southeast-1 (international site); use --region "
			"cn-shanghai or --region ap-southeast-1%s", shown, why);
	bool china = strncasecmp(r, "cn-", 3) == 0;
	const char *site = china ? "cn-shanghai" : "ap-southeast-1";
	/* A profile's region_id is usually a business region chosen for other
	 * products: say how to fix it once, not on every command line. */
	char keep[128] = "";
	if (from && strcmp(from, "--region") != 0)
		snprintf(keep, sizeof(keep), ", or put 'region = %s' in "
			"~/.config/alicfg/config", site);
	return err_set(e, ERR_CONFIG, "Cloud Config is served only from "
		"cn-shanghai (China site) and ap-southeast-1 (international "
		"site); region '%s' is %s region: use --region %s%s%s", shown,
		china ? "a China-site" : "an international-site", site, keep,
		why);
}

int
endpoint_region(const char *flag, const char *profile_region,
	char *out, size_t outsz, struct err *e)
{
	const char *r, *from;
	if (endpoint_set(flag)) {
		r = flag;
		from = "--region";
	} else if ((r = endpoint_env_first(endpoint_env_region, &from))) {
		/* from names the variable */
	} else if (endpoint_set(profile_region)) {
		r = profile_region;
		from = "the profile's region_id";
	} else {
		r = ENDPOINT_DEFAULT_REGION;
		from = "the default";
	}
	const char *canon = endpoint_config_region(r);
	if (!canon)
		return endpoint_region_error(r, from, e);
	return endpoint_copy(canon, out, outsz, e);
}

const char *
endpoint_other_region(const char *region)
{
	if (region && !strcmp(region, ENDPOINT_OTHER_REGION))
		return ENDPOINT_DEFAULT_REGION;
	return ENDPOINT_OTHER_REGION;
}

static bool
endpoint_host_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_';
}

/* Split `s` into parts. Returns NULL, or a reason it is not a usable URL
 * (the reason never quotes the URL, which could hold a password). */
static const char *
endpoint_parse(const char *s, struct endpoint_url *u)
{
	memset(u, 0, sizeof(*u));
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
	if (strpbrk(rest, "?#"))
		return "a query string or fragment is not allowed";
	size_t alen = strcspn(rest, "/");
	if (memchr(rest, '@', alen))
		return "user information (user@ or user:password@) is not "
			"allowed in the URL";
	u->authority = rest;
	u->authority_len = alen;
	const char *a = rest, *aend = rest + alen, *port = NULL;
	if (a < aend && *a == '[') {
		const char *close = memchr(a, ']', alen);
		if (!close)
			return "an IPv6 address without its closing ']'";
		u->host = a + 1;
		u->host_len = (size_t)(close - a - 1);
		u->bracketed = true;
		if (close + 1 < aend) {
			if (close[1] != ':')
				return "unexpected text after the IPv6 address";
			port = close + 2;
		}
		char tmp[64];
		struct in6_addr a6;
		if (u->host_len >= sizeof(tmp))
			return "not a valid IPv6 address";
		memcpy(tmp, u->host, u->host_len);
		tmp[u->host_len] = '\0';
		if (inet_pton(AF_INET6, tmp, &a6) != 1)
			return "not a valid IPv6 address";
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
			if (!endpoint_host_char(u->host[i]))
				return "the host name has a character that is not "
					"allowed";
	}
	if (u->host_len == 0)
		return "the host name is missing";
	if (port) {
		long v = 0;
		if (port == aend)
			return "the port number is missing";
		for (const char *p = port; p < aend; p++) {
			if (!isdigit((unsigned char)*p) || v > 65535)
				return "the port is not a number from 1 to 65535";
			v = v * 10 + (*p - '0');
		}
		if (v < 1 || v > 65535)
			return "the port is not a number from 1 to 65535";
	}
	u->path = aend;
	u->path_len = strlen(aend);
	while (u->path_len > 0 && u->path[u->path_len - 1] == '/')
		u->path_len--;
	return NULL;
}

static bool
endpoint_host_is_loopback(const struct endpoint_url *u)
{
	char tmp[256];
	if (u->host_len >= sizeof(tmp))
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
	if (!strcasecmp(tmp, "localhost") || !strcasecmp(tmp, "localhost."))
		return true;
	struct in_addr a4;
	if (inet_pton(AF_INET, tmp, &a4) != 1)
		return false;
	return (ntohl(a4.s_addr) >> 24) == 127;
}

bool
endpoint_is_loopback_url(const char *url)
{
	struct endpoint_url u;
	return url && !endpoint_parse(url, &u) && endpoint_host_is_loopback(&u);
}

/* Check and normalise one URL: scheme added and lower-cased, trailing '/'
 * removed. `from` says where it came from, for the message. */
static int
endpoint_normalize(const char *in, const char *from, char *out, size_t outsz,
	struct err *e)
{
	struct endpoint_url u;
	const char *why = endpoint_parse(in, &u);
	if (why)
		return err_set(e, ERR_CONFIG, "the endpoint from %s is not "
			"usable: %s", from, why);
	if (!u.https && !endpoint_host_is_loopback(&u)) {
		/* The authority passed endpoint_parse: printable, no '@'. */
		return err_set(e, ERR_CONFIG, "the endpoint from %s uses plain "
			"http:// for '%.*s', which is not a loopback host: signed "
			"requests and credentials would cross the network "
			"unencrypted. Plain http:// is accepted only for "
			"127.0.0.0/8, [::1] and localhost; use https://%.*s", from,
			(int)u.authority_len, u.authority,
			(int)u.authority_len, u.authority);
	}
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s://%.*s%.*s", u.https ? "https" : "http",
		(int)u.authority_len, u.authority, (int)u.path_len, u.path);
	int rc = endpoint_copy(buf_str(&b), out, outsz, e);
	buf_free(&b);
	return rc;
}

int
endpoint_config_url(const char *flag, const char *region,
	char *out, size_t outsz, struct err *e)
{
	const char *env = getenv("ALIBABA_CLOUD_ENDPOINT");
	if (endpoint_set(flag))
		return endpoint_normalize(flag, "--endpoint", out, outsz, e);
	if (endpoint_set(env))
		return endpoint_normalize(env, "ALIBABA_CLOUD_ENDPOINT", out,
			outsz, e);
	if (!endpoint_set(region))
		region = ENDPOINT_DEFAULT_REGION;
	const char *canon = endpoint_config_region(region);
	if (!canon)
		return endpoint_region_error(region, NULL, e);
	char url[64];
	snprintf(url, sizeof(url), "https://config.%s.aliyuncs.com", canon);
	return endpoint_copy(url, out, outsz, e);
}

int
endpoint_normalize_url(const char *url, const char *from, char *out,
	size_t outsz, struct err *e)
{
	return endpoint_normalize(url, from, out, outsz, e);
}

int
endpoint_sts_url(const char *flag, const char *profile_sts,
	char *out, size_t outsz, struct err *e)
{
	const char *env = getenv("ALIBABA_CLOUD_STS_ENDPOINT");
	if (endpoint_set(flag))
		return endpoint_normalize(flag, "--sts-endpoint", out, outsz,
			e);
	if (endpoint_set(env))
		return endpoint_normalize(env, "ALIBABA_CLOUD_STS_ENDPOINT", out,
			outsz, e);
	if (endpoint_set(profile_sts))
		return endpoint_normalize(profile_sts, "the profile's "
			"sts_endpoint", out, outsz, e);
	return endpoint_copy("https://" ENDPOINT_DEFAULT_STS, out, outsz, e);
}

void
endpoint_host(const char *url, char *out, size_t outsz)
{
	if (!outsz)
		return;
	out[0] = '\0';
	if (!url)
		return;
	const char *sep = strstr(url, "://");
	const char *a = sep ? sep + 3 : url;
	size_t n = strcspn(a, "/?#");
	const char *at = memchr(a, '@', n);
	if (at) {
		/* never show user information */
		while ((at = memchr(a, '@', n))) {
			n -= (size_t)(at + 1 - a);
			a = at + 1;
		}
	}
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, a, n);
	out[n] = '\0';
}
