/* env: environment variable families, first non-empty wins. */
#include "env.h"

#include <stdlib.h>

static const char *const env_names[ENV_FAMILY_COUNT][6] = {
	[ENV_ACCESS_KEY_ID] = { "ALIBABA_CLOUD_ACCESS_KEY_ID",
		"ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID",
		"ACCESS_KEY_ID", NULL },
	[ENV_ACCESS_KEY_SECRET] = { "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
		"ALIBABACLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY_SECRET",
		"ACCESS_KEY_SECRET", NULL },
	[ENV_SECURITY_TOKEN] = { "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABACLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN",
		"SECURITY_TOKEN", NULL },
	[ENV_PROFILE] = { "ALIBABA_CLOUD_PROFILE", "ALIBABACLOUD_PROFILE",
		"ALICLOUD_PROFILE", NULL },
	[ENV_REGION] = { "ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID",
		"ALICLOUD_REGION_ID", "REGION_ID", "REGION", NULL },
	/* curl reads the lower-case spelling first */
	[ENV_HTTPS_PROXY] = { "https_proxy", "HTTPS_PROXY", NULL },
	[ENV_ALL_PROXY] = { "all_proxy", "ALL_PROXY", NULL },
	[ENV_NO_PROXY] = { "no_proxy", "NO_PROXY", NULL },
};

const char *
env_value(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

const char *const *
env_family_names(enum env_family f)
{
	return env_names[f];
}

const char *
env_family_get(enum env_family f, const char **which)
{
	for (const char *const *n = env_names[f]; *n; n++) {
		const char *v = env_value(*n);
		if (v) {
			if (which)
				*which = *n;
			return v;
		}
	}
	return NULL;
}

void
env_family_list(enum env_family f, struct buf *out)
{
	for (int i = 0; env_names[f][i]; i++)
		buf_printf(out, "%s%s", i ? ", " : "", env_names[f][i]);
}
