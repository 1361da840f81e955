#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The end-to-end tier on UML: boot the demo (raid6test on two dmasim
# engines, md RAID6 cycles with mdadm on the engines, with injected
# faults and on the CPU, dmatest on every dmasim profile), then boot the
# md scenarios (scenarios.sh: every array and engine setup); count each
# check of either as one test.

. "$(dirname "$0")/lib.sh"

"$ATX_HARNESS/demo.sh"
log=$ATX_BUILD/logs/demo.log
section=$(sed -n 's/\r$//; /^==== demo ====$/,/^==== end ====$/p' "$log")
# md checks print ": ok" or ": FAILED"; raid6test and dmatest lines
# report their failures
pass=$(printf '%s\n' "$section" | grep -c ': ok$')
fail=$(printf '%s\n' "$section" | grep -c ': FAILED$')
while read -r n; do
	if [ "$n" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done < <(printf '%s\n' "$section" |
	 sed -n 's/.*[ (]\([0-9][0-9]*\) failures[),]*.*$/\1/p')
# a demo that did not get to its verdict failed as a whole
printf '%s\n' "$section" | grep -q '^DEMO ' || fail=$((fail + 1))

# the scenarios, on the kernel the demo built
log=$ATX_BUILD/logs/scenarios-um.log
atx_log "e2e-um: md scenarios (log in ${log#"$ATX_SRC"/})"
TMPDIR=${TMPDIR:-/tmp} timeout 1800 "$ATX_BUILD/kunit-um/linux" mem=768M \
	kunit.enable=0 brd.rd_nr=10 brd.rd_size=8192 \
	root=/dev/root rootfstype=hostfs rootflags=/ ro \
	init="$ATX_HARNESS/scenarios-init.sh" console=tty loglevel=1 \
	< /dev/null > "$log" 2>&1
read -r p f < <(atx_scenario_counts "$log")
pass=$((pass + p)) fail=$((fail + f))
atx_result e2e-um "$pass" "$fail" 0
[ "$fail" -eq 0 ]
