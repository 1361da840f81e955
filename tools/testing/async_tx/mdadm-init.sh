#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init of an mdadm test suite boot (mdadm-suite.sh): run tests of
# mdadm's own suite, from Debian's mdadm source built on the host, on 14
# brd ramdisks of 20000 KiB (what the suite's size checks expect).  Its
# environment (unknown key=value words of the kernel command line) says
# what to run:
#   atx_suite=DIR     the host directory of the built mdadm source
#   atx_setup=NAME    cpu, engines or faults (the dmasim instances come
#                     from dmasim.devices=; faults turns random faults on)
#   atx_tests=A,B,..  the tests
#   atx_test_timeout=S  the most one test may take (600 s)
# One line per test: "case mdadm NAME TEST: ok" or ": FAILED <why>",
# then "engines NAME: ..." with what ran on the engines.

# shellcheck source=guest-lib.sh
. "$(dirname "$0")/guest-lib.sh" || exit 1
guest_mounts
# from the kernel command line, through init's environment
: "${atx_suite:=}" "${atx_setup:=cpu}" "${atx_tests:=}"
S=/run/mdadm-suite
# the whole kernel log, which the suite's "dmesg -c" does not clear
cat /dev/kmsg > /tmp/kmsg.log 2>/dev/null &

# the first WARN in the kernel log, once the kernel is tainted by one
warned() {
	[ $(($(cat /proc/sys/kernel/tainted) & 512)) != 0 ] || return 1
	grep -m1 -A30 'WARNING:' /tmp/kmsg.log | sed 's/^[0-9,]*;/    | /' | head -n 40
}

echo "==== mdadm ===="
# the suite's scratch directory, on ext4 over a loop device: its bitmap
# file tests need a file system that maps blocks, which tmpfs does not
if ! truncate -s 160M /tmp/vartmp.img ||
   ! mkfs.ext4 -q -F /tmp/vartmp.img ||
   ! mount -o loop /tmp/vartmp.img /var/tmp; then
	out "no ext4 scratch directory; /var/tmp on tmpfs"
	mount -t tmpfs tmpfs /var/tmp
fi
mkdir -p $S
if [ -z "$atx_suite" ] || ! mount -t hostfs -o "$atx_suite" none $S ||
   [ ! -x $S/mdadm ] || [ ! -x $S/test ]; then
	out "no built mdadm suite at '$atx_suite'"
	out "MDADM END"
	echo "==== end ===="
	guest_poweroff
fi
[ "$atx_setup" = faults ] && sim_random_faults
# a warning before the first test is the platform's (UML's virt-pci
# warns at every boot without a PCI device); one during a test fails it
warned_before=
if warned >/dev/null; then
	warned_before=yes
	out "the kernel warned before the tests:"
	warned
fi
before=$(stat engine_ops)
ran_before=$(sim_ops)

cd $S || exit 1
# the helpers beside mdadm (raid6check, swap_super, test_stripe), which
# some tests call as $dir/...: 4.2's test script never sets dir
export dir=$S
for t in $(echo "$atx_tests" | tr , ' '); do
	start=$(date +%s)
	timeout "${atx_test_timeout:-600}" ./test --dev=ram --keep-going \
		--tests="$t" > /tmp/suite.log 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	warn=
	[ -z "$warned_before" ] && warned >/dev/null && warn=yes warned_before=yes
	if [ $rc = 0 ] && [ -z "$warn" ] &&
	   grep -q "tests/$t\.\.\. succeeded" /tmp/suite.log; then
		out "case mdadm $atx_setup $t: ok (${secs} s)"
		continue
	fi
	if [ -n "$warn" ]; then
		out "case mdadm $atx_setup $t: FAILED the kernel warned (${secs} s)"
		warned
		continue
	fi
	# the suite's own message ("ERROR: ..."), else the first line
	# that says something failed
	why=$(grep -m1 'ERROR:' /var/tmp/log 2>/dev/null | sed 's/^[[:space:]]*//')
	[ -n "$why" ] || why=$(grep -m1 -v -E '^\+|^$' /var/tmp/log 2>/dev/null |
			       grep -m1 -i -E 'fail|error|mismatch|detected')
	[ -n "$why" ] || why=$(grep -m1 -E 'FAILED' /tmp/suite.log)
	[ $rc = 124 ] && why="timed out after ${atx_test_timeout:-600} s"
	out "case mdadm $atx_setup $t: FAILED ${why:-no verdict} (${secs} s)"
	# the suite's log of the failed test and the md state, for the
	# host's log; then a clean slate for the next test
	{ grep -v "^+++" /var/tmp/log | tail -n 60; cat /proc/mdstat; dmesg | tail -n 20; } 2>/dev/null |
		sed 's/^/    | /'
	./mdadm -Ss >/dev/null 2>&1
done

# async_tx's count (absent on a kernel without our async_tx) and the
# engines' own count of the descriptors they ran
ops=$(($(stat engine_ops) - ${before:-0}))
ran=$(($(sim_ops) - ran_before))
fallbacks=$(stat cpu_fallbacks)
kinds=$(sed 's/ cpu_.*//' $DBG/async_tx/channels 2>/dev/null |
	tr ' ' '\n' | sed -n 's|^\([a-z_]*\)=\([0-9]*\)/.*|\1 \2|p' |
	awk '{ n[$1] += $2 } END { for (k in n) printf "%s %d, ", k, n[k] }')
out "engines $atx_setup: $ops async_tx operations on engines, $ran descriptors run by the engines during the tests (since boot: ${kinds%, }${kinds:+; }${fallbacks:-no} CPU fallbacks)"
out "taint $atx_setup: $(cat /proc/sys/kernel/tainted)"
out "MDADM END"
echo "==== end ===="
guest_poweroff
