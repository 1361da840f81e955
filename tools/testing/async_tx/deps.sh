#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the harness needs from Debian's archive.  Quick when all
# of it is already present: apt is only called for what is missing.
#
#   deps.sh [qemu-src] [mdadm-src]
#
# qemu-src: also what building Debian's qemu source package needs
# (qemu/build.sh), and a deb-src entry for the mirror the machine's apt
# already uses, so that "apt-get source" works.
# mdadm-src: the same for Debian's mdadm source package (its test suite,
# mdadm-suite.sh), and the tools the suite's scripts call.

. "$(dirname "$0")/lib.sh"

packages="linux-source-6.12 build-essential bc flex bison libelf-dev
libssl-dev sparse qemu-system-x86 busybox-static mdadm ccache python3
rsync cpio xz-utils git kmod patch perl python3-ply python3-git
gnuplot-nox shellcheck"
want_src=
for g in "$@"; do
	case $g in
	qemu-src)
		packages="$packages dpkg-dev meson ninja-build libfdt-dev
			  libglib2.0-dev libpixman-1-dev seabios"
		want_src=yes ;;
	mdadm-src)
		packages="$packages dpkg-dev libudev-dev udev util-linux
			  e2fsprogs strace"
		want_src=yes ;;
	*) atx_die "deps.sh: unknown group $g" ;;
	esac
done

sudo=
if [ "$(id -u)" != 0 ]; then
	sudo=sudo
fi

# deb-src twins of the machine's own deb entries (deb822 .sources files
# and one-line lists alike): no host name of ours, only the machine's
src_list=/etc/apt/sources.list.d/atx-deb-src.sources
update=
if [ -n "$want_src" ] && [ ! -f "$src_list" ] &&
   ! grep -rqsE '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d; then
	atx_log "adding deb-src entries for the machine's mirrors"
	{
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] && sed -e 's/^Types: *deb$/Types: deb-src/' "$f" && echo
		done
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$f" ] || continue
			sed -n 's/^deb \(.*\)$/\1/p' "$f" | while read -r line; do
				# shellcheck disable=SC2086 # one word per field
				set -- $line
				opts=
				case $1 in \[*) opts=$1; shift ;; esac
				printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n' \
					"$1" "$2" "${*:3}"
				[ -n "$opts" ] && printf '# options were %s\n' "$opts"
				echo
			done
		done
	} | $sudo tee "$src_list" >/dev/null
	update=yes
fi

missing=
for p in $packages; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && [ -z "$update" ] && exit 0

if [ -n "$sudo" ]; then
	command -v sudo >/dev/null || atx_die "need root (or sudo) to install:$missing"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || atx_die "apt-get update failed"
[ -z "$missing" ] && exit 0
atx_log "installing:$missing"
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	atx_die "apt-get install failed for:$missing"
