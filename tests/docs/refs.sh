#!/bin/bash
# refs: every citation of a project document in the code (a docs path, with
# or without a section anchor) names a file in docs/ and, when an anchor is
# given, one of that file's headings; and no code cites a document that is
# not in this repository.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$ALICFG_SRCDIR" || bail_out "no source tree at $ALICFG_SRCDIR"

# GitHub's anchor of each heading of $1, one per line.
anchors() {
	grep -E '^#{1,6} ' "$1" | sed -E 's/^#+ +//' | tr 'A-Z' 'a-z' |
		sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'
}

refs=$(grep -rhoE 'docs/[A-Za-z0-9_-]+\.md(#[a-z0-9_-]+)?' src ui tests \
	--include='*.c' --include='*.h' --include='*.sh' --include='*.mk' |
	sort -u)
[ -n "$refs" ]; ok $? "the code cites the project's docs"
for r in $refs; do
	f=${r%%#*}
	[ -f "$f" ]; ok $? "$r: the file exists"
	case $r in
	*'#'*)
		a=${r#*#}
		anchors "$f" 2>/dev/null | grep -qx -- "$a"
		ok $? "$r: the section exists"
		;;
	esac
done
! grep -rln 'alibaba-api\.md' src ui tests --include='*.c' --include='*.h' \
	--include='*.sh' --exclude=refs.sh
ok $? "no code cites alibaba-api.md, which is not in this repository"
# Every document ships in the release tarball (make distcheck runs this
# test from the tarball, where a missing one is simply absent).
for f in docs/*.md; do
	cat Makefile.am $(find . -name '*.mk' -not -path './build*') | grep -qF -- "$f"
	ok $? "$f is in EXTRA_DIST (Makefile.am or a local.mk)"
done
tap_done
