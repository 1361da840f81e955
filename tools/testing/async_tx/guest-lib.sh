# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the scripts that run inside a booted test kernel (UML on
# the host's root through hostfs, or QEMU on the harness's initramfs):
# demo-init.sh, scenarios-init.sh, scenarios.sh, fault-loop-init.sh,
# trace-init.sh, mdadm-init.sh and bench/init.sh.
# POSIX sh (the host's dash in UML, busybox's in the initramfs).
# Sourced, never run.
# shellcheck shell=sh

DBG=/sys/kernel/debug
# shellcheck disable=SC2034 # for the scripts that source this
SIM=/sys/bus/platform/drivers/dmasim

# What an init needs before anything else: proc, sysfs, devices, debugfs
# and writable scratch space on /tmp and /run (the root is read-only).
# An init that needs a file from under /tmp or /run (a checkout there)
# opens it before calling this.
guest_mounts() {
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev 2>/dev/null
	mount -t tmpfs tmpfs /tmp
	mount -t tmpfs tmpfs /run
	mount -t debugfs debugfs $DBG 2>/dev/null
	export PATH=/sbin:/bin:/usr/sbin:/usr/bin
}

# Power the machine off; reboot (which ends a -no-reboot QEMU and UML
# alike) if that did not work.  Never returns.
guest_poweroff() {
	echo o > /proc/sysrq-trigger
	sleep 2
	echo b > /proc/sysrq-trigger
	sleep 5
	exit 1
}

out() { printf '%s\n' "$*"; }

# async_tx's counter NAME (debugfs async_tx/stats)
stat() { sed -n "s/^$1 //p" $DBG/async_tx/stats 2>/dev/null; }

# dmasim instances, one debugfs directory per line
sim_instances() {
	for d in "$DBG"/dmasim/dmasim.*; do
		[ -d "$d" ] && echo "$d"
	done
}

# The newest dmasim instance's id
sim_newest() { sim_instances | sed 's/.*dmasim\.//' | sort -n | tail -n 1; }

# Descriptors executed by the instance with debugfs directory DIR, all
# channels
#   sim_ops_in DIR
sim_ops_in() {
	t=0
	for f in "$1"/chan*/ops; do
		[ -f "$f" ] && t=$((t + $(cat "$f")))
	done
	echo $t
}

# Descriptors executed by every instance
sim_ops() {
	n=0
	for d in $(sim_instances); do
		n=$((n + $(sim_ops_in "$d")))
	done
	echo $n
}

# Random faults on every dmasim instance, for as long as it lives:
# failed descriptors (about 1 in 50), stalls the watchdog resets (1 in
# 400), preps refused (1 in 20) - errors md cannot see but async_tx
# handles
sim_random_faults() {
	for F in $(sim_instances); do
		for k in error stall exhaust; do
			echo -1 > "$F/fault_$k/times"
		done
		echo 2 > "$F/fault_error/probability"
		echo 200 > "$F/fault_stall/interval"
		echo 50 > "$F/fault_stall/probability"
		echo 5 > "$F/fault_exhaust/probability"
	done
}

# No more faults on any dmasim instance (sim_random_faults() undone)
sim_faults_off() {
	for F in $(sim_instances); do
		for k in error stall exhaust; do
			echo 0 > "$F/fault_$k/times"
		done
	done
}

# raid6test's verdict from the boot log: "N tests, M failures", or
# nothing when it did not report
raid6test_verdict() {
	dmesg | sed -n 's/^\[[ 0-9.]*\] //; s/^raid6test: complete (\(.*\))$/\1/p'
}
