#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init of the trace boot (trace.sh): record the async_tx and dmaengine
# events of an md RAID6 on two dmasim engines (an ioat and an iop-adma,
# the ioat failing some xor and pq descriptors) through its phases -
# create and initial sync, write, degraded read, rebuild, check - and
# leave the trace, async_tx's counters before and after, its per-channel
# counters and the ring buffer's statistics in the host directory named
# by atx_out= on the kernel command line (init's environment).

# shellcheck source=guest-lib.sh
. "$(dirname "$0")/guest-lib.sh" || exit 1
guest_mounts

T=/sys/kernel/tracing
O=/run/out
verdict=OK
check() { # WHAT OK?
	if [ "$2" = yes ]; then out "check $1: ok"; else out "check $1: FAILED"; verdict=FAILED; fi
}
md() { mdadm "$@" >/tmp/mdadm.log 2>&1 || { cat /tmp/mdadm.log; verdict=FAILED; }; }
md_wait() { mdadm --wait "$1" >/dev/null 2>&1; true; }
phase() { echo "atx_phase $1" > $T/trace_marker; }

echo "==== trace ===="
mount -t tracefs nodev $T 2>/dev/null
mkdir -p $O
if [ -z "$atx_out" ] || ! mount -t hostfs -o "$atx_out" none $O; then
	out "no output directory (atx_out=$atx_out)"
	out "TRACE FAILED"
	echo "==== end ===="
	guest_poweroff
fi
if [ ! -d $T/events/async_tx ] || [ ! -d $T/events/dmaengine ]; then
	out "no async_tx or dmaengine events in $T/events"
	out "TRACE FAILED"
	echo "==== end ===="
	guest_poweroff
fi

D=/dev/ram
F=$DBG/dmasim/dmasim.0
# the ioat fails some xors and syndromes: the repairs show in the trace
# (it stops on an error and aborts what it held: those are repaired too)
echo 97 > $F/fail_xor
echo 89 > $F/fail_pq

# a clock with nanoseconds (UML's default trace clock ticks in jiffies)
echo mono > $T/trace_clock
echo 32768 > $T/buffer_size_kb
echo > $T/trace
echo 1 > $T/events/async_tx/enable
echo 1 > $T/events/dmaengine/enable
cat $DBG/async_tx/stats > $O/stats-before
cat /sys/class/dma/*/memcpy_count > $O/completed-before
echo 1 > $T/tracing_on

phase create
md --create /dev/md0 --run --level=6 --raid-devices=6 --chunk=64 \
	${D}0 ${D}1 ${D}2 ${D}3 ${D}4 ${D}5
md_wait /dev/md0
phase write
dd if=/dev/urandom of=/tmp/data bs=1M count=4 2>/dev/null
dd if=/tmp/data of=/dev/md0 bs=1M oflag=direct 2>/dev/null
want=$(md5sum < /tmp/data)
got=$(dd if=/dev/md0 bs=1M count=4 iflag=direct 2>/dev/null | md5sum)
check "raid6 write 4 MiB, read back" "$([ "$got" = "$want" ] && echo yes)"
phase degraded
md /dev/md0 --fail ${D}1 --fail ${D}4
got=$(dd if=/dev/md0 bs=1M count=4 iflag=direct 2>/dev/null | md5sum)
check "raid6 degraded read, two disks failed" "$([ "$got" = "$want" ] && echo yes)"
# the same read with the ioat out of descriptors: the CPU does its share
echo 1 > $F/exhaust
echo 3 > /proc/sys/vm/drop_caches
got=$(dd if=/dev/md0 bs=1M count=4 iflag=direct 2>/dev/null | md5sum)
echo 0 > $F/exhaust
check "raid6 degraded read, ioat exhausted" "$([ "$got" = "$want" ] && echo yes)"
phase rebuild
md /dev/md0 --remove ${D}1 ${D}4
md /dev/md0 --add ${D}1 ${D}4
md_wait /dev/md0
phase check
echo check > /sys/block/md0/md/sync_action
md_wait /dev/md0
mm=$(cat /sys/block/md0/md/mismatch_cnt)
check "raid6 rebuild and check (mismatch_cnt=$mm)" "$([ "$mm" = 0 ] && echo yes)"
md --stop /dev/md0
# an engine that comes and goes: the core's device and channel events
phase hotplug
echo "memcpy channels=2" > $SIM/new_device
sim_newest > $SIM/del_device
phase end

echo 0 > $T/tracing_on
cat $DBG/async_tx/stats > $O/stats-after
cat /sys/class/dma/*/memcpy_count > $O/completed-after
cat $DBG/async_tx/channels > $O/channels
cat $T/per_cpu/cpu*/stats > $O/ring-stats
cat $T/trace > $O/trace.txt
out "trace: $(grep -c ': async_tx_op:' $O/trace.txt) async_tx operations recorded"
out "TRACE $verdict"
echo "==== end ===="
guest_poweroff
