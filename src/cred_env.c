/* cred_env: which environment variables are a credentials source. */
#include "cred_env.h"

#include <stddef.h>

#include "env.h"

/* The names come from env.c's families, whose i-th entries form family
 * i: ALIBABA_CLOUD_ (the source), then the aliyun CLI's ALIBABACLOUD_,
 * ALICLOUD_ and bare names (fill-ins), in the order the CLI reads them. */
static const char *const cred_env_prefixes[] = {
	"ALIBABA_CLOUD_", "ALIBABACLOUD_", "ALICLOUD_", "",
};

#define CRED_ENV_NFAMILIES \
	(sizeof(cred_env_prefixes) / sizeof(cred_env_prefixes[0]))

static bool
cred_env_read(size_t i, struct cred_env_key *k)
{
	const char *const *ids = env_family_names(ENV_ACCESS_KEY_ID);
	const char *const *secrets = env_family_names(ENV_ACCESS_KEY_SECRET);
	const char *const *tokens = env_family_names(ENV_SECURITY_TOKEN);
	for (size_t n = 0; n <= i; n++)
		if (!ids[n] || !secrets[n] || !tokens[n])
			return false;
	k->family = cred_env_prefixes[i];
	k->id_var = ids[i];
	k->secret_var = secrets[i];
	k->token_var = tokens[i];
	k->id = env_value(ids[i]);
	k->secret = env_value(secrets[i]);
	k->token = env_value(tokens[i]);
	return true;
}

void
cred_env_source(struct cred_env_key *k)
{
	cred_env_read(0, k);
}

bool
cred_env_alias(struct cred_env_key *k)
{
	for (size_t i = 1; i < CRED_ENV_NFAMILIES; i++)
		if (cred_env_read(i, k) && k->id && k->secret)
			return true;
	return false;
}

int
cred_env_unused(struct buf *out)
{
	/* The official SDK's OIDC provider and its URI provider. */
	static const char *const names[] = {
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI",
	};
	int n = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (env_value(names[i]))
			buf_printf(out, "%s%s", n++ ? ", " : "", names[i]);
	return n;
}
