#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build QEMU with the I/OAT engine model (ioat.c beside this script):
# Debian's qemu source package, through the deb-src entry deps.sh adds
# for the machine's own mirror, with only the x86_64-softmmu target, the
# UI, audio and network extras off, through ccache.  Everything lives in
# build/qemu: the package, its unpacked tree, the build directory.  A
# second run rebuilds only what changed (ninja); the configure step runs
# again only when its options change; a run waits for one under way.
# Prints the binary's path.
#
#   qemu/build.sh

. "$(dirname "$0")/../lib.sh"

Q=$ATX_BUILD/qemu
SRC=$Q/src
OBJ=$Q/obj
log=$ATX_BUILD/logs/qemu-build.log
mkdir -p "$Q" "$ATX_BUILD/logs"
# one build at a time (check.sh starts one early, e2e-ioat.sh waits)
exec 9> "$Q/.lock"
flock 9

"$ATX_HARNESS/deps.sh" qemu-src || exit 1

# the source package, unpacked with Debian's patches applied
if [ ! -f "$SRC/.atx-unpacked" ]; then
	rm -rf "$SRC" "$OBJ"
	(cd "$Q" && rm -f qemu_*.dsc qemu_*.tar.* &&
		apt-get source --download-only qemu >> "$log" 2>&1) ||
		atx_die "apt-get source qemu failed (log in $log)"
	dsc=$(find "$Q" -maxdepth 1 -name 'qemu_*.dsc' | head -n 1)
	atx_log "unpacking $(basename "$dsc")"
	dpkg-source -x "$dsc" "$SRC" >> "$log" 2>&1 ||
		atx_die "dpkg-source -x failed (log in $log)"
	touch "$SRC/.atx-unpacked"
fi

# the model, wired into hw/dma (only written when it differs, so that
# ninja sees a change only when there is one)
cmp -s "$ATX_HARNESS/qemu/ioat.c" "$SRC/hw/dma/atx-ioat.c" ||
	cp "$ATX_HARNESS/qemu/ioat.c" "$SRC/hw/dma/atx-ioat.c"
grep -q atx-ioat.c "$SRC/hw/dma/meson.build" ||
	echo "softmmu_ss.add(when: 'CONFIG_ATX_IOAT', if_true: files('atx-ioat.c'))" \
		>> "$SRC/hw/dma/meson.build"
grep -q 'config ATX_IOAT' "$SRC/hw/dma/Kconfig" ||
	printf '\nconfig ATX_IOAT\n    bool\n    default y if PCI_DEVICES\n    depends on PCI && MSI_NONBROKEN\n' \
		>> "$SRC/hw/dma/Kconfig"

opts=(--target-list=x86_64-softmmu --disable-install-blobs --disable-docs
      --disable-werror --disable-tools --disable-guest-agent
      --disable-gtk --disable-sdl --disable-vnc --disable-spice
      --disable-curses --disable-opengl --disable-virglrenderer
      --disable-slirp --disable-vde --disable-xen --audio-drv-list=)
cc=$(atx_cc)
want="${opts[*]} $cc"
if [ "$(cat "$OBJ/.atx-configured" 2>/dev/null)" != "$want" ]; then
	rm -rf "$OBJ"
	mkdir -p "$OBJ"
	atx_log "configuring QEMU (log in ${log#"$ATX_SRC"/})"
	(cd "$OBJ" && "$SRC/configure" "${opts[@]}" --cc="$cc" \
		--cxx="${cc/gcc/g++}" >> "$log" 2>&1) ||
		atx_die "QEMU configure failed (log in $log)"
	printf '%s\n' "$want" > "$OBJ/.atx-configured"
fi

atx_log "building QEMU (log in ${log#"$ATX_SRC"/})"
ninja -C "$OBJ" -j "$ATX_JOBS" qemu-system-x86_64 >> "$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; atx_die "QEMU build failed"; }
echo "$OBJ/qemu-system-x86_64"
