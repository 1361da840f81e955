#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The summary of a make bench run (bench.sh): medians per case of the
# alternating boots, the ratio ours/upstream with its spread, and the
# side-by-side tables of the boots of our kernel.
#
#   summary.py RESULTS.CSV SUMMARY.MD RATIOS.DAT SIDE-BY-SIDE.CSV [SBS.DAT [SBS-X86_64.CSV]]
#
# Writes the markdown summary, the data file of the two-kernel ratios,
# the data file for the plot (SBS.DAT: the side-by-side ratios with their
# range over boots, one gnuplot data block per size), and prints the
# summary.  SBS-X86_64.CSV: the side-by-side part on x86_64 under QEMU,
# tabled after UML's.

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
# floor; on the CPU path and on one dmasim engine.  Returns the plot
# data: per size, per case, per path (median, min, max).
def side_by_side(sbs_rows, arch):
    per = {}
    for r in sbs_rows:
        k = (r["path"], r["op"], int(r["bytes"]), int(r["sources"]))
        o, u, o2 = int(r["ours"]), int(r["upstream"]), int(r["ours_again"])
        per.setdefault(k, []).append((o, u, o2))
    boots = max(len(v) for v in per.values())
    slower = {}
    plot = {}
    for path, title in (("cpu", "CPU path"),
                        ("engine", "engine path (dmasim ioat profile)")):
        keys = sorted(k for k in per if k[0] == path)
        if not keys:
            continue
        lines.extend(["", "## %s, ours and upstream in one kernel, %s" % (title, arch), "",
                  "Upstream's crypto/async_tx compiled from the base tree"
                  " into our benchmark kernel under up_* names; per boot"
                  " the two run in interleaved slices of the same loop on"
                  " the same buffers (median of 24 slices each, the three"
                  " taking every order equally often), and ours runs a"
                  " third time as the noise floor.  Ratios: median"
                  " over %d boots (min-max); `slower in every boot` ="
                  " ours/upstream above 1.000 in each of them (by chance"
                  " alone: one in 2^boots)." % boots, "",
                  "| op | bytes | src | ours ns | upstream ns | ours-upstream ns | ours/upstream | ours/ours again | slower in every boot |",
                  "|---|---|---|---|---|---|---|---|---|"])
        for k in keys:
            v = per[k]
            ratio = [o / u for o, u, _ in v]
            self_ = [o2 / o for o, _, o2 in v]
            mr = statistics.median(ratio)
            bad = min(ratio) > 1.0
            cnt = slower.setdefault((path, k[2]), [0, 0, 0])
            cnt[0] += bad
            cnt[1] += 1
            # the same test on the same code: the noise floor's run
            # "slower than ours in every boot" - what the test calls a
            # cost where there can be none
            cnt[2] += min(self_) > 1.0
            plot.setdefault(k[2], {}).setdefault((k[1], k[3]), {})[path] = (
                mr, min(ratio), max(ratio))
            lines.append("| %s | %d | %d | %d | %d | %+d | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | %s |" % (
                k[1], k[2], k[3], statistics.median(x[0] for x in v),
                statistics.median(x[1] for x in v),
                statistics.median(x[0] - x[1] for x in v), mr, min(ratio),
                max(ratio), statistics.median(self_), min(self_),
                max(self_), "yes" if bad else ""))
    lines.append("")
    for (path, size), cnt in sorted(slower.items()):
        lines.append("%s, %s path in one kernel, %d bytes: %d of %d cases"
                     " slower than upstream in every boot (median ratio %.3f);"
                     " ours again slower than ours in every boot: %d" % (
                         arch, path, size, cnt[0], cnt[1],
                         statistics.median(c[path][0] for c in plot[size].values()
                                           if path in c), cnt[2]))
    lines.append("")
    lines.append("%s, all cases: %d slower than upstream in every boot;"
                 " the same code against itself (ours again against ours,"
                 " the test's false alarms): %d" % (
                     arch, sum(c[0] for c in slower.values()),
                     sum(c[2] for c in slower.values())))
    return plot

if sbs_rows:
    plot = side_by_side(sbs_rows, "UML")
    # one block per size: index, case, then median, min and max of the
    # cpu and the engine path ("NaN" where a path has no such case)
    if len(sys.argv) > 5:
        blocks = []
        for size in sorted(plot):
            rows_ = ["# %d bytes" % size]
            for i, c in enumerate(sorted(plot[size])):
                cols = []
                for path in ("cpu", "engine"):
                    x = plot[size][c].get(path)
                    cols += ["%.4f" % v for v in x] if x else ["NaN"] * 3
                rows_.append("%d %s-%d %s" % (i, c[0], c[1], " ".join(cols)))
            blocks.append("\n".join(rows_))
        open(sys.argv[5], "w").write("\n\n\n".join(blocks) + "\n")
# The side-by-side part on x86_64 under QEMU (TCG), when it ran.
if len(sys.argv) > 6:
    x86_rows = list(csv.DictReader(open(sys.argv[6])))
    if x86_rows:
        side_by_side(x86_rows, "x86_64 (QEMU TCG)")
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
open(sys.argv[3], "w").write("\n".join(dat) + "\n")
print("\n".join(lines))
