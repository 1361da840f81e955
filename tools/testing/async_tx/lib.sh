# SPDX-License-Identifier: GPL-2.0
#
# Shared settings and helpers for the async offload harness scripts.
# Sourced, never run.  Every path is absolute so that scripts may be
# started from anywhere.
# shellcheck shell=bash

set -u -o pipefail

ATX_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
ATX_HARNESS=$ATX_SRC/tools/testing/async_tx
ATX_BUILD=${ATX_BUILD:-$ATX_SRC/build}
ATX_BASE=$ATX_BUILD/base		# pristine upstream, read-only
ATX_TREE=$ATX_BUILD/tree		# base + overlay + integration patches
ATX_TARBALL=${ATX_TARBALL:-$(find /usr/src -maxdepth 1 -name 'linux-source-6.12.tar.*' 2>/dev/null | sort | head -n1)}
ATX_JOBS=${ATX_JOBS:-$(nproc)}
export ATX_BASE ATX_TREE

# ccache: hash paths relative to the checkout, so that a clone elsewhere
# (CI's) hits the cache a previous build filled.
export CCACHE_BASEDIR=$ATX_SRC
export CCACHE_NOHASHDIR=1

atx_log()
{
	printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

atx_die()
{
	printf 'error: %s\n' "$*" >&2
	exit 1
}

# Print a tier's result line; check.sh sums these.
#   atx_result TIER PASSED FAILED [SKIPPED]
atx_result()
{
	printf 'RESULT %s: %d passed, %d failed, %d skipped\n' \
		"$1" "$2" "$3" "${4:-0}"
}

# The overlay: every file of ours that mirrors a kernel path.  Top-level
# files (Makefile, README.md, MAINTAINERS) and the harness itself are not
# part of it; MAINTAINERS is merged into the kernel's by prep-tree.sh.
atx_overlay_files()
{
	if git -C "$ATX_SRC" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$ATX_SRC" ls-files -co --exclude-standard
	else
		(cd "$ATX_SRC" && find . -type f -printf '%P\n')
	fi | grep '/' | grep -v -E '^(build/|\.ci/|\.git/|tools/testing/async_tx/)' |
		while read -r f; do [ -f "$ATX_SRC/$f" ] && printf '%s\n' "$f"; done |
		sort -u
}

# The kernel source files of ours that get compiled: .c and .h files.
atx_overlay_sources()
{
	atx_overlay_files | grep -E '\.[ch]$'
}

# Every .kunitconfig of ours, as directories for kunit.py.
atx_kunitconfigs()
{
	atx_overlay_files | grep -E '(^|/)\.kunitconfig$' | xargs -r -n1 dirname
}

# kunit.py arguments that give ARCH the harness's kernel config.
atx_kunit_config_args()
{
	local d
	for d in $(atx_kunitconfigs); do
		printf -- '--kunitconfig\n%s\n' "$ATX_TREE/$d"
	done
	printf -- '--kunitconfig\n%s\n' "$ATX_HARNESS/configs/common.config"
	printf -- '--kunitconfig\n%s\n' "$ATX_HARNESS/configs/$1.config"
}

# The C compiler for kernel builds: through ccache when there is one.
atx_cc()
{
	if command -v ccache >/dev/null; then
		echo "ccache gcc"
	else
		echo gcc
	fi
}

# Build the harness's kernel for ARCH (um or x86_64) in build/kunit-ARCH
# with kunit.py's config from atx_kunit_config_args; the output goes to
# build/logs/build-ARCH.log.  A kernel that built is stamped with the
# tree it was made from (compat.sh checks the stamp).
#   atx_build_kernel ARCH
atx_build_kernel()
{
	local arch=$1 bdir=$ATX_BUILD/kunit-$1 log=$ATX_BUILD/logs/build-$1.log
	local hash args=(build --arch="$1" --build_dir="$ATX_BUILD/kunit-$1"
			 --jobs="$ATX_JOBS" --make_options "CC=$(atx_cc)")

	mapfile -t -O "${#args[@]}" args < <(atx_kunit_config_args "$arch")
	"$ATX_HARNESS/prep-tree.sh" || return 1
	# what this build is made from, taken now: the tree may be
	# re-synced by another command while the build runs
	hash=$(atx_tree_hash)
	mkdir -p "$ATX_BUILD/logs"
	rm -f "$bdir/.atx-built-from"
	atx_log "building the $arch kernel (log in ${log#"$ATX_SRC"/})"
	python3 "$ATX_TREE/tools/testing/kunit/kunit.py" "${args[@]}" \
		> "$log" 2>&1 || { tail -n 30 "$log" >&2; return 1; }
	printf '%s\n' "$hash" > "$bdir/.atx-built-from"
}

# A UML kernel from the pristine base tree (upstream's dmaengine core and
# async_tx) with dmasim hooked in, as the benchmark's upstream side is,
# on the harness's UML config without our KUnit suites: for running
# peer test suites on upstream too.  Built in build/upstream-um; prints
# the kernel's path.
atx_build_upstream_um()
{
	local bt=$ATX_BUILD/upstream-um-tree bo=$ATX_BUILD/upstream-um f
	local log=$ATX_BUILD/logs/build-upstream-um.log

	[ -f "$ATX_BUILD/kunit-um/.config" ] || atx_build_kernel um >&2 ||
		return 1
	"$ATX_HARNESS/prep-tree.sh" >&2 || return 1
	if [ -d "$bt" ]; then
		find "$bt" -type d -exec chmod u+w {} +
		rm -rf "$bt"
	fi
	# a hard-linked copy; the files patched are replaced, not written
	cp -al "$ATX_BASE" "$bt"
	chmod u+w "$bt/drivers/dma"
	cp -r "$ATX_TREE/drivers/dma/dmasim" "$bt/drivers/dma/"
	for f in Kconfig Makefile; do
		rm -f "$bt/drivers/dma/$f"
		cp "$ATX_BASE/drivers/dma/$f" "$bt/drivers/dma/$f"
	done
	patch -s -d "$bt" -p1 < "$ATX_HARNESS/integration/0003-dmaengine-hook-up-dmasim.patch" >&2 ||
		return 1
	mkdir -p "$bo"
	cp "$ATX_BUILD/kunit-um/.config" "$bo/.config"
	"$bt/scripts/config" --file "$bo/.config" --disable DMASIM_KUNIT_TEST \
		--enable DMASIM
	atx_log "building the pristine base's um kernel (log in ${log#"$ATX_SRC"/})" >&2
	if ! make -s -C "$bt" ARCH=um O="$bo" CC="$(atx_cc)" olddefconfig > "$log" 2>&1 ||
	   ! make -s -C "$bt" ARCH=um O="$bo" CC="$(atx_cc)" -j"$ATX_JOBS" \
		linux >> "$log" 2>&1; then
		tail -n 30 "$log" >&2
		return 1
	fi
	echo "$bo/linux"
}

# Boot the UML kernel KERNEL on the host's root filesystem (read-only,
# through hostfs) with INIT as its init, for at most SECONDS; its
# console goes to stdout.
#   atx_uml_boot SECONDS KERNEL INIT [KERNEL-ARG...]
atx_uml_boot()
{
	local secs=$1 kernel=$2 init=$3

	shift 3
	# UML keeps its memory in a file under TMPDIR
	TMPDIR=${TMPDIR:-/tmp} timeout "$secs" "$kernel" kunit.enable=0 \
		root=/dev/root rootfstype=hostfs rootflags=/ ro \
		init="$init" console=tty "$@" < /dev/null
}

# The lines of boot log LOG from "==== NAME ====" to "==== end ===="
# (a console may put escape sequences before the first one).
#   atx_log_section LOG NAME
atx_log_section()
{
	sed -n "s/\r\$//; /==== $2 ====\$/,/^==== end ====\$/p" "$1"
}

# checkpatch.pl runs scripts/spdxcheck.py with whatever python3 comes first
# on PATH; Debian's has the modules it needs (python3-ply, python3-git).
atx_checkpatch()
{
	PATH=/usr/bin:$PATH "$ATX_TREE/scripts/checkpatch.pl" "$@"
}

# --ignore options for checkpatch on the files named (see checkpatch-ignore).
atx_checkpatch_ignores()
{
	local f
	for f in "$@"; do
		sed -e 's/#.*//' "$ATX_HARNESS/checkpatch-ignore" |
			awk -v f="$f" 'NF == 2 && $2 == f { print "--ignore=" $1 }'
	done | sort -u
}

# A hash of the content of every file we manage in build/tree: a build
# stamped with it was made from exactly this tree.
atx_tree_hash()
{
	(cd "$ATX_TREE" && xargs -a "$ATX_BUILD/tree-manifest" cat) |
		sha256sum | cut -d' ' -f1
}

# An initramfs for the QEMU tiers in DIR.cpio.gz, made in DIR: busybox,
# the host's mdadm and the libraries ldd names for it, guest-lib.sh and
# scenarios.sh, and INIT as /init.
#   atx_initramfs DIR INIT
atx_initramfs()
{
	local root=$1 lib a

	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run}
	cp /bin/busybox "$root/bin/busybox" || return 1
	for a in $("$root/bin/busybox" --list); do
		[ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
	done
	cp /sbin/mdadm "$root/sbin/mdadm" || return 1
	for lib in $(ldd /sbin/mdadm | grep -oE '/[^ ]+'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
	cp "$ATX_HARNESS/scenarios.sh" "$ATX_HARNESS/guest-lib.sh" "$root/" &&
		cp "$2" "$root/init" && chmod +x "$root/init" || return 1
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$root.cpio.gz"
}

# Boot KERNEL and INITRD (a scenarios initramfs) on QEMU x86_64 (the
# binary QEMU, 2 CPUs, 1 GiB, serial console) for at most SECONDS with
# the kernel arguments ARGS and the extra QEMU-ARGs; the console goes to
# LOG.  Then print TIER's result from the case lines; false when any
# failed.  With ATX_QEMU_PARTS=N (TCG keeps about one core busy) N
# machines boot at once, each with atx.part=K/N and its own LOG-K.
#   atx_qemu_scenarios TIER QEMU SECONDS KERNEL INITRD LOG ARGS [QEMU-ARG...]
atx_qemu_scenarios()
{
	local tier=$1 qemu=$2 secs=$3 kernel=$4 initrd=$5 log=$6 kargs=$7
	local start p f k parts=${ATX_QEMU_PARTS:-1} logs=() pass=0 fail=0

	shift 7
	for k in $(seq 1 "$parts"); do
		local l=$log part=

		if [ "$parts" -gt 1 ]; then
			l=${log%.log}-$k.log
			part=" atx.part=$k/$parts"
		fi
		logs+=("$l")
		timeout "$secs" "$qemu" -m 1024 -smp 2 -nographic -no-reboot "$@" \
			-kernel "$kernel" -initrd "$initrd" \
			-append "console=ttyS0 kunit.enable=0 loglevel=1 panic=-1 $kargs$part" \
			< /dev/null > "$l" 2>&1 &
	done
	atx_log "$tier: booting QEMU (log in ${logs[*]#"$ATX_SRC"/})"
	start=$(date +%s)
	wait
	atx_log "$tier: $(($(date +%s) - start)) s"
	for l in "${logs[@]}"; do
		read -r p f < <(atx_scenario_counts "$l")
		pass=$((pass + p)) fail=$((fail + f))
	done
	atx_result "$tier" "$pass" "$fail" 0
	[ "$fail" = 0 ]
}

# Print "PASSED FAILED" for the scenario log $1: its case lines, and
# one failure more when it did not get to its end.
atx_scenario_counts()
{
	local section p f

	section=$(atx_log_section "$1" scenarios)
	grep -E '^(case|engines) ' <<< "$section" | sed 's/^/    /' >&2
	p=$(grep -c '^case .*: ok$' <<< "$section")
	f=$(grep -c '^case .*: FAILED' <<< "$section")
	grep -q '^SCENARIOS END$' <<< "$section" || f=$((f + 1))
	echo "$p $f"
}
