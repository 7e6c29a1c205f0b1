#!/bin/sh
# check-pcap: `tcpfsm pcap` on hand-made captures (built by
# tests/pcap/make_pcaps.c with the project's codec: clean connections and
# one departure per file), on a committed capture of an interop run against
# Linux, and on this machine's fresh interop capture when check-interop made
# one (build/interop.pcap).
T=build/tcpfsm
D=build/pcap-tests
pass=0; fail=0
mkdir -p "$D"
if ! build/pcap_fixtures "$D"; then
  echo "FAIL cannot build the test captures"; echo "pcap: 0 passed, 1 failed"; exit 1
fi

# expect NAME FILE STATUS PATTERN...: run, compare the exit status, grep each pattern
expect() {
  name=$1; file=$2; want=$3; shift 3
  out=$($T pcap $file 2>&1); rc=$?   # $file may carry options: unquoted on purpose
  ok=1
  [ "$rc" -eq "$want" ] || { ok=0; echo "  exit status $rc, expected $want"; }
  for pat in "$@"; do
    echo "$out" | grep -qF -- "$pat" || { ok=0; echo "  missing: $pat"; }
  done
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); echo "ok   $name";
  else fail=$((fail + 1)); echo "FAIL $name"; echo "$out" | sed 's/^/     /'; fi
}

expect clean-v4 $D/clean-v4.pcap 0 "the model accepts the trace" \
  "(active): CLOSED > SYN-SENT > ESTABLISHED > FIN-WAIT-1 > FIN-WAIT-2 > TIME-WAIT" \
  "(passive): CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED"
expect clean-v6 $D/clean-v6.pcap 0 "[2001:db8::1]:33000" "1 connections accepted, 0 departed"
expect refused $D/refused.pcap 0 "(closed): CLOSED" "(active): CLOSED > SYN-SENT > CLOSED" "the model accepts"
expect data-after-fin $D/data-after-fin.pcap 1 "DEPARTS at packet 6" "SEND there says \"connection closing\""
expect ack-beyond-rcv-nxt $D/ack-beyond-rcv-nxt.pcap 1 "DEPARTS at packet 5" "beyond RCV.NXT=1101"
expect syn-in-established $D/syn-in-established.pcap 1 "DEPARTS at packet 4" "SYN sent in ESTABLISHED"
expect synack-wrong-ack $D/synack-wrong-ack.pcap 1 "DEPARTS at packet 2" "RCV.NXT at 1001"
expect fin-wrong-seq $D/fin-wrong-seq.pcap 1 "DEPARTS at packet 5" "sends the FIN after all queued data"
expect data-after-rst $D/data-after-rst.pcap 1 "DEPARTS at packet 5" "connection is CLOSED"
expect rst-out-of-window $D/rst-out-of-window.pcap 1 "DEPARTS at packet 4" "outside [SND.UNA, SND.NXT]"
expect mid-connection $D/mid-connection.pcap 0 "not checked: the capture starts after" "0 connections accepted, 0 departed, 1 not checked"
expect bad-checksum $D/bad-checksum.pcap 0 "1 packets skipped: bad TCP checksum" "the model accepts"

# bad input: a missing file, a file that is not a pcap, no argument
printf 'not a capture at all\n' > $D/not-a-pcap.pcap
expect missing-file $D/does-not-exist.pcap 2 "tcpfsm pcap:"
expect not-a-pcap $D/not-a-pcap.pcap 2 "tcpfsm pcap:"
out=$($T pcap 2>&1); rc=$?
if [ $rc -eq 2 ] && echo "$out" | grep -q usage; then pass=$((pass + 1)); echo "ok   no-argument";
else fail=$((fail + 1)); echo "FAIL no-argument (exit $rc)"; fi
# a truncated capture: the records that are there are read, the error is reported
head -c 150 tests/pcap/interop-linux.pcap > $D/truncated.pcap
out=$($T pcap $D/truncated.pcap 2>&1); rc=$?
if [ $rc -ne 139 ] && [ $rc -le 2 ]; then pass=$((pass + 1)); echo "ok   truncated-capture (exit $rc)";
else fail=$((fail + 1)); echo "FAIL truncated-capture (exit $rc)"; fi

# Linux, as captured at the model's end of a `tcpfsm interop` run (committed)
expect interop-linux tests/pcap/interop-linux.pcap 0 \
  "pcap: 15 connections accepted, 0 departed, 0 not checked" \
  "(passive): CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > FIN-WAIT-1 > CLOSING > TIME-WAIT" \
  "(active): CLOSED > SYN-SENT > ESTABLISHED > FIN-WAIT-1 > CLOSING > TIME-WAIT"

# Linux talking to itself over loopback (tests/pcap/capture_loopback.py):
# timestamps, SACK, window scaling, 64 kB segments, delayed ACKs, zero
# windows; loopback leaves checksums to offload
expect linux-loopback "--no-checksum tests/pcap/linux-loopback.pcap" 0 \
  "pcap: 6 connections accepted, 0 departed, 0 not checked" \
  "(active): CLOSED > SYN-SENT > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED" \
  "(closed): CLOSED"
expect linux-loopback-checksums tests/pcap/linux-loopback.pcap 0 "packets skipped: bad TCP checksum (try --no-checksum)"

# this machine's kernel, if check-interop ran here
if [ -s build/interop.pcap ]; then
  # three scenarios inject segments the model would never send: exactly those depart
  expect interop-fresh build/interop.pcap 1 "pcap: 27 connections accepted, 3 departed, 0 not checked" \
    "[R] seq=" "SYN sent in ESTABLISHED" "[FA] seq="
else
  echo "skip interop-fresh: no build/interop.pcap (check-interop did not run or was skipped)"
fi
echo "pcap: $pass passed, $fail failed"
[ $fail -eq 0 ]
