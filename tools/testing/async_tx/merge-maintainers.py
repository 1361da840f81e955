#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Insert our MAINTAINERS entries into the kernel's, in title order.

usage: merge-maintainers.py [--only FILE_LIST] KERNEL_MAINTAINERS OUR_MAINTAINERS
Writes the merged file to stdout.  With --only, an F: line is kept only
if it covers one of the files listed (one path a line), and an entry left
without F: lines is dropped: patches.sh uses it so that each patch adds
the lines for the files it introduces.  Our file holds whole entries in the
kernel's format (a title line, then TYPE:<tab>value lines), separated by
blank lines; each one goes right after the kernel entry with the greatest
title that sorts before its own.
"""
import fnmatch
import re
import sys

FIELD = re.compile(r'^[A-Z]:\t')


def entries(text):
    """Split MAINTAINERS text into (title, lines) blocks."""
    blocks = [b for b in text.strip('\n').split('\n\n') if b.strip()]
    return [(b.split('\n', 1)[0], b) for b in blocks]


def covers(pattern, path):
    """Whether a MAINTAINERS F: pattern covers path."""
    if pattern.endswith('/'):
        return path.startswith(pattern)
    return fnmatch.fnmatch(path, pattern) or path.startswith(pattern + '/')


def restrict(block, files):
    """Keep the F: lines of block that cover one of files; None if none."""
    lines = block.split('\n')
    kept = [ln for ln in lines if not ln.startswith('F:\t') or
            any(covers(ln[3:], f) for f in files)]
    if not any(ln.startswith('F:\t') for ln in kept):
        return None
    return '\n'.join(kept)


def main():
    args = sys.argv[1:]
    files = None
    if args and args[0] == '--only':
        files = open(args[1], encoding='utf-8').read().split()
        args = args[2:]
    kernel = open(args[0], encoding='utf-8').read().split('\n')
    ours = entries(open(args[1], encoding='utf-8').read())
    if files is not None:
        ours = [(t, restrict(b, files)) for t, b in ours]
        ours = [(t, b) for t, b in ours if b is not None]

    # A kernel entry starts at a line that follows a blank line and is
    # itself followed by a field line.
    starts = [i for i in range(1, len(kernel) - 1)
              if kernel[i - 1] == '' and kernel[i] and
              FIELD.match(kernel[i + 1])]

    # Upstream's list is not perfectly sorted: go right after the entry
    # with the greatest title that still sorts before ours.
    inserts = {}
    for title, block in ours:
        key = title.upper()
        before = [i for i in starts if kernel[i].upper() <= key]
        prev = max(before, key=lambda i: kernel[i].upper(), default=None)
        later = [i for i in starts if prev is not None and i > prev]
        pos = later[0] if later else None
        if pos is None:
            sys.exit('merge-maintainers: nowhere to put "%s"' % title)
        inserts.setdefault(pos, []).append(block)

    out = []
    for i, line in enumerate(kernel):
        for block in inserts.get(i, []):
            out.extend(block.split('\n'))
            out.append('')
        out.append(line)
    sys.stdout.write('\n'.join(out))


if __name__ == '__main__':
    main()
