#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every test tier, print each tier's result and a last line
#   N passed, N failed, N skipped
# summing them all.  A tier that cannot run counts as failed.  Exits
# non-zero when anything failed.
#
#   check.sh [TIER...]     default: every tier

. "$(dirname "$0")/lib.sh"

all_tiers="kunit-um e2e-um e2e-mdadm kunit-x86_64 e2e-x86_64 e2e-ioat compat static patches"
tiers=${*:-$all_tiers}

start=$(date +%s)
"$ATX_HARNESS/deps.sh" || { echo "0 passed, 1 failed"; exit 1; }
mkdir -p "$ATX_BUILD/logs"

# Space: a run from an empty build/ writes about 8 GiB there (the base
# tree twice, kernels, QEMU) and up to 2 GiB of ccache.  Say so up front
# rather than failing a tier on ENOSPC half an hour in.
disk()
{
	printf 'disk: build/ holds %s, %s free beside it\n' \
		"$(du -sh "$ATX_BUILD" 2>/dev/null | cut -f1)" \
		"$(df -h --output=avail "$ATX_BUILD" | tail -n1 | tr -d ' ')"
}
disk
free_kib=$(df -k --output=avail "$ATX_BUILD" | tail -n1)
if [ "$free_kib" -lt $((10 * 1024 * 1024)) ]; then
	printf 'warning: less than 10 GiB free; a run from an empty build/ needs about that\n'
fi

results=$(mktemp)
qemu_bg=
trap 'rm -f "$results"; [ -n "$qemu_bg" ] && kill "$qemu_bg" 2>/dev/null' EXIT
# e2e-ioat's QEMU does not depend on our tree: build it from the start
# at the lowest priority, on whatever core the tiers before it leave
# idle (a UML kernel or a TCG machine keeps one busy); e2e-ioat's own
# call waits for it (qemu/build.sh holds a lock) and finds it built.
case " $tiers " in
*" e2e-ioat "*)
	if "$ATX_HARNESS/deps.sh" qemu-src; then
		nice -n 19 "$ATX_HARNESS/qemu/build.sh" > /dev/null \
			2> "$ATX_BUILD/logs/qemu-early.log" &
		qemu_bg=$!
	fi ;;
esac
for t in $tiers; do
	case $t in
	kunit-um)	cmd=("$ATX_HARNESS/kunit.sh" um) ;;
	e2e-um)		cmd=("$ATX_HARNESS/e2e.sh") ;;
	e2e-mdadm)	cmd=("$ATX_HARNESS/mdadm-suite.sh" check) ;;
	kunit-x86_64)	cmd=("$ATX_HARNESS/kunit.sh" x86_64) ;;
	e2e-x86_64)	cmd=("$ATX_HARNESS/e2e-qemu.sh") ;;
	e2e-ioat)	cmd=("$ATX_HARNESS/e2e-ioat.sh") ;;
	compat)		cmd=("$ATX_HARNESS/compat.sh") ;;
	static)		cmd=("$ATX_HARNESS/static.sh") ;;
	patches)	cmd=("$ATX_HARNESS/patches.sh") ;;
	*)		atx_die "unknown tier '$t' (known: $all_tiers)" ;;
	esac
	printf '\n===== tier %s =====\n' "$t"
	t0=$(date +%s)
	tierlog=$ATX_BUILD/logs/tier-$t.log
	"${cmd[@]}" 2>&1 | tee "$tierlog"
	out=$(grep '^RESULT ' "$tierlog" | tail -n1)
	[ -n "$out" ] || out="RESULT $t: 0 passed, 1 failed, 0 skipped"
	printf '%s (%d s)\n' "$out" $(($(date +%s) - t0)) | tee -a "$results"
done

printf '\n===== summary (%d s) =====\n' $(($(date +%s) - start))
disk
sed 's/^RESULT //' "$results"
# name what failed here, next to the counts: a CI run may show no more
# than the tail of its output
for t in $tiers; do
	grep -q "^RESULT $t: [0-9]* passed, 0 failed" "$results" && continue
	printf 'failed in %s (first 10; all in build/logs/tier-%s.log):\n' "$t" "$t"
	grep -E 'FAILED|^ *not ok [0-9]|^FAIL' "$ATX_BUILD/logs/tier-$t.log" 2>/dev/null |
		head -n 10 | sed 's/^ */  /'
done
awk '{ for (i = 1; i < NF; i++) {
		if ($(i + 1) ~ /^passed/) p += $i
		if ($(i + 1) ~ /^failed/) f += $i
		if ($(i + 1) ~ /^skipped/) s += $i } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s; exit f > 0 }' "$results"
