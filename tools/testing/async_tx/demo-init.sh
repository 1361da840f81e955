#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init for the UML demo: runs inside the booted kernel, on the host's
# root filesystem mounted read-only, then powers the machine off.  The
# kernel comes up with two dmasim engines (dmasim.devices= on its command
# line), so raid6test's chains at boot ran on them.

# shellcheck source=guest-lib.sh
. "$(dirname "$0")/guest-lib.sh" || exit 1
guest_mounts
verdict=OK

md() { mdadm "$@" >/tmp/mdadm.log 2>&1 || { cat /tmp/mdadm.log; verdict=FAILED; }; }
# mdadm --wait exits 1 when there was nothing to wait for
md_wait() { mdadm --wait "$1" >/dev/null 2>&1; true; }
check() { # WHAT OK?
	if [ "$2" = yes ]; then out "    $1: ok"; else out "    $1: FAILED"; verdict=FAILED; fi
}

# A RAID6 cycle: create, write, read, fail two, degraded read, rebuild,
# check.  $1 says where it runs.
raid6_cycle() {
	out "  $1"
	md --create /dev/md0 --run --level=6 --raid-devices=6 --chunk=64 \
		/dev/ram0 /dev/ram1 /dev/ram2 /dev/ram3 /dev/ram4 /dev/ram5
	md_wait /dev/md0
	dd if=/dev/urandom of=/tmp/data bs=1M count=8 2>/dev/null
	dd if=/tmp/data of=/dev/md0 bs=1M oflag=direct 2>/dev/null
	want=$(md5sum < /tmp/data)
	got=$(dd if=/dev/md0 bs=1M count=8 iflag=direct 2>/dev/null | md5sum)
	check "write 8 MiB, read it back" "$([ "$got" = "$want" ] && echo yes)"
	md /dev/md0 --fail /dev/ram1 --fail /dev/ram4
	got=$(dd if=/dev/md0 bs=1M count=8 iflag=direct 2>/dev/null | md5sum)
	check "two disks failed, degraded read" \
		"$([ "$got" = "$want" ] && echo yes)"
	md /dev/md0 --remove /dev/ram1 /dev/ram4
	md /dev/md0 --add /dev/ram1 /dev/ram4
	md_wait /dev/md0
	echo check > /sys/block/md0/md/sync_action
	md_wait /dev/md0
	mm=$(cat /sys/block/md0/md/mismatch_cnt)
	check "rebuild onto two spares, check (mismatch_cnt=$mm)" \
		"$([ "$mm" = 0 ] && echo yes)"
	md --stop /dev/md0
}

# What the engines and async_tx did since the last call.
e0=0 e1=0 a0=0 r0=0 p0=0 c0=0
report() {
	e=$(sim_ops_in $DBG/dmasim/dmasim.0) f=$(sim_ops_in $DBG/dmasim/dmasim.1) a=$(stat engine_ops)
	r=$(stat errors_recomputed) p=$(stat parked) c=$(stat cpu_fallbacks)
	out "    descriptors run: ioat $((e - e0)), memcpy engine $((f - e1))"
	out "    async_tx: $((a - a0)) operations on engines, $((c - c0))" \
	    "fell back to the CPU, $((p - p0)) parked behind another engine"
	out "    engine errors: $((r - r0)) recomputed on the CPU," \
	    "$(stat errors_unrecoverable) unrecoverable in all"
	e0=$e e1=$f a0=$a r0=$r p0=$p c0=$c
}

out "==== demo ===="
out "kernel: $(uname -r)"
out ""
out "Engines (dmasim, made at boot from dmasim.devices=):"
for d in $(sim_instances); do
	n=0
	for c in "$d"/chan*; do [ -d "$c" ] && n=$((n + 1)); done
	out "  ${d##*/}: $n channels"
done
out "DMA channels (/sys/class/dma): $(cd /sys/class/dma && echo *)"
out ""
out "raid6test at boot (syndromes and every 2-disk recovery, on the engines):"
r=$(raid6test_verdict)
out "  ${r:+raid6test: complete ($r)}${r:-raid6test did not report}"
case $r in *" 0 failures"*) ;; *) verdict=FAILED ;; esac
report

out ""
out "md RAID6 on 6 ramdisks (the host's mdadm), 64 KiB chunks:"
raid6_cycle "on the engines (an ioat-class engine and a memcpy-only one):"
report
F=$DBG/dmasim/dmasim.0
echo 300 > $F/stall_xor
echo 300 > $F/stall_pq
echo 7 > $F/fail_pq_check
raid6_cycle "ioat stalling on every 300th xor and pq (reset, aborted), failing every 7th check:"
report
echo 0 > $F/stall_xor
echo 0 > $F/stall_pq
echo 0 > $F/fail_pq_check
echo 0 > $SIM/del_device
echo 1 > $SIM/del_device
raid6_cycle "on the CPU (engines deleted):"
out "    async_tx engine operations since: $(( $(stat engine_ops) - a0 ))"
out ""
out "dmatest on every dmasim profile (exclusive channels: private=1):"
DT=/sys/module/dmatest/parameters
echo 30 > $DT/iterations
echo 1 > $DT/max_channels
for prof in ioat iop-adma memcpy private; do
	before=$(dmesg | grep -c 'dmatest: .*summary')
	echo "$prof private=1" > $SIM/new_device
	id=$(sim_newest)
	echo "dmasim.$id" > $DT/device
	for kind in 0 1; do
		echo $kind > $DT/dmatest
		echo 1 > $DT/run
		cat $DT/wait >/dev/null
	done
	sums=$(dmesg | grep 'dmatest: .*summary' | tail -n +$((before + 1)))
	# per operation: tests run, failures
	tests=$(printf '%s\n' "$sums" |
		sed -n 's/.*-\([a-z]*\)[0-9]*: summary \([0-9]*\) tests, \([0-9]*\) failures.*/\1 \2 \3/p' |
		awk '{ t[$1] += $2; f[$1] += $3; n += $3 }
		     END { for (k in t) printf "%s %d, ", k, t[k]; printf "%d failures", n }')
	fails=${tests##*, }
	out "  $prof: ${tests:-no test ran}"
	[ "$fails" = "0 failures" ] || verdict=FAILED
	echo "$id" > $SIM/del_device
done

out ""
out "DEMO $verdict"
out "==== end ===="
guest_poweroff
