#!/bin/sh
# Every tests/run/*/*.pkt must FAIL with the message its first line names:
#   // expect: TEXT
# TEXT must appear in the runner's "FAIL name: file:line: message" line, and
# the runner must exit 1 (not crash, not 2). Ends with "N passed, N failed".
tool=$1; dir=$2
pass=0; fail=0
for f in "$dir"/*/*.pkt; do
  [ -f "$f" ] || continue
  want=$(head -n 1 "$f" | sed -n 's|^// expect: ||p')
  if [ -z "$want" ]; then
    echo "FAIL $f: first line is not '// expect: TEXT'"; fail=$((fail + 1)); continue
  fi
  out=$("$tool" run "$f" 2>&1); rc=$?
  line=$(printf '%s\n' "$out" | grep '^FAIL ' | head -n 1)
  case "$line" in
    *"$f$want"*) ok=1 ;;
    *) ok=0 ;;
  esac
  if [ "$rc" -eq 1 ] && [ "$ok" -eq 1 ]; then
    pass=$((pass + 1))
  else
    echo "FAIL $f: exit $rc"
    echo "   want: $f$want"
    echo "   got:  $(printf '%s\n' "$out" | head -n 1)"
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
