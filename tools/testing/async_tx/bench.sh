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
#   bench.sh [ROUNDS]      default 5 rounds per kernel

. "$(dirname "$0")/lib.sh"

rounds=${1:-5}
out=$ATX_BUILD/bench
mkdir -p "$out" "$ATX_BUILD/logs"

# the harness's UML config, from the KUnit build
[ -f "$ATX_BUILD/kunit-um/.config" ] ||
	"$ATX_HARNESS/kunit.sh" um 'dmaengine_register' >/dev/null 2>&1 ||
	atx_die "UML kernel build failed; see build/logs/kunit-um.log"
"$ATX_HARNESS/prep-tree.sh" >/dev/null || atx_die "tree preparation failed"

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
	for sym in async_memcpy async_xor async_xor_offs async_xor_val \
		   async_xor_val_offs async_gen_syndrome async_syndrome_val \
		   async_raid6_2data_recov async_raid6_datap_recov \
		   async_tx_submit async_trigger_callback async_tx_quiesce \
		   __async_tx_find_channel; do
		echo "#define $sym up_$sym"
	done > "$d/rename.h"
	{
		echo 'ccflags-y += -include $(src)/rename.h'
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
	fi
	mkdir -p "$bo"
	cp "$config" "$bo/.config"
	make -s -C "$bt" ARCH=um O="$bo" CC="ccache gcc" olddefconfig &&
	make -s -C "$bt" ARCH=um O="$bo" CC="ccache gcc" -j"$(nproc)" linux \
		> "$ATX_BUILD/logs/bench-$side.log" 2>&1 ||
		atx_die "bench: $side build failed; see build/logs/bench-$side.log"
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
build upstream "$ATX_BASE"
build ours "$ATX_TREE"

csv=$out/results.csv
sbs=$out/side-by-side.csv
echo "kernel,round,op,bytes,sources,path,ns_per_op" > "$csv"
echo "round,op,bytes,sources,path,ours,upstream,ours_again" > "$sbs"
for r in $(seq "$rounds"); do
	for side in upstream ours; do
		atx_log "bench: round $r, $side"
		TMPDIR=${TMPDIR:-/tmp} "$ATX_BUILD/bench-$side/linux" mem=1536M \
			kunit.enable=0 atx_bench.run=1 \
			brd.rd_nr=6 brd.rd_size=65536 \
			root=/dev/root rootfstype=hostfs rootflags=/ ro \
			init="$ATX_HARNESS/bench/init.sh" console=tty \
			< /dev/null 2>&1 | tr -d '\r' > "$out/boot-$side.log"
		grep 'ATXB-ERROR' "$out/boot-$side.log" &&
			atx_die "bench: the $side kernel reports errors; see build/bench/boot-$side.log"
		sed -n "s/.*ATXB \([a-z_0-9]*\) \([0-9]*\) \([0-9]*\) \([a-z]*\) \([0-9]*\)$/$side,$r,\1,\2,\3,\4,\5/p" \
			"$out/boot-$side.log" >> "$csv"
		sed -n "s/.*ATXS \([a-z_0-9]*\) \([0-9]*\) \([0-9]*\) \([a-z]*\) \([0-9]*\) \([0-9]*\) \([0-9]*\)$/$r,\1,\2,\3,\4,\5,\6,\7/p" \
			"$out/boot-$side.log" >> "$sbs"
	done
done

python3 - "$csv" "$out/summary.md" "$out/ratios.dat" "$sbs" <<'PY'
import csv, statistics, sys, datetime, os
rows = list(csv.DictReader(open(sys.argv[1])))
sbs_rows = list(csv.DictReader(open(sys.argv[4])))
vals = {}
for r in rows:
    k = (r["op"], int(r["bytes"]), int(r["sources"]), r["path"], r["kernel"])
    vals.setdefault(k, []).append(int(r["ns_per_op"]))
med = {k: (statistics.median(v), min(v), max(v)) for k, v in vals.items()}
cases = sorted({k[:3] for k in med})
rounds = max(int(r["round"]) for r in rows)

def cell(c, path, side):
    return med.get(c + (path, side))

def ratio(c, path):
    u, o = cell(c, path, "upstream"), cell(c, path, "ours")
    if not u or not o:
        return None
    return (o[0] / u[0], o[1] / u[2], o[2] / u[1])

def fmt(v):
    return "%d" % v[0] if v else "-"

def fmt_ratio(x):
    return "%.2f (%.2f-%.2f)" % x if x else "-"

def over(c, path, side):
    raw, v = cell(c, "raw", "ours"), cell(c, path, side)
    return "%d" % (v[0] - raw[0]) if raw and v else "-"

lines = ["# async_tx micro benchmark: ours vs upstream", "",
         "%s, %s, %d CPUs; UML kernels from one config (bench.config);"
         " medians of %d rounds, ns per operation." % (
             datetime.date.today(), os.uname().release, os.cpu_count(),
             rounds), "",
         "raw = the library call alone; cpu = async_tx with no engine;"
         " engine = async_tx on a dmasim ioat-profile instance (zero"
         " latency), submit + issue + wait.  UML runs one CPU: the"
         " engine executes on the submitting CPU, so these times are"
         " also its CPU time.  chain = xor(4) -> copy -> xor(2);"
         " burst = 1000 copies issued once, per copy.", "",
         "| op | bytes | src | raw | cpu up | cpu ours | cpu ratio (spread) | engine up | engine ours | engine ratio (spread) | cpu-raw up | cpu-raw ours | engine-raw up | engine-raw ours |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
worse = {"async": 0, "engine": 0}
total = {"async": 0, "engine": 0}
dat = []
for c in cases:
    rc, re = ratio(c, "async"), ratio(c, "engine")
    for path, x in (("async", rc), ("engine", re)):
        if x:
            total[path] += 1
            worse[path] += x[0] > 1.0
    dat.append("%d %s-%d-%d %s %s" % (len(dat), c[0], c[1], c[2],
               "%.3f" % rc[0] if rc else "NaN", "%.3f" % re[0] if re else "NaN"))
    lines.append("| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        c[0], c[1], c[2], fmt(cell(c, "raw", "ours")),
        fmt(cell(c, "async", "upstream")), fmt(cell(c, "async", "ours")),
        fmt_ratio(rc), fmt(cell(c, "engine", "upstream")),
        fmt(cell(c, "engine", "ours")), fmt_ratio(re),
        over(c, "async", "upstream"), over(c, "async", "ours"),
        over(c, "engine", "upstream"), over(c, "engine", "ours")))
lines += ["", "CPU path: %d of %d cases slower than upstream (ratio > 1.00)" % (
              worse["async"], total["async"]),
          "engine path: %d of %d cases slower than upstream (ratio > 1.00)" % (
              worse["engine"], total["engine"])]

# Both implementations side by side in one kernel: per boot the ratio
# of the median slices, ours/upstream, and ours/ours-again as the noise
# floor; on the CPU path and on one dmasim engine.
if sbs_rows:
    per = {}
    for r in sbs_rows:
        k = (r["path"], r["op"], int(r["bytes"]), int(r["sources"]))
        o, u, o2 = int(r["ours"]), int(r["upstream"]), int(r["ours_again"])
        per.setdefault(k, []).append((o, u, o2))
    boots = max(len(v) for v in per.values())
    slower = {}
    for path, title in (("cpu", "CPU path"),
                        ("engine", "engine path (dmasim ioat profile)")):
        keys = sorted(k for k in per if k[0] == path)
        if not keys:
            continue
        lines += ["", "## %s, ours and upstream in one kernel" % title, "",
                  "Upstream's crypto/async_tx compiled from the base tree"
                  " into our benchmark kernel under up_* names; per boot"
                  " the two run in interleaved slices of the same loop on"
                  " the same buffers (median of 21 slices each), and ours"
                  " runs a third time as the noise floor.  Ratios: median"
                  " over %d boots (min-max); `slower in every boot` ="
                  " ours/upstream above 1.000 in each of them (by chance"
                  " alone: one in 2^boots)." % boots, "",
                  "| op | bytes | src | ours ns | upstream ns | ours-upstream ns | ours/upstream | ours/ours again | slower in every boot |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for k in keys:
            v = per[k]
            ratio = [o / u for o, u, _ in v]
            self_ = [o2 / o for o, _, o2 in v]
            mr = statistics.median(ratio)
            bad = min(ratio) > 1.0
            cnt = slower.setdefault((path, k[2]), [0, 0])
            cnt[0] += bad
            cnt[1] += 1
            lines.append("| %s | %d | %d | %d | %d | %+d | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | %s |" % (
                k[1], k[2], k[3], statistics.median(x[0] for x in v),
                statistics.median(x[1] for x in v),
                statistics.median(x[0] - x[1] for x in v), mr, min(ratio),
                max(ratio), statistics.median(self_), min(self_),
                max(self_), "yes" if bad else ""))
    lines.append("")
    for (path, size), cnt in sorted(slower.items()):
        lines.append("%s path in one kernel, %d bytes: %d of %d cases"
                     " slower than upstream in every boot" % (
                         path, size, cnt[0], cnt[1]))
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
open(sys.argv[3], "w").write("\n".join(dat) + "\n")
print("\n".join(lines))
PY

if command -v gnuplot >/dev/null; then
	gnuplot <<-GP || atx_log "bench: no plot (gnuplot failed)"
	set terminal pngcairo size 1800,700 noenhanced
	set output "$out/ratios.png"
	set title "async_tx: ours / upstream per case (below 1 is faster)"
	set ylabel "time ratio"
	set yrange [0:2.5]
	set xtics rotate by 90 right font ",7"
	set grid ytics
	plot "$out/ratios.dat" using 1:3:xtic(2) with points pt 7 title "cpu path", \
	     "" using 1:4 with points pt 5 title "engine (dmasim)", \
	     1 with lines lc rgb "black" notitle
	GP
else
	atx_log "bench: gnuplot not installed (apt-get install gnuplot-nox): no plot"
fi
atx_log "bench: results in build/bench/{results.csv,summary.md,ratios.png}"
