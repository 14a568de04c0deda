# tests/integration/batch_lib.sh: helpers for the batch CLI tests, on top of
# tests/lib.sh. Source it from a test (bash):
#
#   al ARGS...            run alicfg; sets RC, OUT_F, ERR_F (files kept for
#                         the secret scan) and reads stdin from /dev/null
#   is_rc N DESC          one case: the last run exited N
#   has_out RE DESC       one case: stdout matches the extended regex RE
#   has_err RE DESC       one case: stderr matches RE
#   lacks_out RE DESC / lacks_err RE DESC
#   count_out RE          number of stdout lines matching RE

top_srcdir=${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/sts_lib.sh"

[ -x "$ALICFG" ] || bail_out "alicfg is not built ($ALICFG)"
[ -x "$ALICFG_EMU" ] || bail_out "alicfg-emu is not built ($ALICFG_EMU)"

RUN_N=0
RUNS_DIR="$TEST_TMP/runs"
mkdir -p "$RUNS_DIR"

al() {
	RUN_N=$((RUN_N + 1))
	OUT_F="$RUNS_DIR/$RUN_N.out"
	ERR_F="$RUNS_DIR/$RUN_N.err"
	printf '%s\n' "$*" >"$RUNS_DIR/$RUN_N.cmd"
	"$ALICFG" "$@" >"$OUT_F" 2>"$ERR_F" </dev/null
	RC=$?
}

# Show what the last run printed when a case about it fails.
last_run_diag() {
	diag "command: alicfg $(cat "$RUNS_DIR/$RUN_N.cmd") (exit $RC)"
	diag "stdout: $(head -c 1500 "$OUT_F")"
	diag "stderr: $(head -c 1500 "$ERR_F")"
}

is_rc() {
	if [ "$RC" -eq "$1" ]; then
		ok 0 "$2"
	else
		ok 1 "$2 (exit $RC, wanted $1)"
		last_run_diag
	fi
}

has_out() {
	if grep -Eq -- "$1" "$OUT_F"; then ok 0 "$2"; else ok 1 "$2"; last_run_diag; fi
}

has_err() {
	if grep -Eq -- "$1" "$ERR_F"; then ok 0 "$2"; else ok 1 "$2"; last_run_diag; fi
}

lacks_out() {
	if grep -Eq -- "$1" "$OUT_F"; then ok 1 "$2"; last_run_diag; else ok 0 "$2"; fi
}

lacks_err() {
	if grep -Eq -- "$1" "$ERR_F"; then ok 1 "$2"; last_run_diag; else ok 0 "$2"; fi
}

count_out() {
	grep -Ec -- "$1" "$OUT_F"
}

# eq_case A B DESC: one case passing when the strings are equal.
eq_case() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3 (got '$1', wanted '$2')"
		last_run_diag
	fi
}

# The demo's pinned facts (docs: /work/notes/demo-facts.md).
MGMT=1000000000000001
DEV_SANDBOX=1000000000000010       # REGISTRABLE, groups 1 and 3
QA_SANDBOX=1000000000000011        # REGISTRABLE
STAGING_EU=1000000000000012        # REGISTRABLE
CJK_ACCOUNT=1000000000000013       # REGISTERED, groups 1, 2, 3
MIGRATION=1000000000000014         # BUILDING
LEGACY=1000000000000015            # REBUILDING
LONG_NAME=1000000000000016         # name over 60 characters
G_ALL=ca-0000000000000001
G_PROD=ca-0000000000000002
G_AUDIT=ca-0000000000000003
G_ONBOARD=ca-0000000000000004
CJK_NAME='生产环境-核心账号'

# Role of a member, as the emulator grants it to the management account.
member_role() {
	printf 'acs:ram::%s:role/ResourceDirectoryAccountAccessRole' "$1"
}

# recorder_is URL UID STATUS: does `recorder --account UID` say STATUS?
# (for wait_for)
recorder_is() {
	"$ALICFG" --endpoint "$1" --sts-endpoint "$1" recorder --account "$2" \
		--output json </dev/null 2>/dev/null |
		grep -q "\"ConfigurationRecorderStatus\": \"$3\""
}

# Every distinct display column at which RE starts, over the lines of FILE
# that match it (wc -L measures terminal columns, CJK as two).
columns_of() {
	local re=$1 file=$2 line prefix
	while IFS= read -r line; do
		prefix=$(printf '%s\n' "$line" | sed -E "s/($re).*//")
		printf '%s' "$prefix" | wc -L
	done < <(grep -E -- "$re" "$file") | sort -u
}
