#!/bin/sh
# check-freebsd: every script of the FreeBSD state-event-engine suite must
# pass, except the known departures listed (with their reason) in a file;
# each of those must still fail, so the list can only shrink.
# Usage: check-freebsd.sh TOOL SUITE_DIR KNOWN_FILE [runner options...]
tool=$1; suite=$2; known=$3; shift 3
set -- "$@"
opts="$*"
all=$(ls "$suite"/*/*.pkt 2>/dev/null)
if [ -z "$all" ]; then echo "check-freebsd: no scripts in $suite"; echo "0 passed, 1 failed"; exit 1; fi
names=$(grep -v '^#' "$known" | awk 'NF {print $1}')
run=""; xfail=""
for f in $all; do
  b=$(basename "$f")
  if echo "$names" | grep -qx "$b"; then xfail="$xfail $f"; else run="$run $f"; fi
done
# shellcheck disable=SC2086
out=$($tool run $opts $run)
rc=$?
echo "$out" | grep -v '^PASS '
line=$(echo "$out" | tail -n 1)
p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); f=$(echo "$line" | sed -n 's/.* passed, \([0-9]*\) failed.*/\1/p')
[ -n "$p" ] || { echo "check-freebsd: the runner printed no result (exit $rc)"; p=0; f=1; }
skipped=0
for x in $xfail; do
  b=$(basename "$x")
  if $tool run $opts "$x" >/dev/null 2>&1; then
    echo "FAIL $b: listed as a known departure in $known but now passes: remove it from the list"
    f=$((f + 1))
  else
    echo "SKIP $b: known departure ($(grep "^$b " "$known" | cut -d' ' -f2-))"
    skipped=$((skipped + 1))
  fi
done
echo "$p passed, $f failed, $skipped skipped"
[ "$f" -eq 0 ]
