#!/bin/bash
# status_colour: a recorder status has the same colour on the TUI's screen
# as in the batch CLI's table (one mapping, src/status_colour.c): both are
# captured from a real terminal with their escape sequences.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/tui/tui_lib.sh"

emu_start E --scenario demo || bail_out "alicfg-emu did not start"

# The foreground colour (30-37) in force where WORD starts on the first
# line that matches KEY, from a capture with escape sequences.
colour_of() {
	tui_tmux capture-pane -p -e 2>/dev/null | grep -a -- "$1" | head -n 1 |
		perl -ne '
			my ($before) = /^(.*?)\Q'"$2"'\E/ or exit;
			my $fg = "";
			while ($before =~ /\e\[([0-9;]*)m/g) {
				for my $p (split /;/, $1 eq "" ? "0" : $1) {
					$fg = "" if $p == 0 || $p == 39;
					$fg = $p if $p >= 30 && $p <= 37;
				}
			}
			print $fg;'
}

tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" ||
	skip_all "could not start alicfg in tmux"
tui_wait 10 'dev-sandbox +1000000000000010 +REGISTRABLE' "the TUI shows a REGISTRABLE row"
tui_wait 10 ' REGISTERED' "the TUI shows a REGISTERED row"
tui_fg_registrable=$(colour_of 'dev-sandbox' REGISTRABLE)
tui_fg_registered=$(colour_of 'acme-management' REGISTERED)
tui_keys q
tui_gone 5

# wide enough that no table row wraps
TUI_COLS=220
tui_start --endpoint "$E_URL" --sts-endpoint "$E_URL" accounts --all
tui_wait 10 'REGISTRABLE' "the CLI on a terminal lists a REGISTRABLE row"
cli_fg_registrable=$(colour_of 'dev-sandbox' REGISTRABLE)
cli_fg_registered=$(colour_of 'acme-management' REGISTERED)

same() {
	[ "$1" = "$2" ]; ok $? "$3"
	[ "$1" = "$2" ] || diag "got '$1', want '$2'"
}
same "$tui_fg_registrable" 31 "REGISTRABLE is red on the TUI"
same "$cli_fg_registrable" "$tui_fg_registrable" "REGISTRABLE: the CLI's colour is the TUI's"
same "$tui_fg_registered" 32 "REGISTERED is green on the TUI"
same "$cli_fg_registered" "$tui_fg_registered" "REGISTERED: the CLI's colour is the TUI's"
tap_done
