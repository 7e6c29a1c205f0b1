/* Edge cases: windows at 0 and at 2^30, the zero-window probe, FIN against
 * a closed window, flags that combine, RST replies at the wrap. Grouped by
 * the state they happen in. */
#include "unit.h"

#define A TCPFSM_ACK
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST

/* Tests for the CLOSED state. */

/* <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> modulo 2^32. */
static void closed_rst_reply_ack_wraps(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSED);
    ARRIVE(&c, S, 0xFFFFFFFFu, 0, 0, 0);
    EXPECT_SEGMENT(&c.out, 0, R | A, 0, 0, 0);
    ARRIVE(&c, F, 0xFFFFFFF0u, 0, 0x20, 0);
    EXPECT_SEGMENT(&c.out, 0, R | A, 0, 0x11, 0);
}

/* Tests for the SYN-SENT state. */

/* RST,SYN,ACK with an acceptable ACK: the RST wins, "connection refused". */
static void syn_sent_rst_syn_ack_refused(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, R | S | A, FX_IRS, FX_ISS + 1, 0, 100);
    EXPECT_CLOSED(&c, TCPFSM_ERR_REFUSED);
    EXPECT_SEGMENTS(&c.out, 0);
}

/* SEG.WND above 2^30 on the SYN,ACK is taken as 2^30. */
static void syn_sent_syn_ack_window_clamped(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 0, 0xFFFFFFFFu);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(TCPFSM_MAX_WINDOW, c.t.snd_wnd);
    EXPECT_EQ(TCPFSM_MAX_WINDOW, c.t.max_snd_wnd);
}

/* Data queued in SYN-SENT and a SYN,ACK with window 0: one probe byte. */
static void syn_sent_queued_data_zero_window(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    SEND(&c, 30);
    ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 0, 0);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 1);
    EXPECT_EQ(29, c.t.snd_queued);
}

/* SYN,ACK with more text than the window and a FIN: the text is cut at
 * RCV.NXT + RCV.WND and the FIN behind it is not taken. */
static void syn_sent_syn_ack_text_beyond_window(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 100;
    FX(&c, FX_SYN_SENT);
    ARRIVE(&c, S | A | F, FX_IRS, FX_ISS + 1, 200, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED | TCPFSM_N_DATA);
    EXPECT_EQ(0, c.out.rcv_offset);
    EXPECT_EQ(100, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 101, c.t.rcv_nxt);
    EXPECT_EQ(0, c.t.rcv_wnd);
}

/* Tests for the SYN-RECEIVED state. */

/* The ACK that establishes takes its window as is (clamped to 2^30). */
static void syn_received_ack_window_clamped(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 0x80000000u);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(TCPFSM_MAX_WINDOW, c.t.snd_wnd);
}

/* rst_mitigation off: any RST in the window sends a passive SYN-RECEIVED
 * back to LISTEN. */
static void syn_received_rst_in_window_without_5961(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rst_mitigation = 0;
    FX(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, R, FX_IRS + 100, 0, 0, 0);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_LISTEN);
}

/* A RST outside the window in SYN-RECEIVED: dropped. */
static void syn_received_rst_outside_window(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, R, FX_IRS, 0, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_SEGMENTS(&c.out, 0);
}

/* drop_synfin on: SYN+FIN in SYN-RECEIVED is dropped too. */
static void syn_received_synfin_dropped_with_drop_synfin(void)
{
    conn c;
    conn_init(&c);
    c.cfg.drop_synfin = 1;
    FX(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, S | F, FX_IRS + 3, 0, 0, 100);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_DROP);
}

/* A passive SYN-RECEIVED that gives up returns to LISTEN with its timers off. */
static void syn_received_give_up_cancels_timers(void)
{
    conn c;
    conn_init(&c);
    c.cfg.syn_retries = 0;
    FX(&c, FX_SYN_RECEIVED);
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_USER, TCPFSM_TIMER_CANCEL, 0);
}

/* Deferred CLOSE in an active SYN-RECEIVED (simultaneous open with data
 * queued): data and FIN go out with the ACK of our SYN. */
static void syn_received_active_deferred_close(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    SEND(&c, 8);
    ARRIVE(&c, S, FX_IRS, 0, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    CLOSE(&c);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_CLOSE_DEFER);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A | F, FX_ISS + 1, FX_IRS + 1, 8);
    if (EXPECT_EQ(2, c.out.event_count)) {
        EXPECT_EQ(TCPFSM_EV_RCV_ACK_OF_SYN, c.out.event[0]);
        EXPECT_EQ(TCPFSM_ESTABLISHED, c.out.state_after[0]);
        EXPECT_EQ(TCPFSM_EV_CLOSE_QUEUED, c.out.event[1]);
        EXPECT_EQ(TCPFSM_FIN_WAIT_1, c.out.state_after[1]);
    }
}

/* Tests for the ESTABLISHED state. */

/* The zero-window probe: one byte, retransmitted by the timer, and once the
 * window opens the rest follows. */
static void zero_window_probe_cycle(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 0);
    SEND(&c, 100);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 1);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, c.cfg.rto_initial_ms);
    /* nothing more while the probe is out */
    SEND(&c, 10);
    EXPECT_SEGMENTS(&c.out, 0);
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 1);
    /* the peer takes the byte and opens its window */
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 2, 0, 1000);
    EXPECT_EQ(1, c.out.acked);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 1, 109);
    EXPECT_EQ(0, c.t.snd_queued);
}

/* A SYN just outside the window with RFC 5961 off is merely unacceptable:
 * ACK, no reset. */
static void syn_outside_window_without_5961_acked(void)
{
    conn c;
    conn_init(&c);
    c.cfg.syn_mitigation = 0;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, S, FX_IRS + 1 + 65535, 0, 0, 100);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* CLOSE against a zero window: the FIN is not limited by it (semantics.md). */
static void close_with_zero_window_sends_fin(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 0);
    CLOSE(&c);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, F | A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* A segment larger than the whole receive window: trimmed to the window,
 * the window closes, the next byte is unacceptable. */
static void text_fills_window_exactly(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 1;
    FX(&c, FX_ESTABLISHED);
    EXPECT_EQ(1, c.t.rcv_wnd);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 5, FX_PEER_WND);
    EXPECT_EQ(1, c.out.rcv_len);
    EXPECT_EQ(0, c.t.rcv_wnd);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 2, 0);
    EXPECT_EQ(0, c.out.segment[0].wnd);
    RECEIVE(&c, 1);
    EXPECT_EQ(1, c.t.rcv_wnd);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 2, 0);
    EXPECT_EQ(1, c.out.segment[0].wnd);
}

/* Output order (semantics.md): what an event forms directly (here the
 * retransmission) first, then new data. */
static void retransmission_before_new_data(void)
{
    conn c;
    conn_init(&c);
    c.cfg.mss = 100;
    FX(&c, FX_ESTABLISHED);
    SEND(&c, 1000); /* 4 out, 600 held back by the per-call limit */
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 100);
    if (c.out.segment_count > 1)
        EXPECT_SEGMENT(&c.out, 1, A, FX_ISS + 401, FX_IRS + 1, 100);
}

/* Tests for the FIN-WAIT-1 state. */

/* Deferred FIN behind data that needs two ACKs to get out. */
static void fin_follows_data_through_window(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 200);
    SEND(&c, 500);
    CLOSE(&c);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_EQ(300, c.t.snd_queued);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 201, 0, 200);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 201, FX_IRS + 1, 200);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 401, 0, 200);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A | F, FX_ISS + 401, FX_IRS + 1, 100);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 502, 0, 200);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_2);
    EXPECT_EQ(100, c.out.acked);
}

/* Tests for the FIN-WAIT-2 state. */

/* RECEIVE reopening a zero window sends a window update in FIN-WAIT-2 too. */
static void fin_wait_2_window_update(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 50;
    FX(&c, FX_FIN_WAIT_2);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 2, 50, FX_PEER_WND);
    EXPECT_EQ(0, c.t.rcv_wnd);
    RECEIVE(&c, 50);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 51, 0);
    EXPECT_EQ(50, c.out.segment[0].wnd);
}

/* Tests for the CLOSE-WAIT state (window). */

/* semantics.md: the window-update ACK on RECEIVE is for ESTABLISHED,
 * FIN-WAIT-1 and FIN-WAIT-2 only: the peer has closed, it sends no more.
 * 9 bytes and the FIN: with 10 bytes the FIN would lie one past the window
 * and be trimmed (RFC 9293 3.10.7.4), so CLOSE-WAIT always keeps some window. */
static void close_wait_receive_sends_no_window_update(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 10;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 9, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_EQ(1, c.t.rcv_wnd);
    RECEIVE(&c, 9);
    EXPECT_OK(&c);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(10, c.t.rcv_wnd);
}

/* RFC 9293 3.10.7.4: text that fills the window pushes the FIN outside it:
 * the text is taken, the FIN trimmed, and an ACK says where we are. */
static void fin_one_past_the_window_is_trimmed(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 10;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(0, c.t.rcv_wnd);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 11, 0);
}

/* Tests for the TIME-WAIT state. */

/* An ACK of something never sent, in TIME-WAIT: ACK and drop. A SYN: challenge ACK. */
static void time_wait_out_of_range_ack_and_syn(void)
{
    conn c;
    FX_NEW(&c, FX_TIME_WAIT);
    ARRIVE(&c, A, FX_IRS + 2, FX_ISS + 100, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 2, 0);
    ARRIVE(&c, S, FX_IRS + 1000, 0, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 2, 0);
}

/* Tests for the CLOSE-WAIT state. */

/* The peer's FIN retransmitted together with the text before it. */
static void close_wait_fin_again_with_text(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_EQ(FX_IRS + 12, c.t.rcv_nxt);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 10, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_FIN_AGAIN);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 12, 0);
    EXPECT_EQ(10, c.t.rcv_unread); /* not delivered twice */
    EXPECT_EQ(0, c.out.notify);
}

/* User timeout in CLOSE-WAIT with data in flight. */
static void close_wait_user_timeout(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSE_WAIT);
    SEND(&c, 5);
    FIRE(&c, TCPFSM_TIMER_USER);
    EXPECT_CLOSED(&c, TCPFSM_ERR_USER_TIMEOUT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_USER_TIMEOUT | TCPFSM_N_CLOSED);
}

const unit_test unit_tests_edges[] = {
    UNIT_TEST(closed_rst_reply_ack_wraps),
    UNIT_TEST(syn_sent_rst_syn_ack_refused),
    UNIT_TEST(syn_sent_syn_ack_window_clamped),
    UNIT_TEST(syn_sent_queued_data_zero_window),
    UNIT_TEST(syn_sent_syn_ack_text_beyond_window),
    UNIT_TEST(syn_received_ack_window_clamped),
    UNIT_TEST(syn_received_rst_in_window_without_5961),
    UNIT_TEST(syn_received_rst_outside_window),
    UNIT_TEST(syn_received_synfin_dropped_with_drop_synfin),
    UNIT_TEST(syn_received_give_up_cancels_timers),
    UNIT_TEST(syn_received_active_deferred_close),
    UNIT_TEST(zero_window_probe_cycle),
    UNIT_TEST(retransmission_before_new_data),
    UNIT_TEST(fin_wait_2_window_update),
    UNIT_TEST(syn_outside_window_without_5961_acked),
    UNIT_TEST(close_with_zero_window_sends_fin),
    UNIT_TEST(text_fills_window_exactly),
    UNIT_TEST(fin_follows_data_through_window),
    UNIT_TEST(close_wait_receive_sends_no_window_update),
    UNIT_TEST(fin_one_past_the_window_is_trimmed),
    UNIT_TEST(time_wait_out_of_range_ack_and_syn),
    UNIT_TEST(close_wait_fin_again_with_text),
    UNIT_TEST(close_wait_user_timeout),
    UNIT_END
};
