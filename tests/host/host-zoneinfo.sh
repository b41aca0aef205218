#!/bin/sh
# tests/host/host-zoneinfo.sh: --preset host must reproduce this machine's
# watermarks. mmsh reads a snapshot of /proc/zoneinfo and /proc/sys/vm
# (through MMSH_HOST_PROC, so the host cannot change underneath the test),
# and for every populated zone its zoneinfo must show the same min, low,
# high and protection as the snapshot. Also checks a fixture: the 1 GiB
# machine of kernel-5.10-mm.md section 7.4 (DMA 4095 pages from pfn 1,
# DMA32 258048 pages, vm.min_free_kbytes 4095).
#
# The host may run a newer kernel with a fifth zone (ZONE_DEVICE), whose
# protection entry mmsh (four zones) cannot print: the host's extra entries
# must equal its fourth. Unpopulated zones are not compared: kernels since
# 5.18 give an empty Movable zone a min of 32, 5.10 gives 0.

: "${MMSH:?MMSH must name the mmsh binary}"
: "${srcdir:=.}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

# zone_marks FILE: "node zone min low high p0 p1 p2 p3 [p4...]" per populated zone
zone_marks() {
	awk '
	/^Node [0-9]+, zone/ { if (name != "" && present > 0) print out; sub(",", "", $2); node = $2; name = $4; present = 0; out = ""; next }
	$1 == "min" { mn = $2 } $1 == "low" { lo = $2 } $1 == "high" { hi = $2 }
	$1 == "present" { present = $2 }
	$1 == "protection:" { p = $0; sub(/.*\(/, "", p); sub(/\).*/, "", p); gsub(/,/, "", p); out = node " " name " " mn " " lo " " hi " " p }
	END { if (name != "" && present > 0) print out }' "$1"
}

# compare EXPECTED_ZONEINFO MMSH_ZONEINFO LABEL
compare() {
	zone_marks "$1" > "$tmp/want"
	zone_marks "$2" > "$tmp/got"
	if [ ! -s "$tmp/want" ]; then
		echo "FAIL $3: no populated zone in the expected zoneinfo"; fail=1; return
	fi
	while read -r node zone mn lo hi p0 p1 p2 p3 rest; do
		got=$(awk -v n="$node" -v z="$zone" '$1 == n && $2 == z' "$tmp/got")
		if [ -z "$got" ]; then
			echo "FAIL $3: mmsh has no populated node $node zone $zone"; fail=1; continue
		fi
		want="$node $zone $mn $lo $hi $p0 $p1 $p2 $p3"
		if [ "$got" != "$want" ]; then
			echo "FAIL $3: node $node zone $zone: host '$want', mmsh '$got'"; fail=1
		else
			echo "PASS $3: node $node zone $zone min/low/high $mn/$lo/$hi protection ($p0, $p1, $p2, $p3)"
		fi
		for extra in $rest; do
			[ "$extra" = "$p3" ] || { echo "FAIL $3: $zone: a fifth protection entry $extra differs from the fourth"; fail=1; }
		done
	done < "$tmp/want"
}

# 1. the fixture: a known machine, whatever this host is
MMSH_HOST_PROC="$srcdir/tests/host/fixtures/1g" "$MMSH" -q --preset host -c zoneinfo > "$tmp/fixture.out" 2> "$tmp/fixture.err" ||
	{ echo "FAIL fixture: mmsh exited $?: $(cat "$tmp/fixture.err")"; fail=1; }
compare "$srcdir/tests/host/fixtures/1g/zoneinfo" "$tmp/fixture.out" "fixture 1g"

# 2. this machine
if [ ! -r /proc/zoneinfo ] || [ ! -r /proc/sys/vm/min_free_kbytes ]; then
	echo "SKIP host: /proc/zoneinfo or /proc/sys/vm is not readable here"
	exit $fail
fi
mkdir -p "$tmp/proc/sys/vm"
cp /proc/zoneinfo "$tmp/proc/zoneinfo"
for f in min_free_kbytes watermark_scale_factor lowmem_reserve_ratio; do
	[ -r "/proc/sys/vm/$f" ] && cp "/proc/sys/vm/$f" "$tmp/proc/sys/vm/$f"
done
MMSH_HOST_PROC="$tmp/proc" "$MMSH" -q --preset host -c zoneinfo > "$tmp/host.out" 2> "$tmp/host.err" ||
	{ echo "FAIL host: mmsh exited $?: $(cat "$tmp/host.err")"; fail=1; }
compare "$tmp/proc/zoneinfo" "$tmp/host.out" "host"
exit $fail
