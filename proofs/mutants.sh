#!/bin/sh
# make prove-mutants: show that the proof bites. Each mutant is a copy of the
# tree with one planted fault (a wrong transition or action in the chart, or a
# wrong sequence-number update in the core); WP runs on the function the
# fault is in and must fail to prove it. Prints one line per mutant and
# "N passed, N failed" (a mutant passes when WP rejects it).
set -u
build=${1:-build}
root=$build/prove-mutants
rm -rf "$root"; mkdir -p "$root"
WP="-wp -wp-rte -wp-prover cvc4,z3 -wp-timeout ${WP_TIMEOUT:-600} -wp-steps ${WP_STEPS:-3000000} -wp-par ${WP_PAR:-2}"
# WARN, QED, UNPROVED as make prove has them (proofs/wp.sh); every mutant
# is in the machine or a core helper, which make prove runs with $QED.
. "$(dirname "$0")/wp.sh"
WP="$WP $QED"
pass=0; fail=0

# MUTANTS_PLANT_ONLY=1: only plant each fault (one changed line, the chart
# still generates, the named functions exist) and report; make check runs
# this (check-mutants-plant) so that a refactoring cannot leave a mutant
# that no longer plants.
# name | file | sed expression | functions WP checks | properties [| model]
# model: Typed+ref for the core's static helpers, as make prove runs them
# (proofs/README.md), where plain Typed cannot prove the unmutated code.
mutant() {
  name=$1 file=$2 expr=$3 fct=$4 props=$5 model=${6:-}
  # MUTANTS="pattern" runs only the mutants whose name matches it
  case $name in ${MUTANTS:-*}) ;; *) return ;; esac
  dir=$root/$name
  mkdir -p "$dir"
  cp -r spec src gen proofs tools "$dir"/
  before=$(md5sum < "$dir/$file")
  sed -i "$expr" "$dir/$file"
  if [ "$(md5sum < "$dir/$file")" = "$before" ]; then
    echo "FAIL $name: the sed expression changed nothing in $file"; fail=$((fail + 1)); return
  fi
  case $file in spec/*) (cd "$dir" && tools/gen.sh gen) || { echo "FAIL $name: gen"; fail=$((fail + 1)); return; } ;; esac
  if [ "${MUTANTS_PLANT_ONLY:-0}" = 1 ]; then
    # make check (check-mutants-plant): the fault still plants as one
    # changed line, in a function WP is pointed at; no WP run
    n=$(diff "$file" "$dir/$file" | grep -c '^>')
    if [ "$n" -ne 1 ]; then
      echo "FAIL $name: the sed expression changed $n lines of $file, not one"; fail=$((fail + 1)); return
    fi
    for f in $(echo "$fct" | tr ',' ' '); do
      grep -qE "(^|[^A-Za-z0-9_])$f\(" "$dir"/src/*.c "$dir"/src/*.h "$dir"/gen/*.c || {
        echo "FAIL $name: no function $f to check"; fail=$((fail + 1)); return; }
    done
    echo "PASS $name: planted (one line of $file)"; pass=$((pass + 1)); return
  fi
  (cd "$dir" && frama-c "-cpp-extra-args=-Isrc -Igen" $WP $WARN -wp-fct "$fct" ${props:+-wp-prop $props} \
     ${model:+-wp-model $model -wp-check-memory-model} \
     src/tcpfsm.c gen/tcp_machine.c) > "$dir/wp.log" 2>&1
  line=$(grep -E '^\[wp\] Proved goals:' "$dir/wp.log" | tail -n 1)
  p=$(echo "$line" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1/p')
  t=$(echo "$line" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\2/p')
  if [ -n "$p" ] && [ "$p" != "$t" ]; then
    goal=$(grep -E "^\\[wp\\] \\[(Failed|Timeout|Step limit|Unknown)\\] Goal|$UNPROVED" "$dir/wp.log" \
           | head -n 1 | sed 's/.*Goal typed_\(ref_\)\{0,1\}//; s/ :.*//')
    echo "PASS $name: WP rejects it ($p/$t proved; first unproved goal: $goal)"
    pass=$((pass + 1))
  else
    echo "FAIL $name: WP did not reject it (${line:-no result}; $dir/wp.log)"; fail=$((fail + 1))
  fi
}

# Wrong transitions in the chart: the ACK of our FIN in FIN-WAIT-1 jumping
# straight to TIME-WAIT; a FIN in ESTABLISHED going to CLOSING; a RST in
# SYN-SENT ignored instead of refusing the connection.
mutant chart-fw1-ack-to-time-wait spec/tcp.rl \
  '/EV_RCV_ACK_OF_FIN/s/fnext fin_wait_2;/fnext time_wait; /' tcpfsm_machine_step step
mutant chart-established-fin-to-closing spec/tcp.rl \
  '/TCPFSM_A_FIN;             fnext close_wait/s/fnext close_wait;/fnext closing;   /' tcpfsm_machine_step step
mutant chart-syn-sent-rst-ignored spec/tcp.rl \
  '/^    syn_sent := (/,/^    );/s/TCPFSM_A_REFUSED;         fnext closed;  /TCPFSM_A_REFUSED;         fnext syn_sent;/' \
  tcpfsm_machine_step step
# A wrong action with the right next state: an unacceptable segment in
# ESTABLISHED dropped without the ACK that 3.10.7.4 first requires.
mutant chart-established-unacceptable-no-ack spec/tcp.rl \
  '/EV_RCV_UNACCEPTABLE .*fnext established;/s/TCPFSM_A_SEND_ACK;/TCPFSM_A_NONE;    /' tcpfsm_machine_step step
# Wrong sequence updates in the core: SYN taking two numbers; a FIN taking none; SND.UNA moved
# past what was acknowledged; modular addition off by one. Each is checked
# against the one law it breaks (send_syn's syn_takes_one, send_fin's
# fin_takes_one, process_ack's acked, tcpfsm_seq_add's sum), in the model
# make prove proves these helpers in.
mutant seq-syn-takes-two src/tcpfsm.c \
  's/    t->snd_nxt = tcpfsm_seq_add(t->iss, 1);/    t->snd_nxt = tcpfsm_seq_add(t->iss, 2);/' \
  send_syn syn_takes_one Typed+ref
mutant seq-fin-takes-none src/tcpfsm.c \
  's/    t->snd_nxt = tcpfsm_seq_add(t->snd_nxt, 1);/    t->snd_nxt = t->snd_nxt;/' \
  send_fin fin_takes_one Typed+ref
mutant seq-una-past-ack src/tcpfsm.c \
  's/        t->snd_una = seg->ack;/        t->snd_una = tcpfsm_seq_add(seg->ack, 1);/' \
  process_ack acked Typed+ref
mutant seq-add-off-by-one src/tcpfsm_seq.h \
  's/return n <= UINT32_MAX - a ? a + n : /return n <= UINT32_MAX - a ? a + n + (n == 7u) : /' \
  tcpfsm_seq_add sum Typed+ref
# A wrong acknowledgment: the ACK the core sends carries IRS, not RCV.NXT
# (every acknowledging segment must carry RCV.NXT and RCV.WND).
mutant ack-carries-irs src/tcpfsm.c \
  's/emit(out, t->snd_nxt, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_ACK)/emit(out, t->snd_nxt, t->irs, t->rcv_wnd, 0, TCPFSM_ACK)/' \
  send_ack carries Typed+ref
# A FIN that takes two numbers of the peer's sequence space: RCV.NXT moves
# past what the segment carried.
mutant rcv-fin-takes-two src/tcpfsm.c \
  '/case TCPFSM_A_FIN: /,/break;/s/t->rcv_nxt = tcpfsm_seq_add(t->rcv_nxt, 1);/t->rcv_nxt = tcpfsm_seq_add(t->rcv_nxt, 2);/' \
  do_action rcv Typed+ref
# The handshake: the SYN,ACK in SYN-SENT leaving RCV.NXT at IRS+2.
mutant hs-syn-ack-rcv-nxt-two src/tcpfsm.c \
  '/case TCPFSM_A_SYN_ACKED:/,/break;/s/t->rcv_nxt = tcpfsm_seq_add(seg->seq, 1);/t->rcv_nxt = tcpfsm_seq_add(seg->seq, 2);/' \
  do_action syn_acked Typed+ref

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
