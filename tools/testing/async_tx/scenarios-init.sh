#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init of a scenarios boot, UML (the host's root through hostfs) and
# QEMU (the harness's initramfs) alike: mount what the scenarios need,
# report raid6test's verdict from the boot, run the scenarios
# ("atx.quick" on the command line for the short list,
# "atx.mib=N" for at most N MiB of data per array, "atx.part=K/N" for
# the Kth of N parts of the setups), power off.

here=$(dirname "$0")
# shellcheck source=guest-lib.sh
. "$here/guest-lib.sh" || exit 1
# open the scenarios now: the tmpfs on /tmp (or /run) below may hide
# the checkout they come from
exec 3< "$here/scenarios.sh" || exit 1
guest_mounts

quick=
grep -q 'atx\.quick' /proc/cmdline && quick=quick
ATX_MIB=$(sed -n 's/.*atx\.mib=\([0-9]*\).*/\1/p' /proc/cmdline)
ATX_PART=$(sed -n 's@.*atx\.part=\([0-9]*/[0-9]*\).*@\1@p' /proc/cmdline)
export ATX_MIB ATX_PART
echo "==== scenarios ===="
# raid6test ran at boot, on the CPU or whatever engines the boot made
# (reported by the first part)
r=$(raid6test_verdict)
case ${ATX_PART:-1/1}:$r in
[!1]/*) ;;
*" 0 failures") echo "case boot raid6test at boot, $r: ok" ;;
*) echo "case boot raid6test at boot: FAILED ${r:-no verdict in the log}" ;;
esac
# in this shell, with the helpers above: "scenarios.sh [quick]"
set -- $quick
# shellcheck source=scenarios.sh
. /proc/self/fd/3
echo "==== end ===="
guest_poweroff
