/* SEGMENT ARRIVES in the unsynchronized states (RFC 9293 3.10.7.1 - 3.10.7.3,
 * and 3.10.7.4 for SYN-RECEIVED). */
#include "unit.h"

#define A TCPFSM_ACK
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST

/* Tests for the CLOSED state. */

/* 3.10.7.1: "An incoming segment containing a RST is discarded." */
static void closed_rst_is_discarded(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSED);
    ARRIVE(&c, R, 100, 0, 0, 0);
    EXPECT_OK(&c);
    EXPECT_SEGMENTS(&c.out, 0);
    ARRIVE(&c, R | A, 100, 200, 0, 0);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_CLOSED);
}

/* "If the ACK bit is off, sequence number zero is used,
 *  <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>" */
static void closed_no_ack_gets_rst_ack(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSED);
    ARRIVE(&c, S, 100, 0, 0, 0);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R | A, 0, 101, 0); /* SEG.LEN counts the SYN */
    ARRIVE(&c, 0, 100, 0, 10, 0);
    EXPECT_SEGMENT(&c.out, 0, R | A, 0, 110, 0);
    ARRIVE(&c, F, 100, 0, 10, 0);
    EXPECT_SEGMENT(&c.out, 0, R | A, 0, 111, 0); /* and the FIN */
    ARRIVE(&c, S | F, 100, 0, 10, 0);
    EXPECT_SEGMENT(&c.out, 0, R | A, 0, 112, 0); /* both */
    EXPECT_STATE(&c, TCPFSM_CLOSED);
}

/* "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>" */
static void closed_ack_gets_rst_at_seg_ack(void)
{
    conn c;
    FX_NEW(&c, FX_CLOSED);
    ARRIVE(&c, A, 100, 4242, 5, 0);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R, 4242, 0, 0);
    ARRIVE(&c, S | A, 100, 99, 0, 0);
    EXPECT_SEGMENT(&c.out, 0, R, 99, 0, 0);
    EXPECT_STATE(&c, TCPFSM_CLOSED);
}

/* drop_synfin does not apply to CLOSED: SYN+FIN still gets its RST. */
static void closed_synfin_answered_even_with_drop_synfin(void)
{
    conn c;
    conn_init(&c);
    c.cfg.drop_synfin = 1;
    ARRIVE(&c, S | F, 7, 0, 0, 0);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R | A, 0, 9, 0);
}

/* Tests for the LISTEN state. */

/* 3.10.7.2 first: "An incoming RST segment could not be valid ... should be ignored." */
static void listen_rst_ignored(void)
{
    conn c;
    FX_NEW(&c, FX_LISTEN);
    ARRIVE(&c, R, 100, 0, 0, 0);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    ARRIVE(&c, R | S, 100, 0, 0, 0);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
}

/* second: "Any acknowledgment is bad ... <SEQ=SEG.ACK><CTL=RST>" */
static void listen_ack_answered_by_rst(void)
{
    conn c;
    FX_NEW(&c, FX_LISTEN);
    ARRIVE(&c, A, 100, 555, 0, 1000);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R, 555, 0, 0);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_BAD_ACK);
    /* a SYN,ACK is an ACK first */
    ARRIVE(&c, S | A, 100, 556, 0, 1000);
    EXPECT_SEGMENT(&c.out, 0, R, 556, 0, 0);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
}

/* third: SYN -> RCV.NXT = SEG.SEQ+1, IRS = SEG.SEQ,
 * <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SND.NXT = ISS+1, SND.UNA = ISS. */
static void listen_syn_to_syn_received(void)
{
    conn c;
    FX_NEW(&c, FX_LISTEN);
    ARRIVE_ISS(&c, seg(S, 300, 0, 0, 2000), 900);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, S | A, 900, 301, 0);
    EXPECT_EQ(c.t.rcv_wnd, c.out.segment[0].wnd);
    EXPECT_EQ(300, c.t.irs);
    EXPECT_EQ(301, c.t.rcv_nxt);
    EXPECT_EQ(900, c.t.iss);
    EXPECT_EQ(900, c.t.snd_una);
    EXPECT_EQ(901, c.t.snd_nxt);
    EXPECT(U_PASSIVE(&c.t));
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_ARM, c.cfg.rto_initial_ms);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_USER, TCPFSM_TIMER_ARM, c.cfg.user_timeout_ms);
}

/* Text and FIN on the SYN are not kept (semantics.md): RCV.NXT = SEG.SEQ+1. */
static void listen_syn_with_text_and_fin_not_kept(void)
{
    conn c;
    FX_NEW(&c, FX_LISTEN);
    ARRIVE_ISS(&c, seg(S | F, 300, 0, 50, 2000), 900);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EQ(301, c.t.rcv_nxt);
    EXPECT_EQ(0, c.t.rcv_unread);
    EXPECT_SEGMENT(&c.out, 0, S | A, 900, 301, 0);
    EXPECT(!(c.out.notify & (TCPFSM_N_DATA | TCPFSM_N_REMOTE_CLOSE)));
}

/* fourth: "Any other control or text-bearing segment (not containing SYN)
 * must have an ACK and thus would have been discarded" */
static void listen_other_segments_dropped(void)
{
    conn c;
    FX_NEW(&c, FX_LISTEN);
    ARRIVE(&c, 0, 300, 0, 10, 2000);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    ARRIVE(&c, F, 300, 0, 0, 2000);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
}

/* drop_synfin on: SYN+FIN in LISTEN is dropped. */
static void listen_synfin_dropped_with_drop_synfin(void)
{
    conn c;
    conn_init(&c);
    c.cfg.drop_synfin = 1;
    FX(&c, FX_LISTEN);
    ARRIVE_ISS(&c, seg(S | F, 300, 0, 0, 2000), 900);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_DROP);
}

/* Tests for the SYN-SENT state. */

/* 3.10.7.3 first: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset
 * <SEQ=SEG.ACK><CTL=RST> and discard the segment." */
static void syn_sent_unacceptable_ack_gets_rst(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, A, FX_IRS, FX_ISS, 0, 1000); /* = ISS */
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R, FX_ISS, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
    ARRIVE(&c, S | A, FX_IRS, FX_ISS + 2, 0, 1000); /* > SND.NXT */
    EXPECT_SEGMENT(&c.out, 0, R, FX_ISS + 2, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
    ARRIVE(&c, A, FX_IRS, FX_ISS - 100, 0, 1000); /* well below */
    EXPECT_SEGMENT(&c.out, 0, R, FX_ISS - 100, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
}

/* "If the RST bit is set ... if the ACK was acceptable, then signal to the
 * user "error: connection reset", drop the segment, enter CLOSED"; semantics.md
 * names it "connection refused". */
static void syn_sent_rst_with_acceptable_ack_refused(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, R | A, 0, FX_ISS + 1, 0, 0);
    EXPECT_OK(&c);
    EXPECT_CLOSED(&c, TCPFSM_ERR_REFUSED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_REFUSED | TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
}

/* "If the RST bit is set ... Otherwise (no ACK), drop the segment and return." */
static void syn_sent_rst_without_ack_dropped(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, R, FX_IRS, 0, 0, 0);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
    EXPECT_EQ(0, c.out.notify);
}

/* RST with an unacceptable ACK: dropped, no RST answers a RST. */
static void syn_sent_rst_with_bad_ack_dropped(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, R | A, 0, FX_ISS + 5, 0, 0);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
}

/* fourth: SYN with our SYN acked -> ESTABLISHED, <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. */
static void syn_sent_syn_ack_establishes(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 0, 3000);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
    EXPECT_EQ(FX_IRS, c.t.irs);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
    EXPECT_EQ(3000, c.t.snd_wnd);
    EXPECT_EQ(FX_IRS, c.t.snd_wl1);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_wl2);
    /* nothing in flight any more */
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
}

/* SYN,ACK with text: the text starts at SEG.SEQ+1 and is delivered. */
static void syn_sent_syn_ack_with_text(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 25, 3000);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED | TCPFSM_N_DATA);
    EXPECT_EQ(0, c.out.rcv_offset);
    EXPECT_EQ(25, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 26, c.t.rcv_nxt);
    EXPECT_EQ(25, c.t.rcv_unread);
    EXPECT_SEGMENTS(&c.out, 1); /* one ACK covers the SYN and the text */
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 26, 0);
}

/* SYN,ACK,FIN: ESTABLISHED, then the FIN -> CLOSE-WAIT in one call. */
static void syn_sent_syn_ack_fin_to_close_wait(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, S | A | F, FX_IRS, FX_ISS + 1, 0, 3000);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED | TCPFSM_N_REMOTE_CLOSE);
    EXPECT_EQ(FX_IRS + 2, c.t.rcv_nxt); /* SYN and FIN: one number each */
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 2, 0);
}

/* "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment
 * <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>" (simultaneous open, MUST-10). */
static void syn_sent_bare_syn_simultaneous_open(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, S, FX_IRS, 0, 0, 3000);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT(!U_PASSIVE(&c.t));
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, S | A, FX_ISS, FX_IRS + 1, 0);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_nxt); /* the SYN is not a second number */
    /* nothing new in flight, the SYN's timer keeps running (semantics.md) */
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_KEEP, 0);
}

/* fifth: "If neither of the SYN or RST bits is set, then drop the segment." */
static void syn_sent_no_syn_no_rst_dropped(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, A, FX_IRS, FX_ISS + 1, 0, 3000);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
    ARRIVE(&c, 0, FX_IRS, 0, 10, 3000);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
}

static void syn_sent_synfin_dropped_with_drop_synfin(void)
{
    conn c;
    conn_init(&c);
    c.cfg.drop_synfin = 1;
    FX(&c, FX_SYN_SENT);
    ARRIVE(&c, S | A | F, FX_IRS, FX_ISS + 1, 0, 3000);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
}

/* Text on a SYN in SYN-SENT (simultaneous open): "If there are other
 * controls or text in the segment, queue them for processing after the
 * ESTABLISHED state has been reached" (3.10.7.3 fourth). The core keeps no
 * bytes: N_HOLD tells the embedder to keep payload bytes [0, held_len) of
 * this SYN, N_HELD_DATA that they are now data (docs/semantics.md, "Text on
 * a SYN"). Until then RCV.NXT stays IRS+1: the text is not acknowledged. */

/* The peer, simultaneous open with text: SYN carrying `len` bytes at `irs`. */
static void syn_with_text(conn *c, uint32_t irs, uint32_t len)
{
    ARRIVE(c, S, irs, 0, len, 3000);
    EXPECT_OK(c);
    EXPECT_STATE(c, TCPFSM_SYN_RECEIVED);
    EXPECT(!U_PASSIVE(&c->t));
}

static void syn_sent_syn_with_text_held(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 25);
    EXPECT_EQ(TCPFSM_N_HOLD, c.out.notify);
    EXPECT_EQ(25, c.out.held_len);
    EXPECT_EQ(0, c.out.rcv_len);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, S | A, FX_ISS, FX_IRS + 1, 0); /* acks the SYN only */
    EXPECT_EQ(c.cfg.rcv_wnd, c.out.segment[0].wnd);
    EXPECT_EQ(FX_IRS, c.t.irs);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_EQ(c.cfg.rcv_wnd, c.t.rcv_wnd);
    EXPECT_EQ(0, c.t.rcv_unread);
    EXPECT_EQ(25, c.t.syn_text);
    /* nothing readable before ESTABLISHED: RECEIVE of one byte is refused */
    RECEIVE(&c, 1);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    /* a retransmission of our SYN,ACK still acks IRS+1 and keeps the text */
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_SEGMENT(&c.out, 0, S | A, FX_ISS, FX_IRS + 1, 0);
    EXPECT_EQ(25, c.t.syn_text);
    /* the peer's ACK of our SYN, after its text: ESTABLISHED, the held text
     * is data; RCV.NXT, RCV.WND and the unread count move by 25, and no ACK
     * is forced (the next segment we send carries it) */
    ARRIVE(&c, A, FX_IRS + 26, FX_ISS + 1, 0, 3000);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA, c.out.notify);
    EXPECT_EQ(25, c.out.held_len);
    EXPECT_EQ(0, c.out.rcv_len);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(FX_IRS + 26, c.t.rcv_nxt);
    EXPECT_EQ(c.cfg.rcv_wnd - 25, c.t.rcv_wnd);
    EXPECT_EQ(25, c.t.rcv_unread);
    EXPECT_EQ(0, c.t.syn_text);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
    /* the next segment acknowledges the text */
    SEND(&c, 4);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 26, 4);
    RECEIVE(&c, 25);
    EXPECT_OK(&c);
    EXPECT_EQ(c.cfg.rcv_wnd, c.t.rcv_wnd);
    EXPECT_EQ(0, c.t.rcv_unread);
}

/* The ACK of our SYN carries the text again (the peer retransmits from
 * IRS+1) and 10 bytes more: the held 25 first, then N_DATA for payload
 * bytes [25, 35) of this segment, one ACK for all. */
static void syn_sent_held_text_then_more_data(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 25);
    ARRIVE(&c, A | TCPFSM_PSH, FX_IRS + 1, FX_ISS + 1, 35, 3000);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA | TCPFSM_N_DATA, c.out.notify);
    EXPECT_EQ(25, c.out.held_len);
    EXPECT_EQ(25, c.out.rcv_offset);
    EXPECT_EQ(10, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 36, c.t.rcv_nxt);
    EXPECT_EQ(35, c.t.rcv_unread);
    EXPECT_EQ(c.cfg.rcv_wnd - 35, c.t.rcv_wnd);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 36, 0);
}

/* The same across 2^32: IRS = 2^32 - 16, 40 bytes of text wrap RCV.NXT. */
static void syn_sent_held_text_wraps(void)
{
    conn c;
    const uint32_t irs = 0xFFFFFFF0u, iss = 0xFFFFFFFFu;
    conn_init(&c);
    FX_AT(&c, FX_SYN_SENT, iss, irs);
    syn_with_text(&c, irs, 40);
    EXPECT_EQ(40, c.out.held_len);
    EXPECT_SEGMENT(&c.out, 0, S | A, iss, 0xFFFFFFF1u, 0);
    ARRIVE(&c, A, irs + 41u, 0, 0, 3000); /* ISS + 1 = 0 */
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA, c.out.notify);
    EXPECT_EQ(40, c.out.held_len);
    EXPECT_EQ(0x19u, c.t.rcv_nxt); /* 0xFFFFFFF0 + 1 + 40 mod 2^32 */
    EXPECT_EQ(40, c.t.rcv_unread);
    EXPECT_EQ(c.cfg.rcv_wnd - 40, c.t.rcv_wnd);
    /* in-order data after the wrap */
    ARRIVE(&c, A, 0x19u, 0, 5, 3000);
    EXPECT_EQ(TCPFSM_N_DATA, c.out.notify);
    EXPECT_EQ(0, c.out.rcv_offset);
    EXPECT_EQ(0x1Eu, c.t.rcv_nxt);
    EXPECT_SEGMENT(&c.out, 0, A, 0, 0x1Eu, 0);
}

/* More text than RCV.WND: only the window's worth is held ("trimming off
 * any portions that lie outside the window"). */
static void syn_sent_held_text_clipped_to_window(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = 10;
    FX(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 25);
    EXPECT_EQ(TCPFSM_N_HOLD, c.out.notify);
    EXPECT_EQ(10, c.out.held_len);
    EXPECT_EQ(10, c.t.syn_text);
    EXPECT_SEGMENT(&c.out, 0, S | A, FX_ISS, FX_IRS + 1, 0);
    EXPECT_EQ(10, c.out.segment[0].wnd);
    /* the peer's bare ACK at IRS+26 lies beyond the window we offered: it is
     * not acceptable (ACK, drop); its retransmission from IRS+1 is */
    ARRIVE(&c, A, FX_IRS + 26, FX_ISS + 1, 0, 3000);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
    EXPECT_EQ(10, c.t.syn_text);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 25, 3000);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA, c.out.notify);
    EXPECT_EQ(10, c.out.held_len);
    EXPECT_EQ(FX_IRS + 11, c.t.rcv_nxt);
    EXPECT_EQ(0, c.t.rcv_wnd);
    EXPECT_EQ(10, c.t.rcv_unread);
    /* the rest of the segment did not fit: the ACK says where we are */
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 11, 0);
    EXPECT_EQ(0, c.out.segment[0].wnd);
}

/* The TCB keeps at most 65535 held bytes, whatever the window. */
static void syn_sent_held_text_at_most_65535(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rcv_wnd = TCPFSM_MAX_WINDOW;
    FX(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 100000);
    EXPECT_EQ(65535, c.out.held_len);
    EXPECT_EQ(65535, c.t.syn_text);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 3000);
    EXPECT_EQ(65535, c.out.held_len);
    EXPECT_EQ(FX_IRS + 1 + 65535, c.t.rcv_nxt);
    EXPECT_EQ(TCPFSM_MAX_WINDOW - 65535, c.t.rcv_wnd);
}

/* SYN,FIN with text: the text is held, the FIN is not processed (it is not
 * acknowledged; the peer sends it again). FreeBSD's
 * rcv-syn-fin-with-data-syn-sent-dropping-disabled-ipv4.pkt. */
static void syn_sent_synfin_with_text_fin_ignored(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, S | F, FX_IRS, 0, 3, 3000);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EQ(TCPFSM_N_HOLD, c.out.notify);
    EXPECT_EQ(3, c.out.held_len);
    EXPECT(!U_FIN_RCVD(&c.t));
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_SEGMENT(&c.out, 0, S | A, FX_ISS, FX_IRS + 1, 0);
    ARRIVE(&c, A, FX_IRS + 4, FX_ISS + 1, 0, 3000);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED); /* not CLOSE-WAIT: the FIN was not kept */
    EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA, c.out.notify);
    EXPECT_EQ(3, c.out.held_len);
    EXPECT_EQ(FX_IRS + 4, c.t.rcv_nxt);
    /* the FIN again, now after the text */
    ARRIVE(&c, F | A, FX_IRS + 4, FX_ISS + 1, 0, 3000);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_REMOTE_CLOSE);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 5, 0);
    /* with drop_synfin the SYN,FIN is dropped outright: nothing held */
    conn_init(&c);
    c.cfg.drop_synfin = 1;
    FX(&c, FX_SYN_SENT);
    ARRIVE(&c, S | F, FX_IRS, 0, 3, 3000);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
    EXPECT_EQ(0, c.out.notify);
    EXPECT_EQ(0, c.out.held_len);
    EXPECT_EQ(0, c.t.syn_text);
}

/* The held text is only ever the SYN's: a SYN,ACK's text is delivered at
 * once, a bare SYN without text holds nothing, a segment without SYN in
 * SYN-SENT is dropped. */
static void syn_sent_no_hold_otherwise(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, S, FX_IRS, 0, 0, 3000);
    EXPECT_EQ(0, c.out.notify);
    EXPECT_EQ(0, c.out.held_len);
    EXPECT_EQ(0, c.t.syn_text);
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 7, 3000);
    EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_DATA, c.out.notify);
    EXPECT_EQ(0, c.out.held_len);
    FX_NEW(&c, FX_SYN_SENT);
    ARRIVE(&c, 0, FX_IRS, 0, 7, 3000);
    EXPECT_EQ(0, c.out.notify);
    EXPECT_EQ(0, c.t.syn_text);
}

/* CLOSE in SYN-RECEIVED with nothing queued sends the FIN now (FIN-WAIT-1,
 * 3.10.4) and drops the held text: it was never acknowledged, so the peer
 * sends it again, and that retransmission is accepted as ordinary data. */
static void syn_sent_held_text_dropped_by_close(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 25);
    CLOSE(&c);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_EQ(0, c.t.syn_text);
    EXPECT_EQ(0, c.out.held_len);
    EXPECT_SEGMENT(&c.out, 0, F | A, FX_ISS + 1, FX_IRS + 1, 0);
    /* the peer's bare ACK of SYN and FIN, after its text: FIN-WAIT-2, no
     * text (nothing held any more), RCV.NXT still IRS+1 */
    ARRIVE(&c, A, FX_IRS + 26, FX_ISS + 2, 0, 3000);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_2);
    EXPECT(!(c.out.notify & (TCPFSM_N_HELD_DATA | TCPFSM_N_DATA)));
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_EQ(0, c.t.rcv_unread);
    /* the peer retransmits its text from IRS+1 */
    ARRIVE(&c, A | TCPFSM_PSH, FX_IRS + 1, FX_ISS + 2, 25, 3000);
    EXPECT_EQ(TCPFSM_N_DATA, c.out.notify);
    EXPECT_EQ(0, c.out.rcv_offset);
    EXPECT_EQ(25, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 26, c.t.rcv_nxt);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 2, FX_IRS + 26, 0);
}

/* A CLOSE deferred by queued data (3.10.4 "queue for processing after
 * entering ESTABLISHED") keeps the text: the ACK of our SYN delivers it,
 * then sends the data and the FIN. */
static void syn_sent_held_text_kept_by_deferred_close(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 25);
    SEND(&c, 10);
    CLOSE(&c);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EQ(25, c.t.syn_text);
    ARRIVE(&c, A, FX_IRS + 26, FX_ISS + 1, 0, 3000);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA);
    EXPECT_EQ(25, c.out.held_len);
    EXPECT_EQ(FX_IRS + 26, c.t.rcv_nxt);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, F | A, FX_ISS + 1, FX_IRS + 26, 10);
}

/* A RST in that SYN-RECEIVED refuses the connection and deletes the TCB
 * with its held text; so do ABORT and the retransmission limit. With RFC
 * 5961 a RST not at RCV.NXT only draws a challenge ACK: the text stays. */
static void syn_sent_held_text_cleared_by_rst(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 25);
    ARRIVE(&c, R, FX_IRS + 5, 0, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_RST_CHALLENGE);
    EXPECT_EQ(25, c.t.syn_text);
    ARRIVE(&c, R, FX_IRS + 1, 0, 0, 0);
    EXPECT_CLOSED(&c, TCPFSM_ERR_REFUSED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_REFUSED | TCPFSM_N_CLOSED);
    EXPECT_EQ(0, c.t.syn_text);
    EXPECT_EQ(0, c.out.held_len);
    /* ABORT */
    FX_NEW(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 25);
    ABORT(&c);
    EXPECT_CLOSED(&c, TCPFSM_OK);
    EXPECT_EQ(0, c.t.syn_text);
    /* the SYN,ACK retransmitted to the limit */
    conn_init(&c);
    c.cfg.syn_retries = 0;
    FX(&c, FX_SYN_SENT);
    syn_with_text(&c, FX_IRS, 25);
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_CLOSED(&c, TCPFSM_ERR_TIMED_OUT);
    EXPECT_EQ(0, c.t.syn_text);
}

/* tcpfsm_tcb_check: held text exists only in an active SYN-RECEIVED, and
 * `reserved` is zero; a call on a TCB that breaks either is refused. */
static void syn_sent_held_text_tcb_check(void)
{
    conn c;
    int kind;
    for (kind = 0; kind < FX_KIND_COUNT; kind++) {
        tcpfsm_tcb t;
        FX_NEW(&c, kind);
        EXPECT_EQ(1, tcpfsm_tcb_check(&c.t));
        t = c.t;
        t.syn_text = 1; /* corruption written on purpose */
        if (kind == FX_SYN_RECEIVED_ACTIVE)
            EXPECT_EQ(1, tcpfsm_tcb_check(&t));
        else if (tcpfsm_tcb_check(&t))
            unit_fail(__FILE__, __LINE__, "syn_text accepted in %s", fx_name(kind));
        t = c.t;
        t.reserved = 1;
        if (tcpfsm_tcb_check(&t))
            unit_fail(__FILE__, __LINE__, "reserved != 0 accepted in %s", fx_name(kind));
    }
    FX_NEW(&c, FX_ESTABLISHED);
    c.t.syn_text = 3;
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 100);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_TCB, c.r);
    EXPECT_EQ(3, c.t.syn_text);
    FX_NEW(&c, FX_SYN_RECEIVED_ACTIVE);
    c.t.reserved = 0x80;
    CLOSE(&c);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_TCB, c.r);
}

/* The handshake facts the proof's handshake law rests on (hs_valid in
 * proofs/tcpfsm.acsl): in SYN-SENT and SYN-RECEIVED SND.UNA = ISS and
 * SND.NXT = ISS+1, in SYN-RECEIVED RCV.NXT = IRS+1. A TCB that breaks them
 * is refused by every call. */
static void handshake_facts_tcb_check(void)
{
    conn c;
    tcpfsm_tcb t;
    FX_NEW(&c, FX_SYN_RECEIVED);
    EXPECT_EQ(1, tcpfsm_tcb_check(&c.t));
    t = c.t;
    t.rcv_nxt = t.irs + 2u; /* corruption written on purpose */
    EXPECT_EQ(0, tcpfsm_tcb_check(&t));
    t = c.t;
    t.irs = t.irs + 1u;
    EXPECT_EQ(0, tcpfsm_tcb_check(&t));
    c.t.rcv_nxt = c.t.irs; /* IRS, not IRS+1: the ACK of our SYN must not be taken */
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 4000);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_TCB, c.r);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    FX_NEW(&c, FX_SYN_SENT);
    t = c.t;
    t.iss = t.iss + 1u; /* SND.UNA != ISS */
    EXPECT_EQ(0, tcpfsm_tcb_check(&t));
    FX_NEW(&c, FX_SYN_RECEIVED_ACTIVE);
    EXPECT_EQ(1, tcpfsm_tcb_check(&c.t));
    t = c.t;
    t.rcv_nxt = t.rcv_nxt + 1u;
    EXPECT_EQ(0, tcpfsm_tcb_check(&t));
}

/* T11: in FIN-WAIT-1, CLOSING and LAST-ACK our FIN, once sent, is in flight
 * until its ACK moves the state on. A TCB claiming the FIN sent with nothing
 * in flight (and so no timer running) would wait for an ACK that cannot
 * come: every call refuses it, and leaves it as it was. */
static void fin_sent_in_flight_tcb_check(void)
{
    static const int kinds[] = {FX_FIN_WAIT_1, FX_CLOSING, FX_LAST_ACK};
    unsigned i;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        conn c;
        tcpfsm_tcb before;
        FX_NEW(&c, kinds[i]);
        EXPECT_EQ(1, c.t.fin_sent);
        EXPECT_EQ(1, tcpfsm_tcb_check(&c.t));
        c.t.snd_una = c.t.snd_nxt; /* corruption written on purpose: FIN "acked", */
        c.t.timing = 0;            /* state not moved on */
        EXPECT_EQ(0, tcpfsm_tcb_check(&c.t));
        before = c.t;
        ARRIVE(&c, A, c.t.rcv_nxt, c.t.snd_nxt, 0, 4000);
        EXPECT_RESULT(TCPFSM_ERR_INVALID_TCB, c.r);
        FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
        EXPECT_RESULT(TCPFSM_ERR_INVALID_TCB, c.r);
        EXPECT(memcmp(&before, &c.t, sizeof before) == 0);
        /* and the FIN not sent: it leaves with the last queued byte, so
         * with nothing queued and nothing in flight it would wait for a
         * call that may never come */
        FX_NEW(&c, kinds[i]);
        c.t.snd_nxt = c.t.snd_nxt - 1u; /* corruption written on purpose: FIN unsent */
        c.t.fin_sent = 0;
        c.t.snd_una = c.t.snd_nxt;
        c.t.timing = 0;
        EXPECT_EQ(0, tcpfsm_tcb_check(&c.t));
        CLOSE(&c);
        EXPECT_RESULT(TCPFSM_ERR_INVALID_TCB, c.r);
        c.t.snd_queued = 5; /* with data still queued, the FIN waits for it */
        EXPECT_EQ(1, tcpfsm_tcb_check(&c.t));
    }
}

/* Tests for the SYN-RECEIVED state. */

/* fifth (ACK): "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED". */
static void syn_received_ack_establishes(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, 4000);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
    EXPECT_EQ(4000, c.t.snd_wnd);
    EXPECT_EQ(FX_IRS + 1, c.t.snd_wl1);
    EXPECT_EQ(FX_ISS + 1, c.t.snd_wl2);
    EXPECT_TIMER(&c.out, TCPFSM_TIMER_RETRANSMIT, TCPFSM_TIMER_CANCEL, 0);
}

/* "If the segment acknowledgment is not acceptable, form a reset segment
 * <SEQ=SEG.ACK><CTL=RST> and send it." */
static void syn_received_bad_ack_gets_rst(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS, 0, 4000); /* = SND.UNA: acks nothing */
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R, FX_ISS, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 2, 0, 4000); /* > SND.NXT */
    EXPECT_SEGMENT(&c.out, 0, R, FX_ISS + 2, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_BAD_ACK);
}

/* "if the ACK bit is off, drop the segment and return" */
static void syn_received_no_ack_dropped(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, 0, FX_IRS + 1, 0, 10, 4000);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
    EXPECT_EQ(0, c.out.notify);
}

/* MUST-11: RST in a passive SYN-RECEIVED returns to LISTEN. */
static void syn_received_passive_rst_back_to_listen(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, R, FX_IRS + 1, 0, 0, 0);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_LISTEN);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_EQ(0, c.t.error);
    /* and it listens again: a new SYN is accepted */
    ARRIVE_ISS(&c, seg(S, 7000, 0, 0, 100), 3000);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_SEGMENT(&c.out, 0, S | A, 3000, 7001, 0);
}

/* "If this connection was initiated with an active OPEN (i.e., came from
 * SYN-SENT state), then the connection was refused" */
static void syn_received_active_rst_refused(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED_ACTIVE);
    ARRIVE(&c, R, FX_IRS + 1, 0, 0, 0);
    EXPECT_OK(&c);
    EXPECT_CLOSED(&c, TCPFSM_ERR_REFUSED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_REFUSED | TCPFSM_N_CLOSED);
}

/* RFC 5961 in SYN-RECEIVED: an in-window RST not at RCV.NXT gets a challenge ACK. */
static void syn_received_rst_in_window_challenged(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, R, FX_IRS + 10, 0, 0, 0);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_RST_CHALLENGE);
}

/* A SYN in a passive SYN-RECEIVED returns it to LISTEN (3.10.7.4 fourth),
 * whether RFC 5961 is on or off. */
static void syn_received_passive_syn_back_to_listen(void)
{
    conn c;
    int mitigation;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        conn_init(&c);
        c.cfg.syn_mitigation = (uint8_t)mitigation;
        FX(&c, FX_SYN_RECEIVED);
        ARRIVE(&c, S, FX_IRS + 5, 0, 0, 100);
        EXPECT_OK(&c);
        EXPECT_STATE(&c, TCPFSM_LISTEN);
        EXPECT_NOTIFY(&c.out, TCPFSM_N_LISTEN);
    }
}

/* A SYN in an active SYN-RECEIVED: challenge ACK with RFC 5961, RST and
 * "connection reset" without. */
static void syn_received_active_syn(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED_ACTIVE);
    ARRIVE(&c, S, FX_IRS + 5, 0, 0, 100);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
    conn_init(&c);
    c.cfg.syn_mitigation = 0;
    FX(&c, FX_SYN_RECEIVED_ACTIVE);
    ARRIVE(&c, S, FX_IRS + 5, 0, 0, 100);
    EXPECT_CLOSED(&c, TCPFSM_ERR_RESET);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_RESET | TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, R | A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* A retransmitted SYN (SEG.SEQ = IRS) fails the sequence test: ACK, stay. */
static void syn_received_duplicate_syn_unacceptable(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, S, FX_IRS, 0, 0, 100);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* ACK with text in SYN-RECEIVED: ESTABLISHED, and the text is accepted. */
static void syn_received_ack_with_text(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 40, 4000);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED | TCPFSM_N_DATA);
    EXPECT_EQ(40, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 41, c.t.rcv_nxt);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 41, 0);
}

/* ACK,FIN in SYN-RECEIVED: "SYN-RECEIVED STATE, ESTABLISHED STATE: Enter the
 * CLOSE-WAIT state." via ESTABLISHED. */
static void syn_received_ack_fin_to_close_wait(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 1, 0, 4000);
    EXPECT_STATE(&c, TCPFSM_CLOSE_WAIT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_ESTABLISHED | TCPFSM_N_REMOTE_CLOSE);
    EXPECT_EQ(FX_IRS + 2, c.t.rcv_nxt);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 2, 0);
}

/* A segment outside the window in SYN-RECEIVED: ACK and drop. */
static void syn_received_unacceptable_segment(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    ARRIVE(&c, A, FX_IRS + 1 + 65535, FX_ISS + 1, 0, 4000);
    EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
}

/* An old SYN carrying new text (3.10.7.4 first): the acceptability test
 * takes the segment as it came (its text lies in the window, so it passes),
 * then "the idealized segment that begins at RCV.NXT": the SYN at IRS lies
 * left of the window and is trimmed off ("including SYN and FIN"); what
 * remains starts at IRS+1 and goes through the later steps. So no reset,
 * no challenge ACK and no return to LISTEN, with RFC 5961 s4 on or off
 * (docs/semantics.md, step 2). */
static void expect_syn_not_taken(const conn *c, const char *file, int line)
{
    int i;
    u_expect_event(&c->out, TCPFSM_EV_RCV_SYN_CHALLENGE, 0, file, line);
    u_expect_event(&c->out, TCPFSM_EV_RCV_SYN_IN_WINDOW, 0, file, line);
    u_expect_event(&c->out, TCPFSM_EV_RCV_UNACCEPTABLE, 0, file, line);
    for (i = 0; i < c->out.segment_count; i++)
        if (c->out.segment[i].flags & (TCPFSM_RST | TCPFSM_SYN))
            unit_fail(file, line, "segment %d has RST or SYN (flags 0x%x)", i,
                      (unsigned)c->out.segment[i].flags);
    if (c->out.notify & (TCPFSM_N_RESET | TCPFSM_N_CLOSED | TCPFSM_N_LISTEN))
        unit_fail(file, line, "connection ended: notify 0x%x", (unsigned)c->out.notify);
}
#define EXPECT_SYN_NOT_TAKEN(c) expect_syn_not_taken((c), __FILE__, __LINE__)

/* Simultaneous open with text: the peer's SYN carried 25 bytes (held), and
 * the peer, having met our SYN, sends its SYN again with the ACK of ours and
 * the same text (its SYN,ACK). The ACK of our SYN is processed: ESTABLISHED,
 * the held 25 bytes are delivered, RCV.NXT = IRS+26 exactly; the segment's
 * own text is the same 25 bytes, old by then, so nothing more is delivered
 * and (semantics.md: held text asks for no ACK) nothing is sent. */
static void syn_received_held_text_syn_again_with_ack(void)
{
    conn c;
    int mitigation;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        conn_init(&c);
        c.cfg.syn_mitigation = (uint8_t)mitigation;
        FX(&c, FX_SYN_SENT);
        syn_with_text(&c, FX_IRS, 25);
        ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 25, 3000);
        EXPECT_OK(&c);
        EXPECT_SYN_NOT_TAKEN(&c);
        EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
        EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_ACK_OF_SYN);
        EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA, c.out.notify);
        EXPECT_EQ(25, c.out.held_len);
        EXPECT_EQ(0, c.out.rcv_len);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
        EXPECT_EQ(FX_IRS + 26, c.t.rcv_nxt);
        EXPECT_EQ(25, c.t.rcv_unread);
        EXPECT_EQ(c.cfg.rcv_wnd - 25, c.t.rcv_wnd);
        EXPECT_EQ(0, c.t.syn_text);
        EXPECT_EQ(3000, c.t.snd_wnd);
        EXPECT_EQ(0, c.t.error);
    }
}

/* The same with 10 bytes more on the SYN,ACK: the held 25 first, then
 * payload bytes [25, 35) of this segment (its payload starts at IRS+1, after
 * the trimmed SYN), RCV.NXT = IRS+36, one ACK. */
static void syn_received_held_text_syn_again_with_more(void)
{
    conn c;
    int mitigation;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        conn_init(&c);
        c.cfg.syn_mitigation = (uint8_t)mitigation;
        FX(&c, FX_SYN_SENT);
        syn_with_text(&c, FX_IRS, 25);
        ARRIVE(&c, S | A | TCPFSM_PSH, FX_IRS, FX_ISS + 1, 35, 3000);
        EXPECT_SYN_NOT_TAKEN(&c);
        EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
        EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA | TCPFSM_N_DATA, c.out.notify);
        EXPECT_EQ(25, c.out.held_len);
        EXPECT_EQ(25, c.out.rcv_offset);
        EXPECT_EQ(10, c.out.rcv_len);
        EXPECT_EQ(FX_IRS + 36, c.t.rcv_nxt);
        EXPECT_EQ(35, c.t.rcv_unread);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 36, 0);
    }
}

/* The peer sends its SYN with the text again without an ACK (it has not
 * met our SYN yet): trimmed, it is a text segment without ACK, and "if the
 * ACK bit is off, drop the segment and return". The held text stays held;
 * the ACK that comes later completes the handshake as usual. */
static void syn_received_held_text_syn_again_without_ack(void)
{
    conn c;
    int mitigation;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        conn_init(&c);
        c.cfg.syn_mitigation = (uint8_t)mitigation;
        FX(&c, FX_SYN_SENT);
        syn_with_text(&c, FX_IRS, 25);
        ARRIVE(&c, S, FX_IRS, 0, 25, 3000);
        EXPECT_OK(&c);
        EXPECT_SYN_NOT_TAKEN(&c);
        EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
        EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_DROP);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_EQ(0, c.out.notify);
        EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
        EXPECT_EQ(25, c.t.syn_text);
        ARRIVE(&c, A, FX_IRS + 26, FX_ISS + 1, 0, 3000);
        EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
        EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_HELD_DATA, c.out.notify);
        EXPECT_EQ(25, c.out.held_len);
        EXPECT_EQ(FX_IRS + 26, c.t.rcv_nxt);
    }
}

/* Simultaneous open where the peer's first SYN had no text (nothing held):
 * its SYN,ACK, the SYN again with text, delivers the text from IRS+1
 * (payload offset 0), RCV.NXT = IRS+1+30, one ACK. Without the ACK bit it
 * is dropped, nothing sent. */
static void syn_received_active_syn_again_with_text(void)
{
    conn c;
    int mitigation;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        conn_init(&c);
        c.cfg.syn_mitigation = (uint8_t)mitigation;
        FX(&c, FX_SYN_RECEIVED_ACTIVE);
        ARRIVE(&c, S, FX_IRS, 0, 30, 3000);
        EXPECT_SYN_NOT_TAKEN(&c);
        EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
        EXPECT_EQ(0, c.t.syn_text);
        ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 30, 3000);
        EXPECT_SYN_NOT_TAKEN(&c);
        EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
        EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_DATA, c.out.notify);
        EXPECT_EQ(0, c.out.rcv_offset);
        EXPECT_EQ(30, c.out.rcv_len);
        EXPECT_EQ(FX_IRS + 31, c.t.rcv_nxt);
        EXPECT_EQ(FX_ISS + 1, c.t.snd_una);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 31, 0);
    }
}

/* A passive SYN-RECEIVED (LISTEN does not keep text on a SYN): the peer's
 * SYN again with text is not "a SYN in the window" (which returns to
 * LISTEN): its SYN is old. Without ACK: dropped, still SYN-RECEIVED. With
 * the ACK of our SYN: ESTABLISHED and the text delivered from IRS+1. */
static void syn_received_passive_syn_again_with_text(void)
{
    conn c;
    int mitigation;
    for (mitigation = 0; mitigation <= 1; mitigation++) {
        conn_init(&c);
        c.cfg.syn_mitigation = (uint8_t)mitigation;
        FX(&c, FX_SYN_RECEIVED);
        ARRIVE(&c, S, FX_IRS, 0, 20, 4000);
        EXPECT_OK(&c);
        EXPECT_SYN_NOT_TAKEN(&c);
        EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
        EXPECT(U_PASSIVE(&c.t));
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
        ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 20, 4000);
        EXPECT_SYN_NOT_TAKEN(&c);
        EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
        EXPECT_EQ(TCPFSM_N_ESTABLISHED | TCPFSM_N_DATA, c.out.notify);
        EXPECT_EQ(0, c.out.rcv_offset);
        EXPECT_EQ(20, c.out.rcv_len);
        EXPECT_EQ(FX_IRS + 21, c.t.rcv_nxt);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 21, 0);
    }
}

/* A bare old SYN (no text, no FIN: SEG.LEN = 1, at IRS) is not acceptable
 * and gets an ACK only, in every SYN-RECEIVED, with or without the ACK bit,
 * with RFC 5961 s4 on or off; the held text stays held. */
static void syn_received_bare_old_syn_acked_only(void)
{
    static const int kinds[] = { FX_SYN_RECEIVED, FX_SYN_RECEIVED_ACTIVE, FX_SYN_SENT };
    conn c;
    int mitigation, k, ack;
    for (mitigation = 0; mitigation <= 1; mitigation++)
        for (k = 0; k < 3; k++)
            for (ack = 0; ack <= 1; ack++) {
                conn_init(&c);
                c.cfg.syn_mitigation = (uint8_t)mitigation;
                FX(&c, kinds[k]);
                if (kinds[k] == FX_SYN_SENT) /* active, holding 25 bytes */
                    syn_with_text(&c, FX_IRS, 25);
                ARRIVE(&c, S | (ack ? A : 0u), FX_IRS, ack ? FX_ISS + 1 : 0, 0, 3000);
                EXPECT_OK(&c);
                EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
                EXPECT_EVENT(&c.out, TCPFSM_EV_RCV_UNACCEPTABLE);
                EXPECT_SEGMENTS(&c.out, 1);
                EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 0);
                EXPECT_EQ(0, c.out.notify);
                EXPECT_EQ(FX_IRS + 1, c.t.rcv_nxt);
                EXPECT_EQ(FX_ISS, c.t.snd_una);
                EXPECT_EQ(kinds[k] == FX_SYN_SENT ? 25 : 0, c.t.syn_text);
            }
}

const unit_test unit_tests_states[] = {
    UNIT_TEST(closed_rst_is_discarded),
    UNIT_TEST(closed_no_ack_gets_rst_ack),
    UNIT_TEST(closed_ack_gets_rst_at_seg_ack),
    UNIT_TEST(closed_synfin_answered_even_with_drop_synfin),
    UNIT_TEST(listen_rst_ignored),
    UNIT_TEST(listen_ack_answered_by_rst),
    UNIT_TEST(listen_syn_to_syn_received),
    UNIT_TEST(listen_syn_with_text_and_fin_not_kept),
    UNIT_TEST(listen_other_segments_dropped),
    UNIT_TEST(listen_synfin_dropped_with_drop_synfin),
    UNIT_TEST(syn_sent_unacceptable_ack_gets_rst),
    UNIT_TEST(syn_sent_rst_with_acceptable_ack_refused),
    UNIT_TEST(syn_sent_rst_without_ack_dropped),
    UNIT_TEST(syn_sent_rst_with_bad_ack_dropped),
    UNIT_TEST(syn_sent_syn_ack_establishes),
    UNIT_TEST(syn_sent_syn_ack_with_text),
    UNIT_TEST(syn_sent_syn_ack_fin_to_close_wait),
    UNIT_TEST(syn_sent_bare_syn_simultaneous_open),
    UNIT_TEST(syn_sent_no_syn_no_rst_dropped),
    UNIT_TEST(syn_sent_synfin_dropped_with_drop_synfin),
    UNIT_TEST(syn_sent_syn_with_text_held),
    UNIT_TEST(syn_sent_held_text_then_more_data),
    UNIT_TEST(syn_sent_held_text_wraps),
    UNIT_TEST(syn_sent_held_text_clipped_to_window),
    UNIT_TEST(syn_sent_held_text_at_most_65535),
    UNIT_TEST(syn_sent_synfin_with_text_fin_ignored),
    UNIT_TEST(syn_sent_no_hold_otherwise),
    UNIT_TEST(syn_sent_held_text_dropped_by_close),
    UNIT_TEST(syn_sent_held_text_kept_by_deferred_close),
    UNIT_TEST(syn_sent_held_text_cleared_by_rst),
    UNIT_TEST(syn_sent_held_text_tcb_check),
    UNIT_TEST(handshake_facts_tcb_check),
    UNIT_TEST(fin_sent_in_flight_tcb_check),
    UNIT_TEST(syn_received_ack_establishes),
    UNIT_TEST(syn_received_bad_ack_gets_rst),
    UNIT_TEST(syn_received_no_ack_dropped),
    UNIT_TEST(syn_received_passive_rst_back_to_listen),
    UNIT_TEST(syn_received_active_rst_refused),
    UNIT_TEST(syn_received_rst_in_window_challenged),
    UNIT_TEST(syn_received_passive_syn_back_to_listen),
    UNIT_TEST(syn_received_active_syn),
    UNIT_TEST(syn_received_duplicate_syn_unacceptable),
    UNIT_TEST(syn_received_ack_with_text),
    UNIT_TEST(syn_received_ack_fin_to_close_wait),
    UNIT_TEST(syn_received_unacceptable_segment),
    UNIT_TEST(syn_received_held_text_syn_again_with_ack),
    UNIT_TEST(syn_received_held_text_syn_again_with_more),
    UNIT_TEST(syn_received_held_text_syn_again_without_ack),
    UNIT_TEST(syn_received_active_syn_again_with_text),
    UNIT_TEST(syn_received_passive_syn_again_with_text),
    UNIT_TEST(syn_received_bare_old_syn_acked_only),
    UNIT_END
};
