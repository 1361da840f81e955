#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the async_tx micro benchmark (bench/atx_bench.c) in two UML
# kernels built from one config, the pristine base (upstream async_tx and
# dmaengine) and our tree, both with dmasim built in, booted alternately
# A B A B ...; each case through the library alone, async_tx's CPU path
# and async_tx on a dmasim engine; medians per case, the ratio
# ours/upstream with its spread, raw results as CSV, a markdown summary
# and a plot of the ratios under build/bench/.  Our kernel also carries
# upstream's async_tx under other names, so that the two CPU paths are
# timed side by side in each of its boots as well (side-by-side.csv and
# the second table of the summary): boot-to-boot differences are larger
# than what separates them.
#
# The side-by-side part also runs on x86_64 under QEMU (TCG): our tree
# with upstream's async_tx beside it, built from the harness's x86_64
# config without its debugging, booted ROUNDS times with
# atx_bench.sbs_only=1 (side-by-side-x86_64.csv, its own tables in the
# summary).  TCG's times say nothing across machines, but a ratio in one
# boot does, and a cost that only one arch shows is seen.
#
#   bench.sh [ROUNDS]      default 5 rounds per kernel
#
# ATX_BENCH_X86=0 leaves the x86_64 part out.  ATX_BENCH_ALIGN64=1
# builds every kernel with each function on a 64-byte boundary
# (DEBUG_FORCE_FUNCTION_ALIGN_64B), so that a ratio no longer depends on
# where the linker happened to place ours and upstream's copies of a
# loop: a cost that stays is ours, one that goes was placement.

. "$(dirname "$0")/lib.sh"

rounds=${1:-5}
out=$ATX_BUILD/bench
mkdir -p "$out" "$ATX_BUILD/logs"

# the harness's UML config, from the KUnit build
[ -f "$ATX_BUILD/kunit-um/.config" ] || atx_build_kernel um ||
	atx_die "UML kernel build failed; see build/logs/build-um.log"
"$ATX_HARNESS/prep-tree.sh" >/dev/null || atx_die "tree preparation failed"

# Whether a benchmark boot's log shows the kernel in trouble, so that its
# figures cannot be trusted: the benchmark's own error line, an oops, a
# BUG, or a warning - other than UML's PCI glue saying that its config
# names no virtio device, which every UML boot of this config prints.
boot_broken() { # LOG
	grep -E 'ATXB-ERROR|Oops|BUG:|WARNING:' "$1" |
		grep -v 'arch/um/drivers/virt-pci\.c'
}

# Upstream's CPU syndrome writes an unwanted P or Q (async_syndrome_val's
# check of Q, for one) into pq_scribble_page, a single page, for the
# whole length: at the benchmark's 64 KiB that overruns 60 KiB of
# whatever follows the page (md never passes more than a page).  KASAN
# sees the wreckage later, not the writes, which come from the raid6
# library's vector code.  Give its copy of async_pq.c 64 KiB there.
widen_pq_scribble() { # FILE
	sed -i 's/pq_scribble_page = alloc_page(GFP_KERNEL);/pq_scribble_page = alloc_pages(GFP_KERNEL, 4);/
		s/__free_page(pq_scribble_page);/__free_pages(pq_scribble_page, 4);/' "$1"
	[ "$(grep -c 'pq_scribble_page, 4)\|alloc_pages(GFP_KERNEL, 4)' "$1")" = 2 ] ||
		atx_die "bench: upstream's pq_scribble_page is not where it was"
}

# Upstream's async_tx, from the base tree, into our kernel under new
# names (up_async_xor, ...), for atx_bench's side-by-side timing of the
# two CPU paths in one boot.  No engine is registered while that runs,
# so neither side touches the other's channel bookkeeping.
add_upstream_cpu() { # TREE
	local d=$1/lib/atx_up f sym
	mkdir -p "$d"
	for f in async_tx async_memcpy async_xor async_pq async_raid6_recov; do
		cp "$ATX_BASE/crypto/async_tx/$f.c" "$d/up_$f.c"
	done
	widen_pq_scribble "$d/up_async_pq.c"
	for sym in async_memcpy async_xor async_xor_offs async_xor_val \
		   async_xor_val_offs async_gen_syndrome async_syndrome_val \
		   async_raid6_2data_recov async_raid6_datap_recov \
		   async_tx_submit async_trigger_callback async_tx_quiesce \
		   __async_tx_find_channel; do
		echo "#define $sym up_$sym"
	done > "$d/rename.h"
	cp "$ATX_HARNESS/bench/up_compat.h" "$d/up_compat.h"
	{
		# shellcheck disable=SC2016 # make's $(src), not the shell's
		echo 'ccflags-y += -include $(src)/up_compat.h -include $(src)/rename.h'
		echo 'obj-y += up_async_tx.o up_async_memcpy.o up_async_xor.o'
		echo 'obj-y += up_async_pq.o up_async_raid6_recov.o'
	} > "$d/Makefile"
	{
		echo 'obj-y += atx_up/'
		echo 'CFLAGS_atx_bench.o += -DATX_BENCH_UPSTREAM'
	} >> "$1/lib/Makefile"
}

build() { # SIDE SOURCE-TREE
	local side=$1 src=$2 bt=$ATX_BUILD/bench-$1-tree bo=$ATX_BUILD/bench-$1
	atx_log "bench: building the $side kernel"
	# a hard-linked copy: its directories are its own (made writable to
	# change lib/ and to remove them), its files are the source's
	if [ -d "$bt" ]; then
		find "$bt" -type d -exec chmod u+w {} +
		rm -rf "$bt"
	fi
	cp -al "$src" "$bt"
	chmod u+w "$bt/lib"
	rm -f "$bt/lib/Makefile"
	{ cat "$src/lib/Makefile"; echo 'obj-y += atx_bench.o'; } > "$bt/lib/Makefile"
	cp "$ATX_HARNESS/bench/atx_bench.c" "$ATX_HARNESS/bench/atx_up.h" "$bt/lib/"
	[ "$side" = ours ] && add_upstream_cpu "$bt"
	if [ "$side" = upstream ]; then
		# dmasim is a provider-API driver: the same engine on both
		# sides, hooked into drivers/dma as our tree hooks it
		cp -r "$ATX_TREE/drivers/dma/dmasim" "$bt/drivers/dma/"
		chmod u+w "$bt/drivers/dma"
		for f in Kconfig Makefile; do
			rm -f "$bt/drivers/dma/$f"
			cp "$src/drivers/dma/$f" "$bt/drivers/dma/$f"
		done
		patch -s -d "$bt" -p1 < "$ATX_HARNESS/integration/0003-dmaengine-hook-up-dmasim.patch" ||
			atx_die "bench: dmasim does not hook into the base tree"
		chmod u+w "$bt/crypto/async_tx"
		widen_pq_scribble "$bt/crypto/async_tx/async_pq.c"
	fi
	mkdir -p "$bo"
	cp "$config" "$bo/.config"
	if ! make -s -C "$bt" ARCH=um O="$bo" CC="$(atx_cc)" olddefconfig ||
	   ! make -s -C "$bt" ARCH=um O="$bo" CC="$(atx_cc)" -j"$ATX_JOBS" \
		linux > "$ATX_BUILD/logs/bench-$side.log" 2>&1; then
		atx_die "bench: $side build failed; see build/logs/bench-$side.log"
	fi
}
# One config for both: the harness's UML config without its debugging
# (lockdep, lock and DMA-API debugging cost more than what is measured),
# with dmasim built in for the engine runs.  Stack auto-initialisation
# stays as distributions ship it.
config=$out/bench.config
cp "$ATX_BUILD/kunit-um/.config" "$config"
"$ATX_TREE/scripts/config" --file "$config" \
	--disable PROVE_LOCKING --disable DEBUG_LOCK_ALLOC \
	--disable DEBUG_SPINLOCK --disable DEBUG_MUTEXES \
	--disable DEBUG_RWSEMS --disable DEBUG_RT_MUTEXES \
	--disable DEBUG_WW_MUTEX_SLOWPATH --disable DMA_API_DEBUG \
	--disable FAULT_INJECTION --disable DMA_ENGINE_KUNIT_TEST \
	--disable DMASIM_KUNIT_TEST --disable ASYNC_TX_KUNIT_TEST \
	--enable DMASIM
align64() { # CONFIG
	[ "${ATX_BENCH_ALIGN64:-0}" = 1 ] || return 0
	"$ATX_TREE/scripts/config" --file "$1" --enable EXPERT \
		--enable DEBUG_FORCE_FUNCTION_ALIGN_64B
}
align64 "$config"
build upstream "$ATX_BASE"
build ours "$ATX_TREE"

# The x86_64 kernel for the side-by-side part: our benchmark tree (with
# upstream's async_tx beside ours) on the harness's x86_64 config without
# KASAN and the debugging, dmasim built in, and with jump labels as a
# distribution's kernel has them: without, each trace point costs a load
# and a branch that upstream's async_tx, which has none, does not pay.
x86=${ATX_BENCH_X86:-1}
x86_kernel=$ATX_BUILD/bench-ours-x86_64/arch/x86/boot/bzImage
build_x86() {
	local bo=$ATX_BUILD/bench-ours-x86_64 log=$ATX_BUILD/logs/bench-ours-x86_64.log

	[ -f "$ATX_BUILD/kunit-x86_64/.config" ] || atx_build_kernel x86_64 ||
		atx_die "x86_64 kernel build failed; see build/logs/build-x86_64.log"
	atx_log "bench: building the ours kernel for x86_64"
	mkdir -p "$bo"
	cp "$ATX_BUILD/kunit-x86_64/.config" "$bo/.config"
	"$ATX_TREE/scripts/config" --file "$bo/.config" \
		--disable KASAN --disable PROVE_LOCKING --disable DEBUG_LOCK_ALLOC \
		--disable DEBUG_SPINLOCK --disable DEBUG_MUTEXES \
		--disable DEBUG_RWSEMS --disable DEBUG_RT_MUTEXES \
		--disable DEBUG_WW_MUTEX_SLOWPATH --disable DMA_API_DEBUG \
		--disable FAULT_INJECTION --disable DMA_ENGINE_KUNIT_TEST \
		--disable DMASIM_KUNIT_TEST --disable ASYNC_TX_KUNIT_TEST \
		--disable ASYNC_TX_STRESS_KUNIT_TEST --enable DMASIM \
		--enable JUMP_LABEL
	align64 "$bo/.config"
	if ! make -s -C "$ATX_BUILD/bench-ours-tree" ARCH=x86_64 O="$bo" \
		CC="$(atx_cc)" olddefconfig > "$log" 2>&1 ||
	   ! make -s -C "$ATX_BUILD/bench-ours-tree" ARCH=x86_64 O="$bo" \
		CC="$(atx_cc)" -j"$ATX_JOBS" bzImage >> "$log" 2>&1; then
		atx_die "bench: x86_64 build failed; see ${log#"$ATX_SRC"/}"
	fi
	atx_initramfs "$ATX_BUILD/initramfs-bench" "$ATX_HARNESS/bench/sbs-init.sh" ||
		atx_die "bench: cannot make the initramfs"
}
[ "$x86" = 0 ] || build_x86

csv=$out/results.csv
sbs=$out/side-by-side.csv
echo "kernel,round,op,bytes,sources,path,ns_per_op" > "$csv"
echo "round,op,bytes,sources,path,ours,upstream,ours_again" > "$sbs"
for r in $(seq "$rounds"); do
	for side in upstream ours; do
		atx_log "bench: round $r, $side"
		atx_uml_boot 1800 "$ATX_BUILD/bench-$side/linux" \
			"$ATX_HARNESS/bench/init.sh" mem=1536M atx_bench.run=1 \
			brd.rd_nr=6 brd.rd_size=65536 2>&1 |
			tr -d '\r' > "$out/boot-$side.log"
		boot_broken "$out/boot-$side.log" &&
			atx_die "bench: the $side kernel reports errors; see build/bench/boot-$side.log"
		sed -n "s/.*ATXB \([a-z_0-9]*\) \([0-9]*\) \([0-9]*\) \([a-z]*\) \([0-9]*\)$/$side,$r,\1,\2,\3,\4,\5/p" \
			"$out/boot-$side.log" >> "$csv"
		sed -n "s/.*ATXS \([a-z_0-9]*\) \([0-9]*\) \([0-9]*\) \([a-z]*\) \([0-9]*\) \([0-9]*\) \([0-9]*\)$/$r,\1,\2,\3,\4,\5,\6,\7/p" \
			"$out/boot-$side.log" >> "$sbs"
	done
done

# x86_64: ROUNDS boots of the side-by-side part, up to ATX_JOBS machines
# at once (TCG keeps about one core busy each)
sbs_x86=$out/side-by-side-x86_64.csv
echo "round,op,bytes,sources,path,ours,upstream,ours_again" > "$sbs_x86"
if [ "$x86" != 0 ]; then
	atx_log "bench: $rounds boots of the side-by-side part on x86_64 (QEMU)"
	for r in $(seq "$rounds"); do
		if [ "$r" -gt "$ATX_JOBS" ]; then
			wait -n || true
		fi
		timeout 3600 qemu-system-x86_64 -m 1536 -smp 1 -nographic \
			-no-reboot -kernel "$x86_kernel" \
			-initrd "$ATX_BUILD/initramfs-bench.cpio.gz" \
			-append "console=ttyS0 kunit.enable=0 panic=-1 atx_bench.run=1 atx_bench.sbs_only=1" \
			< /dev/null 2>&1 | tr -d '\r' > "$out/boot-x86_64-$r.log" &
	done
	wait
	for r in $(seq "$rounds"); do
		boot_broken "$out/boot-x86_64-$r.log" &&
			atx_die "bench: the x86_64 kernel reports errors; see build/bench/boot-x86_64-$r.log"
		grep -q 'ATXS ' "$out/boot-x86_64-$r.log" ||
			atx_die "bench: x86_64 boot $r measured nothing; see build/bench/boot-x86_64-$r.log"
		sed -n "s/.*ATXS \([a-z_0-9]*\) \([0-9]*\) \([0-9]*\) \([a-z]*\) \([0-9]*\) \([0-9]*\) \([0-9]*\)$/$r,\1,\2,\3,\4,\5,\6,\7/p" \
			"$out/boot-x86_64-$r.log" >> "$sbs_x86"
	done
fi

python3 "$ATX_HARNESS/bench/summary.py" "$csv" "$out/summary.md" "$out/ratios.dat" \
	"$sbs" "$out/side-by-side.dat" "$sbs_x86" || atx_die "bench: no summary"

# The plot: the side-by-side ratios (the ones to read: both
# implementations in one boot), median and range over the boots, one
# panel per size.
if command -v gnuplot >/dev/null; then
	gnuplot <<-GP || atx_log "bench: no plot (gnuplot failed)"
	set terminal pngcairo size 1400,1200 noenhanced
	set output "$out/ratios.png"
	set multiplot layout 3,1 title "async_tx ours/upstream in one kernel, median and range over $rounds boots (below 1 is faster)"
	set ylabel "time ratio"
	set xtics rotate by 90 right font ",7"
	set grid ytics
	set key top left
	do for [b=0:2] {
		set title sprintf("%s bytes", word("512 4096 65536", b + 1))
		plot "$out/side-by-side.dat" index b using (\$1 - 0.15):3:4:5:xtic(2) with yerrorbars pt 7 title "cpu path", \
		     "" index b using (\$1 + 0.15):6:7:8 with yerrorbars pt 5 title "engine (dmasim ioat)", \
		     1 with lines lc rgb "black" notitle
	}
	unset multiplot
	GP
else
	atx_log "bench: gnuplot not installed (apt-get install gnuplot-nox): no plot"
fi
atx_log "bench: results in build/bench/{results.csv,summary.md,ratios.png}"
