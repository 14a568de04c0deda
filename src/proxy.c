/* proxy: the proxy rule for https and plain http. See proxy.h. */
#include "config.h"

#include "proxy.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "env.h"

/* Does one no_proxy entry [p, p+n) cover host? */
static bool
proxy_entry_matches(const char *p, size_t n, const char *host)
{
	while (n && isspace((unsigned char)*p)) {
		p++;
		n--;
	}
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	if (n == 1 && *p == '*')
		return true;
	if (n && *p == '.') {
		p++;
		n--;
	}
	if (!n)
		return false;
	size_t hn = strlen(host);
	if (hn == n)
		return strncasecmp(host, p, n) == 0;
	/* a subdomain: "x.example.com" is covered by "example.com" */
	return hn > n && host[hn - n - 1] == '.' &&
		strncasecmp(host + hn - n, p, n) == 0;
}

static bool
proxy_excluded(const char *host)
{
	const char *list = env_family_get(ENV_NO_PROXY, NULL);
	if (!list)
		return false;
	for (const char *p = list; ; ) {
		size_t n = strcspn(p, ",");
		if (proxy_entry_matches(p, n, host))
			return true;
		if (!p[n])
			break;
		p += n + 1;
	}
	return false;
}

void
proxy_for(const char *url, const char *host, struct buf *out)
{
	if (strncasecmp(url, "https://", 8) != 0)
		return;   /* plain http: never through a proxy */
	const char *p = env_family_get(ENV_HTTPS_PROXY, NULL);
	if (!p)
		p = env_family_get(ENV_ALL_PROXY, NULL);
	if (!p || proxy_excluded(host))
		return;
	buf_puts(out, p);
}

void
proxy_display(const char *proxy_url, char *out, size_t outsz)
{
	if (!outsz)
		return;
	const char *p = strstr(proxy_url, "://");
	p = p ? p + 3 : proxy_url;
	size_t n = strcspn(p, "/?#");
	const char *at = NULL;
	for (size_t i = 0; i < n; i++)
		if (p[i] == '@')
			at = p + i;
	if (at) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}
