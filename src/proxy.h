/* proxy: which proxy, if any, a request goes through.
 *
 * Plain http:// (loopback only, see url.h) never goes through a proxy:
 * the signed request and a security token would cross to the proxy in
 * clear text. https:// follows the variables curl users know:
 * https_proxy / HTTPS_PROXY, else all_proxy / ALL_PROXY, unless the host
 * is in no_proxy / NO_PROXY (comma-separated names; "*" for all; a name
 * also covers its subdomains, a leading dot is ignored). Through a proxy
 * the TLS session still runs end to end with the server (CONNECT). */
#ifndef ALICFG_PROXY_H
#define ALICFG_PROXY_H

#include <stddef.h>

#include "buf.h"

/* Append to `out` the proxy URL for `url`, whose host name (no port, no
 * brackets, lower case) is `host`; nothing when it goes direct. */
void proxy_for(const char *url, const char *host, struct buf *out);
/* "host:port" of a proxy URL for messages (never its user or password). */
void proxy_display(const char *proxy_url, char *out, size_t outsz);

#endif
