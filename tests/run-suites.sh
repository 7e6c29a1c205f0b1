#!/bin/sh
# Run each make target given, keep its output in build/suites/NAME.log, read
# its last "N passed, N failed" line, and print the sum. A suite that exits
# non-zero without such a line counts as one failure; one that prints none
# and exits 0 is an error too (a suite must say what it ran).
mkdir -p build/suites
total_pass=0; total_fail=0; bad=""
for suite in "$@"; do
  log=build/suites/$suite.log
  echo "== $suite"
  ${MAKE:-make} -s --no-print-directory "$suite" >"$log" 2>&1
  rc=$?
  tail -n 15 "$log" | sed 's/^/   /'
  line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 | sed 's/^[A-Za-z-]*: //')
  if [ -z "$line" ]; then
    echo "   ($suite printed no 'N passed, N failed' line; exit $rc: counted as 1 failed)"
    total_fail=$((total_fail + 1)); bad="$bad $suite"; continue
  fi
  p=$(echo "$line" | sed 's/^\([0-9]*\) passed.*/\1/')
  f=$(echo "$line" | sed 's/.* passed, \([0-9]*\) failed.*/\1/')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  [ "$f" -ne 0 ] && bad="$bad $suite"
done
[ -n "$bad" ] && echo "failing suites:$bad (logs in build/suites/)"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
