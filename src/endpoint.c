/* endpoint: choosing the region and the Config and STS base URLs. The URL
 * rules themselves live in url.c. */
#include "endpoint.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "env.h"
#include "url.h"

#define ENDPOINT_OTHER_REGION "ap-southeast-1"

static bool
endpoint_set(const char *s)
{
	return s && *s;
}

/* A copy safe to print: control bytes become '?', long input is cut. */
static const char *
endpoint_printable(const char *s, char *out, size_t outsz)
{
	size_t n = 0;
	for (; *s && n + 4 < outsz; s++) {
		unsigned char c = (unsigned char)*s;
		out[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (*s) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

static int
endpoint_copy(const char *s, char *out, size_t outsz, struct err *e)
{
	size_t n = strlen(s);
	if (n >= outsz)
		return err_set(e, ERR_CONFIG, "endpoint or region too long "
			"(%zu bytes)", n);
	memcpy(out, s, n + 1);
	return 0;
}

/* The canonical name of a Config region, or NULL. */
static const char *
endpoint_config_region(const char *r)
{
	if (!strcasecmp(r, "cn-shanghai"))
		return "cn-shanghai";
	if (!strcasecmp(r, "ap-southeast-1"))
		return "ap-southeast-1";
	return NULL;
}

static bool
endpoint_region_shaped(const char *r)
{
	for (; *r; r++)
		if (!isalnum((unsigned char)*r) && *r != '-')
			return false;
	return true;
}

static int
endpoint_region_error(const char *r, const char *from, struct err *e)
{
	char shown[80], why[96] = "";
	endpoint_printable(r, shown, sizeof(shown));
	if (from && strcmp(from, "--region") != 0)
		snprintf(why, sizeof(why), " (the region came from %s)", from);
	if (!*r || !endpoint_region_shaped(r))
		return err_set(e, ERR_CONFIG, "'%s' is not a region id: Cloud "
			"Config is served only from cn-shanghai (China site) and "
			"ap-southeast-1 (international site); use --region "
			"cn-shanghai or --region ap-southeast-1%s", shown, why);
	bool china = strncasecmp(r, "cn-", 3) == 0;
	const char *site = china ? "cn-shanghai" : "ap-southeast-1";
	/* A profile's region_id is usually a business region chosen for other
	 * products: say how to fix it once, not on every command line. */
	char keep[128] = "";
	if (from && strcmp(from, "--region") != 0)
		snprintf(keep, sizeof(keep), ", or put 'region = %s' in "
			"~/.config/alicfg/config", site);
	return err_set(e, ERR_CONFIG, "Cloud Config is served only from "
		"cn-shanghai (China site) and ap-southeast-1 (international "
		"site); region '%s' is %s region: use --region %s%s%s", shown,
		china ? "a China-site" : "an international-site", site, keep,
		why);
}

int
endpoint_region(const char *flag, const char *profile_region,
	char *out, size_t outsz, struct err *e)
{
	const char *r, *from;
	if (endpoint_set(flag)) {
		r = flag;
		from = "--region";
	} else if ((r = env_family_get(ENV_REGION, &from))) {
		/* from names the variable */
	} else if (endpoint_set(profile_region)) {
		r = profile_region;
		from = "the profile's region_id";
	} else {
		r = ENDPOINT_DEFAULT_REGION;
		from = "the default";
	}
	const char *canon = endpoint_config_region(r);
	if (!canon)
		return endpoint_region_error(r, from, e);
	return endpoint_copy(canon, out, outsz, e);
}

const char *
endpoint_other_region(const char *region)
{
	if (region && !strcmp(region, ENDPOINT_OTHER_REGION))
		return ENDPOINT_DEFAULT_REGION;
	return ENDPOINT_OTHER_REGION;
}

/* Check and normalise one URL (url.c's rules). `from` says where it came
 * from, for the message. */
static int
endpoint_normalize(const char *in, const char *from, char *out, size_t outsz,
	struct err *e)
{
	char *url = url_normalize(in, from, e);
	if (!url)
		return -1;
	int rc = endpoint_copy(url, out, outsz, e);
	free(url);
	return rc;
}

int
endpoint_config_url(const char *flag, const char *region,
	char *out, size_t outsz, struct err *e)
{
	const char *env = getenv("ALIBABA_CLOUD_ENDPOINT");
	if (endpoint_set(flag))
		return endpoint_normalize(flag, "--endpoint", out, outsz, e);
	if (endpoint_set(env))
		return endpoint_normalize(env, "ALIBABA_CLOUD_ENDPOINT", out,
			outsz, e);
	if (!endpoint_set(region))
		region = ENDPOINT_DEFAULT_REGION;
	const char *canon = endpoint_config_region(region);
	if (!canon)
		return endpoint_region_error(region, NULL, e);
	char url[64];
	snprintf(url, sizeof(url), "https://config.%s.aliyuncs.com", canon);
	return endpoint_copy(url, out, outsz, e);
}

int
endpoint_normalize_url(const char *url, const char *from, char *out,
	size_t outsz, struct err *e)
{
	return endpoint_normalize(url, from, out, outsz, e);
}

int
endpoint_sts_url(const char *flag, const char *profile_sts,
	char *out, size_t outsz, struct err *e)
{
	const char *env = getenv("ALIBABA_CLOUD_STS_ENDPOINT");
	if (endpoint_set(flag))
		return endpoint_normalize(flag, "--sts-endpoint", out, outsz,
			e);
	if (endpoint_set(env))
		return endpoint_normalize(env, "ALIBABA_CLOUD_STS_ENDPOINT", out,
			outsz, e);
	if (endpoint_set(profile_sts))
		return endpoint_normalize(profile_sts, "the profile's "
			"sts_endpoint", out, outsz, e);
	return endpoint_copy("https://" ENDPOINT_DEFAULT_STS, out, outsz, e);
}
