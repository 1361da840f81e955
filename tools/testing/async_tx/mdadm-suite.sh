#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mdadm's own test suite (tests/ of Debian's mdadm source, driven by its
# "test" script) on our stack, in UML: the raid456 tests listed in
# mdadm-tests, in three setups - no engine (cpu), dmasim ioat + iop-adma
# (engines), the same with random faults (faults) - one boot per setup
# (as many at once as there are cores),
# each test one case.
#
#   mdadm-suite.sh [check|all|upstream]
#
# check     the tests marked "check" (make check's tier e2e-mdadm)
# all       every test listed (make mdadm)
# upstream  every test listed on a kernel from the pristine base tree
#           with dmasim hooked in (make mdadm-upstream), cpu and engines;
#           writes mdadm-upstream.txt beside this script (a narrowed run
#           replaces the lines of what it ran), which the other
#           modes read: a test that fails here the way it fails there is
#           reported as skipped, with that reason
#
# ATX_MDADM_TESTS=a,b and ATX_MDADM_SETUPS="cpu faults" narrow a run;
# ATX_MDADM_TIMEOUT=S bounds each test (300 s in check, 1500 s else).
#
# The suite is the mdadm it sits beside: the source package is unpacked
# and built in build/mdadm ("make test": mdadm and the helpers the tests
# call, raid6check among them; libudev-dev, through deps.sh).

. "$(dirname "$0")/lib.sh"

mode=${1:-check}
tier=e2e-mdadm
list=$ATX_HARNESS/mdadm-tests
known=$ATX_HARNESS/mdadm-upstream.txt
M=$ATX_BUILD/mdadm
SRC=$M/src
mkdir -p "$M" "$ATX_BUILD/logs"
log=$ATX_BUILD/logs/mdadm-build.log

fail_tier() { atx_result "$tier" 0 1; exit 1; }

"$ATX_HARNESS/deps.sh" mdadm-src || fail_tier
if [ ! -f "$SRC/.atx-built" ]; then
	rm -rf "$SRC"
	(cd "$M" && rm -f mdadm_*.dsc mdadm_*.tar.* &&
		apt-get source --download-only mdadm > "$log" 2>&1) ||
		{ atx_log "apt-get source mdadm failed (log in $log)"; fail_tier; }
	dsc=$(find "$M" -maxdepth 1 -name 'mdadm_*.dsc' | head -n 1)
	atx_log "mdadm suite: unpacking $(basename "$dsc") and building its mdadm"
	if ! dpkg-source -x "$dsc" "$SRC" >> "$log" 2>&1 ||
	   ! make -C "$SRC" -j"$ATX_JOBS" CC="$(atx_cc)" test >> "$log" 2>&1; then
		atx_log "mdadm build failed (log in $log)"
		fail_tier
	fi
	touch "$SRC/.atx-built"
fi

# the tests of a scope, comma-separated
tests_of() {
	sed 's/#.*//' "$list" | awk -v m="$1" \
		'NF >= 2 && ($2 == "check" || (m != "check" && $2 == "all")) { printf "%s%s", s, $1; s = "," }'
}

case $mode in
check|all)
	atx_build_kernel um || fail_tier
	kernel=$ATX_BUILD/kunit-um/linux
	setups="cpu engines faults" ;;
upstream)
	kernel=$(atx_build_upstream_um) || fail_tier
	setups="cpu engines" ;;
*) atx_die "usage: mdadm-suite.sh [check|all|upstream]" ;;
esac
tests=${ATX_MDADM_TESTS:-$(tests_of "$mode")}
# a test of make check's list takes under a minute; the whole list has
# tests of several minutes (01raid6integ, 07testreshape5)
per_test=300
[ "$mode" = check ] || per_test=1500
per_test=${ATX_MDADM_TIMEOUT:-$per_test}
setups=${ATX_MDADM_SETUPS:-$setups}

pass=0 fail=0 skip=0
results=$(mktemp)
trap 'rm -f "$results"' EXIT
# One boot per setup; a UML kernel runs on one core, so up to ATX_JOBS
# of them at once.
boot_setup() { # SETUP
	local engines=
	[ "$1" != cpu ] && engines='dmasim.devices=ioat;iop-adma'
	# shellcheck disable=SC2086 # $engines is one word or none
	atx_uml_boot 3600 "$kernel" "$ATX_HARNESS/mdadm-init.sh" mem=1024M \
		brd.rd_nr=14 brd.rd_size=20000 $engines loglevel=1 \
		atx_suite="$SRC" atx_setup="$1" atx_tests="$tests" \
		atx_test_timeout="$per_test" \
		> "$ATX_BUILD/logs/mdadm-$mode-$1.log" 2>&1
}
running=0
for setup in $setups; do
	if [ "$running" -ge "$ATX_JOBS" ]; then
		wait -n
		running=$((running - 1))
	fi
	atx_log "$tier: mdadm's suite, $setup, $(echo "$tests" | tr , '\n' | wc -l) tests (log in build/logs/mdadm-$mode-$setup.log)"
	boot_setup "$setup" &
	running=$((running + 1))
done
wait
for setup in $setups; do
	section=$(atx_log_section "$ATX_BUILD/logs/mdadm-$mode-$setup.log" mdadm)
	# a test during which the kernel warned is a failed case
	grep -E '^(case|engines|taint) ' <<< "$section" | tee -a "$results" |
		sed 's/^/    /' >&2
	grep -q '^MDADM END$' <<< "$section" ||
		{ atx_log "$tier: the $setup boot did not finish"; fail=$((fail + 1)); }
	# every test listed has its line
	for t in $(echo "$tests" | tr , ' '); do
		grep -q "^case mdadm $setup $t: " <<< "$section" ||
			{ atx_log "$tier: $setup $t: no result"; fail=$((fail + 1)); }
	done
done

if [ "$mode" = upstream ]; then
	ran=$(sed -n 's/^case mdadm \([a-z]*\) \([^:]*\): \([A-Z]*\)\(.*\)$/\2 \1 \3\4/p; s/^case mdadm \([a-z]*\) \([^:]*\): ok.*$/\2 \1 ok/p' "$results" |
		sed 's/ (\([0-9]*\) s)$//')
	# A narrowed run (ATX_MDADM_TESTS, ATX_MDADM_SETUPS) replaces the
	# lines of the tests and setups it ran and keeps the rest.
	kept='' kept_engines=''
	if [ -f "$known" ]; then
		kept=$(grep -v '^#' "$known" | awk 'NR == FNR { ran[$1 " " $2]; next }
			!(($1 " " $2) in ran)' <(printf '%s\n' "$ran") -)
		kept_engines=$(grep '^# engines ' "$known" |
			grep -v -E "^# engines ($(tr ' ' '|' <<< "$setups")):") || true
	fi
	{
		echo "# mdadm's suite on the pristine base kernel (with dmasim hooked in),"
		echo "# last updated by 'make mdadm-upstream' on $(date -u +%Y-%m-%d):"
		echo "# TEST SETUP RESULT [WHY]"
		printf '%s\n' "$kept" "$ran" | grep -v '^$' | sort -s -k2,2 -k1,1
		printf '%s\n' "$kept_engines" | grep -v '^$' || true
		grep '^engines ' "$results" | sed 's/^/# /'
	} > "$known.new"
	mv "$known.new" "$known"
	atx_log "$tier: pristine kernel's results in ${known#"$ATX_SRC"/}"
fi

while read -r line; do
	case $line in
	"case mdadm "*": ok"*) pass=$((pass + 1)) ;;
	"case mdadm "*": FAILED"*)
		# shellcheck disable=SC2086 # its words
		set -- $line
		setup=$3 t=${4%:}
		ours=$(sed 's/^case mdadm [a-z]* [^:]*: FAILED //; s/ ([0-9]* s)$//' <<< "$line")
		# failed the same way (the same message) on the pristine
		# kernel in this setup, or on its CPU; the message through
		# the environment, as awk -v would expand its backslashes
		why=$(OURS=$ours awk -v t="$t" -v s="$setup" '
			$1 == t && ($2 == s || $2 == "cpu") && $3 == "FAILED" {
				r = $0
				sub(/^[^ ]+ [^ ]+ FAILED ?/, "", r)
				if (r == ENVIRON["OURS"])
					print
			}' "$known" 2>/dev/null | head -n 1)
		if [ "$mode" != upstream ] && [ -n "$why" ]; then
			atx_log "$tier: $setup $t skipped: fails on the pristine upstream kernel too ($why)"
			skip=$((skip + 1))
		else
			fail=$((fail + 1))
		fi ;;
	esac
done < "$results"
atx_result "$tier" "$pass" "$fail" "$skip"
[ "$fail" -eq 0 ]
