# cmocka unit tests of pure functions. One fragment per area, so that areas
# can grow their lists independently.
unit_cflags = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
unit_ldadd = $(CORE_LIBS) $(CMOCKA_LIBS)

include tests/unit/sign.mk
include tests/unit/cred.mk
include tests/unit/client.mk
include tests/unit/batch.mk
include tests/unit/store.mk
include tests/unit/rd.mk
include tests/unit/rules.mk
include tests/unit/watch.mk
include tests/unit/quota.mk
