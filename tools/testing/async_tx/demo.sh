#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the UML kernel and boot it with the host's root filesystem
# (read-only, through hostfs) and two simulated engines to show the stack
# at work: raid6test's async_tx chains at boot on the engines, then a
# small md RAID6 on ramdisks built with the host's mdadm, on the engines,
# with engine errors, and on the CPU.

. "$(dirname "$0")/lib.sh"

atx_build_kernel um || atx_die "UML kernel build failed; see build/logs/build-um.log"
kernel=$ATX_BUILD/kunit-um/linux
[ -x "$kernel" ] || atx_die "no UML kernel at ${kernel#"$ATX_SRC"/}"

log=$ATX_BUILD/logs/demo.log
atx_log "booting UML ($(cat "$ATX_BUILD/base-version") + overlay)"
atx_uml_boot 1800 "$kernel" "$ATX_HARNESS/demo-init.sh" mem=512M \
	brd.rd_nr=6 brd.rd_size=8192 'dmasim.devices=ioat;memcpy' loglevel=1 \
	> "$log" 2>&1
atx_log_section "$log" demo | grep -v '^==== ' ||
	{ tail -n 40 "$log"; atx_die "demo did not run"; }
grep -q '^DEMO OK' "$log"
