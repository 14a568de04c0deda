#!/bin/bash
# A machine whose clock is off by more than 15 minutes: the server answers
# InvalidTimeStamp.Expired and alicfg says to check the clock, in V3 and V2,
# without retrying a request that cannot succeed. The emulator's
# --clock-skew moves its own clock, which is what a skewed client sees.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

emu_start K --scenario demo --clock-skew 1200 || bail_out "alicfg-emu did not start"
emu_start N --scenario demo --clock-skew 300 || bail_out "alicfg-emu did not start"
demo_env

for sig in v3 v2; do
	al --endpoint "$K_URL" --sts-endpoint "$K_URL" --signature $sig -v aggregators
	is_rc 1 "$sig: 20 minutes of skew is an API error (exit 1)"
	has_err 'InvalidTimeStamp\.Expired' "$sig: the Code is shown"
	has_err 'clock' "$sig: the message says to check the clock"
	has_err 'attempts=1' "$sig: a clock error is not retried"
	lacks_out . "$sig: nothing on stdout"

	al --endpoint "$N_URL" --sts-endpoint "$N_URL" --signature $sig aggregators
	is_rc 0 "$sig: 5 minutes of skew is within the 15-minute window"
	has_out 'ca-0000000000000001' "$sig: and the groups are listed"
done

tap_done
