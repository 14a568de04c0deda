/* api_rd: the Resource Directory member listing on the shared client.
 *
 * ListAccounts (Resource Directory Master 2022-04-19, the version the
 * official SDKs generate today) is a plain RPC call like Config's, signed
 * the same way, sent to the Resource Directory endpoint. It is paged to the
 * end: MaxResults 100 + NextToken, which the SDK documents as preferred once
 * MaxResults is set; if a server answers without a token while TotalCount
 * says members remain, PageNumber/PageSize paging continues from there, so a
 * server that ignores MaxResults still gives the whole directory. */
#include "config.h"

#include "api.h"
#include "api_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "params.h"

static void
rd_query_first(struct call *k)
{
	char n[16];
	snprintf(n, sizeof(n), "%d", RD_PAGE_SIZE);
	params_add(&k->query, "MaxResults", n);
}

void
api_list_directory(struct api_client *c, api_directory_cb cb, void *ctx)
{
	struct call *k = api_call_new(c, CALL_LIST_DIRECTORY, "ListAccounts", 0,
		ctx);
	k->dir_cb = cb;
	k->dir_list = xcalloc(1, sizeof(*k->dir_list));
	k->dir_list->total_count = -1;
	if (!c->rd_prefix) {
		err_set(&k->err, ERR_CONFIG, "ListAccounts: no Resource "
			"Directory endpoint");
		api_call_fail_later(k);
		return;
	}
	rd_query_first(k);
	api_call_begin(k);
}

void
api_rd_parse_page(struct call *k, const char *body, size_t len)
{
	char *token = NULL;
	size_t got = 0;
	struct err *e = &k->err;
	if (rd_parse_accounts_page(body, len, k->dir_list, &token, &got, e) < 0)
		return;
	params_remove(&k->query, "NextToken");
	if (k->dir_by_page) {
		free(token);
		char pn[16];
		snprintf(pn, sizeof(pn), "%d", k->dir_list->pages + 1);
		params_remove(&k->query, "PageNumber");
		/* Only when more remain; api_rd_more decides. */
		if (got && k->dir_list->total_count >= 0 &&
			(int64_t)k->dir_list->count < k->dir_list->total_count)
			params_add(&k->query, "PageNumber", pn);
		return;
	}
	if (token) {
		for (size_t i = 0; i < k->ntokens; i++) {
			if (!strcmp(k->tokens[i], token)) {
				free(token);
				err_set(e, ERR_PROTOCOL, "the server repeated a "
					"ListAccounts page token (NextToken) it "
					"had already given, on page %d; stopped "
					"rather than page forever",
					k->dir_list->pages);
				snprintf(e->code, sizeof(e->code), "%s",
					"RepeatedNextToken");
				return;
			}
		}
		k->tokens = xrealloc(k->tokens,
			(k->ntokens + 1) * sizeof(*k->tokens));
		k->tokens[k->ntokens++] = token;
		params_add(&k->query, "NextToken", token);
		return;
	}
	/* No token. A server that pages by number (it ignored MaxResults)
	 * says so through TotalCount: go on by PageNumber. */
	if (got && k->dir_list->total_count >= 0 &&
		(int64_t)k->dir_list->count < k->dir_list->total_count &&
		k->dir_list->pages == 1) {
		char ps[16];
		snprintf(ps, sizeof(ps), "%d", RD_PAGE_SIZE);
		params_remove(&k->query, "MaxResults");
		params_add(&k->query, "PageSize", ps);
		params_add(&k->query, "PageNumber", "2");
		k->dir_by_page = true;
	}
}

bool
api_rd_more(struct call *k)
{
	if (!params_get(&k->query, "NextToken") &&
		!params_get(&k->query, "PageNumber"))
		return false;
	if (k->dir_list->pages >= API_MAX_PAGES) {
		err_set(&k->err, ERR_PROTOCOL, "ListAccounts gave more than %d "
			"pages; stopping", API_MAX_PAGES);
		return false;
	}
	return true;
}

void
api_rd_finish(struct call *k)
{
	struct rd_account_list *l = NULL;
	if (k->err.kind == ERR_NONE) {
		l = k->dir_list;
		k->dir_list = NULL;
		rd_account_list_sort(l);
	} else {
		rd_err_explain(&k->err);
	}
	k->dir_cb(k->ctx, &k->err, l);
}

void
api_rd_call_free(struct call *k)
{
	if (k->dir_list) {
		rd_account_list_free(k->dir_list);
		free(k->dir_list);
		k->dir_list = NULL;
	}
}
