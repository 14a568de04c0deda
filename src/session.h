/* session: everything a front end needs before its first request —
 * credentials, region, endpoints, retry policy and the audit "who" —
 * resolved from the options the same way for the batch commands and the
 * TUI, so the two cannot drift apart. */
#ifndef ALICFG_SESSION_H
#define ALICFG_SESSION_H

#include "api.h"
#include "cred.h"
#include "options.h"

struct session {
	struct cred cred;
	char region[32];
	char endpoint[1024];
	char sts_endpoint[1024];
	char rd_endpoint[1024];  /* Resource Directory (ListAccounts) */
	char who[256];          /* audit record "who": front end, origin, masked key */
	struct api_config api;  /* ready for api_client_new; points into this struct */
};

struct session_request {
	const struct options *opts;
	const char *front_end;  /* "batch" or "tui", for the audit record */
	const char *profile;    /* NULL: no explicit profile */
	const char *region;     /* NULL: environment, profile or default */
	void (*warn)(void *ctx, const char *message);
	void *warn_ctx;
};

/* Fills s; on failure (ERR_CONFIG with a message naming the problem)
 * nothing needs freeing. The api config has no log callback: the caller
 * sets s->api.log and log_ctx if it wants one. */
int session_open(struct session *s, const struct session_request *req,
	struct err *e);
/* Frees and wipes the credentials. */
void session_close(struct session *s);
/* "credentials from ... (key LTAI****abcd, STS); region ...; endpoint ...;
 * sts ...; signature v3": the -v header line, never a secret. */
void session_describe(const struct session *s, char *out, size_t outsz);

#endif
