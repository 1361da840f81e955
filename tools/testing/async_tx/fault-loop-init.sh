#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init of a fault-loop boot (fault-loop.sh): the scenarios' setups with
# random engine faults, and the one whose engines come and go, over and
# over ("atx.rounds=N" on the command line).  After any failed step the
# faults are turned off and the array checked twice more, which tells a
# wrong check from wrong parity on the members.

here=$(dirname "$0")
# shellcheck source=guest-lib.sh
. "$here/guest-lib.sh" || exit 1
# open the scenarios now: the tmpfs on /tmp (or /run) may hide them
exec 3< "$here/scenarios.sh" || exit 1
guest_mounts

ATX_MIB='' ATX_PART=''
export ATX_MIB ATX_PART
rounds=$(sed -n 's/.*atx\.rounds=\([0-9]*\).*/\1/p' /proc/cmdline)
echo "==== fault-loop ===="
# the scenarios' functions only
set -- lib
# shellcheck source=scenarios.sh
. /proc/self/fd/3
echo 10000000 > /proc/sys/dev/raid/speed_limit_max
export MDADM_NO_SYSTEMCTL=1

# scenarios.sh's bad(), then two checks without faults
bad() {
	out "case $setup $array $1: FAILED $2"
	# nothing to check when the array is not running
	[ -r "$SYS/sync_action" ] || return 0
	sim_faults_off
	c1=$(sync_action check)
	c2=$(sync_action check)
	sum=differs
	[ "$(readsum)" = "$want" ] && sum=intact
	out "    then without faults: mismatch_cnt $c1, $c2; data $sum"
	[ -n "$FAULTS" ] && $FAULTS
}

i=0
while [ "$i" -lt "${rounds:-5}" ]; do
	FAULTS=sim_random_faults CYCLE='' GROW=''
	ARRAYS="6 6 64
5 5 64
6 10 512"
	run_setup ioat-faults ioat
	ARRAYS="6 6 64"
	run_setup ioat+iop-adma-faults ioat iop-adma
	FAULTS=''
	CYCLE=hotplug_cycle run_setup hotplug ioat iop-adma
	i=$((i + 1))
	out "round $i: wait_timeouts $(stat wait_timeouts), errors_unrecoverable $(stat errors_unrecoverable)"
done
echo "FAULT-LOOP END"
echo "==== end ===="
guest_poweroff
