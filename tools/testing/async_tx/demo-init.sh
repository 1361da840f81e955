#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init for the UML demo: runs inside the booted kernel, on the host's
# root filesystem mounted read-only, then powers the machine off.

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

out() { printf '%s\n' "$*"; }
verdict=OK

out "==== demo ===="
out "kernel: $(uname -r)"
out ""
out "DMA devices and channels (/sys/class/dma):"
if [ -n "$(ls /sys/class/dma 2>/dev/null)" ]; then
	for c in /sys/class/dma/*; do
		out "  $(basename "$c"): in_use=$(cat "$c/in_use")" \
		    "memcpy_count=$(cat "$c/memcpy_count")"
	done
else
	out "  none registered: async_tx runs every operation on the CPU"
fi
out ""
out "async_tx chains at boot (raid6test: gen_syndrome + 2-disk recovery):"
r=$(dmesg | sed -n 's/^\[[ 0-9.]*\] //; /raid6test: complete/p')
out "  ${r:-raid6test did not report}"
case $r in *" 0 failures"*) ;; *) verdict=FAILED ;; esac

out ""
out "md RAID6 on 6 ramdisks (the host's mdadm):"
md() { mdadm "$@" >/tmp/mdadm.log 2>&1 || { cat /tmp/mdadm.log; verdict=FAILED; }; }
# mdadm --wait exits 1 when there was nothing to wait for
md_wait() { mdadm --wait "$1" >/dev/null 2>&1; true; }
md --create /dev/md0 --run --level=6 --raid-devices=6 --chunk=64 \
	/dev/ram0 /dev/ram1 /dev/ram2 /dev/ram3 /dev/ram4 /dev/ram5
md_wait /dev/md0
dd if=/dev/urandom of=/tmp/data bs=1M count=16 2>/dev/null
dd if=/tmp/data of=/dev/md0 bs=1M oflag=direct 2>/dev/null
want=$(md5sum < /tmp/data)
got=$(dd if=/dev/md0 bs=1M count=16 iflag=direct 2>/dev/null | md5sum)
[ "$got" = "$want" ] && out "  write 16 MiB, read back: data verified" ||
	{ out "  write 16 MiB, read back: MISMATCH"; verdict=FAILED; }
md /dev/md0 --fail /dev/ram1 --fail /dev/ram4
got=$(dd if=/dev/md0 bs=1M count=16 iflag=direct 2>/dev/null | md5sum)
[ "$got" = "$want" ] && out "  two disks failed, degraded read: data verified" ||
	{ out "  two disks failed, degraded read: MISMATCH"; verdict=FAILED; }
md /dev/md0 --remove /dev/ram1 /dev/ram4
md /dev/md0 --add /dev/ram1 /dev/ram4
md_wait /dev/md0
echo check > /sys/block/md0/md/sync_action
md_wait /dev/md0
mm=$(cat /sys/block/md0/md/mismatch_cnt)
out "  rebuilt onto two spares, check: mismatch_cnt=$mm"
[ "$mm" = 0 ] || verdict=FAILED
md --stop /dev/md0
out ""
out "DEMO $verdict"
out "==== end ===="
echo o > /proc/sysrq-trigger
sleep 5
