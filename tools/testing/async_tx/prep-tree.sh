#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lay our overlay on a pristine Linux 6.12 tree.
#
#   build/base   the upstream tree from linux-source-6.12, extracted once
#                and made read-only
#   build/tree   base + our files + integration patches + our MAINTAINERS
#                entries; re-synced on every call
#
# A file is only rewritten in build/tree when its content changes, so the
# out-of-tree builds stay incremental.  A file that leaves the overlay is
# restored from the base.  build/tree-manifest lists what we manage.

. "$(dirname "$0")/lib.sh"
set -e

[ -n "$ATX_TARBALL" ] || atx_die "no /usr/src/linux-source-6.12.tar.*; run deps.sh"
mkdir -p "$ATX_BUILD"

if [ ! -f "$ATX_BASE/.atx-base" ]; then
	atx_log "extracting $(basename "$ATX_TARBALL") into build/base"
	rm -rf "$ATX_BASE.tmp"
	[ -d "$ATX_BASE" ] && chmod -R u+w "$ATX_BASE" && rm -rf "$ATX_BASE"
	mkdir -p "$ATX_BASE.tmp"
	tar xf "$ATX_TARBALL" -C "$ATX_BASE.tmp" --strip-components=1
	make -s -C "$ATX_BASE.tmp" kernelversion > "$ATX_BUILD/base-version"
	touch "$ATX_BASE.tmp/.atx-base"
	chmod -R a-w "$ATX_BASE.tmp"
	mv "$ATX_BASE.tmp" "$ATX_BASE"
	rm -rf "$ATX_TREE" "$ATX_BUILD/tree-manifest"
fi
atx_log "base: Linux $(cat "$ATX_BUILD/base-version") from $(basename "$ATX_TARBALL")"

if [ ! -f "$ATX_TREE/.atx-tree" ]; then
	atx_log "copying build/base to build/tree"
	rm -rf "$ATX_TREE" "$ATX_TREE.tmp" "$ATX_BUILD/tree-manifest"
	cp -a "$ATX_BASE" "$ATX_TREE.tmp"
	chmod -R u+w "$ATX_TREE.tmp"
	rm -f "$ATX_TREE.tmp/.atx-base"
	touch "$ATX_TREE.tmp/.atx-tree"
	mv "$ATX_TREE.tmp" "$ATX_TREE"
fi

# Build the wanted content of every managed path in a staging directory.
stage=$ATX_BUILD/stage
rm -rf "$stage"
mkdir -p "$stage"
trap 'rm -rf "$stage"' EXIT

atx_overlay_files | while read -r f; do
	mkdir -p "$stage/$(dirname "$f")"
	cp "$ATX_SRC/$f" "$stage/$f"
done

for p in "$ATX_HARNESS"/integration/*.patch; do
	[ -e "$p" ] || continue
	sed -n 's@^+++ b/\([^[:space:]]*\).*@\1@p' "$p" | while read -r f; do
		[ -e "$stage/$f" ] && continue
		mkdir -p "$stage/$(dirname "$f")"
		cp "$ATX_BASE/$f" "$stage/$f"
		chmod u+w "$stage/$f"
	done
	patch -p1 -s -N --no-backup-if-mismatch -d "$stage" < "$p" ||
		atx_die "integration patch $(basename "$p") does not apply"
done

if [ -s "$ATX_SRC/MAINTAINERS" ]; then
	python3 "$ATX_HARNESS/merge-maintainers.py" "$ATX_BASE/MAINTAINERS" \
		"$ATX_SRC/MAINTAINERS" > "$stage/MAINTAINERS"
fi

# Apply the staged content; restore what is no longer ours.
new_manifest=$ATX_BUILD/tree-manifest.new
(cd "$stage" && find . -type f -printf '%P\n' | sort) > "$new_manifest"
changed=0
while read -r f; do
	if ! cmp -s "$stage/$f" "$ATX_TREE/$f"; then
		mkdir -p "$ATX_TREE/$(dirname "$f")"
		cp "$stage/$f" "$ATX_TREE/$f"
		changed=$((changed + 1))
	fi
done < "$new_manifest"
if [ -f "$ATX_BUILD/tree-manifest" ]; then
	comm -23 "$ATX_BUILD/tree-manifest" "$new_manifest" | while read -r f; do
		if [ -e "$ATX_BASE/$f" ]; then
			cp "$ATX_BASE/$f" "$ATX_TREE/$f"
			chmod u+w "$ATX_TREE/$f"
		else
			rm -f "$ATX_TREE/$f"
		fi
		atx_log "restored $f"
	done
fi
mv "$new_manifest" "$ATX_BUILD/tree-manifest"
atx_log "tree: $(wc -l < "$ATX_BUILD/tree-manifest") managed files, $changed updated"
