/* rd_model: parsing ListAccounts (Resource Directory Master 2022-04-19)
 * pages into struct rd_account_list, and the directory's error and
 * endpoint rules. Bytes from the network are untrusted: a wrong type, a
 * missing AccountId or broken JSON is a clear error, never a crash.
 *
 * Wire shape (docs/resource-directory.md): the members sit in
 * Accounts.Account (an array inside an object, the XML-derived layout);
 * a bare Accounts array is accepted too. AccountId is a decimal string. */
#include "config.h"

#include "rd.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "buf.h"
#include "endpoint.h"
#include "url.h"

#define RD_WHAT "ListAccounts response"

void
rd_account_free(struct rd_account *a)
{
	free(a->display_name);
	free(a->account_name);
	free(a->type);
	free(a->status);
	free(a->join_method);
	free(a->folder_id);
	free(a->path);
	free(a->join_time);
	free(a->deletion_status);
	memset(a, 0, sizeof(*a));
}

void
rd_account_list_free(struct rd_account_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		rd_account_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

static int
rd_cmp_id(const void *a, const void *b)
{
	int64_t x = ((const struct rd_account *)a)->account_id;
	int64_t y = ((const struct rd_account *)b)->account_id;
	return x < y ? -1 : x > y;
}

void
rd_account_list_sort(struct rd_account_list *l)
{
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), rd_cmp_id);
}

const struct rd_account *
rd_account_find(const struct rd_account_list *l, int64_t account_id)
{
	struct rd_account key = { .account_id = account_id };
	if (!l || !l->count)
		return NULL;
	return bsearch(&key, l->items, l->count, sizeof(*l->items), rd_cmp_id);
}

bool
rd_account_leaving(const struct rd_account *a)
{
	return a->deletion_status && *a->deletion_status;
}

/* --- fields --------------------------------------------------------------- */

/* A string field: "" when absent or null; an integer is written out (type
 * drift); anything else is an error naming the field. */
static int
rd_str(json_t *obj, const char *key, size_t idx, char **out, struct err *e)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		*out = xstrdup("");
		return 0;
	}
	if (json_is_string(v)) {
		*out = xstrndup(json_string_value(v), json_string_length(v));
		return 0;
	}
	if (json_is_integer(v)) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT,
			json_integer_value(v));
		*out = xstrdup(tmp);
		return 0;
	}
	*out = NULL;
	return err_set(e, ERR_PROTOCOL, "%s: Accounts.Account[%zu].%s is not "
		"a string", RD_WHAT, idx, key);
}

/* AccountId: a decimal string on the wire; a JSON number is accepted. */
static int
rd_account_id(json_t *obj, size_t idx, int64_t *out, struct err *e)
{
	json_t *v = json_object_get(obj, "AccountId");
	if (json_is_integer(v) && json_integer_value(v) > 0) {
		*out = (int64_t)json_integer_value(v);
		return 0;
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		errno = 0;
		long long n = strtoll(s, &end, 10);
		if (end != s && *end == '\0' && s[0] >= '0' && s[0] <= '9' &&
			errno == 0 && n > 0) {
			*out = (int64_t)n;
			return 0;
		}
		return err_set(e, ERR_PROTOCOL, "%s: Accounts.Account[%zu]."
			"AccountId is not an account id", RD_WHAT, idx);
	}
	if (!v || json_is_null(v))
		return err_set(e, ERR_PROTOCOL, "%s: Accounts.Account[%zu] has "
			"no AccountId", RD_WHAT, idx);
	return err_set(e, ERR_PROTOCOL, "%s: Accounts.Account[%zu].AccountId "
		"is not an account id", RD_WHAT, idx);
}

/* "2021-01-18T08:01:50.522Z" or without the fraction; 0 otherwise. */
static time_t
rd_parse_time(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	const char *p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!p)
		return 0;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (strcmp(p, "Z") != 0)
		return 0;
	return timegm(&tm);
}

static int
rd_parse_account(json_t *o, size_t idx, struct rd_account *a, struct err *e)
{
	if (!json_is_object(o))
		return err_set(e, ERR_PROTOCOL, "%s: Accounts.Account[%zu] is "
			"not an object", RD_WHAT, idx);
	if (rd_account_id(o, idx, &a->account_id, e) < 0 ||
		rd_str(o, "DisplayName", idx, &a->display_name, e) < 0 ||
		rd_str(o, "AccountName", idx, &a->account_name, e) < 0 ||
		rd_str(o, "Type", idx, &a->type, e) < 0 ||
		rd_str(o, "Status", idx, &a->status, e) < 0 ||
		rd_str(o, "JoinMethod", idx, &a->join_method, e) < 0 ||
		rd_str(o, "FolderId", idx, &a->folder_id, e) < 0 ||
		rd_str(o, "ResourceDirectoryPath", idx, &a->path, e) < 0 ||
		rd_str(o, "JoinTime", idx, &a->join_time, e) < 0 ||
		rd_str(o, "DeletionStatus", idx, &a->deletion_status, e) < 0)
		return -1;
	a->join_time_t = rd_parse_time(a->join_time);
	return 0;
}

/* --- a page ----------------------------------------------------------------- */

static void
rd_excerpt(const char *s, size_t len, char *out, size_t outsz)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];
		out[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	out[n] = '\0';
}

int
rd_parse_accounts_page(const char *body, size_t len,
	struct rd_account_list *list, char **next_token, size_t *page_count,
	struct err *e)
{
	*next_token = NULL;
	*page_count = 0;
	if (!body || !len) {
		err_set(e, ERR_PROTOCOL, "%s: empty body", RD_WHAT);
		e->retryable = true;
		return -1;
	}
	json_error_t je;
	json_t *root = json_loadb(body, len, 0, &je);
	if (!root) {
		char ex[64];
		rd_excerpt(body, len, ex, sizeof(ex));
		err_set(e, ERR_PROTOCOL, "%s is not valid JSON (%s, line %d "
			"column %d): '%s'", RD_WHAT, je.text, je.line, je.column,
			ex);
		e->retryable = true;
		return -1;
	}
	int rc = -1;
	if (!json_is_object(root)) {
		err_set(e, ERR_PROTOCOL, "%s is not a JSON object", RD_WHAT);
		goto out;
	}
	json_t *accounts = json_object_get(root, "Accounts");
	json_t *arr = NULL;
	if (json_is_object(accounts)) {
		arr = json_object_get(accounts, "Account");
		if (arr && !json_is_null(arr) && !json_is_array(arr)) {
			err_set(e, ERR_PROTOCOL, "%s: Accounts.Account is not an "
				"array", RD_WHAT);
			goto out;
		}
	} else if (json_is_array(accounts)) {
		arr = accounts;
	} else if (accounts && !json_is_null(accounts)) {
		err_set(e, ERR_PROTOCOL, "%s: Accounts is neither an object "
			"nor an array", RD_WHAT);
		goto out;
	}
	size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
	if (n) {
		/* Parse into a scratch array: a bad member leaves the list
		 * as it was. */
		struct rd_account *tmp = xcalloc(n, sizeof(*tmp));
		for (size_t i = 0; i < n; i++) {
			if (rd_parse_account(json_array_get(arr, i), i, &tmp[i],
				e) < 0) {
				for (size_t j = 0; j <= i; j++)
					rd_account_free(&tmp[j]);
				free(tmp);
				goto out;
			}
		}
		list->items = xrealloc(list->items,
			(list->count + n) * sizeof(*list->items));
		memcpy(list->items + list->count, tmp, n * sizeof(*tmp));
		list->count += n;
		free(tmp);
	}
	*page_count = n;
	json_t *tc = json_object_get(root, "TotalCount");
	if (json_is_integer(tc))
		list->total_count = (int64_t)json_integer_value(tc);
	else if (json_is_string(tc))
		list->total_count = strtoll(json_string_value(tc), NULL, 10);
	else
		list->total_count = -1;
	json_t *tok = json_object_get(root, "NextToken");
	if (json_is_string(tok) && json_string_length(tok) > 0)
		*next_token = xstrndup(json_string_value(tok),
			json_string_length(tok));
	else if (tok && !json_is_null(tok) && !json_is_string(tok)) {
		err_set(e, ERR_PROTOCOL, "%s: NextToken is not a string",
			RD_WHAT);
		goto out;
	}
	json_t *rid = json_object_get(root, "RequestId");
	if (json_is_string(rid))
		rd_excerpt(json_string_value(rid), json_string_length(rid),
			list->request_id, sizeof(list->request_id));
	list->pages++;
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* --- errors ------------------------------------------------------------------ */

bool
rd_err_not_allowed(const struct err *e)
{
	if (e->kind != ERR_API)
		return false;
	return err_code_is(e, "EntityNotExists.ResourceDirectory") ||
		err_code_is(e, "NoPermission") ||
		err_code_is(e, "Forbidden") ||
		err_code_is(e, "NotAuthorized") ||
		e->http_status == 403;
}

void
rd_err_explain(struct err *e)
{
	if (!rd_err_not_allowed(e))
		return;
	const char *why;
	if (err_code_is(e, "EntityNotExists.ResourceDirectory"))
		why = "the caller's account has no resource directory of its "
			"own: only the directory's management account or a "
			"delegated administrator may list its members; use "
			"credentials of one of them";
	else
		why = "the caller may not list the resource directory: only the "
			"management account or a delegated administrator of a "
			"trusted service may call ListAccounts, and a RAM user or "
			"role there needs the action resourcemanager:ListAccounts "
			"(e.g. policy AliyunResourceDirectoryReadOnlyAccess)";
	struct buf text = BUF_INIT;
	buf_printf(&text, "%s (server: %s)", why, err_full_message(e));
	err_set_message(e, buf_str(&text), text.len);
	buf_free(&text);
}

/* --- endpoint ------------------------------------------------------------------ */

int
rd_endpoint_url(const char *flag, const char *region, const char *config_url,
	char *out, size_t outsz, struct err *e)
{
	const char *env = getenv("ALIBABA_CLOUD_RD_ENDPOINT");
	if (flag && *flag)
		return endpoint_normalize_url(flag, "--rd-endpoint", out, outsz,
			e);
	if (env && *env)
		return endpoint_normalize_url(env, "ALIBABA_CLOUD_RD_ENDPOINT",
			out, outsz, e);
	/* A Config endpoint on this machine is an emulator: never send
	 * requests meant for it to the internet. No endpoint (""): the
	 * directory is not used unless --rd-endpoint names one. */
	if (config_url && url_is_loopback(config_url)) {
		if (outsz)
			out[0] = '\0';
		return 0;
	}
	const char *host = region && !strcmp(region, "ap-southeast-1") ?
		RD_HOST_INTL : RD_HOST_CN;
	if (strlen(host) + 9 > outsz)
		return err_set(e, ERR_CONFIG, "Resource Directory endpoint too "
			"long");
	snprintf(out, outsz, "https://%s", host);
	return 0;
}
