#!/bin/sh
# fuzz/mutants.sh: does the differential harness catch a planted bug?
#
#   sh fuzz/mutants.sh OUTDIR SECONDS CLANG REPLAY [SEEDS [BASE]]   (make fuzz-mutants)
#
# For each mutant below: copy the core (src/, gen/, spec/, proofs/,
# tools/gen.sh) to OUTDIR/NAME/, plant ONE bug there (never in the tree),
# build fuzz/fuzz_diff.c against the copy with libFuzzer + ASan + UBSan, and
# fuzz for at most SECONDS. A mutant is caught when the harness reports a
# divergence or a failed tcpfsm_tcb_check(). Wrong transitions are planted
# in a copy of the chart (spec/tcp.rl) and regenerated with tools/gen.sh, so
# they survive Ragel renumbering states; wrong sequence updates are planted
# in a copy of src/tcpfsm.c.
#
# Seeds: the files of corpus/fuzz_diff/ that the unmutated core passes
# (REPLAY is the plain driver built against it), so a divergence that the
# core already has cannot pass for a caught mutant. SEEDS=none fuzzes from
# an empty corpus instead (harder: docs/fuzzing.md has the times). BASE is
# the tree the core is copied from (default: this one); REPLAY must be built
# against the same core.
#
# MUTANTS_PLANT_ONLY=1 only plants each bug (and regenerates the chart) and
# counts a mutant as passed when its sed changes exactly one line: make
# check runs it so a change to the core cannot silently leave a mutant
# unplantable (check-mutants-plant in mk/fuzz.mk).
set -u
out=$1
secs=$2
clang=$3
replay=$4
seedmode=${5:-corpus}
base=${6:-.}
root=$(pwd)

rm -rf "$out"
mkdir -p "$out/seeds"
out=$(cd "$out" && pwd) # absolute: the fuzzer runs in each mutant's directory
if [ "${MUTANTS_PLANT_ONLY:-0}" = 1 ]; then
    seedmode=none
fi
if [ "$seedmode" != none ]; then
    for f in corpus/fuzz_diff/*; do
        "$replay" -q --no-fork "$f" >/dev/null 2>&1 && cp "$f" "$out/seeds/"
    done
fi
[ "${MUTANTS_PLANT_ONLY:-0}" = 1 ] ||
echo "mutants: $(ls "$out/seeds" | wc -l) seeds the unmutated core passes; up to $secs s each"

caught=0
missed=0

# plant NAME FILE SED-SCRIPT: apply the sed script to the copy's FILE and
# insist that it changed exactly one line.
plant() {
    before=$(mktemp)
    cp "$2" "$before"
    sed -i "$3" "$2"
    n=$(diff "$before" "$2" | grep -c '^>')
    rm -f "$before"
    if [ "$n" -ne 1 ]; then
        echo "mutant $1: could not plant it ($n lines changed): update fuzz/mutants.sh"
        return 1
    fi
    return 0
}

# cc_mutant ARGS...: clang with the flags every object of a mutant's
# harness shares, against the mutant's copy of the core ($dir).
cc_mutant() {
    $clang -w -I"$dir/src" -I"$dir/gen" -Iref -Ifuzz -O1 -g -fno-sanitize-recover=all "$@"
}

# mutant NAME DESCRIPTION FILE SED-SCRIPT
mutant() {
    name=$1
    what=$2
    file=$3
    script=$4
    dir="$out/$name"
    mkdir -p "$dir/work"
    cp -r "$base/src" "$base/gen" "$base/spec" "$base/proofs" "$dir/"
    mkdir -p "$dir/tools" && cp "$base/tools/gen.sh" "$dir/tools/"
    if ! plant "$name" "$dir/$file" "$script"; then
        missed=$((missed + 1))
        return
    fi
    case $file in
    spec/*)
        if ! (cd "$dir" && sh tools/gen.sh gen >/dev/null 2>&1); then
            echo "mutant $name: tools/gen.sh failed (is ragel installed?)"
            missed=$((missed + 1))
            return
        fi
        ;;
    esac
    if [ "${MUTANTS_PLANT_ONLY:-0}" = 1 ]; then
        echo "mutant $name: planted"
        caught=$((caught + 1))
        return
    fi
    # the state machines without comparison tracing, as mk/fuzz.mk builds
    # them for libFuzzer ($FUZZ_NO_CMP_CF); the rest with it
    if ! { cc_mutant -fsanitize=fuzzer-no-link,address,undefined ${FUZZ_NO_CMP_CF:-} \
             -c ref/tcpfsm_ref.c -o "$dir/ref.o" &&
           cc_mutant -fsanitize=fuzzer-no-link,address,undefined ${FUZZ_NO_CMP_CF:-} \
             -c "$dir/src/tcpfsm.c" -o "$dir/core.o" &&
           cc_mutant -fsanitize=fuzzer-no-link,address,undefined ${FUZZ_NO_CMP_CF:-} \
             -c "$dir/gen/tcp_machine.c" -o "$dir/machine.o" &&
           cc_mutant -fsanitize=fuzzer,address,undefined \
             -o "$dir/fuzz_diff" fuzz/fuzz_diff.c "$dir/ref.o" "$dir/core.o" "$dir/machine.o" \
             $(ls "$dir"/src/*.c | grep -v '/tcpfsm\.c$'); } >"$dir/build.log" 2>&1; then
        echo "mutant $name: does not build (see $dir/build.log)"
        missed=$((missed + 1))
        return
    fi
    t0=$(date +%s)
    (cd "$dir" && timeout $((secs + 60)) ./fuzz_diff -max_total_time="$secs" -max_len=512 \
        -dict="$root/fuzz/fuzz_diff.dict" -artifact_prefix="$dir/" -print_final_stats=1 \
        work "$out/seeds" >fuzz.log 2>&1)
    t1=$(date +%s)
    found=""
    for input in "$dir"/crash-*; do
        [ -f "$input" ] || continue
        if "$replay" -q --no-fork "$input" >/dev/null 2>&1; then found=$input; break; fi
    done
    left=$((secs - (t1 - t0)))
    if [ -z "$found" ] && ls "$dir"/crash-* >/dev/null 2>&1 && [ "$left" -gt 0 ]; then
        # It found a divergence the unmutated core has too (an open one):
        # go on for the rest of the time in fork mode, collecting every
        # crash, and look for one that is the mutant's alone.
        (cd "$dir" && timeout $((left + 60)) ./fuzz_diff -fork=1 -ignore_crashes=1 \
            -max_total_time="$left" -max_len=512 -dict="$root/fuzz/fuzz_diff.dict" \
            -artifact_prefix="$dir/" work "$out/seeds" >fuzz-fork.log 2>&1)
        for input in "$dir"/crash-*; do
            [ -f "$input" ] || continue
            if "$replay" -q --no-fork "$input" >/dev/null 2>&1; then found=$input; break; fi
        done
        t1=$(date +%s)
    fi
    if [ -n "$found" ]; then
        caught=$((caught + 1))
        why=$("$dir/fuzz_diff" "$found" 2>&1 | grep -m 1 -E 'DIVERGENCE|tcb_check')
        echo "mutant $name ($what): CAUGHT within $((t1 - t0)) s: $why"
        echo "   input: $found (the unmutated core passes it)"
    elif ls "$dir"/crash-* >/dev/null 2>&1; then
        missed=$((missed + 1))
        echo "mutant $name ($what): NOT caught in $secs s: every input found diverges on the"
        echo "   unmutated core too (open divergences), none is the mutant's alone"
    else
        missed=$((missed + 1))
        echo "mutant $name ($what): NOT caught in $secs s (log $dir/fuzz.log)"
    fi
}

# ---- wrong transitions, planted in the chart ---------------------------------
# MUST-11: an RST in an actively opened SYN-RECEIVED closes ("connection
# refused"); send it back to LISTEN as if it were passive.
mutant transition-rst-active-synrcvd "RST in active SYN-RECEIVED goes to LISTEN" spec/tcp.rl \
    '/^    syn_received_active := (/,/^    );/s/\(EV_RCV_RST  *@{ \*act = TCPFSM_A_REFUSED; *fnext \)closed;/\1listen;/'
# 3.10.7.4 fifth, CLOSING: the ACK of our FIN leads to TIME-WAIT, not CLOSED.
mutant transition-closing-ack "ACK of FIN in CLOSING goes to CLOSED" spec/tcp.rl \
    '/^    closing := (/,/^    );/s/\(EV_RCV_ACK_OF_FIN  *@{ \*act = TCPFSM_A_ENTER_TIME_WAIT; *fnext \)time_wait;/\1closed;/'

# ---- wrong sequence-number updates, planted in the core -------------------------
# 3.10.7.4 eighth: "advance RCV.NXT over the FIN" -- forget it (ESTABLISHED).
mutant seq-fin-rcv-nxt "RCV.NXT not advanced over the peer's FIN" src/tcpfsm.c \
    '0,/t->rcv_nxt = tcpfsm_seq_add(t->rcv_nxt, 1);/s//t->rcv_nxt = tcpfsm_seq_add(t->rcv_nxt, 0);/'
# 3.10.7.4 fifth: "If (SND.WL1 < SEG.SEQ or ...)" -- compare the wrong way.
mutant seq-window-update "SND.WL1 < SEG.SEQ reversed" src/tcpfsm.c \
    's/tcpfsm_seq_lt(t->snd_wl1, seg->seq)/tcpfsm_seq_lt(seg->seq, t->snd_wl1)/'
# Table 6, zero-length segment: RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND -- one too far.
mutant seq-window-edge "SEG.SEQ = RCV.NXT+RCV.WND accepted" src/tcpfsm.c \
    's/acceptable = tcpfsm_seq_dist(rcv_nxt, seq) < rcv_wnd;/acceptable = tcpfsm_seq_dist(rcv_nxt, seq) <= rcv_wnd;/'

# ---- text on a SYN in SYN-SENT, held until ESTABLISHED (3.10.7.3) --------------
# "trimming off any portions that lie outside the window": hold it all instead.
mutant held-not-clipped "SYN text held beyond RCV.WND" src/tcpfsm.c \
    's/uint32_t held = min32(min32(seg->len, t->rcv_wnd), 65535u);/uint32_t held = min32(seg->len, 65535u);/'
# Delivered on the ACK of our SYN, but RCV.NXT not advanced over it.
mutant held-rcv-nxt "held SYN text delivered without advancing RCV.NXT" src/tcpfsm.c \
    '/^static void deliver_held/,/^}/s/take_text(t, keep);/take_text(t, 0);/'

# ---- validation: docs/semantics.md "Calls and validation" ------------------------
# TCB rule T9: LISTEN has nothing unread -- forget to check it.
mutant tcb-check-listen "tcpfsm_tcb_check() accepts LISTEN with bytes unread" src/tcpfsm.c \
    's/ok = flight == 0 \&\& t->snd_queued == 0 \&\& t->rcv_unread == 0 \&\& /ok = flight == 0 \&\& t->snd_queued == 0 \&\& /'
# Config ranges: the FreeBSD knob closing_ack_with_fin is 0 or 1 -- accept 2.
mutant config-check-knob "tcpfsm_config_check() accepts closing_ack_with_fin = 2" src/tcpfsm.c \
    's/cfg->closing_ack_with_fin > 1 || //'

if [ "${MUTANTS_PLANT_ONLY:-0}" = 1 ]; then
    echo "mutants: $caught planted, $missed could not be planted"
else
    echo "mutants: $caught caught, $missed missed"
fi
echo "$caught passed, $missed failed"
[ "$missed" -eq 0 ]
