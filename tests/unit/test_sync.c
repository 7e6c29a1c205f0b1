/* SEGMENT ARRIVES in the synchronized states (RFC 9293 3.10.7.4, with
 * RFC 5961 as docs/semantics.md configures it). */
#include "unit.h"

#define A TCPFSM_ACK
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST

/* What the fixtures' sequence variables are, from how they were built
 * (unit_main.c): our FIN at ISS+1, the peer's at IRS+1. */
static uint32_t fx_snd_nxt(int kind)
{
    int s = fx_state(kind);
    return (s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_FIN_WAIT_2 || s == TCPFSM_CLOSING ||
            s == TCPFSM_LAST_ACK || s == TCPFSM_TIME_WAIT) ? FX_ISS + 2 : FX_ISS + 1;
}

static uint32_t fx_rcv_nxt(int kind)
{
    int s = fx_state(kind);
    return (s == TCPFSM_CLOSE_WAIT || s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK ||
            s == TCPFSM_TIME_WAIT) ? FX_IRS + 2 : FX_IRS + 1;
}

/* The peer's current acknowledgment: SND.UNA of the fixture. */
static uint32_t fx_snd_una(int kind)
{
    int s = fx_state(kind);
    return (s == TCPFSM_FIN_WAIT_2 || s == TCPFSM_TIME_WAIT) ? FX_ISS + 2 : FX_ISS + 1;
}

/* A reset that ends the connection: "connection reset" in ESTABLISHED,
 * FIN-WAIT-1/2, CLOSE-WAIT; quietly in CLOSING, LAST-ACK, TIME-WAIT. */
static void expect_reset_by_rst(const conn *c, int kind, const char *file, int line)
{
    int s = fx_state(kind);
    if (s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK || s == TCPFSM_TIME_WAIT) {
        u_expect_closed(c, 0, file, line);
        u_expect_notify(&c->out, TCPFSM_N_CLOSED, file, line);
    } else {
        u_expect_closed(c, TCPFSM_ERR_RESET, file, line);
        u_expect_notify(&c->out, TCPFSM_N_RESET | TCPFSM_N_CLOSED, file, line);
    }
    u_expect_segments(&c->out, 0, file, line);
}

/* Tests for RST in every synchronized state (3.10.7.4 second). */

/* RFC 5961 s3 on: "If the RST bit is set and the sequence number exactly
 * matches the next expected sequence number (RCV.NXT), then TCP endpoints
 * MUST reset the connection" */
static void sync_rst_at_rcv_nxt_resets(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, R, fx_rcv_nxt(kind), 0, 0, 0);
    EXPECT_OK(&c);
    expect_reset_by_rst(&c, kind, __FILE__, __LINE__);
}

/* "If the RST bit is set and the sequence number does not exactly match the
 * next expected sequence value, yet is within the current receive window,
 * TCP endpoints MUST send an acknowledgment (challenge ACK):
 * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>" */
static void sync_rst_in_window_challenged(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, R, fx_rcv_nxt(kind) + 1000, 0, 0, 0);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, fx_snd_nxt(kind), fx_rcv_nxt(kind), 0);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_RST_CHALLENGE);
    EXPECT_EQ(TCPFSM_N_CHALLENGE, c.out.notify); /* RFC 5961 s7: the embedder may throttle it */
}

/* "If the RST bit is set and the sequence number is outside the current
 * receive window, silently drop the segment." */
static void sync_rst_outside_window_dropped(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, R, fx_rcv_nxt(kind) + 65535, 0, 0, 0);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_SEGMENTS(&c.out, 0);
    ARRIVE(&c, R, fx_rcv_nxt(kind) - 1, 0, 0, 0);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(0, c.out.notify);
}

/* rst_mitigation off (RFC 793): any RST in the window resets. */
static void sync_rst_in_window_resets_without_5961(int kind)
{
    conn c;
    conn_init(&c);
    c.cfg.rst_mitigation = 0;
    FX(&c, kind);
    ARRIVE(&c, R, fx_rcv_nxt(kind) + 65534, 0, 0, 0); /* last number in the window */
    expect_reset_by_rst(&c, kind, __FILE__, __LINE__);
    /* and outside it, still nothing */
    FX(&c, kind);
    ARRIVE(&c, R, fx_rcv_nxt(kind) + 65535, 0, 0, 0);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_SEGMENTS(&c.out, 0);
}

/* Tests for SYN in every synchronized state (3.10.7.4 fourth). */

/* RFC 5961 s4 on: challenge ACK, whatever the sequence number. */
static void sync_syn_challenge_ack(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, S, fx_rcv_nxt(kind) + 10, 0, 0, 100);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, fx_snd_nxt(kind), fx_rcv_nxt(kind), 0);
    EXPECT_EQ(TCPFSM_N_CHALLENGE, c.out.notify); /* RFC 5961 s7: the embedder may throttle it */
}

/* N_CHALLENGE marks the challenge ACKs of RFC 5961 s3 and s4 only: not the
 * ACK that answers an unacceptable segment (3.10.7.4 first), nor the ACK of
 * an ACK out of range (s5 says "send an ACK back", and s7 throttles "RSTs/SYNs"
 * triggering challenge ACKs), nor anything with the mitigations off. */
static void challenge_mark_only_on_challenges(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, A, fx_rcv_nxt(kind) + 70000, fx_snd_nxt(kind), 10, 100); /* right of the window */
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_EQ(0, c.out.notify);
    ARRIVE(&c, A, fx_rcv_nxt(kind), fx_snd_nxt(kind) + 5, 0, 100); /* acks unsent data */
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_EQ(0, c.out.notify);
    conn_init(&c);
    c.cfg.syn_mitigation = 0;
    c.cfg.rst_mitigation = 0;
    FX(&c, kind);
    ARRIVE(&c, S, fx_rcv_nxt(kind) + 10, 0, 0, 100);
    EXPECT_EQ(0, c.out.notify & TCPFSM_N_CHALLENGE);
}

/* RFC 5961 s4 off: a SYN in the window is an error: <SEQ=SND.NXT>
 * <ACK=RCV.NXT><CTL=RST,ACK>, "connection reset", CLOSED. */
static void sync_syn_in_window_resets_without_5961(int kind)
{
    conn c;
    conn_init(&c);
    c.cfg.syn_mitigation = 0;
    FX(&c, kind);
    ARRIVE(&c, S, fx_rcv_nxt(kind) + 10, 0, 0, 100);
    EXPECT_OK(&c);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_RESET | TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R | A, fx_snd_nxt(kind), fx_rcv_nxt(kind), 0);
}

/* A segment failing the sequence test: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, drop. */
static void sync_unacceptable_segment_acked(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, A, fx_rcv_nxt(kind) - 1000, fx_snd_una(kind), 20, FX_PEER_WND);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, fx_snd_nxt(kind), fx_rcv_nxt(kind), 0);
    EXPECT_EQ(0, c.out.notify);
}

/* An ACK of something not yet sent: "send an ACK, drop the segment, and return". */
static void sync_ack_of_unsent_data(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, A, fx_rcv_nxt(kind), fx_snd_nxt(kind) + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OUT_OF_RANGE);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, fx_snd_nxt(kind), fx_rcv_nxt(kind), 0);
}

/* No ACK bit in a synchronized state: "drop the segment and return". */
static void sync_no_ack_dropped(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, 0, fx_rcv_nxt(kind), 0, 10, FX_PEER_WND);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(0, c.out.notify);
    EXPECT_EQ(fx_rcv_nxt(kind), c.t.rcv_nxt);
}

/* CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a
 * FIN has been received from the remote side. Ignore the segment text." */
static void sync_text_after_fin_ignored(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, A, fx_rcv_nxt(kind), fx_snd_una(kind), 10, FX_PEER_WND);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_EQ(fx_rcv_nxt(kind), c.t.rcv_nxt);
    EXPECT_EQ(0, c.t.rcv_unread);
    EXPECT(!(c.out.notify & TCPFSM_N_DATA));
}

/* CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: the peer retransmits its FIN:
 * it is acknowledged again and nothing else changes. */
static void sync_fin_again_acked(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    ARRIVE(&c, A | F, FX_IRS + 1, fx_snd_una(kind), 0, FX_PEER_WND);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_FIN_AGAIN);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, fx_snd_nxt(kind), FX_IRS + 2, 0);
    EXPECT_EQ(FX_IRS + 2, c.t.rcv_nxt);
    if (kind == FX_TIME_WAIT)
        EXPECT_TIMER(&c.out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2 * c.cfg.msl_ms);
}

/* Tests for the sequence test (3.10.7.4 first, table 6), in ESTABLISHED. */

/* SEG.LEN = 0, RCV.WND > 0: RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND. */
static void accept_empty_segment_window_edges(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_SEGMENTS(&c.out, 0);
    ARRIVE(&c, A, FX_IRS + 1 + 65534, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    ARRIVE(&c, A, FX_IRS + 1 + 65535, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
    ARRIVE(&c, A, FX_IRS, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* SEG.LEN > 0, RCV.WND > 0: the first or the last octet in the window. */
static void accept_text_first_or_last_octet(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    /* all old: last octet at RCV.NXT-1 */
    ARRIVE(&c, A, FX_IRS + 1 - 10, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    /* last octet at RCV.NXT: acceptable, one new octet */
    ARRIVE(&c, A, FX_IRS + 1 - 10, FX_ISS + 1, 11, FX_PEER_WND);
    EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_EQ(FX_IRS + 2, c.t.rcv_nxt);
    EXPECT_EQ(10, c.out.rcv_offset);
    EXPECT_EQ(1, c.out.rcv_len);
    /* first octet just past the window */
    ARRIVE(&c, A, c.t.rcv_nxt + c.t.rcv_wnd, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
}

/* The SYN and the FIN count in SEG.LEN: a FIN alone at RCV.NXT-1 is old,
 * one at RCV.NXT is the FIN. */
static void accept_fin_counts_in_seg_len(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
}

/* RCV.WND = 0: only SEG.SEQ = RCV.NXT is acceptable; text at RCV.NXT is
 * trimmed off but its ACK is processed, and an ACK is sent (semantics.md). */
static void accept_zero_window(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 100;
    FX(&c, FX_ESTABLISHED);
    SEND(&c, 50);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 100, FX_PEER_WND);
    EXPECT_EQ(0, c.t.rcv_wnd);
    EXPECT_EQ(FX_IRS + 101, c.t.rcv_nxt);
    /* empty, one past RCV.NXT: unacceptable */
    ARRIVE(&c, A, FX_IRS + 102, FX_ISS + 51, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
    /* text one past RCV.NXT: unacceptable */
    ARRIVE(&c, A, FX_IRS + 102, FX_ISS + 51, 10, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
    /* text at RCV.NXT: the ACK counts, the text does not */
    ARRIVE(&c, A, FX_IRS + 101, FX_ISS + 51, 10, FX_PEER_WND);
    EXPECT_EQ(FX_ISS + 51, c.t.snd_una);
    EXPECT(c.out.notify & TCPFSM_N_ACKED);
    EXPECT(!(c.out.notify & TCPFSM_N_DATA));
    EXPECT_EQ(FX_IRS + 101, c.t.rcv_nxt);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 51, FX_IRS + 101, 0);
    EXPECT_EQ(0, c.out.segment[0].wnd);
    /* empty at RCV.NXT: acceptable */
    ARRIVE(&c, A, FX_IRS + 101, FX_ISS + 51, 0, FX_PEER_WND);
    EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    /* a RST at RCV.NXT is processed with a zero window */
    ARRIVE(&c, R, FX_IRS + 101, 0, 0, 0);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
}

/* With a zero window, a FIN at RCV.NXT is trimmed like text: not processed. */
static void accept_zero_window_fin_trimmed(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 100;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 100, FX_PEER_WND);
    ARRIVE(&c, A | F, FX_IRS + 101, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(FX_IRS + 101, c.t.rcv_nxt);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 101, 0);
}

/* Tests for ACK processing in ESTABLISHED (3.10.7.4 fifth). */

/* SND.UNA < SEG.ACK =< SND.NXT: SND.UNA = SEG.ACK, N_ACKED with the bytes;
 * the retransmission timer restarts while data is in flight, stops when none is. */
static void ack_advances_snd_una(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 1000);
    EXPECT_EQ(FX_ISS + 1001, c.t.snd_nxt);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 501, 0, FX_PEER_WND);
    EXPECT_EQ(FX_ISS + 501, c.t.snd_una);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ACKED);
    EXPECT_EQ(500, c.out.acked);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, c.cfg.rto_initial_ms);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_USER, TCPFSM_TIMER_ARM, c.cfg.user_timeout_ms);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1001, 0, FX_PEER_WND);
    EXPECT_EQ(500, c.out.acked);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
}

/* "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an
 * ACK, drop the segment, and return": its text is not accepted either. */
static void ack_of_unsent_data_drops_text(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 10);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 12, 30, FX_PEER_WND);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 11, FX_IRS + 1, 0);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
    EXPECT_EQ(0, c.out.notify);
}

/* "If the ACK is a duplicate (SEG.ACK < SND.UNA), it can be ignored": no
 * ACK sent, and the window is not taken from it. */
static void ack_duplicate_ignored(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 100);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 101, 0, FX_PEER_WND);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 50, 0, 10);
    EXPECT_OK(&c);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(FX_ISS + 101, c.t.snd_una);
    EXPECT_EQ(FX_PEER_WND, c.t.snd_wnd);
    EXPECT_EQ(0, c.out.notify);
}

/* RFC 5961 s5: SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT, else ACK and drop. */
static void ack_5961_lower_bound(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    EXPECT_EQ(FX_PEER_WND, c.t.max_snd_wnd);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1 - FX_PEER_WND, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK);
    EXPECT_SEGMENTS(&c.out, 0);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1 - FX_PEER_WND - 1, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OUT_OF_RANGE);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
    /* and its text is dropped */
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1 - FX_PEER_WND - 1, 10, FX_PEER_WND);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
}

/* ack_mitigation off: only SEG.ACK > SND.NXT is out of range. */
static void ack_without_5961_old_ack_accepted(void)
{
    conn c;
    conn_init(&c);
    c.cfg.ack_mitigation = 0;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1 - FX_PEER_WND - 1000, 10, FX_PEER_WND);
    EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OUT_OF_RANGE);
    EXPECT_EQ(FX_IRS + 11, c.t.rcv_nxt); /* the text counts */
    ARRIVE(&c, A, FX_IRS + 11, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OUT_OF_RANGE);
}

/* Window update: "If SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK),
 * set SND.WND <- SEG.WND, set SND.WL1 <- SEG.SEQ, and set SND.WL2 <- SEG.ACK." */
static void window_update_newer_segment(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED); /* WL1 = IRS from the SYN,ACK */
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 1234);
    EXPECT_EQ(1234, c.t.snd_wnd);
    EXPECT_EQ(FX_IRS + 1, c.t.snd_wl1);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_wl2);
}

static void window_update_same_seq_same_ack(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 1234);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 4321); /* WL1 = SEG.SEQ, WL2 = SEG.ACK */
    EXPECT_EQ(4321, c.t.snd_wnd);
    /* and a window can shrink this way too */
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 7);
    EXPECT_EQ(7, c.t.snd_wnd);
}

static void window_update_same_seq_newer_ack(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 100);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 1234);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 51, 0, 2222); /* WL2 < SEG.ACK */
    EXPECT_EQ(2222, c.t.snd_wnd);
    EXPECT_EQ(FX_ISS + 51, c.t.snd_wl2);
}

/* An older segment (SND.WL1 > SEG.SEQ) does not set the window: here the
 * out-of-order segment at IRS+51 set WL1, then the in-order one at IRS+1
 * arrives (its ACK and text count, its window does not). */
static void window_not_updated_by_older_segment(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 51, FX_ISS + 1, 10, 777);
    EXPECT_EQ(777, c.t.snd_wnd);
    EXPECT_EQ(FX_IRS + 51, c.t.snd_wl1);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 10, 999);
    EXPECT_EQ(777, c.t.snd_wnd);
    EXPECT_EQ(FX_IRS + 11, c.t.rcv_nxt);
}

/* SEG.WND above 2^30 is taken as 2^30; MAX.SND.WND is the largest SND.WND. */
static void window_clamped_and_max_tracked(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 20000);
    EXPECT_EQ(20000, c.t.max_snd_wnd);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 100);
    EXPECT_EQ(100, c.t.snd_wnd);
    EXPECT_EQ(20000, c.t.max_snd_wnd);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 0xFFFFFFFFu);
    EXPECT_EQ(TCPFSM_MAX_WINDOW, c.t.snd_wnd);
    EXPECT_EQ(TCPFSM_MAX_WINDOW, c.t.max_snd_wnd);
}

/* Tests for segment text (3.10.7.4 seventh). */

static void text_in_order_accepted(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 100, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_TEXT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
    EXPECT_EQ(0, c.out.rcv_offset);
    EXPECT_EQ(100, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 101, c.t.rcv_nxt);
    EXPECT_EQ(100, c.t.rcv_unread);
    EXPECT_EQ(65535 - 100, c.t.rcv_wnd);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 101, 0);
    EXPECT_EQ(65535 - 100, c.out.segment[0].wnd);
}

/* Front trimming: the octets before RCV.NXT were had already. */
static void text_front_trimmed(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 50, FX_PEER_WND);
    ARRIVE(&c, A, FX_IRS + 21, FX_ISS + 1, 100, FX_PEER_WND);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
    EXPECT_EQ(30, c.out.rcv_offset);
    EXPECT_EQ(70, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 121, c.t.rcv_nxt);
    EXPECT_EQ(120, c.t.rcv_unread);
}

/* Back trimming: only what fits in RCV.WND is kept; the FIN behind it is not. */
static void text_back_trimmed(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 100;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 150, FX_PEER_WND);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
    EXPECT_EQ(0, c.out.rcv_offset);
    EXPECT_EQ(100, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 101, c.t.rcv_nxt);
    EXPECT_EQ(0, c.t.rcv_wnd);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 101, 0);
}

/* Out of order: no reassembly queue, an ACK for RCV.NXT, nothing kept. */
static void text_out_of_order_acked_not_kept(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 11, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(0, c.out.notify);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_EQ(0, c.t.rcv_unread);
    EXPECT_EQ(65535, c.t.rcv_wnd);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* Text is accepted in FIN-WAIT-1 and FIN-WAIT-2. */
static void text_accepted_in_fin_wait(void)
{
    conn c;
    int k;
    for (k = FX_FIN_WAIT_1; k <= FX_FIN_WAIT_2; k++) {
        FX_NEW(&c, k);
        ARRIVE(&c, A, FX_IRS + 1, fx_snd_una(k), 10, FX_PEER_WND);
        EXPECT_STATE(&c, k);
        EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
        EXPECT_EQ(FX_IRS + 11, c.t.rcv_nxt);
        EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 11, 0);
    }
}

/* A data segment of ours carries the ACK: no separate pure ACK. */
static void text_ack_piggybacked_on_data(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 100); /* window 100 */
    SEND(&c, 150);                                  /* 50 stay queued */
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 101, 20, 100);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA | TCPFSM_N_ACKED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 101, FX_IRS + 21, 50);
}

/* Tests for FIN processing (3.10.7.4 eighth). */

static void fin_in_established_to_close_wait(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_REMOTE_CLOSE);
    EXPECT_EQ(FX_IRS + 2, c.t.rcv_nxt);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 2, 0);
}

static void fin_with_text(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA | TCPFSM_N_REMOTE_CLOSE);
    EXPECT_EQ(10, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 12, c.t.rcv_nxt);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 12, 0);
}

/* FIN-WAIT-1, FIN that does not ack our FIN: "Otherwise, enter the CLOSING state." */
static void fin_in_fin_wait_1_to_closing(void)
{
    conn c;
    FX_NEW(&c, FX_FIN_WAIT_1);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSING);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_REMOTE_CLOSE);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 2, 0);
}

/* FIN-WAIT-1: "If our FIN has been ACKed (perhaps in this segment), then
 * enter TIME-WAIT, start the time-wait timer, turn off the other timers". */
static void fin_ack_in_fin_wait_1_to_time_wait(void)
{
    conn c;
    FX_NEW(&c, FX_FIN_WAIT_1);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_CLOSE_ACKED | TCPFSM_N_REMOTE_CLOSE);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OF_FIN);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_FIN);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 2, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2 * c.cfg.msl_ms);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
}

/* FIN-WAIT-1: "if the FIN segment is now acknowledged, then enter FIN-WAIT-2". */
static void ack_of_fin_in_fin_wait_1(void)
{
    conn c;
    FX_NEW(&c, FX_FIN_WAIT_1);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_2);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_CLOSE_ACKED);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(FX_ISS + 2, c.t.snd_una);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
}

/* FIN-WAIT-1 with data and FIN in flight: an ACK of the data only stays. */
static void partial_ack_in_fin_wait_1(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 10);
    CLOSE(&c);
    EXPECT_SEGMENT(&c.out, 0, A | F, FX_ISS + 11, FX_IRS + 1, 0);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 11, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ACKED);
    EXPECT_EQ(10, c.out.acked);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, c.cfg.rto_initial_ms);
}

static void fin_in_fin_wait_2_to_time_wait(void)
{
    conn c;
    FX_NEW(&c, FX_FIN_WAIT_2);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_REMOTE_CLOSE);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 2, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2 * c.cfg.msl_ms);
}

/* CLOSING: "if the ACK acknowledges our FIN, then enter the TIME-WAIT state" */
static void ack_of_fin_in_closing_to_time_wait(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSING);
    ARRIVE(&c, A, FX_IRS + 2, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_CLOSE_ACKED);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2 * c.cfg.msl_ms);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
}

/* CLOSING: an ACK that does not cover our FIN leaves it CLOSING. */
static void ack_not_of_fin_in_closing(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSING);
    ARRIVE(&c, A, FX_IRS + 2, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSING);
    EXPECT_SEGMENTS(&c.out, 0);
}

/* LAST-ACK: "If our FIN is now acknowledged, delete the TCB, enter the
 * CLOSED state, and return." */
static void ack_of_fin_in_last_ack_closes(void)
{
    conn c;
    FX_NEW(&c, FX_LAST_ACK);
    ARRIVE(&c, A, FX_IRS + 2, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_LAST_ACK);
    ARRIVE(&c, A, FX_IRS + 2, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_CLOSED(&c, 0);
    /* semantics.md: "in LAST-ACK the TCB is simply deleted: CLOSED" */
    EXPECT_NOTIFY(&c.out, TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
}

/* A FIN that is not at RCV.NXT (a hole before it) is not processed. */
static void fin_beyond_rcv_nxt_not_processed(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 6, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* TIME-WAIT: a RST only at RCV.NXT ends it; ACKs are processed quietly. */
static void time_wait_plain_ack_ignored(void)
{
    conn c;
    FX_NEW(&c, FX_TIME_WAIT);
    ARRIVE(&c, A, FX_IRS + 2, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_KEEP, 0);
}

/* CLOSE-WAIT: SEND still works, and the peer's ACK of it is processed. */
static void close_wait_send_and_ack(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSE_WAIT);
    SEND(&c, 40);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 2, 40);
    ARRIVE(&c, A, FX_IRS + 2, FX_ISS + 41, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ACKED);
    EXPECT_EQ(40, c.out.acked);
    CLOSE(&c);
    EXPECT_STATE(&c, TCPFSM_LAST_ACK);
    EXPECT_SEGMENT(&c.out, 0, A | F, FX_ISS + 41, FX_IRS + 2, 0);
}

/* Our ACK of the SYN,ACK was lost and the peer retransmits its SYN,ACK:
 * in ESTABLISHED it lies wholly below RCV.NXT, so it is answered with an
 * ACK that completes the peer's handshake (3.10.7.4 first). */
static void established_retransmitted_syn_ack_reacked(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
    EXPECT_EQ(0, c.out.notify);
}

/* FIN-WAIT-1: text, FIN and the ACK of our FIN in one segment: the trace is
 * the ACK of our FIN, then the text, then the FIN. */
static void fin_wait_1_text_fin_and_ack_of_fin(void)
{
    conn c;
    FX_NEW(&c, FX_FIN_WAIT_1);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 2, 30, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA | TCPFSM_N_CLOSE_ACKED | TCPFSM_N_REMOTE_CLOSE);
    EXPECT_EQ(30, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 32, c.t.rcv_nxt);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 32, 0);
    if (EXPECT_EQ(3, c.out.event_count)) {
        EXPECT_EQ(TCPFSM_EV_RCV_ACK_OF_FIN, c.out.event[0]);
        EXPECT_EQ(TCPFSM_FIN_WAIT_2, c.out.state_after[0]);
        EXPECT_EQ(TCPFSM_EV_RCV_TEXT, c.out.event[1]);
        EXPECT_EQ(TCPFSM_FIN_WAIT_2, c.out.state_after[1]);
        EXPECT_EQ(TCPFSM_EV_RCV_FIN, c.out.event[2]);
        EXPECT_EQ(TCPFSM_TIME_WAIT, c.out.state_after[2]);
    }
}

/* FIN-WAIT-2: text and FIN together: delivered, then TIME-WAIT. */
static void fin_wait_2_text_and_fin(void)
{
    conn c;
    FX_NEW(&c, FX_FIN_WAIT_2);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 2, 5, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA | TCPFSM_N_REMOTE_CLOSE);
    EXPECT_EQ(FX_IRS + 7, c.t.rcv_nxt);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 7, 0);
}

/* URG and PSH do not change how text is accounted for. */
static void text_with_urg_and_psh(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | TCPFSM_URG | TCPFSM_PSH, FX_IRS + 1, FX_ISS + 1, 12, FX_PEER_WND);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
    EXPECT_EQ(12, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 13, c.t.rcv_nxt);
}

/* A RST carrying an ACK and text is still a RST (the RST check comes first). */
static void rst_with_ack_and_text(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, R | A, FX_IRS + 1, FX_ISS + 1, 20, FX_PEER_WND);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_RESET | TCPFSM_N_CLOSED);
}

/* SEG.ACK exactly 2^31 past SND.NXT: SEG.ACK =< SND.NXT fails (3.4: less
 * than half the space), so it acks unsent data: ACK and drop, with or
 * without RFC 5961 s5. */
static void ack_half_the_space_ahead_is_unsent(void)
{
    conn c;
    int mitigation;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        conn_init(&c);
        c.cfg.ack_mitigation = (uint8_t)mitigation;
        FX(&c, FX_ESTABLISHED);
        ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1 + 0x80000000u, 10, FX_PEER_WND);
        EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OUT_OF_RANGE);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
        EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    }
}

/* Zero window, text at RCV.NXT without the ACK bit: the allowance is for
 * ACKs and RSTs, so it is unacceptable and gets an ACK. */
static void zero_window_text_without_ack(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 10;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_EQ(0, c.t.rcv_wnd);
    ARRIVE(&c, 0, FX_IRS + 11, 0, 5, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 11, 0);
    EXPECT_EQ(FX_IRS + 11, c.t.rcv_nxt);
}

/* CLOSING with our SYN still unacknowledged (CLOSE in SYN-RECEIVED, then the
 * peer's FIN acking nothing new) is reachable and valid; the SYN,ACK is what
 * goes again, and one ACK of SYN and FIN ends in TIME-WAIT. */
static void closing_with_syn_unacked(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    CLOSE(&c);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSING);
    EXPECT(tcpfsm_tcb_check(&c.t));
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 2, 0);
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT(c.out.segment_count >= 1 && (c.out.segment[0].flags & S) && c.out.segment[0].seq == FX_ISS);
    ARRIVE(&c, A, FX_IRS + 2, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_EQ(0, c.out.notify & TCPFSM_N_ACKED);
}

/* drop_synfin on: SYN+FIN in a synchronized state is dropped outright. */
static void sync_synfin_dropped_with_drop_synfin(void)
{
    conn c;
    conn_init(&c);
    c.cfg.drop_synfin = 1;
    c.cfg.syn_mitigation = 0;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, S | F | A, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_DROP);
}

/* Tests for an old SYN on an acceptable segment (3.10.7.4 first): "the
 * idealized segment that begins at RCV.NXT ... trimming off any portions
 * that lie outside the window (including SYN and FIN)". The acceptability
 * test takes the segment as it came; when it passes and its SYN lies before
 * RCV.NXT, the SYN is trimmed off and SEG.SEQ+1 is where the rest begins, for
 * the RST check, the SYN check and the text (docs/semantics.md, step 2). */

/* SYN,ACK at RCV.NXT-1 with 10 bytes, in every synchronized state, RFC 5961
 * s4 on and off: no reset, no challenge; where text is taken (ESTABLISHED,
 * FIN-WAIT-1/2) the 10 bytes from RCV.NXT (payload offset 0) and one ACK;
 * elsewhere the text is ignored and the state stays. */
static void sync_old_syn_with_text_trimmed(int kind)
{
    conn c;
    int mitigation, s = fx_state(kind);
    int takes_text = s == TCPFSM_ESTABLISHED || s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_FIN_WAIT_2;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        int i;
        conn_init(&c);
        c.cfg.syn_mitigation = (uint8_t)mitigation;
        FX(&c, kind);
        ARRIVE(&c, S | A, fx_rcv_nxt(kind) - 1, fx_snd_una(kind), 10, FX_PEER_WND);
        EXPECT_OK(&c);
        EXPECT_STATE(&c, s);
        EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_SYN_CHALLENGE);
        EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_SYN_IN_WINDOW);
        EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
        EXPECT_EQ(0, c.t.error);
        for (i = 0; i < c.out.segment_count; i++)
            EXPECT(!(c.out.segment[i].flags & R));
        if (takes_text) {
            EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
            EXPECT_EQ(0, c.out.rcv_offset);
            EXPECT_EQ(10, c.out.rcv_len);
            EXPECT_EQ(fx_rcv_nxt(kind) + 10, c.t.rcv_nxt);
            EXPECT_SEGMENTS(&c.out, 1);
            EXPECT_SEGMENT(&c.out, 0, A, fx_snd_nxt(kind), fx_rcv_nxt(kind) + 10, 0);
        } else {
            EXPECT(!(c.out.notify & TCPFSM_N_DATA));
            EXPECT_EQ(fx_rcv_nxt(kind), c.t.rcv_nxt);
        }
    }
}

/* Across 2^32: RCV.NXT = 5 after 20 bytes from IRS = 2^32-16; a SYN,ACK at
 * 2^32-2 with 12 bytes: the SYN (2^32-2) and 6 bytes (2^32-1, 0 .. 4) are
 * old, 6 bytes (5 .. 10) are new: payload offset 6, RCV.NXT = 11. */
static void established_old_syn_with_text_across_wrap(void)
{
    conn c;
    const uint32_t irs = 0xFFFFFFF0u, iss = 0xFFFFFFF8u;
    int mitigation;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        conn_init(&c);
        c.cfg.syn_mitigation = (uint8_t)mitigation;
        FX_AT(&c, FX_ESTABLISHED, iss, irs);
        ARRIVE(&c, A, irs + 1, iss + 1, 20, FX_PEER_WND);
        EXPECT_EQ(5u, c.t.rcv_nxt);
        RECEIVE(&c, 20);
        ARRIVE(&c, S | A, 0xFFFFFFFEu, iss + 1, 12, FX_PEER_WND);
        EXPECT_OK(&c);
        EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
        EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_SYN_CHALLENGE);
        EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_SYN_IN_WINDOW);
        EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_TEXT);
        EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
        EXPECT_EQ(6, c.out.rcv_offset);
        EXPECT_EQ(6, c.out.rcv_len);
        EXPECT_EQ(11u, c.t.rcv_nxt);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, A, iss + 1, 11u, 0);
        /* without the ACK bit the trimmed segment is dropped: nothing sent */
        ARRIVE(&c, S, 0xFFFFFFFFu + 11u, 0, 4, FX_PEER_WND); /* SYN at 10, text 11 .. 14 */
        EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
        EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_DROP);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_EQ(11u, c.t.rcv_nxt);
    }
}

/* The RST check sees the trimmed SEG.SEQ: a RST,SYN at RCV.NXT-1 with text
 * begins at RCV.NXT once its SYN is gone, so RFC 5961 s3 resets; at
 * RCV.NXT-2 it begins at RCV.NXT-1: challenge ACK. */
static void established_old_syn_rst_seq_after_trim(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, R | S, FX_IRS, 0, 10, 0);
    EXPECT_OK(&c);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_RST);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_RESET | TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 0);
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, R | S, FX_IRS - 1, 0, 10, 0);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_RST_CHALLENGE);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* A SYN at RCV.NXT is in the window, not old: nothing is trimmed, and it is
 * the SYN check's (challenge ACK; RST and "connection reset" without 5961). */
static void established_syn_at_rcv_nxt_with_text_not_trimmed(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, S | A, FX_IRS + 1, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_SYN_CHALLENGE);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    conn_init(&c);
    c.cfg.syn_mitigation = 0;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, S | A, FX_IRS + 1, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_SYN_IN_WINDOW);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    EXPECT_SEGMENT(&c.out, 0, R | A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* A bare old SYN (SEG.LEN = 1, before RCV.NXT), or an old SYN whose text is
 * old too, is not acceptable: an ACK, nothing else, RFC 5961 s4 on or off. */
static void established_bare_old_syn_acked_only(void)
{
    static const uint32_t back[] = { 1, 100 };
    conn c;
    int mitigation, ack;
    unsigned b;
    for (mitigation = 0; mitigation <= 1; mitigation++)
        for (ack = 0; ack <= 1; ack++)
            for (b = 0; b < 3; b++) {
                conn_init(&c);
                c.cfg.syn_mitigation = (uint8_t)mitigation;
                FX(&c, FX_ESTABLISHED);
                if (b < 2) /* no text: at RCV.NXT-1, far back */
                    ARRIVE(&c, S | (ack ? A : 0u), FX_IRS + 1 - back[b], ack ? FX_ISS + 1 : 0, 0,
                           FX_PEER_WND);
                else /* SYN at RCV.NXT-11, 10 bytes ending at RCV.NXT-1 */
                    ARRIVE(&c, S | (ack ? A : 0u), FX_IRS - 10, ack ? FX_ISS + 1 : 0, 10,
                           FX_PEER_WND);
                EXPECT_OK(&c);
                EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
                EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
                EXPECT_SEGMENTS(&c.out, 1);
                EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
                EXPECT_EQ(0, c.out.notify);
                EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
            }
}

const unit_test unit_tests_sync[] = {
#define SYNC_ROWS(name, f)                                                                   \
    UNIT_ROW(name, f, FX_ESTABLISHED), UNIT_ROW(name, f, FX_FIN_WAIT_1),                   \
        UNIT_ROW(name, f, FX_FIN_WAIT_2), UNIT_ROW(name, f, FX_CLOSE_WAIT),                \
        UNIT_ROW(name, f, FX_CLOSING), UNIT_ROW(name, f, FX_LAST_ACK),                     \
        UNIT_ROW(name, f, FX_TIME_WAIT)
#define FIN_RCVD_ROWS(name, f)                                                               \
    UNIT_ROW(name, f, FX_CLOSE_WAIT), UNIT_ROW(name, f, FX_CLOSING),                       \
        UNIT_ROW(name, f, FX_LAST_ACK), UNIT_ROW(name, f, FX_TIME_WAIT)
    SYNC_ROWS("sync_rst_at_rcv_nxt_resets", sync_rst_at_rcv_nxt_resets),
    SYNC_ROWS("sync_rst_in_window_challenged", sync_rst_in_window_challenged),
    SYNC_ROWS("sync_rst_outside_window_dropped", sync_rst_outside_window_dropped),
    SYNC_ROWS("sync_rst_in_window_resets_without_5961", sync_rst_in_window_resets_without_5961),
    SYNC_ROWS("sync_syn_challenge_ack", sync_syn_challenge_ack),
    SYNC_ROWS("challenge_mark_only_on_challenges", challenge_mark_only_on_challenges),
    SYNC_ROWS("sync_syn_in_window_resets_without_5961", sync_syn_in_window_resets_without_5961),
    SYNC_ROWS("sync_unacceptable_segment_acked", sync_unacceptable_segment_acked),
    SYNC_ROWS("sync_ack_of_unsent_data", sync_ack_of_unsent_data),
    SYNC_ROWS("sync_no_ack_dropped", sync_no_ack_dropped),
    FIN_RCVD_ROWS("sync_text_after_fin_ignored", sync_text_after_fin_ignored),
    FIN_RCVD_ROWS("sync_fin_again_acked", sync_fin_again_acked),
    SYNC_ROWS("sync_old_syn_with_text_trimmed", sync_old_syn_with_text_trimmed),
#undef SYNC_ROWS
#undef FIN_RCVD_ROWS
    UNIT_TEST(accept_empty_segment_window_edges),
    UNIT_TEST(accept_text_first_or_last_octet),
    UNIT_TEST(accept_fin_counts_in_seg_len),
    UNIT_TEST(accept_zero_window),
    UNIT_TEST(accept_zero_window_fin_trimmed),
    UNIT_TEST(ack_advances_snd_una),
    UNIT_TEST(ack_of_unsent_data_drops_text),
    UNIT_TEST(ack_duplicate_ignored),
    UNIT_TEST(ack_5961_lower_bound),
    UNIT_TEST(ack_without_5961_old_ack_accepted),
    UNIT_TEST(window_update_newer_segment),
    UNIT_TEST(window_update_same_seq_same_ack),
    UNIT_TEST(window_update_same_seq_newer_ack),
    UNIT_TEST(window_not_updated_by_older_segment),
    UNIT_TEST(window_clamped_and_max_tracked),
    UNIT_TEST(text_in_order_accepted),
    UNIT_TEST(text_front_trimmed),
    UNIT_TEST(text_back_trimmed),
    UNIT_TEST(text_out_of_order_acked_not_kept),
    UNIT_TEST(text_accepted_in_fin_wait),
    UNIT_TEST(text_ack_piggybacked_on_data),
    UNIT_TEST(fin_in_established_to_close_wait),
    UNIT_TEST(fin_with_text),
    UNIT_TEST(fin_in_fin_wait_1_to_closing),
    UNIT_TEST(fin_ack_in_fin_wait_1_to_time_wait),
    UNIT_TEST(ack_of_fin_in_fin_wait_1),
    UNIT_TEST(partial_ack_in_fin_wait_1),
    UNIT_TEST(fin_in_fin_wait_2_to_time_wait),
    UNIT_TEST(ack_of_fin_in_closing_to_time_wait),
    UNIT_TEST(ack_not_of_fin_in_closing),
    UNIT_TEST(ack_of_fin_in_last_ack_closes),
    UNIT_TEST(fin_beyond_rcv_nxt_not_processed),
    UNIT_TEST(time_wait_plain_ack_ignored),
    UNIT_TEST(close_wait_send_and_ack),
    UNIT_TEST(sync_synfin_dropped_with_drop_synfin),
    UNIT_TEST(established_retransmitted_syn_ack_reacked),
    UNIT_TEST(ack_half_the_space_ahead_is_unsent),
    UNIT_TEST(zero_window_text_without_ack),
    UNIT_TEST(closing_with_syn_unacked),
    UNIT_TEST(fin_wait_1_text_fin_and_ack_of_fin),
    UNIT_TEST(fin_wait_2_text_and_fin),
    UNIT_TEST(text_with_urg_and_psh),
    UNIT_TEST(rst_with_ack_and_text),
    UNIT_TEST(established_old_syn_with_text_across_wrap),
    UNIT_TEST(established_old_syn_rst_seq_after_trim),
    UNIT_TEST(established_syn_at_rcv_nxt_with_text_not_trimmed),
    UNIT_TEST(established_bare_old_syn_acked_only),
    UNIT_END
};
