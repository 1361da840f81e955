#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the overlaid tree for one arch and run our KUnit suites on it.
#
#   kunit.sh um|x86_64 [SUITE_GLOB]
#
# The kernel (atx_build_kernel in lib.sh) is configured from every
# .kunitconfig of ours plus the harness's fragments (configs/common.config,
# configs/ARCH.config).  The build directory build/kunit-ARCH is kept
# between runs and compiled through ccache, so a second run only
# rebuilds what changed.  The last line is a RESULT line for check.sh.

. "$(dirname "$0")/lib.sh"

arch=${1:?usage: kunit.sh um|x86_64 [SUITE_GLOB]}
glob=${2:-}
tier=kunit-$arch
case $arch in
um|x86_64) ;;
*) atx_die "unknown arch '$arch' (um or x86_64)" ;;
esac

atx_build_kernel "$arch" || { atx_result "$tier" 0 1; exit 1; }

args=(exec --arch="$arch" --build_dir="$ATX_BUILD/kunit-$arch"
      --timeout="${ATX_KUNIT_TIMEOUT:-1200}")
mapfile -t -O "${#args[@]}" args < <(atx_kunit_config_args "$arch")
[ "$arch" = x86_64 ] && args+=(--qemu_args "-m 2048 -smp 2")
[ -n "$glob" ] && args+=("$glob")

log=$ATX_BUILD/logs/$tier.log
atx_log "$tier: kunit.py ${args[*]}"
start=$(date +%s)
python3 "$ATX_TREE/tools/testing/kunit/kunit.py" "${args[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
atx_log "$tier: $(($(date +%s) - start)) s, kunit.py exit $rc, log in ${log#"$ATX_SRC"/}"

# "Testing complete. Ran N tests: passed: P, failed: F, skipped: S, ..."
summary=$(sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'Testing complete\. Ran [0-9]+ tests' | tail -n1)
count()
{
	printf '%s\n' "$summary" | grep -oE "$1: [0-9]+" | grep -oE '[0-9]+' || echo 0
}
passed=$(count passed)
failed=$(( $(count failed) + $(count crashed) + $(count errors) ))
skipped=$(count skipped)
if [ -z "$summary" ] || [ "$passed" -eq 0 ]; then
	# the tier could not run: build failure, boot failure or no tests
	failed=$((failed + 1))
fi
[ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
atx_result "$tier" "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ]
