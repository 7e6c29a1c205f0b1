/* tcpfsm core: segment -> events -> generated machine -> actions.
 *
 * Every call turns its input into a short string of machine events
 * (arrive_* for segments; user_call and tcpfsm_timer_fired for the rest),
 * runs each through the generated chart (gen/tcp_machine.c, from
 * spec/tcp.rl), which only names the next state and an action code, and
 * then does the action here. set_state() is the one place the state changes.
 * At the end of the call, flush() sends what the new state allows (queued
 * data, FIN, a pending ACK) and update_timers() tells the embedder which
 * timers to run. docs/semantics.md says what each choice is and why.
 */
#include "tcpfsm.h"

#include "tcpfsm_machine.h"
#include "tcpfsm_seq.h"

/* Per-call scratch: what the events of this call asked for. */
struct call {
    uint32_t n;          /* SEND / RECEIVE byte count */
    uint32_t iss;        /* ISS for an OPEN or a SYN in LISTEN */
    uint32_t acked;      /* user bytes newly acknowledged */
    uint8_t result;      /* tcpfsm_result of a user call */
    uint8_t ack_now;     /* an event wants <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
    uint8_t advanced;    /* SND.UNA moved */
    uint8_t sent_new;    /* new sequence space went out */
    uint8_t stop;        /* the segment is consumed: no further events */
    uint8_t fin_in_ack;  /* closing_ack_with_fin: this ACK answers the peer's FIN in CLOSING */
    uint8_t challenge;   /* the ACK asked for is an RFC 5961 challenge ACK (s3, s4) */
    uint32_t text_skip;  /* payload bytes before RCV.NXT */
    uint32_t text_keep;  /* payload bytes accepted */
};

static const tcpfsm_segment no_segment = {0, 0, 0, 0, 0};

/* The memory a core helper works on: all valid, none overlapping. A macro
 * rather than an ACSL predicate so that the provers see the separation
 * facts themselves (annotations are preprocessed). */
#define FRAME(t, cfg, seg, out, c)                                                   \
    \valid(t) && \valid_read(cfg) && \valid_read(seg) && \valid(out) && \valid(c) &&     \
    \separated(t, cfg, seg, out, c) && config_valid(cfg) && seg->len <= MAX_WINDOW

/* acks_all(out, r, w) (proofs/tcpfsm.acsl) unrolled over the
 * TCPFSM_MAX_SEGMENTS slots: every acknowledging segment in the output
 * carries ACK = r and WND = w. A macro for the same reason as FRAME: passed
 * to a predicate, out would stop being a reference under Typed+ref. */
#define ACK_SLOT(out, k, r, w)                                                       \
    slot_acks(out->segment_count, k, out->segment[k].flags, out->segment[k].ack,      \
              out->segment[k].wnd, r, w)
#define ACKS_CARRY(out, r, w)                                                        \
    (out->segment_count <= TCPFSM_MAX_SEGMENTS && ACK_SLOT(out, 0, r, w) &&            \
     ACK_SLOT(out, 1, r, w) && ACK_SLOT(out, 2, r, w) && ACK_SLOT(out, 3, r, w))



/* ---- small helpers ------------------------------------------------------ */

/*@ assigns \nothing;
  @ ensures \result <= a && \result <= b && (\result == a || \result == b);
  @*/
static uint32_t min32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/*@ assigns \nothing;
  @ ensures \result != 0 <==> (s == TCPFSM_ESTABLISHED || s == TCPFSM_CLOSE_WAIT ||
  @     s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK);
  @*/
static int state_sends_data(int s)
{
    return s == TCPFSM_ESTABLISHED || s == TCPFSM_CLOSE_WAIT || s == TCPFSM_FIN_WAIT_1 ||
           s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK;
}

/*@ assigns \nothing;
  @ ensures \result != 0 <==> fin_received_state(s);
  @*/
static int state_fin_received(int s)
{
    return s == TCPFSM_CLOSE_WAIT || s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK ||
           s == TCPFSM_TIME_WAIT;
}

/*@ assigns \nothing;
  @ ensures \result != 0 <==> synchronized(s);
  @*/
static int state_synchronized(int s)
{
    return s >= TCPFSM_ESTABLISHED && s <= TCPFSM_TIME_WAIT;
}

/*@ assigns \nothing;
  @ ensures \result != 0 <==> retransmit_state(s);
  @*/
static int state_retransmits(int s)
{
    return s == TCPFSM_SYN_SENT || s == TCPFSM_SYN_RECEIVED || s == TCPFSM_ESTABLISHED ||
           s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_CLOSE_WAIT || s == TCPFSM_CLOSING ||
           s == TCPFSM_LAST_ACK;
}

/* RFC 9293 3.4: SEG.LEN counts the payload and one for each of SYN and FIN. */
/*@ requires \valid_read(seg) && seg->len <= MAX_WINDOW;
  @ assigns \nothing;
  @ ensures seg->len <= \result <= seg->len + 2;
  @*/
static uint32_t seg_space(const tcpfsm_segment *seg)
{
    return seg->len + ((seg->flags & TCPFSM_SYN) ? 1u : 0u) + ((seg->flags & TCPFSM_FIN) ? 1u : 0u);
}

/* A timer request. A macro, not a function: written in place with a
 * constant index, the proof sees two plain stores instead of a call that
 * may change anything in *out (proofs/README.md). */
#define SET_TIMER(out, which, o, m)                                              \
    ((out)->timer[(which)].op = (uint8_t)(o),                                    \
     (out)->timer[(which)].ms = (o) == TCPFSM_TIMER_ARM ? (uint32_t)(m) : 0u)

/*@ requires \valid(out) && flags <= 63;
  @ requires acks: ACKS_CARRY(out, rcv_nxt, rcv_wnd);
  @ requires carries: carries_ack(flags) ==> ack == rcv_nxt && wnd == rcv_wnd;
  @ assigns out->segment_count, out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1];
  @ ensures acks: ACKS_CARRY(out, rcv_nxt, rcv_wnd);
  @*/
static void emit(tcpfsm_output *out, uint32_t seq, uint32_t ack, uint32_t wnd, uint32_t len,
                 unsigned flags) /*@ ghost (uint32_t rcv_nxt, uint32_t rcv_wnd) */
{
    if (out->segment_count < TCPFSM_MAX_SEGMENTS) {
        tcpfsm_segment *s = &out->segment[out->segment_count];
        s->seq = seq;
        s->ack = ack;
        s->wnd = wnd;
        s->len = len;
        s->flags = (uint8_t)flags;
        out->segment_count++;
    }
}

/*@ requires \valid(out);
  @ assigns *out;
  @ ensures out->segment_count == 0 && out->event_count == 0;
  @*/
static void clear_output(tcpfsm_output *out)
{
    int i;
    out->segment_count = 0;
    /*@ loop invariant 0 <= i <= TCPFSM_MAX_SEGMENTS;
      @ loop assigns i, out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1];
      @ loop variant TCPFSM_MAX_SEGMENTS - i;
      @*/
    for (i = 0; i < TCPFSM_MAX_SEGMENTS; i++)
        out->segment[i] = no_segment;
    out->notify = 0;
    out->rcv_offset = 0;
    out->rcv_len = 0;
    out->acked = 0;
    out->held_len = 0;
    /*@ loop invariant 0 <= i <= TCPFSM_TIMER_COUNT;
      @ loop assigns i, out->timer[0 .. TCPFSM_TIMER_COUNT - 1];
      @ loop variant TCPFSM_TIMER_COUNT - i;
      @*/
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++) {
        out->timer[i].op = TCPFSM_TIMER_KEEP;
        out->timer[i].ms = 0;
    }
    /*@ loop invariant 0 <= i <= TCPFSM_MAX_EVENTS;
      @ loop assigns i, out->event[0 .. TCPFSM_MAX_EVENTS - 1],
      @              out->state_after[0 .. TCPFSM_MAX_EVENTS - 1];
      @ loop variant TCPFSM_MAX_EVENTS - i;
      @*/
    for (i = 0; i < TCPFSM_MAX_EVENTS; i++) {
        out->event[i] = 0;
        out->state_after[i] = 0;
    }
    out->event_count = 0;
}

/* Every field zero but the sticky error: the state of a deleted TCB. */
/*@ requires \valid(t) && 0 <= t->state < TCPFSM_STATE_COUNT && 0 <= t->error < TCPFSM_RESULT_COUNT;
  @ requires flag(t->passive) && (t->passive == 1 ==> t->state == TCPFSM_SYN_RECEIVED);
  @ requires rcv_wnd <= MAX_WINDOW;
  @ assigns t->iss, t->irs, t->snd_una, t->snd_nxt, t->snd_wnd, t->snd_wl1, t->snd_wl2,
  @         t->max_snd_wnd, t->rcv_nxt, t->rcv_wnd, t->snd_queued, t->rcv_unread, t->rto_ms,
  @         t->retries, t->close_queued, t->fin_sent, t->fin_rcvd, t->timing, t->syn_unacked,
  @         t->syn_text;
  @ ensures tcb_valid(t);
  @ ensures t->state == \old(t->state) && t->passive == \old(t->passive) && t->error == \old(t->error);
  @ ensures t->snd_una == 0 && t->snd_nxt == 0 && t->snd_wnd == 0 && t->max_snd_wnd == 0 &&
  @         t->rcv_wnd == rcv_wnd && t->snd_queued == 0 && t->rcv_unread == 0 && t->fin_sent == 0;
  @ ensures t->rcv_nxt == 0;
  @*/
static void clear_tcb(tcpfsm_tcb *t, uint32_t rcv_wnd)
{
    t->iss = t->irs = 0;
    t->snd_una = t->snd_nxt = t->snd_wnd = t->snd_wl1 = t->snd_wl2 = t->max_snd_wnd = 0;
    t->rcv_nxt = 0;
    t->rcv_wnd = rcv_wnd;
    t->snd_queued = t->rcv_unread = 0;
    t->rto_ms = 0;
    t->retries = 0;
    t->close_queued = t->fin_sent = t->fin_rcvd = t->timing = t->syn_unacked = 0;
    t->syn_text = 0;
}

/* ---- the one place the state changes ------------------------------------- */

/* Runs one event through the generated machine and moves to the state it
 * names. Returns the action code (TCPFSM_A_INVALID if the chart does not
 * list the event for this state: the classifiers never produce one, and the
 * proof shows it). */
/*@ requires \valid(t) && \valid(out) && \separated(t, out);
  @ requires tcb_valid(t);
  @ requires event: 0 < event < 64;
  @ requires allowed: event_allowed(t->state, t->passive, event);
  @ assigns t->state, t->passive, out->event[0 .. TCPFSM_MAX_EVENTS - 1],
  @         out->state_after[0 .. TCPFSM_MAX_EVENTS - 1], out->event_count;
  @ ensures legal: legal_transition(\old(t->state), \old(t->passive), event, t->state);
  @ ensures tcb_valid(t);
  @ ensures action: TCPFSM_A_NONE <= \result < TCPFSM_A_COUNT;
  @ ensures quiet: quiet_event(event) ==> quiet_action(\result);
  @ ensures rcv_stays: rcv_state(\old(t->state)) ==>
  @     rcv_state(t->state) || t->state == TCPFSM_CLOSED || t->state == TCPFSM_LISTEN;
  @ ensures rcv_kept: rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     !rcv_set_action(\result) && !clear_action(\result);
  @ ensures rcv_moves: (text_action(\result) || fin_action(\result)) ==> rcv_event(event);
  @ ensures rcv_fin: fin_action(\result) ==> event == TCPFSM_EV_RCV_FIN;
  @ ensures rcv_open: (\result == TCPFSM_A_RECEIVE || \result == TCPFSM_A_RECEIVE_CLOSING) ==>
  @     event == TCPFSM_EV_RECEIVE;
  @ ensures hs_syn_ack: event == TCPFSM_EV_RCV_SYN_ACK ==> \result == TCPFSM_A_SYN_ACKED;
  @ ensures hs_ack_of_syn: event == TCPFSM_EV_RCV_ACK_OF_SYN ==> \result == TCPFSM_A_ESTABLISH;
  @ ensures hs_late: late_event(event) ==> keeps_una(\result);
  @ ensures hs_stays: hs_state(\old(t->state)) && no_handshake_event(event) ==>
  @     !synchronized(t->state);
  @*/
static int set_state(tcpfsm_tcb *t, tcpfsm_output *out, int event)
{
    int act = TCPFSM_A_INVALID;
    int cs = tcpfsm_machine_cs(t->state, t->passive);
    int next = tcpfsm_machine_step(cs, (unsigned char)event, &act);
    int state = tcpfsm_machine_state(next);
    if (state < 0)
        return TCPFSM_A_INVALID;
    t->state = (uint8_t)state;
    t->passive = tcpfsm_machine_is_passive(next) ? 1u : 0u;
    if (out->event_count < TCPFSM_MAX_EVENTS) {
        out->event[out->event_count] = (uint8_t)event;
        out->state_after[out->event_count] = (uint8_t)state;
        out->event_count++;
    }
    return act;
}

/* ---- actions -------------------------------------------------------------- */

/*@ requires \valid(t) && \valid(out) && \separated(t, out) && tcb_valid(t);
  @ assigns *t, out->notify, out->timer[0 .. TCPFSM_TIMER_COUNT - 1];
  @ ensures tcb_valid(t) && t->state == \old(t->state) && t->passive == \old(t->passive);
  @ ensures cleared: t->rcv_nxt == 0 && t->rcv_wnd == 0;
  @*/
static void delete_tcb(tcpfsm_tcb *t, tcpfsm_output *out)
{
    clear_tcb(t, 0);
    out->notify |= TCPFSM_N_CLOSED;
    SET_TIMER(out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    SET_TIMER(out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_CANCEL, 0);
    SET_TIMER(out, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
}

/*@ requires \valid(t) && \valid(out) && \separated(t, out) && tcb_valid(t);
  @ requires error < TCPFSM_RESULT_COUNT;
  @ assigns *t, out->notify, out->timer[0 .. TCPFSM_TIMER_COUNT - 1];
  @ ensures tcb_valid(t) && t->state == \old(t->state) && t->passive == \old(t->passive);
  @ ensures cleared: t->rcv_nxt == 0 && t->rcv_wnd == 0;
  @*/
static void close_with(tcpfsm_tcb *t, tcpfsm_output *out, uint8_t error, uint32_t notify)
{
    delete_tcb(t, out);
    t->error = error;
    out->notify |= notify;
}

/* 3.10.7.1: the RST that makes the offending segment's sender let go. */
/*@ requires \valid(out) && \valid_read(seg) && \separated(out, seg);
  @ requires seg->len <= MAX_WINDOW;
  @ requires acks: ACKS_CARRY(out, rcv_nxt, rcv_wnd);
  @ assigns out->segment_count, out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1];
  @ ensures acks: ACKS_CARRY(out, rcv_nxt, rcv_wnd);
  @*/
static void reply_rst(tcpfsm_output *out, const tcpfsm_segment *seg)
    /*@ ghost (uint32_t rcv_nxt, uint32_t rcv_wnd) */
{
    if (seg->flags & TCPFSM_ACK)
        emit(out, seg->ack, 0, 0, 0, TCPFSM_RST) /*@ ghost (rcv_nxt, rcv_wnd) */;
    else
        emit(out, 0, tcpfsm_seq_add(seg->seq, seg_space(seg)), 0, 0, TCPFSM_RST + TCPFSM_ACK)
            /*@ ghost (rcv_nxt, rcv_wnd) */;
}

/* RFC 9293 3.10.1 and 3.10.7.2: <SEQ=ISS><CTL=SYN>, or <SEQ=ISS><ACK=RCV.NXT>
 * <CTL=SYN,ACK>; SND.UNA = ISS, SND.NXT = ISS+1: the SYN takes one number. */
/*@ requires \valid(t) && \valid(out) && \separated(t, out) && tcb_valid(t);
  @ requires acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ assigns t->snd_una, t->snd_nxt, t->syn_unacked, out->segment_count,
  @         out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1];
  @ ensures syn_takes_one: t->snd_una == t->iss && t->snd_nxt == seq_add(t->iss, 1);
  @ ensures tcb_valid(t);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @*/
static void send_syn(tcpfsm_tcb *t, tcpfsm_output *out, int with_ack)
{
    t->snd_una = t->iss;
    t->snd_nxt = tcpfsm_seq_add(t->iss, 1);
    t->syn_unacked = 1;
    if (with_ack)
        emit(out, t->iss, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_SYN + TCPFSM_ACK) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
    else
        emit(out, t->iss, 0, t->rcv_wnd, 0, TCPFSM_SYN) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
}

/* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>: the FIN takes one number. */
/*@ requires \valid(t) && \valid(out) && \separated(t, out) && tcb_valid(t);
  @ requires t->fin_sent == 0;
  @ requires acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ assigns t->snd_nxt, t->fin_sent, out->segment_count, out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1];
  @ ensures fin_takes_one: t->snd_nxt == seq_add(\old(t->snd_nxt), 1) && t->fin_sent == 1;
  @ ensures tcb_valid(t);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @*/
static void send_fin(tcpfsm_tcb *t, tcpfsm_output *out)
{
    emit(out, t->snd_nxt, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_FIN + TCPFSM_ACK) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
    t->snd_nxt = tcpfsm_seq_add(t->snd_nxt, 1);
    t->fin_sent = 1;
}

/*@ requires \valid(t) && \valid_read(seg) && \separated(t, seg) && tcb_valid(t);
  @ assigns t->snd_wnd, t->snd_wl1, t->snd_wl2, t->max_snd_wnd;
  @ ensures tcb_valid(t);
  @*/
static void set_window(tcpfsm_tcb *t, const tcpfsm_segment *seg)
{
    t->snd_wnd = min32(seg->wnd, TCPFSM_MAX_WINDOW);
    t->snd_wl1 = seg->seq;
    t->snd_wl2 = seg->ack;
    if (t->snd_wnd > t->max_snd_wnd)
        t->max_snd_wnd = t->snd_wnd;
}

/* 3.10.7.4 fifth, ESTABLISHED: advance SND.UNA, update the send window. */
/*@ requires \valid(t) && \valid_read(seg) && \valid(c) && \separated(t, seg, c);
  @ requires tcb_valid(t);
  @ assigns t->snd_una, t->syn_unacked, t->snd_wnd, t->snd_wl1, t->snd_wl2, t->max_snd_wnd,
  @         c->acked, c->advanced;
  @ ensures tcb_valid(t);
  @ ensures forward: seq_dist(\old(t->snd_una), t->snd_una) <= seq_dist(\old(t->snd_una), t->snd_nxt);
  @ ensures acked: seq_lt(\old(t->snd_una), seg->ack) &&
  @     seq_dist(\old(t->snd_una), seg->ack) <= seq_dist(\old(t->snd_una), t->snd_nxt) ==>
  @     t->snd_una == seg->ack;
  @*/
static void process_ack(tcpfsm_tcb *t, const tcpfsm_segment *seg, struct call *c)
{
    uint32_t old_una = t->snd_una;
    /* "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK" */
    if (tcpfsm_seq_lt(t->snd_una, seg->ack) && tcpfsm_seq_within(t->snd_una, seg->ack, t->snd_nxt)) {
        uint32_t bytes = tcpfsm_seq_dist(t->snd_una, seg->ack);
        if (t->fin_sent && seg->ack == t->snd_nxt && bytes > 0)
            bytes--; /* the FIN is not user data */
        if (t->syn_unacked && bytes > 0) {
            bytes--; /* nor is the SYN (CLOSE in SYN-RECEIVED sent the FIN before it was acked) */
            t->syn_unacked = 0;
        }
        c->acked = bytes; /* one ACK per call */
        t->snd_una = seg->ack;
        c->advanced = 1;
    }
    if (tcpfsm_seq_within(old_una, seg->ack, t->snd_nxt) &&
        (tcpfsm_seq_lt(t->snd_wl1, seg->seq) ||
         (t->snd_wl1 == seg->seq && !tcpfsm_seq_lt(seg->ack, t->snd_wl2))))
        set_window(t, seg);
}

/*@ requires \valid(t) && \valid_read(cfg) && \valid(out) && \separated(t, cfg, out);
  @ requires tcb_valid(t) && config_valid(cfg);
  @ assigns t->timing, out->timer[0 .. TCPFSM_TIMER_COUNT - 1];
  @ ensures tcb_valid(t);
  @*/
static void enter_time_wait(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out)
{
    t->timing = 0;
    SET_TIMER(out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, cfg->msl_ms * 2u);
    SET_TIMER(out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    SET_TIMER(out, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
}

/* A retransmitted FIN in TIME-WAIT: restart the 2MSL timer (3.10.7.4). */
/*@ requires \valid(t) && \valid_read(cfg) && \valid(out) && \separated(t, cfg, out);
  @ requires tcb_valid(t) && config_valid(cfg);
  @ assigns out->timer[TCPFSM_TIMER_TIME_WAIT];
  @ ensures tcb_valid(t);
  @*/
static void restart_time_wait(const tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out)
{
    (void)t; /* carried for the contract: the TCB is untouched */
    SET_TIMER(out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, cfg->msl_ms * 2u);
}

/* 3.10.8 RETRANSMISSION TIMEOUT: the segment at the front of the queue. */
/*@ requires \valid(t) && \valid_read(cfg) && \valid(out) && \separated(t, cfg, out);
  @ requires tcb_valid(t) && config_valid(cfg);
  @ requires acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ assigns t->retries, t->rto_ms, out->segment_count, out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1],
  @         out->timer[0 .. TCPFSM_TIMER_COUNT - 1];
  @ ensures tcb_valid(t);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @*/
static void retransmit(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out)
{
    t->retries = (uint8_t)(t->retries < 255 ? t->retries + 1 : 255);
    t->rto_ms = t->rto_ms > cfg->rto_max_ms / 2u ? cfg->rto_max_ms : t->rto_ms * 2u;
    if (t->rto_ms < cfg->rto_initial_ms)
        t->rto_ms = cfg->rto_initial_ms;
    if (t->state == TCPFSM_SYN_SENT) {
        emit(out, t->iss, 0, t->rcv_wnd, 0, TCPFSM_SYN) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
    } else if (t->syn_unacked) { /* SYN-RECEIVED, or FIN-WAIT-1 from it */
        emit(out, t->iss, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_SYN + TCPFSM_ACK) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
    } else {
        uint32_t flight = tcpfsm_seq_dist(t->snd_una, t->snd_nxt);
        uint32_t data = t->fin_sent && flight > 0 ? flight - 1u : flight;
        uint32_t len = min32(data, cfg->mss);
        unsigned fin = len == data && t->fin_sent ? TCPFSM_FIN : 0u;
        unsigned psh = len > 0 && len == data ? TCPFSM_PSH : 0u;
        emit(out, t->snd_una, t->rcv_nxt, t->rcv_wnd, len, TCPFSM_ACK + psh + fin) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
    }
    SET_TIMER(out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, t->rto_ms);
}

/*@ requires \valid(t) && \valid(c) && \separated(t, c) && tcb_valid(t);
  @ assigns t->rcv_unread, t->rcv_wnd, c->result, c->ack_now;
  @ ensures tcb_valid(t);
  @*/
static void consume(tcpfsm_tcb *t, struct call *c)
{
    int was_closed = t->rcv_wnd == 0;
    if (c->n > t->rcv_unread) {
        c->result = TCPFSM_ERR_INVALID_ARGUMENT;
        return;
    }
    t->rcv_unread -= c->n;
    t->rcv_wnd += c->n;
    if (was_closed && c->n > 0 &&
        (t->state == TCPFSM_ESTABLISHED || t->state == TCPFSM_FIN_WAIT_1 ||
         t->state == TCPFSM_FIN_WAIT_2))
        c->ack_now = 1; /* window update (3.8.6.2.2) */
}

/* Text accepted into the receive window (3.10.7.4 seventh): RCV.NXT moves
 * over it, the window shrinks by it, and the user has it to RECEIVE. */
/*@ requires \valid(t) && tcb_valid(t) && n <= t->rcv_wnd;
  @ assigns t->rcv_nxt, t->rcv_wnd, t->rcv_unread;
  @ ensures tcb_valid(t);
  @ ensures rcv: t->rcv_wnd == \old(t->rcv_wnd) - n && t->rcv_nxt == seq_add(\old(t->rcv_nxt), n);
  @*/
static void take_text(tcpfsm_tcb *t, uint32_t n)
{
    t->rcv_nxt = tcpfsm_seq_add(t->rcv_nxt, n);
    t->rcv_wnd -= n;
    t->rcv_unread += n;
}

/* SYN-SENT, a SYN without ACK (simultaneous open): its text is held until
 * ESTABLISHED (3.10.7.3 "queue them"). The core keeps no bytes: N_HOLD tells
 * the embedder to keep payload bytes [0, held_len); any FIN is not kept. */
/*@ requires \valid(t) && \valid_read(seg) && \valid(out) && \separated(t, seg, out);
  @ requires tcb_valid(t);
  @ assigns t->syn_text, out->notify, out->held_len;
  @ ensures tcb_valid(t);
  @*/
static void hold_syn_text(tcpfsm_tcb *t, const tcpfsm_segment *seg, tcpfsm_output *out)
{
    if (seg->len > 0 && t->rcv_wnd > 0) {
        uint32_t held = min32(min32(seg->len, t->rcv_wnd), 65535u);
        out->notify |= TCPFSM_N_HOLD;
        out->held_len = held;
        t->syn_text = (uint16_t)held;
    }
}

/* SYN-RECEIVED -> ESTABLISHED: the text held from the SYN is data now, in
 * order before anything the ACK itself carries (N_HELD_DATA). */
/*@ requires \valid(t) && \valid(out) && \separated(t, out) && tcb_valid(t);
  @ assigns t->rcv_nxt, t->rcv_wnd, t->rcv_unread, t->syn_text, out->notify, out->held_len;
  @ ensures tcb_valid(t);
  @ ensures rcv: t->rcv_wnd <= \old(t->rcv_wnd) &&
  @     t->rcv_nxt == seq_add(\old(t->rcv_nxt), \old(t->rcv_wnd) - t->rcv_wnd);
  @*/
static void deliver_held(tcpfsm_tcb *t, tcpfsm_output *out)
{
    if (t->syn_text > 0) {
        uint32_t keep = min32(t->syn_text, t->rcv_wnd);
        out->notify |= TCPFSM_N_HELD_DATA;
        out->held_len = keep;
        take_text(t, keep);
        t->syn_text = 0;
    }
}

/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t);
  @ requires 0 <= act < TCPFSM_A_COUNT;
  @ requires first: out->segment_count == 0;
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures t->state == \old(t->state) && t->passive == \old(t->passive);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures quiet: quiet_action(act) ==> out->segment_count == 0;
  @ ensures rcv: rcv_action(act, \old(t->rcv_nxt), \old(t->rcv_wnd), t->rcv_nxt, t->rcv_wnd);
  @ ensures ids: !clear_action(act) && !rcv_set_action(act) ==>
  @     t->iss == \old(t->iss) && t->irs == \old(t->irs);
  @ ensures una_kept: keeps_una(act) ==> t->snd_una == \old(t->snd_una);
  @ ensures una_acked: (act == TCPFSM_A_SYN_ACKED || act == TCPFSM_A_ESTABLISH) &&
  @     seq_lt(\old(t->snd_una), seg->ack) &&
  @     seq_dist(\old(t->snd_una), seg->ack) <= seq_dist(\old(t->snd_una), \old(t->snd_nxt)) ==>
  @     t->snd_una == seg->ack;
  @ ensures syn_acked: act == TCPFSM_A_SYN_ACKED ==>
  @     t->irs == seg->seq && t->rcv_nxt == seq_add(seg->seq, 1) &&
  @     t->rcv_wnd == \old(t->rcv_wnd) && t->iss == \old(t->iss);
  @*/
static void do_action(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                      tcpfsm_output *out, struct call *c, int act)
{
    switch (act) {
    case TCPFSM_A_NONE:
        break;
    case TCPFSM_A_ERR_NOT_EXIST:
        c->result = TCPFSM_ERR_DOES_NOT_EXIST;
        break;
    case TCPFSM_A_ERR_EXISTS:
        c->result = TCPFSM_ERR_ALREADY_EXISTS;
        break;
    case TCPFSM_A_ERR_CLOSING:
        c->result = TCPFSM_ERR_CLOSING;
        break;
    case TCPFSM_A_ERR_UNSPECIFIED:
        c->result = TCPFSM_ERR_REMOTE_UNSPECIFIED;
        break;
    case TCPFSM_A_LISTEN:
        t->error = TCPFSM_OK;
        clear_tcb(t, cfg->rcv_wnd);
        break;
    case TCPFSM_A_CONNECT: /* 3.10.1: <SEQ=ISS><CTL=SYN>, SND.UNA = ISS, SND.NXT = ISS+1 */
        t->error = TCPFSM_OK;
        clear_tcb(t, cfg->rcv_wnd);
        t->rto_ms = cfg->rto_initial_ms;
        c->sent_new = 1;
        t->iss = c->iss;
        send_syn(t, out, 0);
        break;
    case TCPFSM_A_QUEUE_SEND:
        if (t->close_queued)
            c->result = TCPFSM_ERR_CLOSING;
        else if (c->n > TCPFSM_MAX_WINDOW - t->snd_queued)
            c->result = TCPFSM_ERR_INSUFFICIENT_RESOURCES;
        else
            t->snd_queued += c->n;
        break;
    case TCPFSM_A_RECEIVE:
        consume(t, c);
        break;
    case TCPFSM_A_RECEIVE_CLOSING:
        if (t->rcv_unread == 0)
            c->result = TCPFSM_ERR_CLOSING;
        else
            consume(t, c);
        break;
    case TCPFSM_A_CLOSE:
        t->close_queued = 1;
        t->syn_text = 0; /* SYN-RECEIVED: held text is dropped; never acked, the peer resends it */
        break;
    case TCPFSM_A_DEFER_CLOSE:
        if (t->close_queued)
            c->result = TCPFSM_ERR_CLOSING;
        else
            t->close_queued = 1;
        break;
    case TCPFSM_A_DELETE:
        delete_tcb(t, out);
        break;
    case TCPFSM_A_DELETE_AFTER_RST: /* 3.10.7.4 second: RST in CLOSING or LAST-ACK */
        if (cfg->rst_error_closing)
            close_with(t, out, TCPFSM_ERR_RESET, TCPFSM_N_RESET);
        else
            delete_tcb(t, out);
        break;
    case TCPFSM_A_ABORT_RST: /* 3.10.5: <SEQ=SND.NXT><CTL=RST> */
        emit(out, t->snd_nxt, 0, 0, 0, TCPFSM_RST) /*@ ghost (0, 0) */; /* cleared next */
        delete_tcb(t, out);
        break;
    case TCPFSM_A_REPLY_RST:
        reply_rst(out, seg) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
        c->stop = 1;
        break;
    case TCPFSM_A_ACCEPT_SYN: /* 3.10.7.2 third */
        t->iss = c->iss;
        t->irs = seg->seq;
        t->rcv_nxt = tcpfsm_seq_add(seg->seq, 1);
        t->rto_ms = cfg->rto_initial_ms;
        t->retries = 0;
        set_window(t, seg);
        t->snd_wl2 = c->iss;
        c->sent_new = 1;
        send_syn(t, out, 1);
        c->stop = 1; /* other text and control are not kept */
        break;
    case TCPFSM_A_SIMULTANEOUS_SYN: /* 3.10.7.3 fourth, no ACK */
        t->irs = seg->seq;
        t->rcv_nxt = tcpfsm_seq_add(seg->seq, 1);
        set_window(t, seg);
        t->snd_wl2 = t->snd_una;
        emit(out, t->iss, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_SYN + TCPFSM_ACK) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
        c->stop = 1;
        hold_syn_text(t, seg, out);
        break;
    case TCPFSM_A_SYN_ACKED: /* 3.10.7.3 fourth, our SYN acked */
        t->irs = seg->seq;
        t->rcv_nxt = tcpfsm_seq_add(seg->seq, 1);
        out->notify |= TCPFSM_N_ESTABLISHED;
        c->ack_now = 1;
        process_ack(t, seg, c); /* SND.UNA <- SEG.ACK */
        set_window(t, seg);
        break;
    case TCPFSM_A_ESTABLISH: /* 3.10.7.4 fifth, SYN-RECEIVED */
        out->notify |= TCPFSM_N_ESTABLISHED;
        deliver_held(t, out);
        process_ack(t, seg, c); /* SND.UNA <- SEG.ACK */
        set_window(t, seg);
        break;
    case TCPFSM_A_REFUSED:
        close_with(t, out, TCPFSM_ERR_REFUSED, TCPFSM_N_REFUSED);
        break;
    case TCPFSM_A_RESET:
        close_with(t, out, TCPFSM_ERR_RESET, TCPFSM_N_RESET);
        break;
    case TCPFSM_A_RESET_BY_SYN: /* 3.10.7.4 fourth, without RFC 5961 */
        emit(out, t->snd_nxt, t->rcv_nxt, 0, 0, TCPFSM_RST + TCPFSM_ACK) /*@ ghost (0, 0) */;
        close_with(t, out, TCPFSM_ERR_RESET, TCPFSM_N_RESET);
        break;
    case TCPFSM_A_BACK_TO_LISTEN: /* MUST-11 */
        out->notify |= TCPFSM_N_LISTEN;
        SET_TIMER(out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
        SET_TIMER(out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_CANCEL, 0);
        SET_TIMER(out, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
        clear_tcb(t, cfg->rcv_wnd);
        break;
    case TCPFSM_A_SEND_ACK:
        c->ack_now = 1;
        c->stop = 1;
        break;
    case TCPFSM_A_PROCESS_ACK:
        process_ack(t, seg, c);
        break;
    case TCPFSM_A_FIN_ACKED:
        out->notify |= TCPFSM_N_CLOSE_ACKED;
        process_ack(t, seg, c);
        break;
    case TCPFSM_A_ENTER_TIME_WAIT:
        out->notify |= TCPFSM_N_CLOSE_ACKED;
        process_ack(t, seg, c);
        enter_time_wait(t, cfg, out);
        break;
    case TCPFSM_A_ACCEPT_TEXT: { /* 3.10.7.4 seventh */
        uint32_t keep = min32(c->text_keep, t->rcv_wnd); /* text_and_fin kept it in the window */
        out->notify |= TCPFSM_N_DATA;
        out->rcv_offset = c->text_skip;
        out->rcv_len = keep;
        c->ack_now = 1;
        take_text(t, keep);
        break;
    }
    case TCPFSM_A_FIN: /* 3.10.7.4 eighth */
        out->notify |= TCPFSM_N_REMOTE_CLOSE;
        c->ack_now = 1;
        c->fin_in_ack = cfg->closing_ack_with_fin;
        t->rcv_nxt = tcpfsm_seq_add(t->rcv_nxt, 1);
        t->fin_rcvd = 1;
        break;
    case TCPFSM_A_FIN_TIME_WAIT:
        out->notify |= TCPFSM_N_REMOTE_CLOSE;
        c->ack_now = 1;
        t->rcv_nxt = tcpfsm_seq_add(t->rcv_nxt, 1);
        t->fin_rcvd = 1;
        enter_time_wait(t, cfg, out);
        break;
    case TCPFSM_A_RESTART_TIME_WAIT:
        c->ack_now = 1;
        c->stop = 1;
        restart_time_wait(t, cfg, out);
        break;
    case TCPFSM_A_RETRANSMIT:
        retransmit(t, cfg, out);
        break;
    case TCPFSM_A_GIVE_UP:
        close_with(t, out, TCPFSM_ERR_TIMED_OUT, TCPFSM_N_TIMED_OUT);
        break;
    case TCPFSM_A_USER_TIMEOUT:
        close_with(t, out, TCPFSM_ERR_USER_TIMEOUT, TCPFSM_N_USER_TIMEOUT);
        break;
    default: /* TCPFSM_A_INVALID: unreachable (proved), stop quietly */
        c->stop = 1;
        break;
    }
}

/* Runs one event and its action. */
/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t);
  @ requires event: 0 < event < 64;
  @ requires allowed: event_allowed(t->state, t->passive, event);
  @ requires first: out->segment_count == 0;
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures next: t->state == next_state(\old(t->state), \old(t->passive), event);
  @ ensures stop: (t->state == TCPFSM_CLOSED || t->state == TCPFSM_LISTEN) ==> c->stop != 0;
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures quiet: quiet_event(event) ==> out->segment_count == 0;
  @ ensures rcv_stays: rcv_state(\old(t->state)) ==>
  @     rcv_state(t->state) || t->state == TCPFSM_CLOSED || t->state == TCPFSM_LISTEN;
  @ ensures rcv: rcv_state(\old(t->state)) && rcv_state(t->state) && rcv_event(event) ==>
  @     rcv_moved(\old(t->rcv_nxt), \old(t->rcv_wnd), t->rcv_nxt, t->rcv_wnd,
  @               event == TCPFSM_EV_RCV_FIN ? 1 : 0);
  @ ensures rcv_same: rcv_state(\old(t->state)) && rcv_state(t->state) && !rcv_event(event) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt) && (event == TCPFSM_EV_RECEIVE || t->rcv_wnd == \old(t->rcv_wnd));
  @ ensures hs_stays: hs_state(\old(t->state)) && no_handshake_event(event) ==>
  @     !synchronized(t->state);
  @ ensures hs_syn_ack: event == TCPFSM_EV_RCV_SYN_ACK ==>
  @     t->irs == seg->seq && t->rcv_nxt == seq_add(seg->seq, 1) &&
  @     t->rcv_wnd == \old(t->rcv_wnd) && t->iss == \old(t->iss) &&
  @     (seq_lt(\old(t->snd_una), seg->ack) &&
  @      seq_dist(\old(t->snd_una), seg->ack) <= seq_dist(\old(t->snd_una), \old(t->snd_nxt)) ==>
  @      t->snd_una == seg->ack);
  @ ensures hs_ack_of_syn: event == TCPFSM_EV_RCV_ACK_OF_SYN ==>
  @     t->iss == \old(t->iss) && t->irs == \old(t->irs) &&
  @     (seq_lt(\old(t->snd_una), seg->ack) &&
  @      seq_dist(\old(t->snd_una), seg->ack) <= seq_dist(\old(t->snd_una), \old(t->snd_nxt)) ==>
  @      t->snd_una == seg->ack);
  @ ensures hs_late: late_event(event) ==>
  @     t->iss == \old(t->iss) && t->irs == \old(t->irs) && t->snd_una == \old(t->snd_una);
  @*/
static void run(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                tcpfsm_output *out, struct call *c, int event)
{
    int act = set_state(t, out, event);
    do_action(t, cfg, seg, out, c, act);
    if (t->state == TCPFSM_CLOSED || t->state == TCPFSM_LISTEN)
        c->stop = 1;
}

/* ---- end of every call: send what the state allows, then timers ---------- */

/* One data segment from the queue, within the usable window
 * SND.UNA + SND.WND - SND.NXT (or a 1-byte zero-window probe, 3.8.6.1), at
 * most MSS bytes; PSH when it empties the queue, and the FIN with it when a
 * CLOSE is queued. Returns 0 when nothing could go, 1 when one went, 2 when
 * a probe went (send no more). */
/*@ requires \valid(t) && \valid(out) && \separated(t, out);
  @ requires tcb_valid(t) && t->fin_sent == 0 && t->snd_queued > 0;
  @ requires acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ assigns t->snd_queued, t->snd_nxt, t->fin_sent, out->segment_count,
  @         out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1];
  @ ensures tcb_valid(t) && 0 <= \result <= 2;
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures t->fin_sent == 1 ==> t->snd_queued == 0;
  @*/
static int send_data(tcpfsm_tcb *t, tcpfsm_output *out, uint32_t mss)
{
    uint32_t flight = tcpfsm_seq_dist(t->snd_una, t->snd_nxt);
    uint32_t usable, len;
    unsigned psh = 0, fin = 0;
    int probe = 0;
    if (t->snd_wnd > flight) {
        usable = t->snd_wnd - flight;
    } else if (t->snd_wnd == 0 && flight == 0) {
        usable = 1; /* zero-window probe (3.8.6.1) */
        probe = 1;
    } else {
        return 0;
    }
    len = min32(min32(t->snd_queued, usable), mss);
    t->snd_queued -= len;
    if (t->snd_queued == 0) {
        psh = TCPFSM_PSH;
        if (t->close_queued && t->state != TCPFSM_ESTABLISHED && t->state != TCPFSM_CLOSE_WAIT)
            fin = TCPFSM_FIN;
    }
    emit(out, t->snd_nxt, t->rcv_nxt, t->rcv_wnd, len, TCPFSM_ACK + psh + fin) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
    t->snd_nxt = tcpfsm_seq_add(t->snd_nxt, fin ? len + 1u : len); /* FIN takes one number */
    if (fin)
        t->fin_sent = 1;
    return probe ? 2 : 1;
}

/* Queued data within the window, then the FIN once a CLOSE is queued and
 * the queue is empty (3.10.4). Only in states that send data. */
/*@ requires \valid(t) && \valid_read(cfg) && \valid(out) && \valid(c);
  @ requires \separated(t, cfg, out, c) && tcb_valid(t) && config_valid(cfg);
  @ requires t->fin_sent == 0;
  @ requires acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ assigns t->snd_queued, t->snd_nxt, t->fin_sent, out->segment_count,
  @         out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1], c->sent_new;
  @ ensures tcb_valid(t);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @*/
static void send_queued(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out,
                        struct call *c)
{
    int i, more = 1;
    /*@ loop invariant 0 <= i <= TCPFSM_MAX_SEGMENTS;
      @ loop invariant tcb_valid(t);
      @ loop invariant t->fin_sent == 1 ==> t->snd_queued == 0;
      @ loop invariant acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
      @ loop assigns i, more, t->snd_queued, t->snd_nxt, t->fin_sent, out->segment_count,
      @              out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1], c->sent_new;
      @ loop variant TCPFSM_MAX_SEGMENTS - i;
      @*/
    for (i = 0; more && i < TCPFSM_MAX_SEGMENTS && t->snd_queued > 0 && !t->fin_sent &&
                out->segment_count < TCPFSM_MAX_SEGMENTS; i++) {
        int sent = send_data(t, out, cfg->mss);
        if (sent)
            c->sent_new = 1;
        more = sent == 1;
    }
    if (t->close_queued && !t->fin_sent &&
        t->snd_queued == 0 && t->state != TCPFSM_ESTABLISHED &&
        t->state != TCPFSM_CLOSE_WAIT && out->segment_count < TCPFSM_MAX_SEGMENTS) {
        send_fin(t, out);
        c->sent_new = 1;
    }
}

/* The ACK an event asked for, when nothing else went out to carry it. In
 * CLOSING with closing_ack_with_fin it repeats our FIN (FreeBSD). */
/*@ requires \valid_read(t) && \valid(out) && \valid_read(c);
  @ requires \separated(t, out, c) && tcb_valid(t);
  @ requires acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ assigns out->segment_count, out->segment[0 .. TCPFSM_MAX_SEGMENTS - 1];
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @*/
static void send_ack(const tcpfsm_tcb *t, tcpfsm_output *out, const struct call *c)
{
    if (c->fin_in_ack && t->state == TCPFSM_CLOSING && t->fin_sent &&
        t->snd_una != t->snd_nxt)
        emit(out, tcpfsm_seq_sub(t->snd_nxt, 1), t->rcv_nxt, t->rcv_wnd, 0,
             TCPFSM_FIN + TCPFSM_ACK) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
    else
        emit(out, t->snd_nxt, t->rcv_nxt, t->rcv_wnd, 0, TCPFSM_ACK) /*@ ghost (t->rcv_nxt, t->rcv_wnd) */;
}

/*@ requires \valid(t) && \valid_read(cfg) && \valid(out) && \valid(c);
  @ requires \separated(t, cfg, out, c) && tcb_valid(t) && config_valid(cfg);
  @ requires acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ assigns *t, *out, c->sent_new;
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures tcb_valid(t) && t->state == \old(t->state);
  @ ensures rcv: t->rcv_nxt == \old(t->rcv_nxt) && t->rcv_wnd == \old(t->rcv_wnd);
  @ ensures ids: t->iss == \old(t->iss) && t->irs == \old(t->irs) && t->snd_una == \old(t->snd_una);
  @*/
static void flush(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out, struct call *c)
{
    uint8_t before = out->segment_count;
    if (state_sends_data(t->state) && !t->fin_sent)
        send_queued(t, cfg, out, c);
    if (c->ack_now && out->segment_count == before &&
        (state_synchronized(t->state) || t->state == TCPFSM_SYN_RECEIVED)) {
        send_ack(t, out, c);
        if (c->challenge && out->segment_count != before)
            out->notify |= TCPFSM_N_CHALLENGE; /* RFC 5961 s7: the embedder may rate-limit it */
    }
    if (c->acked > 0) {
        out->notify |= TCPFSM_N_ACKED;
        out->acked = c->acked;
    }
}

/* RFC 6298 without RTT sampling: docs/semantics.md, Timers. */
/*@ requires \valid(t) && \valid_read(cfg) && \valid(out) && \valid_read(c);
  @ requires \separated(t, cfg, out, c) && tcb_valid(t) && config_valid(cfg);
  @ assigns t->retries, t->rto_ms, t->timing, out->timer[0 .. TCPFSM_TIMER_COUNT - 1];
  @ ensures tcb_valid(t);
  @*/
static void update_timers(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out,
                          const struct call *c)
{
    int user = cfg->user_timeout_ms > 0;
    if (!state_retransmits(t->state) && t->state != TCPFSM_FIN_WAIT_2)
        return; /* CLOSED, LISTEN, TIME-WAIT: the actions set every timer */
    if (c->advanced) {
        t->retries = 0;
        t->rto_ms = cfg->rto_initial_ms;
        if (t->snd_una != t->snd_nxt) {
            t->timing = 1;
            SET_TIMER(out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, t->rto_ms);
            if (user)
                SET_TIMER(out, TCPFSM_TIMER_USER, TCPFSM_TIMER_ARM, cfg->user_timeout_ms);
        } else {
            t->timing = 0;
            SET_TIMER(out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
            if (user)
                SET_TIMER(out, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
        }
    } else if (c->sent_new && !t->timing) {
        t->timing = 1;
        SET_TIMER(out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, t->rto_ms);
        if (user)
            SET_TIMER(out, TCPFSM_TIMER_USER, TCPFSM_TIMER_ARM, cfg->user_timeout_ms);
    }
}

/*@ requires \valid(t) && \valid_read(cfg) && \valid(out) && \valid(c);
  @ requires \separated(t, cfg, out, c) && tcb_valid(t) && config_valid(cfg);
  @ requires acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ assigns *t, *out, c->sent_new;
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures tcb_valid(t);
  @ ensures rcv: t->state == \old(t->state) &&
  @     t->rcv_nxt == \old(t->rcv_nxt) && t->rcv_wnd == \old(t->rcv_wnd);
  @ ensures ids: t->iss == \old(t->iss) && t->irs == \old(t->irs) && t->snd_una == \old(t->snd_una);
  @*/
static void finish(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out, struct call *c)
{
    flush(t, cfg, out, c);
    update_timers(t, cfg, out, c);
}

/* ---- segment classification (RFC 9293 3.10.7) ---------------------------- */

/* Seventh and eighth steps: text, then FIN. data_seq is the sequence number of
 * the first payload byte (SEG.SEQ, or SEG.SEQ+1 on a SYN). */
/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t) && synchronized(t->state);
  @ requires first: out->segment_count == 0;
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv: rcv_state(t->state) ==>
  @     rcv_moved(\old(t->rcv_nxt), \old(t->rcv_wnd), t->rcv_nxt, t->rcv_wnd, 1);
  @ ensures ids: t->iss == \old(t->iss) && t->irs == \old(t->irs) && t->snd_una == \old(t->snd_una);
  @*/
static void text_and_fin(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                         tcpfsm_output *out, struct call *c, uint32_t data_seq, int trim_all)
{
    uint32_t avail;
    int fin = (seg->flags & TCPFSM_FIN) != 0, fin_fits;
    if (seg->len == 0 && !fin)
        return;
    if (trim_all) { /* zero receive window: keep nothing, say so */
        c->ack_now = 1;
        return;
    }
    if (tcpfsm_seq_lt(t->rcv_nxt, data_seq)) { /* beyond RCV.NXT: not kept (no reassembly) */
        c->ack_now = 1;
        return;
    }
    c->text_skip = tcpfsm_seq_dist(data_seq, t->rcv_nxt);
    if (c->text_skip > seg->len) /* text and FIN are both old */
        return;
    avail = seg->len - c->text_skip;
    /* the FIN takes the number after the text: inside the window only if the
     * text leaves room for it */
    fin_fits = fin && avail < t->rcv_wnd;
    c->text_keep = min32(avail, t->rcv_wnd);
    if (c->text_keep > 0) {
        run(t, cfg, seg, out, c, TCPFSM_EV_RCV_TEXT);
        if (c->stop)
            return;
    }
    if (fin_fits)
        run(t, cfg, seg, out, c,
            state_fin_received(t->state) ? TCPFSM_EV_RCV_FIN_AGAIN : TCPFSM_EV_RCV_FIN);
    else if (c->text_keep < avail)
        c->ack_now = 1; /* trimmed at the right edge */
}

/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t) && t->state == TCPFSM_CLOSED;
  @ requires first: out->segment_count == 0;
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @*/
static void arrive_closed(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                          tcpfsm_output *out, struct call *c)
{
    run(t, cfg, seg, out, c, (seg->flags & TCPFSM_RST) ? TCPFSM_EV_RCV_RST_DROP : TCPFSM_EV_RCV_ANY);
}

/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t) && t->state == TCPFSM_LISTEN;
  @ requires first: out->segment_count == 0;
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @*/
static void arrive_listen(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                          tcpfsm_output *out, struct call *c)
{
    int ev;
    if (seg->flags & TCPFSM_RST)
        ev = TCPFSM_EV_RCV_RST_DROP;
    else if ((seg->flags & TCPFSM_ACK) && (seg->flags & TCPFSM_SYN) && cfg->listen_drop_syn_ack)
        ev = TCPFSM_EV_RCV_DROP;
    else if (seg->flags & TCPFSM_ACK)
        ev = TCPFSM_EV_RCV_BAD_ACK;
    else if (seg->flags & TCPFSM_SYN)
        ev = TCPFSM_EV_RCV_SYN;
    else
        ev = TCPFSM_EV_RCV_DROP;
    run(t, cfg, seg, out, c, ev);
}

/* run() for a classifier: the same event, a contract that says only what
 * the classifiers need afterwards. Keeping next_state out of their proof
 * terms keeps WP's simplifier (Qed) fast on them (proofs/README.md). */
/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t);
  @ requires event: 0 < event < 64;
  @ requires allowed: event_allowed(t->state, t->passive, event);
  @ requires first: out->segment_count == 0;
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures quiet: quiet_event(event) ==> out->segment_count == 0;
  @ ensures rcv_stays: rcv_state(\old(t->state)) ==>
  @     rcv_state(t->state) || t->state == TCPFSM_CLOSED || t->state == TCPFSM_LISTEN;
  @ ensures rcv: rcv_state(\old(t->state)) && rcv_state(t->state) && rcv_event(event) ==>
  @     rcv_moved(\old(t->rcv_nxt), \old(t->rcv_wnd), t->rcv_nxt, t->rcv_wnd,
  @               event == TCPFSM_EV_RCV_FIN ? 1 : 0);
  @ ensures rcv_same: rcv_state(\old(t->state)) && rcv_state(t->state) && !rcv_event(event) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt) && (event == TCPFSM_EV_RECEIVE || t->rcv_wnd == \old(t->rcv_wnd));
  @ ensures hs_stays: hs_state(\old(t->state)) && no_handshake_event(event) ==>
  @     !synchronized(t->state);
  @*/
static void step(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                 tcpfsm_output *out, struct call *c, int event)
{
    run(t, cfg, seg, out, c, event);
}

/* SYN-SENT, fourth step with an acceptable ACK: ESTABLISHED, then the text
 * and FIN the SYN,ACK carries. */
/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t) && t->state == TCPFSM_SYN_SENT;
  @ requires first: out->segment_count == 0;
  @ requires hs: hs_valid(t);
  @ requires acceptable: seg->ack == seq_add(t->iss, 1);
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures handshake: synchronized(t->state) ==> handshake_done(t, \old(t->rcv_wnd));
  @*/
static void syn_ack_arrives(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                            tcpfsm_output *out, struct call *c)
{
    run(t, cfg, seg, out, c, TCPFSM_EV_RCV_SYN_ACK);
    text_and_fin(t, cfg, seg, out, c, tcpfsm_seq_add(seg->seq, 1), 0);
}

/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t) && t->state == TCPFSM_SYN_SENT;
  @ requires first: out->segment_count == 0;
  @ requires hs: hs_valid(t);
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures handshake: synchronized(t->state) ==> handshake_done(t, \old(t->rcv_wnd));
  @*/
static void arrive_syn_sent(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                            tcpfsm_output *out, struct call *c)
{
    int has_ack = (seg->flags & TCPFSM_ACK) != 0;
    int ev;
    /* first: ISS < SEG.ACK =< SND.NXT */
    if (has_ack && !(seg->ack != t->iss && tcpfsm_seq_within(t->iss, seg->ack, t->snd_nxt)))
        ev = (seg->flags & TCPFSM_RST) ? TCPFSM_EV_RCV_RST_DROP : TCPFSM_EV_RCV_BAD_ACK;
    else if (seg->flags & TCPFSM_RST) /* second */
        ev = has_ack ? TCPFSM_EV_RCV_RST : TCPFSM_EV_RCV_RST_DROP;
    else if (!(seg->flags & TCPFSM_SYN)) /* fifth: neither SYN nor RST */
        ev = TCPFSM_EV_RCV_DROP;
    else if (!has_ack) /* fourth: simultaneous open */
        ev = TCPFSM_EV_RCV_SYN;
    else {
        syn_ack_arrives(t, cfg, seg, out, c);
        return;
    }
    step(t, cfg, seg, out, c, ev);
}

/* 3.10.7.4 first: the four cases of table 6, for a segment at seq taking
 * space numbers. Returns 0 (unacceptable), 1 (acceptable) or 2 (acceptable,
 * but keep none of its text and answer it with an ACK: a zero receive window,
 * which the RFC calls unacceptable, or with old_segment_ack an old duplicate
 * whose ACK BSD still uses). Scalars only: nothing to separate. */
/*@ assigns \nothing;
  @ ensures 0 <= \result <= 2;
  @*/
static int sync_acceptable(uint32_t rcv_nxt, uint32_t rcv_wnd, uint32_t seq, uint32_t space,
                           uint8_t flags, uint8_t old_segment_ack)
{
    int acceptable;
    if (rcv_wnd == 0) {
        acceptable = seq == rcv_nxt;
        if (acceptable && space > 0)
            return 2;
    } else if (space == 0) {
        acceptable = tcpfsm_seq_dist(rcv_nxt, seq) < rcv_wnd;
    } else {
        acceptable = tcpfsm_seq_dist(rcv_nxt, seq) < rcv_wnd ||
                     tcpfsm_seq_dist(rcv_nxt, tcpfsm_seq_add(seq, space - 1u)) < rcv_wnd;
    }
    if (acceptable)
        return 1;
    /* BSD trimming: an old duplicate still carries a usable ACK */
    if (old_segment_ack && !(flags & (TCPFSM_RST | TCPFSM_SYN)) && (flags & TCPFSM_ACK) &&
        tcpfsm_seq_lt(seq, rcv_nxt) && !tcpfsm_seq_lt(rcv_nxt, tcpfsm_seq_add(seq, space)))
        return 2;
    return 0;
}

/* SYN-RECEIVED, fifth step: the ACK of our SYN makes the connection
 * ESTABLISHED, and a CLOSE queued meanwhile runs now (3.10.4). */
/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t) && t->state == TCPFSM_SYN_RECEIVED;
  @ requires first: out->segment_count == 0;
  @ requires hs: hs_valid(t);
  @ requires acceptable: seg->ack != t->snd_una &&
  @     seq_dist(t->snd_una, seg->ack) <= seq_dist(t->snd_una, t->snd_nxt);
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures quiet: out->segment_count == 0;
  @ ensures rcv: rcv_state(t->state) ==>
  @     rcv_moved(\old(t->rcv_nxt), \old(t->rcv_wnd), t->rcv_nxt, t->rcv_wnd, 0);
  @ ensures handshake: t->snd_una == seq_add(t->iss, 1) &&
  @     t->iss == \old(t->iss) && t->irs == \old(t->irs);
  @*/
static void ack_of_syn(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                       tcpfsm_output *out, struct call *c)
{
    run(t, cfg, seg, out, c, TCPFSM_EV_RCV_ACK_OF_SYN);
    if (t->close_queued)
        run(t, cfg, seg, out, c, TCPFSM_EV_CLOSE_QUEUED);
}

/* A synchronized state, fifth step: the ACK field. Returns 1 when the
 * segment goes on to its text (sixth step onward), 0 when it is done. */
/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t) && synchronized(t->state);
  @ requires first: out->segment_count == 0;
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t) && config_valid(cfg);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures quiet: \result != 0 ==> out->segment_count == 0;
  @ ensures rcv: rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt) && t->rcv_wnd == \old(t->rcv_wnd);
  @*/
static int sync_ack(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                    tcpfsm_output *out, struct call *c)
{
    int in_range;
    if (cfg->ack_mitigation) { /* RFC 5961 s5: SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT */
        uint32_t lo = tcpfsm_seq_sub(t->snd_una, t->max_snd_wnd);
        in_range = tcpfsm_seq_within(lo, seg->ack, t->snd_nxt);
    } else {
        /* SEG.ACK =< SND.NXT: at exactly 2^31 ahead the order is undefined
         * (RFC 1982); such an ACK is treated as acking unsent data */
        in_range = tcpfsm_seq_dist(seg->ack, t->snd_nxt) < 0x80000000u;
    }
    if (!in_range) {
        step(t, cfg, seg, out, c, TCPFSM_EV_RCV_ACK_OUT_OF_RANGE);
        /*@ assert rcv1: rcv_state(t->state) ==>
          @     t->rcv_nxt == \at(t->rcv_nxt, Pre) && t->rcv_wnd == \at(t->rcv_wnd, Pre); */
        return 0;
    }
    if (t->fin_sent && t->snd_una != t->snd_nxt && seg->ack == t->snd_nxt &&
        (t->state == TCPFSM_FIN_WAIT_1 || t->state == TCPFSM_CLOSING ||
         t->state == TCPFSM_LAST_ACK))
    {
        step(t, cfg, seg, out, c, TCPFSM_EV_RCV_ACK_OF_FIN);
        /*@ assert rcv2: rcv_state(t->state) ==>
          @     t->rcv_nxt == \at(t->rcv_nxt, Pre) && t->rcv_wnd == \at(t->rcv_wnd, Pre); */
    } else {
        step(t, cfg, seg, out, c, TCPFSM_EV_RCV_ACK);
        /*@ assert rcv3: rcv_state(t->state) ==>
          @     t->rcv_nxt == \at(t->rcv_nxt, Pre) && t->rcv_wnd == \at(t->rcv_wnd, Pre); */
    }
    return !c->stop;
}

/* 3.10.7.4 second to fifth, for a segment that passed the first check (and
 * lost an old SYN to trimming): the event it makes, or 0 when it goes on to
 * the ACK processing. Reads the TCB, changes nothing. */
/*@ requires \valid_read(t) && tcb_valid(t);
  @ requires TCPFSM_SYN_RECEIVED <= t->state <= TCPFSM_TIME_WAIT;
  @ assigns \nothing;
  @ ensures \result == 0 || (0 < \result < 64 && event_allowed(t->state, t->passive, \result));
  @ ensures segment_event: !user_event(\result);
  @ ensures no_handshake: \result == 0 || no_handshake_event(\result);
  @ ensures syn_received_ack: \result == 0 && t->state == TCPFSM_SYN_RECEIVED ==>
  @     ack != t->snd_una && seq_dist(t->snd_una, ack) <= seq_dist(t->snd_una, t->snd_nxt);
  @*/
static int sync_event(const tcpfsm_tcb *t, uint8_t flags, uint32_t seq, uint32_t ack,
                      uint8_t rst_mitigation, uint8_t syn_mitigation,
                      uint8_t time_wait_ignore_rst)
{
    /* second: RST, with RFC 5961 s3 (and RFC 1337 in TIME-WAIT if asked) */
    if (flags & TCPFSM_RST) {
        if (time_wait_ignore_rst && t->state == TCPFSM_TIME_WAIT)
            return TCPFSM_EV_RCV_RST_DROP;
        return (!rst_mitigation || seq == t->rcv_nxt) ? TCPFSM_EV_RCV_RST
                                                      : TCPFSM_EV_RCV_RST_CHALLENGE;
    }
    /* fourth: SYN, with RFC 5961 s4 */
    if (flags & TCPFSM_SYN)
        return syn_mitigation ? TCPFSM_EV_RCV_SYN_CHALLENGE : TCPFSM_EV_RCV_SYN_IN_WINDOW;
    /* fifth: no ACK, drop; in SYN-RECEIVED, an ACK that does not ack our SYN */
    if (!(flags & TCPFSM_ACK))
        return TCPFSM_EV_RCV_DROP;
    if (t->state == TCPFSM_SYN_RECEIVED &&
        (ack == t->snd_una || !tcpfsm_seq_within(t->snd_una, ack, t->snd_nxt)))
        return TCPFSM_EV_RCV_BAD_ACK;
    return 0;
}

/* The contract shared by ack_text_fin, arrive_acceptable and arrive_other.
 * ARRIVE_SYNC_REQUIRES, the precondition of the last two: SYN-RECEIVED or a
 * synchronized state, nothing emitted yet, the handshake fields sound.
 * ARRIVE_SYNC_ENSURES, the postcondition of all three: tcb_valid kept, every
 * ACK carrying RCV.NXT, RCV.NXT moved only over text and FIN, the handshake
 * law (four named clauses, so four goals as when written out). */
#define ARRIVE_SYNC_REQUIRES(t, cfg, seg, out, c)                                   \
    FRAME(t, cfg, seg, out, c) && tcb_valid(t) &&                                    \
    TCPFSM_SYN_RECEIVED <= t->state <= TCPFSM_TIME_WAIT &&                          \
    out->segment_count == 0 && hs_valid(t)
#define ARRIVE_SYNC_ENSURES(t, cfg, out)                                            \
    ensures tcb_valid(t) && config_valid(cfg);                                       \
    ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);                           \
    ensures rcv: rcv_state(t->state) ==>                                             \
        rcv_moved(\old(t->rcv_nxt), \old(t->rcv_wnd), t->rcv_nxt, t->rcv_wnd, 1);   \
    ensures handshake: \old(t->state) == TCPFSM_SYN_RECEIVED && synchronized(t->state) ==> \
        handshake_done(t, \old(t->rcv_wnd));

/* 3.10.7.4 fifth (the ACK field) to eighth, for a segment that passed the
 * first to fourth checks. seq: where its text starts; trim_all: keep none. */
/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t);
  @ requires TCPFSM_SYN_RECEIVED <= t->state <= TCPFSM_TIME_WAIT;
  @ requires first: out->segment_count == 0;
  @ requires hs: hs_valid(t);
  @ requires acceptable: t->state == TCPFSM_SYN_RECEIVED ==> seg->ack != t->snd_una &&
  @     seq_dist(t->snd_una, seg->ack) <= seq_dist(t->snd_una, t->snd_nxt);
  @ assigns *t, *out, *c;
  @ ARRIVE_SYNC_ENSURES(t, cfg, out)
  @*/
static void ack_text_fin(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                         tcpfsm_output *out, struct call *c, uint32_t seq, int trim_all)
{
    if (t->state == TCPFSM_SYN_RECEIVED)
        ack_of_syn(t, cfg, seg, out, c);
    else if (!sync_ack(t, cfg, seg, out, c))
        return;
    if (state_synchronized(t->state)) /* sixth to eighth */
        text_and_fin(t, cfg, seg, out, c, seq, trim_all);
}

/* 3.10.7.4 for a segment that passed the first check (verdict 1, or 2 to
 * keep none of its text and ACK it): its old SYN trimmed off, then the
 * second to fourth checks (sync_event) end it with one call of step(), or
 * the ACK, text and FIN processing goes on. A helper of its own so that
 * each function's goals follow fewer paths (Qed time). */
/*@ requires ARRIVE_SYNC_REQUIRES(t, cfg, seg, out, c);
  @ requires verdict == 1 || verdict == 2;
  @ assigns *t, *out, *c;
  @ ARRIVE_SYNC_ENSURES(t, cfg, out)
  @*/
static void arrive_acceptable(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                              tcpfsm_output *out, struct call *c, int verdict)
{
    uint8_t flags = seg->flags;
    uint32_t seq = seg->seq;
    int ev;

    if (verdict == 2)
        c->ack_now = 1;
    /* An acceptable segment whose SYN lies left of the window (an old
     * SYN with new text): the SYN is trimmed off like any old part
     * ("including SYN and FIN", 3.10.7.4 first); the rest goes on. */
    if ((flags & TCPFSM_SYN) && tcpfsm_seq_lt(seq, t->rcv_nxt)) {
        flags = (uint8_t)(flags & 0xFDu); /* clear SYN (0x02) */
        seq = tcpfsm_seq_add(seq, 1);
    }
    ev = sync_event(t, flags, seq, seg->ack, cfg->rst_mitigation, cfg->syn_mitigation,
                    cfg->time_wait_ignore_rst);
    if (ev != 0) {
        if (ev == TCPFSM_EV_RCV_RST_CHALLENGE || ev == TCPFSM_EV_RCV_SYN_CHALLENGE)
            c->challenge = 1;
        step(t, cfg, seg, out, c, ev);
        return;
    }
    ack_text_fin(t, cfg, seg, out, c, seq, verdict == 2);
}

/* SYN-RECEIVED and the synchronized states: 3.10.7.4. One call of step()
 * for every segment that ends before the ACK processing. */
/*@ requires ARRIVE_SYNC_REQUIRES(t, cfg, seg, out, c);
  @ assigns *t, *out, *c;
  @ ARRIVE_SYNC_ENSURES(t, cfg, out)
  @*/
static void arrive_other(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                         tcpfsm_output *out, struct call *c)
{
    uint8_t flags = seg->flags;
    uint32_t seq = seg->seq;
    int verdict;

    if (state_fin_received(t->state) && (flags & TCPFSM_FIN) &&
        !(flags & (TCPFSM_RST | TCPFSM_SYN)) &&
        tcpfsm_seq_add(seq, tcpfsm_seq_add(seg->len, 1)) == t->rcv_nxt) {
        /* the peer's FIN again, already consumed */
        step(t, cfg, seg, out, c, TCPFSM_EV_RCV_FIN_AGAIN);
        return;
    }
    verdict = sync_acceptable(t->rcv_nxt, t->rcv_wnd, seq, seg_space(seg), flags,
                              cfg->old_segment_ack); /* first */
    if (verdict == 0) {
        step(t, cfg, seg, out, c,
             (flags & TCPFSM_RST) ? TCPFSM_EV_RCV_RST_DROP : TCPFSM_EV_RCV_UNACCEPTABLE);
        return;
    }
    arrive_acceptable(t, cfg, seg, out, c, verdict);
}

/* SEGMENT ARRIVES (3.10.7) after the checks: the state's processing, then
 * what the call sends and the timers. A helper of its own, so that the
 * public function's goals hold only the checks and this contract. */
/*@ requires FRAME(t, cfg, seg, out, c) && tcb_valid(t);
  @ requires first: out->segment_count == 0;
  @ requires hs: hs_valid(t);
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv: rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     rcv_moved(\old(t->rcv_nxt), \old(t->rcv_wnd), t->rcv_nxt, t->rcv_wnd, 1);
  @ ensures handshake: hs_state(\old(t->state)) && synchronized(t->state) ==>
  @     handshake_done(t, \old(t->rcv_wnd));
  @*/
static void arrive(tcpfsm_tcb *t, const tcpfsm_config *cfg, const tcpfsm_segment *seg,
                   tcpfsm_output *out, struct call *c)
{
    if (t->state != TCPFSM_CLOSED && t->state != TCPFSM_TIME_WAIT && cfg->drop_synfin &&
        (seg->flags & (TCPFSM_SYN | TCPFSM_FIN)) == (TCPFSM_SYN | TCPFSM_FIN))
        run(t, cfg, seg, out, c, TCPFSM_EV_RCV_DROP);
    else if (t->state == TCPFSM_CLOSED)
        arrive_closed(t, cfg, seg, out, c);
    else if (t->state == TCPFSM_LISTEN)
        arrive_listen(t, cfg, seg, out, c);
    else if (t->state == TCPFSM_SYN_SENT)
        arrive_syn_sent(t, cfg, seg, out, c);
    else
        arrive_other(t, cfg, seg, out, c);
    finish(t, cfg, out, c);
}

/* A timer went off (3.10.8): the event it makes in this state, if any. A
 * helper of its own, like arrive(), so that the public function's goals
 * hold only the checks and this contract. */
/*@ requires \valid(t) && \valid_read(cfg) && \valid(out) && \valid(c);
  @ requires \separated(t, cfg, out, c) && tcb_valid(t) && config_valid(cfg);
  @ requires which < TCPFSM_TIMER_COUNT;
  @ requires first: out->segment_count == 0;
  @ assigns *t, *out, *c;
  @ ensures tcb_valid(t);
  @ ensures acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_kept: rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt);
  @*/
static void timer_event(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out,
                        struct call *c, unsigned which)
{
    tcpfsm_segment none = {0, 0, 0, 0, 0}; /* timers carry no segment */
    int ev = 0;
    if (which == TCPFSM_TIMER_RETRANSMIT) {
        if (t->timing && t->snd_una != t->snd_nxt &&
            state_retransmits(t->state)) {
            unsigned limit = (t->state == TCPFSM_SYN_SENT || t->state == TCPFSM_SYN_RECEIVED)
                                 ? cfg->syn_retries
                                 : cfg->data_retries;
            ev = t->retries >= limit ? TCPFSM_EV_TIMEOUT_GIVE_UP : TCPFSM_EV_TIMEOUT_RETRANSMIT;
        }
    } else if (which == TCPFSM_TIMER_TIME_WAIT) {
        if (t->state == TCPFSM_TIME_WAIT)
            ev = TCPFSM_EV_TIMEOUT_TIME_WAIT;
    } else if (t->timing && cfg->user_timeout_ms > 0 &&
               t->state != TCPFSM_CLOSED && t->state != TCPFSM_LISTEN &&
               t->state != TCPFSM_FIN_WAIT_2 && t->state != TCPFSM_TIME_WAIT) {
        ev = TCPFSM_EV_TIMEOUT_USER;
    }
    if (ev == 0)
        return; /* a timer the core does not expect: ignored */
    run(t, cfg, &none, out, c, ev);
    update_timers(t, cfg, out, c);
}

/* ---- public API -------------------------------------------------------------- */

/*@ requires cfg == \null || \valid(cfg);
  @ assigns *cfg;
  @ ensures cfg != \null ==> config_valid(cfg);
  @*/
void tcpfsm_config_default(tcpfsm_config *cfg)
{
    if (!cfg)
        return;
    cfg->rto_initial_ms = 1000;
    cfg->rto_max_ms = 60000;
    cfg->msl_ms = 120000;
    cfg->user_timeout_ms = 300000;
    cfg->rcv_wnd = 65535;
    cfg->mss = 536;
    cfg->syn_retries = 6;
    cfg->data_retries = 15;
    cfg->rst_mitigation = 1;
    cfg->syn_mitigation = 1;
    cfg->ack_mitigation = 1;
    cfg->drop_synfin = 0;
    cfg->time_wait_ignore_rst = 0;
    cfg->rst_error_closing = 0;
    cfg->closing_ack_with_fin = 0;
    cfg->listen_drop_syn_ack = 0;
    cfg->old_segment_ack = 0;
}

/*@ requires cfg == \null || \valid_read(cfg);
  @ assigns \nothing;
  @ ensures \result == TCPFSM_OK ==> cfg != \null && config_valid(cfg);
  @*/
tcpfsm_result tcpfsm_config_check(const tcpfsm_config *cfg)
{
    if (!cfg || cfg->rto_initial_ms < 1 || cfg->rto_max_ms < cfg->rto_initial_ms ||
        cfg->msl_ms < 1 || cfg->msl_ms > 0x7FFFFFFFu || cfg->rcv_wnd < 1 ||
        cfg->rcv_wnd > TCPFSM_MAX_WINDOW || cfg->mss < 1 || cfg->rst_mitigation > 1 ||
        cfg->syn_mitigation > 1 || cfg->ack_mitigation > 1 || cfg->drop_synfin > 1 ||
        cfg->time_wait_ignore_rst > 1 || cfg->rst_error_closing > 1 ||
        cfg->closing_ack_with_fin > 1 || cfg->listen_drop_syn_ack > 1 || cfg->old_segment_ack > 1)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    return TCPFSM_OK;
}

/*@ requires t == \null || \valid(t);
  @ assigns *t;
  @ ensures t != \null ==> tcb_valid(t) && t->state == TCPFSM_CLOSED;
  @*/
void tcpfsm_init(tcpfsm_tcb *t)
{
    if (!t)
        return;
    t->state = TCPFSM_CLOSED;
    t->passive = 0;
    t->error = TCPFSM_OK;
    clear_tcb(t, 0);
    t->state = TCPFSM_CLOSED; /* creation, not a state change */
    t->error = TCPFSM_OK;
    t->reserved = 0;
    t->syn_text = 0;
}

/* T11, the synchronized states' rules (docs/semantics.md). A function of
 * its own: neither tcb_valid nor hs_valid depends on them, and WP's
 * simplifier spent most of tcpfsm_tcb_check()'s time carrying them through
 * its postconditions. The fields come by value: no pointer, so no memory
 * model hypothesis (proofs/README.md) for the callers to meet. */
/*@ requires s < TCPFSM_STATE_COUNT;
  @ assigns \nothing;
  @*/
static int synchronized_rules(unsigned s, uint32_t flight, uint32_t snd_queued,
                              uint8_t fin_sent, uint8_t close_queued, uint8_t fin_rcvd)
{
    return !(fin_sent && (s == TCPFSM_ESTABLISHED || s == TCPFSM_CLOSE_WAIT || snd_queued != 0)) &&
           !((s == TCPFSM_FIN_WAIT_2 || s == TCPFSM_TIME_WAIT) && (!fin_sent || flight != 0)) &&
           !(fin_sent && flight == 0 && s != TCPFSM_FIN_WAIT_2 && s != TCPFSM_TIME_WAIT) &&
           !(!fin_sent && flight == 0 && snd_queued == 0 &&
             (s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK)) &&
           close_queued == (s != TCPFSM_ESTABLISHED && s != TCPFSM_CLOSE_WAIT) &&
           fin_rcvd == (state_fin_received((int)s) != 0);
}

/* tcb_valid (proofs/tcpfsm.acsl) and, beyond what the proof covers, the
 * state-dependent facts docs/semantics.md states; tests and fuzzers call it
 * after every event. */
/*@ requires t == \null || \valid_read(t);
  @ assigns \nothing;
  @ ensures checked: \result != 0 ==> tcb_valid(t);
  @ ensures hs: \result != 0 ==> hs_valid(t);
  @*/
int tcpfsm_tcb_check(const tcpfsm_tcb *t)
{
    unsigned s;
    uint32_t flight;
    int ok = 1;
    if (!t)
        return 0;
    s = t->state;
    flight = tcpfsm_seq_dist(t->snd_una, t->snd_nxt);
    /* tcb_valid */
    if (s >= TCPFSM_STATE_COUNT || t->error >= TCPFSM_RESULT_COUNT || t->passive > 1 ||
        t->close_queued > 1 || t->fin_sent > 1 || t->fin_rcvd > 1 || t->timing > 1 ||
        t->syn_unacked > 1 || (t->passive && s != TCPFSM_SYN_RECEIVED))
        return 0;
    if (t->snd_wnd > TCPFSM_MAX_WINDOW || t->max_snd_wnd > TCPFSM_MAX_WINDOW ||
        t->snd_queued > TCPFSM_MAX_WINDOW || t->rcv_wnd > TCPFSM_MAX_WINDOW ||
        t->rcv_unread > TCPFSM_MAX_WINDOW - t->rcv_wnd ||
        flight > TCPFSM_MAX_WINDOW + (uint32_t)t->fin_sent)
        return 0;
    /* the rest: state by state */
    if (t->reserved || (t->syn_text && (s != TCPFSM_SYN_RECEIVED || t->passive)))
        ok = 0;
    else if (t->timing != (flight != 0))
        ok = 0;
    else if (t->syn_unacked && (t->snd_una != t->iss || flight < 1u + (uint32_t)t->fin_sent ||
                                (s != TCPFSM_SYN_SENT && s != TCPFSM_SYN_RECEIVED &&
                                 s != TCPFSM_FIN_WAIT_1 && s != TCPFSM_CLOSING)))
        ok = 0; /* the SYN unacked is in flight, and so is a FIN sent after it */
    else if (s == TCPFSM_CLOSED)
        ok = t->iss == 0 && t->irs == 0 && t->snd_una == 0 && t->snd_nxt == 0 &&
             t->snd_wnd == 0 && t->snd_wl1 == 0 && t->snd_wl2 == 0 && t->max_snd_wnd == 0 &&
             t->rcv_nxt == 0 && t->rcv_wnd == 0 && t->snd_queued == 0 && t->rcv_unread == 0 &&
             t->rto_ms == 0 && t->retries == 0 && !t->close_queued && !t->fin_sent &&
             !t->fin_rcvd && !t->timing && !t->syn_unacked;
    else if (s == TCPFSM_LISTEN)
        ok = flight == 0 && t->snd_queued == 0 && t->rcv_unread == 0 && !t->close_queued &&
             !t->fin_sent && !t->fin_rcvd && !t->syn_unacked;
    else if (s == TCPFSM_SYN_SENT || s == TCPFSM_SYN_RECEIVED)
        ok = t->snd_una == t->iss && t->snd_nxt == tcpfsm_seq_add(t->iss, 1) && t->syn_unacked &&
             !t->fin_sent && !t->fin_rcvd && t->rcv_unread == 0 &&
             !(s == TCPFSM_SYN_SENT && t->close_queued) &&
             !(s == TCPFSM_SYN_RECEIVED && t->rcv_nxt != tcpfsm_seq_add(t->irs, 1));
    else
        ok = synchronized_rules(s, flight, t->snd_queued, t->fin_sent, t->close_queued,
                                t->fin_rcvd);
    return ok;
}

/* Checks shared by every call that changes a TCB. */
/*@ requires t == \null || \valid_read(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ assigns *out;
  @ ensures \result == TCPFSM_OK ==> t != \null && cfg != \null && out != \null &&
  @         tcb_valid(t) && config_valid(cfg) && out->segment_count == 0 && out->event_count == 0;
  @ ensures \result != TCPFSM_OK ==> (\result == TCPFSM_ERR_INVALID_ARGUMENT ||
  @                                    \result == TCPFSM_ERR_INVALID_TCB);
  @ ensures cleared: t != \null && cfg != \null && out != \null ==> out->segment_count == 0;
  @ ensures hs: \result == TCPFSM_OK ==> hs_valid(t);
  @*/
static tcpfsm_result precheck(const tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out)
{
    if (!t || !cfg || !out)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    clear_output(out);
    if (tcpfsm_config_check(cfg) != TCPFSM_OK)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    if (!tcpfsm_tcb_check(t))
        return TCPFSM_ERR_INVALID_TCB;
    return TCPFSM_OK;
}

/*@ requires t == \null || \valid(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ requires separated: \separated(t, cfg, out);
  @ requires event: 0 < event < 64 && user_event(event) || event == TCPFSM_EV_CLOSE_DEFER;
  @ requires defer: event == TCPFSM_EV_CLOSE_DEFER ==> t != \null && t->state == TCPFSM_SYN_RECEIVED;
  @ requires tcb_valid: t != \null ==> tcb_valid(t);
  @ assigns *t, *out;
  @ ensures tcb_valid: t != \null ==> tcb_valid(t);
  @ ensures acks: t != \null && cfg != \null && out != \null ==>
  @     acks_all(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_kept: t != \null && rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt);
  @*/
static tcpfsm_result user_call(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out,
                               int event, uint32_t n, uint32_t iss)
{
    struct call c = {0, 0, 0, TCPFSM_OK, 0, 0, 0, 0, 0, 0, 0, 0};
    tcpfsm_segment none = {0, 0, 0, 0, 0}; /* user calls carry no segment */
    tcpfsm_result r = precheck(t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    c.n = n;
    c.iss = iss;
    run(t, cfg, &none, out, &c, event);
    if (c.result == TCPFSM_OK) /* a rejected call changes nothing and asks for nothing */
        finish(t, cfg, out, &c);
    /*@ assert acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd); */
    /*@ assert acks_all: acks_all(out, t->rcv_nxt, t->rcv_wnd); */
    return (tcpfsm_result)c.result;
}

/*@ requires t == \null || \valid(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ requires separated: \separated(t, cfg, out);
  @ requires tcb_valid: t != \null ==> tcb_valid(t);
  @ assigns *t, *out;
  @ ensures tcb_valid: t != \null ==> tcb_valid(t);
  @ ensures acks: t != \null && cfg != \null && out != \null ==>
  @     acks_all(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_kept: t != \null && rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt);
  @*/
tcpfsm_result tcpfsm_open(tcpfsm_tcb *t, const tcpfsm_config *cfg, int active, uint32_t iss,
                          tcpfsm_output *out)
{
    return user_call(t, cfg, out, active ? TCPFSM_EV_OPEN_ACTIVE : TCPFSM_EV_OPEN_PASSIVE, 0, iss);
}

/*@ requires t == \null || \valid(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ requires separated: \separated(t, cfg, out);
  @ requires tcb_valid: t != \null ==> tcb_valid(t);
  @ assigns *t, *out;
  @ ensures tcb_valid: t != \null ==> tcb_valid(t);
  @ ensures acks: t != \null && cfg != \null && out != \null ==>
  @     acks_all(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_kept: t != \null && rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt);
  @*/
tcpfsm_result tcpfsm_send(tcpfsm_tcb *t, const tcpfsm_config *cfg, uint32_t n, tcpfsm_output *out)
{
    return user_call(t, cfg, out, TCPFSM_EV_SEND, n, 0);
}

/*@ requires t == \null || \valid(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ requires separated: \separated(t, cfg, out);
  @ requires tcb_valid: t != \null ==> tcb_valid(t);
  @ assigns *t, *out;
  @ ensures tcb_valid: t != \null ==> tcb_valid(t);
  @ ensures acks: t != \null && cfg != \null && out != \null ==>
  @     acks_all(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_kept: t != \null && rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt);
  @*/
tcpfsm_result tcpfsm_receive(tcpfsm_tcb *t, const tcpfsm_config *cfg, uint32_t n,
                             tcpfsm_output *out)
{
    return user_call(t, cfg, out, TCPFSM_EV_RECEIVE, n, 0);
}

/*@ requires t == \null || \valid(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ requires separated: \separated(t, cfg, out);
  @ requires tcb_valid: t != \null ==> tcb_valid(t);
  @ assigns *t, *out;
  @ ensures tcb_valid: t != \null ==> tcb_valid(t);
  @ ensures acks: t != \null && cfg != \null && out != \null ==>
  @     acks_all(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_kept: t != \null && rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt);
  @*/
tcpfsm_result tcpfsm_close(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out)
{
    int ev = TCPFSM_EV_CLOSE;
    if (t && t->state == TCPFSM_SYN_RECEIVED && (t->snd_queued > 0 || t->close_queued))
        ev = TCPFSM_EV_CLOSE_DEFER; /* 3.10.4: queue until ESTABLISHED */
    return user_call(t, cfg, out, ev, 0, 0);
}

/*@ requires t == \null || \valid(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ requires separated: \separated(t, cfg, out);
  @ requires tcb_valid: t != \null ==> tcb_valid(t);
  @ assigns *t, *out;
  @ ensures tcb_valid: t != \null ==> tcb_valid(t);
  @ ensures acks: t != \null && cfg != \null && out != \null ==>
  @     acks_all(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_kept: t != \null && rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt);
  @*/
tcpfsm_result tcpfsm_abort(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out)
{
    return user_call(t, cfg, out, TCPFSM_EV_ABORT, 0, 0);
}

/*@ requires t == \null || \valid_read(t);
  @ requires info == \null || \valid(info);
  @ requires \separated(t, info);
  @ assigns *info;
  @*/
tcpfsm_result tcpfsm_status(const tcpfsm_tcb *t, tcpfsm_status_info *info)
{
    if (!t || !info)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    if (!tcpfsm_tcb_check(t))
        return TCPFSM_ERR_INVALID_TCB;
    info->state = t->state;
    info->snd_una = t->snd_una;
    info->snd_nxt = t->snd_nxt;
    info->snd_wnd = t->snd_wnd;
    info->rcv_nxt = t->rcv_nxt;
    info->rcv_wnd = t->rcv_wnd;
    info->snd_queued = t->snd_queued;
    info->rcv_unread = t->rcv_unread;
    return t->state == TCPFSM_CLOSED ? TCPFSM_ERR_DOES_NOT_EXIST : TCPFSM_OK;
}

/*@ requires t == \null || \valid(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ requires seg == \null || \valid_read(seg);
  @ requires separated: \separated(t, cfg, out, seg);
  @ requires tcb_valid: t != \null ==> tcb_valid(t);
  @ assigns *t, *out;
  @ ensures tcb_valid: t != \null ==> tcb_valid(t);
  @ ensures acks: t != \null && cfg != \null && out != \null ==>
  @     acks_all(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_forward: t != \null && rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     rcv_moved(\old(t->rcv_nxt), \old(t->rcv_wnd), t->rcv_nxt, t->rcv_wnd, 1);
  @ ensures handshake: t != \null && hs_state(\old(t->state)) && synchronized(t->state) ==>
  @     handshake_done(t, \old(t->rcv_wnd));
  @*/
tcpfsm_result tcpfsm_segment_arrives(tcpfsm_tcb *t, const tcpfsm_config *cfg,
                                     const tcpfsm_segment *seg, uint32_t iss,
                                     tcpfsm_output *out)
{
    struct call c = {0, 0, 0, TCPFSM_OK, 0, 0, 0, 0, 0, 0, 0, 0};
    tcpfsm_result r = precheck(t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    if (!seg || (seg->flags & ~TCPFSM_FLAGS_MASK) || seg->len > TCPFSM_MAX_WINDOW)
        return TCPFSM_ERR_INVALID_ARGUMENT;
    c.iss = iss;
    arrive(t, cfg, seg, out, &c);
    /*@ assert acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd); */
    /*@ assert acks_all: acks_all(out, t->rcv_nxt, t->rcv_wnd); */
    return TCPFSM_OK;
}

/*@ requires t == \null || \valid(t);
  @ requires cfg == \null || \valid_read(cfg);
  @ requires out == \null || \valid(out);
  @ requires separated: \separated(t, cfg, out);
  @ requires tcb_valid: t != \null ==> tcb_valid(t);
  @ assigns *t, *out;
  @ ensures tcb_valid: t != \null ==> tcb_valid(t);
  @ ensures acks: t != \null && cfg != \null && out != \null ==>
  @     acks_all(out, t->rcv_nxt, t->rcv_wnd);
  @ ensures rcv_kept: t != \null && rcv_state(\old(t->state)) && rcv_state(t->state) ==>
  @     t->rcv_nxt == \old(t->rcv_nxt);
  @*/
tcpfsm_result tcpfsm_timer_fired(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_timer which,
                                 tcpfsm_output *out)
{
    struct call c = {0, 0, 0, TCPFSM_OK, 0, 0, 0, 0, 0, 0, 0, 0};
    tcpfsm_result r = precheck(t, cfg, out);
    if (r != TCPFSM_OK)
        return r;
    if ((unsigned)which >= TCPFSM_TIMER_COUNT) /* not (int)which < 0: short enums on ARM */
        return TCPFSM_ERR_INVALID_ARGUMENT;
    timer_event(t, cfg, out, &c, (unsigned)which);
    /*@ assert acks: ACKS_CARRY(out, t->rcv_nxt, t->rcv_wnd); */
    /*@ assert acks_all: acks_all(out, t->rcv_nxt, t->rcv_wnd); */
    return TCPFSM_OK;
}
