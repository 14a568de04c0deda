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
rd_query_first(struct call *call)
{
	char n[16];
	snprintf(n, sizeof(n), "%d", RD_PAGE_SIZE);
	params_add(&call->query, "MaxResults", n);
}

void
api_list_directory(struct api_client *c, api_directory_cb cb, void *ctx)
{
	struct call *call = api_call_new(c, CALL_LIST_DIRECTORY, "ListAccounts", 0,
		ctx);
	call->dir_cb = cb;
	call->dir_list = xcalloc(1, sizeof(*call->dir_list));
	call->dir_list->total_count = -1;
	if (!c->rd_prefix) {
		err_set(&call->err, ERR_CONFIG, "ListAccounts: no Resource "
			"Directory endpoint (with a Config endpoint on loopback, "
			"give the emulator's with --rd-endpoint or "
			"ALIBABA_CLOUD_RD_ENDPOINT)");
		api_call_fail_later(call);
		return;
	}
	rd_query_first(call);
	api_call_begin(call);
}

void
api_rd_parse_page(struct call *call, const char *body, size_t len)
{
	char *token = NULL;
	size_t got = 0;
	struct err *e = &call->err;
	if (rd_parse_accounts_page(body, len, call->dir_list, &token, &got, e) < 0)
		return;
	params_remove(&call->query, "NextToken");
	if (call->dir_by_page) {
		free(token);
		char pn[16];
		snprintf(pn, sizeof(pn), "%d", call->dir_list->pages + 1);
		params_remove(&call->query, "PageNumber");
		/* Only when more remain; api_rd_more decides. */
		if (got && call->dir_list->total_count >= 0 &&
			(int64_t)call->dir_list->count < call->dir_list->total_count)
			params_add(&call->query, "PageNumber", pn);
		return;
	}
	if (token) {
		for (size_t i = 0; i < call->ntokens; i++) {
			if (!strcmp(call->tokens[i], token)) {
				free(token);
				err_set(e, ERR_PROTOCOL, "the server repeated a "
					"ListAccounts page token (NextToken) it "
					"had already given, on page %d; stopped "
					"rather than page forever",
					call->dir_list->pages);
				snprintf(e->code, sizeof(e->code), "%s",
					"RepeatedNextToken");
				return;
			}
		}
		call->tokens = xrealloc(call->tokens,
			(call->ntokens + 1) * sizeof(*call->tokens));
		call->tokens[call->ntokens++] = token;
		params_add(&call->query, "NextToken", token);
		return;
	}
	/* No token. A server that pages by number (it ignored MaxResults)
	 * says so through TotalCount: go on by PageNumber. */
	if (got && call->dir_list->total_count >= 0 &&
		(int64_t)call->dir_list->count < call->dir_list->total_count &&
		call->dir_list->pages == 1) {
		char ps[16];
		snprintf(ps, sizeof(ps), "%d", RD_PAGE_SIZE);
		params_remove(&call->query, "MaxResults");
		params_add(&call->query, "PageSize", ps);
		params_add(&call->query, "PageNumber", "2");
		call->dir_by_page = true;
	}
}

bool
api_rd_more(struct call *call)
{
	if (!params_get(&call->query, "NextToken") &&
		!params_get(&call->query, "PageNumber"))
		return false;
	if (call->dir_list->pages >= API_MAX_PAGES) {
		err_set(&call->err, ERR_PROTOCOL, "ListAccounts gave more than %d "
			"pages; stopping", API_MAX_PAGES);
		return false;
	}
	return true;
}

void
api_rd_finish(struct call *call)
{
	struct rd_account_list *l = NULL;
	if (call->err.kind == ERR_NONE) {
		l = call->dir_list;
		call->dir_list = NULL;
		rd_account_list_sort(l);
	} else {
		rd_err_explain(&call->err);
	}
	call->dir_cb(call->ctx, &call->err, l);
}

void
api_rd_call_free(struct call *call)
{
	if (call->dir_list) {
		rd_account_list_free(call->dir_list);
		free(call->dir_list);
		call->dir_list = NULL;
	}
}
