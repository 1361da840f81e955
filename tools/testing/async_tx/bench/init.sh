#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init of a benchmark boot.  The micro benchmark ran at late_initcall;
# this times md RAID6 on six brd disks (brd.rd_nr=6 on the command line),
# first on the CPU path, then on a dmasim ioat-profile engine: a
# sequential full-stripe write, a sequential read, a read with two disks
# failed, and the rebuild onto two spares.  Each prints a line in the
# micro benchmark's format, the time being the whole step's:
#
#   ATXB <step> <bytes> 6 <async|engine> <ns>
#
# then the machine powers off.

# shellcheck source=../guest-lib.sh
. "$(dirname "$0")/../guest-lib.sh" || exit 1
guest_mounts

MIB=64
BYTES=$((MIB * 1048576))
DISKS="/dev/ram0 /dev/ram1 /dev/ram2 /dev/ram3 /dev/ram4 /dev/ram5"

now() { date +%s%N; }
step() { # NAME PATH START
	echo "ATXB $1 $BYTES 6 $2 $(($(now) - $3))"
}
readall() { dd if=/dev/md0 bs=2M count=$((MIB / 2)) iflag=direct 2>/dev/null; }
verify() { # PATH WHAT, outside the timed steps
	[ "$(readall | md5sum)" = "$want" ] || echo "ATXB-ERROR $1: $2 differs"
}
# mdadm --wait exits 1 when there was nothing to wait for
md_wait() { mdadm --wait "$1" >/dev/null 2>&1; true; }

run() { # PATH
	# 512 KiB chunks: 2 MiB stripes, written whole by 2 MiB direct writes
	# shellcheck disable=SC2086 # one word per disk
	mdadm --create /dev/md0 --run --assume-clean --level=6 \
		--raid-devices=6 --chunk=512 $DISKS >/dev/null 2>&1 ||
		{ echo "ATXB-ERROR mdadm --create failed"; return; }
	t=$(now)
	dd if=/tmp/data of=/dev/md0 bs=2M oflag=direct 2>/dev/null
	step md_write "$1" "$t"
	t=$(now)
	readall >/dev/null
	step md_read "$1" "$t"
	verify "$1" "read back"
	mdadm /dev/md0 --fail /dev/ram1 --fail /dev/ram4 >/dev/null 2>&1
	t=$(now)
	readall >/dev/null
	step md_degraded_read "$1" "$t"
	verify "$1" "degraded read"
	mdadm /dev/md0 --remove /dev/ram1 /dev/ram4 >/dev/null 2>&1
	t=$(now)
	mdadm /dev/md0 --add /dev/ram1 /dev/ram4 >/dev/null 2>&1
	# until the array is whole again (the rebuild may not have started)
	while [ "$(cat /sys/block/md0/md/degraded)" != 0 ]; do
		md_wait /dev/md0
	done
	step md_rebuild "$1" "$t"
	verify "$1" "read after the rebuild"
	mdadm --stop /dev/md0 >/dev/null 2>&1
	for d in $DISKS; do mdadm --zero-superblock "$d" >/dev/null 2>&1; done
}

if [ -b /dev/ram5 ] && command -v mdadm >/dev/null; then
	# the rebuild is not held back by md's default speed limit
	echo 10000000 > /proc/sys/dev/raid/speed_limit_max
	dd if=/dev/urandom of=/tmp/data bs=1M count=$MIB 2>/dev/null
	want=$(md5sum < /tmp/data)
	run async
	if [ -w "$SIM/new_device" ]; then
		echo ioat > "$SIM/new_device"
		run engine
		sim_newest > "$SIM/del_device"
	fi
fi
echo "ATXB md done"
guest_poweroff
