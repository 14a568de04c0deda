/* rd: the Resource Directory's member listing (ListAccounts, Resource
 * Directory Master 2022-04-19; facts and sources in docs/resource-directory.md).
 *
 * The typed result, its parser (rd_model.c), and how a front end tells a
 * caller that may not list the directory apart from other failures. The
 * call itself is api_list_directory() in api.h. */
#ifndef ALICFG_RD_H
#define ALICFG_RD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "err.h"

#define RD_API_VERSION "2022-04-19"
#define RD_HOST_CN "resourcedirectory.aliyuncs.com"
#define RD_HOST_INTL "resourcedirectory-intl.aliyuncs.com"
#define RD_PAGE_SIZE 100           /* MaxResults / PageSize: 1-100 */

/* One member of the directory. Strings are never NULL ("" when absent). */
struct rd_account {
	int64_t account_id;        /* AccountId: a decimal string on the wire */
	char *display_name;        /* DisplayName */
	char *account_name;        /* AccountName (login name) */
	char *type;                /* CloudAccount, ResourceAccount */
	char *status;              /* CreateSuccess, InviteSuccess, ... */
	char *join_method;         /* invited, created */
	char *folder_id;           /* FolderId */
	char *path;                /* ResourceDirectoryPath: rd-/r-/fd-.../UID */
	char *join_time;           /* JoinTime as received (UTC, ISO 8601) */
	time_t join_time_t;        /* parsed; 0 when it could not be */
	char *deletion_status;     /* "" unless being deleted (Checking, ...) */
};

struct rd_account_list {
	struct rd_account *items;
	size_t count;
	int64_t total_count;       /* TotalCount of the last page; -1 absent */
	int pages;                 /* ListAccounts calls it took */
	char request_id[96];       /* of the last page */
};

/* One page: appends to `list`, sets *next_token (malloc'd; NULL when the
 * token is absent or empty) and *page_count (members on this page). */
int rd_parse_accounts_page(const char *body, size_t len,
	struct rd_account_list *list, char **next_token, size_t *page_count,
	struct err *e);
void rd_account_list_free(struct rd_account_list *l);
void rd_account_free(struct rd_account *a);
const struct rd_account *rd_account_find(const struct rd_account_list *l,
	int64_t account_id);
/* Sorts by account id (for lookups with rd_account_find). */
void rd_account_list_sort(struct rd_account_list *l);

/* True when the member is on its way out of the directory (a deletion
 * check or deletion under way): acting in it may stop working. */
bool rd_account_leaving(const struct rd_account *a);

/* True when `e` says the caller may not list the directory (not the
 * management account nor a delegated administrator, no directory, or a
 * RAM policy without resourcemanager:ListAccounts). The rest of alicfg
 * keeps working without the directory. */
bool rd_err_not_allowed(const struct err *e);
/* Rewrites such an error's message into one that says why and how to fix
 * it, keeping Code, HTTP status and RequestId. */
void rd_err_explain(struct err *e);

/* Resource Directory base URL: flag > ALIBABA_CLOUD_RD_ENDPOINT > none
 * ("") when the Config endpoint is on loopback (an emulator: its requests
 * never go to the internet) > the region's host (cn-shanghai: China site,
 * ap-southeast-1: international). Plain http:// only for loopback, as for
 * Config. */
int rd_endpoint_url(const char *flag, const char *region,
	const char *config_url, char *out, size_t outsz, struct err *e);

#endif
