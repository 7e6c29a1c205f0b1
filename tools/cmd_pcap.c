/* tcpfsm pcap FILE: check the TCP connections of a capture against the model.
 *
 * The capture is read with libpcap, every packet decoded with the wire
 * codec, and the segments split into connections by their 4-tuple (a new
 * SYN after a connection ended starts the next one). Each connection then
 * runs through two model observers, one per end. For every captured segment
 * from end S to end R, in capture order:
 *
 *  1. S's observer checks that the model could have sent it. The user calls
 *     the trace implies are made on S's TCB first: the first SYN is an
 *     active OPEN with the captured ISS, payload beyond what S's user has
 *     SENT is a SEND, a FIN is a CLOSE, a RST the model did not itself emit
 *     is an ABORT. A call the state refuses, a SYN or FIN out of place, an
 *     ACK beyond what S has received, or a segment from a deleted TCB is a
 *     departure from the model, reported with the RFC's reason.
 *  2. R's observer receives it (SEGMENT ARRIVES), moving R's TCB as the RFC
 *     says; the application reads every byte at once.
 *
 * The capture shows one vantage point: when the two ends' events are
 * concurrent (a simultaneous close) the observers see them in capture order,
 * which is one legal interleaving, not necessarily the one each end saw.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "commands.h"
#include "tcpfsm.h"
#include "tcpfsm_wire.h"

#define MAX_STATES 48
#define MAX_RSTS 8

typedef struct seg_rec {
    unsigned long packet; /* 1-based packet number in the file */
    int from;             /* 0: the end that sent the connection's first segment, 1: the other */
    tcpfsm_wire_packet p;
} seg_rec;

typedef struct conn {
    uint8_t addr[2][16];
    uint16_t port[2];
    int ip_version;
    seg_rec *seg;
    size_t n, cap;
    int ended;            /* a RST or a FIN was seen: a fresh SYN starts a new connection */
} conn;

typedef struct observer {
    tcpfsm_tcb t;
    tcpfsm_config cfg;
    uint8_t states[MAX_STATES];
    int nstates, more_states;
    uint32_t rst_seq[MAX_RSTS]; /* RSTs the model emitted, not yet seen on the wire */
    int nrst;
    int passive;          /* started in LISTEN */
    int user_closed;      /* the observer made the CLOSE call */
    int fin_sent;         /* the model emitted its FIN (kept here, not read from the TCB) */
    unsigned wscale;      /* shift for the windows this end receives */
} observer;

static int verbose;

static void note_state(observer *o, int s)
{
    if (o->nstates > 0 && o->states[o->nstates - 1] == s)
        return;
    if (o->nstates < MAX_STATES)
        o->states[o->nstates++] = (uint8_t)s;
    else
        o->more_states = 1;
}

/* Record what one core call did: states, RSTs; the application reads data at once. */
static void absorb(observer *o, const tcpfsm_output *out)
{
    int i;
    for (i = 0; i < out->event_count; i++)
        note_state(o, out->state_after[i]);
    note_state(o, o->t.state);
    for (i = 0; i < out->segment_count; i++) {
        if ((out->segment[i].flags & TCPFSM_RST) && o->nrst < MAX_RSTS)
            o->rst_seq[o->nrst++] = out->segment[i].seq;
        if (out->segment[i].flags & TCPFSM_FIN)
            o->fin_sent = 1;
    }
    if (o->t.state == TCPFSM_CLOSED || o->t.state == TCPFSM_LISTEN)
        o->fin_sent = 0; /* the TCB was deleted or went back to LISTEN */
    if (o->t.rcv_unread > 0) {
        tcpfsm_output o2;
        if (tcpfsm_receive(&o->t, &o->cfg, o->t.rcv_unread, &o2) == TCPFSM_OK)
            absorb(o, &o2);
    }
}

static void observer_init(observer *o, int passive)
{
    tcpfsm_output out;
    memset(o, 0, sizeof *o);
    tcpfsm_init(&o->t);
    tcpfsm_config_default(&o->cfg);
    /* The observer must accept whatever the real receiver could: the largest
     * window, the largest segments. */
    o->cfg.rcv_wnd = TCPFSM_MAX_WINDOW;
    o->cfg.mss = 65535;
    o->passive = passive;
    note_state(o, TCPFSM_CLOSED);
    if (passive && tcpfsm_open(&o->t, &o->cfg, 0, 0, &out) == TCPFSM_OK)
        absorb(o, &out);
}

static uint32_t seq_dist(uint32_t a, uint32_t b) { return b - a; }

/* Data bytes S's user has handed the model so far (sent or queued). */
static uint32_t stream_bytes(const observer *o)
{
    uint32_t sent = seq_dist(o->t.iss + 1u, o->t.snd_nxt);
    if (o->t.state == TCPFSM_SYN_SENT || o->t.state == TCPFSM_SYN_RECEIVED || o->t.state == TCPFSM_CLOSED ||
        o->t.state == TCPFSM_LISTEN)
        sent = 0;
    if (o->fin_sent && sent > 0)
        sent -= 1u;
    return sent + o->t.snd_queued;
}

static int synchronized(int s)
{
    return s >= TCPFSM_ESTABLISHED;
}

/* Step 1: could S's model have sent this segment? 0 if so, else writes why. */
static int check_sender(observer *o, const tcpfsm_wire_packet *p, char *why, size_t whylen)
{
    tcpfsm_output out;
    tcpfsm_result r;
    int st = o->t.state, i;
    uint8_t f = p->flags;

    if (f & TCPFSM_RST) {
        for (i = 0; i < o->nrst; i++)
            if (o->rst_seq[i] == p->seq) { /* the model emitted this reset too */
                o->rst_seq[i] = o->rst_seq[--o->nrst];
                return 0;
            }
        if (st == TCPFSM_SYN_RECEIVED || st == TCPFSM_ESTABLISHED || st == TCPFSM_FIN_WAIT_1 ||
            st == TCPFSM_FIN_WAIT_2 || st == TCPFSM_CLOSE_WAIT) {
            /* RFC 9293 3.10.5 ABORT: "send a reset segment <SEQ=SND.NXT><CTL=RST>" */
            if (seq_dist(o->t.snd_una, p->seq) <= seq_dist(o->t.snd_una, o->t.snd_nxt)) {
                if (tcpfsm_abort(&o->t, &o->cfg, &out) == TCPFSM_OK)
                    absorb(o, &out);
                return 0;
            }
            snprintf(why, whylen,
                     "RST with SEQ=%u outside [SND.UNA, SND.NXT] = [%u, %u]: not the ABORT reset "
                     "<SEQ=SND.NXT><CTL=RST> of RFC 9293 3.10.5",
                     p->seq, o->t.snd_una, o->t.snd_nxt);
            return 1;
        }
        snprintf(why, whylen,
                 "RST in %s that answers nothing: RFC 9293 3.5.2 sends a reset only for a segment "
                 "that does not belong to the connection, or on ABORT (3.10.5)",
                 tcpfsm_state_name(st));
        return 1;
    }

    if (st == TCPFSM_CLOSED && !(f & TCPFSM_SYN)) {
        snprintf(why, whylen,
                 "segment from an end whose connection is CLOSED (the TCB was deleted): RFC 9293 "
                 "3.10.7.1 has a closed end send nothing but resets");
        return 1;
    }

    if (f & TCPFSM_SYN) {
        if ((st == TCPFSM_CLOSED || st == TCPFSM_LISTEN) && !(f & TCPFSM_ACK)) {
            /* RFC 9293 3.10.1 OPEN, active: "issue a SYN segment" with the ISS */
            r = tcpfsm_open(&o->t, &o->cfg, 1, p->seq, &out);
            if (r != TCPFSM_OK) {
                snprintf(why, whylen, "OPEN refused in %s: %s", tcpfsm_state_name(st),
                         tcpfsm_result_name(r));
                return 1;
            }
            absorb(o, &out);
            return 0;
        }
        if (st == TCPFSM_SYN_SENT && (f & TCPFSM_ACK)) {
            snprintf(why, whylen,
                     "SYN,ACK from an end in SYN-SENT that has received no SYN: RFC 9293 3.10.7.3 "
                     "sends SYN,ACK only on receiving a SYN");
            return 1;
        }
        if ((st == TCPFSM_SYN_SENT || st == TCPFSM_SYN_RECEIVED) && p->seq == o->t.iss) {
            if ((f & TCPFSM_ACK) && p->ack != o->t.rcv_nxt) {
                snprintf(why, whylen,
                         "SYN,ACK acknowledges %u, but the SYN received puts RCV.NXT at %u "
                         "(RFC 9293 3.10.7.2: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>)",
                         p->ack, o->t.rcv_nxt);
                return 1;
            }
            return 0; /* the SYN or SYN,ACK, or its retransmission (3.8.1) */
        }
        if (st == TCPFSM_SYN_SENT || st == TCPFSM_SYN_RECEIVED) {
            snprintf(why, whylen, "SYN with SEQ=%u, but this end's ISS is %u: RFC 9293 3.4.1",
                     p->seq, o->t.iss);
            return 1;
        }
        snprintf(why, whylen,
                 "SYN sent in %s: RFC 9293 3.10 sends a SYN only on OPEN or in answer to a SYN",
                 tcpfsm_state_name(st));
        return 1;
    }

    if (st == TCPFSM_LISTEN) {
        snprintf(why, whylen, "non-SYN segment from an end in LISTEN, which has no connection to send on");
        return 1;
    }

    if (p->payload_len > 0 || (f & TCPFSM_FIN)) {
        uint32_t have = stream_bytes(o);
        uint32_t need = seq_dist(o->t.iss + 1u, p->seq + p->payload_len);
        if (need > have && need - have <= TCPFSM_MAX_WINDOW && p->payload_len > 0) {
            /* RFC 9293 3.10.2 SEND: the user gave the stack these bytes */
            r = tcpfsm_send(&o->t, &o->cfg, need - have, &out);
            if (r != TCPFSM_OK) {
                snprintf(why, whylen,
                         "new data (%u bytes at SEQ=%u) from an end in %s: RFC 9293 3.10.2 SEND "
                         "there says \"%s\"",
                         p->payload_len, p->seq, tcpfsm_state_name(st), tcpfsm_result_name(r));
                return 1;
            }
            absorb(o, &out);
            have = stream_bytes(o);
        } else if (need > have && p->payload_len > 0) {
            snprintf(why, whylen, "data at SEQ=%u lies outside this end's sequence space (ISS %u)",
                     p->seq, o->t.iss);
            return 1;
        }
        if (f & TCPFSM_FIN) {
            if (!o->user_closed) {
                /* RFC 9293 3.10.4 CLOSE */
                o->user_closed = 1;
                r = tcpfsm_close(&o->t, &o->cfg, &out);
                if (r != TCPFSM_OK) {
                    snprintf(why, whylen, "FIN from an end in %s: RFC 9293 3.10.4 CLOSE there says \"%s\"",
                             tcpfsm_state_name(st), tcpfsm_result_name(r));
                    return 1;
                }
                absorb(o, &out);
                if (o->t.state == TCPFSM_CLOSED) {
                    snprintf(why, whylen, "FIN from an end in %s, where CLOSE deletes the TCB "
                             "without a FIN (RFC 9293 3.10.4)", tcpfsm_state_name(st));
                    return 1;
                }
            }
            if (seq_dist(o->t.iss + 1u, p->seq + p->payload_len) != have) {
                snprintf(why, whylen,
                         "FIN at SEQ=%u, but the data this end sent ends at %u: RFC 9293 3.10.4 "
                         "sends the FIN after all queued data",
                         p->seq + p->payload_len, o->t.iss + 1u + have);
                return 1;
            }
        }
    }

    if ((f & TCPFSM_ACK) && synchronized(st)) {
        if (seq_dist(o->t.irs, p->ack) > seq_dist(o->t.irs, o->t.rcv_nxt)) {
            snprintf(why, whylen,
                     "ACK=%u acknowledges beyond RCV.NXT=%u, sequence space this end never "
                     "accepted (RFC 9293 3.10.7.4: the ACK carries RCV.NXT)",
                     p->ack, o->t.rcv_nxt);
            return 1;
        }
    }
    return 0;
}

/* Step 2: R receives the segment. */
static int deliver(observer *o, const tcpfsm_wire_packet *p, uint32_t iss, char *why, size_t whylen)
{
    tcpfsm_segment seg;
    tcpfsm_output out;
    tcpfsm_result r;
    tcpfsm_wire_to_segment(p, o->wscale, &seg);
    r = tcpfsm_segment_arrives(&o->t, &o->cfg, &seg, iss, &out);
    if (r != TCPFSM_OK) {
        snprintf(why, whylen, "the model cannot take this segment: %s", tcpfsm_result_name(r));
        return 1;
    }
    absorb(o, &out);
    return 0;
}

static void format_end(char *b, size_t n, const conn *c, int e)
{
    char a[INET6_ADDRSTRLEN];
    if (c->ip_version == 4)
        inet_ntop(AF_INET, c->addr[e] + 12, a, sizeof a);
    else
        inet_ntop(AF_INET6, c->addr[e], a, sizeof a);
    snprintf(b, n, c->ip_version == 4 ? "%s:%u" : "[%s]:%u", a, c->port[e]);
}

static void format_flags(char *b, uint8_t f)
{
    static const char names[] = "FSRPAU";
    int i, k = 0;
    for (i = 0; i < 6; i++)
        if (f & (1u << i))
            b[k++] = names[i];
    if (k == 0)
        b[k++] = '.';
    b[k] = 0;
}

static void print_states(const observer *o)
{
    int i;
    for (i = 0; i < o->nstates; i++)
        printf("%s%s", i ? " > " : "", tcpfsm_state_name(o->states[i]));
    if (o->more_states)
        printf(" > ...");
    printf("\n");
}

/* Sequence space a segment occupies: payload, plus one each for SYN and FIN. */
static uint32_t seq_space(const tcpfsm_wire_packet *p)
{
    return p->payload_len + ((p->flags & TCPFSM_SYN) ? 1u : 0u) + ((p->flags & TCPFSM_FIN) ? 1u : 0u);
}

/* Segments cross on the wire: q, captured before p but travelling the other
 * way, had not reached p's sender when it sent p. The evidence: p's ACK does
 * not cover q's sequence space, or q is a RST and p is not. Such a q is held
 * back (at most MAX_HELD of the sender's segments) and delivered later. */
#define MAX_HELD 3
static int crossed(const tcpfsm_wire_packet *q, const tcpfsm_wire_packet *p, int sender_state)
{
    uint32_t end = q->seq + seq_space(q);
    if ((q->flags & TCPFSM_RST) && !(p->flags & TCPFSM_RST))
        return 1;
    if (!(p->flags & TCPFSM_ACK) || !synchronized(sender_state) || seq_space(q) == 0)
        return 0;
    return (uint32_t)(end - p->ack) != 0 && (uint32_t)(end - p->ack) < 0x80000000u;
}

/* Run one connection through the two observers. 0 accepted, 1 departed, 2 not checked. */
static int check_conn(const conn *c, int number)
{
    observer ob[2];
    char ends[2][80], why[400] = "";
    size_t i;
    int first_from_b = -1, rc = 0;
    uint32_t iss_b = 0;
    const seg_rec *bad = NULL;
    size_t *queue[2], head[2] = {0, 0}, tail[2] = {0, 0};
    unsigned char *held;

    format_end(ends[0], sizeof ends[0], c, 0);
    format_end(ends[1], sizeof ends[1], c, 1);
    printf("connection %d: %s > %s, %zu segments\n", number, ends[0], ends[1], c->n);
    if (!(c->seg[0].p.flags & TCPFSM_SYN) || (c->seg[0].p.flags & (TCPFSM_ACK | TCPFSM_RST))) {
        printf("  not checked: the capture starts after the connection's first SYN\n");
        return 2;
    }
    /* Lookahead: how the other end answered says how it was opened. */
    for (i = 0; i < c->n; i++)
        if (c->seg[i].from == 1) {
            if (first_from_b < 0)
                first_from_b = (c->seg[i].p.flags & TCPFSM_RST) ? 1 : 0;
            if ((c->seg[i].p.flags & TCPFSM_SYN) && !iss_b) {
                iss_b = c->seg[i].p.seq;
                break;
            }
        }
    observer_init(&ob[0], 0);
    observer_init(&ob[1], first_from_b != 1); /* answered with a RST: nobody listened */
    /* RFC 7323 2.2: windows are scaled only if both SYNs carry the option */
    {
        int ws[2] = {-1, -1};
        for (i = 0; i < c->n; i++)
            if ((c->seg[i].p.flags & TCPFSM_SYN) && ws[c->seg[i].from] < 0)
                ws[c->seg[i].from] = c->seg[i].p.opt.has_wscale ? c->seg[i].p.opt.wscale : 255;
        if (ws[0] >= 0 && ws[0] != 255 && ws[1] >= 0 && ws[1] != 255) {
            ob[1].wscale = (unsigned)ws[0];
            ob[0].wscale = (unsigned)ws[1];
        }
    }
    queue[0] = calloc(c->n, sizeof *queue[0]);
    queue[1] = calloc(c->n, sizeof *queue[1]);
    held = calloc(c->n, sizeof *held);
    if (!queue[0] || !queue[1] || !held) {
        free(queue[0]);
        free(queue[1]);
        free(held);
        printf("  not checked: out of memory\n");
        return 2;
    }
    for (i = 0; i < c->n && !bad; i++) {
        const seg_rec *s = &c->seg[i];
        int from = s->from;
        observer *tx = &ob[from];
        /* first, what reached the sender before it sent this (see crossed()) */
        while (head[!from] < tail[!from] && !bad) {
            size_t q = queue[!from][head[!from]];
            if (crossed(&c->seg[q].p, &s->p, tx->t.state) && held[q] < MAX_HELD) {
                held[q]++;
                break;
            }
            head[!from]++;
            if (deliver(tx, &c->seg[q].p, tx->t.state == TCPFSM_LISTEN && from == 1 ? iss_b : 0, why,
                        sizeof why))
                bad = &c->seg[q];
        }
        if (bad)
            break;
        if (check_sender(tx, &s->p, why, sizeof why)) {
            bad = s;
            break;
        }
        queue[from][tail[from]++] = i;
        if (verbose) {
            char fl[8];
            format_flags(fl, s->p.flags);
            printf("  #%lu %s > %s [%s] seq=%u ack=%u win=%u len=%u   %s / %s\n", s->packet,
                   ends[from], ends[!from], fl, s->p.seq, s->p.ack, s->p.window,
                   s->p.payload_len, tcpfsm_state_name(ob[0].t.state), tcpfsm_state_name(ob[1].t.state));
        }
    }
    /* The end of the capture (or of the check): everything in flight
     * arrives, in capture order, so the state lists are complete. */
    while (head[0] < tail[0] || head[1] < tail[1]) {
        int d = head[0] < tail[0] && (head[1] >= tail[1] || queue[0][head[0]] < queue[1][head[1]]) ? 0 : 1;
        size_t q = queue[d][head[d]++];
        char why2[400];
        if (deliver(&ob[!d], &c->seg[q].p, ob[!d].t.state == TCPFSM_LISTEN && d == 0 ? iss_b : 0,
                    bad ? why2 : why, bad ? sizeof why2 : sizeof why) && !bad)
            bad = &c->seg[q];
    }
    free(queue[0]);
    free(queue[1]);
    free(held);
    printf("  %s (%s): ", ends[0], "active");
    print_states(&ob[0]);
    printf("  %s (%s): ", ends[1], ob[1].passive ? "passive" : "closed");
    print_states(&ob[1]);
    if (bad) {
        char fl[8];
        format_flags(fl, bad->p.flags);
        printf("  DEPARTS at packet %lu (%s > %s [%s] seq=%u ack=%u len=%u): %s\n", bad->packet,
               ends[bad->from], ends[!bad->from], fl, bad->p.seq, bad->p.ack, bad->p.payload_len, why);
        rc = 1;
    } else {
        printf("  the model accepts the trace\n");
    }
    return rc;
}

/* ---- reading the capture ------------------------------------------------ */

/* Where the IP packet starts in a frame of this link type; -1 if not IP. */
static long ip_offset(int dlt, const uint8_t *f, size_t len)
{
    switch (dlt) {
    case DLT_RAW:
#ifdef DLT_IPV4
    case DLT_IPV4:
    case DLT_IPV6:
#endif
    case 101: /* LINKTYPE_RAW, if libpcap hands it through */
        return 0;
    case DLT_EN10MB: {
        size_t off = 12;
        while (len >= off + 2 && (f[off] << 8 | f[off + 1]) == 0x8100)
            off += 4; /* 802.1Q */
        if (len < off + 2)
            return -1;
        if ((f[off] << 8 | f[off + 1]) != 0x0800 && (f[off] << 8 | f[off + 1]) != 0x86DD)
            return -1;
        return (long)off + 2;
    }
    case DLT_LINUX_SLL:
        if (len < 16 || ((f[14] << 8 | f[15]) != 0x0800 && (f[14] << 8 | f[15]) != 0x86DD))
            return -1;
        return 16;
#ifdef DLT_LINUX_SLL2
    case DLT_LINUX_SLL2:
        if (len < 20 || ((f[0] << 8 | f[1]) != 0x0800 && (f[0] << 8 | f[1]) != 0x86DD))
            return -1;
        return 20;
#endif
    case DLT_NULL:
    case DLT_LOOP:
        return len >= 4 ? 4 : -1;
    default:
        return -1;
    }
}

typedef struct capture {
    conn *c;
    size_t n, cap;
} capture;

static int same_tuple(const conn *c, const tcpfsm_wire_packet *p, int *from)
{
    if (!memcmp(c->addr[0], p->src, 16) && !memcmp(c->addr[1], p->dst, 16) &&
        c->port[0] == p->src_port && c->port[1] == p->dst_port) {
        *from = 0;
        return 1;
    }
    if (!memcmp(c->addr[1], p->src, 16) && !memcmp(c->addr[0], p->dst, 16) &&
        c->port[1] == p->src_port && c->port[0] == p->dst_port) {
        *from = 1;
        return 1;
    }
    return 0;
}

static int add_segment(capture *cap, const tcpfsm_wire_packet *p, unsigned long packet)
{
    conn *c = NULL;
    size_t i;
    int from = 0;
    for (i = cap->n; i-- > 0;)
        if (same_tuple(&cap->c[i], p, &from)) {
            c = &cap->c[i];
            break;
        }
    if (c && c->ended && (p->flags & TCPFSM_SYN) && !(p->flags & (TCPFSM_ACK | TCPFSM_RST)))
        c = NULL; /* a new connection on the same 4-tuple */
    if (!c) {
        if (cap->n == cap->cap) {
            size_t nc = cap->cap ? cap->cap * 2 : 16;
            conn *m = realloc(cap->c, nc * sizeof *m);
            if (!m)
                return -1;
            cap->c = m;
            cap->cap = nc;
        }
        c = &cap->c[cap->n++];
        memset(c, 0, sizeof *c);
        memcpy(c->addr[0], p->src, 16);
        memcpy(c->addr[1], p->dst, 16);
        c->port[0] = p->src_port;
        c->port[1] = p->dst_port;
        c->ip_version = p->ip_version;
        from = 0;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        seg_rec *m = realloc(c->seg, nc * sizeof *m);
        if (!m)
            return -1;
        c->seg = m;
        c->cap = nc;
    }
    c->seg[c->n].packet = packet;
    c->seg[c->n].from = from;
    c->seg[c->n].p = *p;
    c->n++;
    if (p->flags & (TCPFSM_RST | TCPFSM_FIN))
        c->ended = 1;
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tcpfsm pcap [--no-checksum] [--verbose] FILE\n"
            "\n"
            "Splits the TCP connections of a pcap file (raw IP, Ethernet, Linux cooked,\n"
            "BSD loopback) and runs each through two model observers, one per end.\n"
            "Reports per connection the states each end went through, and whether the\n"
            "model accepts the trace or the first segment where the real stack departs\n"
            "from it, with the RFC reason.\n"
            "  --no-checksum  accept bad checksums (captures taken where the NIC fills them in)\n"
            "  --verbose      print every segment with both ends' states\n"
            "Exit status: 0 every connection accepted, 1 a departure, 2 error.\n");
}

int tcpfsm_cmd_pcap(int argc, char **argv)
{
    const char *path = NULL;
    unsigned flags = 0;
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *pc;
    struct pcap_pkthdr *h;
    const u_char *data;
    capture cap = {NULL, 0, 0};
    unsigned long packet = 0, not_tcp = 0, undecodable[TCPFSM_WIRE_ERROR_COUNT];
    int dlt, i, r, accepted = 0, departed = 0, unchecked = 0;
    size_t k;

    memset(undecodable, 0, sizeof undecodable);
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--no-checksum")) {
            flags |= TCPFSM_WIRE_NO_CHECKSUM;
        } else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            verbose = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "tcpfsm pcap: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else if (path) {
            fprintf(stderr, "tcpfsm pcap: one file at a time\n");
            return 2;
        } else {
            path = argv[i];
        }
    }
    if (!path) {
        usage(stderr);
        return 2;
    }
    pc = pcap_open_offline(path, errbuf);
    if (!pc) {
        fprintf(stderr, "tcpfsm pcap: %s: %s\n", path, errbuf);
        return 2;
    }
    dlt = pcap_datalink(pc);
    while ((r = pcap_next_ex(pc, &h, &data)) == 1) {
        tcpfsm_wire_packet p;
        tcpfsm_wire_error e;
        long off;
        packet++;
        off = ip_offset(dlt, data, h->caplen);
        if (off < 0) {
            not_tcp++;
            continue;
        }
        e = tcpfsm_wire_decode(data + off, h->caplen - (size_t)off, flags, &p);
        if (e == TCPFSM_WIRE_ERR_PROTOCOL || e == TCPFSM_WIRE_ERR_IP_VERSION) {
            not_tcp++;
            continue;
        }
        if (e != TCPFSM_WIRE_OK) {
            undecodable[e]++;
            if (verbose)
                printf("packet %lu: %s\n", packet, tcpfsm_wire_error_name(e));
            continue;
        }
        if (add_segment(&cap, &p, packet) != 0) {
            fprintf(stderr, "tcpfsm pcap: out of memory\n");
            pcap_close(pc);
            return 2;
        }
    }
    if (r == -1) {
        fprintf(stderr, "tcpfsm pcap: %s: %s (after packet %lu)\n", path, pcap_geterr(pc), packet);
        pcap_close(pc);
        for (k = 0; k < cap.n; k++)
            free(cap.c[k].seg);
        free(cap.c);
        return 2;
    }
    pcap_close(pc);
    printf("%s: %lu packets, %zu TCP connections, %lu not TCP\n", path, packet, cap.n, not_tcp);
    for (i = 0; i < TCPFSM_WIRE_ERROR_COUNT; i++)
        if (undecodable[i])
            printf("  %lu packets skipped: %s%s\n", undecodable[i], tcpfsm_wire_error_name(i),
                   i == TCPFSM_WIRE_ERR_CHECKSUM ? " (try --no-checksum)" : "");
    for (k = 0; k < cap.n; k++) {
        int rc = check_conn(&cap.c[k], (int)k + 1);
        if (rc == 0)
            accepted++;
        else if (rc == 1)
            departed++;
        else
            unchecked++;
        free(cap.c[k].seg);
    }
    free(cap.c);
    printf("pcap: %d connections accepted, %d departed, %d not checked\n", accepted, departed, unchecked);
    return departed ? 1 : 0;
}
