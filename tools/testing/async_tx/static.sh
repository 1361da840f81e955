#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static checks over our files, each counted as one check:
#   checkpatch.pl --strict   every source, Kconfig, Makefile and rst file
#   kernel-doc -none -Wall   every .c and .h file
#   sparse (C=2) + W=1       every object of ours, warnings are errors,
#                            built for x86_64 in build/static-x86_64
#   the shellcheck tool      every harness script and .ci/run, sourced
#                            files followed, nothing reported at all
# The last line is a RESULT line for check.sh.

. "$(dirname "$0")/lib.sh"

tier=static
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }

"$ATX_HARNESS/prep-tree.sh" || { atx_result "$tier" 0 1; exit 1; }
mkdir -p "$ATX_BUILD/logs"
log=$ATX_BUILD/logs/static.log
: > "$log"

cd "$ATX_TREE" || exit 1

# checkpatch
for f in $(atx_overlay_files | grep -E '(\.[ch]|\.rst|/Kconfig[^/]*|/Makefile)$'); do
	# shellcheck disable=SC2046
	if out=$(atx_checkpatch --strict --no-summary --quiet --show-types \
		 $(atx_checkpatch_ignores "$f") -f "$f" 2>&1) && [ -z "$out" ]; then
		pass
	else
		printf '%s\n' "$out" >> "$log"
		printf '%s\n' "$out"
		fail "checkpatch $f"
	fi
done

# kernel-doc
for f in $(atx_overlay_sources); do
	out=$(scripts/kernel-doc -none -Wall "$f" 2>&1)
	if [ -z "$out" ]; then
		pass
	else
		printf '%s\n' "$out" | tee -a "$log"
		fail "kernel-doc $f"
	fi
done

# every harness script, with shellcheck
for f in .ci/run $(cd "$ATX_SRC" && find tools/testing/async_tx -name "*.sh" | sort); do
	if out=$(cd "$ATX_SRC" && shellcheck -x -P SCRIPTDIR "$f" 2>&1); then
		pass
	else
		printf '%s\n' "$out" | tee -a "$log"
		fail "shellcheck $f"
	fi
done

# sparse and W=1, on x86_64 with the harness's config
objs=$(atx_overlay_sources | grep '\.c$' | sed 's/\.c$/.o/')
bdir=$ATX_BUILD/static-x86_64
if [ -n "$objs" ]; then
	mapfile -t cfg < <(atx_kunit_config_args x86_64)
	python3 tools/testing/kunit/kunit.py config --arch=x86_64 \
		--build_dir="$bdir" "${cfg[@]}" >> "$log" 2>&1 ||
		{ fail "static: kernel config"; atx_result "$tier" "$passed" "$failed"; exit 1; }
	cc=gcc
	command -v ccache >/dev/null && cc="ccache gcc"
	# shellcheck disable=SC2086
	for o in $objs; do rm -f "$bdir/$o"; done
	# shellcheck disable=SC2086
	out=$(make -s O="$bdir" ARCH=x86_64 CC="$cc" -j"$ATX_JOBS" C=2 W=1 \
		KCFLAGS=-Werror $objs 2>&1)
	printf '%s\n' "$out" >> "$log"
	for o in $objs; do
		c=${o%.o}.c
		msgs=$(printf '%s\n' "$out" | grep -E "(^|/)${c//./\\.}:[0-9]+:.*(warning|error)")
		if [ -f "$bdir/$o" ] && [ -z "$msgs" ]; then
			pass
		else
			[ -n "$msgs" ] && printf '%s\n' "$msgs"
			[ -f "$bdir/$o" ] || printf '%s\n' "$out" | tail -n 20
			fail "sparse/W=1 $c"
		fi
	done
fi

atx_result "$tier" "$passed" "$failed"
[ "$failed" -eq 0 ]
