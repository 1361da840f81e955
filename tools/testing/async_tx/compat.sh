#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Compatibility tier: the unchanged upstream users of include/linux/
# dmaengine.h and async_tx.h must compile and link against ours.  They
# are part of the x86_64 KUnit kernel (configs/x86_64.config), so this
# tier checks that each one's object was built in the current build and
# that vmlinux was linked after it.  Run it after kunit.sh x86_64.

. "$(dirname "$0")/lib.sh"

tier=compat
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
# vmlinux must have been linked after our newest change
stale=$(cd "$ATX_TREE" && while read -r f; do
	[ "$f" -nt "$bdir/vmlinux" ] && printf '%s\n' "$f"
done < "$ATX_BUILD/tree-manifest")
if [ -n "$stale" ]; then
	printf 'FAIL vmlinux is older than: %s (did the x86_64 build fail?)\n' $stale
	atx_result "$tier" 0 1
	exit 1
fi
for o in $users; do
	if [ -f "$bdir/$o" ] && [ ! "$bdir/$o" -nt "$bdir/vmlinux" ]; then
		passed=$((passed + 1))
	else
		printf 'FAIL %s was not built and linked into vmlinux\n' "$o"
		failed=$((failed + 1))
	fi
done
atx_result "$tier" "$passed" "$failed"
[ "$failed" -eq 0 ]
