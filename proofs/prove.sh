#!/bin/sh
# make prove: run Frama-C WP on the core and print "wp: P/T goals proved".
# Each group is one frama-c run with its own options; every option that
# weakens a check is explained in proofs/README.md.
#   proofs/prove.sh BUILD_DIR [make targets of extra parts...]
#
# The groups are independent, so the long ones (the machine, the parts such
# as the wire decoder) run in the background while the core's groups run in
# the foreground. A WP run is mostly waiting (on goal preparation and on the
# prover's answer), so overlapping runs finish sooner on 2 cores than one
# after the other. Prover time limits are CPU time, not wall time.
set -u
build=${1:-build}; shift || true
out=$build/prove
mkdir -p "$out"
rm -f "$out"/*.sum
# Provers: CVC4 proves every goal; Z3 every goal of the machine, in a fifth
# of CVC4's time there, and not the memory-access goals of the core's
# helpers (proofs/README.md "One prover per group"). WP_PROVERS=cvc4,z3
# (or any list WP knows) names the same provers for every group.
LIMITS="-wp-timeout ${WP_TIMEOUT:-600} -wp-steps ${WP_STEPS:-3000000} -wp-par ${WP_PAR:-8}"
WP="-wp -wp-rte -wp-prover ${WP_PROVERS:-cvc4} $LIMITS"
WP_MACHINE="-wp -wp-rte -wp-prover ${WP_PROVERS:-z3} $LIMITS"
# WARN, QED, QED_API, REF, UNPROVED, cache_check: proofs/wp.sh.
. "$(dirname "$0")/wp.sh"
CPP="-cpp-extra-args=-Isrc -Igen"
# WP_CACHE: WP's cache of prover verdicts, one directory per group under
# $out/cache (proofs/README.md "The cache"): update (default) asks the
# prover only for a goal whose prover task, prover and limits no earlier run
# has seen; none asks it for every goal.
cache=${WP_CACHE:-update}
cache_check "$cache" || exit 1

# group NAME frama-c-arguments...: one frama-c run; its result goes to
# $out/NAME.sum as "proved total" (empty when frama-c failed).
group() {
  name=$1; shift
  log=$out/$name.log
  start=$(date +%s)
  if [ "$cache" = none ]; then
    frama-c "$CPP" "$@" -wp-cache none >"$log" 2>&1
  else
    mkdir -p "$out/cache/${name#fct-}"
    frama-c "$CPP" "$@" -wp-cache "$cache" -wp-cache-dir "$out/cache/${name#fct-}" >"$log" 2>&1
  fi
  rc=$?
  line=$(grep -E '^\[wp\] Proved goals:' "$log" | tail -n 1)
  p=$(echo "$line" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1/p')
  t=$(echo "$line" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\2/p')
  if [ "$rc" -ne 0 ] || [ -z "$p" ]; then
    echo "wp[$name]: frama-c failed (exit $rc), see $log"; grep -E "error|Error" "$log" | head -5
    : >"$out/$name.sum"; return
  fi
  echo "wp[$name]: $p/$t goals proved ($(( $(date +%s) - start )) s$(cached "$log"))"
  [ "$p" = "$t" ] || { grep -E "$UNPROVED" "$log" | sed 's/^/   /'; }
  echo "$p $t" >"$out/$name.sum"
}

# part TARGET: a part that proves itself (make TARGET prints "wp: P/T goals proved").
part() {
  start=$(date +%s)
  line=$(${MAKE:-make} -s --no-print-directory "$1" 2>&1 | tee "$out/$1.log" | grep -E '^wp: [0-9]+/[0-9]+ goals proved' | tail -n 1)
  p=$(echo "$line" | sed -n 's/^wp: \([0-9]*\)\/\([0-9]*\).*/\1/p')
  t=$(echo "$line" | sed -n 's/^wp: \([0-9]*\)\/\([0-9]*\).*/\2/p')
  if [ -z "$p" ]; then echo "wp[$1]: no result, see $out/$1.log"; : >"$out/$1.sum"; return; fi
  echo "wp[$1]: $p/$t goals proved ($(( $(date +%s) - start )) s$(echo "$line" | sed -n 's/.*goals proved\(, [0-9]* from the cache\)$/\1/p'))"
  [ "$p" = "$t" ] || grep -E "$UNPROVED" "$out/$1.log" | sed 's/^/   /'
  echo "$p $t" >"$out/$1.sum"
}

# sum_runs RUN...: total_p and total_t over the runs' NAME.sum files; true
# when every run left one (frama-c did not fail) and proved all its goals.
sum_runs() {
  total_p=0; total_t=0; failed=0
  for n in "$@"; do
    r=$(cat "$out/$n.sum" 2>/dev/null)
    if [ -z "$r" ]; then failed=1; continue; fi
    set -- $r
    total_p=$((total_p + $1)); total_t=$((total_t + $2))
  done
  [ "$failed" -eq 0 ] && [ "$total_p" -eq "$total_t" ] && [ "$total_t" -gt 0 ]
}

# The public API and user_call (its shared body): plain Typed model.
PUBLIC=tcpfsm_config_default,tcpfsm_config_check,tcpfsm_init,tcpfsm_tcb_check,tcpfsm_open,tcpfsm_send,tcpfsm_receive,tcpfsm_close,tcpfsm_abort,tcpfsm_status,tcpfsm_segment_arrives,tcpfsm_timer_fired,user_call
MACHINE=tcpfsm_machine_step,tcpfsm_machine_cs,tcpfsm_machine_state,tcpfsm_machine_is_passive
# Helpers with their own runs (the heaviest for Qed): the checks of 3.10.7.4
# first to fourth, and the processing of an acceptable segment.
ARRIVE_CHECKS=arrive_other,arrive_acceptable,sync_acceptable,sync_event
ARRIVE=text_and_fin,arrive_syn_sent,sync_ack,arrive,ack_text_fin,ack_of_syn,syn_ack_arrives,arrive_listen,arrive_closed
# Functions whose contracts are written but not yet discharged: listed with
# the reason in proofs/not-yet-proved.txt, skipped here, and named in every
# run's output (their contracts are assumed where other functions call them).
PENDING=$(grep -v '^#' proofs/not-yet-proved.txt 2>/dev/null | awk 'NF {printf "%s%s", sep, $1; sep=","}')
if [ -n "$PENDING" ]; then
  echo "wp: NOT YET PROVED (contracts assumed, see proofs/not-yet-proved.txt): $PENDING"
fi

# Each group's options and files, for make prove and make prove-fct alike.
# The core's helpers (actions, arrive-checks, arrive, helpers): Typed+ref,
# its hypotheses checked at every call (proofs/README.md says why). The API:
# plain Typed model, using the helpers' proved contracts. The ISN hash:
# SipHash is arithmetic modulo 2^64 by definition, so unsigned wrap is
# intended there (proofs/README.md); every other check stays on.
CORE="src/tcpfsm.c gen/tcp_machine.c"
O_MACHINE="$WP_MACHINE $QED $WARN" F_MACHINE=gen/tcp_machine.c
O_HELPERS="$WP $QED $WARN $REF"
O_API="$WP $QED_API $WARN"
O_ISN="$WP -warn-signed-overflow -warn-signed-downcast -warn-unsigned-downcast" F_ISN=src/tcpfsm_isn.c
O_NAMES="$WP $WARN" F_NAMES=src/tcpfsm_names.c

# FCT=f,g (make prove-fct): only those functions, each with the options of
# its group, sharing the group's cache (proofs/README.md "One function").
# A function of the wire codec goes to make prove-wire with WIRE_FCT.
if [ -n "${FCT:-}" ]; then
  in_list() { case ",$2," in *",$1,"*) return 0 ;; esac; return 1; }
  defines() { grep -E "^[A-Za-z_][A-Za-z0-9_ *]*[ *]$1\(" "$2" 2>/dev/null | grep -qv ';$'; }
  g_machine= g_actions= g_checks= g_arrive= g_api= g_isn= g_names= g_helpers= g_wire=
  for f in $(echo "$FCT" | tr ',' ' '); do
    if ! echo "$f" | grep -qE '^[A-Za-z_][A-Za-z0-9_]*$'; then
      echo "FCT=$FCT: '$f' is not a C function name" >&2; exit 2
    elif in_list "$f" "$MACHINE"; then g_machine=$g_machine,$f
    elif [ "$f" = do_action ]; then g_actions=$g_actions,$f
    elif in_list "$f" "$ARRIVE_CHECKS"; then g_checks=$g_checks,$f
    elif in_list "$f" "$ARRIVE"; then g_arrive=$g_arrive,$f
    elif in_list "$f" "$PUBLIC"; then g_api=$g_api,$f
    else # a static name may be defined in more than one file: each one's run
      found=
      if defines "$f" src/tcpfsm_isn.c; then g_isn=$g_isn,$f found=1; fi
      if defines "$f" src/tcpfsm_names.c; then g_names=$g_names,$f found=1; fi
      if defines "$f" src/tcpfsm_wire.c; then g_wire=$g_wire,$f found=1; fi
      if defines "$f" src/tcpfsm.c || defines "$f" gen/tcp_machine.c; then
        g_helpers=$g_helpers,$f found=1; fi
      if [ -z "$found" ]; then
        echo "FCT=$FCT: no function '$f' is defined in src/ or gen/ (the lemmas: make prove)" >&2
        exit 2
      fi
    fi
  done
  done_names=
  run_fct() { # GROUP FUNCTIONS frama-c arguments...
    [ -n "$2" ] || return 0
    g=$1 fs=${2#,}; shift 2
    group "fct-$g" "$@" -wp-fct "$fs"
    done_names="$done_names fct-$g"
  }
  run_fct machine "$g_machine" $O_MACHINE $F_MACHINE
  run_fct actions "$g_actions" $O_HELPERS $CORE
  run_fct arrive-checks "$g_checks" $O_HELPERS $CORE
  run_fct arrive "$g_arrive" $O_HELPERS $CORE
  run_fct api "$g_api" $O_API $CORE
  run_fct helpers "$g_helpers" $O_HELPERS $CORE
  run_fct isn "$g_isn" $O_ISN $F_ISN
  run_fct names "$g_names" $O_NAMES $F_NAMES
  if [ -n "$g_wire" ]; then
    WIRE_FCT=${g_wire#,}; export WIRE_FCT
    part prove-wire
    done_names="$done_names prove-wire"
  fi
  sum_runs $done_names; ok=$?
  echo "wp: $total_p/$total_t goals proved (FCT=$FCT)"
  exit $ok
fi

names="machine actions api arrive arrive-checks helpers isn names lemmas"
# Every group is CPU-bound and WP's simplifier (Qed) runs in one thread per
# frama-c process, so the core's helpers are split into runs that go side by
# side: the machine, the parts, do_action (the action switch), the API and
# the two heaviest sets of segment-arrival helpers in the background, the
# rest of the helpers in the foreground. Each function is proved by exactly
# one run (-wp-fct here, -wp-skip-fct for the rest).
# The generated machine against the RFC's transition relation (background).
group machine $O_MACHINE -wp-fct $MACHINE $F_MACHINE &
# The parts, one after the other (background).
( for p in "$@"; do part "$p"; done ) &
# The core's helpers; do_action in a run of its own (background).
group actions $O_HELPERS -wp-fct do_action $CORE &
# Segment arrival in the synchronized states (3.10.7.4): the checks, and
# the ACK, text and FIN processing (background).
group arrive-checks $O_HELPERS -wp-fct $ARRIVE_CHECKS $CORE &
group arrive $O_HELPERS -wp-fct $ARRIVE $CORE &
# The public API (background).
group api $O_API -wp-fct $PUBLIC $CORE &
group helpers $O_HELPERS \
  -wp-skip-fct $PUBLIC,$MACHINE,do_action,$ARRIVE_CHECKS,$ARRIVE${PENDING:+,$PENDING} $CORE
group isn $O_ISN $F_ISN
# The names tables.
group names $O_NAMES $F_NAMES
# The lemmas of proofs/tcpfsm.acsl: the other groups use them as
# hypotheses (-wp-fct and -wp-skip-fct leave lemmas out), this one proves them.
group lemmas $WP -wp-prop=@lemma $CORE
wait

sum_runs $names "$@"; ok=$?

# Per-function results, for proofs/results.json (make prove-results).
awk '/Goal typed_/ { g=$0; sub(/.*Goal typed_(ref_)?/, "", g); sub(/ : .*/, "", g);
       f=g; sub(/_(assert|ensures|requires|assigns|loop|call|exits|terminates|complete|disjoint|variant|invariant|post|pre).*/, "", f);
       n[f]++; if ($0 ~ /: Valid/) v[f]++ }
     END { printf "{\n"; c=0; for (f in n) { printf "%s  \"%s\": {\"proved\": %d, \"total\": %d}", (c++ ? ",\n" : ""), f, v[f]+0, n[f] } printf "\n}\n" }' \
  "$out"/machine.log "$out"/actions.log "$out"/arrive.log "$out"/arrive-checks.log "$out"/helpers.log "$out"/api.log "$out"/isn.log "$out"/names.log "$out"/lemmas.log > "$out/results.json" 2>/dev/null

echo "wp: $total_p/$total_t goals proved"
exit $ok
