#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The end-to-end tier on x86_64 under QEMU: the real arch, its DMA
# mapping and SIMD raid6 and xor.  The kernel is the x86_64 KUnit build;
# the initramfs is made here from busybox-static, the host's mdadm and
# the libraries ldd names for it, with scenarios.sh as its init.  The
# short list of scenarios runs (TCG is slow); each case counts as one
# test.

. "$(dirname "$0")/lib.sh"

tier=e2e-x86_64
kernel=$ATX_BUILD/kunit-x86_64/arch/x86/boot/bzImage
if [ ! -f "$kernel" ]; then
	atx_build_kernel x86_64
	if [ ! -f "$kernel" ]; then
		atx_log "$tier: no x86_64 kernel"
		atx_result $tier 0 1
		exit 1
	fi
fi

atx_initramfs "$ATX_BUILD/initramfs" "$ATX_HARNESS/scenarios-init.sh" ||
	atx_die "cannot make the initramfs"

log=$ATX_BUILD/logs/scenarios-x86_64.log
atx_log "$tier: booting QEMU (log in ${log#"$ATX_SRC"/})"
start=$(date +%s)
timeout 1500 qemu-system-x86_64 -m 1024 -smp 2 -nographic -no-reboot \
	-kernel "$kernel" -initrd "$ATX_BUILD/initramfs.cpio.gz" \
	-append "console=ttyS0 kunit.enable=0 loglevel=1 panic=-1 brd.rd_nr=10 brd.rd_size=8192 atx.quick atx.mib=8" \
	< /dev/null > "$log" 2>&1
atx_log "$tier: $(($(date +%s) - start)) s"
read -r p f < <(atx_scenario_counts "$log")
atx_result $tier "$p" "$f" 0
[ "$f" = 0 ]
