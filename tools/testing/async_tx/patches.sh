#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Turn the overlay into a git-am-able patch series against the base.
#
# The series is described by series/NN-name files: a "Paths:" line with
# the path prefixes the patch takes (none in an entry that only brings
# later forms of files taken before), optional "Staged:", "Spliced:",
# "Tail:", "Kept:" and "Final:" lines, the subject line, a blank line and the
# body.  Every managed file of build/tree must belong to one patch.  A
# file a patch takes can come in an earlier form first, so that each
# patch builds on its own: "Staged: PATH FIXUP" in an entry gives PATH the final content
# with series/FIXUP applied, and "Final: PATH" in a later entry
# brings the final content.  A rewrite too long for one patch comes in
# two: "Spliced: PATH STRUCT FIXUP" gives PATH our content up to the end
# of "struct STRUCT {" followed by the base's content after the end of
# its own, with series/FIXUP applied (the base's text is taken from the
# base tree, never stored here).  "Tail: PATH BASE_RE OURS_RE FIXUP" is
# the other way round, for a rewrite whose last sections can come
# first: the base's content before its first line matching BASE_RE,
# then ours from the line before our first line matching OURS_RE (the
# top of that section's banner), with series/FIXUP applied; the
# patterns are awk regexes without blanks.  "Kept: PATH FIXUP BASE_FROM
# BASE_TO OURS_FROM OURS_TO [...]" keeps sections of the base inside our
# content, for a rewrite whose middle parts come later: ours, each of
# whose sections from the banner above its first line matching OURS_FROM
# to the banner above OURS_TO (in our order; the same pattern twice
# inserts before that banner) is replaced by the base's lines from the
# first matching BASE_FROM through the next matching BASE_TO, with
# series/FIXUP applied (it adapts the base's sections to our code around
# them; made with `diff -U1`, it carries hardly more of the base's text
# than the lines it changes).  Kept sections go in the base's order, or
# the patch would show them moved.  Each patch also adds the
# MAINTAINERS F: lines that cover the files it introduces, so that it
# stands alone before checkpatch.
#
# (Debian's base tree ignores everything at its top level in .gitignore,
# hence the forced add.)
#
# Output: build/patches/*.patch with a cover letter.  Then the series is
# checked: checkpatch --strict on every patch, `git am` of the whole
# series on a pristine checkout must give exactly build/tree, and the
# tree after each patch must build (the UML harness config, the
# directories our files and their users live in).

. "$(dirname "$0")/lib.sh"

tier=patches
"$ATX_HARNESS/prep-tree.sh" || { atx_result "$tier" 0 1; exit 1; }

repo=$ATX_BUILD/patches-git
out=$ATX_BUILD/patches
name=${ATX_PATCH_NAME:-$(git config user.name || echo "async offload developers")}
email=${ATX_PATCH_EMAIL:-$(git config user.email || echo "async-offload@localhost")}
export GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email
export GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email
# Dated as the overlay's last commit, so that the output is reproducible.
date=$(git -C "$ATX_SRC" log -1 --format=%cI 2>/dev/null || date -R)
export GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date
g() { git -C "$repo" "$@"; }

if ! g rev-parse -q --verify refs/tags/base >/dev/null 2>&1; then
	atx_log "patches: recording the base tree in git (once)"
	rm -rf "$repo"
	git init -q "$repo"
	# 80,000 loose objects would set off an automatic gc in every later run
	git -C "$repo" config gc.auto 0
	# a scratch copy: storing 80,000 files uncompressed halves the time
	git -C "$repo" config core.looseCompression 0
	echo /.atx-base > "$repo/.git/info/exclude"
	(cd "$ATX_BASE" && git --git-dir="$repo/.git" --work-tree=. add -A -f)
	g commit -q -m "Linux $(cat "$ATX_BUILD/base-version")"
	g tag base
	g worktree add -q --detach "$ATX_BUILD/patches-am" base
fi

# Assign every managed file to the first series entry whose paths take it.
manifest=$ATX_BUILD/tree-manifest
series=$(find "$ATX_HARNESS/series" -maxdepth 1 -name '[0-9]*' | sort)
unclaimed=$(grep -v '^MAINTAINERS$' "$manifest")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in $series; do
	: > "$tmp/$(basename "$s").files"
	read -r -a paths < <(sed -n 's/^Paths://p' "$s")
	for p in "${paths[@]}"; do
		printf '%s\n' "$unclaimed" |
			awk -v p="$p" 'index($0, p) == 1' >> "$tmp/$(basename "$s").files"
	done
	sort -u -o "$tmp/$(basename "$s").files" "$tmp/$(basename "$s").files"
	unclaimed=$(printf '%s\n' "$unclaimed" |
		grep -v -x -F -f "$tmp/$(basename "$s").files")
done
if [ -n "$unclaimed" ]; then
	printf 'patches: no series entry takes:\n%s\n' "$unclaimed" >&2
	atx_result "$tier" 0 1
	exit 1
fi

# The line that closes "struct NAME {" in FILE.
#   struct_end FILE NAME
struct_end()
{
	awk -v open="struct $2 {" '$0 == open { inside = 1 }
		inside && /^};/ { print NR; exit }' "$1"
}

# The number of the first line of FILE that matches the awk regex RE
# (passed through the environment: -v would rewrite its backslashes).
#   first_match FILE RE
first_match()
{
	ATX_RE=$2 awk '$0 ~ ENVIRON["ATX_RE"] { print NR; exit }' "$1"
}

# The first line of FILE from line FROM on that matches the awk regex RE.
#   next_match FILE FROM RE
next_match()
{
	ATX_RE=$3 awk -v from="$2" 'NR >= from && $0 ~ ENVIRON["ATX_RE"] {
		print NR; exit }' "$1"
}

# Our content of PATH with sections of the base's in place of ours (see
# "Kept:" above); fails if a pattern finds nothing or sections overlap.
#   kept PATH BASE_FROM BASE_TO OURS_FROM OURS_TO [...]
kept()
{
	local f=$1 at=1 b1 b2 o1 o2

	shift
	while [ $# -ge 4 ]; do
		b1=$(first_match "$ATX_BASE/$f" "$1")
		[ -n "$b1" ] || return 1
		b2=$(next_match "$ATX_BASE/$f" "$b1" "$2")
		o1=$(first_match "$ATX_TREE/$f" "$3")
		o2=$(first_match "$ATX_TREE/$f" "$4")
		if [ -z "$b2" ] || [ -z "$o1" ] || [ -z "$o2" ] ||
		   [ "$o1" -le "$at" ] || [ "$o2" -lt "$o1" ]; then
			return 1
		fi
		[ "$((o1 - 2))" -lt "$at" ] ||
			sed -n "${at},$((o1 - 2))p" "$ATX_TREE/$f"
		sed -n "${b1},${b2}p" "$ATX_BASE/$f"
		echo
		at=$((o2 - 1))
		shift 4
	done
	[ $# -eq 0 ] && tail -n "+$at" "$ATX_TREE/$f"
}

# Put the content on stdin, with series/FIXUP applied, in the index as
# PATH.
#   stage PATH FIXUP < CONTENT
stage()
{
	cat > "$tmp/staged"
	patch -s -p1 --no-backup-if-mismatch "$tmp/staged" \
		< "$ATX_HARNESS/series/$2" ||
		atx_die "patches: $2 does not apply to $1"
	g update-index --add --cacheinfo \
		"100644,$(g hash-object -w "$tmp/staged"),$1"
}

# Build one commit per entry on a scratch index, without a work tree.
export GIT_INDEX_FILE=$tmp/index
g read-tree base
parent=$(g rev-parse base)
: > "$tmp/sofar"
for s in $series; do
	files=$tmp/$(basename "$s").files
	[ -s "$files" ] || grep -q -E '^(Staged|Spliced|Tail|Kept|Final):' "$s" || continue
	cat "$files" >> "$tmp/sofar"
	while read -r f; do
		h=$(g hash-object -w "$ATX_TREE/$f")
		mode=100644
		[ -x "$ATX_TREE/$f" ] && mode=100755
		g update-index --add --cacheinfo "$mode,$h,$f"
	done < <(cat "$files"; sed -n 's/^Final: *//p' "$s")
	# earlier forms of files a later patch finishes
	while read -r f fixup; do
		stage "$f" "$fixup" < "$ATX_TREE/$f"
	done < <(sed -n 's/^Staged: *//p' "$s")
	while read -r f st fixup; do
		ours=$(struct_end "$ATX_TREE/$f" "$st")
		theirs=$(struct_end "$ATX_BASE/$f" "$st")
		if [ -z "$ours" ] || [ -z "$theirs" ]; then
			atx_die "patches: no struct $st in $f to splice at"
		fi
		stage "$f" "$fixup" < <(head -n "$ours" "$ATX_TREE/$f"
					tail -n "+$((theirs + 1))" "$ATX_BASE/$f")
	done < <(sed -n 's/^Spliced: *//p' "$s")
	while read -r f bre ore fixup; do
		theirs=$(first_match "$ATX_BASE/$f" "$bre")
		ours=$(first_match "$ATX_TREE/$f" "$ore")
		if [ -z "$ours" ] || [ -z "$theirs" ] || [ "$ours" -lt 2 ]; then
			atx_die "patches: no line to join $f at"
		fi
		stage "$f" "$fixup" < <(head -n "$((theirs - 1))" "$ATX_BASE/$f"
					tail -n "+$((ours - 1))" "$ATX_TREE/$f")
	done < <(sed -n 's/^Tail: *//p' "$s")
	while read -r f fixup sections; do
		read -r -a re <<< "$sections"
		kept "$f" "${re[@]}" > "$tmp/kept" ||
			atx_die "patches: no sections of $f to keep"
		stage "$f" "$fixup" < "$tmp/kept"
	done < <(sed -n 's/^Kept: *//p' "$s")
	if [ -s "$ATX_SRC/MAINTAINERS" ]; then
		python3 "$ATX_HARNESS/merge-maintainers.py" --only "$tmp/sofar" \
			"$ATX_BASE/MAINTAINERS" "$ATX_SRC/MAINTAINERS" > "$tmp/M"
		h=$(g hash-object -w "$tmp/M")
		g update-index --cacheinfo "100644,$h,MAINTAINERS"
	fi
	{
		grep -v -E '^(Paths|Staged|Spliced|Tail|Kept|Final):' "$s"
		printf '\nSigned-off-by: %s <%s>\n' "$name" "$email"
	} > "$tmp/msg"
	parent=$(g commit-tree "$(g write-tree)" -p "$parent" -F "$tmp/msg")
done
unset GIT_INDEX_FILE
g update-ref refs/heads/series "$parent"

rm -rf "$out"
g config branch.series.description "$(cat "$ATX_HARNESS/series/cover")"
g format-patch -q --cover-letter --cover-from-description=subject \
	-o "$out" base..series
mapfile -t series_patches < <(find "$out" -name '*.patch' ! -name '0000-cover-letter.patch' | sort)
atx_log "patches: ${#series_patches[@]} patches and a cover letter in ${out#"$ATX_SRC"/}"

# Verify, on a pristine checkout of the base (checkpatch's SPDX check
# wants a git tree): checkpatch each patch, then git am the series.
passed=0
failed=0
am=$ATX_BUILD/patches-am
git -C "$am" am --abort >/dev/null 2>&1
git -C "$am" checkout -q --detach -f base && git -C "$am" clean -fdxq
for p in "${series_patches[@]}"; do
	touched=$(sed -n 's@^+++ b/@@p' "$p")
	# shellcheck disable=SC2046,SC2086
	if r=$(cd "$am" && atx_checkpatch --strict --no-summary --quiet \
	       --show-types $(atx_checkpatch_ignores $touched) --root=. "$p" 2>&1) &&
	   [ -z "$r" ]; then
		passed=$((passed + 1))
	else
		printf '%s\n' "$r"
		printf 'FAIL checkpatch %s\n' "$(basename "$p")"
		failed=$((failed + 1))
	fi
done
if git -C "$am" am -q "${series_patches[@]}" >/dev/null 2>&1 &&
   [ "$(git -C "$am" rev-parse 'HEAD^{tree}')" = "$(g rev-parse 'series^{tree}')" ]; then
	passed=$((passed + 1))
else
	git -C "$am" am --abort >/dev/null 2>&1
	printf 'FAIL git am of the series on the base\n'
	failed=$((failed + 1))
fi

# Each patch builds: the tree after it, the harness's UML config (what
# the tree does not know yet drops out) with the dmaengine core forced
# on, the directories of our files and of their users; a compile error
# fails it (warnings are the static tier's business, on the final tree).
bdir=$ATX_BUILD/patches-build
config=$ATX_BUILD/patches-config/.config
mapfile -t cfg < <(atx_kunit_config_args um)
if ! python3 "$ATX_TREE/tools/testing/kunit/kunit.py" config --arch=um \
	--build_dir="$ATX_BUILD/patches-config" "${cfg[@]}" \
	> "$ATX_BUILD/logs/patches-config.log" 2>&1; then
	printf 'FAIL per-patch builds: no UML config (see build/logs/patches-config.log)\n'
	failed=$((failed + 1))
else
	mkdir -p "$bdir"
	for c in $(g rev-list --reverse base..series); do
		subject=$(g log -1 --format=%s "$c")
		git -C "$am" checkout -q --detach -f "$c"
		# On UML nothing selects the dmaengine core before dmasim's
		# patch: a scratch symbol turns it on, so that the core's own
		# patch compiles the core (and upstream's async_tx on it).
		printf '\nconfig ATX_PATCH_CHECK\n\tbool "patches tier"\n\tselect DMA_ENGINE\n\tselect DMA_ENGINE_RAID\n' \
			>> "$am/drivers/dma/Kconfig"
		cp "$config" "$bdir/.config"
		echo CONFIG_ATX_PATCH_CHECK=y >> "$bdir/.config"
		log=$ATX_BUILD/logs/patches-build.log
		if make -s -C "$am" O="$bdir" ARCH=um CC="$(atx_cc)" \
			olddefconfig > "$log" 2>&1 &&
		   grep -q '^CONFIG_DMA_ENGINE=y' "$bdir/.config" &&
		   make -s -C "$am" O="$bdir" ARCH=um CC="$(atx_cc)" \
			-j"$ATX_JOBS" drivers/dma/ crypto/ \
			drivers/md/ >> "$log" 2>&1; then
			passed=$((passed + 1))
		else
			grep -E 'error' "$log" | head -n 20
			printf 'FAIL build after "%s"\n' "$subject"
			failed=$((failed + 1))
		fi
	done
	git -C "$am" checkout -q --detach -f base
fi

atx_result "$tier" "$passed" "$failed"
[ "$failed" -eq 0 ]
