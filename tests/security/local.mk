# Security tests (issue 8): hostile text on every output path, the audit
# log's promises, bounds, transport rules. TAP programs like the others;
# hostile_scenario.sh is sourced, not run.
security_tests = \
	tests/security/hostile_text.sh \
	tests/security/hostile_tui.sh \
	tests/security/transport.sh \
	tests/security/audit_truth.sh \
	tests/security/bounds.sh
TESTS += $(security_tests)
EXTRA_DIST += $(security_tests) tests/security/hostile_scenario.sh
