/* The global system explored by `tcpfsm explore`: two endpoints running the
 * real core (tcpfsm_* from build/libtcpfsm.a) and one channel each way.
 * One function, xstate_step, is the whole transition relation; the explorer
 * (cmd_explore.c) enumerates its events, and the trace printer
 * (explore_trace.c) replays them, so both see exactly the same semantics. */
#include <stdio.h>
#include <string.h>

#include "explore.h"

int x_seq_le(uint32_t a, uint32_t b)
{
    return (uint32_t)(b - a) < 0x80000000u;
}

uint32_t x_iss(const xopts *o, int side, int k)
{
    return o->iss[side] + (o->same_iss || k < 0 ? 0u : (uint32_t)k * X_ISS_STEP);
}

void xstate_init(xstate *s, const xopts *o)
{
    int i;
    memset(s, 0, sizeof *s);
    for (i = 0; i < 2; i++) {
        tcpfsm_init(&s->side[i].tcb);
        s->side[i].opens = (uint8_t)o->opens;
        s->side[i].sends = (uint8_t)o->sends;
        s->side[i].closes = (uint8_t)o->closes;
        s->side[i].aborts = (uint8_t)o->aborts;
    }
    s->loss = (uint8_t)o->loss;
    s->dup = (uint8_t)o->dup;
    s->reorder = (uint8_t)o->reorder;
    s->plant = o->plant == X_PLANT_CORRUPT ? 1 : 0;
}

void xstate_swap(xstate *s)
{
    xside t = s->side[0];
    xchan c = s->chan[0];
    s->side[0] = s->side[1];
    s->side[1] = t;
    s->chan[0] = s->chan[1];
    s->chan[1] = c;
}

static void chan_remove(xchan *c, int i)
{
    memmove(&c->s[i], &c->s[i + 1], (size_t)(c->n - i - 1) * sizeof c->s[0]);
    c->n--;
    memset(&c->s[c->n], 0, sizeof c->s[0]);
}

static int has_event(const tcpfsm_output *out, int ev)
{
    int k;
    for (k = 0; k < out->event_count; k++)
        if (out->event[k] == ev) return 1;
    return 0;
}

/* What the embedder does with one call's output. */
static void apply_output(const xopts *o, xstate *s, int side, const tcpfsm_segment *in_seg,
                         xstep *st)
{
    xside *me = &s->side[side];
    const tcpfsm_output *out = &st->out;
    int k, w;
    for (k = 0; k < out->segment_count; k++) {
        xchan *c = &s->chan[side];
        /* planted fault: the embedder swallows the pure ACKs a SYN-RECEIVED
         * endpoint sends (what the core did before commit 81d984c) */
        if (o->plant == X_PLANT_MUTE && me->tcb.state == TCPFSM_SYN_RECEIVED &&
            out->segment[k].flags == TCPFSM_ACK && out->segment[k].len == 0)
            continue;
        if (c->n >= o->cap) {
            s->cut = 1;
            continue;
        }
        c->s[c->n++] = out->segment[k];
    }
    for (w = 0; w < TCPFSM_TIMER_COUNT; w++) {
        if (out->timer[w].op == TCPFSM_TIMER_ARM) me->timers |= (uint8_t)(1u << w);
        else if (out->timer[w].op == TCPFSM_TIMER_CANCEL) me->timers &= (uint8_t)~(1u << w);
    }
    if (out->notify & TCPFSM_N_RESET) me->outcome = X_OUT_RESET;
    if (out->notify & (TCPFSM_N_TIMED_OUT | TCPFSM_N_USER_TIMEOUT)) s->cause |= X_CAUSE_TIMEOUT;
    if (out->notify & TCPFSM_N_CLOSED) {
        for (k = 0; k < out->event_count; k++) {
            if (out->event[k] == TCPFSM_EV_TIMEOUT_TIME_WAIT ||
                (out->event[k] == TCPFSM_EV_RCV_ACK_OF_FIN && out->state_after[k] == TCPFSM_CLOSED))
                me->outcome = X_OUT_GRACEFUL;
        }
    }
    if (out->notify & TCPFSM_N_HELD_DATA) {
        /* the text held from the peer's SYN since SYN-SENT (N_HOLD): the
         * first bytes of the peer's stream, offset 0 (IRS + 1), before any
         * N_DATA of the same call. The core never puts text on a SYN it
         * sends, so between two cores this does not happen; it is counted
         * all the same, as an embedder must. */
        if (me->got != 0) {
            st->data_bad = 1;
            st->data_expected = me->got;
            st->data_got = 0;
        }
        me->got += out->held_len;
    }
    if ((out->notify & TCPFSM_N_DATA) && in_seg) {
        /* RFC 9293 3.4 / tcpfsm.h: a data segment with sequence number s
         * carries the stream bytes from offset s - (IRS + 1); the payload
         * of a SYN starts one later. */
        uint32_t first = in_seg->seq + ((in_seg->flags & TCPFSM_SYN) ? 1u : 0u);
        uint32_t off = first - (me->tcb.irs + 1u) + out->rcv_offset;
        if (off != me->got) {
            st->data_bad = 1;
            st->data_expected = me->got;
            st->data_got = off;
        }
        me->got += out->rcv_len;
    }
}

static int user_call(const xopts *o, xstate *s, int side, int kind, xstep *st)
{
    xside *me = &s->side[side];
    tcpfsm_tcb *t = &me->tcb;
    tcpfsm_result r;
    switch (kind) {
    case XE_OPEN_ACTIVE:
    case XE_OPEN_PASSIVE:
        if (me->opens == 0) return 0;
        r = tcpfsm_open(t, &o->cfg, kind == XE_OPEN_ACTIVE, x_iss(o, side, o->opens - me->opens),
                        &st->out);
        if (r == TCPFSM_OK) {
            me->opens--;
            if (st->state_before == TCPFSM_CLOSED) {
                me->outcome = X_OUT_NONE;
                me->got = 0;
            }
            me->passive = kind == XE_OPEN_PASSIVE;
        }
        break;
    case XE_SEND:
        if (me->sends == 0) return 0;
        r = tcpfsm_send(t, &o->cfg, (uint32_t)o->bytes, &st->out);
        if (r == TCPFSM_OK) me->sends--;
        break;
    case XE_RECEIVE:
        if (t->rcv_unread == 0) return 0;
        r = tcpfsm_receive(t, &o->cfg, t->rcv_unread, &st->out);
        break;
    case XE_CLOSE:
        if (me->closes == 0) return 0;
        r = tcpfsm_close(t, &o->cfg, &st->out);
        if (r == TCPFSM_OK) me->closes--;
        break;
    case XE_ABORT:
        if (me->aborts == 0) return 0;
        r = tcpfsm_abort(t, &o->cfg, &st->out);
        if (r == TCPFSM_OK) {
            me->aborts--;
            s->cause |= X_CAUSE_ABORT;
        }
        break;
    default:
        return 0;
    }
    st->called = 1;
    st->result = r;
    if (r != TCPFSM_OK) return 0; /* a refused call changes nothing */
    apply_output(o, s, side, NULL, st);
    return 1;
}

int xstate_step(const xopts *o, const xstate *in, uint32_t e, xstate *out, xstep *st)
{
    int kind = XE_KIND(e), side = XE_SIDE(e), idx = XE_IDX(e);
    int rc = 0;
    memset(st, 0, sizeof *st);
    *out = *in;
    st->side = side;
    if (side > 1 || in->cut) return 0;
    st->state_before = in->side[side].tcb.state;
    switch (kind) {
    case XE_OPEN_ACTIVE:
    case XE_OPEN_PASSIVE:
    case XE_SEND:
    case XE_RECEIVE:
    case XE_CLOSE:
    case XE_ABORT:
        rc = user_call(o, out, side, kind, st);
        break;
    case XE_DELIVER:
    case XE_CORRUPT: {
        int to = 1 - side;
        if (idx >= in->chan[side].n) return 0;
        if (idx > 0 && in->reorder == 0) return 0;
        if (kind == XE_CORRUPT && in->plant == 0) return 0;
        st->seg = in->chan[side].s[idx];
        chan_remove(&out->chan[side], idx);
        if (idx > 0) {
            out->reorder--;
            out->cause |= X_CAUSE_DISORDER;
        }
        if (kind == XE_CORRUPT) {
            out->plant--;
            st->seg.ack += 1u;
        }
        if (o->plant == X_PLANT_ECHO && st->seg.flags == TCPFSM_ACK && st->seg.len == 0 &&
            out->chan[side].n < o->cap) {
            /* planted fault: the channel keeps every pure ACK it delivers */
            out->chan[side].s[out->chan[side].n++] = st->seg;
        }
        st->side = to;
        st->state_before = in->side[to].tcb.state;
        st->called = 1;
        st->result = tcpfsm_segment_arrives(&out->side[to].tcb, &o->cfg, &st->seg,
                                            x_iss(o, to, o->opens - in->side[to].opens - 1), &st->out);
        apply_output(o, out, to, &st->seg, st);
        rc = 1;
        break;
    }
    case XE_LOSE:
        if (idx >= in->chan[side].n || in->loss == 0) return 0;
        st->seg = in->chan[side].s[idx];
        chan_remove(&out->chan[side], idx);
        out->loss--;
        out->cause |= X_CAUSE_LOSS;
        st->side = -1;
        rc = 1;
        break;
    case XE_DUP:
        if (idx >= in->chan[side].n || in->dup == 0 || in->chan[side].n >= o->cap) return 0;
        st->seg = in->chan[side].s[idx];
        out->chan[side].s[out->chan[side].n++] = st->seg;
        out->dup--;
        out->cause |= X_CAUSE_DISORDER;
        st->side = -1;
        rc = 1;
        break;
    case XE_TIMER:
        if (idx >= TCPFSM_TIMER_COUNT || !(in->side[side].timers & (1u << idx))) return 0;
        if (o->plant == X_PLANT_NOTIMER) return 0;
        if (idx == TCPFSM_TIMER_USER && !o->user_timeout) return 0;
        /* 2MSL: by the time it expires every segment in flight has arrived
         * or died (RFC 9293 3.4.2, MSL), so it fires only on empty channels. */
        if (idx == TCPFSM_TIMER_TIME_WAIT && (in->chan[0].n || in->chan[1].n)) return 0;
        out->side[side].timers &= (uint8_t)~(1u << idx);
        if (idx == TCPFSM_TIMER_RETRANSMIT) out->cause |= X_CAUSE_RETX;
        st->called = 1;
        st->result = tcpfsm_timer_fired(&out->side[side].tcb, &o->cfg, (tcpfsm_timer)idx, &st->out);
        apply_output(o, out, side, NULL, st);
        if (has_event(&st->out, TCPFSM_EV_TIMEOUT_GIVE_UP) || has_event(&st->out, TCPFSM_EV_TIMEOUT_USER))
            out->cause |= X_CAUSE_TIMEOUT;
        rc = 1;
        break;
    default:
        return 0;
    }
    if (st->called && (st->result == TCPFSM_ERR_INVALID_TCB || st->result == TCPFSM_ERR_INVALID_ARGUMENT))
        st->rejected = 1;
    if (rc && o->plant == X_PLANT_TCB && st->side == 0 &&
        out->side[0].tcb.state == TCPFSM_ESTABLISHED) {
        /* planted fault: a broken embedder scribbles on the TCB */
        out->side[0].tcb.snd_una = out->side[0].tcb.snd_nxt + 1u;
    }
    return rc;
}

void x_format_segment(char *buf, size_t n, const tcpfsm_segment *seg)
{
    char ctl[32] = "";
    static const struct { uint8_t bit; const char *name; } bits[] = {
        {TCPFSM_SYN, "SYN"}, {TCPFSM_FIN, "FIN"}, {TCPFSM_RST, "RST"},
        {TCPFSM_PSH, "PSH"}, {TCPFSM_ACK, "ACK"}, {TCPFSM_URG, "URG"},
    };
    size_t i;
    int len;
    for (i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        if (!(seg->flags & bits[i].bit)) continue;
        if (ctl[0]) strcat(ctl, ",");
        strcat(ctl, bits[i].name);
    }
    len = snprintf(buf, n, "<SEQ=%lu>", (unsigned long)seg->seq);
    if (seg->flags & TCPFSM_ACK && len >= 0 && (size_t)len < n)
        len += snprintf(buf + len, n - (size_t)len, "<ACK=%lu>", (unsigned long)seg->ack);
    if (len >= 0 && (size_t)len < n)
        len += snprintf(buf + len, n - (size_t)len, "<CTL=%s>", ctl[0] ? ctl : "none");
    if (seg->len && len >= 0 && (size_t)len < n)
        snprintf(buf + len, n - (size_t)len, "<DATA=%lu>", (unsigned long)seg->len);
}

const char *x_event_kind_name(int kind)
{
    static const char *names[XE_KIND_COUNT] = {
        "?", "OPEN active", "OPEN passive", "SEND", "RECEIVE", "CLOSE", "ABORT",
        "deliver", "lose", "duplicate", "timer", "deliver corrupted",
    };
    return kind > 0 && kind < XE_KIND_COUNT ? names[kind] : "?";
}

void x_describe_event(char *buf, size_t n, uint32_t e, const xstep *st)
{
    static const char *timers[] = {"retransmission", "2MSL", "user"};
    char seg[96];
    int kind = XE_KIND(e);
    switch (kind) {
    case XE_DELIVER:
    case XE_CORRUPT:
    case XE_LOSE:
    case XE_DUP:
        x_format_segment(seg, sizeof seg, &st->seg);
        snprintf(buf, n, "%s%s %s", x_event_kind_name(kind),
                 XE_IDX(e) && kind != XE_LOSE && kind != XE_DUP ? " (reordered)" : "", seg);
        break;
    case XE_TIMER:
        snprintf(buf, n, "%s timer fires", timers[XE_IDX(e) % 3]);
        break;
    case XE_SEND:
        snprintf(buf, n, "SEND");
        break;
    default:
        snprintf(buf, n, "%s", x_event_kind_name(kind));
        break;
    }
}
