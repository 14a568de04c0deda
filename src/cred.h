/* cred: find credentials where Alibaba's official tools put them.
 *
 * Order (the official chain): a key the caller passes in cred_request
 * (library use; the CLI has no key flags, so secrets stay off argv); environment
 * (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN and the aliyun
 * CLI's aliases); the aliyun CLI file ~/.aliyun/config.json
 * (ALIBABA_CLOUD_CONFIG_FILE; modes AK, StsToken, RamRoleArn,
 * ChainableRamRoleArn); the INI file ~/.alibabacloud/credentials or
 * credentials.ini (ALIBABA_CLOUD_CREDENTIALS_FILE; types access_key, sts,
 * ram_role_arn). Pure file and environment reading: assuming a role is the
 * client's job (api.h), which it does from the resolved description. */
#ifndef ALICFG_CRED_H
#define ALICFG_CRED_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "err.h"

enum cred_mode {
	CRED_AK = 1,            /* long-lived AccessKey pair */
	CRED_STS,               /* AccessKey + security token */
	CRED_RAM_ROLE_ARN,      /* base key, then AssumeRole role_arn */
};

struct cred {
	enum cred_mode mode;
	char *access_key_id;
	char *access_key_secret;  /* secret: never print */
	char *security_token;     /* secret: never print; NULL unless STS */
	time_t expiration;        /* 0 when unknown / long-lived */
	/* CRED_RAM_ROLE_ARN: the role to assume with the key above. A
	 * ChainableRamRoleArn profile resolves its source profile first, so
	 * the key above may itself be STS (then security_token is set). */
	char *role_arn;
	char *role_session_name;
	char *external_id;
	char *policy;
	int duration_seconds;     /* 0: default 3600 */
	/* Where it came from, for messages: "environment",
	 * "/root/.aliyun/config.json profile 'default'", ... */
	char *origin;
	char *profile;            /* profile name used, or NULL */
	char *region_id;          /* profile region_id, or NULL */
	char *sts_endpoint;       /* profile sts_endpoint / sts_region, or NULL */
};

struct cred_request {
	/* From the command line; NULL when not given. */
	const char *profile;
	const char *access_key_id;
	const char *access_key_secret;
	const char *security_token;
	/* Home directory; NULL means $HOME. Tests point it at a temp dir. */
	const char *home;
	/* Where non-fatal warnings go (a credentials file readable by others);
	 * NULL means stderr. */
	void (*warn)(void *ctx, const char *message);
	void *warn_ctx;
};

/* Resolve the chain. No credentials at all: ERR_CONFIG listing every place
 * that was tried. An unsupported mode (EcsRamRole, OIDC, CloudSSO, ...):
 * ERR_CONFIG naming the profile and the mode. */
/* Make the process non-dumpable (no core file with a secret in it);
 * cred_resolve does it first thing. */
void cred_protect_process(void);
int cred_resolve(const struct cred_request *req, struct cred *out,
	struct err *e);
void cred_free(struct cred *c);   /* wipes secrets */
void cred_copy(struct cred *dst, const struct cred *src);

/* Profile names in ~/.aliyun/config.json, for the TUI's profile picker.
 * Returns the count; *names is a malloc'd array of malloc'd strings. */
int cred_files_list_profiles(const char *home, char ***names, struct err *e);
/* Every profile name of ~/.aliyun/config.json and of the INI credentials
 * file, "a, b (PATH); c (PATH)", appended to `out` (nothing when none):
 * for the error about a profile that does not exist. */
void cred_profiles_list(const char *home, struct buf *out);
/* "LTAI****1234" as the official tools mask a key: the first and last four
 * characters; "****" when the id is shorter than 12. */
void cred_mask_key_id(const char *id, char *out, size_t outsz);

#endif
