#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# md raid456 scenarios on brd ramdisks with the real mdadm, for the
# end-to-end tiers of both arches (POSIX sh: the host's in UML, busybox's
# in the QEMU initramfs).  Proc, sysfs, devtmpfs, debugfs and /tmp must
# be mounted; the kernel needs brd.rd_nr=10 (or more) and dmasim.
#
#   scenarios.sh [quick|lib]
#
# ATX_PART=K/N runs only every Nth setup from the Kth on (the harness
# boots N kernels at once, one per part, on a machine with N cores).
#
# For each engine setup (none, each dmasim profile, two profiles at
# once, each profile with random injected errors) and its arrays (on the CPU and ioat:
# RAID5 of 5, RAID6 of 6 and of 10 disks, each with 64 KiB and 512 KiB
# chunks, and a RAID5 grown from 4 to 5 disks; on the others two of
# them; with "quick" a RAID6 of 6 only), it creates the array, writes
# pseudo-random data (several times the stripe cache; at most ATX_MIB
# MiB, default 24), reads it back, fails one disk (RAID5) or two
# (RAID6: adjacent, which gives every class of pair across the stripes,
# then apart), reads degraded, re-adds, rebuilds, checks, corrupts a
# parity block on a member directly, sees check find it and repairs it;
# and checks that most operations ran on the engines.  Last, an engine
# corrupts parity silently while md writes: check finds it.  One line
# per case:
#
#   case <setup> <array> <step>: ok|FAILED [why]
#
# then the share of xor and pq operations that ran on engines per setup,
# and "SCENARIOS END".  scenarios-init.sh sources it after guest-lib.sh;
# run on its own, it sources guest-lib.sh itself.

# shellcheck source=guest-lib.sh
command -v guest_mounts >/dev/null 2>&1 || . "$(dirname "$0")/guest-lib.sh"
quick=${1:-}
# data written per array at most, MiB
cap=$((${ATX_MIB:-24} * 1048576))
MD=/dev/md0
SYS=/sys/block/md0/md

# sectors of one ramdisk
disk_sectors=$(cat /sys/block/ram0/size)

ok() { out "case $setup $array $1: ok"; }
bad() { out "case $setup $array $1: FAILED $2"; }
expect() { # STEP CONDITION-RESULT(yes/no) WHY
	if [ "$2" = yes ]; then ok "$1"; else bad "$1" "$3"; fi
}

# mdadm --wait exits 1 when there was nothing to wait for; false when
# md made no progress for five minutes (the state goes to the log)
md_wait() {
	timeout 300 mdadm --wait "$MD" >/dev/null 2>&1
	[ $? != 124 ] && return 0
	out "md did not finish: $(cat $SYS/sync_action) at $(cat $SYS/sync_completed)"
	cat /proc/mdstat
	return 1
}
# until the array has no missing member and nothing runs
md_settle() {
	while [ "$(cat $SYS/degraded)" != 0 ] ||
	      [ "$(cat $SYS/sync_action)" != idle ]; do
		md_wait || return 1
	done
}
disks() { # N: the first N ramdisks
	i=0 l=
	while [ $i -lt "$1" ]; do l="$l /dev/ram$i"; i=$((i + 1)); done
	echo "$l"
}
readsum() { dd if=$MD bs=64k count=$((bytes / 65536)) iflag=direct 2>/dev/null | md5sum; }
sync_action() { # ACTION: run it to its end; print mismatch_cnt
	echo "$1" > $SYS/sync_action
	while [ "$(cat $SYS/sync_action)" != idle ]; do
		md_wait >&2 || { echo timeout; return; }
	done
	cat $SYS/mismatch_cnt
}
stop() {
	mdadm --stop $MD >/dev/null 2>&1
	for d in $(disks 10); do mdadm --zero-superblock "$d" >/dev/null 2>&1; done
}

# Create an array of the first DISKS ramdisks and wait for its initial
# sync; set $bytes (whole stripes, at most $cap) and fresh random data
# in /tmp/data, its sum in $want.  False after reporting a failure.
# LEVEL DISKS CHUNK-KiB
create_array() {
	data=$(($2 - ($1 == 5 ? 1 : 2)))
	stripe=$((data * $3 * 1024))
	bytes=$(((disk_sectors - 8192) * 512 * data))
	[ $bytes -gt $cap ] && bytes=$cap
	bytes=$((bytes / stripe * stripe))
	# shellcheck disable=SC2046 # one word per disk
	if ! mdadm --create $MD --run --level="$1" --raid-devices="$2" \
		--chunk="$3" $(disks "$2") >/tmp/mdadm.log 2>&1; then
		bad create "$(tail -n 1 /tmp/mdadm.log)"
		return 1
	fi
	md_settle || { bad "create and initial sync" "timed out"; stop; return 1; }
	dd if=/dev/urandom of=/tmp/data bs=64k count=$((bytes / 65536)) 2>/dev/null
	want=$(md5sum < /tmp/data)
}
write_data() { dd if=/tmp/data of=$MD bs=64k oflag=direct 2>/dev/null; }
# Stop and assemble the first DISKS again: no stripe stays cached.
reassemble() {
	mdadm --stop $MD >/dev/null 2>&1
	# shellcheck disable=SC2046 # one word per disk
	mdadm --assemble $MD $(disks "$1") >/tmp/mdadm.log 2>&1 && return 0
	bad "assemble" "$(tail -n 1 /tmp/mdadm.log)"
	stop
	return 1
}
# The parity on the members is wrong somewhere: check finds it, repair
# mends it, the data is intact.  STEP
check_repair() {
	mm=$(sync_action check)
	expect "$1, check finds it" "$([ "$mm" != 0 ] && echo yes)" \
		"mismatch_cnt $mm"
	sync_action repair >/dev/null
	mm=$(sync_action check)
	expect "repair, check again" \
		"$([ "$mm" = 0 ] && [ "$(readsum)" = "$want" ] && echo yes)" \
		"mismatch_cnt $mm"
}

# One array through the steps.  LEVEL DISKS CHUNK-KiB
array_cycle() {
	level=$1 n=$2 chunk=$3
	array="raid$level-$n-${chunk}k"
	create_array "$level" "$n" "$chunk" || return
	ok "create and initial sync"
	write_data
	expect "write $((bytes / 1048576)) MiB, read back" \
		"$([ "$(readsum)" = "$want" ] && echo yes)" "data differs"

	last=$((n - 1))
	if [ "$level" = 5 ]; then
		pairs="2"
	else
		# adjacent (every pair class across the stripes), then apart
		pairs="1,2 0,$((n / 2))"
	fi
	for p in $pairs; do
		a=${p%,*} b=${p#*,}
		fail="/dev/ram$a"
		[ "$a" != "$b" ] && fail="$fail /dev/ram$b"
		for d in $fail; do mdadm $MD --fail "$d" >/dev/null 2>&1; done
		expect "disks $p failed, degraded read" \
			"$([ "$(readsum)" = "$want" ] && echo yes)" "data differs"
		for d in $fail; do mdadm $MD --remove "$d" >/dev/null 2>&1; done
		for d in $fail; do mdadm $MD --add "$d" >/dev/null 2>&1; done
		md_settle || { bad "disks $p rebuilt" "timed out"; stop; return; }
		mm=$(sync_action check)
		expect "disks $p re-added, rebuilt, check" \
			"$([ "$mm" = 0 ] && [ "$(readsum)" = "$want" ] && echo yes)" \
			"mismatch_cnt $mm"
	done

	# stripe 0's last member holds parity (P for RAID5, Q for RAID6);
	# written behind the stopped array's back
	off=$(cat $SYS/dev-ram$last/offset)
	mdadm --stop $MD >/dev/null 2>&1
	dd if=/dev/urandom of=/dev/ram$last bs=512 seek=$((off + 8)) count=8 \
		conv=notrunc oflag=direct 2>/dev/null
	reassemble "$n" || return
	check_repair "parity block corrupted on a member"
	stop
}

# A RAID5 of 4 grows to 5 disks with data in it.
grow_cycle() {
	array="raid5-4to5-64k"
	create_array 5 4 64 || return
	write_data
	mdadm $MD --add /dev/ram4 >/dev/null 2>&1
	# no backup file: mdadm moves the data offset, and no helper process
	# of its own has to live through the reshape
	if ! mdadm --grow $MD --raid-devices=5 >/tmp/mdadm.log 2>&1; then
		bad "grow to 5 disks" "$(tail -n 1 /tmp/mdadm.log)"
		stop
		return
	fi
	while [ "$(cat $SYS/degraded)" != 0 ] ||
	      [ "$(cat $SYS/sync_action)" != idle ] ||
	      [ "$(cat $SYS/reshape_position)" != none ]; do
		md_wait || { bad "grow to 5 disks" "timed out"; stop; return; }
	done
	mm=$(sync_action check)
	expect "grown to 5 disks, data intact, check" \
		"$([ "$mm" = 0 ] && [ "$(readsum)" = "$want" ] && echo yes)" \
		"mismatch_cnt $mm"
	stop
}

# The engine corrupts some xor and pq results without an error (dmasim's
# corrupt_ knobs): md cannot see it while writing; check finds it and
# repair mends it.
corrupt_cycle() {
	array="raid6-6-64k"
	F=$(sim_instances | head -n 1)
	create_array 6 6 64 || return
	echo 97 > "$F/corrupt_pq"
	echo 97 > "$F/corrupt_xor"
	write_data
	echo 0 > "$F/corrupt_pq"
	echo 0 > "$F/corrupt_xor"
	reassemble 6 || return
	expect "written through a corrupting engine, data read back" \
		"$([ "$(readsum)" = "$want" ] && echo yes)" "data differs"
	check_repair "parity the engine corrupted"
	stop
}

# Engines leave and come back while md works: every two seconds one
# instance is deleted and a new one (ioat and iop-adma in turn) made, as
# a RAID6 of 6 is written, read, degraded, rebuilt and checked.  Work
# parked on, queued on or running on a deleted engine completes on the
# CPU; new work goes to whatever engines there are.
hotplug_loop() {
	i=0
	while [ ! -e /tmp/hotplug.stop ]; do
		sleep 2
		d=$(sim_instances | head -n 1)
		[ -n "$d" ] && echo "${d##*.}" > "$SIM/del_device"
		if [ $((i % 2)) = 0 ]; then spec=ioat; else spec=iop-adma; fi
		echo "$spec" > "$SIM/new_device"
		i=$((i + 1))
	done
	echo "$i" > /tmp/hotplug.count
}
hotplug_cycle() {
	array="raid6-6-64k"
	rm -f /tmp/hotplug.stop /tmp/hotplug.count
	create_array 6 6 64 || return
	hotplug_loop &
	loop=$!
	write_data
	expect "write $((bytes / 1048576)) MiB while engines come and go, read back" \
		"$([ "$(readsum)" = "$want" ] && echo yes)" "data differs"
	for d in /dev/ram1 /dev/ram2; do mdadm $MD --fail "$d" >/dev/null 2>&1; done
	expect "disks 1,2 failed, degraded read" \
		"$([ "$(readsum)" = "$want" ] && echo yes)" "data differs"
	for d in /dev/ram1 /dev/ram2; do mdadm $MD --remove "$d" >/dev/null 2>&1; done
	for d in /dev/ram1 /dev/ram2; do mdadm $MD --add "$d" >/dev/null 2>&1; done
	md_settle || { bad "rebuilt while engines come and go" "timed out"; }
	mm=$(sync_action check)
	touch /tmp/hotplug.stop
	wait $loop
	expect "rebuilt, check, engines replaced $(cat /tmp/hotplug.count) times" \
		"$([ "$mm" = 0 ] && [ "$(readsum)" = "$want" ] && [ "$(cat /tmp/hotplug.count)" -gt 0 ] && echo yes)" \
		"mismatch_cnt $mm"
	stop
}

# Make the engines of a setup; none for "cpu".
setup_engines() {
	for spec in "$@"; do echo "$spec" > "$SIM/new_device" || return 1; done
}
drop_engines() {
	for d in $(sim_instances); do
		echo "${d##*.}" > "$SIM/del_device"
	done
}

setups_seen=0
# Is the next setup in this boot's part (ATX_PART=K/N)?
in_part() {
	setups_seen=$((setups_seen + 1))
	[ -z "${ATX_PART:-}" ] && return 0
	[ $(((setups_seen - 1) % ${ATX_PART#*/})) = $((${ATX_PART%/*} - 1)) ]
}

run_setup() { # NAME SPEC... ; FAULTS= and CYCLE= set before
	in_part || return 0
	setup=$1
	shift
	drop_engines
	setup_engines "$@" || { bad engines "cannot make $*"; return; }
	[ -n "$FAULTS" ] && $FAULTS
	e0=$(stat engine_ops) f0=$(stat cpu_fallbacks) s0=$(sim_ops)
	r0=$(stat errors_recomputed) q0=$(stat no_interrupt)
	w0=$(stat interrupts_added) l0=$(stat errors_unrecoverable)
	if [ -n "$CYCLE" ]; then
		$CYCLE
	else
		printf '%s\n' "$ARRAYS" | while read -r level n chunk; do
			[ -n "$level" ] && array_cycle "$level" "$n" "$chunk"
		done
		[ -n "$GROW" ] && grow_cycle
	fi
	e=$(($(stat engine_ops) - e0)) f=$(($(stat cpu_fallbacks) - f0))
	r=$(($(stat errors_recomputed) - r0))
	q=$(($(stat no_interrupt) - q0)) w=$(($(stat interrupts_added) - w0))
	l=$(($(stat errors_unrecoverable) - l0))
	out "engines $setup: $e operations on engines ($(($(sim_ops) - s0)) descriptors), $f fell back to the CPU, $r errors recomputed, $l unrecoverable, $q without an interrupt, $w interrupts added"
	array=all
	expect "no engine error left unrecoverable" \
		"$([ $l = 0 ] && echo yes)" "$l unrecoverable"
	[ -n "$FAULTS" ] &&
		expect "engine errors were injected and recomputed" \
			"$([ $r -gt 0 ] && echo yes)" "none recomputed"
	if [ $# = 0 ]; then
		expect "nothing ran on an engine" "$([ $e = 0 ] && echo yes)" \
			"$e engine operations"
	else
		expect "most operations ran on the engines" \
			"$([ $e -gt 0 ] && [ $f -lt $e ] && echo yes)" \
			"$e on engines, $f fell back"
	fi
	drop_engines
}

# "scenarios.sh lib": the functions above only (ioat-init.sh's cycles)
[ "$quick" = lib ] && return 0

echo 10000000 > /proc/sys/dev/raid/speed_limit_max
# mdadm --grow forks its own helper: no init system to ask
export MDADM_NO_SYSTEMCTL=1
FAULTS='' CYCLE=''
# RAID level, disks, chunk KiB
ALL="5 5 64
5 5 512
6 6 64
6 6 512
6 10 64
6 10 512"
SOME="5 5 64
6 10 512"
if [ -n "$quick" ]; then
	ALL="6 6 64"
	SOME="6 6 64"
	GROW=
else
	GROW=yes
fi

ARRAYS=$ALL
run_setup cpu
run_setup ioat ioat
ARRAYS=$SOME GROW=
if [ -z "$quick" ]; then
	run_setup iop-adma iop-adma
	run_setup memcpy memcpy
	run_setup ioat+iop-adma ioat iop-adma
fi
# errors md cannot see but async_tx handles, at random: failed
# descriptors (about 1 in 50), stalls the watchdog resets (1 in 400),
# preps refused (1 in 20)
FAULTS=sim_random_faults
run_setup ioat-faults ioat
ARRAYS="6 6 64"
run_setup ioat+iop-adma-faults ioat iop-adma
ARRAYS=$SOME
if [ -z "$quick" ]; then
	run_setup iop-adma-faults iop-adma
	run_setup memcpy-faults memcpy
fi
FAULTS=
CYCLE=hotplug_cycle run_setup hotplug ioat iop-adma
CYCLE=corrupt_cycle run_setup ioat-corrupt ioat

out "SCENARIOS END"
