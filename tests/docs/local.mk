# What docs/ promises: every citation of docs/ in the code resolves
# (refs.sh), and the layering and one-home rules of architecture.md hold
# (layers.sh).
docs_tests = tests/docs/refs.sh tests/docs/layers.sh
TESTS += $(docs_tests)
EXTRA_DIST += $(docs_tests)
