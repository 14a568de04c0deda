/* emu_sts: STS 2015-04-01 AssumeRole (and GetCallerIdentity) with the
 * Resource Directory rule: in every member account the role
 * ResourceDirectoryAccountAccessRole trusts the directory's management
 * account, and nobody else. Root keys cannot assume roles, as on the real
 * service. Credentials issued here authenticate as the member until they
 * expire (emu_auth checks the token). */
#include "emu.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "sign.h"

#define EMU_RD_ROLE "ResourceDirectoryAccountAccessRole"

static void
emu_random_text(char *out, size_t n, const char *alphabet)
{
	size_t alen = strlen(alphabet);
	unsigned char r[512];
	while (n > 0) {
		size_t chunk = n < sizeof(r) ? n : sizeof(r);
		if (getrandom(r, chunk, 0) != (ssize_t)chunk)
			abort();
		for (size_t i = 0; i < chunk; i++)
			*out++ = alphabet[r[i] % alen];
		n -= chunk;
	}
	*out = '\0';
}

static bool
emu_session_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 64)
		return false;
	for (; *s; s++) {
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '@' &&
			*s != '_' && *s != '-')
			return false;
	}
	return true;
}

/* "acs:ram::<digits>:role/<name>" */
static int
emu_parse_role_arn(const char *arn, int64_t *account, char *role,
	size_t rolesz)
{
	const char *prefix = "acs:ram::";
	if (strncmp(arn, prefix, strlen(prefix)) != 0)
		return -1;
	const char *p = arn + strlen(prefix);
	if (*p < '0' || *p > '9')
		return -1;
	char *end;
	errno = 0;
	long long id = strtoll(p, &end, 10);
	if (errno != 0 || id <= 0 || strncmp(end, ":role/", 6) != 0)
		return -1;
	const char *name = end + 6;
	size_t n = strlen(name);
	if (n == 0 || n >= rolesz || strchr(name, '/'))
		return -1;
	memcpy(role, name, n + 1);
	*account = id;
	return 0;
}

void
emu_sts_assume_role(struct emu_server *srv, const struct emu_request *req,
	const struct emu_caller *who, struct emu_reply *r)
{
	if (who->root) {
		emu_reply_error(r, req, 403, "NoPermission",
			"You are not authorized to do this action. Roles may not "
			"be assumed by root accounts: use a RAM user or RAM role "
			"of the account.");
		return;
	}
	if (who->no_assume) {
		emu_reply_error(r, req, 403, "NoPermission",
			"You are not authorized to do this action. You should be "
			"authorized by RAM: the caller's policy does not allow "
			"sts:AssumeRole.");
		return;
	}
	const char *arn = params_get(&req->all, "RoleArn");
	const char *session = params_get(&req->all, "RoleSessionName");
	const char *duration = params_get(&req->all, "DurationSeconds");
	const char *policy = params_get(&req->all, "Policy");
	if (!arn || !*arn) {
		emu_reply_error(r, req, 400, "MissingRoleArn",
			"RoleArn is mandatory for this action.");
		return;
	}
	if (!session || !*session) {
		emu_reply_error(r, req, 400, "MissingRoleSessionName",
			"RoleSessionName is mandatory for this action.");
		return;
	}
	if (!emu_session_name_ok(session)) {
		emu_reply_error(r, req, 400, "InvalidParameter.RoleSessionName",
			"The parameter RoleSessionName is wrongly formed: 2-64 "
			"characters of letters, digits and . @ - _.");
		return;
	}
	long seconds = 3600;
	if (duration && *duration) {
		char *end;
		errno = 0;
		seconds = strtol(duration, &end, 10);
		if (*end != '\0' || errno != 0 || duration[0] < '0' ||
			duration[0] > '9' || seconds < 900 || seconds > 3600) {
			emu_reply_error(r, req, 400,
				"InvalidParameter.DurationSeconds",
				"The Min/Max value of DurationSeconds is 15min/1hr.");
			return;
		}
	}
	if (policy && *policy) {
		if (strlen(policy) > 2048) {
			emu_reply_error(r, req, 400, "InvalidParameter.PolicySize",
				"The policy is longer than 2048 characters.");
			return;
		}
		json_t *pj = json_loads(policy, 0, NULL);
		bool ok = json_is_object(pj);
		json_decref(pj);
		if (!ok) {
			emu_reply_error(r, req, 400,
				"InvalidParameter.PolicyGrammar",
				"The policy is not a valid JSON policy document.");
			return;
		}
	}
	int64_t target;
	char role[128];
	if (emu_parse_role_arn(arn, &target, role, sizeof(role)) < 0) {
		emu_reply_error(r, req, 400, "InvalidParameter.RoleArn",
			"The parameter RoleArn is wrongly formed: expected "
			"acs:ram::<account id>:role/<role name>.");
		return;
	}

	struct emu_state *st = srv->state;
	time_t now = time(NULL);
	bool granted;
	struct emu_session *s = xcalloc(1, sizeof(*s));
	char key_id[32], secret[48], token[400], expiration[32];
	memcpy(key_id, "STS.", 4);
	emu_random_text(key_id + 4, 24,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
	emu_random_text(secret, 40,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
	memcpy(token, "CAIS", 4);
	emu_random_text(token + 4, 340,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
	long lifetime = st->sts_duration > 0 ? st->sts_duration : seconds;
	sign_format_time(now + lifetime, expiration);

	pthread_mutex_lock(&st->lock);
	struct emu_account *member = emu_scenario_account(&st->sc, target);
	granted = strcasecmp(role, EMU_RD_ROLE) == 0 && member &&
		member->rd_member && !member->no_access_role &&
		target != st->sc.management &&
		who->account == st->sc.management && !who->sts;
	if (granted) {
		s->key_id = xstrdup(key_id);
		s->secret = xstrdup(secret);
		s->token = xstrdup(token);
		s->account = target;
		s->caller_account = who->account;
		s->read_only = who->read_only;
		s->expires = now + lifetime;
		s->role_name = xstrdup(role);
		s->session_name = xstrdup(session);
		emu_state_add_session(st, s, now);
	}
	pthread_mutex_unlock(&st->lock);
	if (!granted) {
		free(s);
		explicit_bzero(secret, sizeof(secret));
		explicit_bzero(token, sizeof(token));
		emu_reply_error(r, req, 404, "EntityNotExist.Role",
			"The role not exists: acs:ram::%" PRId64 ":role/%s.",
			target, role);
		return;
	}

	char lower[128], arn_out[320], role_id[128];
	size_t i;
	for (i = 0; role[i]; i++)
		lower[i] = (char)tolower((unsigned char)role[i]);
	lower[i] = '\0';
	snprintf(arn_out, sizeof(arn_out), "acs:ram::%" PRId64 ":role/%s/%s",
		target, lower, session);
	snprintf(role_id, sizeof(role_id), "3%017" PRId64 ":%s",
		target % INT64_C(100000000000000000), session);
	json_t *user = json_object();
	json_object_set_new(user, "AssumedRoleId", json_string(role_id));
	json_object_set_new(user, "Arn", json_string(arn_out));
	json_t *cred = json_object();
	json_object_set_new(cred, "AccessKeyId", json_string(key_id));
	json_object_set_new(cred, "AccessKeySecret", json_string(secret));
	json_object_set_new(cred, "SecurityToken", json_string(token));
	json_object_set_new(cred, "Expiration", json_string(expiration));
	json_t *body = json_object();
	json_object_set_new(body, "AssumedRoleUser", user);
	json_object_set_new(body, "Credentials", cred);
	explicit_bzero(secret, sizeof(secret));
	explicit_bzero(token, sizeof(token));
	emu_reply_ok(r, req, body);
}

void
emu_sts_get_caller_identity(struct emu_server *srv,
	const struct emu_request *req, const struct emu_caller *who,
	struct emu_reply *r)
{
	(void)srv;
	char account[32], arn[400], principal[200];
	snprintf(account, sizeof(account), "%" PRId64, who->account);
	const char *type;
	if (who->sts) {
		type = "AssumedRoleUser";
		snprintf(arn, sizeof(arn), "acs:ram::%s:assumed-role/%s/%s",
			account, who->role_name, who->session_name);
		snprintf(principal, sizeof(principal), "3%s:%s", account,
			who->session_name);
	} else if (who->root) {
		type = "Account";
		snprintf(arn, sizeof(arn), "acs:ram::%s:root", account);
		snprintf(principal, sizeof(principal), "%s", account);
	} else {
		type = "RAMUser";
		snprintf(arn, sizeof(arn), "acs:ram::%s:user/%s", account,
			who->key_id);
		snprintf(principal, sizeof(principal), "2%s", account);
	}
	json_t *body = json_object();
	json_object_set_new(body, "AccountId", json_string(account));
	json_object_set_new(body, "IdentityType", json_string(type));
	json_object_set_new(body, "Arn", emu_json_str(arn));
	json_object_set_new(body, "PrincipalId", emu_json_str(principal));
	json_object_set_new(body, "UserId", emu_json_str(principal));
	emu_reply_ok(r, req, body);
}
