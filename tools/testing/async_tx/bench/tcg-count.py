#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Per operation, what ours and upstream's side ran, from tcg-count.c's
output: guest instructions, translation blocks, memory accesses and the
instructions TCG makes expensive, and instructions and blocks by
function of vmlinux.

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


KINDS = ('pushf/popf', 'cli/sti', 'xchg/cmpxchg', 'calls', 'returns')


def main():
    vmlinux, counts, ours_fn, up_fn = sys.argv[1:5]
    rows = int(sys.argv[5]) if len(sys.argv) > 5 else 25
    syms = symbols(vmlinux)
    addrs = [a for a, _ in syms]
    insns = collections.defaultdict(lambda: [0, 0])
    blocks = collections.defaultdict(lambda: [0, 0])
    totals = collections.defaultdict(lambda: [0, 0])
    entered = {}
    with open(counts) as f:
        for line in f:
            field = line.split()
            pc, per_block = int(field[0], 16), int(field[1])
            runs = (int(field[2]), int(field[3]))
            mem = (int(field[4]), int(field[5]))
            kinds = [int(k) for k in field[6:11]]
            i = bisect.bisect_right(addrs, pc) - 1
            if i < 0:
                continue
            name = syms[i][1]
            for s in (0, 1):
                insns[name][s] += runs[s] * per_block
                blocks[name][s] += runs[s]
                totals['instructions'][s] += runs[s] * per_block
                totals['blocks'][s] += runs[s]
                totals['memory accesses'][s] += mem[s]
                for k, n in zip(KINDS, kinds):
                    totals[k][s] += runs[s] * n
            if pc == syms[i][0]:
                entered[name] = runs
    if ours_fn not in entered or up_fn not in entered:
        sys.exit('tcg-count.py: %s or %s never entered' % (ours_fn, up_fn))
    ops = (entered[ours_fn][0], entered[up_fn][1])
    if not ops[0] or not ops[1]:
        sys.exit('tcg-count.py: no operation on one side')
    print('operations: ours %d, upstream %d' % ops)
    print('\nper operation           ours   upstream   ratio')
    for what in ('instructions', 'blocks', 'memory accesses') + KINDS:
        per = [totals[what][s] / ops[s] for s in (0, 1)]
        ratio = '%.3f' % (per[0] / per[1]) if per[1] else '-'
        print('%-17s %10.1f %10.1f   %s' % (what, per[0], per[1], ratio))
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
