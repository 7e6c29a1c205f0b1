#!/bin/sh
# Generate gen/ from spec/tcp.rl: the machine (ragel -G2), the event codes
# (from the chart's EV_ lines) and the chart-state numbers (from Ragel's
# tcp_en_ constants), in one step so they can never disagree.
# Usage: tools/gen.sh OUTDIR   (make gen uses gen/, make check a temp dir)
set -eu
out=${1:-gen}
spec=spec/tcp.rl
mkdir -p "$out"
ver=$(ragel --version | sed -n 's/.*version \([0-9.]*\).*/\1/p')
head="/* generated from $spec by ragel $ver; do not edit (make gen) */"

# -L: no #line directives, so the output does not depend on where it is
# written (make check compares a fresh generation with gen/ byte for byte).
ragel -G2 -L "$spec" -o "$out/tcp_machine.c.tmp"
{ echo "$head"; sed '/^\/\* #line [0-9]* ".*" \*\/$/d' "$out/tcp_machine.c.tmp"; } > "$out/tcp_machine.c"
rm -f "$out/tcp_machine.c.tmp"

{
  echo "$head"
  echo "#ifndef TCPFSM_EVENTS_H"
  echo "#define TCPFSM_EVENTS_H"
  echo "/* Machine events (the chart's alphabet): tcpfsm_output.event[] */"
  sed -n 's/^ *EV_\([A-Z0-9_]*\) *= *\([0-9]*\);.*/#define TCPFSM_EV_\1 \2/p' "$spec"
  echo "#define TCPFSM_EV_NAMES_INIT { \\"
  sed -n 's/^ *EV_\([A-Z0-9_]*\) *= *\([0-9]*\);.*/    [\2] = "\1", \\/p' "$spec"
  echo "}"
  echo "#define TCPFSM_EV_LIMIT 64"
  echo "#endif"
} > "$out/tcpfsm_events.h"

{
  echo "$head"
  echo "#ifndef TCPFSM_TCP_STATES_H"
  echo "#define TCPFSM_TCP_STATES_H"
  echo "/* Chart state numbers, as Ragel assigned them this time. */"
  sed -n 's/^static const int tcp_en_\([a-z0-9_]*\) = \([0-9]*\);/#define TCPFSM_CS_\1 \2/p' "$out/tcp_machine.c" \
    | awk '{ printf "%s %s %s\n", $1, toupper($2), $3 }'
  sed -n 's/^static const int tcp_error = \([0-9]*\);/#define TCPFSM_CS_ERROR \1/p' "$out/tcp_machine.c"
  echo "#endif"
} > "$out/tcp_states.h"
