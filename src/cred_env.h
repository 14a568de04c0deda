/* cred_env: the environment as Alibaba's official credential SDK reads it.
 *
 * Only ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN are a
 * source. The aliyun CLI's other spellings (ALIBABACLOUD_*, ALICLOUD_* and
 * the bare ACCESS_KEY_ID / ACCESS_KEY_SECRET / SECURITY_TOKEN) never
 * select credentials on their own: they only fill a config.json profile
 * whose key is empty, as the aliyun CLI does. An id, a secret and a token
 * always come from one family, so a stray SECURITY_TOKEN cannot turn a
 * permanent key into a failing STS credential. Facts and sources:
 * docs/credentials.md. */
#ifndef ALICFG_CRED_ENV_H
#define ALICFG_CRED_ENV_H

#include <stdbool.h>

#include "buf.h"

/* One family's three variables, as set (NULL when unset or empty). */
struct cred_env_key {
	const char *family;     /* "ALIBABA_CLOUD_", "ALICLOUD_", "" ... */
	const char *id;
	const char *secret;
	const char *token;
	const char *id_var;     /* the variables' names, for messages */
	const char *secret_var;
	const char *token_var;
};

/* The source family (ALIBABA_CLOUD_*). */
void cred_env_source(struct cred_env_key *k);
/* The first alias family (ALIBABACLOUD_, ALICLOUD_, bare) with both an id
 * and a secret; false when none has. */
bool cred_env_alias(struct cred_env_key *k);
/* Variables of credential kinds alicfg does not use (OIDC role, a
 * credentials URI) that are set: "ALIBABA_CLOUD_OIDC_TOKEN_FILE, ..."
 * appended to `out`; returns how many. */
int cred_env_unused(struct buf *out);

#endif
