#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The end-to-end tier on x86_64 under QEMU: the real arch, its DMA
# mapping and SIMD raid6 and xor.  The kernel is the x86_64 KUnit build;
# the initramfs is made here from busybox-static, the host's mdadm and
# the libraries ldd names for it, with scenarios.sh as its init.  The
# short list of scenarios runs (TCG is slow), its setups split over one
# machine per core (each keeps about one core busy); each case counts as
# one test.

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

ATX_QEMU_PARTS=$((ATX_JOBS < 4 ? ATX_JOBS : 4)) \
	atx_qemu_scenarios $tier qemu-system-x86_64 1500 "$kernel" \
	"$ATX_BUILD/initramfs.cpio.gz" "$ATX_BUILD/logs/scenarios-x86_64.log" \
	"brd.rd_nr=10 brd.rd_size=8192 atx.quick atx.mib=8"
