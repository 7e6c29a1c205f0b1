/* RFC 9293 figures 6 to 13, reproduced with two TCBs that exchange the
 * segments the core emits. Sequence numbers are the figures' own (each
 * side's ISS chosen so that they match). */
#include "unit.h"

#define A TCPFSM_ACK
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST

/* The wire: segment i of from's last output arrives at `to`. */
static void deliver(conn *from, int i, conn *to, uint32_t iss, const char *file, int line)
{
    tcpfsm_segment s;
    if (i >= from->out.segment_count) {
        unit_fail(file, line, "wire: no segment %d to deliver (%u emitted)", i,
                  from->out.segment_count);
        return;
    }
    s = from->out.segment[i];
    u_seg(to, s, iss, file, line);
}
#define DELIVER(from, i, to) deliver((from), (i), (to), 0, __FILE__, __LINE__)
#define DELIVER_ISS(from, i, to, iss) deliver((from), (i), (to), (iss), __FILE__, __LINE__)

/* A real handshake between an active `a` (ISS ia) and a passive `b` (ISS ib). */
static void handshake(conn *a, conn *b, uint32_t ia, uint32_t ib, const char *file, int line)
{
    conn_init(a);
    conn_init(b);
    u_open(b, 0, 0, file, line);
    u_open(a, 1, ia, file, line);
    deliver(a, 0, b, ib, file, line);
    deliver(b, 0, a, 0, file, line);
    deliver(a, 0, b, 0, file, line);
    u_expect_state(a, TCPFSM_ESTABLISHED, file, line);
    u_expect_state(b, TCPFSM_ESTABLISHED, file, line);
}

/* Figure 6: Basic Three-Way Handshake for Connection Synchronization. */
static void figure_6_three_way_handshake(void)
{
    conn a, b;
    conn_init(&a);
    conn_init(&b);
    /* 1. CLOSED  LISTEN */
    OPEN(&b, 0, 0);
    EXPECT_STATE(&b, TCPFSM_LISTEN);
    /* 2. SYN-SENT --> <SEQ=100><CTL=SYN> --> SYN-RECEIVED */
    OPEN(&a, 1, 100);
    EXPECT_STATE(&a, TCPFSM_SYN_SENT);
    EXPECT_SEGMENT(&a.out, 0, S, 100, 0, 0);
    DELIVER_ISS(&a, 0, &b, 300);
    EXPECT_STATE(&b, TCPFSM_SYN_RECEIVED);
    /* 3. ESTABLISHED <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED */
    EXPECT_SEGMENTS(&b.out, 1);
    EXPECT_SEGMENT(&b.out, 0, S | A, 300, 101, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_ESTABLISHED);
    EXPECT_NOTIFY(&a.out, TCPFSM_N_ESTABLISHED);
    /* 4. ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK> --> ESTABLISHED */
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, A, 101, 301, 0);
    DELIVER(&a, 0, &b);
    EXPECT_STATE(&b, TCPFSM_ESTABLISHED);
    EXPECT_NOTIFY(&b.out, TCPFSM_N_ESTABLISHED);
    /* 5. ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK><DATA> --> ESTABLISHED */
    SEND(&a, 10);
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, A, 101, 301, 10);
    DELIVER(&a, 0, &b);
    EXPECT_STATE(&b, TCPFSM_ESTABLISHED);
    EXPECT_NOTIFY(&b.out, TCPFSM_N_DATA);
    EXPECT_EQ(111, b.t.rcv_nxt);
    /* B's acknowledgment of the data completes the exchange */
    EXPECT_SEGMENT(&b.out, 0, A, 301, 111, 0);
    DELIVER(&b, 0, &a);
    EXPECT_NOTIFY(&a.out, TCPFSM_N_ACKED);
    EXPECT_EQ(10, a.out.acked);
    EXPECT_EQ(111, a.t.snd_una);
}

/* Figure 7: Simultaneous Connection Synchronization (MUST-10).
 * Note: by the sequence test of 3.10.7.4 (SEG.LEN counts the SYN), the
 * SYN,ACK of lines 6 and 7 lies wholly below RCV.NXT, so each side answers
 * it with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and that ACK, not the SYN,ACK,
 * completes the handshake; the figure compresses this. We check the figure's
 * segments and its end states. */
static void figure_7_simultaneous_open(void)
{
    conn a, b;
    tcpfsm_segment a_syn, a_ack, b_ack;
    conn_init(&a);
    conn_init(&b);
    /* 2. SYN-SENT --> <SEQ=100><CTL=SYN> ... */
    OPEN(&a, 1, 100);
    EXPECT_SEGMENT(&a.out, 0, S, 100, 0, 0);
    a_syn = out_seg(&a, 0);
    /* 3. SYN-RECEIVED <-- <SEQ=300><CTL=SYN> <-- SYN-SENT */
    OPEN(&b, 1, 300);
    EXPECT_SEGMENT(&b.out, 0, S, 300, 0, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_SYN_RECEIVED);
    /* 5. SYN-RECEIVED --> <SEQ=100><ACK=301><CTL=SYN,ACK> ... */
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, S | A, 100, 301, 0);
    /* 4. ... <SEQ=100><CTL=SYN> --> SYN-RECEIVED */
    {
        tcpfsm_segment a_synack = out_seg(&a, 0);
        u_seg(&b, a_syn, 0, __FILE__, __LINE__);
        EXPECT_STATE(&b, TCPFSM_SYN_RECEIVED);
        /* 6. <-- <SEQ=300><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED */
        EXPECT_SEGMENTS(&b.out, 1);
        EXPECT_SEGMENT(&b.out, 0, S | A, 300, 101, 0);
        DELIVER(&b, 0, &a);
        EXPECT(a.t.state == TCPFSM_SYN_RECEIVED || a.t.state == TCPFSM_ESTABLISHED);
        EXPECT_SEGMENTS(&a.out, 1);
        EXPECT_SEGMENT(&a.out, 0, A, 101, 301, 0);
        a_ack = out_seg(&a, 0);
        /* 7. ... <SEQ=100><ACK=301><CTL=SYN,ACK> --> */
        u_seg(&b, a_synack, 0, __FILE__, __LINE__);
        EXPECT(b.t.state == TCPFSM_SYN_RECEIVED || b.t.state == TCPFSM_ESTABLISHED);
        EXPECT_SEGMENTS(&b.out, 1);
        EXPECT_SEGMENT(&b.out, 0, A, 301, 101, 0);
        b_ack = out_seg(&b, 0);
    }
    /* the ACKs cross: both ESTABLISHED */
    u_seg(&b, a_ack, 0, __FILE__, __LINE__);
    u_seg(&a, b_ack, 0, __FILE__, __LINE__);
    EXPECT_STATE(&a, TCPFSM_ESTABLISHED);
    EXPECT_STATE(&b, TCPFSM_ESTABLISHED);
    EXPECT_EQ(101, a.t.snd_nxt);
    EXPECT_EQ(301, a.t.rcv_nxt);
    EXPECT_EQ(301, b.t.snd_nxt);
    EXPECT_EQ(101, b.t.rcv_nxt);
    EXPECT_EQ(101, a.t.snd_una);
    EXPECT_EQ(301, b.t.snd_una);
}

/* Figure 8: Recovery from Old Duplicate SYN. */
static void figure_8_old_duplicate_syn(void)
{
    conn a, b;
    tcpfsm_segment a_syn;
    conn_init(&a);
    conn_init(&b);
    OPEN(&b, 0, 0);
    /* 2. SYN-SENT --> <SEQ=100><CTL=SYN> ... */
    OPEN(&a, 1, 100);
    a_syn = out_seg(&a, 0);
    /* 3. (duplicate) ... <SEQ=90><CTL=SYN> --> SYN-RECEIVED */
    ARRIVE_ISS(&b, seg(S, 90, 0, 0, 1000), 300);
    EXPECT_STATE(&b, TCPFSM_SYN_RECEIVED);
    /* 4. SYN-SENT <-- <SEQ=300><ACK=91><CTL=SYN,ACK> <-- SYN-RECEIVED */
    EXPECT_SEGMENT(&b.out, 0, S | A, 300, 91, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_SYN_SENT);
    /* 5. SYN-SENT --> <SEQ=91><CTL=RST> --> LISTEN */
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, R, 91, 0, 0);
    DELIVER(&a, 0, &b);
    EXPECT_STATE(&b, TCPFSM_LISTEN);
    /* 6. ... <SEQ=100><CTL=SYN> --> SYN-RECEIVED */
    ARRIVE_ISS(&b, a_syn, 400);
    EXPECT_STATE(&b, TCPFSM_SYN_RECEIVED);
    /* 7. ESTABLISHED <-- <SEQ=400><ACK=101><CTL=SYN,ACK> <-- SYN-RECEIVED */
    EXPECT_SEGMENT(&b.out, 0, S | A, 400, 101, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_ESTABLISHED);
    /* 8. ESTABLISHED --> <SEQ=101><ACK=401><CTL=ACK> --> ESTABLISHED */
    EXPECT_SEGMENT(&a.out, 0, A, 101, 401, 0);
    DELIVER(&a, 0, &b);
    EXPECT_STATE(&b, TCPFSM_ESTABLISHED);
}

/* Figure 9: Half-Open Connection Discovery. B: "send 300, receive 100". */
static void figure_9_half_open_discovery(int rfc793)
{
    conn a, b;
    conn_init(&a);
    conn_init(&b);
    if (rfc793) {
        /* the RFC's narrative: the SYN is outside B's window, no RFC 5961 */
        b.cfg.rcv_wnd = 200;
        b.cfg.syn_mitigation = 0;
        b.cfg.rst_mitigation = 0;
    }
    FX_AT(&b, FX_ESTABLISHED, 299, 99);
    EXPECT_EQ(300, b.t.snd_nxt);
    EXPECT_EQ(100, b.t.rcv_nxt);
    /* 2./3. CLOSED, SYN-SENT --> <SEQ=400><CTL=SYN> --> (??) */
    OPEN(&a, 1, 400);
    EXPECT_SEGMENT(&a.out, 0, S, 400, 0, 0);
    DELIVER(&a, 0, &b);
    EXPECT_STATE(&b, TCPFSM_ESTABLISHED);
    /* 4. (!!) <-- <SEQ=300><ACK=100><CTL=ACK> <-- ESTABLISHED */
    EXPECT_SEGMENTS(&b.out, 1);
    EXPECT_SEGMENT(&b.out, 0, A, 300, 100, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_SYN_SENT);
    /* 5. SYN-SENT --> <SEQ=100><CTL=RST> --> (Abort!!) */
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, R, 100, 0, 0);
    DELIVER(&a, 0, &b);
    /* 6. SYN-SENT  CLOSED */
    EXPECT_CLOSED(&b, TCPFSM_ERR_RESET);
    EXPECT_NOTIFY(&b.out, TCPFSM_N_RESET | TCPFSM_N_CLOSED);
    EXPECT_STATE(&a, TCPFSM_SYN_SENT);
    /* 7. SYN-SENT --> <SEQ=400><CTL=SYN> --> */
    FIRE(&a, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_SEGMENT(&a.out, 0, S, 400, 0, 0);
}

/* Figure 10: Active Side Causes Half-Open Connection Discovery. */
static void figure_10_active_side_half_open(void)
{
    conn a, b;
    conn_init(&a);
    conn_init(&b);
    FX_AT(&b, FX_ESTABLISHED, 299, 99);
    /* 2. (??) <-- <SEQ=300><ACK=100><DATA=10><CTL=ACK> <-- ESTABLISHED */
    SEND(&b, 10);
    EXPECT_SEGMENT(&b.out, 0, A, 300, 100, 10);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_CLOSED);
    /* 3. --> <SEQ=100><CTL=RST> --> (ABORT!!) */
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, R, 100, 0, 0);
    DELIVER(&a, 0, &b);
    EXPECT_CLOSED(&b, TCPFSM_ERR_RESET);
    EXPECT_NOTIFY(&b.out, TCPFSM_N_RESET | TCPFSM_N_CLOSED);
}

/* Figure 11: Old Duplicate SYN Initiates a Reset on Two Passive Sockets. */
static void figure_11_two_passive_sockets(void)
{
    conn a, b;
    const uint32_t Z = 70000, X = 123456;
    conn_init(&a);
    conn_init(&b);
    /* 1. LISTEN LISTEN */
    OPEN(&a, 0, 0);
    OPEN(&b, 0, 0);
    /* 2. ... <SEQ=Z><CTL=SYN> --> SYN-RECEIVED */
    ARRIVE_ISS(&b, seg(S, Z, 0, 0, 1000), X);
    EXPECT_STATE(&b, TCPFSM_SYN_RECEIVED);
    /* 3. (??) <-- <SEQ=X><ACK=Z+1><CTL=SYN,ACK> <-- SYN-RECEIVED */
    EXPECT_SEGMENT(&b.out, 0, S | A, X, Z + 1, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_LISTEN);
    /* 4. --> <SEQ=Z+1><CTL=RST> --> (return to LISTEN!) */
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, R, Z + 1, 0, 0);
    DELIVER(&a, 0, &b);
    /* 5. LISTEN LISTEN */
    EXPECT_STATE(&a, TCPFSM_LISTEN);
    EXPECT_STATE(&b, TCPFSM_LISTEN);
    EXPECT_NOTIFY(&b.out, TCPFSM_N_LISTEN);
}

/* Figure 12: Normal Close Sequence. */
static void figure_12_normal_close(void)
{
    conn a, b;
    handshake(&a, &b, 99, 299, __FILE__, __LINE__);
    /* 2. (Close) FIN-WAIT-1 --> <SEQ=100><ACK=300><CTL=FIN,ACK> --> CLOSE-WAIT */
    CLOSE(&a);
    EXPECT_STATE(&a, TCPFSM_FIN_WAIT_1);
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, F | A, 100, 300, 0);
    DELIVER(&a, 0, &b);
    EXPECT_STATE(&b, TCPFSM_CLOSE_WAIT);
    EXPECT_NOTIFY(&b.out, TCPFSM_N_REMOTE_CLOSE);
    /* 3. FIN-WAIT-2 <-- <SEQ=300><ACK=101><CTL=ACK> <-- CLOSE-WAIT */
    EXPECT_SEGMENTS(&b.out, 1);
    EXPECT_SEGMENT(&b.out, 0, A, 300, 101, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_FIN_WAIT_2);
    EXPECT_NOTIFY(&a.out, TCPFSM_N_CLOSE_ACKED);
    /* 4. (Close) TIME-WAIT <-- <SEQ=300><ACK=101><CTL=FIN,ACK> <-- LAST-ACK */
    CLOSE(&b);
    EXPECT_STATE(&b, TCPFSM_LAST_ACK);
    EXPECT_SEGMENTS(&b.out, 1);
    EXPECT_SEGMENT(&b.out, 0, F | A, 300, 101, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_TIME_WAIT);
    /* 5. TIME-WAIT --> <SEQ=101><ACK=301><CTL=ACK> --> CLOSED */
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, A, 101, 301, 0);
    EXPECT_TIMER(&a.out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2 * a.cfg.msl_ms);
    DELIVER(&a, 0, &b);
    EXPECT_CLOSED(&b, 0);
    /* 6. (2 MSL) CLOSED */
    FIRE(&a, TCPFSM_TIMER_TIME_WAIT);
    EXPECT_CLOSED(&a, 0);
}

/* Figure 13: Simultaneous Close Sequence. */
static void figure_13_simultaneous_close(void)
{
    conn a, b;
    tcpfsm_segment a_fin, b_fin, a_ack, b_ack;
    handshake(&a, &b, 99, 299, __FILE__, __LINE__);
    /* 2. (Close) FIN-WAIT-1 --> <SEQ=100><ACK=300><CTL=FIN,ACK> ... FIN-WAIT-1
     *            <-- <SEQ=300><ACK=100><CTL=FIN,ACK> <-- */
    CLOSE(&a);
    EXPECT_SEGMENT(&a.out, 0, F | A, 100, 300, 0);
    a_fin = out_seg(&a, 0);
    CLOSE(&b);
    EXPECT_SEGMENT(&b.out, 0, F | A, 300, 100, 0);
    b_fin = out_seg(&b, 0);
    EXPECT_STATE(&a, TCPFSM_FIN_WAIT_1);
    EXPECT_STATE(&b, TCPFSM_FIN_WAIT_1);
    /* 3. CLOSING --> <SEQ=101><ACK=301><CTL=ACK> ... CLOSING
     *            <-- <SEQ=301><ACK=101><CTL=ACK> <-- */
    u_seg(&a, b_fin, 0, __FILE__, __LINE__);
    EXPECT_STATE(&a, TCPFSM_CLOSING);
    EXPECT_SEGMENT(&a.out, 0, A, 101, 301, 0);
    a_ack = out_seg(&a, 0);
    u_seg(&b, a_fin, 0, __FILE__, __LINE__);
    EXPECT_STATE(&b, TCPFSM_CLOSING);
    EXPECT_SEGMENT(&b.out, 0, A, 301, 101, 0);
    b_ack = out_seg(&b, 0);
    /* 4. TIME-WAIT TIME-WAIT */
    u_seg(&a, b_ack, 0, __FILE__, __LINE__);
    u_seg(&b, a_ack, 0, __FILE__, __LINE__);
    EXPECT_STATE(&a, TCPFSM_TIME_WAIT);
    EXPECT_STATE(&b, TCPFSM_TIME_WAIT);
    /* (2 MSL) CLOSED CLOSED */
    FIRE(&a, TCPFSM_TIMER_TIME_WAIT);
    FIRE(&b, TCPFSM_TIMER_TIME_WAIT);
    EXPECT_CLOSED(&a, 0);
    EXPECT_CLOSED(&b, 0);
}

/* A lost final ACK of figure 12: B retransmits its FIN, A in TIME-WAIT
 * acknowledges it again and restarts 2MSL. */
static void figure_12_lost_last_ack(void)
{
    conn a, b;
    handshake(&a, &b, 99, 299, __FILE__, __LINE__);
    CLOSE(&a);
    DELIVER(&a, 0, &b);
    DELIVER(&b, 0, &a);
    CLOSE(&b);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_TIME_WAIT);
    /* the ACK is lost; B's timer fires */
    FIRE(&b, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_SEGMENT(&b.out, 0, F | A, 300, 101, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_TIME_WAIT);
    EXPECT_SEGMENT(&a.out, 0, A, 101, 301, 0);
    EXPECT_TIMER(&a.out, TCPFSM_TIMER_TIME_WAIT, TCPFSM_TIMER_ARM, 2 * a.cfg.msl_ms);
    DELIVER(&a, 0, &b);
    EXPECT_CLOSED(&b, 0);
}

/* Figure 6 with line 4 lost: B retransmits its SYN,ACK, A (ESTABLISHED)
 * finds it below RCV.NXT and acknowledges again; B reaches ESTABLISHED. */
static void figure_6_lost_final_ack(void)
{
    conn a, b;
    conn_init(&a);
    conn_init(&b);
    OPEN(&b, 0, 0);
    OPEN(&a, 1, 100);
    DELIVER_ISS(&a, 0, &b, 300);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_ESTABLISHED);
    /* <SEQ=101><ACK=301><CTL=ACK> is lost */
    FIRE(&b, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_SEGMENT(&b.out, 0, S | A, 300, 101, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENTS(&a.out, 1);
    EXPECT_SEGMENT(&a.out, 0, A, 101, 301, 0);
    DELIVER(&a, 0, &b);
    EXPECT_STATE(&b, TCPFSM_ESTABLISHED);
}

/* Half close: A closes, B keeps sending in CLOSE-WAIT, A (FIN-WAIT-2)
 * receives it, then B closes. */
static void half_close_data_flows(void)
{
    conn a, b;
    handshake(&a, &b, 99, 299, __FILE__, __LINE__);
    CLOSE(&a);
    DELIVER(&a, 0, &b);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_FIN_WAIT_2);
    EXPECT_STATE(&b, TCPFSM_CLOSE_WAIT);
    SEND(&b, 40);
    EXPECT_SEGMENT(&b.out, 0, A, 300, 101, 40);
    DELIVER(&b, 0, &a);
    EXPECT_NOTIFY(&a.out, TCPFSM_N_DATA);
    EXPECT_EQ(340, a.t.rcv_nxt);
    EXPECT_SEGMENT(&a.out, 0, A, 101, 340, 0);
    DELIVER(&a, 0, &b);
    EXPECT_EQ(40, b.out.acked);
    CLOSE(&b);
    EXPECT_SEGMENT(&b.out, 0, F | A, 340, 101, 0);
    DELIVER(&b, 0, &a);
    EXPECT_STATE(&a, TCPFSM_TIME_WAIT);
    DELIVER(&a, 0, &b);
    EXPECT_CLOSED(&b, 0);
}

/* Both sides send at once: the data segments cross, each carries the
 * other's old ACK, and each side's ACK then covers the other's data. */
static void crossing_data(void)
{
    conn a, b;
    tcpfsm_segment a_data, b_data, a_ack, b_ack;
    handshake(&a, &b, 99, 299, __FILE__, __LINE__);
    SEND(&a, 50);
    EXPECT_SEGMENT(&a.out, 0, A, 100, 300, 50);
    a_data = out_seg(&a, 0);
    SEND(&b, 70);
    EXPECT_SEGMENT(&b.out, 0, A, 300, 100, 70);
    b_data = out_seg(&b, 0);
    u_seg(&a, b_data, 0, __FILE__, __LINE__);
    EXPECT_NOTIFY(&a.out, TCPFSM_N_DATA);
    EXPECT_SEGMENT(&a.out, 0, A, 150, 370, 0);
    a_ack = out_seg(&a, 0);
    u_seg(&b, a_data, 0, __FILE__, __LINE__);
    EXPECT_NOTIFY(&b.out, TCPFSM_N_DATA);
    EXPECT_SEGMENT(&b.out, 0, A, 370, 150, 0);
    b_ack = out_seg(&b, 0);
    u_seg(&b, a_ack, 0, __FILE__, __LINE__);
    EXPECT_EQ(70, b.out.acked);
    u_seg(&a, b_ack, 0, __FILE__, __LINE__);
    EXPECT_EQ(50, a.out.acked);
    EXPECT_EQ(150, a.t.snd_una);
    EXPECT_EQ(370, b.t.snd_una);
}

/* A bulk transfer over the wire: every byte B is told about is a byte A
 * sent, in order, and all of it is acknowledged. */
static void wire_bulk_transfer(void)
{
    conn a, b;
    uint32_t delivered = 0, total = 5000;
    int rounds = 0, i;
    handshake(&a, &b, 99, 299, __FILE__, __LINE__);
    SEND(&a, total);
    while (a.out.segment_count > 0 && rounds++ < 100) {
        tcpfsm_output burst = a.out;
        tcpfsm_segment ack = seg(0, 0, 0, 0, 0);
        int have_ack = 0;
        for (i = 0; i < burst.segment_count; i++) {
            u_seg(&b, burst.segment[i], 0, __FILE__, __LINE__);
            if (b.out.notify & TCPFSM_N_DATA) {
                /* the new bytes start exactly after the ones delivered so far */
                EXPECT_EQ(100 + delivered, burst.segment[i].seq + b.out.rcv_offset);
                delivered += b.out.rcv_len;
            }
            if (b.out.segment_count > 0) {
                ack = b.out.segment[b.out.segment_count - 1];
                have_ack = 1;
            }
            if (b.t.rcv_unread > 0) RECEIVE(&b, b.t.rcv_unread);
            if (b.out.segment_count > 0) {
                ack = b.out.segment[b.out.segment_count - 1];
                have_ack = 1;
            }
        }
        if (!EXPECT(have_ack)) break;
        u_seg(&a, ack, 0, __FILE__, __LINE__);
    }
    EXPECT_EQ(total, delivered);
    EXPECT_EQ(100 + total, a.t.snd_una);
    EXPECT_EQ(100 + total, b.t.rcv_nxt);
    EXPECT_EQ(0, a.t.snd_queued);
}

const unit_test unit_tests_figures[] = {
    UNIT_TEST(figure_6_three_way_handshake),
    UNIT_TEST(figure_7_simultaneous_open),
    UNIT_TEST(figure_8_old_duplicate_syn),
    UNIT_CASE("figure_9_half_open_discovery (RFC 5961)", figure_9_half_open_discovery, 0),
    UNIT_CASE("figure_9_half_open_discovery (RFC 793 window)", figure_9_half_open_discovery, 1),
    UNIT_TEST(figure_10_active_side_half_open),
    UNIT_TEST(figure_11_two_passive_sockets),
    UNIT_TEST(figure_12_normal_close),
    UNIT_TEST(figure_13_simultaneous_close),
    UNIT_TEST(figure_12_lost_last_ack),
    UNIT_TEST(figure_6_lost_final_ack),
    UNIT_TEST(half_close_data_flows),
    UNIT_TEST(crossing_data),
    UNIT_TEST(wire_bulk_transfer),
    UNIT_END
};
