# The core: everything below the screen, no curses. Linked into alicfg, the
# emulator and every test.
noinst_LIBRARIES += libalicfg.a
libalicfg_a_SOURCES = \
	src/err.c src/err.h \
	src/buf.c src/buf.h \
	src/params.c src/params.h \
	src/sign.c src/sign.h \
	src/ini.c src/ini.h \
	src/cred.c src/cred_files.c src/cred.h src/cred_files.h \
	src/cred_env.c src/cred_env.h src/cred_profiles.c \
	src/endpoint.c src/endpoint.h \
	src/url.c src/url.h \
	src/status_colour.c src/status_colour.h \
	src/env.c src/env.h \
	src/redact.c src/redact.h \
	src/model.c src/model.h \
	src/retry.c src/retry.h \
	src/quota.c src/quota.h \
	src/http.c src/http.h \
	src/proxy.c src/proxy.h \
	src/api.c src/api_sts.c src/api_stop.c src/api_rd.c src/api_quota.c src/api_impl.h src/api.h \
	src/rd.h src/rd_model.c src/directory.c src/directory.h \
	src/cmd_directory.c \
	src/api_settle.c \
	src/api_bounds.c \
	src/audit.c src/audit.h \
	src/options.c src/options.h \
	src/options_help.c \
	src/completion.c src/completion.h \
	src/version.c src/version.h \
	src/account_list.c src/account_list.h \
	src/suggest.c src/suggest.h \
	src/outcome.c src/outcome.h \
	src/session.c src/session.h \
	src/text.c src/text.h \
	src/output.c src/output.h \
	src/batch.c src/batch.h src/batch_impl.h \
	src/cmd_stop.c src/cmd_diff.c src/batch_load.c \
	src/snapshot.c src/snapshot_diff.c src/snapshot.h \
	src/check.c src/check.h src/cmd_check.c \
	src/watch.c src/watch_result.c src/watch.h \
	src/store.c src/store.h \
	src/worker.c src/worker.h \
	src/app.c src/app_enable.c src/app_stop.c src/app_sweep.c src/app.h src/app_impl.h \
	src/app_directory.c src/app_directory.h

CORE_LIBS = libalicfg.a $(CURL_LIBS) $(CRYPTO_LIBS) $(JANSSON_LIBS)

# Quota figures and their sources, which src/quota.c relies on.
EXTRA_DIST += scripts/bench-quota
