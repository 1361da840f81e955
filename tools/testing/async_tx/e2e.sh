#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The end-to-end tier on UML: boot the demo (raid6test on two dmasim
# engines, md RAID6 cycles with mdadm on the engines, with injected
# faults and on the CPU, dmatest on every dmasim profile), then boot the
# md scenarios (scenarios.sh: every array and engine setup, split over
# one boot per core), then the
# trace report (trace.sh); count each check of any as one test.

. "$(dirname "$0")/lib.sh"

"$ATX_HARNESS/demo.sh"
log=$ATX_BUILD/logs/demo.log
section=$(atx_log_section "$log" demo)
# md checks print ": ok" or ": FAILED"; raid6test and dmatest lines
# report their failures
pass=$(grep -c ': ok$' <<< "$section")
fail=$(grep -c ': FAILED$' <<< "$section")
while read -r n; do
	if [ "$n" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done < <(sed -n 's/.*[ (]\([0-9][0-9]*\) failures[),]*.*$/\1/p' <<< "$section")
# a demo that did not get to its verdict failed as a whole
grep -q '^DEMO ' <<< "$section" || fail=$((fail + 1))

# the scenarios, on the kernel the demo built: a UML kernel runs on one
# core, so the setups are split into one boot per core (at most four)
parts=$((ATX_JOBS < 4 ? ATX_JOBS : 4))
logs=()
for k in $(seq 1 "$parts"); do
	log=$ATX_BUILD/logs/scenarios-um.log
	[ "$parts" -gt 1 ] && log=$ATX_BUILD/logs/scenarios-um-$k.log
	logs+=("$log")
	atx_uml_boot 1800 "$ATX_BUILD/kunit-um/linux" "$ATX_HARNESS/scenarios-init.sh" \
		mem=768M brd.rd_nr=10 brd.rd_size=8192 loglevel=1 \
		atx.part="$k/$parts" > "$log" 2>&1 &
done
atx_log "e2e-um: md scenarios in $parts boots (log in ${logs[*]#"$ATX_SRC"/})"
wait
for log in "${logs[@]}"; do
	read -r p f < <(atx_scenario_counts "$log")
	pass=$((pass + p)) fail=$((fail + f))
done

# the trace report (trace.sh): md RAID6 traced on the engines, the
# events checked against the counters
"$ATX_HARNESS/trace.sh" e2e-um-trace > "$ATX_BUILD/logs/trace-report.log" 2>&1
read -r p f < <(sed -n 's/^RESULT e2e-um-trace: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' \
	"$ATX_BUILD/logs/trace-report.log")
grep -E '^check .*FAILED' "$ATX_BUILD/logs/trace-report.log" >&2
atx_log "e2e-um: trace report ${p:-0} passed, ${f:-1} failed (log in build/logs/trace-report.log)"
pass=$((pass + ${p:-0})) fail=$((fail + ${f:-1}))
atx_result e2e-um "$pass" "$fail" 0
[ "$fail" -eq 0 ]
