#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Per operation, guest instructions and translation blocks of ours and
upstream's side, from tcg-count.c's output, by function of vmlinux.

  tcg-count.py VMLINUX COUNTS OURS_ENTRY UP_ENTRY [ROWS]

OURS_ENTRY and UP_ENTRY are functions each side enters once per
operation (async_memcpy and up_async_memcpy); their entry counts divide
the totals.
"""
import bisect
import collections
import subprocess
import sys


def symbols(vmlinux):
    out = subprocess.run(['nm', '-n', vmlinux], capture_output=True,
                         text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 3 and f[1] in 'tTwW':
            syms.append((int(f[0], 16), f[2]))
    return syms


def main():
    vmlinux, counts, ours_fn, up_fn = sys.argv[1:5]
    rows = int(sys.argv[5]) if len(sys.argv) > 5 else 25
    syms = symbols(vmlinux)
    addrs = [a for a, _ in syms]
    insns = collections.defaultdict(lambda: [0, 0])
    blocks = collections.defaultdict(lambda: [0, 0])
    entered = {}
    with open(counts) as f:
        for line in f:
            pc, per_block, ran0, ran1 = line.split()
            pc, per_block = int(pc, 16), int(per_block)
            ran = (int(ran0), int(ran1))
            i = bisect.bisect_right(addrs, pc) - 1
            if i < 0:
                continue
            name = syms[i][1]
            for s in (0, 1):
                insns[name][s] += ran[s]
                blocks[name][s] += ran[s] // per_block
            if pc == syms[i][0]:
                entered[name] = [ran[s] // per_block for s in (0, 1)]
    if ours_fn not in entered or up_fn not in entered:
        sys.exit('tcg-count.py: %s or %s never entered' % (ours_fn, up_fn))
    ops = (entered[ours_fn][0], entered[up_fn][1])
    if not ops[0] or not ops[1]:
        sys.exit('tcg-count.py: no operation on one side')
    print('operations: ours %d, upstream %d' % ops)
    for what, table in (('instructions', insns), ('blocks', blocks)):
        per = [sum(v[s] for v in table.values()) / ops[s] for s in (0, 1)]
        print('%s per operation: ours %.1f, upstream %.1f, ratio %.3f' %
              (what, per[0], per[1], per[0] / per[1]))
    print('\nper operation, by function, largest differences first:')
    print('%9s %9s %9s %7s %7s  %s' % ('insns us', 'insns up', 'diff',
                                       'blk us', 'blk up', 'function'))
    names = sorted(insns, key=lambda n: -abs(insns[n][0] / ops[0] -
                                             insns[n][1] / ops[1]))
    for name in names[:rows]:
        print('%9.1f %9.1f %+9.1f %7.1f %7.1f  %s' %
              (insns[name][0] / ops[0], insns[name][1] / ops[1],
               insns[name][0] / ops[0] - insns[name][1] / ops[1],
               blocks[name][0] / ops[0], blocks[name][1] / ops[1], name))


if __name__ == '__main__':
    main()
