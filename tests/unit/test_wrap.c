/* Sequence numbers across the 2^32 wrap (RFC 9293 3.4: "all arithmetic
 * dealing with sequence numbers must be performed modulo 2**32"). */
#include "unit.h"

#define A TCPFSM_ACK
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST

/* Every fixture, built with ISS and IRS near the wrap, has the sequence
 * variables the handshake and FINs imply, modulo 2^32. */
static void wrap_fixtures(int which)
{
    static const uint32_t pairs[][2] = {
        { 0xFFFFFFFFu, 0xFFFFFFFFu },
        { 0xFFFFFFFEu, 0xFFFFFFFEu },
        { 0x7FFFFFFFu, 0x80000000u },
        { 0u, 0xFFFFFFFFu },
    };
    uint32_t iss = pairs[which][0], irs = pairs[which][1];
    int kind;
    for (kind = 0; kind < FX_KIND_COUNT; kind++) {
        conn c;
        int s = fx_state(kind);
        uint32_t snd_nxt = iss + 1, rcv_nxt = irs + 1;
        conn_init(&c);
        FX_AT(&c, kind, iss, irs);
        EXPECT(tcpfsm_tcb_check(&c.t));
        if (s == TCPFSM_CLOSED || s == TCPFSM_LISTEN) continue;
        if (s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_FIN_WAIT_2 || s == TCPFSM_CLOSING ||
            s == TCPFSM_LAST_ACK || s == TCPFSM_TIME_WAIT)
            snd_nxt = iss + 2;
        if (s == TCPFSM_CLOSE_WAIT || s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK ||
            s == TCPFSM_TIME_WAIT)
            rcv_nxt = irs + 2;
        EXPECT_EQ(snd_nxt, c.t.snd_nxt);
        if (s != TCPFSM_SYN_SENT) EXPECT_EQ(rcv_nxt, c.t.rcv_nxt);
    }
}

/* ISS = 2^32-1: the SYN is at 0xFFFFFFFF, SND.NXT wraps to 0, and an ACK of
 * 0 is the acceptable one (ISS < SEG.ACK =< SND.NXT modulo 2^32). */
static void wrap_handshake_iss_max(void)
{
    conn c;
    conn_init(&c);
    OPEN(&c, 1, 0xFFFFFFFFu);
    EXPECT_SEGMENT(&c.out, 0, S, 0xFFFFFFFFu, 0, 0);
    EXPECT_EQ(0, c.t.snd_nxt);
    ARRIVE(&c, S | A, 500, 0xFFFFFFFFu, 0, 1000); /* = ISS: unacceptable */
    EXPECT_SEGMENT(&c.out, 0, R, 0xFFFFFFFFu, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
    ARRIVE(&c, S | A, 500, 1, 0, 1000); /* > SND.NXT: unacceptable */
    EXPECT_SEGMENT(&c.out, 0, R, 1, 0, 0);
    ARRIVE(&c, S | A, 500, 0, 0, 1000);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENT(&c.out, 0, A, 0, 501, 0);
}

/* The peer's ISS at 2^32-1: RCV.NXT wraps to 0. */
static void wrap_handshake_irs_max(void)
{
    conn c;
    FX_NEW(&c, FX_LISTEN);
    ARRIVE_ISS(&c, seg(S, 0xFFFFFFFFu, 0, 0, 1000), 42);
    EXPECT_SEGMENT(&c.out, 0, S | A, 42, 0, 0);
    EXPECT_EQ(0, c.t.rcv_nxt);
    ARRIVE(&c, A, 0, 43, 0, 1000);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
}

/* Data across the wrap, both directions. */
static void wrap_data_send(void)
{
    conn c;
    conn_init(&c);
    FX_AT(&c, FX_ESTABLISHED, 0xFFFFFF00u, 7);
    SEND(&c, 512);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, 0xFFFFFF01u, 8, 512);
    EXPECT_EQ(0x101, c.t.snd_nxt);
    ARRIVE(&c, A, 8, 0x102, 0, 1000); /* one past SND.NXT */
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OUT_OF_RANGE);
    ARRIVE(&c, A, 8, 0x1, 0, 1000); /* across the wrap, in range */
    EXPECT_EQ(0x1, c.t.snd_una);
    EXPECT_EQ(256, c.out.acked);
    ARRIVE(&c, A, 8, 0x101, 0, 1000);
    EXPECT_EQ(256, c.out.acked);
    EXPECT_EQ(0x101, c.t.snd_una);
}

static void wrap_data_receive(void)
{
    conn c;
    conn_init(&c);
    FX_AT(&c, FX_ESTABLISHED, 7, 0xFFFFFFF0u);
    ARRIVE(&c, A, 0xFFFFFFF1u, 8, 32, 1000);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
    EXPECT_EQ(32, c.out.rcv_len);
    EXPECT_EQ(0x11, c.t.rcv_nxt);
    EXPECT_SEGMENT(&c.out, 0, A, 8, 0x11, 0);
    /* a retransmission straddling the wrap: front trimmed */
    ARRIVE(&c, A, 0xFFFFFFF1u + 16, 8, 32, 1000);
    EXPECT_EQ(16, c.out.rcv_offset);
    EXPECT_EQ(16, c.out.rcv_len);
    EXPECT_EQ(0x21, c.t.rcv_nxt);
}

/* Our FIN at 0xFFFFFFFF: SND.NXT wraps to 0 and an ACK of 0 acks the FIN. */
static void wrap_fin_ours(void)
{
    conn c;
    conn_init(&c);
    FX_AT(&c, FX_ESTABLISHED, 0xFFFFFFFEu, 100);
    CLOSE(&c);
    EXPECT_SEGMENT(&c.out, 0, F | A, 0xFFFFFFFFu, 101, 0);
    EXPECT_EQ(0, c.t.snd_nxt);
    ARRIVE(&c, A, 101, 0, 0, 1000);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_2);
}

/* The peer's FIN at 0xFFFFFFFF: RCV.NXT wraps to 0; its retransmission is
 * recognized in TIME-WAIT across the wrap. */
static void wrap_fin_theirs(void)
{
    conn c;
    conn_init(&c);
    FX_AT(&c, FX_FIN_WAIT_2, 100, 0xFFFFFFFEu);
    ARRIVE(&c, F | A, 0xFFFFFFFFu, 102, 0, 1000);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_EQ(0, c.t.rcv_nxt);
    EXPECT_SEGMENT(&c.out, 0, A, 102, 0, 0);
    ARRIVE(&c, F | A, 0xFFFFFFFFu, 102, 0, 1000);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_FIN_AGAIN);
    EXPECT_SEGMENT(&c.out, 0, A, 102, 0, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2 * c.cfg.msl_ms);
}

/* RST acceptability with the receive window straddling the wrap:
 * RCV.NXT = 0xFFFFFF00, RCV.WND = 65535. */
static void wrap_rst_acceptability(void)
{
    conn c;
    conn_init(&c);
    FX_AT(&c, FX_ESTABLISHED, 5, 0xFFFFFEFFu);
    EXPECT_EQ(0xFFFFFF00u, c.t.rcv_nxt);
    ARRIVE(&c, R, 0x100, 0, 0, 0); /* in window, past the wrap */
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_RST_CHALLENGE);
    EXPECT_SEGMENT(&c.out, 0, A, 6, 0xFFFFFF00u, 0);
    ARRIVE(&c, R, 0xFFFFFF00u + 65535u, 0, 0, 0); /* RCV.NXT + RCV.WND */
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    ARRIVE(&c, R, 0xFFFFFEFFu, 0, 0, 0); /* RCV.NXT - 1 */
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    ARRIVE(&c, R, 0xFFFFFF00u, 0, 0, 0);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    /* without RFC 5961: the last number of the window resets */
    conn_init(&c);
    c.cfg.rst_mitigation = 0;
    FX_AT(&c, FX_ESTABLISHED, 5, 0xFFFFFEFFu);
    ARRIVE(&c, R, 0xFFFFFF00u + 65534u, 0, 0, 0);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
}

/* The sequence test at the window edges, across the wrap. */
static void wrap_window_edges(void)
{
    conn c;
    conn_init(&c);
    FX_AT(&c, FX_ESTABLISHED, 5, 0xFFFFFEFFu);
    ARRIVE(&c, A, 0xFFFFFF00u + 65534u, 6, 0, 1000);
    EXPECT_NO_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    ARRIVE(&c, A, 0xFFFFFF00u + 65535u, 6, 0, 1000);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    /* text ending in the window across the wrap: kept from RCV.NXT on */
    ARRIVE(&c, A, 0xFFFFFEF0u, 6, 0x120, 1000);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_DATA);
    EXPECT_EQ(0x10, c.out.rcv_offset);
    EXPECT_EQ(0x110, c.out.rcv_len);
    EXPECT_EQ(0x10, c.t.rcv_nxt);
}

/* RFC 5961 s5 lower bound across the wrap: SND.UNA = 0x10, MAX.SND.WND 8192. */
static void wrap_ack_lower_bound(void)
{
    conn c;
    conn_init(&c);
    FX_AT(&c, FX_ESTABLISHED, 0x0F, 500);
    EXPECT_EQ(0x10, c.t.snd_una);
    ARRIVE(&c, A, 501, 0x10u - FX_PEER_WND, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK);
    EXPECT_SEGMENTS(&c.out, 0);
    ARRIVE(&c, A, 501, 0x10u - FX_PEER_WND - 1, 0, FX_PEER_WND);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OUT_OF_RANGE);
    EXPECT_SEGMENT(&c.out, 0, A, 0x10, 501, 0);
}

/* A whole connection over the wire with both ISSs just below the wrap. */
static void wrap_whole_connection(void)
{
    conn a, b;
    conn_init(&a);
    conn_init(&b);
    OPEN(&b, 0, 0);
    OPEN(&a, 1, 0xFFFFFFFFu);
    u_seg(&b, out_seg(&a, 0), 0xFFFFFFF0u, __FILE__, __LINE__);
    EXPECT_SEGMENT(&b.out, 0, S | A, 0xFFFFFFF0u, 0, 0);
    u_seg(&a, out_seg(&b, 0), 0, __FILE__, __LINE__);
    EXPECT_SEGMENT(&a.out, 0, A, 0, 0xFFFFFFF1u, 0);
    u_seg(&b, out_seg(&a, 0), 0, __FILE__, __LINE__);
    EXPECT_STATE(&b, TCPFSM_ESTABLISHED);
    SEND(&b, 20); /* crosses the wrap */
    EXPECT_SEGMENT(&b.out, 0, A, 0xFFFFFFF1u, 0, 20);
    u_seg(&a, out_seg(&b, 0), 0, __FILE__, __LINE__);
    EXPECT_EQ(0x5, a.t.rcv_nxt);
    u_seg(&b, out_seg(&a, 0), 0, __FILE__, __LINE__);
    EXPECT_EQ(0x5, b.t.snd_una);
    CLOSE(&b);
    EXPECT_SEGMENT(&b.out, 0, F | A, 0x5, 0, 0);
    u_seg(&a, out_seg(&b, 0), 0, __FILE__, __LINE__);
    EXPECT_STATE(&a, TCPFSM_CLOSE_WAIT);
    EXPECT_SEGMENT(&a.out, 0, A, 0, 0x6, 0);
    u_seg(&b, out_seg(&a, 0), 0, __FILE__, __LINE__);
    EXPECT_STATE(&b, TCPFSM_FIN_WAIT_2);
    CLOSE(&a);
    EXPECT_SEGMENT(&a.out, 0, F | A, 0, 0x6, 0);
    u_seg(&b, out_seg(&a, 0), 0, __FILE__, __LINE__);
    EXPECT_STATE(&b, TCPFSM_TIME_WAIT);
    EXPECT_SEGMENT(&b.out, 0, A, 0x6, 1, 0);
    u_seg(&a, out_seg(&b, 0), 0, __FILE__, __LINE__);
    EXPECT_CLOSED(&a, 0);
}

const unit_test unit_tests_wrap[] = {
    UNIT_CASE("wrap_fixtures (ISS=IRS=2^32-1)", wrap_fixtures, 0),
    UNIT_CASE("wrap_fixtures (ISS=IRS=2^32-2)", wrap_fixtures, 1),
    UNIT_CASE("wrap_fixtures (ISS=2^31-1, IRS=2^31)", wrap_fixtures, 2),
    UNIT_CASE("wrap_fixtures (ISS=0, IRS=2^32-1)", wrap_fixtures, 3),
    UNIT_TEST(wrap_handshake_iss_max),
    UNIT_TEST(wrap_handshake_irs_max),
    UNIT_TEST(wrap_data_send),
    UNIT_TEST(wrap_data_receive),
    UNIT_TEST(wrap_fin_ours),
    UNIT_TEST(wrap_fin_theirs),
    UNIT_TEST(wrap_rst_acceptability),
    UNIT_TEST(wrap_window_edges),
    UNIT_TEST(wrap_ack_lower_bound),
    UNIT_TEST(wrap_whole_connection),
    UNIT_END
};
