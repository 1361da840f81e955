#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init of an x86_64 benchmark boot (bench.sh): the side-by-side part of
# the micro benchmark ran at late_initcall (atx_bench.sbs_only=1) and
# printed its ATXS lines; nothing is left to do but power off.

# shellcheck source=../guest-lib.sh
. /guest-lib.sh || exit 1
guest_mounts
guest_poweroff
