#!/bin/sh
# check-prove-fct: make prove-fct proves the functions it is given with
# their group's options, and refuses a bad request with a message that says
# what is wrong (proofs/README.md "One function"). Also WP_CACHE's check.
#   tests/prove/check-prove-fct.sh BUILD_DIR
set -u
build=${1:-build}
make="${MAKE:-make} -s --no-print-directory"
pass=0 fail=0
out=$build/prove-fct-test.out

# case NAME EXPECTED-EXIT ("0" or "nonzero") PATTERN COMMAND...: runs
# COMMAND, checks its exit status and that its output matches PATTERN.
case_() {
  name=$1 want=$2 pattern=$3; shift 3
  "$@" >"$out" 2>&1; rc=$?
  if { [ "$want" = 0 ] && [ $rc -eq 0 ]; } || { [ "$want" = nonzero ] && [ $rc -ne 0 ]; }; then
    if grep -qE "$pattern" "$out"; then
      pass=$((pass + 1)); echo "ok   $name"; return
    fi
    echo "FAIL $name: exit $rc as expected, but no line matches /$pattern/:"
  else
    echo "FAIL $name: exit $rc, expected $want:"
  fi
  sed 's/^/     /' "$out"; fail=$((fail + 1))
}

case_ "no FCT" nonzero 'name the functions to prove' \
  $make prove-fct BUILD="$build"
case_ "FCT names no function of src/ or gen/" nonzero "no function 'no_such_function' is defined in src/ or gen/" \
  $make prove-fct FCT=no_such_function BUILD="$build"
case_ "FCT is not a list of C names" nonzero "'a;b' is not a C function name" \
  $make prove-fct 'FCT=a;b' BUILD="$build"
case_ "WP_CACHE is not a mode" nonzero 'WP_CACHE=sometimes: not a cache mode' \
  env WP_CACHE=sometimes $make prove BUILD="$build"
# one function of the API and one of the wire codec: each goes to its own
# group, and every goal is proved
case_ "an API function and a wire codec function" 0 \
  '^wp\[fct-api\]: ([0-9]+)/\1 goals proved' \
  $make prove-fct FCT=tcpfsm_config_default,rd16 BUILD="$build"
if grep -qE '^wp\[prove-wire\]: ([0-9]+)/\1 goals proved' "$out" &&
   grep -qE '^wp: ([1-9][0-9]*)/\1 goals proved \(FCT=tcpfsm_config_default,rd16\)$' "$out"; then
  pass=$((pass + 1)); echo "ok   the wire function in prove-wire, and the total"
else
  fail=$((fail + 1)); echo "FAIL the wire function in prove-wire, and the total:"; sed 's/^/     /' "$out"
fi
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
