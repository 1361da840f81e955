# SPDX-License-Identifier: GPL-2.0
#
# Shared settings and helpers for the async offload harness scripts.
# Sourced, never run.  Every path is absolute so that scripts may be
# started from anywhere.

set -u

ATX_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
ATX_HARNESS=$ATX_SRC/tools/testing/async_tx
ATX_BUILD=${ATX_BUILD:-$ATX_SRC/build}
ATX_BASE=$ATX_BUILD/base		# pristine upstream, read-only
ATX_TREE=$ATX_BUILD/tree		# base + overlay + integration patches
ATX_TARBALL=${ATX_TARBALL:-$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n1)}
ATX_JOBS=${ATX_JOBS:-$(nproc)}

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

# Print "PASSED FAILED" for the scenario log $1: its case lines, and
# one failure more when it did not get to its end.
atx_scenario_counts()
{
	local section p f

	# (a console may put escape sequences before the first line)
	section=$(sed -n 's/\r$//; /==== scenarios ====$/,/^==== end ====$/p' "$1")
	printf '%s\n' "$section" | grep -E '^(case|engines) ' |
		sed 's/^/    /' >&2
	p=$(printf '%s\n' "$section" | grep -c '^case .*: ok$')
	f=$(printf '%s\n' "$section" | grep -c '^case .*: FAILED')
	printf '%s\n' "$section" | grep -q '^SCENARIOS END$' || f=$((f + 1))
	echo "$p $f"
}
