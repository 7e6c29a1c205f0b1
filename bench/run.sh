#!/bin/sh
# bench/run.sh BENCH_BINARY: the `make bench` report.
#
# 1. ns per event (median of runs) for core, reference and floor, and the
#    ratios: wall-clock, so noisy on a shared machine.
# 2. Instructions per event under callgrind (if valgrind is installed): the
#    same for the same binary whatever else the machine is doing.
# 3. With BENCH_PROVE=1: wall time of `make prove` (minutes).
# 4. Fuzz exec/s per engine, read from build/fuzz/*.log if the fuzzers ran.
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
  t0=$(date +%s)
  if ${MAKE:-make} -s --no-print-directory prove >$dir/prove.log 2>&1; then r=ok; else r=FAILED; fi
  t1=$(date +%s)
  echo "make prove: $((t1 - t0)) s wall ($r; log in $dir/prove.log)"
else
  echo
  echo "make prove: not timed (BENCH_PROVE=1 make bench times it; it takes minutes)"
fi

echo
found=0
for f in build/fuzz/*.log; do
  [ -f "$f" ] || continue
  # libFuzzer prints "exec/s: N" on its status lines; AFL++ has execs_per_sec in fuzzer_stats.
  rate=$(grep -o 'exec/s: [0-9]*' "$f" | tail -n 1 | sed 's/exec\/s: //')
  [ -n "$rate" ] && { echo "fuzz $(basename "$f" .log): $rate exec/s"; found=1; }
done
for f in build/fuzz/*/default/fuzzer_stats build/fuzz/*/fuzzer_stats; do
  [ -f "$f" ] || continue
  rate=$(sed -n 's/^execs_per_sec *: *//p' "$f")
  [ -n "$rate" ] && { echo "fuzz $(dirname "$f"): $rate exec/s"; found=1; }
done
[ "$found" = 1 ] || echo "fuzz: no fuzzer logs in build/fuzz/ (run the fuzzers first for exec/s)"
} 2>&1 | tee "$out"
