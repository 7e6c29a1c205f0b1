/* Counterexamples: a path of global events printed as an RFC 9293-style
 * two-column diagram (TCP A on the left, TCP B on the right, like figure 7),
 * and as one packetdrill script per side for `tcpfsm run`. Both replay the
 * path through xstate_step, the same function the explorer used. */
#include <stdio.h>
#include <string.h>

#include "explore.h"

static const char *notify_text(uint16_t nf, char *buf, size_t n)
{
    static const struct { uint16_t bit; const char *name; } names[] = {
        {TCPFSM_N_ESTABLISHED, "established"}, {TCPFSM_N_DATA, "data"},
        {TCPFSM_N_ACKED, "acked"}, {TCPFSM_N_REMOTE_CLOSE, "connection closing"},
        {TCPFSM_N_RESET, "connection reset"}, {TCPFSM_N_REFUSED, "connection refused"},
        {TCPFSM_N_USER_TIMEOUT, "user timeout"}, {TCPFSM_N_TIMED_OUT, "timed out"},
        {TCPFSM_N_CLOSED, "closed"}, {TCPFSM_N_CLOSE_ACKED, "close acked"},
        {TCPFSM_N_LISTEN, "back to listen"}, {TCPFSM_N_HOLD, "SYN text held"},
        {TCPFSM_N_HELD_DATA, "held SYN text is data"},
        {TCPFSM_N_CHALLENGE, "challenge ACK"},
    };
    size_t i;
    buf[0] = 0;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(nf & names[i].bit)) continue;
        if (buf[0]) strncat(buf, ", ", n - strlen(buf) - 1);
        strncat(buf, names[i].name, n - strlen(buf) - 1);
    }
    return buf;
}

static void row(FILE *f, const char *num, const xstate *s, const char *mid, int show_states)
{
    fprintf(f, "%4s  %-13s %-58s %s\n", num,
            show_states ? tcpfsm_state_name(s->side[0].tcb.state) : "",
            mid, show_states ? tcpfsm_state_name(s->side[1].tcb.state) : "");
}

void x_print_trace(FILE *f, const xopts *o, const uint32_t *ev, int n, int cycle_from)
{
    xstate s, next;
    xstep st;
    char num[16], what[160], mid[200], seg[96], nt[160];
    int i, k;
    xstate_init(&s, o);
    fprintf(f, "      %-13s %-58s %s\n", "TCP A", "", "TCP B");
    row(f, "0.", &s, "", 1);
    for (i = 0; i < n; i++) {
        int kind = XE_KIND(ev[i]), side = XE_SIDE(ev[i]);
        if (i == cycle_from)
            fprintf(f, "      %-13s %s\n", "", "----- the rest repeats forever (cycle) -----");
        if (!xstate_step(o, &s, ev[i], &next, &st)) {
            fprintf(f, "      (event %d is not enabled: trace does not replay)\n", i + 1);
            return;
        }
        x_describe_event(what, sizeof what, ev[i], &st);
        snprintf(num, sizeof num, "%d.", i + 1);
        if (kind == XE_DELIVER || kind == XE_CORRUPT)
            snprintf(mid, sizeof mid, side == 0 ? "%s -->" : "<-- %s", what);
        else if (kind == XE_LOSE || kind == XE_DUP)
            snprintf(mid, sizeof mid, "%s %s", side == 0 ? "A->B:" : "B->A:", what);
        else
            snprintf(mid, sizeof mid, "%s%s", side == 0 ? "A: " : "B: ", what);
        if (st.called && st.result != TCPFSM_OK)
            snprintf(mid + strlen(mid), sizeof mid - strlen(mid), " = %s", tcpfsm_result_name(st.result));
        row(f, num, &next, mid, 1);
        if (st.side >= 0) {
            for (k = 0; k < st.out.segment_count; k++) {
                x_format_segment(seg, sizeof seg, &st.out.segment[k]);
                if (o->plant == X_PLANT_MUTE && next.side[st.side].tcb.state == TCPFSM_SYN_RECEIVED &&
                    st.out.segment[k].flags == TCPFSM_ACK && st.out.segment[k].len == 0)
                    strncat(seg, " (swallowed: plant)", sizeof seg - strlen(seg) - 1);
                snprintf(mid, sizeof mid, st.side == 0 ? "   sends --> %s" : "   %s <-- sends", seg);
                row(f, "", &next, mid, 0);
            }
            if (st.out.notify) {
                snprintf(mid, sizeof mid, "   [%s: %s]", st.side == 0 ? "A" : "B",
                         notify_text(st.out.notify, nt, sizeof nt));
                row(f, "", &next, mid, 0);
            }
            if (st.data_bad) {
                snprintf(mid, sizeof mid, "   [!! data at stream offset %lu, expected %lu]",
                         (unsigned long)st.data_got, (unsigned long)st.data_expected);
                row(f, "", &next, mid, 0);
            }
        }
        if (next.cut) row(f, "", &next, "   [a channel overflowed: path cut here]", 0);
        s = next;
    }
    for (k = 0; k < 2; k++) {
        const tcpfsm_tcb *t = &s.side[k].tcb;
        fprintf(f, "      end %c: %s SND.UNA=%lu SND.NXT=%lu RCV.NXT=%lu queued=%lu unread=%lu timers=%s%s%s; in flight to %c: %d\n",
                'A' + k, tcpfsm_state_name(t->state), (unsigned long)t->snd_una,
                (unsigned long)t->snd_nxt, (unsigned long)t->rcv_nxt,
                (unsigned long)t->snd_queued, (unsigned long)t->rcv_unread,
                s.side[k].timers & 1 ? "R" : "-", s.side[k].timers & 2 ? "T" : "-",
                s.side[k].timers & 4 ? "U" : "-", 'A' + (1 - k), s.chan[k].n);
    }
}

/* ---- packetdrill scripts ---------------------------------------------------- */

typedef struct pside {
    FILE *f;
    double now;            /* virtual seconds on this side's script clock */
    double deadline[TCPFSM_TIMER_COUNT];
    int fd_listen, fd_conn, next_fd;
    int replayable;
    uint32_t own_base, peer_base; /* ISS of this connection, and the peer's */
} pside;

static void pkt_segment(FILE *f, double now, char dir, const tcpfsm_segment *seg,
                        uint32_t seq_base, uint32_t ack_base)
{
    char fl[8];
    int k = 0;
    /* packetdrill: an inbound SYN carries its absolute sequence number */
    uint32_t seq = (dir == '<' && (seg->flags & TCPFSM_SYN)) ? seg->seq : seg->seq - seq_base;
    if (seg->flags & TCPFSM_SYN) fl[k++] = 'S';
    if (seg->flags & TCPFSM_FIN) fl[k++] = 'F';
    if (seg->flags & TCPFSM_RST) fl[k++] = 'R';
    if (seg->flags & TCPFSM_PSH) fl[k++] = 'P';
    if (seg->flags & TCPFSM_ACK) fl[k++] = '.';
    fl[k] = 0;
    fprintf(f, "%.3f %c %-2s %lu:%lu(%lu)", now, dir, fl, (unsigned long)seq,
            (unsigned long)(uint32_t)(seq + seg->len), (unsigned long)seg->len);
    if (seg->flags & TCPFSM_ACK) fprintf(f, " ack %lu", (unsigned long)(uint32_t)(seg->ack - ack_base));
    fprintf(f, " win %lu\n", (unsigned long)seg->wnd);
}

static const char *tcpi_name(int state)
{
    static const char *names[TCPFSM_STATE_COUNT] = {
        "TCPI_CLOSED", "TCPI_LISTEN", "TCPI_SYN_SENT", "TCPI_SYN_RECEIVED",
        "TCPI_ESTABLISHED", "TCPI_FIN_WAIT_1", "TCPI_FIN_WAIT_2", "TCPI_CLOSE_WAIT",
        "TCPI_CLOSING", "TCPI_LAST_ACK", "TCPI_TIME_WAIT",
    };
    return state >= 0 && state < TCPFSM_STATE_COUNT ? names[state] : "?";
}

/* The socket calls that make the model endpoint do what the event did. */
static void pkt_user(pside *p, int kind, const xstep *st, const xopts *o, int passive_conn)
{
    FILE *f = p->f;
    int fd = p->fd_conn >= 0 ? p->fd_conn : p->fd_listen;
    switch (kind) {
    case XE_OPEN_ACTIVE:
        if (p->fd_listen < 0 || st->state_before == TCPFSM_CLOSED) {
            fd = p->next_fd;
            p->next_fd += 2;
            fprintf(f, "%.3f socket(..., SOCK_STREAM, IPPROTO_TCP) = %d\n", p->now, fd);
            fprintf(f, "%.3f fcntl(%d, F_GETFL) = 0x2 (flags O_RDWR)\n", p->now, fd);
            fprintf(f, "%.3f fcntl(%d, F_SETFL, O_RDWR | O_NONBLOCK) = 0\n", p->now, fd);
        } else {
            fd = p->fd_listen;
        }
        p->fd_conn = fd;
        p->fd_listen = -1;
        fprintf(f, "%.3f connect(%d, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n", p->now, fd);
        break;
    case XE_OPEN_PASSIVE:
        fd = p->next_fd;
        p->next_fd += 2;
        p->fd_listen = fd;
        p->fd_conn = -1;
        fprintf(f, "%.3f socket(..., SOCK_STREAM, IPPROTO_TCP) = %d\n", p->now, fd);
        fprintf(f, "%.3f setsockopt(%d, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0\n", p->now, fd);
        fprintf(f, "%.3f bind(%d, ..., ...) = 0\n", p->now, fd);
        fprintf(f, "%.3f listen(%d, 1) = 0\n", p->now, fd);
        break;
    case XE_SEND:
        if (fd < 0 || (passive_conn && p->fd_conn < 0)) p->replayable = 0;
        fprintf(f, "%.3f write(%d, ..., %d) = %d\n", p->now, fd, o->bytes, o->bytes);
        break;
    case XE_RECEIVE:
        fprintf(f, "%.3f read(%d, ..., %lu) = %lu\n", p->now, fd,
                (unsigned long)st->out.rcv_len, (unsigned long)st->out.rcv_len);
        p->replayable = 0; /* RECEIVE count is in the model state, not the output */
        break;
    case XE_CLOSE:
        if (st->state_before == TCPFSM_LISTEN || st->state_before == TCPFSM_SYN_SENT) {
            fprintf(f, "%.3f close(%d) = 0\n", p->now, fd);
        } else {
            if (p->fd_conn < 0) p->replayable = 0; /* CLOSE of a connection not yet accepted */
            fprintf(f, "%.3f shutdown(%d, SHUT_WR) = 0\n", p->now, fd);
        }
        break;
    case XE_ABORT:
        /* SO_LINGER with a zero timeout makes close() send a RST: ABORT */
        fprintf(f, "%.3f setsockopt(%d, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0\n", p->now, fd);
        fprintf(f, "%.3f close(%d) = 0\n", p->now, fd);
        p->replayable = 0; /* SO_LINGER is outside the runner's dialect */
        break;
    default:
        break;
    }
}

int x_write_scripts(const char *prefix, const xopts *o, const uint32_t *ev, int n)
{
    pside p[2];
    xstate s, next;
    xstep st;
    char path[512];
    int i, k, w, side;
    memset(p, 0, sizeof p);
    for (k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s-%c.pkt", prefix, 'A' + k);
        p[k].f = fopen(path, "w");
        if (!p[k].f) {
            perror(path);
            if (k) fclose(p[0].f);
            return -1;
        }
        p[k].fd_listen = p[k].fd_conn = -1;
        p[k].next_fd = 3;
        p[k].replayable = o->plant != X_PLANT_TCB; /* the plant edits the TCB behind the core */
        p[k].own_base = o->iss[k];
        p[k].peer_base = o->iss[1 - k];
        fprintf(p[k].f, "// Generated by `tcpfsm explore`: TCP %c of a counterexample; the\n"
                        "// script plays TCP %c. Sequence numbers relative to each connection's ISN,\n"
                        "// absolute on inbound SYNs.\n"
                        "--ip_version=ipv4\n--tolerance_usecs=1000\n\n",
                'A' + k, 'B' - k);
        fprintf(p[k].f, "0.000 `sysctl -w net.inet.tcp.insecure_rst=%d`\n", o->rfc5961 ? 0 : 1);
        fprintf(p[k].f, "0.000 `sysctl -w net.inet.tcp.insecure_syn=%d`\n", o->rfc5961 ? 0 : 1);
    }
    xstate_init(&s, o);
    for (i = 0; i < n; i++) {
        int kind = XE_KIND(ev[i]);
        if (!xstate_step(o, &s, ev[i], &next, &st)) break;
        side = st.side;
        if (side >= 0) {
            pside *q = &p[side];
            if (kind == XE_TIMER) {
                if (q->deadline[XE_IDX(ev[i])] > q->now) q->now = q->deadline[XE_IDX(ev[i])];
            }
            if ((kind == XE_DELIVER || kind == XE_CORRUPT) && (st.seg.flags & TCPFSM_SYN))
                q->peer_base = st.seg.seq;
            if (next.side[side].tcb.state != TCPFSM_CLOSED && next.side[side].tcb.state != TCPFSM_LISTEN)
                q->own_base = next.side[side].tcb.iss;
            if (kind == XE_DELIVER || kind == XE_CORRUPT)
                pkt_segment(q->f, q->now, '<', &st.seg, q->peer_base, q->own_base);
            else if (kind != XE_TIMER)
                pkt_user(q, kind, &st, o, s.side[side].passive);
            if ((st.out.notify & TCPFSM_N_ESTABLISHED) && q->fd_listen >= 0 && q->fd_conn < 0) {
                q->fd_conn = q->next_fd - 1;
                fprintf(q->f, "%.3f accept(%d, ..., ...) = %d\n", q->now, q->fd_listen, q->fd_conn);
            }
            for (k = 0; k < st.out.segment_count; k++)
                pkt_segment(q->f, q->now, '>', &st.out.segment[k], q->own_base, q->peer_base);
            for (w = 0; w < TCPFSM_TIMER_COUNT; w++)
                if (st.out.timer[w].op == TCPFSM_TIMER_ARM)
                    q->deadline[w] = q->now + st.out.timer[w].ms / 1000.0;
            if (st.out.notify & TCPFSM_N_CLOSED) {
                if (next.side[side].tcb.state == TCPFSM_CLOSED) q->fd_conn = -1;
            }
        }
        s = next;
    }
    for (k = 0; k < 2; k++) {
        int state = s.side[k].tcb.state;
        /* a passive connection not yet accepted has no descriptor to ask */
        if (state != TCPFSM_CLOSED && state != TCPFSM_LISTEN && !(p[k].fd_listen >= 0 && p[k].fd_conn < 0))
            fprintf(p[k].f, "%.3f %%{ assert tcpi_state == %s }%%\n", p[k].now, tcpi_name(state));
        if (!p[k].replayable)
            fprintf(p[k].f, "// note: uses calls outside the `tcpfsm run` dialect (ABORT, RECEIVE,\n"
                            "// or CLOSE before accept): read it, do not expect it to replay.\n");
        fclose(p[k].f);
    }
    return 0;
}
