/* The knobs for what other stacks do beyond RFC 9293 (src/tcpfsm.h,
 * tcpfsm_config): each off by default; on, each does what its comment in
 * the header says, and nothing else changes. */
#include "unit.h"

#define A TCPFSM_ACK
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST

/* Tests for the defaults and ranges. */

static void knobs_default_off_and_range_checked(void)
{
    tcpfsm_config cfg;
    int i;
    tcpfsm_config_default(&cfg);
    EXPECT_EQ(0, cfg.time_wait_ignore_rst);
    EXPECT_EQ(0, cfg.rst_error_closing);
    EXPECT_EQ(0, cfg.closing_ack_with_fin);
    EXPECT_EQ(0, cfg.listen_drop_syn_ack);
    EXPECT_EQ(0, cfg.old_segment_ack);
    for (i = 0; i < 5; i++) {
        uint8_t *knob[5];
        tcpfsm_config_default(&cfg);
        knob[0] = &cfg.time_wait_ignore_rst;
        knob[1] = &cfg.rst_error_closing;
        knob[2] = &cfg.closing_ack_with_fin;
        knob[3] = &cfg.listen_drop_syn_ack;
        knob[4] = &cfg.old_segment_ack;
        *knob[i] = 1;
        EXPECT_RESULT(TCPFSM_OK, tcpfsm_config_check(&cfg));
        *knob[i] = 2;
        EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, tcpfsm_config_check(&cfg));
    }
}

/* Tests for time_wait_ignore_rst. */

/* RFC 1337: "a RST does not end TIME-WAIT". */
static void time_wait_ignore_rst_keeps_time_wait(void)
{
    conn c;
    conn_init(&c);
    c.cfg.time_wait_ignore_rst = 1;
    FX(&c, FX_TIME_WAIT);
    ARRIVE(&c, R, FX_IRS + 2, 0, 0, 0);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(0, c.out.notify);
    /* the 2MSL timer still ends it */
    FIRE(&c, TCPFSM_TIMER_TIME_WAIT);
    EXPECT_CLOSED(&c, 0);
}

/* Only TIME-WAIT: an exact RST still resets ESTABLISHED and closes CLOSING. */
static void time_wait_ignore_rst_only_in_time_wait(void)
{
    conn c;
    conn_init(&c);
    c.cfg.time_wait_ignore_rst = 1;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, R, FX_IRS + 1, 0, 0, 0);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    FX(&c, FX_CLOSING);
    ARRIVE(&c, R, FX_IRS + 2, 0, 0, 0);
    EXPECT_CLOSED(&c, 0);
}

/* Tests for rst_error_closing. */

/* "a RST in CLOSING or LAST-ACK signals "connection reset"" */
static void rst_error_closing_signals_reset(int kind)
{
    conn c;
    conn_init(&c);
    c.cfg.rst_error_closing = 1;
    FX(&c, kind);
    ARRIVE(&c, R, FX_IRS + 2, 0, 0, 0);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_RESET | TCPFSM_N_CLOSED);
}

/* ... and not in TIME-WAIT, where the connection is already over. */
static void rst_error_closing_not_in_time_wait(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rst_error_closing = 1;
    FX(&c, FX_TIME_WAIT);
    ARRIVE(&c, R, FX_IRS + 2, 0, 0, 0);
    EXPECT_CLOSED(&c, 0);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_CLOSED);
}

/* Tests for closing_ack_with_fin. */

/* "the ACK of the peer's FIN that moves FIN-WAIT-1 to CLOSING carries our
 * unacknowledged FIN again": <SEQ=ISS+1><ACK=IRS+2><CTL=FIN,ACK>. */
static void closing_ack_with_fin_resends_fin(void)
{
    conn c;
    conn_init(&c);
    c.cfg.closing_ack_with_fin = 1;
    FX(&c, FX_FIN_WAIT_1);
    ARRIVE(&c, F | A, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_CLOSING);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, F | A, FX_ISS + 1, FX_IRS + 2, 0);
    EXPECT_EQ(FX_ISS + 2, c.t.snd_nxt); /* the FIN is not a second number */
}

/* Tests for listen_drop_syn_ack. */

/* "LISTEN drops a SYN,ACK instead of answering with a RST"; any other ACK
 * is still answered. */
static void listen_drop_syn_ack_drops_only_syn_ack(void)
{
    conn c;
    conn_init(&c);
    c.cfg.listen_drop_syn_ack = 1;
    FX(&c, FX_LISTEN);
    ARRIVE(&c, S | A, 100, 555, 0, 1000);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    EXPECT_SEGMENTS(&c.out, 0);
    ARRIVE(&c, A, 100, 556, 0, 1000);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R, 556, 0, 0);
    ARRIVE_ISS(&c, seg(S, 100, 0, 0, 1000), 7);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
}

/* Tests for old_segment_ack. */

/* "a segment wholly left of the window still has its ACK processed": the
 * ACK advances SND.UNA; the text is not taken again. */
static void old_segment_ack_processes_ack(void)
{
    conn c;
    conn_init(&c);
    c.cfg.old_segment_ack = 1;
    FX(&c, FX_ESTABLISHED);
    SEND(&c, 100);
    ARRIVE(&c, A, FX_IRS + 1 - 10, FX_ISS + 101, 10, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(FX_ISS + 101, c.t.snd_una);
    EXPECT(c.out.notify & TCPFSM_N_ACKED);
    EXPECT_EQ(100, c.out.acked);
    EXPECT(!(c.out.notify & TCPFSM_N_DATA));
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    /* semantics.md: "and an ACK is sent" */
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 101, FX_IRS + 1, 0);
}

/* Off (RFC 9293 table 6): the same segment is dropped with its ACK. */
static void old_segment_ack_off_drops_ack(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 100);
    ARRIVE(&c, A, FX_IRS + 1 - 10, FX_ISS + 101, 10, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 101, FX_IRS + 1, 0);
}

/* On, an old RST is still only dropped. */
static void old_segment_ack_not_for_rst(void)
{
    conn c;
    conn_init(&c);
    c.cfg.old_segment_ack = 1;
    FX(&c, FX_ESTABLISHED);
    ARRIVE(&c, R | A, FX_IRS, FX_ISS + 1, 0, 0);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 0);
}

/* Tests for drop_synfin in TIME-WAIT. */

/* "drop segments with both SYN and FIN, except in CLOSED and TIME-WAIT":
 * in TIME-WAIT the SYN is met as a SYN (challenge ACK with RFC 5961). */
static void drop_synfin_not_in_time_wait(void)
{
    conn c;
    conn_init(&c);
    c.cfg.drop_synfin = 1;
    FX(&c, FX_TIME_WAIT);
    ARRIVE(&c, S | F, FX_IRS + 100, 0, 0, FX_PEER_WND);
    EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_DROP);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 2, 0);
}

/* All five on: the RFC figures that do not meet them run as before. */
static void all_knobs_normal_close(void)
{
    conn a, b;
    conn_init(&a);
    conn_init(&b);
    a.cfg.time_wait_ignore_rst = b.cfg.time_wait_ignore_rst = 1;
    a.cfg.rst_error_closing = b.cfg.rst_error_closing = 1;
    a.cfg.closing_ack_with_fin = b.cfg.closing_ack_with_fin = 1;
    a.cfg.listen_drop_syn_ack = b.cfg.listen_drop_syn_ack = 1;
    a.cfg.old_segment_ack = b.cfg.old_segment_ack = 1;
    OPEN(&b, 0, 0);
    OPEN(&a, 1, 99);
    u_seg(&b, out_seg(&a, 0), 299, __FILE__, __LINE__);
    u_seg(&a, out_seg(&b, 0), 0, __FILE__, __LINE__);
    u_seg(&b, out_seg(&a, 0), 0, __FILE__, __LINE__);
    EXPECT_STATE(&b, TCPFSM_ESTABLISHED);
    CLOSE(&a);
    EXPECT_SEGMENT(&a.out, 0, F | A, 100, 300, 0);
    u_seg(&b, out_seg(&a, 0), 0, __FILE__, __LINE__);
    EXPECT_SEGMENT(&b.out, 0, A, 300, 101, 0);
    u_seg(&a, out_seg(&b, 0), 0, __FILE__, __LINE__);
    EXPECT_STATE(&a, TCPFSM_FIN_WAIT_2);
    CLOSE(&b);
    u_seg(&a, out_seg(&b, 0), 0, __FILE__, __LINE__);
    EXPECT_STATE(&a, TCPFSM_TIME_WAIT);
    EXPECT_SEGMENT(&a.out, 0, A, 101, 301, 0);
    u_seg(&b, out_seg(&a, 0), 0, __FILE__, __LINE__);
    EXPECT_CLOSED(&b, 0);
}

const unit_test unit_tests_knobs[] = {
    UNIT_TEST(knobs_default_off_and_range_checked),
    UNIT_TEST(time_wait_ignore_rst_keeps_time_wait),
    UNIT_TEST(time_wait_ignore_rst_only_in_time_wait),
    UNIT_ROW("rst_error_closing_signals_reset", rst_error_closing_signals_reset, FX_CLOSING),
    UNIT_ROW("rst_error_closing_signals_reset", rst_error_closing_signals_reset, FX_LAST_ACK),
    UNIT_TEST(rst_error_closing_not_in_time_wait),
    UNIT_TEST(closing_ack_with_fin_resends_fin),
    UNIT_TEST(listen_drop_syn_ack_drops_only_syn_ack),
    UNIT_TEST(old_segment_ack_processes_ack),
    UNIT_TEST(old_segment_ack_off_drops_ack),
    UNIT_TEST(old_segment_ack_not_for_rst),
    UNIT_TEST(drop_synfin_not_in_time_wait),
    UNIT_TEST(all_knobs_normal_close),
    UNIT_END
};
