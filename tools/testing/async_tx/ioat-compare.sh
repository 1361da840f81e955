#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# e2e-ioat on two kernels from one config: ours (the x86_64 KUnit build)
# and one built from the pristine base tree (upstream's dmaengine core
# and async_tx, the same ioatdma driver), on the same I/OAT model; then
# the cases side by side.  Outside make check: a second kernel costs
# too much there.
#
#   ioat-compare.sh        (make ioat-compare)

. "$(dirname "$0")/lib.sh"

ours=$ATX_BUILD/kunit-x86_64/arch/x86/boot/bzImage
up=$ATX_BUILD/upstream-x86_64
[ -f "$ours" ] || atx_build_kernel x86_64 || atx_die "no x86_64 kernel"

# upstream: the same .config (what only our tree has drops out)
mkdir -p "$up" "$ATX_BUILD/logs"
"$ATX_HARNESS/prep-tree.sh" || exit 1
if ! cmp -s "$ATX_BUILD/kunit-x86_64/.config" "$up/.atx-config-from"; then
	cp "$ATX_BUILD/kunit-x86_64/.config" "$up/.config"
	cp "$ATX_BUILD/kunit-x86_64/.config" "$up/.atx-config-from"
	make -s -C "$ATX_BASE" ARCH=x86_64 O="$up" olddefconfig ||
		atx_die "upstream olddefconfig failed"
fi
atx_log "ioat-compare: building the upstream x86_64 kernel (log in build/logs/upstream-x86_64.log)"
make -s -C "$ATX_BASE" ARCH=x86_64 O="$up" CC="$(atx_cc)" -j"$ATX_JOBS" \
	bzImage > "$ATX_BUILD/logs/upstream-x86_64.log" 2>&1 ||
	atx_die "upstream build failed"

L=$ATX_BUILD/logs
"$ATX_HARNESS/e2e-ioat.sh" "$ours" "$L/ioat-ours.log"
"$ATX_HARNESS/e2e-ioat.sh" "$up/arch/x86/boot/bzImage" "$L/ioat-upstream.log"

# one row per case, in the order first seen
cases() { atx_log_section "$1" scenarios | sed -n 's/^case \(.*\): \(ok\|FAILED\).*/\1\t\2/p'; }
ended() { atx_log_section "$1" scenarios | grep -q '^SCENARIOS END$' && echo yes || echo "no (stopped)"; }
{
	printf 'case\tours\tupstream\n'
	for f in ioat-ours ioat-upstream; do
		cases "$L/$f.log" | cut -f1
	done | awk '!seen[$0]++' | while IFS= read -r c; do
		r=
		for f in ioat-ours ioat-upstream; do
			v=$(cases "$L/$f.log" | awk -F'\t' -v c="$c" '$1 == c { print $2; exit }')
			r="$r	${v:--}"
		done
		printf '%s%s\n' "$c" "$r"
	done
	printf 'ran to the end\t%s\t%s\n' "$(ended "$L/ioat-ours.log")" \
		"$(ended "$L/ioat-upstream.log")"
} | column -t -s "$(printf '\t')"
for f in ioat-ours ioat-upstream; do
	b=$(sed -n 's/\r$//; /\(kernel BUG\|BUG:\|Oops\|WARNING\|RIP:\)/p' "$L/$f.log" | head -n 4)
	[ -n "$b" ] && printf '\n%s:\n%s\n' "$f" "$b"
done
exit 0
