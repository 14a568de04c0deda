#!/bin/bash
# layers: what docs/architecture.md promises about the tree. The core never
# includes curses or a ui/ header, libcurl stays behind http.h, the store
# does not borrow the CLI's output module, and each shared rule is spelled
# in its one home only (a second copy of it would show up here).
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$ALICFG_SRCDIR" || bail_out "no source tree at $ALICFG_SRCDIR"

# Files of DIRS (src, ui) whose code (not comments) matches the ERE.
code_files() {
	pattern=$1
	shift
	for f in $(find "$@" -name '*.[ch]' | sort); do
		# drop /* ... */ comment lines and the rest of // lines
		sed -e '/^[[:space:]]*\/\?\*/d' -e 's|//.*||' "$f" |
			grep -qE -- "$pattern" && echo "$f"
	done
}

# only PATTERN DESC ALLOWED...: the code matching PATTERN is in exactly the
# allowed files.
only() {
	pattern=$1 desc=$2
	shift 2
	got=$(code_files "$pattern" src ui | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$got" = "$want" ]; ok $? "$desc"
	[ "$got" = "$want" ] || diag "found in: $got; allowed: $want"
}

only '#include <(n?curses|ncursesw/)' "no curses in src/" \
	$(find ui -name '*.[ch]' -exec grep -lE '#include <(n?curses|ncursesw/)' {} + | sort)
[ -z "$(code_files '#include "(tui|actions)' src)" ]
ok $? "src/ includes no ui/ header"
only '#include <curl/' "libcurl only behind http.h (and --version)" \
	src/http.c src/version.c
[ -z "$(code_files '#include "output.h"' src/store.c)" ]
ok $? "the store does not include output.h"
only 'inet_pton|IN6_IS_ADDR' "one loopback rule (url.c)" src/url.c
only 'Rejected\.Throttling' "one throttling classifier (err.c)" src/err.c
only 'SecurityToken%3D|SecurityToken=' "one redaction function (redact.c)" \
	src/redact.c
# cred_env.c groups env.c's names by family (which spelling is a source,
# which only fills in); the names themselves come from env.c.
only 'ALIBABACLOUD_|ALICLOUD_' "one environment table (env.c)" src/env.c \
	src/cred_env.c src/cred_env.h
only 'nl_langinfo' "one UTF-8 locale check (text.c)" src/text.c
only '"(REGISTRABLE|BUILDING|REBUILDING)"' "the model owns the status names" \
	src/model.c
tap_done
