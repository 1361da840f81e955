#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The e2e-ioat tier: Intel's unchanged ioatdma driver on our dmaengine
# core and async_tx, on the I/OAT engine model (qemu/ioat.c) in a QEMU
# built from Debian's source package (qemu/build.sh).  The kernel is the
# x86_64 KUnit build (CONFIG_INTEL_IOATDMA=y), the initramfs the QEMU
# tiers' with ioat-init.sh as its init.  Each case counts as one test.
#
#   e2e-ioat.sh [KERNEL LOG [KERNEL-ARGS]]
#
# With KERNEL (a bzImage), that kernel boots instead, with KERNEL-ARGS
# added to the command line, and the log goes to LOG (ioat-compare.sh
# boots the pristine upstream tree this way).

. "$(dirname "$0")/lib.sh"

tier=e2e-ioat
kernel=${1:-$ATX_BUILD/kunit-x86_64/arch/x86/boot/bzImage}
log=${2:-$ATX_BUILD/logs/scenarios-ioat.log}
extra=${3:-}
if [ ! -f "$kernel" ] && [ $# = 0 ]; then
	atx_build_kernel x86_64
fi
if [ ! -f "$kernel" ]; then
	atx_log "$tier: no x86_64 kernel"
	atx_result $tier 0 1
	exit 1
fi
if ! qemu=$("$ATX_HARNESS/qemu/build.sh"); then
	atx_log "$tier: no QEMU with the I/OAT model"
	atx_result $tier 0 1
	exit 1
fi

atx_initramfs "$ATX_BUILD/initramfs-ioat" "$ATX_HARNESS/ioat-init.sh" ||
	atx_die "cannot make the initramfs"

# two I/OAT models; the installed qemu-system-x86 and seabios packages
# give the firmware (Debian's source package builds none).  The tier's
# own boot is split in two machines at once when there are two cores
# (ioat-init.sh's parts; TCG keeps about one core busy).
parts=1
[ $# = 0 ] && [ "$ATX_JOBS" -ge 2 ] && parts=2
ATX_QEMU_PARTS=$parts atx_qemu_scenarios $tier "$qemu" 2400 "$kernel" \
	"$ATX_BUILD/initramfs-ioat.cpio.gz" "$log" \
	"brd.rd_nr=10 brd.rd_size=8192 atx.mib=8 ioatdma.ioat_dca_enabled=0 dmaengine.exclusive=0000:00:05.0 log_buf_len=8M $extra" \
	-L /usr/share/qemu -L /usr/share/seabios -nic none \
	-device ioat,addr=04.0 -device ioat,addr=05.0
