/* Timeouts (RFC 9293 3.10.8; retransmission as docs/semantics.md "Timers"). */
#include "unit.h"

#define A TCPFSM_ACK
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST

#define RTX TCPFSM_TIMER_RETRANSMIT
#define TW TCPFSM_TIMER_TIME_WAIT
#define USR TCPFSM_TIMER_USER
#define ARM TCPFSM_TIMER_ARM
#define CANCEL TCPFSM_TIMER_CANCEL
#define KEEP TCPFSM_TIMER_KEEP

static uint32_t min_u32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* Tests for retransmission of the SYN. */

/* Each firing resends <SEQ=ISS><CTL=SYN> and doubles the timeout up to
 * rto_max; after syn_retries retransmissions the next firing gives up:
 * "connection timed out" (R2, RFC 9293 3.8.3). */
static void syn_retransmit_backoff_and_give_up(void)
{
    conn c;
    uint32_t rto;
    int i;
    FX_NEW(&c, FX_SYN_SENT);
    rto = c.cfg.rto_initial_ms;
    for (i = 1; i <= c.cfg.syn_retries; i++) {
        FIRE(&c, RTX);
        EXPECT_OK(&c);
        EXPECT_STATE(&c, TCPFSM_SYN_SENT);
        EXPECT_EVENT(&c.out, TCPFSM_EV_TIMEOUT_RETRANSMIT);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, S, FX_ISS, 0, 0);
        rto = min_u32(2 * rto, c.cfg.rto_max_ms);
        EXPECT_TIMER(&c.out, RTX, ARM, rto);
        /* a retransmission does not rearm the user timer */
        EXPECT_TIMER(&c.out, USR, KEEP, 0);
        EXPECT_EQ(i, c.t.retries);
        EXPECT_EQ(FX_ISS + 1, c.t.snd_nxt); /* the same SYN, the same number */
    }
    FIRE(&c, RTX);
    EXPECT_OK(&c);
    EXPECT_EVENT(&c.out, TCPFSM_EV_TIMEOUT_GIVE_UP);
    EXPECT_CLOSED(&c, TCPFSM_ERR_TIMED_OUT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_TIMED_OUT | TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 0);
    EXPECT_TIMER(&c.out, RTX, CANCEL, 0);
    EXPECT_TIMER(&c.out, USR, CANCEL, 0);
}

/* The backoff stops at rto_max_ms. */
static void retransmit_backoff_capped(void)
{
    conn c;
    conn_init(&c);
    c.cfg.rto_initial_ms = 1000;
    c.cfg.rto_max_ms = 3000;
    FX(&c, FX_SYN_SENT);
    FIRE(&c, RTX);
    EXPECT_TIMER(&c.out, RTX, ARM, 2000);
    FIRE(&c, RTX);
    EXPECT_TIMER(&c.out, RTX, ARM, 3000);
    FIRE(&c, RTX);
    EXPECT_TIMER(&c.out, RTX, ARM, 3000);
}

/* syn_retries = 0: the first firing gives up. */
static void syn_retries_zero_gives_up_at_once(void)
{
    conn c;
    conn_init(&c);
    c.cfg.syn_retries = 0;
    FX(&c, FX_SYN_SENT);
    FIRE(&c, RTX);
    EXPECT_CLOSED(&c, TCPFSM_ERR_TIMED_OUT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_TIMED_OUT | TCPFSM_N_CLOSED);
}

/* SYN-RECEIVED resends <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; a passive one
 * that gives up returns to LISTEN, an active one closes. */
static void syn_ack_retransmit_and_give_up_passive(void)
{
    conn c;
    int i;
    conn_init(&c);
    c.cfg.syn_retries = 2;
    FX(&c, FX_SYN_RECEIVED);
    for (i = 0; i < 2; i++) {
        FIRE(&c, RTX);
        EXPECT_SEGMENTS(&c.out, 1);
        EXPECT_SEGMENT(&c.out, 0, S | A, FX_ISS, FX_IRS + 1, 0);
        EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
    }
    FIRE(&c, RTX);
    EXPECT_STATE(&c, TCPFSM_LISTEN);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_LISTEN);
    EXPECT_EQ(0, c.t.error);
    EXPECT_SEGMENTS(&c.out, 0);
}

static void syn_ack_give_up_active(void)
{
    conn c;
    conn_init(&c);
    c.cfg.syn_retries = 1;
    FX(&c, FX_SYN_RECEIVED_ACTIVE);
    FIRE(&c, RTX);
    EXPECT_SEGMENT(&c.out, 0, S | A, FX_ISS, FX_IRS + 1, 0);
    FIRE(&c, RTX);
    EXPECT_CLOSED(&c, TCPFSM_ERR_TIMED_OUT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_TIMED_OUT | TCPFSM_N_CLOSED);
}

/* When SND.UNA advances, retries = 0 and rto_ms = rto_initial_ms (semantics.md). */
static void ack_resets_backoff(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    FIRE(&c, RTX);
    FIRE(&c, RTX);
    EXPECT_EQ(2, c.t.retries);
    ARRIVE(&c, S | A, FX_IRS, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_EQ(0, c.t.retries);
    EXPECT_EQ(c.cfg.rto_initial_ms, c.t.rto_ms);
    SEND(&c, 10);
    EXPECT_TIMER(&c.out, RTX, ARM, c.cfg.rto_initial_ms);
}

/* Tests for retransmission of data and FIN. */

/* The segment at SND.UNA goes again, at most mss bytes. */
static void data_retransmitted_from_snd_una(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 1000);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 101, 0, FX_PEER_WND);
    FIRE(&c, RTX);
    EXPECT_OK(&c);
    EXPECT_EVENT(&c.out, TCPFSM_EV_TIMEOUT_RETRANSMIT);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 101, FX_IRS + 1, c.cfg.mss);
    EXPECT_TIMER(&c.out, RTX, ARM, 2 * c.cfg.rto_initial_ms);
    EXPECT_EQ(FX_ISS + 1001, c.t.snd_nxt); /* SND.NXT is not pulled back */
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
}

/* A short tail of data with our FIN behind it goes again with the FIN. */
static void data_and_fin_retransmitted_together(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 20);
    CLOSE(&c);
    FIRE(&c, RTX);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A | F, FX_ISS + 1, FX_IRS + 1, 20);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
}

/* FIN-WAIT-1, CLOSING, LAST-ACK: the lone FIN is resent. */
static void fin_retransmitted(int kind)
{
    conn c;
    uint32_t rcv_nxt = (kind == FX_FIN_WAIT_1) ? FX_IRS + 1 : FX_IRS + 2;
    FX_NEW(&c, kind);
    FIRE(&c, RTX);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, fx_state(kind));
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, A | F, FX_ISS + 1, rcv_nxt, 0);
    EXPECT_TIMER(&c.out, RTX, ARM, 2 * c.cfg.rto_initial_ms);
    EXPECT_EQ(FX_ISS + 2, c.t.snd_nxt);
}

/* data_retries reached: "connection timed out", CLOSED. */
static void data_give_up(void)
{
    conn c;
    int i;
    conn_init(&c);
    c.cfg.data_retries = 2;
    FX(&c, FX_ESTABLISHED);
    SEND(&c, 10);
    for (i = 0; i < 2; i++) {
        FIRE(&c, RTX);
        EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 10);
    }
    FIRE(&c, RTX);
    EXPECT_CLOSED(&c, TCPFSM_ERR_TIMED_OUT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_TIMED_OUT | TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 0);
}

/* An ACK that advances SND.UNA starts the count and the backoff afresh:
 * with data_retries = 1, two retransmissions separated by an ACK do not
 * give up. */
static void ack_restarts_retry_count_for_data(void)
{
    conn c;
    conn_init(&c);
    c.cfg.mss = 10;
    c.cfg.data_retries = 1;
    FX(&c, FX_ESTABLISHED);
    SEND(&c, 20);
    FIRE(&c, RTX);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 1, FX_IRS + 1, 10);
    EXPECT_TIMER(&c.out, RTX, ARM, 2 * c.cfg.rto_initial_ms);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 11, 0, FX_PEER_WND);
    EXPECT_TIMER(&c.out, RTX, ARM, c.cfg.rto_initial_ms);
    FIRE(&c, RTX);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
    EXPECT_SEGMENT(&c.out, 0, A, FX_ISS + 11, FX_IRS + 1, 10);
    EXPECT_TIMER(&c.out, RTX, ARM, 2 * c.cfg.rto_initial_ms);
    FIRE(&c, RTX);
    EXPECT_CLOSED(&c, TCPFSM_ERR_TIMED_OUT);
}

/* The FIN of LAST-ACK is subject to the same limit. */
static void fin_give_up_in_last_ack(void)
{
    conn c;
    conn_init(&c);
    c.cfg.data_retries = 1;
    FX(&c, FX_LAST_ACK);
    FIRE(&c, RTX);
    EXPECT_STATE(&c, TCPFSM_LAST_ACK);
    FIRE(&c, RTX);
    EXPECT_CLOSED(&c, TCPFSM_ERR_TIMED_OUT);
}

/* RFC 6298 (5.1): "if the timer is not running, start it": more data while
 * data is in flight leaves the running timer alone. */
static void running_timer_not_restarted_by_new_data(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 10);
    EXPECT_TIMER(&c.out, RTX, ARM, c.cfg.rto_initial_ms);
    SEND(&c, 10);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_TIMER(&c.out, RTX, KEEP, 0);
    EXPECT_TIMER(&c.out, USR, KEEP, 0);
}

/* CLOSE in SYN-RECEIVED: the SYN,ACK's timer is running, the FIN joins it. */
static void fin_after_syn_keeps_timer(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    CLOSE(&c);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    EXPECT_TIMER(&c.out, RTX, KEEP, 0);
}

/* CLOSE in SYN-RECEIVED sends the FIN before our SYN is acknowledged: the
 * segment at SND.UNA is then still the SYN, so a retransmission resends
 * the SYN,ACK; once the SYN is acknowledged, the FIN. */
static void retransmit_syn_ack_then_fin_after_close_in_syn_received(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_RECEIVED);
    CLOSE(&c);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    FIRE(&c, RTX);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT(c.out.segment_count < 1 ||
           (c.out.segment[0].flags & (S | A)) == (S | A));
    EXPECT_EQ(FX_ISS, c.out.segment[0].seq);
    EXPECT_EQ(FX_IRS + 1, c.out.segment[0].ack);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_1);
    FIRE(&c, RTX);
    EXPECT_SEGMENTS(&c.out, 1);
    EXPECT_SEGMENT(&c.out, 0, F | A, FX_ISS + 1, FX_IRS + 1, 0);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_FIN_WAIT_2);
}

/* Tests for the 2MSL timer. */

/* "If the time-wait timeout expires on a connection, delete the TCB, enter
 * the CLOSED state, and return." */
static void time_wait_expires(void)
{
    conn c;
    FX_NEW(&c, FX_TIME_WAIT);
    FIRE(&c, TW);
    EXPECT_OK(&c);
    EXPECT_EVENT(&c.out, TCPFSM_EV_TIMEOUT_TIME_WAIT);
    EXPECT_CLOSED(&c, 0);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 0);
}

/* Entering TIME-WAIT arms 2*MSL with the configured MSL. */
static void time_wait_uses_configured_msl(void)
{
    conn c;
    conn_init(&c);
    c.cfg.msl_ms = 1500;
    FX(&c, FX_FIN_WAIT_2);
    ARRIVE(&c, A | F, FX_IRS + 1, FX_ISS + 2, 0, FX_PEER_WND);
    EXPECT_STATE(&c, TCPFSM_TIME_WAIT);
    EXPECT_TIMER(&c.out, TW, ARM, 3000);
    EXPECT_TIMER(&c.out, RTX, CANCEL, 0);
    EXPECT_TIMER(&c.out, USR, CANCEL, 0);
}

/* Tests for the user timeout. */

/* "If the user timeout expires ... flush all queues, signal the user
 * "error: connection aborted due to user timeout" ..., delete the TCB,
 * enter the CLOSED state, and return." No RST is sent. */
static void user_timeout_closes(int kind)
{
    conn c;
    FX_NEW(&c, kind);
    if (kind == FX_ESTABLISHED) SEND(&c, 10); /* something unacknowledged */
    FIRE(&c, USR);
    EXPECT_OK(&c);
    EXPECT_EVENT(&c.out, TCPFSM_EV_TIMEOUT_USER);
    EXPECT_CLOSED(&c, TCPFSM_ERR_USER_TIMEOUT);
    EXPECT_NOTIFY(&c.out, TCPFSM_N_USER_TIMEOUT | TCPFSM_N_CLOSED);
    EXPECT_SEGMENTS(&c.out, 0);
}

/* user_timeout_ms = 0: never armed. */
static void user_timeout_zero_never_armed(void)
{
    conn c;
    conn_init(&c);
    c.cfg.user_timeout_ms = 0;
    FX(&c, FX_SYN_SENT);
    EXPECT_TIMER(&c.out, USR, KEEP, 0);
    EXPECT_TIMER(&c.out, RTX, ARM, c.cfg.rto_initial_ms);
    /* so a USER firing is not one the core expects: ignored */
    FIRE(&c, USR);
    EXPECT_OK(&c);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
    EXPECT_EQ(0, c.out.event_count);
}

/* A data retransmission does not rearm the user timer; new data after an
 * ACK does. */
static void data_retransmission_keeps_user_timer(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 10);
    EXPECT_TIMER(&c.out, USR, ARM, c.cfg.user_timeout_ms);
    FIRE(&c, RTX);
    EXPECT_TIMER(&c.out, USR, KEEP, 0);
    FIRE(&c, RTX);
    EXPECT_TIMER(&c.out, USR, KEEP, 0);
    EXPECT_TIMER(&c.out, RTX, ARM, 4 * c.cfg.rto_initial_ms);
}

/* Tests for timers the core does not expect: ignored, TCPFSM_OK, no event. */

static void stale_timer_ignored(int kind)
{
    conn c;
    tcpfsm_tcb before;
    int which;
    for (which = 0; which < TCPFSM_TIMER_COUNT; which++) {
        int s = fx_state(kind);
        /* the ones that are expected in these fixtures */
        if (which == RTX && (s == TCPFSM_SYN_SENT || s == TCPFSM_SYN_RECEIVED ||
                             s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_CLOSING ||
                             s == TCPFSM_LAST_ACK))
            continue;
        if (which == USR && (s == TCPFSM_SYN_SENT || s == TCPFSM_SYN_RECEIVED ||
                             s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_CLOSING ||
                             s == TCPFSM_LAST_ACK))
            continue;
        if (which == TW && s == TCPFSM_TIME_WAIT) continue;
        FX_NEW(&c, kind);
        before = c.t;
        FIRE(&c, which);
        EXPECT_OK(&c);
        EXPECT_EQ(0, c.out.event_count);
        EXPECT_SEGMENTS(&c.out, 0);
        EXPECT_EQ(0, c.out.notify);
        EXPECT(memcmp(&before, &c.t, sizeof before) == 0);
    }
}

/* After all is acknowledged, a late RETRANSMIT or USER firing does nothing. */
static void timers_after_everything_acked_ignored(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    SEND(&c, 10);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 11, 0, FX_PEER_WND);
    FIRE(&c, RTX);
    EXPECT_EQ(0, c.out.event_count);
    EXPECT_SEGMENTS(&c.out, 0);
    FIRE(&c, USR);
    EXPECT_EQ(0, c.out.event_count);
    EXPECT_STATE(&c, TCPFSM_ESTABLISHED);
}

const unit_test unit_tests_timers[] = {
    UNIT_TEST(syn_retransmit_backoff_and_give_up),
    UNIT_TEST(retransmit_backoff_capped),
    UNIT_TEST(syn_retries_zero_gives_up_at_once),
    UNIT_TEST(syn_ack_retransmit_and_give_up_passive),
    UNIT_TEST(syn_ack_give_up_active),
    UNIT_TEST(ack_resets_backoff),
    UNIT_TEST(data_retransmitted_from_snd_una),
    UNIT_TEST(data_and_fin_retransmitted_together),
    UNIT_ROW("fin_retransmitted", fin_retransmitted, FX_FIN_WAIT_1),
    UNIT_ROW("fin_retransmitted", fin_retransmitted, FX_CLOSING),
    UNIT_ROW("fin_retransmitted", fin_retransmitted, FX_LAST_ACK),
    UNIT_TEST(running_timer_not_restarted_by_new_data),
    UNIT_TEST(fin_after_syn_keeps_timer),
    UNIT_TEST(retransmit_syn_ack_then_fin_after_close_in_syn_received),
    UNIT_TEST(data_give_up),
    UNIT_TEST(ack_restarts_retry_count_for_data),
    UNIT_TEST(fin_give_up_in_last_ack),
    UNIT_TEST(time_wait_expires),
    UNIT_TEST(time_wait_uses_configured_msl),
    UNIT_ROW("user_timeout_closes", user_timeout_closes, FX_SYN_SENT),
    UNIT_ROW("user_timeout_closes", user_timeout_closes, FX_SYN_RECEIVED),
    UNIT_ROW("user_timeout_closes", user_timeout_closes, FX_ESTABLISHED),
    UNIT_ROW("user_timeout_closes", user_timeout_closes, FX_FIN_WAIT_1),
    UNIT_ROW("user_timeout_closes", user_timeout_closes, FX_LAST_ACK),
    UNIT_TEST(user_timeout_zero_never_armed),
    UNIT_TEST(data_retransmission_keeps_user_timer),
    UNIT_ROW("stale_timer_ignored", stale_timer_ignored, FX_CLOSED),
    UNIT_ROW("stale_timer_ignored", stale_timer_ignored, FX_LISTEN),
    UNIT_ROW("stale_timer_ignored", stale_timer_ignored, FX_SYN_SENT),
    UNIT_ROW("stale_timer_ignored", stale_timer_ignored, FX_ESTABLISHED),
    UNIT_ROW("stale_timer_ignored", stale_timer_ignored, FX_FIN_WAIT_2),
    UNIT_ROW("stale_timer_ignored", stale_timer_ignored, FX_CLOSE_WAIT),
    UNIT_ROW("stale_timer_ignored", stale_timer_ignored, FX_TIME_WAIT),
    UNIT_TEST(timers_after_everything_acked_ignored),
    UNIT_END
};
