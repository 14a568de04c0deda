/* env: the one lookup of environment variables that come in families.
 *
 * The official tools read several spellings of one setting (the aliyun
 * CLI's ALIBABA_CLOUD_*, ALIBABACLOUD_*, ALICLOUD_* and bare names; curl's
 * https_proxy / HTTPS_PROXY); the first non-empty one wins. Every module
 * asks here, so the credentials chain, the region choice, the options'
 * precedence and the proxy choice read the same names in the same order.
 * The lists and their sources: docs/wire-reference.md#environment. */
#ifndef ALICFG_ENV_H
#define ALICFG_ENV_H

#include "buf.h"

enum env_family {
	ENV_ACCESS_KEY_ID = 0,
	ENV_ACCESS_KEY_SECRET,
	ENV_SECURITY_TOKEN,
	ENV_PROFILE,
	ENV_REGION,
	ENV_HTTPS_PROXY,
	ENV_ALL_PROXY,
	ENV_NO_PROXY,
	ENV_FAMILY_COUNT
};

/* The value of the first non-empty variable of the family, or NULL;
 * `which` (may be NULL) gets that variable's name. */
const char *env_family_get(enum env_family f, const char **which);
/* The names in the order they are read, NULL-terminated. */
const char *const *env_family_names(enum env_family f);
/* "A, B, C" appended to `out`. */
void env_family_list(enum env_family f, struct buf *out);
/* One variable: its value when set and non-empty, else NULL. */
const char *env_value(const char *name);

#endif
