#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make trace: record the async_tx and dmaengine events of an md RAID6 on
# dmasim engines in UML (trace-init.sh), then report per operation what
# ran where, why the CPU ran what it ran, what was repaired, and the
# latency percentiles; check the events against async_tx's counters;
# draw the latency distribution.  Results in build/trace/: trace.txt,
# report.txt, latency.png.  The last line is a RESULT line (each check
# one test) for the e2e tier that runs it.

. "$(dirname "$0")/lib.sh"

tier=${1:-trace}
atx_build_kernel um || { atx_result "$tier" 0 1; exit 1; }
out=$ATX_BUILD/trace
rm -rf "$out"
mkdir -p "$out" "$ATX_BUILD/logs"
log=$ATX_BUILD/logs/trace.log
atx_log "trace: md RAID6 on dmasim ioat + iop-adma, events recorded (log in ${log#"$ATX_SRC"/})"
atx_uml_boot 900 "$ATX_BUILD/kunit-um/linux" "$ATX_HARNESS/trace-init.sh" \
	mem=512M brd.rd_nr=6 brd.rd_size=4096 'dmasim.devices=ioat;iop-adma' \
	loglevel=1 atx_out="$out" > "$log" 2>&1
section=$(atx_log_section "$log" trace)
printf '%s\n' "$section" | grep -E '^(check |trace:|TRACE |no )' | tee "$out/report.txt"
pass=$(grep -c '^check .*: ok$' <<< "$section")
fail=$(grep -c '^check .*: FAILED' <<< "$section")
if ! grep -q '^TRACE ' <<< "$section" || [ ! -s "$out/trace.txt" ]; then
	tail -n 20 "$log"
	atx_result "$tier" "$pass" $((fail + 1))
	exit 1
fi
python3 "$ATX_HARNESS/trace-report.py" "$out" | tee -a "$out/report.txt"
pass=$((pass + $(grep -c '^check .*: ok$' "$out/report.txt") - $(grep -c '^check .*: ok$' <<< "$section")))
fail=$((fail + $(grep -c '^check .*: FAILED' "$out/report.txt") - $(grep -c '^check .*: FAILED' <<< "$section")))
if command -v gnuplot >/dev/null; then
	gnuplot "$out/latency.gp" || atx_log "trace: no plot (gnuplot failed)"
else
	atx_log "trace: gnuplot not installed (apt-get install gnuplot-nox): no plot"
fi
atx_log "trace: results in ${out#"$ATX_SRC"/}/{report.txt,trace.txt,latency.png}"
atx_result "$tier" "$pass" "$fail" 0
[ "$fail" -eq 0 ]
