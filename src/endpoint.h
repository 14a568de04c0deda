/* endpoint: which region and which host to talk to.
 *
 * Config is served only from cn-shanghai (China site) and ap-southeast-1
 * (international site); the region decides the site, not the location of
 * the resources. Any other region is an error that says which to use. */
#ifndef ALICFG_ENDPOINT_H
#define ALICFG_ENDPOINT_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define ENDPOINT_DEFAULT_REGION "cn-shanghai"
#define ENDPOINT_DEFAULT_STS "sts.aliyuncs.com"

/* Region: flag > ALIBABA_CLOUD_REGION_ID (and aliases) > profile region_id
 * > cn-shanghai. Writes the chosen region and validates it. */
int endpoint_region(const char *flag, const char *profile_region,
	char *out, size_t outsz, struct err *e);
/* Config base URL: flag > ALIBABA_CLOUD_ENDPOINT > the region's host.
 * A bare host gets https://; url_check()'s rules apply (plain http:// only
 * for loopback hosts). */
int endpoint_config_url(const char *flag, const char *region,
	char *out, size_t outsz, struct err *e);
/* STS base URL: flag > ALIBABA_CLOUD_STS_ENDPOINT > profile > default. */
int endpoint_sts_url(const char *flag, const char *profile_sts,
	char *out, size_t outsz, struct err *e);
/* Any other service's base URL given by the user (`from` names the flag or
 * variable for the message): the same rules as --endpoint. */
int endpoint_normalize_url(const char *url, const char *from, char *out,
	size_t outsz, struct err *e);
/* The region the other Config site uses (for the TUI's R key). */
const char *endpoint_other_region(const char *region);

#endif
