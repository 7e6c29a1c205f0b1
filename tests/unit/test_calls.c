/* User calls in every state (RFC 9293 3.10.1 - 3.10.6; the table of
 * docs/semantics.md "User calls"), and the fixtures' sanity. */
#include "unit.h"

/* Tests for the fixtures themselves. */

/* Each fixture reaches the state it claims, through real transitions, and
 * its TCB passes tcpfsm_tcb_check(); the sequence variables are the ones
 * the handshake and the FINs imply (SYN and FIN each take one number). */
static void fixture_sanity(int kind)
{
    conn c;
    uint32_t snd_nxt = FX_ISS + 1, rcv_nxt = FX_IRS + 1, snd_una = FX_ISS + 1;
    int s = fx_state(kind);
    FX_NEW(&c, kind);
    EXPECT_STATE(&c, s);
    EXPECT(tcpfsm_tcb_check(&c.t));
    if (s == TCPFSM_CLOSED || s == TCPFSM_LISTEN) {
        EXPECT_EQ(0, c.t.snd_nxt);
        EXPECT_EQ(0, c.t.rcv_nxt);
        return;
    }
    /* our FIN sent: FIN-WAIT-1/2, CLOSING, LAST-ACK, TIME-WAIT */
    if (s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_FIN_WAIT_2 || s == TCPFSM_CLOSING ||
        s == TCPFSM_LAST_ACK || s == TCPFSM_TIME_WAIT)
        snd_nxt = FX_ISS + 2;
    /* our FIN acked */
    if (s == TCPFSM_FIN_WAIT_2 || s == TCPFSM_TIME_WAIT) snd_una = FX_ISS + 2;
    /* their FIN received */
    if (s == TCPFSM_CLOSE_WAIT || s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK ||
        s == TCPFSM_TIME_WAIT)
        rcv_nxt = FX_IRS + 2;
    if (s == TCPFSM_SYN_SENT || s == TCPFSM_SYN_RECEIVED) snd_una = FX_ISS;
    EXPECT_EQ(FX_ISS, c.t.iss);
    EXPECT_EQ(snd_nxt, c.t.snd_nxt);
    EXPECT_EQ(snd_una, c.t.snd_una);
    if (s != TCPFSM_SYN_SENT) {
        EXPECT_EQ(FX_IRS, c.t.irs);
        EXPECT_EQ(rcv_nxt, c.t.rcv_nxt);
    }
    /* MUST-11: the TCB remembers a passive open */
    if (kind == FX_SYN_RECEIVED) EXPECT(U_PASSIVE(&c.t));
    if (kind == FX_SYN_RECEIVED_ACTIVE) EXPECT(!U_PASSIVE(&c.t));
}

/* The fixture's ESTABLISHED from an active open took its send window from
 * the SYN,ACK (semantics.md: set unconditionally on SYN-SENT -> ESTABLISHED). */
static void fixture_established_window(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    EXPECT_EQ(FX_PEER_WND, c.t.snd_wnd);
    EXPECT_EQ(FX_IRS, c.t.snd_wl1);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_wl2);
    EXPECT_EQ(65535, c.t.rcv_wnd);
    FX_NEW(&c, FX_ESTABLISHED_PASSIVE);
    EXPECT_EQ(FX_PEER_WND, c.t.snd_wnd);
    EXPECT_EQ(FX_IRS + 1, c.t.snd_wl1);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_wl2);
}

/* Tests for user calls in every state: one row per (call, state). */

static int is_synchronized_with_fin_sent(int s)
{
    return s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_FIN_WAIT_2 || s == TCPFSM_CLOSING ||
           s == TCPFSM_LAST_ACK || s == TCPFSM_TIME_WAIT;
}

static void expect_unchanged(const conn *c, const tcpfsm_tcb *before, const char *file, int line)
{
    if (memcmp(before, &c->t, sizeof *before) != 0)
        unit_fail(file, line, "TCB changed by a call that should leave it alone");
}
#define EXPECT_UNCHANGED(c, before) expect_unchanged((c), (before), __FILE__, __LINE__)

/* The call ran exactly its own machine event first (the trace is public ABI). */
static void expect_first_event(const conn *c, int event, const char *file, int line)
{
    if (c->out.event_count < 1 || c->out.event[0] != event) {
        unit_fail(file, line, "trace: expected %s first, got %s (%u events)",
                  tcpfsm_event_name(event),
                  c->out.event_count ? tcpfsm_event_name(c->out.event[0]) : "nothing",
                  c->out.event_count);
        return;
    }
    if (c->out.state_after[0] != c->t.state && c->out.event_count == 1)
        unit_fail(file, line, "trace: state_after[0] is %d, the TCB is in %d",
                  c->out.state_after[0], c->t.state);
}
#define EXPECT_FIRST_EVENT(c, ev) expect_first_event((c), (ev), __FILE__, __LINE__)

static void expect_delete_timers(const conn *c, const char *file, int line)
{
    int i;
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        u_expect_timer(&c->out, i, TCPFSM_TIMER_CANCEL, 0, file, line);
}
#define EXPECT_DELETE_TIMERS(c) expect_delete_timers((c), __FILE__, __LINE__)

/* 3.10.1 OPEN, passive: only CLOSED can; everywhere else "connection already exists". */
static void call_open_passive(int kind)
{
    conn c;
    tcpfsm_tcb before;
    FX_NEW(&c, kind);
    before = c.t;
    OPEN(&c, 0, 0);
    EXPECT_FIRST_EVENT(&c, TCPFSM_EV_OPEN_PASSIVE);
    EXPECT_SEGMENTS(&c.out, 0);
    if (kind == FX_CLOSED) {
        EXPECT_OK(&c);
        EXPECT_STATE(&c, TCPFSM_LISTEN);
    } else {
        EXPECT_RESULT(TCPFSM_ERR_ALREADY_EXISTS, c.r);
        EXPECT_UNCHANGED(&c, &before);
    }
}

/* 3.10.1 OPEN, active: CLOSED and LISTEN send <SEQ=ISS><CTL=SYN> and go to
 * SYN-SENT; the SYN takes one sequence number. */
static void call_open_active(int kind)
{
    conn c;
    tcpfsm_tcb before;
    const uint32_t iss = 777777;
    FX_NEW(&c, kind);
    before = c.t;
    OPEN(&c, 1, iss);
    EXPECT_FIRST_EVENT(&c, TCPFSM_EV_OPEN_ACTIVE);
    if (kind == FX_CLOSED || kind == FX_LISTEN) {
        EXPECT_OK(&c);
        EXPECT_STATE(&c, TCPFSM_SYN_SENT);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, TCPFSM_SYN, iss, 0, 0);
        EXPECT_EQ(c.cfg.rcv_wnd, c.out.segment[0].wnd);
        EXPECT_EQ(iss, c.t.iss);
        EXPECT_EQ(iss, c.t.snd_una);
        EXPECT_EQ(iss + 1, c.t.snd_nxt);
        EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, c.cfg.rto_initial_ms);
        EXPECT_TIMER(&c.out, TCPFSM_TIMER_USER, TCPFSM_TIMER_ARM, c.cfg.user_timeout_ms);
    } else {
        EXPECT_RESULT(TCPFSM_ERR_ALREADY_EXISTS, c.r);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_UNCHANGED(&c, &before);
    }
}

/* 3.10.2 SEND of 100 bytes. */
static void call_send(int kind)
{
    conn c;
    tcpfsm_tcb before;
    int s = fx_state(kind);
    FX_NEW(&c, kind);
    before = c.t;
    SEND(&c, 100);
    EXPECT_FIRST_EVENT(&c, TCPFSM_EV_SEND);
    if (s == TCPFSM_CLOSED) {
        EXPECT_RESULT(TCPFSM_ERR_DOES_NOT_EXIST, c.r);
    } else if (s == TCPFSM_LISTEN) {
        /* "If the remote socket is unspecified, return "error: remote socket unspecified"" */
        EXPECT_RESULT(TCPFSM_ERR_REMOTE_UNSPECIFIED, c.r);
    } else if (s == TCPFSM_SYN_SENT || s == TCPFSM_SYN_RECEIVED) {
        /* "Queue the data for transmission after entering ESTABLISHED state." */
        EXPECT_OK(&c);
        EXPECT_STATE(&c, s);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_EQ(100, c.t.snd_queued);
        EXPECT_EQ(before.snd_nxt, c.t.snd_nxt);
        return;
    } else if (s == TCPFSM_ESTABLISHED || s == TCPFSM_CLOSE_WAIT) {
        /* "Segmentize the buffer and send it with a piggybacked acknowledgment" */
        EXPECT_OK(&c);
        EXPECT_STATE(&c, s);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, before.snd_nxt, before.rcv_nxt, 100);
        EXPECT(c.out.segment[0].flags & TCPFSM_PSH); /* it empties the queue */
        EXPECT_EQ(before.snd_nxt + 100, c.t.snd_nxt);
        EXPECT_EQ(0, c.t.snd_queued);
        EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, c.cfg.rto_initial_ms);
        EXPECT_TIMER(&c.out, TCPFSM_TIMER_USER, TCPFSM_TIMER_ARM, c.cfg.user_timeout_ms);
        return;
    } else {
        EXPECT(is_synchronized_with_fin_sent(s));
        EXPECT_RESULT(TCPFSM_ERR_CLOSING, c.r);
    }
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_UNCHANGED(&c, &before);
}

/* 3.10.3 RECEIVE of 0 bytes (nothing has been delivered in any fixture). */
static void call_receive(int kind)
{
    conn c;
    tcpfsm_tcb before;
    int s = fx_state(kind);
    FX_NEW(&c, kind);
    before = c.t;
    RECEIVE(&c, 0);
    EXPECT_FIRST_EVENT(&c, TCPFSM_EV_RECEIVE);
    EXPECT_SEGMENTS(&c.out, 0);
    if (s == TCPFSM_CLOSED) {
        EXPECT_RESULT(TCPFSM_ERR_DOES_NOT_EXIST, c.r);
    } else if (s == TCPFSM_CLOSE_WAIT || s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK ||
               s == TCPFSM_TIME_WAIT) {
        /* "If no text is awaiting delivery, the RECEIVE will get a
         * "error: connection closing" response." */
        EXPECT_RESULT(TCPFSM_ERR_CLOSING, c.r);
    } else {
        EXPECT_OK(&c);
    }
    EXPECT_STATE(&c, s);
    EXPECT_UNCHANGED(&c, &before);
}

/* 3.10.4 CLOSE. */
static void call_close(int kind)
{
    conn c;
    tcpfsm_tcb before;
    int s = fx_state(kind);
    FX_NEW(&c, kind);
    before = c.t;
    CLOSE(&c);
    EXPECT_FIRST_EVENT(&c, TCPFSM_EV_CLOSE);
    switch (s) {
    case TCPFSM_CLOSED:
        EXPECT_RESULT(TCPFSM_ERR_DOES_NOT_EXIST, c.r);
        EXPECT_SEGMENTS(&c.out, 0);
        break;
    case TCPFSM_LISTEN:
    case TCPFSM_SYN_SENT:
        /* "Delete the TCB, enter CLOSED state, and return." */
        EXPECT_OK(&c);
        EXPECT_CLOSED(&c, 0);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_NOTIFY(&c.out, TCPFSM_N_CLOSED);
        EXPECT_DELETE_TIMERS(&c);
        break;
    case TCPFSM_SYN_RECEIVED:
    case TCPFSM_ESTABLISHED:
        /* "form a FIN segment and send it, and enter FIN-WAIT-1 state" */
        EXPECT_OK(&c);
        EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, TCPFSM_FIN | TCPFSM_ACK, FX_ISS + 1, FX_IRS + 1, 0);
        EXPECT_EQ(FX_ISS + 2, c.t.snd_nxt); /* the FIN takes one number */
        break;
    case TCPFSM_CLOSE_WAIT:
        /* "Queue this request until all preceding SENDs have been segmentized;
         * then send a FIN segment, enter LAST-ACK state." */
        EXPECT_OK(&c);
        EXPECT_STATE(&c, TCPFSM_LAST_ACK);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, TCPFSM_FIN | TCPFSM_ACK, FX_ISS + 1, FX_IRS + 2, 0);
        EXPECT_EQ(FX_ISS + 2, c.t.snd_nxt);
        break;
    default:
        /* FIN-WAIT-1/2, CLOSING, LAST-ACK, TIME-WAIT: "error: connection closing" */
        EXPECT_RESULT(TCPFSM_ERR_CLOSING, c.r);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_UNCHANGED(&c, &before);
        break;
    }
}

/* 3.10.5 ABORT. */
static void call_abort(int kind)
{
    conn c;
    tcpfsm_tcb before;
    int s = fx_state(kind);
    FX_NEW(&c, kind);
    before = c.t;
    ABORT(&c);
    EXPECT_FIRST_EVENT(&c, TCPFSM_EV_ABORT);
    if (s == TCPFSM_CLOSED) {
        EXPECT_RESULT(TCPFSM_ERR_DOES_NOT_EXIST, c.r);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_UNCHANGED(&c, &before);
        return;
    }
    EXPECT_OK(&c);
    EXPECT_CLOSED(&c, 0);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_CLOSED);
    EXPECT_DELETE_TIMERS(&c);
    if (s == TCPFSM_LISTEN || s == TCPFSM_SYN_SENT || s == TCPFSM_CLOSING ||
        s == TCPFSM_LAST_ACK || s == TCPFSM_TIME_WAIT) {
        EXPECT_SEGMENTS(&c.out, 0);
    } else {
        /* "Send a reset segment: <SEQ=SND.NXT><CTL=RST>" */
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, TCPFSM_RST, before.snd_nxt, 0, 0);
    }
}

/* 3.10.6 STATUS: "connection does not exist" in CLOSED, else the TCB's view. */
static void call_status(int kind)
{
    conn c;
    tcpfsm_status_info info;
    tcpfsm_result r;
    FX_NEW(&c, kind);
    memset(&info, 0xA5, sizeof info);
    r = tcpfsm_status(&c.t, &info);
    if (kind == FX_CLOSED) {
        EXPECT_RESULT(TCPFSM_ERR_DOES_NOT_EXIST, r);
        return;
    }
    EXPECT_RESULT(TCPFSM_OK, r);
    EXPECT_EQ(c.t.state, info.state);
    EXPECT_EQ(c.t.snd_una, info.snd_una);
    EXPECT_EQ(c.t.snd_nxt, info.snd_nxt);
    EXPECT_EQ(c.t.snd_wnd, info.snd_wnd);
    EXPECT_EQ(c.t.rcv_nxt, info.rcv_nxt);
    EXPECT_EQ(c.t.rcv_wnd, info.rcv_wnd);
    EXPECT_EQ(c.t.snd_queued, info.snd_queued);
    EXPECT_EQ(c.t.rcv_unread, info.rcv_unread);
}

/* Further call semantics, one state at a time. */

/* OPEN from CLOSED clears the sticky error of the last connection. */
static void open_clears_error(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, TCPFSM_RST, FX_IRS + 1, 0, 0, 0);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    OPEN(&c, 0, 0);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    EXPECT_EQ(0, c.t.error);
}

/* SEND of 0 bytes is allowed (semantics.md) and sends nothing. */
static void send_zero_bytes(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 0);
    EXPECT_OK(&c);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_nxt);
}

/* SEND beyond TCPFSM_MAX_WINDOW queued: "insufficient resources", nothing queued. */
static void send_insufficient_resources(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    SEND(&c, TCPFSM_MAX_WINDOW);
    EXPECT_OK(&c);
    EXPECT_EQ(TCPFSM_MAX_WINDOW, c.t.snd_queued);
    SEND(&c, 1);
    EXPECT_RESULT(TCPFSM_ERR_INSUFFICIENT_RESOURCES, c.r);
    EXPECT_EQ(TCPFSM_MAX_WINDOW, c.t.snd_queued);
}

/* ESTABLISHED: data goes out in mss pieces while the window allows; the
 * rest stays queued; PSH marks the segment that empties the queue. */
static void send_segmentizes_by_mss_and_window(void)
{
    conn c;
    conn_init(&c);
    c.cfg.mss = 100;
    FX(&c, FX_ESTABLISHED);
    SEND(&c, 250);
    EXPECT_OK(&c);
    EXPECT_SEGMENTS(&c.out, 3);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 1, FX_IRS + 1, 100);
    EXPECT_SEGMENT(&c.out, 1, TCPFSM_ACK, FX_ISS + 101, FX_IRS + 1, 100);
    EXPECT_SEGMENT(&c.out, 2, TCPFSM_ACK, FX_ISS + 201, FX_IRS + 1, 50);
    EXPECT(!(c.out.segment[0].flags & TCPFSM_PSH));
    EXPECT(c.out.segment[2].flags & TCPFSM_PSH);
    EXPECT_EQ(FX_ISS + 251, c.t.snd_nxt);
    /* At most 4 segments per call: 1000 bytes in 100-byte pieces leave 600 queued. */
    SEND(&c, 1000);
    EXPECT_SEGMENTS(&c.out, 4);
    EXPECT_SEGMENT(&c.out, 3, TCPFSM_ACK, FX_ISS + 551, FX_IRS + 1, 100);
    EXPECT_EQ(600, c.t.snd_queued);
    EXPECT_EQ(FX_ISS + 651, c.t.snd_nxt);
}

static void send_limited_by_peer_window(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    /* the peer shrinks its window to 300 (a newer segment: WL1 < SEG.SEQ) */
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 1, 0, 300);
    EXPECT_EQ(300, c.t.snd_wnd);
    SEND(&c, 1000);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 1, FX_IRS + 1, 300);
    EXPECT_EQ(700, c.t.snd_queued);
    /* an ACK of 300 bytes reopening the window sends the next 536 (mss) */
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 301, 0, 600);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ACKED);
    EXPECT_EQ(300, c.out.acked);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 301, FX_IRS + 1, 536);
    EXPECT_SEGMENT(&c.out, 1, TCPFSM_ACK, FX_ISS + 837, FX_IRS + 1, 64);
    EXPECT_EQ(100, c.t.snd_queued);
}

/* SND.WND = 0, nothing in flight, bytes queued: one 1-byte probe. */
static void send_zero_window_probe(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 1, 0, 0);
    EXPECT_EQ(0, c.t.snd_wnd);
    SEND(&c, 10);
    EXPECT_OK(&c);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 1, FX_IRS + 1, 1);
    EXPECT_EQ(9, c.t.snd_queued);
}

/* SEND in SYN-SENT queues; the SYN,ACK then carries the queue out after the ACK. */
static void send_queued_in_syn_sent_goes_out_when_established(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    SEND(&c, 50);
    EXPECT_SEGMENTS(&c.out, 0);
    ARRIVE(&c, TCPFSM_SYN | TCPFSM_ACK, FX_IRS, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    /* the data segment carries the ACK, so no pure ACK is added */
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 1, FX_IRS + 1, 50);
    EXPECT_EQ(0, c.t.snd_queued);
}

/* RECEIVE consumes delivered bytes and gives them back to the window; more
 * than is unread is an invalid argument. */
static void receive_consumes_and_reopens_window(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 1, 100, FX_PEER_WND);
    EXPECT_EQ(100, c.t.rcv_unread);
    EXPECT_EQ(65535 - 100, c.t.rcv_wnd);
    RECEIVE(&c, 101);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    RECEIVE(&c, 60);
    EXPECT_OK(&c);
    EXPECT_EQ(40, c.t.rcv_unread);
    EXPECT_EQ(65535 - 40, c.t.rcv_wnd);
    EXPECT_SEGMENTS(&c.out, 0); /* the window was not zero: no update sent */
}

/* RECEIVE of more than is unread: "invalid argument", and (semantics.md,
 * "The TCB is unchanged by a call that returns one of these") nothing else
 * happens, even with data held back by the 4-segment limit. */
static void receive_too_much_changes_nothing(void)
{
    conn c;
    tcpfsm_tcb before;
    conn_init(&c);
    c.cfg.mss = 100;
    FX(&c, FX_ESTABLISHED);
    SEND(&c, 1000); /* 4 segments out, 600 bytes held back */
    EXPECT_EQ(600, c.t.snd_queued);
    before = c.t;
    RECEIVE(&c, 1);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT(memcmp(&before, &c.t, sizeof before) == 0);
}

/* RCV.WND at 0: a RECEIVE that reopens it sends a window update. */
static void receive_window_update_from_zero(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 100;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 1, 100, FX_PEER_WND);
    EXPECT_EQ(0, c.t.rcv_wnd);
    RECEIVE(&c, 40);
    EXPECT_OK(&c);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 1, FX_IRS + 101, 0);
    EXPECT_EQ(40, c.out.segment[0].wnd);
}

/* CLOSE-WAIT with data still unread: RECEIVE delivers it, then "closing". */
static void receive_in_close_wait_drains_then_closing(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, TCPFSM_ACK | TCPFSM_FIN, FX_IRS + 1, FX_ISS + 1, 20, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    RECEIVE(&c, 20);
    EXPECT_OK(&c);
    RECEIVE(&c, 0);
    EXPECT_RESULT(TCPFSM_ERR_CLOSING, c.r);
}

/* RECEIVE of more than 0 where nothing can have arrived: invalid argument. */
static void receive_before_established(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    RECEIVE(&c, 1);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    FX_NEW(&c, FX_LISTEN);
    RECEIVE(&c, 1);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
}

/* CLOSE in ESTABLISHED while data is queued: FIN-WAIT-1 at once, the FIN
 * follows the data when the window lets it out (3.10.4). */
static void close_after_queued_data(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 1, 0, 100);
    SEND(&c, 150);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 1, FX_IRS + 1, 100);
    CLOSE(&c);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_SEGMENTS(&c.out, 0); /* the FIN waits behind 50 bytes */
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 101, 0, 100);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK | TCPFSM_FIN, FX_ISS + 101, FX_IRS + 1, 50);
    EXPECT_EQ(FX_ISS + 152, c.t.snd_nxt);
    /* the ACK of data and FIN: FIN-WAIT-2, 50 user bytes acked */
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 152, 0, 100);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_2);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ACKED | TCPFSM_N_CLOSE_ACKED);
    EXPECT_EQ(50, c.out.acked);
}

/* SYN-RECEIVED with SENDs queued: CLOSE is deferred until ESTABLISHED,
 * then data and FIN go out in the same call (semantics.md). */
static void close_deferred_in_syn_received(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    SEND(&c, 30);
    CLOSE(&c);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_CLOSE_DEFER);
    EXPECT_SEGMENTS(&c.out, 0);
    /* further SENDs: "connection closing" */
    SEND(&c, 1);
    EXPECT_RESULT(TCPFSM_ERR_CLOSING, c.r);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OF_SYN);
    EXPECT_EVENT(&c.out, TCPFSM_EV_CLOSE_QUEUED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK | TCPFSM_FIN, FX_ISS + 1, FX_IRS + 1, 30);
    EXPECT_EQ(FX_ISS + 32, c.t.snd_nxt);
}

/* What the 4-segment limit holds back goes out on the next ACK. */
static void held_back_data_goes_out_on_ack(void)
{
    conn c;
    conn_init(&c);
    c.cfg.mss = 100;
    FX(&c, FX_ESTABLISHED);
    SEND(&c, 1000);
    EXPECT_SEGMENTS(&c.out, 4);
    EXPECT_EQ(600, c.t.snd_queued);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 201, 0, FX_PEER_WND);
    EXPECT_EQ(200, c.out.acked);
    EXPECT_SEGMENTS(&c.out, 4);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 401, FX_IRS + 1, 100);
    EXPECT_SEGMENT(&c.out, 3, TCPFSM_ACK, FX_ISS + 701, FX_IRS + 1, 100);
    EXPECT_EQ(200, c.t.snd_queued);
}

/* CLOSE in SYN-RECEIVED with nothing queued: the FIN goes before our SYN is
 * acknowledged; the ACK of the SYN alone leaves FIN-WAIT-1, and the SYN is
 * not user data (no N_ACKED). */
static void close_in_syn_received_then_acks(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    CLOSE(&c);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_FIN | TCPFSM_ACK, FX_ISS + 1, FX_IRS + 1, 0);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_EQ(0, c.out.notify & TCPFSM_N_ACKED);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_2);
    EXPECT(c.out.notify & TCPFSM_N_CLOSE_ACKED);
    EXPECT_EQ(0, c.out.notify & TCPFSM_N_ACKED);
}

/* The same with one ACK covering SYN and FIN: FIN-WAIT-2, and no user
 * bytes acknowledged (semantics.md: "not counting SYN or FIN"). */
static void close_in_syn_received_one_ack_for_syn_and_fin(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    CLOSE(&c);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_2);
    EXPECT(c.out.notify & TCPFSM_N_CLOSE_ACKED);
    EXPECT_EQ(0, c.out.notify & TCPFSM_N_ACKED);
}

/* SEND in a passive SYN-RECEIVED is queued and goes out with the ACK of our SYN. */
static void send_queued_in_syn_received(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    SEND(&c, 70);
    EXPECT_SEGMENTS(&c.out, 0);
    ARRIVE(&c, TCPFSM_ACK, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_ACK, FX_ISS + 1, FX_IRS + 1, 70);
}

/* SYN and FIN each take one sequence number, ours and the peer's; a pure
 * ACK, a challenge ACK and a retransmission take none. */
static void syn_and_fin_consume_one_number(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSED);
    OPEN(&c, 1, 50);
    EXPECT_EQ(51, c.t.snd_nxt);
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_EQ(51, c.t.snd_nxt);
    ARRIVE(&c, TCPFSM_SYN | TCPFSM_ACK, 900, 51, 0, FX_PEER_WND);
    EXPECT_EQ(901, c.t.rcv_nxt);
    EXPECT_EQ(51, c.t.snd_nxt); /* the ACK took nothing */
    SEND(&c, 10);
    EXPECT_EQ(61, c.t.snd_nxt);
    ARRIVE(&c, TCPFSM_SYN, 950, 0, 0, FX_PEER_WND); /* challenge ACK */
    EXPECT_EQ(61, c.t.snd_nxt);
    EXPECT_EQ(901, c.t.rcv_nxt);
    CLOSE(&c);
    EXPECT_EQ(62, c.t.snd_nxt);
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_EQ(62, c.t.snd_nxt);
    ARRIVE(&c, TCPFSM_FIN | TCPFSM_ACK, 901, 62, 0, FX_PEER_WND);
    EXPECT_EQ(902, c.t.rcv_nxt);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
}

/* ABORT clears the TCB; the sticky error stays what it was. */
static void abort_keeps_error(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 10);
    ABORT(&c);
    EXPECT_OK(&c);
    EXPECT_SEGMENT(&c.out, 0, TCPFSM_RST, FX_ISS + 11, 0, 0);
    EXPECT_CLOSED(&c, 0);
}

const unit_test unit_tests_calls[] = {
#define ROWS(name, f)                                                                   \
    UNIT_ROW(name, f, FX_CLOSED), UNIT_ROW(name, f, FX_LISTEN),                         \
        UNIT_ROW(name, f, FX_SYN_SENT), UNIT_ROW(name, f, FX_SYN_RECEIVED),             \
        UNIT_ROW(name, f, FX_SYN_RECEIVED_ACTIVE), UNIT_ROW(name, f, FX_ESTABLISHED),    \
        UNIT_ROW(name, f, FX_FIN_WAIT_1), UNIT_ROW(name, f, FX_FIN_WAIT_2),              \
        UNIT_ROW(name, f, FX_CLOSE_WAIT), UNIT_ROW(name, f, FX_CLOSING),                \
        UNIT_ROW(name, f, FX_LAST_ACK), UNIT_ROW(name, f, FX_TIME_WAIT)
    ROWS("fixture_sanity", fixture_sanity),
    UNIT_ROW("fixture_sanity", fixture_sanity, FX_ESTABLISHED_PASSIVE),
    UNIT_TEST(fixture_established_window),
    ROWS("call_open_passive", call_open_passive),
    ROWS("call_open_active", call_open_active),
    ROWS("call_send", call_send),
    ROWS("call_receive", call_receive),
    ROWS("call_close", call_close),
    ROWS("call_abort", call_abort),
    ROWS("call_status", call_status),
#undef ROWS
    UNIT_TEST(open_clears_error),
    UNIT_TEST(send_zero_bytes),
    UNIT_TEST(send_insufficient_resources),
    UNIT_TEST(send_segmentizes_by_mss_and_window),
    UNIT_TEST(send_limited_by_peer_window),
    UNIT_TEST(send_zero_window_probe),
    UNIT_TEST(send_queued_in_syn_sent_goes_out_when_established),
    UNIT_TEST(receive_consumes_and_reopens_window),
    UNIT_TEST(receive_too_much_changes_nothing),
    UNIT_TEST(receive_window_update_from_zero),
    UNIT_TEST(receive_in_close_wait_drains_then_closing),
    UNIT_TEST(receive_before_established),
    UNIT_TEST(close_after_queued_data),
    UNIT_TEST(close_deferred_in_syn_received),
    UNIT_TEST(abort_keeps_error),
    UNIT_TEST(held_back_data_goes_out_on_ack),
    UNIT_TEST(close_in_syn_received_then_acks),
    UNIT_TEST(close_in_syn_received_one_ack_for_syn_and_fin),
    UNIT_TEST(send_queued_in_syn_received),
    UNIT_TEST(syn_and_fin_consume_one_number),
    UNIT_END
};
