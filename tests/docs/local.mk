# Every citation of docs/ in the code resolves (tests/docs/refs.sh).
TESTS += tests/docs/refs.sh
EXTRA_DIST += tests/docs/refs.sh
