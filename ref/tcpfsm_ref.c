/* tcpfsm reference model: RFC 9293 3.10 read a second time, as a plain
 * switch on the state.
 *
 * This file is the fuzzers' oracle (fuzz/fuzz_diff.c). It is written from
 * shared/rfc/rfc9293.txt and docs/semantics.md only: it shares no code with
 * the core (src/, gen/) beyond the public types of tcpfsm.h, and it is
 * optimised for being obviously right. Where the RFC leaves a choice, the
 * choice is the one docs/semantics.md pins down; where that page is silent
 * too, the model makes the core's choice and the comment says so
 * (docs/fuzzing.md lists them). Where the core departs from the RFC or that
 * page, the model does not follow: the difference is the fuzzer's finding
 * (docs/fuzzing.md, "Divergences found").
 *
 * Shape of every call:
 *   1. clear the output, validate the arguments (docs/semantics.md "Calls");
 *   2. act on the event, one `switch (t->state)`, quoting the RFC;
 *   3. finish(): send queued data and FIN, then the pure ACK the event asked
 *      for, then stamp ACK and window on every ACK-bearing segment.
 */
#include <string.h>

#include "tcpfsm_ref.h"

/* ---- sequence space (RFC 9293 3.4), as proofs/tcpfsm.acsl defines it ----
 * a < b when b lies less than half the space ahead of a. */
static int seq_lt(uint32_t a, uint32_t b)
{
    uint32_t d = b - a;
    return d != 0 && d < 0x80000000u;
}

static int seq_le(uint32_t a, uint32_t b)
{
    return (uint32_t)(b - a) < 0x80000000u;
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* ---- one call ------------------------------------------------------------ */
typedef struct call {
    tcpfsm_ref_tcb *t;
    const tcpfsm_config *cfg;
    tcpfsm_output *out;
    int want_ack;  /* an event asked for <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
    int carried;   /* a data or FIN segment of this call carries the ACK */
    int timeout;   /* a timer call: retransmit only, no new data */
    int fin_again; /* knob closing_ack_with_fin: FIN-WAIT-1 became CLOSING */
    int challenge; /* the ACK wanted is an RFC 5961 challenge ACK (3.2, 4.2) */
} call;

static int synchronized(int s)
{
    return s >= TCPFSM_ESTABLISHED && s <= TCPFSM_TIME_WAIT;
}

static void emit(call *c, uint32_t seq, uint32_t ack, uint32_t wnd, uint32_t len,
                 uint8_t flags)
{
    tcpfsm_output *o = c->out;
    tcpfsm_segment *s;
    if (o->segment_count >= TCPFSM_MAX_SEGMENTS)
        return; /* never happens: at most 4 per call (docs/semantics.md) */
    s = &o->segment[o->segment_count++];
    s->seq = seq;
    s->ack = ack;
    s->wnd = wnd;
    s->len = len;
    s->flags = flags;
}

static void timer(call *c, tcpfsm_timer which, tcpfsm_timer_op op, uint32_t ms)
{
    c->out->timer[which].op = (uint8_t)op;
    c->out->timer[which].ms = op == TCPFSM_TIMER_ARM ? ms : 0;
}

/* The retransmission timer, and the user timer with it (docs/semantics.md
 * "Timers": "ARMed and CANCELled together with the retransmission timer"). */
static void arm_retransmit(call *c)
{
    timer(c, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, c->t->rto_ms);
    if (c->cfg->user_timeout_ms > 0)
        timer(c, TCPFSM_TIMER_USER, TCPFSM_TIMER_ARM, c->cfg->user_timeout_ms);
    c->t->timing = 1;
}

static void cancel_retransmit(call *c)
{
    timer(c, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    if (c->cfg->user_timeout_ms > 0)
        timer(c, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
    c->t->timing = 0;
}

/* "when a call first puts sequence space in flight and the timer is not
 * running, ARM rto_ms" */
static void start_timing(call *c)
{
    if (!c->t->timing)
        arm_retransmit(c);
}

/* "delete": state CLOSED, every field zero except `error`, N_CLOSED, all
 * three timers CANCEL. */
static void delete_tcb(call *c)
{
    uint8_t error = c->t->error;
    memset(c->t, 0, sizeof *c->t);
    c->t->state = TCPFSM_CLOSED;
    c->t->error = error;
    c->out->notify |= TCPFSM_N_CLOSED;
    timer(c, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    timer(c, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_CANCEL, 0);
    timer(c, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
}

/* The connection ends with an error the user is told about. */
static void close_with(call *c, uint16_t notify, tcpfsm_result error)
{
    c->out->notify |= notify;
    c->t->error = (uint8_t)error;
    delete_tcb(c);
}

/* RFC 9293 3.10.7.4: "return this connection to LISTEN state and return.
 * The user need not be informed." (N_LISTEN tells the embedder.) "the
 * retransmission queue should be flushed": every timer stops. */
static void back_to_listen(call *c)
{
    uint8_t error = c->t->error;
    timer(c, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    timer(c, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_CANCEL, 0);
    timer(c, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
    memset(c->t, 0, sizeof *c->t);
    c->t->state = TCPFSM_LISTEN;
    c->t->error = error;
    c->t->rcv_wnd = c->cfg->rcv_wnd;
    c->out->notify |= TCPFSM_N_LISTEN;
}

/* RFC 9293 3.10.7.4 FIN-WAIT-2 and CLOSING: "Start the time-wait timer,
 * turn off the other timers." */
static void enter_time_wait(call *c)
{
    c->t->state = TCPFSM_TIME_WAIT;
    timer(c, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2u * c->cfg->msl_ms);
    timer(c, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    timer(c, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
    c->t->timing = 0;
}

/* RST replies of 3.10.7.1 (also LISTEN, SYN-SENT, SYN-RECEIVED bad ACK). */
static void reply_rst(call *c, const tcpfsm_segment *seg)
{
    if (seg->flags & TCPFSM_ACK) {
        /* "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>" */
        emit(c, seg->ack, 0, 0, 0, TCPFSM_RST);
    } else {
        /* "If the ACK bit is off, sequence number zero is used,
         *  <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>" */
        uint32_t seg_len = seg->len + ((seg->flags & TCPFSM_SYN) ? 1u : 0u) +
                           ((seg->flags & TCPFSM_FIN) ? 1u : 0u);
        emit(c, 0, seg->seq + seg_len, 0, 0, TCPFSM_RST | TCPFSM_ACK);
    }
}

/* SND.WND from SEG.WND: "SEG.WND above 2^30 is taken as 2^30"; MAX.SND.WND
 * (RFC 5961 s5) is the largest window seen. */
static void set_send_window(tcpfsm_ref_tcb *t, const tcpfsm_segment *seg)
{
    t->snd_wnd = min_u32(seg->wnd, TCPFSM_MAX_WINDOW);
    t->snd_wl1 = seg->seq;
    t->snd_wl2 = seg->ack;
    if (t->snd_wnd > t->max_snd_wnd)
        t->max_snd_wnd = t->snd_wnd;
}

/* ---- sending: docs/semantics.md "Segments sent" ---------------------------- */

/* Our FIN may go out: the user CLOSEd, every SEND is segmentized, and the
 * state is one the CLOSE has already moved to. */
static int fin_due(const tcpfsm_ref_tcb *t)
{
    return t->close_queued && !t->fin_sent && t->snd_queued == 0 &&
           (t->state == TCPFSM_FIN_WAIT_1 || t->state == TCPFSM_CLOSING ||
            t->state == TCPFSM_LAST_ACK);
}

/* Queued bytes in segments of at most `mss` while the usable window
 * SND.UNA + SND.WND - SND.NXT is positive, PSH on the one that empties the
 * queue; a 1-byte zero-window probe if SND.WND = 0 and nothing is in flight;
 * then the FIN, on the last data segment or alone. */
static void send_queued(call *c)
{
    tcpfsm_ref_tcb *t = c->t;
    tcpfsm_output *o = c->out;
    int last_data = -1;
    uint32_t edge = t->snd_una + t->snd_wnd;

    if (t->snd_queued > 0 && t->snd_wnd == 0 && t->snd_nxt == t->snd_una) {
        t->snd_queued -= 1;
        last_data = o->segment_count;
        emit(c, t->snd_nxt, t->rcv_nxt, t->rcv_wnd, 1,
             (uint8_t)(TCPFSM_ACK | (t->snd_queued == 0 ? TCPFSM_PSH : 0)));
        t->snd_nxt += 1;
        start_timing(c);
    }
    while (t->snd_queued > 0 && t->snd_wnd > 0 && seq_lt(t->snd_nxt, edge) &&
           o->segment_count < TCPFSM_MAX_SEGMENTS) {
        uint32_t usable = edge - t->snd_nxt;
        uint32_t n = min_u32(min_u32(c->cfg->mss, t->snd_queued), usable);
        t->snd_queued -= n;
        last_data = o->segment_count;
        emit(c, t->snd_nxt, t->rcv_nxt, t->rcv_wnd, n,
             (uint8_t)(TCPFSM_ACK | (t->snd_queued == 0 ? TCPFSM_PSH : 0)));
        t->snd_nxt += n;
        start_timing(c);
    }
    if (last_data >= 0)
        c->carried = 1;
    if (fin_due(t)) {
        /* "the FIN goes on the last data segment of the call, or alone
         *  <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK> (not limited by the window)" */
        if (last_data >= 0)
            o->segment[last_data].flags |= TCPFSM_FIN;
        else
            emit(c, t->snd_nxt, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_FIN | TCPFSM_ACK);
        t->snd_nxt += 1;
        t->fin_sent = 1;
        c->carried = 1;
        start_timing(c);
    }
}

/* End of every call that got past validation. */
static void finish(call *c)
{
    tcpfsm_ref_tcb *t = c->t;
    tcpfsm_output *o = c->out;
    unsigned i;
    /* After a retransmission timeout only the retransmission goes out: RFC
     * 5681 s3.1 lets one segment leave after an RTO (semantics.md says
     * "after the events of a call"; the core reads timers this way). */
    if (synchronized(t->state) && !c->timeout)
        send_queued(c);
    /* "A pure ACK <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> is sent at the end of
     *  the call when an event asked for one ... and no data or FIN segment of
     *  this call already carries the ACK." */
    if (c->want_ack && !c->carried && t->state != TCPFSM_CLOSED &&
        t->state != TCPFSM_LISTEN) {
        if (c->fin_again && t->state == TCPFSM_CLOSING && t->fin_sent &&
            t->snd_una != t->snd_nxt)
            /* knob closing_ack_with_fin: FreeBSD's ACK of the peer's FIN in
             * CLOSING carries our unacknowledged FIN again */
            emit(c, t->snd_nxt - 1, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_FIN | TCPFSM_ACK);
        else
            emit(c, t->snd_nxt, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_ACK);
        /* RFC 5961 7: "an ACK throttling mechanism" for challenge ACKs is
         * the embedder's (it owns the clock and every connection): the one
         * segment of the call is marked so that it can drop it. */
        if (c->challenge && o->segment_count > 0)
            o->notify |= TCPFSM_N_CHALLENGE;
    }
    /* "Every segment with ACK that is not a RST carries ack = RCV.NXT and
     *  wnd = RCV.WND (as they are when the call returns)." */
    if (t->state != TCPFSM_CLOSED && t->state != TCPFSM_LISTEN) {
        for (i = 0; i < o->segment_count; i++) {
            tcpfsm_segment *s = &o->segment[i];
            if ((s->flags & TCPFSM_ACK) && !(s->flags & TCPFSM_RST)) {
                s->ack = t->rcv_nxt;
                s->wnd = t->rcv_wnd;
            }
        }
    }
}

/* A user call that returns an error "changes nothing and emits nothing"
 * (the core's contract, commit 81d984c): only a call that succeeded goes on
 * to send what the state allows. */
static void finish_call(call *c, tcpfsm_result r)
{
    if (r == TCPFSM_OK)
        finish(c);
}

/* ---- validation: docs/semantics.md "Calls and validation" ------------------ */
static tcpfsm_result config_check(const tcpfsm_config *cfg)
{
    if (cfg->rto_initial_ms < 1 || cfg->rto_max_ms < cfg->rto_initial_ms ||
        cfg->msl_ms < 1 || cfg->msl_ms > 0x7FFFFFFFu || cfg->rcv_wnd < 1 ||
        cfg->rcv_wnd > TCPFSM_MAX_WINDOW || cfg->mss < 1 || cfg->rst_mitigation > 1 ||
        cfg->syn_mitigation > 1 || cfg->ack_mitigation > 1 || cfg->drop_synfin > 1 ||
        cfg->time_wait_ignore_rst > 1 || cfg->rst_error_closing > 1 ||
        cfg->closing_ack_with_fin > 1 || cfg->listen_drop_syn_ack > 1 ||
        cfg->old_segment_ack > 1)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    return TCPFSM_OK;
}

static tcpfsm_result begin(call *c, tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                           tcpfsm_output *out)
{
    c->t = t;
    c->cfg = cfg;
    c->out = out;
    c->want_ack = 0;
    c->carried = 0;
    c->timeout = 0;
    c->fin_again = 0;
    c->challenge = 0;
    if (out != NULL)
        memset(out, 0, sizeof *out);
    if (t == NULL || cfg == NULL || out == NULL)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    if (config_check(cfg) != TCPFSM_OK)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    if (t->state >= TCPFSM_STATE_COUNT)
        return TCPFSM_ERR_INVALID_TCB;
    return TCPFSM_OK;
}

/* ---- the API ---------------------------------------------------------------- */
void tcpfsm_ref_init(tcpfsm_ref_tcb *t)
{
    memset(t, 0, sizeof *t);
    t->state = TCPFSM_CLOSED;
}

tcpfsm_state tcpfsm_ref_state(const tcpfsm_ref_tcb *t)
{
    return (tcpfsm_state)t->state;
}

uint32_t tcpfsm_ref_held(const tcpfsm_ref_tcb *t)
{
    return t->syn_text;
}

tcpfsm_result tcpfsm_ref_status(const tcpfsm_ref_tcb *t, tcpfsm_status_info *info)
{
    if (t == NULL || info == NULL)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    memset(info, 0, sizeof *info);
    /* 3.10.6 CLOSED: "return 'error: connection does not exist'" */
    if (t->state == TCPFSM_CLOSED)
        return TCPFSM_ERR_DOES_NOT_EXIST;
    info->state = t->state;
    info->snd_una = t->snd_una;
    info->snd_nxt = t->snd_nxt;
    info->snd_wnd = t->snd_wnd;
    info->rcv_nxt = t->rcv_nxt;
    info->rcv_wnd = t->rcv_wnd;
    info->snd_queued = t->snd_queued;
    info->rcv_unread = t->rcv_unread;
    return TCPFSM_OK;
}

/* Active OPEN: "Issue a SYN segment ... set SND.UNA to ISS, SND.NXT to ISS+1.
 * Enter SYN-SENT state." (3.10.1) */
static void connect(call *c, uint32_t iss)
{
    tcpfsm_ref_tcb *t = c->t;
    t->state = TCPFSM_SYN_SENT;
    t->passive = 0;
    t->iss = iss;
    t->snd_una = iss;
    t->snd_nxt = iss + 1;
    t->rcv_wnd = c->cfg->rcv_wnd;
    t->rto_ms = c->cfg->rto_initial_ms;
    t->retries = 0;
    emit(c, iss, 0, t->rcv_wnd, 0, TCPFSM_SYN);
    start_timing(c);
}

/* 3.10.1 OPEN */
tcpfsm_result tcpfsm_ref_open(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg, int active,
                              uint32_t iss, tcpfsm_output *out)
{
    call c;
    tcpfsm_result r = begin(&c, t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    switch (t->state) {
    case TCPFSM_CLOSED:
        /* "OPEN (either kind) from CLOSED clears the TCB, including error." */
        tcpfsm_ref_init(t);
        if (active) {
            connect(&c, iss);
        } else {
            /* "If passive, enter the LISTEN state and return." The window
             * the SYN,ACK will offer is known from now on (STATUS shows it). */
            t->state = TCPFSM_LISTEN;
            t->rcv_wnd = cfg->rcv_wnd;
        }
        break;
    case TCPFSM_LISTEN:
        /* "If active and the remote socket is specified, then change the
         *  connection from passive to active, select an ISS." (3.10.1 LISTEN) */
        if (active) {
            /* docs/semantics.md: from LISTEN too the new connection starts
             * from a cleared TCB, error included */
            tcpfsm_ref_init(t);
            connect(&c, iss);
        } else {
            r = TCPFSM_ERR_ALREADY_EXISTS;
        }
        break;
    default:
        /* "Return 'error: connection already exists'." */
        r = TCPFSM_ERR_ALREADY_EXISTS;
        break;
    }
    finish_call(&c, r);
    return r;
}

/* 3.10.2 SEND */
tcpfsm_result tcpfsm_ref_send(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg, uint32_t n,
                              tcpfsm_output *out)
{
    call c;
    int queue = 0;
    tcpfsm_result r = begin(&c, t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    switch (t->state) {
    case TCPFSM_CLOSED:
        r = TCPFSM_ERR_DOES_NOT_EXIST;
        break;
    case TCPFSM_LISTEN:
        /* This model has no remote socket to fill in from a SEND. */
        r = TCPFSM_ERR_REMOTE_UNSPECIFIED;
        break;
    case TCPFSM_SYN_SENT:
        /* "queued for transmission after entering ESTABLISHED state" */
        queue = 1;
        break;
    case TCPFSM_SYN_RECEIVED:
        /* "Queue the data for transmission after entering ESTABLISHED
         *  state"; after a deferred CLOSE it is too late (3.10.4). */
        if (t->close_queued)
            r = TCPFSM_ERR_CLOSING;
        else
            queue = 1;
        break;
    case TCPFSM_ESTABLISHED:
    case TCPFSM_CLOSE_WAIT:
        /* "Segmentize the buffer and send it with a piggybacked
         *  acknowledgment" */
        queue = 1;
        break;
    default:
        /* FIN-WAIT-1 ... TIME-WAIT: "Return 'error: connection closing' and
         *  do not service request." */
        r = TCPFSM_ERR_CLOSING;
        break;
    }
    if (queue) {
        if ((uint64_t)t->snd_queued + n > TCPFSM_MAX_WINDOW)
            r = TCPFSM_ERR_INSUFFICIENT_RESOURCES;
        else
            t->snd_queued += n;
    }
    finish_call(&c, r);
    return r;
}

/* 3.10.3 RECEIVE: the user consumed n delivered bytes. */
tcpfsm_result tcpfsm_ref_receive(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg, uint32_t n,
                                 tcpfsm_output *out)
{
    call c;
    int consume = 0;
    tcpfsm_result r = begin(&c, t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    switch (t->state) {
    case TCPFSM_CLOSED:
        r = TCPFSM_ERR_DOES_NOT_EXIST;
        break;
    case TCPFSM_LISTEN:
    case TCPFSM_SYN_SENT:
    case TCPFSM_SYN_RECEIVED:
    case TCPFSM_ESTABLISHED:
    case TCPFSM_FIN_WAIT_1:
    case TCPFSM_FIN_WAIT_2:
        consume = 1;
        break;
    default:
        /* CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "if there is no text
         *  awaiting delivery, the RECEIVE will get an 'error: connection
         *  closing' response" */
        if (t->rcv_unread == 0)
            r = TCPFSM_ERR_CLOSING;
        else
            consume = 1;
        break;
    }
    if (consume) {
        if (n > t->rcv_unread) {
            r = TCPFSM_ERR_INVALID_ARGUMENT;
        } else if (n > 0) {
            uint32_t was = t->rcv_wnd;
            t->rcv_unread -= n;
            t->rcv_wnd += n;
            /* A window update, so the peer can leave its zero window. */
            if (was == 0 && (t->state == TCPFSM_ESTABLISHED ||
                             t->state == TCPFSM_FIN_WAIT_1 ||
                             t->state == TCPFSM_FIN_WAIT_2))
                c.want_ack = 1;
        }
    }
    finish_call(&c, r);
    return r;
}

/* 3.10.4 CLOSE */
tcpfsm_result tcpfsm_ref_close(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                               tcpfsm_output *out)
{
    call c;
    tcpfsm_result r = begin(&c, t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    switch (t->state) {
    case TCPFSM_CLOSED:
        r = TCPFSM_ERR_DOES_NOT_EXIST;
        break;
    case TCPFSM_LISTEN:
    case TCPFSM_SYN_SENT:
        /* "Delete TCB, enter CLOSED state, and return." */
        delete_tcb(&c);
        break;
    case TCPFSM_SYN_RECEIVED:
        /* "If no SENDs have been issued and there is no pending data to
         *  send, then form a FIN segment and send it, and enter FIN-WAIT-1
         *  state; otherwise, queue for processing after entering
         *  ESTABLISHED state." */
        if (t->close_queued) {
            r = TCPFSM_ERR_CLOSING;
        } else {
            t->close_queued = 1;
            if (t->snd_queued == 0) {
                t->state = TCPFSM_FIN_WAIT_1; /* finish() sends the FIN */
                /* Text queued from the peer's SYN was to be processed
                 * "after the ESTABLISHED state has been reached", which
                 * this connection no longer reaches: it is dropped. It was
                 * never acknowledged (RCV.NXT is IRS+1), so the peer sends
                 * it again (semantics.md, "Text on a SYN"). */
                t->syn_text = 0;
            }
        }
        break;
    case TCPFSM_ESTABLISHED:
        /* "Queue this until all preceding SENDs have been segmentized, then
         *  form a FIN segment and send it. In any case, enter FIN-WAIT-1" */
        t->close_queued = 1;
        t->state = TCPFSM_FIN_WAIT_1;
        break;
    case TCPFSM_CLOSE_WAIT:
        /* "Queue this request until all preceding SENDs have been
         *  segmentized; then send a FIN segment, enter LAST-ACK state." */
        t->close_queued = 1;
        t->state = TCPFSM_LAST_ACK;
        break;
    default:
        /* FIN-WAIT-1/2: "Strictly speaking, this is an error";
         * CLOSING, LAST-ACK, TIME-WAIT: "Respond with 'error: connection
         * closing'." */
        r = TCPFSM_ERR_CLOSING;
        break;
    }
    finish_call(&c, r);
    return r;
}

/* 3.10.5 ABORT */
tcpfsm_result tcpfsm_ref_abort(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                               tcpfsm_output *out)
{
    call c;
    tcpfsm_result r = begin(&c, t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    switch (t->state) {
    case TCPFSM_CLOSED:
        r = TCPFSM_ERR_DOES_NOT_EXIST;
        break;
    case TCPFSM_SYN_RECEIVED:
    case TCPFSM_ESTABLISHED:
    case TCPFSM_FIN_WAIT_1:
    case TCPFSM_FIN_WAIT_2:
    case TCPFSM_CLOSE_WAIT:
        /* "Send a reset segment: <SEQ=SND.NXT><CTL=RST>" */
        emit(&c, t->snd_nxt, 0, 0, 0, TCPFSM_RST);
        delete_tcb(&c);
        break;
    default:
        /* LISTEN, SYN-SENT: "Delete TCB"; CLOSING, LAST-ACK, TIME-WAIT:
         * "Respond with 'ok' and delete the TCB" */
        delete_tcb(&c);
        break;
    }
    finish_call(&c, r);
    return r;
}

/* ---- SEGMENT ARRIVES ------------------------------------------------------------ */

/* 3.10.7.2 LISTEN */
static void arrive_listen(call *c, const tcpfsm_segment *seg, uint32_t iss)
{
    tcpfsm_ref_tcb *t = c->t;
    /* "First, check for a RST: ... An incoming RST should be ignored." */
    if (seg->flags & TCPFSM_RST)
        return;
    /* knob listen_drop_syn_ack: FreeBSD drops a SYN,ACK in LISTEN */
    if (c->cfg->listen_drop_syn_ack && (seg->flags & TCPFSM_SYN) && (seg->flags & TCPFSM_ACK))
        return;
    /* "Second, check for an ACK: ... <SEQ=SEG.ACK><CTL=RST>" */
    if (seg->flags & TCPFSM_ACK) {
        reply_rst(c, seg);
        return;
    }
    /* "Third, check for a SYN: Set RCV.NXT to SEG.SEQ+1, IRS is set to
     *  SEG.SEQ ... <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> ... SND.NXT is set to
     *  ISS+1 and SND.UNA to ISS. The connection state should be changed to
     *  SYN-RECEIVED." Text and FIN on a SYN met in LISTEN are not kept
     *  (semantics.md, "Text on a SYN"; unlike SYN-SENT, arrive_syn_sent). */
    if (seg->flags & TCPFSM_SYN) {
        t->state = TCPFSM_SYN_RECEIVED;
        t->passive = 1;
        t->irs = seg->seq;
        t->rcv_nxt = seg->seq + 1;
        /* RCV.WND stays what LISTEN was given (OPEN, or the return to
         * LISTEN): docs/semantics.md, "the window a connection starts with" */
        t->iss = iss;
        t->snd_una = iss;
        t->snd_nxt = iss + 1;
        t->rto_ms = c->cfg->rto_initial_ms;
        t->retries = 0;
        /* The RFC sets SND.WND only on reaching ESTABLISHED (or in SYN-SENT);
         * taking the SYN's window now, as for a simultaneous open, is the
         * same choice the core makes (STATUS shows it). */
        set_send_window(t, seg);
        t->snd_wl2 = iss; /* SEG.ACK of a segment without ACK means nothing */
        emit(c, iss, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_SYN | TCPFSM_ACK);
        start_timing(c);
        return;
    }
    /* "Fourth, other data or control: ... Drop the segment and return." */
}

/* SND.UNA advances to SEG.ACK (3.10.7.4 fifth, ESTABLISHED): tell the user
 * how many bytes of data that acknowledged, restart the timers. */
static void advance_una(call *c, uint32_t ack)
{
    tcpfsm_ref_tcb *t = c->t;
    uint32_t acked = ack - t->snd_una;
    if (t->snd_una == t->iss)
        acked -= 1; /* our SYN */
    if (t->fin_sent && ack == t->snd_nxt)
        acked -= 1; /* our FIN */
    t->snd_una = ack;
    if (acked > 0) {
        c->out->notify |= TCPFSM_N_ACKED;
        c->out->acked = acked;
    }
    /* "When SND.UNA advances, retries = 0, rto_ms = rto_initial_ms, and the
     *  timer is ARMed again if something is still in flight, else
     *  CANCELled." */
    t->retries = 0;
    t->rto_ms = c->cfg->rto_initial_ms;
    if (t->snd_nxt != t->snd_una)
        arm_retransmit(c);
    else
        cancel_retransmit(c);
}

/* Seventh and eighth steps of 3.10.7.4: the text and the FIN of a segment
 * whose text starts at sequence number `start`, in a synchronized state. */
static void text_and_fin(call *c, const tcpfsm_segment *seg, uint32_t start)
{
    tcpfsm_ref_tcb *t = c->t;
    int takes_text = t->state == TCPFSM_ESTABLISHED || t->state == TCPFSM_FIN_WAIT_1 ||
                     t->state == TCPFSM_FIN_WAIT_2;
    int fin = (seg->flags & TCPFSM_FIN) != 0;
    uint32_t wnd = t->rcv_wnd; /* the window the segment met */
    uint32_t skip, avail, take;

    if (seg->len == 0 && !fin)
        return;
    /* "trimming off any portions that lie outside the window (including SYN
     *  and FIN) and only processing further if the segment then begins at
     *  RCV.NXT. Segments with higher beginning sequence numbers SHOULD be
     *  held for later processing" -- this model keeps no reassembly queue:
     *  such a segment is acknowledged and dropped (semantics.md step 7). */
    if (seq_lt(t->rcv_nxt, start)) {
        c->want_ack = 1;
        return;
    }
    skip = t->rcv_nxt - start; /* bytes already received */
    if (skip > seg->len)
        return; /* text and FIN are both old */
    avail = seg->len - skip;
    take = min_u32(avail, wnd);
    if (take > 0 && takes_text) {
        /* "advances RCV.NXT over the data accepted, and adjusts RCV.WND ...
         *  Send an acknowledgment" */
        t->rcv_nxt += take;
        t->rcv_wnd -= take;
        t->rcv_unread += take;
        c->out->notify |= TCPFSM_N_DATA;
        c->out->rcv_offset = skip;
        c->out->rcv_len = take;
        c->want_ack = 1;
    }
    /* CLOSE-WAIT ... TIME-WAIT: "This should not occur since a FIN has been
     * received from the remote side. Ignore the segment text." */
    if (take < avail) {
        c->want_ack = 1; /* trimmed at the right edge: tell the peer */
        return;
    }
    /* Eighth: the FIN follows the text and must itself lie inside the window:
     * "trimming off any portions that lie outside the window (including SYN
     * and FIN)". The FIN's sequence number is RCV.NXT + avail (before the
     * text was taken), inside the window iff avail < RCV.WND. */
    if (!fin || avail >= wnd)
        return;
    if (!takes_text) {
        /* CLOSE-WAIT, CLOSING, LAST-ACK: "Remain in the ... state";
         * TIME-WAIT: "Remain in the TIME-WAIT state. Restart the 2 MSL
         * time-wait timeout." -- and "send an acknowledgment for the FIN".
         * RCV.NXT already counts the one FIN this connection can have. */
        c->want_ack = 1;
        if (t->state == TCPFSM_TIME_WAIT)
            timer(c, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2u * c->cfg->msl_ms);
        return;
    }
    /* "signal the user 'connection closing' ..., advance RCV.NXT over the
     *  FIN, and send an acknowledgment for the FIN." */
    t->rcv_nxt += 1;
    t->fin_rcvd = 1;
    c->out->notify |= TCPFSM_N_REMOTE_CLOSE;
    c->want_ack = 1;
    switch (t->state) {
    case TCPFSM_ESTABLISHED:
        /* "Enter the CLOSE-WAIT state." */
        t->state = TCPFSM_CLOSE_WAIT;
        break;
    case TCPFSM_FIN_WAIT_1:
        /* "If our FIN has been ACKed (perhaps in this segment), then enter
         *  TIME-WAIT ...; otherwise, enter the CLOSING state." The ACK of
         *  our FIN has already moved us to FIN-WAIT-2. */
        t->state = TCPFSM_CLOSING;
        c->fin_again = c->cfg->closing_ack_with_fin;
        break;
    default: /* FIN-WAIT-2: "Enter the TIME-WAIT state." */
        enter_time_wait(c);
        break;
    }
}

/* 3.10.7.3 SYN-SENT */
static void arrive_syn_sent(call *c, const tcpfsm_segment *seg)
{
    tcpfsm_ref_tcb *t = c->t;
    int ack = (seg->flags & TCPFSM_ACK) != 0;
    /* "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST
     *  bit is set, if so drop the segment and return)" */
    if (ack && !(seq_lt(t->iss, seg->ack) && seq_le(seg->ack, t->snd_nxt))) {
        if (!(seg->flags & TCPFSM_RST))
            reply_rst(c, seg);
        return;
    }
    /* "If the ACK was acceptable, then signal to the user 'error:
     *  connection reset' [this API: "connection refused"], drop the segment,
     *  enter CLOSED state, delete TCB, and return. Otherwise (no ACK), drop
     *  the segment and return." */
    if (seg->flags & TCPFSM_RST) {
        if (ack)
            close_with(c, TCPFSM_N_REFUSED, TCPFSM_ERR_REFUSED);
        return;
    }
    if (seg->flags & TCPFSM_SYN) {
        /* "RCV.NXT is set to SEG.SEQ+1, IRS is set to SEG.SEQ." */
        t->irs = seg->seq;
        t->rcv_nxt = seg->seq + 1;
        if (ack) {
            /* "SND.UNA should be advanced to equal SEG.ACK ... If SND.UNA >
             *  ISS (our SYN has been ACKed), change the connection state to
             *  ESTABLISHED, form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT>
             *  <CTL=ACK> and send it. Data or controls that were queued for
             *  transmission MAY be included." */
            t->state = TCPFSM_ESTABLISHED;
            set_send_window(t, seg);
            advance_una(c, seg->ack);
            c->out->notify |= TCPFSM_N_ESTABLISHED;
            c->want_ack = 1;
            /* "If there are other controls or text in the segment, then
             *  continue processing at the sixth step" */
            text_and_fin(c, seg, seg->seq + 1);
        } else {
            /* "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment ... Set
             *  the variables: SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2
             *  <- SEG.ACK. If there are other controls or text in the
             *  segment, queue them for processing after the ESTABLISHED
             *  state has been reached, return." */
            t->state = TCPFSM_SYN_RECEIVED;
            t->passive = 0;
            set_send_window(t, seg);
            t->snd_wl2 = t->iss; /* the SYN has no ACK: SEG.ACK means nothing */
            /* The SYN,ACK acknowledges the SYN only: RCV.NXT = IRS+1. */
            emit(c, t->iss, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_SYN | TCPFSM_ACK);
            /* The text is queued (the embedder keeps the bytes: N_HOLD),
             * as much of it as lies in the window we offer -- the text
             * starts at RCV.NXT and 3.10.7.4 keeps only what lies in
             * [RCV.NXT, RCV.NXT+RCV.WND) -- and at most 65535 bytes (the
             * bound semantics.md sets). The FIN is not queued
             * (semantics.md): it is not acknowledged, the peer sends it
             * again. */
            if (seg->len > 0 && t->rcv_wnd > 0) {
                uint32_t queued = min_u32(min_u32(seg->len, t->rcv_wnd), 65535u);
                t->syn_text = queued;
                c->out->notify |= TCPFSM_N_HOLD;
                c->out->held_len = queued;
            }
        }
        return;
    }
    /* "Fifth, if neither of the SYN or RST bits is set, then drop the
     *  segment and return." */
}

/* Table 6, the acceptability test, with SEG.LEN counting SYN and FIN. */
static int acceptable(const tcpfsm_ref_tcb *t, uint32_t seq, uint32_t seg_len)
{
    uint32_t wnd = t->rcv_wnd;
    /* x lies in [RCV.NXT, RCV.NXT + RCV.WND) */
#define IN_WINDOW(x) ((uint32_t)((x) - t->rcv_nxt) < wnd)
    if (seg_len == 0 && wnd == 0)
        return seq == t->rcv_nxt;
    if (seg_len == 0)
        return IN_WINDOW(seq);
    if (wnd == 0)
        return 0;
    return IN_WINDOW(seq) || IN_WINDOW(seq + seg_len - 1);
#undef IN_WINDOW
}

/* 3.10.7.4 Other States: SYN-RECEIVED and the synchronized states */
static void arrive_other(call *c, const tcpfsm_segment *seg)
{
    tcpfsm_ref_tcb *t = c->t;
    const tcpfsm_config *cfg = c->cfg;
    uint8_t flags = seg->flags;
    uint32_t seg_len = seg->len + ((flags & TCPFSM_SYN) ? 1u : 0u) +
                       ((flags & TCPFSM_FIN) ? 1u : 0u);
    tcpfsm_segment s = *seg; /* the segment as processed: may lose SYN, text and FIN */

    /* semantics.md step 1: a retransmission of the peer's FIN, which sits at
     * RCV.NXT-1 (not a RST or SYN: those go through the tests below, where
     * the sequence test finds them old). TIME-WAIT: "The only thing that can arrive in this state
     * is a retransmission of the remote FIN. Acknowledge it, and restart
     * the 2 MSL timeout." */
    if ((t->state == TCPFSM_TIME_WAIT || t->state == TCPFSM_CLOSE_WAIT ||
         t->state == TCPFSM_CLOSING || t->state == TCPFSM_LAST_ACK) &&
        (flags & TCPFSM_FIN) && !(flags & (TCPFSM_RST | TCPFSM_SYN)) &&
        seg->seq + seg->len + 1 == t->rcv_nxt) {
        c->want_ack = 1;
        if (t->state == TCPFSM_TIME_WAIT)
            timer(c, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2u * cfg->msl_ms);
        return;
    }

    /* "First, check sequence number" */
    if (t->rcv_wnd == 0 && seg_len > 0 && seg->seq == t->rcv_nxt) {
        /* "If the RCV.WND is zero, no segments will be acceptable, but
         *  special allowance should be made to accept valid ACKs, URGs, and
         *  RSTs": text and FIN trimmed off, an ACK sent. */
        s.len = 0;
        s.flags = (uint8_t)(s.flags & ~TCPFSM_FIN);
        c->want_ack = 1;
    } else if (cfg->old_segment_ack && !(flags & (TCPFSM_RST | TCPFSM_SYN)) &&
               (flags & TCPFSM_ACK) && seq_lt(seg->seq, t->rcv_nxt) &&
               seq_le(seg->seq + seg_len, t->rcv_nxt) && !acceptable(t, seg->seq, seg_len)) {
        /* knob old_segment_ack (BSD trimming): a segment wholly left of the
         * window loses its text and FIN but its ACK is processed, and it is
         * answered with an ACK. */
        s.len = 0;
        s.flags = (uint8_t)(s.flags & ~TCPFSM_FIN);
        c->want_ack = 1;
    } else if (!acceptable(t, seg->seq, seg_len)) {
        /* "If an incoming segment is not acceptable, an acknowledgment
         *  should be sent in reply (unless the RST bit is set, if so drop
         *  the segment and return)" */
        if (!(flags & TCPFSM_RST))
            c->want_ack = 1;
        return;
    }
    /* The segment is acceptable (some of its text lies in the window) but
     * its SYN is old: it is the peer's first sequence number again, before
     * RCV.NXT. "In the following it is assumed that the segment is the
     * idealized segment that begins at RCV.NXT ... by trimming off any
     * portions that lie outside the window (including SYN and FIN)": the
     * SYN goes, and what is left begins one number later. Every later step
     * (RST at RCV.NXT, the SYN check, text and FIN) sees the trimmed
     * segment. A bare old SYN never gets here: the test above finds it
     * unacceptable. */
    if ((flags & TCPFSM_SYN) && seq_lt(seg->seq, t->rcv_nxt)) {
        s.flags = (uint8_t)(s.flags & ~TCPFSM_SYN);
        s.seq = seg->seq + 1;
        flags = s.flags;
    }

    /* "Second, check the RST bit" -- knob time_wait_ignore_rst: RFC 1337,
     * "ignore RST segments in TIME-WAIT state". */
    if ((flags & TCPFSM_RST) && cfg->time_wait_ignore_rst && t->state == TCPFSM_TIME_WAIT)
        return;
    if (flags & TCPFSM_RST) {
        if (cfg->rst_mitigation && s.seq != t->rcv_nxt) {
            /* RFC 5961 3): "within the current receive window, TCP
             * endpoints MUST send an acknowledgment (challenge ACK)" */
            c->want_ack = 1;
            c->challenge = 1;
            return;
        }
        switch (t->state) {
        case TCPFSM_SYN_RECEIVED:
            /* "If this connection was initiated with a passive OPEN ...,
             *  then return this connection to LISTEN state ... If ... active
             *  OPEN ..., then the connection was refused" */
            if (t->passive)
                back_to_listen(c);
            else
                close_with(c, TCPFSM_N_REFUSED, TCPFSM_ERR_REFUSED);
            break;
        case TCPFSM_ESTABLISHED:
        case TCPFSM_FIN_WAIT_1:
        case TCPFSM_FIN_WAIT_2:
        case TCPFSM_CLOSE_WAIT:
            /* "Users should also receive an unsolicited general 'connection
             *  reset' signal. Enter the CLOSED state, delete the TCB" */
            close_with(c, TCPFSM_N_RESET, TCPFSM_ERR_RESET);
            break;
        default:
            /* CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete
             * the TCB, and return." (knob rst_error_closing: FreeBSD says
             * "connection reset" in CLOSING and LAST-ACK) */
            if (cfg->rst_error_closing && t->state != TCPFSM_TIME_WAIT)
                close_with(c, TCPFSM_N_RESET, TCPFSM_ERR_RESET);
            else
                delete_tcb(c);
            break;
        }
        return;
    }

    /* "Fourth, check the SYN bit" */
    if (flags & TCPFSM_SYN) {
        if (t->state == TCPFSM_SYN_RECEIVED && t->passive) {
            /* "If the connection was initiated with a passive OPEN, then
             *  return this connection to the LISTEN state and return." */
            back_to_listen(c);
        } else if (cfg->syn_mitigation) {
            /* "TCP endpoints MUST send a 'challenge ACK'" */
            c->want_ack = 1;
            c->challenge = 1;
        } else {
            /* RFC 793: "If the SYN is in the window it is an error: send a
             * reset, ... 'connection reset' signal, enter the CLOSED state"
             * (semantics.md: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>) */
            emit(c, t->snd_nxt, t->rcv_nxt, 0, 0, TCPFSM_RST | TCPFSM_ACK);
            close_with(c, TCPFSM_N_RESET, TCPFSM_ERR_RESET);
        }
        return;
    }

    /* "Fifth, check the ACK field: if the ACK bit is off, drop the segment
     *  and return" */
    if (!(flags & TCPFSM_ACK))
        return;

    if (t->state == TCPFSM_SYN_RECEIVED) {
        if (seq_lt(t->snd_una, seg->ack) && seq_le(seg->ack, t->snd_nxt)) {
            /* "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state
             *  and continue processing with SND.WND <- SEG.WND, SND.WL1 <-
             *  SEG.SEQ, SND.WL2 <- SEG.ACK" */
            t->state = TCPFSM_ESTABLISHED;
            set_send_window(t, seg);
            advance_una(c, seg->ack);
            c->out->notify |= TCPFSM_N_ESTABLISHED;
            /* 3.10.7.3: the text queued from the peer's SYN is processed now
             * that ESTABLISHED is reached, before this segment's own text
             * (it comes first in the stream). It begins at IRS+1, which is
             * RCV.NXT (nothing else was accepted in SYN-RECEIVED); the
             * seventh step takes what fits in RCV.WND, "advances RCV.NXT
             * over the data accepted, and adjusts RCV.WND". No ACK of its
             * own (semantics.md): the next segment we send carries it. */
            if (t->syn_text > 0) {
                uint32_t take = min_u32(t->syn_text, t->rcv_wnd);
                t->rcv_nxt += take;
                t->rcv_wnd -= take;
                t->rcv_unread += take;
                t->syn_text = 0;
                c->out->notify |= TCPFSM_N_HELD_DATA;
                c->out->held_len = take;
            }
            /* 3.10.4: a CLOSE "queue[d] for processing after entering
             * ESTABLISHED state" runs now; finish() sends data then FIN. */
            if (t->close_queued)
                t->state = TCPFSM_FIN_WAIT_1;
        } else {
            /* "If the segment acknowledgment is not acceptable, form a reset
             *  segment <SEQ=SEG.ACK><CTL=RST> and send it." */
            reply_rst(c, seg);
            return;
        }
    } else {
        /* RFC 5961 s5 (MAY-12): "acceptable only if it is in the range of
         * ((SND.UNA - MAX.SND.WND) =< SEG.ACK =< SND.NXT). All incoming
         * segments whose ACK value doesn't satisfy the above condition MUST
         * be discarded and an ACK sent back." Without it: "If the ACK acks
         * something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop
         * the segment, and return." */
        int in_range = seq_le(seg->ack, t->snd_nxt);
        int fin_acked;
        if (cfg->ack_mitigation && !seq_le(t->snd_una - t->max_snd_wnd, seg->ack))
            in_range = 0;
        if (!in_range) {
            c->want_ack = 1;
            return;
        }
        fin_acked = t->fin_sent && t->snd_una != t->snd_nxt && seg->ack == t->snd_nxt;
        /* "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK." */
        if (seq_lt(t->snd_una, seg->ack))
            advance_una(c, seg->ack);
        /* "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be
         *  updated. If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2
         *  =< SEG.ACK)), set SND.WND <- SEG.WND, ..." -- SEG.SEQ as the
         *  segment came, even when step one trimmed an old SYN or old text
         *  off it (semantics.md step 2). */
        if (seq_le(t->snd_una, seg->ack) &&
            (seq_lt(t->snd_wl1, seg->seq) ||
             (t->snd_wl1 == seg->seq && seq_le(t->snd_wl2, seg->ack))))
            set_send_window(t, seg);
        if (fin_acked) {
            if (t->state == TCPFSM_LAST_ACK) {
                /* "If our FIN is now acknowledged, delete the TCB, enter the
                 *  CLOSED state, and return." The user hears N_CLOSED only
                 *  (semantics.md, "how the connection ends"). */
                c->out->notify &= (uint16_t)~TCPFSM_N_ACKED;
                c->out->acked = 0;
                delete_tcb(c);
                return;
            }
            c->out->notify |= TCPFSM_N_CLOSE_ACKED;
            switch (t->state) {
            case TCPFSM_FIN_WAIT_1:
                /* "if the FIN segment is now acknowledged, then enter
                 *  FIN-WAIT-2 and continue processing in that state." */
                t->state = TCPFSM_FIN_WAIT_2;
                break;
            case TCPFSM_CLOSING:
                /* "if the ACK acknowledges our FIN, then enter the TIME-WAIT
                 *  state; otherwise, ignore the segment." */
                enter_time_wait(c);
                break;
            default:
                break;
            }
        }
    }

    /* Seventh and eighth: text, then FIN. A SYN never gets here. */
    text_and_fin(c, &s, s.seq);
}

tcpfsm_result tcpfsm_ref_segment_arrives(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                                         const tcpfsm_segment *seg, uint32_t iss,
                                         tcpfsm_output *out)
{
    call c;
    tcpfsm_result r = begin(&c, t, cfg, out);
    if (r == TCPFSM_OK && seg == NULL)
        r = TCPFSM_ERR_INVALID_ARGUMENT;
    if (r != TCPFSM_OK)
        return r;
    if ((seg->flags & ~TCPFSM_FLAGS_MASK) != 0 || seg->len > TCPFSM_MAX_WINDOW)
        return TCPFSM_ERR_INVALID_ARGUMENT;

    if (t->state == TCPFSM_CLOSED) {
        /* 3.10.7.1: "An incoming segment containing a RST is discarded. An
         * incoming segment not containing a RST causes a RST to be sent" */
        if (!(seg->flags & TCPFSM_RST))
            reply_rst(&c, seg);
    } else if (cfg->drop_synfin && t->state != TCPFSM_TIME_WAIT &&
               (seg->flags & TCPFSM_SYN) && (seg->flags & TCPFSM_FIN)) {
        /* knob drop_synfin: such segments are dropped, except in CLOSED and
         * TIME-WAIT (tcpfsm.h: "as FreeBSD does") */
    } else {
        switch (t->state) {
        case TCPFSM_LISTEN:
            arrive_listen(&c, seg, iss);
            break;
        case TCPFSM_SYN_SENT:
            arrive_syn_sent(&c, seg);
            break;
        default:
            arrive_other(&c, seg);
            break;
        }
    }
    finish(&c);
    return r;
}

/* 3.10.8 Timeouts */
tcpfsm_result tcpfsm_ref_timer_fired(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                                     tcpfsm_timer which, tcpfsm_output *out)
{
    call c;
    tcpfsm_result r = begin(&c, t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    if ((unsigned)which >= TCPFSM_TIMER_COUNT)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    c.timeout = 1;

    switch (which) {
    case TCPFSM_TIMER_RETRANSMIT:
        /* "nothing in flight -> ignored" */
        if (t->state == TCPFSM_CLOSED || t->state == TCPFSM_LISTEN ||
            t->snd_nxt == t->snd_una)
            break;
        {
            int handshake = t->state == TCPFSM_SYN_SENT || t->state == TCPFSM_SYN_RECEIVED;
            uint8_t limit = handshake ? cfg->syn_retries : cfg->data_retries;
            if (t->retries >= limit) {
                /* RFC 9293 3.8.3: R2 reached, close the connection; a
                 * passive SYN-RECEIVED goes back to LISTEN (MUST-11). */
                if (t->state == TCPFSM_SYN_RECEIVED && t->passive)
                    back_to_listen(&c);
                else
                    close_with(&c, TCPFSM_N_TIMED_OUT, TCPFSM_ERR_TIMED_OUT);
                break;
            }
            /* "send the segment at the front of the retransmission queue
             *  again, reinitialize the retransmission timer" */
            t->retries += 1;
            {
                uint64_t doubled = (uint64_t)t->rto_ms * 2u;
                t->rto_ms = doubled > cfg->rto_max_ms ? cfg->rto_max_ms : (uint32_t)doubled;
                /* docs/semantics.md, Timers: "never below rto_initial_ms"
                 * (the config may have changed since the timer started) */
                if (t->rto_ms < cfg->rto_initial_ms)
                    t->rto_ms = cfg->rto_initial_ms;
            }
            if (t->state == TCPFSM_SYN_SENT) {
                emit(&c, t->iss, 0, t->rcv_wnd, 0, TCPFSM_SYN);
            } else if (t->snd_una == t->iss) {
                emit(&c, t->iss, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_SYN | TCPFSM_ACK);
            } else {
                uint32_t data = t->snd_nxt - t->snd_una - (t->fin_sent ? 1u : 0u);
                uint32_t n = min_u32(data, cfg->mss);
                uint8_t f = TCPFSM_ACK;
                if (t->fin_sent && n == data)
                    f |= TCPFSM_FIN;
                if (n > 0 && n == data)
                    f |= TCPFSM_PSH; /* the end of what was sent */
                emit(&c, t->snd_una, t->rcv_nxt, t->rcv_wnd, n, f);
            }
            timer(&c, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, t->rto_ms);
        }
        break;
    case TCPFSM_TIMER_TIME_WAIT:
        /* "If the time-wait timeout expires on a connection, delete the TCB,
         *  enter the CLOSED state, and return." */
        if (t->state == TCPFSM_TIME_WAIT)
            delete_tcb(&c);
        break;
    default: /* TCPFSM_TIMER_USER */
        /* "For any state if the user timeout expires, flush all queues,
         *  signal the user 'error: connection aborted due to user timeout'
         *  ..., delete the TCB, enter the CLOSED state, and return." */
        if (cfg->user_timeout_ms > 0 && t->timing && t->state != TCPFSM_CLOSED &&
            t->state != TCPFSM_LISTEN)
            close_with(&c, TCPFSM_N_USER_TIMEOUT, TCPFSM_ERR_USER_TIMEOUT);
        break;
    }
    finish(&c);
    return r;
}
