#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The scenarios' random-fault setups and the engines-come-and-go setup
# over and over on UML, one boot per core: a rare failure that one
# e2e-um run hits now and then shows here within minutes.  Not a tier
# of make check.
#
#   fault-loop.sh [ROUNDS]     default 5 rounds per boot
#
# Each boot's log is in build/logs/fault-loop-K.log; the last line
# counts the steps that passed and failed over all boots.

. "$(dirname "$0")/lib.sh"

rounds=${1:-5}
atx_build_kernel um || atx_die "UML kernel build failed; see build/logs/build-um.log"
parts=$((ATX_JOBS < 4 ? ATX_JOBS : 4))
logs=()
for k in $(seq 1 "$parts"); do
	log=$ATX_BUILD/logs/fault-loop-$k.log
	logs+=("$log")
	atx_uml_boot $((rounds * 900)) "$ATX_BUILD/kunit-um/linux" \
		"$ATX_HARNESS/fault-loop-init.sh" mem=768M brd.rd_nr=10 \
		brd.rd_size=8192 loglevel=1 atx.rounds="$rounds" > "$log" 2>&1 &
done
atx_log "fault-loop: $rounds rounds in each of $parts boots (logs in ${logs[*]#"$ATX_SRC"/})"
wait
pass=0 fail=0
for log in "${logs[@]}"; do
	section=$(atx_log_section "$log" fault-loop)
	grep -A1 ': FAILED' <<< "$section"
	grep '^round ' <<< "$section" | tail -n 1
	pass=$((pass + $(grep -c '^case .*: ok$' <<< "$section")))
	fail=$((fail + $(grep -c '^case .*: FAILED' <<< "$section")))
	# a boot that did not get to its end failed as a whole
	grep -q '^FAULT-LOOP END$' <<< "$section" || fail=$((fail + 1))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
