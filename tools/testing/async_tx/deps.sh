#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the harness needs from Debian's archive.  Quick when all
# of it is already present: apt is only called for what is missing.

. "$(dirname "$0")/lib.sh"

packages="linux-source-6.12 build-essential bc flex bison libelf-dev
libssl-dev sparse qemu-system-x86 busybox-static mdadm ccache python3
rsync cpio xz-utils git kmod patch perl python3-ply python3-git
gnuplot-nox shellcheck"

missing=
for p in $packages; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

atx_log "installing:$missing"
sudo=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || atx_die "need root (or sudo) to install:$missing"
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || atx_die "apt-get update failed"
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	atx_die "apt-get install failed for:$missing"
