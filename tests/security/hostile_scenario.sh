# tests/security/hostile_scenario.sh: sourced. hostile_scenario FILE writes
# an emulator scenario whose names are attacks on terminals and
# spreadsheets: OSC 52 (clipboard), OSC 0 (title), CSI 2J (clear), C1
# controls, an RTL override, bidi isolates, formula prefixes (= + - @ TAB
# CR) and a 100 KB name. (Invalid UTF-8 cannot arrive: the JSON parser
# refuses such an answer; tests/unit/test_text.c covers that form.)
HOSTILE_GROUP=ca-00000000000000e1
HOSTILE_MGMT=1000000000000001

hostile_scenario() {
	big=$(head -c 102400 /dev/zero | tr '\0' 'A')
	cat >"$1" <<JSON
{
  "management_account": "$HOSTILE_MGMT",
  "accounts": [
    {"id": 1000000000000001, "name": "mgmt\u001b]52;c;cHduZWQ=\u0007", "recorder_status": "REGISTERED"},
    {"id": 1000000000000002, "name": "title\u001b]0;pwned\u0007x", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000003, "name": "clear\u001b[2Jx", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000004, "name": "c1\u009b31m\u009d0;t\u009cx", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000005, "name": "\u202egnp.exe", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000006, "name": "iso\u2066x\u2069", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000007, "name": "=HYPERLINK(\"http://evil\",\"x\")", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000008, "name": "+cmd", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000009, "name": "-2+3", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000010, "name": "@SUM(1+1)", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000011, "name": "\tTAB", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000012, "name": "\rCR", "recorder_status": "REGISTRABLE"},
    {"id": 1000000000000013, "name": "big$big\u001b]0;pwned\u0007", "recorder_status": "REGISTRABLE"}
  ],
  "groups": [
    {"id": "$HOSTILE_GROUP", "name": "grp\u001b]0;pwned\u0007\u202e", "type": "CUSTOM",
     "description": "=cmd\u001b[2J\u009b", "tags": {"k\u001b]52;c;eA==\u0007": "=v"},
     "members": [1000000000000001, 1000000000000002, 1000000000000003,
       1000000000000004, 1000000000000005, 1000000000000006, 1000000000000007,
       1000000000000008, 1000000000000009, 1000000000000010, 1000000000000011,
       1000000000000012, 1000000000000013]}
  ]
}
JSON
}

# raw_controls FILE: exit 0 when FILE holds a byte that drives a terminal:
# ESC, BEL, another C0 control but TAB/LF (CR too, unless CSV=1), C1 in
# UTF-8, a bidi override or isolate.
raw_controls() {
	if [ "${CSV:-0}" = 1 ]; then
		# CSV rows end in CRLF: look at the file without those
		sed 's/\r$//' "$1" | LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]'
	else
		LC_ALL=C grep -aqP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1"
	fi
}
