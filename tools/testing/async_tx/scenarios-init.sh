#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init of a scenarios boot, UML (the host's root through hostfs) and
# QEMU (the harness's initramfs) alike: mount what the scenarios need,
# report raid6test's verdict from the boot, run the scenarios
# ("atx.quick" on the command line for the short list,
# "atx.mib=N" for at most N MiB of data per array), power off.

# open the scenarios now: the tmpfs on /tmp (or /run) below may hide
# the checkout they come from
exec 3< "$(dirname "$0")/scenarios.sh" || exit 1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
export PATH=/sbin:/bin:/usr/sbin:/usr/bin

quick=
grep -q 'atx\.quick' /proc/cmdline && quick=quick
ATX_MIB=$(sed -n 's/.*atx\.mib=\([0-9]*\).*/\1/p' /proc/cmdline)
export ATX_MIB
echo "==== scenarios ===="
# raid6test ran at boot, on the CPU or whatever engines the boot made
r=$(dmesg | sed -n 's/^\[[ 0-9.]*\] //; s/^raid6test: complete (\(.*\))$/\1/p')
case $r in
*" 0 failures") echo "case boot raid6test at boot, $r: ok" ;;
*) echo "case boot raid6test at boot: FAILED ${r:-no verdict in the log}" ;;
esac
sh /proc/self/fd/3 $quick
echo "==== end ===="
echo o > /proc/sysrq-trigger
sleep 2
echo b > /proc/sysrq-trigger
sleep 5
