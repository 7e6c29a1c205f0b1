#!/bin/sh
# Draw the state diagram of spec/tcp.rl: docs/tcp-states.sh OUT.svg [OUT.dot]
#
# `ragel -V -p` gives the chart as Graphviz, but every transition of the chart
# ends in `fnext STATE; fbreak;`, so Ragel's own edges only lead to anonymous
# final states; the target state and the action code are in the chart text.
# Each Ragel edge label is "EVENT / LINE:COL" (LINE: the chart line of the
# action), so this script reads, per edge: the chart state it leaves (from
# Ragel's entry-point labels), the event code (named from the chart's EV_
# lines) and, from chart line LINE, the action (TCPFSM_A_*) and the next state.
#
# Drawn: every transition that changes the state, one edge per (from, to)
# pair labelled "EVENT / ACTION" lines in event order. Self-loops (errors,
# drops, challenge ACKs, retransmissions) are counted in each node's label.
# States carry their RFC 9293 names; SYN-RECEIVED is two chart states.
# Output is deterministic: every list is sorted before dot sees it.
set -eu
spec=spec/tcp.rl
out=${1:?usage: docs/tcp-states.sh OUT.svg [OUT.dot]}
dotfile=${2:-${out%.svg}.dot}

ragel -V -p "$spec" | awk -v spec="$spec" '
function evcode(s,   c) {
    # Ragel prints some event bytes as characters.
    if (s ~ /^[0-9]+$/) return s + 0
    if (s == "SP") return 32
    if (s == "'"'"'\\\\a'"'"'") return 7
    if (s == "'"'"'\\\\n'"'"'") return 10
    if (s == "'"'"'\\\\v'"'"'") return 11
    if (s == "'"'"'\\\\f'"'"'") return 12
    if (s == "'"'"'\\\\r'"'"'") return 13
    if (s ~ /^'"'"'.'"'"'$/) { c = substr(s, 2, 1); return ord[c] }
    printf "tcp-states.sh: cannot read event %s\n", s > "/dev/stderr"; exit 1
}
function rfc(cs,   s) {
    if (cs == "syn_received_passive") return "SYN-RECEIVED\\n(from LISTEN)"
    if (cs == "syn_received_active") return "SYN-RECEIVED\\n(from SYN-SENT)"
    s = toupper(cs); gsub(/_/, "-", s); return s
}
BEGIN {
    for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i
    n = 0
    while ((getline line < spec) > 0) {
        n++; text[n] = line
        if (line ~ /^ *EV_[A-Z0-9_]+ *= *[0-9]+;/) {
            name = line; sub(/^ *EV_/, "", name); sub(/ *=.*/, "", name)
            code = line; sub(/^[^=]*= */, "", code); sub(/;.*/, "", code)
            evname[code + 0] = name; evorder[name] = code + 0
        }
    }
}
/^\ten_[0-9]+ -> [0-9]+ \[ label = "/ {
    split($0, a, "\""); st = $3; csname[st] = a[2]; next
}
/^\t[0-9]+ -> [0-9]+ \[ label = "/ {
    src = $1
    lab = $0; sub(/^[^"]*"/, "", lab); sub(/".*/, "", lab)
    ev = lab; sub(/ \/ .*/, "", ev)
    ln = lab; sub(/.* \/ /, "", ln); sub(/:.*/, "", ln)
    l = text[ln + 0]
    if (l !~ /TCPFSM_A_[A-Z_]+/ || l !~ /fnext [a-z_0-9]+/) {
        printf "tcp-states.sh: no action/fnext on %s line %d\n", spec, ln > "/dev/stderr"; exit 1
    }
    act = l; sub(/.*TCPFSM_A_/, "", act); sub(/[^A-Z_].*/, "", act)
    nx = l; sub(/.*fnext /, "", nx); sub(/[^a-z_0-9].*/, "", nx)
    code = evcode(ev)
    if (!(code in evname)) { printf "tcp-states.sh: unknown event %d\n", code > "/dev/stderr"; exit 1 }
    edges[++ne] = src SUBSEP code SUBSEP act SUBSEP nx
    next
}
END {
    for (i = 1; i <= ne; i++) {
        split(edges[i], e, SUBSEP)
        from = csname[e[1]]
        if (from == "") { printf "tcp-states.sh: chart state %s has no name\n", e[1] > "/dev/stderr"; exit 1 }
        if (from == e[4]) { loops[from]++; continue }
        # sort key: event code, zero-padded
        key = from SUBSEP e[4]
        lines[key] = lines[key] sprintf("%03d %s / %s\n", e[2], evname[e[2]], e[3])
        pair[key] = 1
        used[from] = 1; used[e[4]] = 1
    }
    for (s in csname) used[csname[s]] = 1
    print "digraph tcp_states {"
    print "  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=11, nodesep=0.5, ranksep=0.55,"
    print "         label=\"TCP connection states (RFC 9293 3.3.2) drawn from spec/tcp.rl by docs/tcp-states.sh.\\nEdges: EVENT / ACTION of the chart. Self-loops are counted in each state, not drawn.\", labelloc=b];"
    print "  node [shape=box, style=\"rounded\", fontname=\"Helvetica-Bold\", fontsize=12];"
    print "  edge [fontname=\"Helvetica\", fontsize=8];"
    # nodes in a fixed order: the RFC order
    split("closed listen syn_sent syn_received_passive syn_received_active established fin_wait_1 fin_wait_2 close_wait closing last_ack time_wait", order, " ")
    for (i = 1; i <= 12; i++) {
        s = order[i]
        if (!(s in used)) continue
        printf "  %s [label=\"%s\\n(%d self-loops)\"];\n", s, rfc(s), loops[s] + 0
        done[s] = 1
    }
    for (s in used) if (!(s in done)) { printf "tcp-states.sh: unexpected chart state %s\n", s > "/dev/stderr"; exit 1 }
    print "  { rank=same; syn_received_passive; syn_received_active; syn_sent; }"
    print "  { rank=same; fin_wait_1; close_wait; }"
    print "  { rank=same; fin_wait_2; closing; last_ack; }"
    # edges sorted by (from, to) in RFC order
    for (i = 1; i <= 12; i++) for (j = 1; j <= 12; j++) {
        key = order[i] SUBSEP order[j]
        if (!(key in pair)) continue
        nl = split(lines[key], ls, "\n")
        m = 0
        for (k = 1; k <= nl; k++) if (ls[k] != "") srt[++m] = ls[k]
        # insertion sort by event code
        for (k = 2; k <= m; k++) { v = srt[k]; q = k - 1; while (q >= 1 && srt[q] > v) { srt[q + 1] = srt[q]; q-- } srt[q + 1] = v }
        lab = ""
        for (k = 1; k <= m; k++) { t = srt[k]; sub(/^[0-9]+ /, "", t); lab = lab t "\\l" }
        printf "  %s -> %s [label=\"%s\"];\n", order[i], order[j], lab
        delete srt
    }
    print "}"
}' > "$dotfile"
dot -Tsvg "$dotfile" > "$out"
