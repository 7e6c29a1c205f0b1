#!/bin/sh
# check-demo: `tcpfsm demo` runs, writes its SVG, and its lines say what the
# RFC 9293 figures say. The expected lines below are written from the RFC
# (figures 7, 8, 12 and 13, with ISS 100 for TCP A and 300 for TCP B, and
# docs/semantics.md for what the figures leave open: PSH on the segment that
# empties the send queue, and 3.10.7.4's sequence test in SYN-RECEIVED),
# not copied from the program's output.
# Usage: tests/explore/check-demo.sh build/tcpfsm
tool=${1:-build/tcpfsm}
out=build/demo-check
rm -rf "$out" && mkdir -p "$out"
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

if "$tool" demo --svg "$out/demo.svg" >"$out/demo.txt" 2>"$out/demo.err"; then
  ok "demo runs"
else
  bad "demo exits non-zero: $(cat "$out/demo.err")"
fi
if grep -q '^<svg ' "$out/demo.svg" 2>/dev/null && grep -q '</svg>' "$out/demo.svg"; then
  ok "demo writes an SVG"
else
  bad "demo SVG missing or truncated"
fi

# Lines with whitespace squeezed, the step number and any "(X: CALL)" note removed.
sed -e 's/^ *[0-9]*\. *//' -e 's/ *$//' -e 's/ *([AB]: .*)$//' -e 's/  */ /g' -e 's/ *$//' \
  "$out/demo.txt" >"$out/demo.norm"

# expect "TEXT...": these lines must appear in this order
expect() {
  title=$1; shift
  awk -v want="$(printf '%s\n' "$@")" '
    BEGIN { n = split(want, w, "\n"); i = 1 }
    i <= n && $0 == w[i] { i++ }
    END { if (i <= n) { print "missing: " w[i]; exit 1 } }' "$out/demo.norm" >"$out/expect.log"
  if [ $? -eq 0 ]; then ok "$title"; else bad "$title: $(cat "$out/expect.log")"; fi
}

# RFC 9293 figure 6, lines 1-4 (line 5 carries data: next block).
expect "figure 6: three-way handshake" \
  "CLOSED (B: OPEN (passive)) LISTEN" \
  "SYN-SENT --> <SEQ=100><CTL=SYN> --> SYN-RECEIVED" \
  "ESTABLISHED <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED" \
  "ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK> --> ESTABLISHED"

# Figure 6 line 5: data goes at SEQ=101; 10 bytes are acknowledged with ACK=111.
expect "figure 6 line 5: data and its ACK" \
  "ESTABLISHED --> <SEQ=101><ACK=301><CTL=PSH,ACK><DATA=10> --> ESTABLISHED" \
  "ESTABLISHED <-- <SEQ=301><ACK=111><CTL=ACK> <-- ESTABLISHED"

# Figure 12, with A's sequence numbers 10 bytes on (FIN at 111, not 100).
expect "figure 12: normal close, TIME-WAIT, 2MSL" \
  "FIN-WAIT-1 --> <SEQ=111><ACK=301><CTL=FIN,ACK> --> CLOSE-WAIT" \
  "FIN-WAIT-2 <-- <SEQ=301><ACK=112><CTL=ACK> <-- CLOSE-WAIT" \
  "TIME-WAIT <-- <SEQ=301><ACK=112><CTL=FIN,ACK> <-- LAST-ACK" \
  "TIME-WAIT --> <SEQ=112><ACK=302><CTL=ACK> --> CLOSED" \
  "CLOSED (A: 2MSL timer expires) CLOSED"

# Figure 7 lines 2-5: both SYNs cross, both ends go to SYN-RECEIVED and
# answer with SYN,ACK. Each SYN,ACK repeats a SYN already received, so the
# sequence test of 3.10.7.4 makes it unacceptable: an ACK <SEQ=101><ACK=301>
# (and <SEQ=301><ACK=101>) answers it, and that ACK is what establishes.
expect "figure 7: simultaneous open" \
  "SYN-SENT --> <SEQ=100><CTL=SYN> ..." \
  "SYN-RECEIVED <-- <SEQ=300><CTL=SYN> <-- SYN-SENT" \
  "SYN-RECEIVED --> <SEQ=100><ACK=301><CTL=SYN,ACK> ..." \
  "... <SEQ=100><CTL=SYN> --> SYN-RECEIVED" \
  "... <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED"
expect "figure 7: both ends reach ESTABLISHED" \
  "SYN-RECEIVED --> <SEQ=101><ACK=301><CTL=ACK> --> ESTABLISHED" \
  "ESTABLISHED <-- <SEQ=301><ACK=101><CTL=ACK> ..."

# Figure 13 with ISS 100/300: FINs at 101 and 301 cross, both CLOSING, the
# ACKs (102, 302) move both to TIME-WAIT, 2MSL closes both.
expect "figure 13: simultaneous close" \
  "FIN-WAIT-1 --> <SEQ=101><ACK=301><CTL=FIN,ACK> ..." \
  "... <SEQ=301><ACK=101><CTL=FIN,ACK> <-- FIN-WAIT-1" \
  "... <SEQ=101><ACK=301><CTL=FIN,ACK> --> CLOSING" \
  "CLOSING <-- <SEQ=301><ACK=101><CTL=FIN,ACK> ..." \
  "CLOSED (A: 2MSL timer expires) TIME-WAIT" \
  "CLOSED (B: 2MSL timer expires) CLOSED"
if grep -q '<SEQ=102><ACK=302><CTL=ACK>' "$out/demo.norm" && grep -q '<SEQ=302><ACK=102><CTL=ACK>' "$out/demo.norm" \
   && [ "$(grep -c 'TIME-WAIT' "$out/demo.norm")" -ge 3 ]; then
  ok "figure 13: ACKs of both FINs, both in TIME-WAIT"
else
  bad "figure 13: ACKs <SEQ=102><ACK=302> and <SEQ=302><ACK=102> or TIME-WAIT missing"
fi

echo "demo: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
