/* session: resolve credentials, region, endpoints and the api config. */
#include "session.h"

#include "endpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
session_open(struct session *s, const struct session_request *req,
	struct err *e)
{
	const struct options *o = req->opts;
	memset(s, 0, sizeof(*s));
	struct cred_request cr = {
		.profile = req->profile,
		.warn = req->warn,
		.warn_ctx = req->warn_ctx,
	};
	if (cred_resolve(&cr, &s->cred, e) < 0)
		return -1;
	if (endpoint_region(req->region, s->cred.region_id, s->region,
	    sizeof(s->region), e) < 0 ||
	    endpoint_config_url(o->endpoint, s->region, s->endpoint,
	    sizeof(s->endpoint), e) < 0 ||
	    endpoint_sts_url(o->sts_endpoint, s->cred.sts_endpoint,
	    s->sts_endpoint, sizeof(s->sts_endpoint), e) < 0 ||
	    rd_endpoint_url(o->rd_endpoint, s->region, s->endpoint, s->rd_endpoint,
	    sizeof(s->rd_endpoint), e) < 0) {
		cred_free(&s->cred);
		return -1;
	}
	char masked[64] = "";
	cred_mask_key_id(s->cred.access_key_id, masked, sizeof(masked));
	snprintf(s->who, sizeof(s->who), "alicfg %s; %s; key %s",
		req->front_end, s->cred.origin ? s->cred.origin : "credentials",
		masked);

	struct api_config *c = &s->api;
	c->endpoint = s->endpoint;
	c->sts_endpoint = s->sts_endpoint;
	c->rd_endpoint = s->rd_endpoint;
	c->signature = o->signature;
	c->ca_bundle = o->ca_bundle;
	c->role_name = o->role_name;
	c->concurrency = o->concurrency;
	c->audit_who = s->who;
	c->readonly = o->readonly;
	/* One try's timeout; tests shorten it to lose a late answer. */
	const char *att = getenv("ALICFG_ATTEMPT_TIMEOUT_MS");
	if (att && *att) {
		long ms = strtol(att, NULL, 10);
		if (ms > 0 && ms <= 600000)
			c->timeout_ms = ms;
	}
	c->quotas = &o->quotas;
	if (o->max_attempts > 0 || o->retry_budget_seconds >= 0) {
		retry_policy_default(&c->retry);
		if (o->max_attempts > 0)
			c->retry.max_attempts = o->max_attempts;
		if (o->retry_budget_seconds >= 0)
			c->retry.max_total_delay_ms =
				(long)o->retry_budget_seconds * 1000;
	}
	return 0;
}

void
session_close(struct session *s)
{
	cred_free(&s->cred);
	memset(s, 0, sizeof(*s));
}

void
session_describe(const struct session *s, char *out, size_t outsz)
{
	char masked[64] = "";
	cred_mask_key_id(s->cred.access_key_id, masked, sizeof(masked));
	snprintf(out, outsz, "credentials from %s (key %s%s); region %s; "
		"endpoint %s; sts %s; signature %s",
		s->cred.origin ? s->cred.origin : "?", masked,
		s->cred.mode == CRED_STS ? ", STS" :
		s->cred.mode == CRED_RAM_ROLE_ARN ? ", assumes a role" : "",
		s->region, s->endpoint, s->sts_endpoint,
		s->api.signature == SIGN_V2 ? "v2" : "v3");
}
