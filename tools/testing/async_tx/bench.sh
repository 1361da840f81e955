#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: the async_tx micro benchmark (bench/atx_bench.c) in two UML
# kernels built from one config, the pristine base (upstream async_tx and
# dmaengine) and our tree, booted alternately A B A B ...; medians per
# case, the ratio ours/upstream with its spread, raw results as CSV and
# a markdown summary under build/bench/.
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
	cp "$ATX_HARNESS/bench/atx_bench.c" "$bt/lib/atx_bench.c"
	mkdir -p "$bo"
	cp "$ATX_BUILD/kunit-um/.config" "$bo/.config"
	make -s -C "$bt" ARCH=um O="$bo" CC="ccache gcc" olddefconfig &&
	make -s -C "$bt" ARCH=um O="$bo" CC="ccache gcc" -j"$(nproc)" linux \
		> "$ATX_BUILD/logs/bench-$side.log" 2>&1 ||
		atx_die "bench: $side build failed; see build/logs/bench-$side.log"
}
build upstream "$ATX_BASE"
build ours "$ATX_TREE"

csv=$out/results.csv
echo "kernel,round,op,bytes,sources,path,ns_per_op" > "$csv"
for r in $(seq "$rounds"); do
	for side in upstream ours; do
		atx_log "bench: round $r, $side"
		TMPDIR=${TMPDIR:-/tmp} "$ATX_BUILD/bench-$side/linux" mem=1G \
			kunit.enable=0 atx_bench.run=1 \
			root=/dev/root rootfstype=hostfs rootflags=/ ro \
			init="$ATX_HARNESS/bench/init.sh" console=tty \
			< /dev/null 2>&1 | tr -d '\r' |
			sed -n "s/.*ATXB \([a-z_0-9]*\) \([0-9]*\) \([0-9]*\) \([a-z]*\) \([0-9]*\)$/$side,$r,\1,\2,\3,\4,\5/p" \
			>> "$csv"
	done
done

python3 - "$csv" "$out/summary.md" <<'PY'
import csv, statistics, sys, datetime, os
rows = list(csv.DictReader(open(sys.argv[1])))
med = {}
for k in {(r["op"], int(r["bytes"]), int(r["sources"]), r["path"], r["kernel"]) for r in rows}:
    v = [int(r["ns_per_op"]) for r in rows
         if (r["op"], int(r["bytes"]), int(r["sources"]), r["path"], r["kernel"]) == k]
    med[k] = (statistics.median(v), min(v), max(v))
cases = sorted({k[:3] for k in med}, key=lambda c: (c[0], c[1], c[2]))
lines = ["# async_tx micro benchmark, CPU path: ours vs upstream",
         "", "%s, %s, %d CPUs; medians of %s rounds, ns per operation" % (
             datetime.date.today(), os.uname().release, os.cpu_count(),
             max(int(r["round"]) for r in rows)),
         "", "| op | bytes | sources | raw | upstream async | ours async | ratio (spread) | overhead upstream | overhead ours |",
         "|---|---|---|---|---|---|---|---|---|"]
worse = 0
for op, b, n in cases:
    u = med.get((op, b, n, "async", "upstream"))
    o = med.get((op, b, n, "async", "ours"))
    raw = med.get((op, b, n, "raw", "ours"))
    if not u or not o:
        continue
    ratio = o[0] / u[0]
    spread = "%.2f-%.2f" % (o[1] / u[2], o[2] / u[1])
    ou = "%d" % (u[0] - raw[0]) if raw else "-"
    oo = "%d" % (o[0] - raw[0]) if raw else "-"
    worse += ratio > 1.0
    lines.append("| %s | %d | %d | %s | %d | %d | %.2f (%s) | %s | %s |" % (
        op, b, n, "%d" % raw[0] if raw else "-", u[0], o[0], ratio, spread, ou, oo))
lines += ["", "%d of %d cases slower than upstream (ratio > 1.00)" % (worse, len(cases))]
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
