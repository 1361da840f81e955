#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Count, under QEMU's TCG, what one side-by-side operation of the x86_64
# benchmark kernel costs ours and upstream's async_tx: guest
# instructions, translation blocks and memory accesses, the instructions
# TCG makes expensive (pushf/popf, cli/sti, xchg/cmpxchg, calls,
# returns), and instructions and blocks by function.  A ratio the x86_64
# benchmark flags can then be read as a longer path, as many
# instructions in more blocks, or more of the expensive kinds.
#
#   tcg-count.sh OP PATH LEN [SRCS [ROWS]]
#
# OP is a case of the side-by-side tables (memcpy, xor, xor_val, pq,
# pq_val, 2data, datap, chain), PATH cpu or engine, LEN bytes, SRCS its
# source count (0 or none: every count of OP, the figures then per
# operation over all of them).  Needs the x86_64 benchmark kernel and initramfs of
# `make bench` and QEMU's plugin header, from the qemu source package
# that qemu/build.sh unpacks.  Output: the totals and the ROWS (25)
# functions whose counts differ most; the raw counts stay in
# build/tcg-count/.

. "$(dirname "$0")/lib.sh"

[ $# -ge 3 ] || atx_die "usage: tcg-count.sh OP PATH LEN [SRCS [ROWS]]"
op=$1 path=$2 len=$3 srcs=${4:-0} rows=${5:-25}
case $op in
memcpy|chain)	entry=async_memcpy ;;
xor)		entry=async_xor ;;
xor_val)	entry=async_xor_val ;;
pq)		entry=async_gen_syndrome ;;
pq_val)		entry=async_syndrome_val ;;
2data)		entry=async_raid6_2data_recov ;;
datap)		entry=async_raid6_datap_recov ;;
*)		atx_die "tcg-count: no case $op" ;;
esac
case $path in
cpu)	slice=slice ;;
engine)	slice=slice_e ;;
*)	atx_die "tcg-count: PATH is cpu or engine" ;;
esac

out=$ATX_BUILD/tcg-count
kernel=$ATX_BUILD/bench-ours-x86_64
initrd=$ATX_BUILD/initramfs-bench.cpio.gz
header=$ATX_BUILD/qemu/src/include/qemu/qemu-plugin.h
mkdir -p "$out" "$ATX_BUILD/logs"
if [ ! -f "$kernel/vmlinux" ] || [ ! -f "$initrd" ]; then
	atx_die "tcg-count: no x86_64 benchmark kernel; run make bench first"
fi
[ -f "$header" ] || "$ATX_HARNESS/qemu/build.sh" >/dev/null ||
	atx_die "tcg-count: no QEMU source for the plugin header"
pkg-config --exists glib-2.0 ||
	atx_die "tcg-count: the plugin needs glib's headers (libglib2.0-dev)"

plugin=$out/libtcg-count.so
if [ ! -f "$plugin" ] || [ "$ATX_HARNESS/bench/tcg-count.c" -nt "$plugin" ]; then
	# shellcheck disable=SC2046
	$(atx_cc) -O2 -Wall -shared -fPIC -I"$(dirname "$header")" \
		$(pkg-config --cflags glib-2.0) \
		"$ATX_HARNESS/bench/tcg-count.c" -o "$plugin" \
		$(pkg-config --libs glib-2.0) ||
		atx_die "tcg-count: the plugin does not build"
fi

# the markers: the slice functions that time each side
marks=()
for side in ours up; do
	a=$(nm "$kernel/vmlinux" | awk -v s="${side}_${slice}_$op" '$3 == s { print $1 }')
	[ -n "$a" ] || atx_die "tcg-count: no ${side}_${slice}_$op in the kernel"
	marks+=("$a")
done

counts=$out/$op-$path-$len-$srcs.counts
log=$ATX_BUILD/logs/tcg-count.log
rm -f "$counts"
atx_log "tcg-count: $op ($srcs sources) on the $path path at $len bytes (log in ${log#"$ATX_SRC"/})"
# nokaslr: the markers are vmlinux's addresses
timeout 1800 qemu-system-x86_64 -m 1536 -smp 1 -nographic -no-reboot \
	-plugin "$plugin,a=${marks[0]},b=${marks[1]},out=$counts" \
	-kernel "$kernel/arch/x86/boot/bzImage" -initrd "$initrd" \
	-append "console=ttyS0 nokaslr kunit.enable=0 panic=-1 atx_bench.run=1 atx_bench.sbs_only=1 atx_bench.only=$op atx_bench.only_path=$path atx_bench.only_len=$len atx_bench.only_srcs=$srcs atx_bench.repeat=10" \
	> "$log" 2>&1
[ -s "$counts" ] || atx_die "tcg-count: no counts (see $log)"
python3 "$ATX_HARNESS/bench/tcg-count.py" "$kernel/vmlinux" "$counts" \
	"$entry" "up_$entry" "$rows"
