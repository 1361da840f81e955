#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Report on a recorded async_tx trace (trace.sh).

    trace-report.py DIR

DIR holds what trace-init.sh left: trace.txt (the tracefs text of the
async_tx and dmaengine events), stats-before and stats-after (async_tx's
global counters around the recording), completed-before and
completed-after (every channel's sysfs memcpy_count), channels (async_tx's
per-channel counters) and ring-stats (the ring buffer's).

Prints, per operation: how many ran, on which channel, on the CPU and
why, repaired or lost, and the latency from submission (the path event)
to the end (complete, or cpu_done) at the 50th and 99th percentile, per
path.  Then checks that the trace agrees with the counters, one line
per check ("check NAME: ok" or "check NAME: FAILED ..."), and writes
latency.dat and latency.gp (a gnuplot script drawing latency.png: the
latency distribution per operation and path) into DIR.
"""

import collections
import os
import re
import sys

LINE = re.compile(r'^\s*(?P<task>.*?)-(?P<pid>\d+)\s+(?:\(\s*[-\d]+\)\s+)?'
                  r'\[(?P<cpu>\d+)\]\s+\S+\s+(?P<ts>\d+\.\d+):\s+'
                  r'(?P<event>\w+):\s+(?P<rest>.*)$')
FIELD = re.compile(r'(\w+)=(\S+)')
COMPOSITE = ('2data', 'datap')      # raid6 recoveries: their steps are ops
REASONS = ['no_channel', 'alignment', 'limits', 'no_descriptor', 'no_memory']


def read_stats(path):
    stats = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                stats[parts[0]] = int(parts[1])
    return stats


def read_channels(path):
    """{channel: {counter: value}}; an op's count is NAME, its bytes NAME_bytes."""
    chans = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            c = chans.setdefault(parts[0], {})
            for kv in parts[1:]:
                k, v = kv.split('=', 1)
                if '/' in v:
                    n, b = v.split('/', 1)
                    c[k] = int(n)
                    c[k + '_bytes'] = int(b)
                else:
                    c[k] = int(v)
    return chans


def overruns(path):
    n = 0
    with open(path) as f:
        for line in f:
            m = re.match(r'^overrun:\s+(\d+)', line)
            if m:
                n += int(m.group(1))
    return n


def total(path):
    with open(path) as f:
        return sum(int(x) for x in f.read().split())


def pct(values, p):
    """Nearest-rank percentile of sorted @values."""
    if not values:
        return None
    k = max(0, min(len(values) - 1, int(-(-p * len(values) // 100)) - 1))
    return values[k]


def parse(path):
    ev = collections.Counter()
    ops = collections.Counter()                 # op -> calls
    engine = collections.defaultdict(collections.Counter)  # op -> chan -> n
    cpu = collections.defaultdict(collections.Counter)     # op -> why -> n
    repaired = collections.defaultdict(collections.Counter)  # op -> how -> n
    results = collections.Counter()             # engine completion results
    lat = collections.defaultdict(list)         # (op, path) -> [us]
    open_engine = {}                            # id -> (op, ts)
    open_cpu = {}                               # (pid, id) -> (op, ts)
    unended = 0
    phases = []
    with open(path, errors='replace') as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            event, rest = m.group('event'), m.group('rest')
            ts = float(m.group('ts'))
            if event == 'tracing_mark_write':
                if rest.startswith('atx_phase '):
                    phases.append((rest.split()[1], ts))
                continue
            ev[event] += 1
            kv = dict(FIELD.findall(rest))
            if 'client' in kv:
                ev['%s:%s' % (event, kv['client'])] += 1
            if event == 'async_tx_op':
                ops[kv['op']] += 1
            elif event == 'async_tx_path':
                op, path_ = kv['op'], kv['path']
                if path_ == 'engine':
                    engine[op][kv['chan']] += 1
                    if kv['id'] in open_engine:
                        unended += 1
                    open_engine[kv['id']] = (op, ts)
                else:
                    cpu[op][path_[len('cpu_'):]] += 1
                    open_cpu[(m.group('pid'), kv['id'])] = (op, ts)
            elif event == 'async_tx_complete':
                start = open_engine.pop(kv['id'], None)
                results[kv['result']] += 1
                if start:
                    lat[(start[0], 'engine')].append((ts - start[1]) * 1e6)
            elif event == 'async_tx_cpu_done':
                start = open_cpu.pop((m.group('pid'), kv['id']), None)
                if start:
                    lat[(start[0], 'cpu')].append((ts - start[1]) * 1e6)
            elif event == 'async_tx_repair':
                repaired[kv['op']][kv['how']] += 1
    unended += len(open_engine) + len(open_cpu)
    for v in lat.values():
        v.sort()
    return dict(ev=ev, ops=ops, engine=engine, cpu=cpu, repaired=repaired,
                results=results, lat=lat, unended=unended, phases=phases)


def fmt_lat(values):
    if not values:
        return '-'
    return '%.0f/%.0f' % (pct(values, 50), pct(values, 99))


def report(t):
    print('per operation (latency: submission to end, us, p50/p99):')
    hdr = '%-9s %7s %7s %6s %9s %5s  %-13s %-13s  %s'
    print(hdr % ('op', 'calls', 'engine', 'cpu', 'repaired', 'lost',
                 'engine p50/99', 'cpu p50/99', 'cpu reasons'))
    kinds = sorted(set(t['ops']) | set(t['engine']) | set(t['cpu']))
    for op in kinds:
        e = sum(t['engine'][op].values())
        c = sum(t['cpu'][op].values())
        rep = t['repaired'][op]
        why = ', '.join('%s %d' % (r, t['cpu'][op][r])
                        for r in REASONS if t['cpu'][op][r])
        if op in COMPOSITE and not e and not c:
            why = 'made of the steps above and below'
        print(hdr % (op, t['ops'][op], e, c,
                     rep['recomputed'] + rep['finished'], rep['lost'],
                     fmt_lat(t['lat'][(op, 'engine')]),
                     fmt_lat(t['lat'][(op, 'cpu')]), why or '-'))
    print('on the engines, per channel:')
    per_chan = collections.defaultdict(collections.Counter)
    for op, chans in t['engine'].items():
        for chan, n in chans.items():
            per_chan[chan][op] += n
    for chan in sorted(per_chan):
        print('  %-12s %s' % (chan, ', '.join(
            '%s %d' % (op, n) for op, n in sorted(per_chan[chan].items()))))
    print('engine completions: %s' % ', '.join(
        '%s %d' % kv for kv in sorted(t['results'].items())))
    if t['phases']:
        print('phases: %s' % ', '.join(
            '%s at %.3f s' % p for p in t['phases']))


def checks(t, before, after, chans, overrun, completed):
    out = []

    def check(name, ok, detail=''):
        out.append((name, ok, detail))

    def delta(k):
        return after.get(k, 0) - before.get(k, 0)

    eng = sum(sum(c.values()) for c in t['engine'].values())
    check('engine path events equal engine_ops', eng == delta('engine_ops'),
          '%d events, %d counted' % (eng, delta('engine_ops')))
    for r in REASONS[1:]:       # no_channel is traced, not counted
        n = sum(c[r] for c in t['cpu'].values())
        check('cpu_%s events equal the counter' % r,
              n == delta('cpu_' + r), '%d events, %d counted' %
              (n, delta('cpu_' + r)))
    fixed = sum(c['recomputed'] + c['finished'] for c in t['repaired'].values())
    lost = sum(c['lost'] for c in t['repaired'].values())
    check('repair events equal errors_recomputed',
          fixed == delta('errors_recomputed'),
          '%d events, %d counted' % (fixed, delta('errors_recomputed')))
    check('lost events equal errors_unrecoverable',
          lost == delta('errors_unrecoverable'),
          '%d events, %d counted' % (lost, delta('errors_unrecoverable')))
    check('park events equal parked', t['ev']['async_tx_park'] ==
          delta('parked'), '%d events, %d counted' %
          (t['ev']['async_tx_park'], delta('parked')))
    check('every operation that started ended', t['unended'] == 0,
          '%d without an end' % t['unended'])
    check('cookie_complete events equal the channels\' memcpy_count',
          t['ev']['dmaengine_cookie_complete'] == completed,
          '%d events, %d counted' % (t['ev']['dmaengine_cookie_complete'],
                                     completed))
    check('every completed descriptor had its result handed over',
          t['ev']['dmaengine_callback'] ==
          t['ev']['dmaengine_cookie_complete'],
          '%d callbacks, %d completions' % (t['ev']['dmaengine_callback'],
                                           t['ev']['dmaengine_cookie_complete']))
    # the engine trace-init.sh adds and deletes: two channels, given to
    # the general-purpose pool and taken back
    hot = (t['ev']['dmaengine_device_register'],
           t['ev']['dmaengine_chan_alloc:general'],
           t['ev']['dmaengine_chan_release:general'],
           t['ev']['dmaengine_device_unregister'])
    check('an engine that came and went was traced', hot == (1, 2, 2, 1),
          'register, general alloc, release, unregister: %d, %d, %d, %d'
          % hot)
    check('the ring buffer lost nothing', overrun == 0,
          '%d events overwritten' % overrun)
    check('operations ran on the engines and were repaired',
          eng > 0 and fixed > 0, '%d on engines, %d repaired' % (eng, fixed))
    # what the channels file says, summed, against the global totals
    sums = collections.Counter()
    for c in chans.values():
        for k, v in c.items():
            if k.endswith('_bytes'):
                continue
            if k.startswith('cpu_'):
                sums['cpu_fallbacks'] += v
            elif k in ('recomputed', 'finished'):
                sums['errors_recomputed'] += v
            elif k == 'lost':
                sums['errors_unrecoverable'] += v
            else:
                sums['engine_ops'] += v
    for k in ('engine_ops', 'cpu_fallbacks', 'errors_recomputed',
              'errors_unrecoverable'):
        check('channels sum to %s' % k, sums[k] == after.get(k, 0),
              '%d over channels, %d in stats' % (sums[k], after.get(k, 0)))
    return out


def plot_files(t, d):
    series = sorted(k for k, v in t['lat'].items() if v)
    with open(os.path.join(d, 'latency.dat'), 'w') as f:
        for op, path in series:
            v = t['lat'][(op, path)]
            f.write('# %s %s\n' % (op, path))
            for i, us in enumerate(v):
                f.write('%.3f %.5f\n' % (max(us, 0.1), (i + 1) / len(v)))
            f.write('\n\n')
    with open(os.path.join(d, 'latency.gp'), 'w') as f:
        f.write('set terminal pngcairo size 1200,700 noenhanced\n')
        f.write("set output '%s'\n" % os.path.join(d, 'latency.png'))
        f.write("set title 'async_tx: submission to end, md RAID6 on "
                "dmasim ioat + iop-adma'\n")
        f.write("set xlabel 'latency (us)'\nset logscale x\n")
        f.write("set ylabel 'fraction of operations'\nset yrange [0:1]\n")
        f.write('set key outside right\nset grid\n')
        plots = ["'%s' index %d using 1:2 with steps lw 2 title '%s %s (%d)'"
                 % (os.path.join(d, 'latency.dat'), i, op, path,
                    len(t['lat'][(op, path)]))
                 for i, (op, path) in enumerate(series)]
        f.write('plot ' + ', \\\n     '.join(plots) + '\n')


def main():
    d = sys.argv[1]
    t = parse(os.path.join(d, 'trace.txt'))
    report(t)
    res = checks(t, read_stats(os.path.join(d, 'stats-before')),
                 read_stats(os.path.join(d, 'stats-after')),
                 read_channels(os.path.join(d, 'channels')),
                 overruns(os.path.join(d, 'ring-stats')),
                 total(os.path.join(d, 'completed-after')) -
                 total(os.path.join(d, 'completed-before')))
    for name, ok, detail in res:
        print('check %s: %s' % (name, 'ok' if ok else 'FAILED (%s)' % detail))
    plot_files(t, d)
    return 0 if all(ok for _, ok, _ in res) else 1


if __name__ == '__main__':
    sys.exit(main())
