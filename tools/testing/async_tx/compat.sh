#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Compatibility tier: the unchanged upstream users of include/linux/
# dmaengine.h and async_tx.h must compile and link against ours.  They
# are part of the x86_64 KUnit kernel (configs/x86_64.config), so this
# tier checks that that kernel was built from the current tree (kunit.sh
# stamps it) and that each user's object is in it: built, and listed in
# the vmlinux.a that was linked.
# Run it after kunit.sh x86_64.

. "$(dirname "$0")/lib.sh"

tier=compat
"$ATX_HARNESS/prep-tree.sh" || { atx_result "$tier" 0 1; exit 1; }
bdir=$ATX_BUILD/kunit-x86_64
users="drivers/md/raid5.o drivers/md/raid5-ppl.o drivers/md/raid5-cache.o
drivers/md/dm-integrity.o drivers/dma/dmatest.o crypto/async_tx/raid6test.o
drivers/dma/virt-dma.o drivers/dma/acpi-dma.o drivers/dma/of-dma.o
drivers/dma/ioat/init.o drivers/dma/ioat/dma.o drivers/dma/ioat/prep.o
drivers/dma/ioat/sysfs.o drivers/dma/dw-edma/dw-edma-core.o"

passed=0
failed=0
if [ ! -f "$bdir/vmlinux" ]; then
	printf 'FAIL no x86_64 kernel in %s: run kunit.sh x86_64 first\n' \
		"${bdir#"$ATX_SRC"/}"
	atx_result "$tier" 0 1
	exit 1
fi
# the kernel must have been built from this very tree
if [ "$(cat "$bdir/.atx-built-from" 2>/dev/null)" != "$(atx_tree_hash)" ]; then
	printf 'FAIL the x86_64 kernel was not built from the current tree (did its build fail?)\n'
	atx_result "$tier" 0 1
	exit 1
fi
# what was linked: vmlinux.a lists the objects of this configuration; an
# object left over from an earlier one is on disk but not in the list
linked=$(cd "$bdir" && ar t vmlinux.a 2>/dev/null)
for o in $users; do
	if [ -f "$bdir/$o" ] && [ ! "$bdir/$o" -nt "$bdir/vmlinux" ] &&
	   grep -qxF "$o" <<< "$linked"; then
		passed=$((passed + 1))
	else
		printf 'FAIL %s was not built and linked into vmlinux\n' "$o"
		failed=$((failed + 1))
	fi
done
atx_result "$tier" "$passed" "$failed"
[ "$failed" -eq 0 ]
