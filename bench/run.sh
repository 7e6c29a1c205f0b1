#!/bin/sh
# bench/run.sh BENCH_BINARY: the `make bench` report.
#
# 1. ns per event (median of runs) for core, reference and floor, and the
#    ratios: wall-clock, so noisy on a shared machine.
# 2. Instructions per event under callgrind (if valgrind is installed): the
#    same for the same binary whatever else the machine is doing.
# 3. With BENCH_PROVE=1: wall time of `make prove` from scratch, then again
#    with the provers' verdicts in WP's cache (minutes).
# 4. Fuzz exec/s per engine: from the last `make fuzz`, or measured here
#    with BENCH_FUZZ=1 (BENCH_FUZZ_TIME seconds per harness and engine).
# The machine and compilers come first, so that a pasted table says where
# it was measured. Everything also goes to results.txt beside the binary.
set -u
bin=${1:-build/bench/bench}
dir=$(dirname "$bin")
out=$dir/results.txt
{
echo "machine: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores, $(uname -sm)"
echo "compiler: $(${CC:-cc} --version | head -n 1); CFLAGS=${CFLAGS:--O2 -g}"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
echo
"$bin" --runs "${BENCH_RUNS:-9}" || exit 1

if command -v valgrind >/dev/null 2>&1; then
  echo
  echo "instructions per event (valgrind --tool=callgrind, replay only):"
  printf '%-16s %8s %8s %8s %9s %10s\n' stream core ref floor core/ref core/floor
  for s in handshake-close established mixed; do
    line=$s
    for e in core ref floor; do
      f=$dir/callgrind.$s.$e.out
      events=$(valgrind --tool=callgrind --callgrind-out-file="$f" \
                 --toggle-collect="replay_$e" "$bin" --once --stream "$s" --engine "$e" 2>/dev/null |
               sed -n 's/^[^ ]* \([0-9]*\) events.*/\1/p')
      ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$f" 2>/dev/null)
      if [ -n "$ir" ] && [ -n "$events" ] && [ "$ir" -gt 0 ]; then
        line="$line $(awk -v a="$ir" -v b="$events" 'BEGIN { printf "%.1f", a / b }')"
      else
        line="$line -"
      fi
    done
    echo "$line" | awk '{ r = ($3 == "-" || $3 == 0) ? "-" : sprintf("%.2f", $2 / $3);
                          f = ($4 == "-" || $4 == 0) ? "-" : sprintf("%.1f", $2 / $4);
                          printf "%-16s %8s %8s %8s %9s %10s\n", $1, $2, $3, $4, r, f }'
  done
else
  echo "(valgrind not installed: no instruction counts)"
fi

if [ "${BENCH_PROVE:-0}" = 1 ]; then
  echo
  # From scratch (rebuild: every goal Qed leaves open goes to the prover,
  # and the verdicts refill the cache), then again with every verdict in
  # WP's cache (proofs/README.md "The cache").
  for mode in rebuild update; do
    t0=$(date +%s)
    if WP_CACHE=$mode ${MAKE:-make} -s --no-print-directory prove >$dir/prove-$mode.log 2>&1; then r=ok; else r=FAILED; fi
    t1=$(date +%s)
    what="from scratch"; [ $mode = update ] && what="again, verdicts from the cache"
    echo "make prove ($what): $((t1 - t0)) s wall ($r; $(grep -E '^wp: [0-9]+/[0-9]+' $dir/prove-$mode.log | tail -n 1); log in $dir/prove-$mode.log)"
  done
else
  echo
  echo "make prove: not timed (BENCH_PROVE=1 make bench times it; it takes minutes)"
fi

echo
# Fuzz exec/s: with BENCH_FUZZ=1, run each built harness BENCH_FUZZ_TIME
# seconds per engine into a scratch directory (corpus/ is only read);
# otherwise read what the last `make fuzz` left in build/fuzz/.
fz=build/fuzz
if [ "${BENCH_FUZZ:-0}" = 1 ]; then
  t=${BENCH_FUZZ_TIME:-20}
  for b in $fz/libfuzzer/*; do
    [ -x "$b" ] || continue
    h=$(basename "$b"); w=$dir/fuzz-work/$h; rm -rf "$w"; mkdir -p "$w"
    seeds=; [ -d corpus/$h ] && seeds=corpus/$h
    dict=; [ -f fuzz/$h.dict ] && dict=-dict=fuzz/$h.dict
    # the settings of make fuzz (mk/fuzz.mk: FUZZ_MAX_LEN, the dictionary)
    "$b" -max_total_time="$t" -max_len="${FUZZ_MAX_LEN:-256}" $dict -print_final_stats=1 -artifact_prefix="$w/" "$w" $seeds \
      >"$dir/libfuzzer-$h.log" 2>&1
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/libfuzzer-$h.log")
    if ls "$w"/crash-* >/dev/null 2>&1; then
      echo "fuzz libFuzzer $h: stopped by a crash or divergence after" \
        "$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/libfuzzer-$h.log") execs" \
        "(no rate; input in $w, log $dir/libfuzzer-$h.log)"
    else
      echo "fuzz libFuzzer $h: ${rate:-?} exec/s (${t} s, ASan+UBSan, this run)"
    fi
  done
  if command -v afl-fuzz >/dev/null 2>&1; then
    for b in $fz/afl/*; do
      [ -x "$b" ] && [ -d "corpus/$(basename "$b")" ] || continue
      h=$(basename "$b"); o=$dir/afl-out/$h; rm -rf "$o"; mkdir -p "$dir/afl-out"
      AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
        afl-fuzz -i "corpus/$h" -o "$o" -m none -V "$t" -G "${FUZZ_MAX_LEN:-256}" \
          $([ -f fuzz/$h.dict ] && echo "-x fuzz/$h.dict") -- "$b" >"$dir/afl-$h.log" 2>&1
      rate=$(sed -n 's/^execs_per_sec *: *//p' "$o/default/fuzzer_stats" 2>/dev/null)
      echo "fuzz AFL++ $h: ${rate:-?} exec/s (${t} s, ASan+UBSan, this run)"
    done
  fi
else
  found=0
  # only the harnesses that exist now, each with the date of its log
  for h in $(ls fuzz/fuzz_*.c 2>/dev/null | sed 's|.*/||; s|\.c$||'); do
    f=$fz/libfuzzer-$h.log
    if [ -f "$f" ]; then
      rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$f" | tail -n 1)
      [ -n "$rate" ] && { echo "fuzz libFuzzer $h: $rate exec/s (from $f, $(date -u -r "$f" '+%Y-%m-%d %H:%M UTC'))"; found=1; }
    fi
    f=$fz/afl-out/$h/default/fuzzer_stats
    if [ -f "$f" ]; then
      rate=$(sed -n 's/^execs_per_sec *: *//p' "$f")
      [ -n "$rate" ] && { echo "fuzz AFL++ $h: $rate exec/s (from $f, $(date -u -r "$f" '+%Y-%m-%d %H:%M UTC'))"; found=1; }
    fi
  done
  [ "$found" = 1 ] || echo "fuzz: no campaign logs in $fz/ (make fuzz, or BENCH_FUZZ=1 make bench)"
fi
} 2>&1 | tee "$out"
