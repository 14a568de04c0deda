# cmocka unit tests of pure functions. One fragment per area, so that areas
# can grow their lists independently.
UNIT_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
UNIT_LDADD = $(CORE_LIBS) $(CMOCKA_LIBS)

include tests/unit/sign.mk
include tests/unit/cred.mk
include tests/unit/client.mk
include tests/unit/batch.mk
include tests/unit/store.mk
