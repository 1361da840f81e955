#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init of the e2e-ioat boot: QEMU x86_64 with two I/OAT engine models
# (tools/testing/async_tx/qemu/ioat.c) driven by the unchanged ioatdma
# driver.  The one at $PUB is public (async_tx and md use it); the one at
# $PRIV is named in dmaengine.exclusive= and is dmatest's.  One line per
# case, as scenarios.sh prints them:
#
#   case ioat<setup> <array> <step>: ok|FAILED [why]
#
# - the driver probed both, its self-tests passed, the public one offers
#   memcpy, xor, xor_val, pq and pq_val;
# - raid6test ran at boot on the ioat channels (their own sysfs counters);
# - md RAID6 (and RAID5) through the scenario steps, most operations on
#   the ioat channels, counted by the channels' memcpy_count;
# - md writing with the model's faults on (read and write errors): the
#   driver halts, fails, aborts and resets; async_tx recomputes;
# - check mismatches the model reports reach md (xor_val through the
#   driver's error handler, pq_val through descriptor write-back);
# - dmatest copy, xor and pq on the exclusive instance.

PUB=0000:00:04.0
PRIV=0000:00:05.0

here=$(dirname "$0")
# shellcheck source=guest-lib.sh
. "$here/guest-lib.sh" || exit 1
exec 3< "$here/scenarios.sh" || exit 1
guest_mounts
ATX_MIB=$(sed -n 's/.*atx\.mib=\([0-9]*\).*/\1/p' /proc/cmdline)
export ATX_MIB
# "atx.part=1/2": the driver's checks, raid6test and md on the ioat
# channels; "atx.part=2/2": faults, mismatches and dmatest; none: all
part=$(sed -n 's@.*atx\.part=\([0-9]*\)/.*@\1@p' /proc/cmdline)
# shellcheck disable=SC2317 # called below the sourced scenarios.sh
ioat_part() { [ -z "$part" ] || [ "$part" = "$1" ]; }
# scenarios.sh's steps, without its setups
set -- lib
# shellcheck source=scenarios.sh
. /proc/self/fd/3

# async_tx's counter NAME, 0 where there is none (upstream's async_tx
# keeps no counters: ioat-compare.sh boots it too)
num() { v=$(stat "$1"); echo "${v:-0}"; }
# The class devices of the channels of PCI device $1
chans_of() {
	for c in /sys/bus/pci/devices/"$1"/dma/dma*chan*; do
		[ -d "$c" ] && echo "$c"
	done
}
# Descriptors the channels of $1 completed (sysfs memcpy_count)
count_of() {
	n=0
	for c in $(chans_of "$1"); do n=$((n + $(cat "$c/memcpy_count"))); done
	echo $n
}
# "dmaXchanY N, ..." for the channels of $1
per_chan() {
	for c in $(chans_of "$1"); do
		printf '%s %s, ' "${c##*/}" "$(cat "$c/memcpy_count")"
	done | sed 's/, $//'
}
# The model's fault controls, in its config space (see qemu/ioat.c):
# 0xf0 kinds, 0xf4 period, 0xf8 faults injected, 0xfc descriptors run
cfg_read() { # DEV OFFSET
	dd if=/sys/bus/pci/devices/"$1"/config bs=4 skip=$(($2 / 4)) count=1 \
		2>/dev/null | od -An -tu4 | tr -d ' '
}
# Both models at once: the sum of a counter, or a write to both
cfg_sum() { echo $(($(cfg_read $PUB "$1") + $(cfg_read $PRIV "$1"))); }
cfg_both() { cfg_write $PUB "$1" "$2"; cfg_write $PRIV "$1" "$2"; }
# The models' own count of the data descriptors they ran
model_line() {
	echo "models ran $(cfg_read $PUB 252) + $(cfg_read $PRIV 252) data descriptors"
}
cfg_write() { # DEV OFFSET VALUE
	v=$3
	# shellcheck disable=SC2059 # the format is the octal bytes
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((v & 255)) \
		$((v >> 8 & 255)) $((v >> 16 & 255)) $((v >> 24 & 255)))" |
		dd of=/sys/bus/pci/devices/"$1"/config bs=4 seek=$(($2 / 4)) \
		conv=notrunc 2>/dev/null
}

echo "==== scenarios ===="
setup=ioat array=driver
dmesg | sed -n 's/^\[[ 0-9.]*\] //; /ioatdma/p' | sed 's/^/    log: /'
echo 10000000 > /proc/sys/dev/raid/speed_limit_max
if ioat_part 1; then
	np=$(chans_of $PUB | wc -l) nx=$(chans_of $PRIV | wc -l)
	expect "probed both engines, self-tests passed, 4 + 4 channels" \
		"$([ "$np" = 4 ] && [ "$nx" = 4 ] &&
		   ! dmesg | grep -q 'ioatdma.*\(init failed\|[Ss]elf-test\)' && echo yes)" \
		"$np and $nx channels"
	caps=$(sed -n "s/.*($PUB).*caps: //p" $DBG/dmaengine/summary)
	out "    $PUB caps: $caps"
	ok=yes
	for k in memcpy xor xor_val pq pq_val; do
		case " $caps " in *" $k "*) ;; *) ok= ;; esac
	done
	expect "registered memcpy xor xor_val pq pq_val" "$ok" "caps: $caps"
	expect "$PRIV is exclusive (dmaengine.exclusive=)" \
		"$(dmesg | grep -q "$PRIV: dmaengine: exclusive use only" && echo yes)" \
		"no exclusive message"

	array=boot
	r=$(raid6test_verdict)
	e=$(num engine_ops) c=$(count_of $PUB)
	out "    raid6test: $r; async_tx engine operations $e; $PUB channels: $(per_chan $PUB); $(model_line)"
	expect "raid6test at boot on the ioat channels" \
		"$(case $r in *" 0 failures") [ -z "$(sim_instances)" ] &&
		   [ "$e" -gt 0 ] && [ "$c" -ge "$e" ] && echo yes ;; esac)" \
		"${r:-no verdict}, $e engine operations, $c descriptors"

	# md on the ioat channels.  NAME; ARRAYS set before
	md_on_ioat() {
		setup=$1
		c0=$(count_of $PUB) e0=$(num engine_ops) f0=$(num cpu_fallbacks)
		r0=$(num errors_recomputed) l0=$(num errors_unrecoverable)
		printf '%s\n' "$ARRAYS" | while read -r level n chunk; do
			[ -n "$level" ] && array_cycle "$level" "$n" "$chunk"
		done
		c=$(($(count_of $PUB) - c0)) e=$(($(num engine_ops) - e0))
		f=$(($(num cpu_fallbacks) - f0)) r=$(($(num errors_recomputed) - r0))
		l=$(($(num errors_unrecoverable) - l0))
		out "engines $setup: $e operations on engines, $f fell back to the CPU, $r errors recomputed, $l unrecoverable; ioat descriptors completed: $c (since boot: $(per_chan $PUB)); $(model_line) since boot"
		array=all
		expect "most operations ran on the ioat channels" \
			"$([ "$e" -gt 0 ] && [ "$f" -lt "$e" ] && [ "$c" -ge "$e" ] && echo yes)" \
			"$e on engines, $f fell back, $c ioat descriptors"
		expect "no engine error left unrecoverable" \
			"$([ "$l" = 0 ] && echo yes)" "$l unrecoverable"
	}

	ARRAYS="6 6 64
	5 5 64"
	md_on_ioat ioat
fi
if ioat_part 2; then

	# Faults while md writes: every 40th data descriptor fails to read or
	# to write, in turn.  The driver halts the channel, fails the descriptor
	# (DMA_TRANS_READ_FAILED or _WRITE_FAILED), aborts the ones behind it
	# and resets; async_tx recomputes what failed.  With the engine honest
	# again, check finds the parity right.  (Not here: faults under raid6
	# recovery, whose chains update blocks in place - the driver reports no
	# residue, so a failed in-place step is unrecoverable and async_tx says
	# so - and stalls, after which the driver drops the stalled descriptor's
	# callback; see qemu/README.md.)
	faults_cycle() { # LEVEL DISKS
		setup=ioat-faults array="raid$1-$2-64k"
		create_array "$1" "$2" 64 || return
		r0=$(num errors_recomputed) l0=$(num errors_unrecoverable)
		# on both models: a kernel without dmaengine.exclusive= (upstream's,
		# in ioat-compare.sh) may run md on either
		i0=$(cfg_sum 248)
		cfg_both 244 40
		cfg_both 240 3
		write_data
		cfg_both 240 0
		i=$(($(cfg_sum 248) - i0)) r=$(($(num errors_recomputed) - r0))
		l=$(($(num errors_unrecoverable) - l0))
		out "engines $setup $array: $i faults injected, $r errors recomputed, $l unrecoverable"
		expect "write $((bytes / 1048576)) MiB with faults, read back" \
			"$([ "$(readsum)" = "$want" ] && echo yes)" "data differs"
		expect "faults were injected and recomputed, none unrecoverable" \
			"$([ "$i" -gt 0 ] && [ "$r" -gt 0 ] && [ "$l" = 0 ] && echo yes)" \
			"$i injected, $r recomputed, $l unrecoverable"
		reassemble "$2" || return
		mm=$(sync_action check)
		expect "check with the engine honest again" \
			"$([ "$mm" = 0 ] && [ "$(readsum)" = "$want" ] && echo yes)" \
			"mismatch_cnt $mm"
		stop
	}
	faults_cycle 6 6
	faults_cycle 5 5

	# every check the engine runs reports a mismatch: md counts them; with
	# the engine honest again, check finds none
	setup=ioat-mismatch
	for a in "5 5" "6 6"; do
		# shellcheck disable=SC2086 # level and disks
		set -- $a
		array="raid$1-$2-64k"
		create_array "$1" "$2" 64 || continue
		write_data
		cfg_both 244 1
		cfg_both 240 4
		mm=$(sync_action check)
		cfg_both 240 0
		mm2=$(sync_action check)
		expect "mismatches the engine reports reach md, then none" \
			"$([ "$mm" != 0 ] && [ "$mm" != timeout ] && [ "$mm2" = 0 ] &&
			   [ "$(readsum)" = "$want" ] && echo yes)" \
			"mismatch_cnt $mm, then $mm2"
		stop
	done

	# dmatest on the exclusive instance: copy, xor and pq threads
	setup=ioat-dmatest array=$PRIV
	DT=/sys/module/dmatest/parameters
	before=$(dmesg | grep -c 'dmatest: .*summary')
	echo 50 > $DT/iterations
	echo 0 > $DT/max_channels
	echo $PRIV > $DT/device
	echo 0 > $DT/dmatest
	echo 1 > $DT/run
	cat $DT/wait >/dev/null
	sums=$(dmesg | sed -n 's/^\[[ 0-9.]*\] //; /dmatest: .*summary/p' | tail -n +$((before + 1)))
	printf '%s\n' "$sums" | sed 's/^/    /'
	for k in copy xor pq; do
		t=$(printf '%s\n' "$sums" |
			sed -n "s/.*-${k}[0-9]*: summary \([0-9]*\) tests, \([0-9]*\) failures.*/\1 \2/p" |
			awk '{ t += $1; f += $2 } END { print t + 0, f + 0 }')
		tests=${t% *} fails=${t#* }
		expect "dmatest $k" \
			"$([ "$tests" -gt 0 ] && [ "$fails" = 0 ] && echo yes)" \
			"$tests tests, $fails failures"
	done

fi
out "SCENARIOS END"
echo "==== end ===="
guest_poweroff
