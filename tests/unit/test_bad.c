/* Bad input (docs/semantics.md "Calls and validation"), the names and the
 * ISN, and the laws over long deterministic pseudo-random runs. */
#include "unit.h"

#define A TCPFSM_ACK
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST

/* Tests for validation. */

static int out_is_clear(const tcpfsm_output *out)
{
    int i, clear = out->segment_count == 0 && out->notify == 0 && out->event_count == 0 &&
                   out->held_len == 0;
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        if (out->timer[i].op != TCPFSM_TIMER_KEEP) clear = 0;
    return clear;
}

/* Any NULL pointer: TCPFSM_ERR_INVALID_ARGUMENT, and the TCB is not touched. */
static void null_pointers(void)
{
    conn c;
    tcpfsm_tcb before;
    tcpfsm_segment s = seg(A, FX_IRS + 1, FX_ISS + 1, 0, 100);
    tcpfsm_status_info info;
    const tcpfsm_result bad = TCPFSM_ERR_INVALID_ARGUMENT;
    FX_NEW(&c, FX_ESTABLISHED);
    before = c.t;
    EXPECT_RESULT(bad, tcpfsm_open(NULL, &c.cfg, 1, 0, &c.out));
    EXPECT_RESULT(bad, tcpfsm_open(&c.t, NULL, 1, 0, &c.out));
    EXPECT_RESULT(bad, tcpfsm_open(&c.t, &c.cfg, 1, 0, NULL));
    EXPECT_RESULT(bad, tcpfsm_send(NULL, &c.cfg, 1, &c.out));
    EXPECT_RESULT(bad, tcpfsm_send(&c.t, NULL, 1, &c.out));
    EXPECT_RESULT(bad, tcpfsm_send(&c.t, &c.cfg, 1, NULL));
    EXPECT_RESULT(bad, tcpfsm_receive(NULL, &c.cfg, 0, &c.out));
    EXPECT_RESULT(bad, tcpfsm_receive(&c.t, NULL, 0, &c.out));
    EXPECT_RESULT(bad, tcpfsm_receive(&c.t, &c.cfg, 0, NULL));
    EXPECT_RESULT(bad, tcpfsm_close(NULL, &c.cfg, &c.out));
    EXPECT_RESULT(bad, tcpfsm_close(&c.t, NULL, &c.out));
    EXPECT_RESULT(bad, tcpfsm_close(&c.t, &c.cfg, NULL));
    EXPECT_RESULT(bad, tcpfsm_abort(NULL, &c.cfg, &c.out));
    EXPECT_RESULT(bad, tcpfsm_abort(&c.t, NULL, &c.out));
    EXPECT_RESULT(bad, tcpfsm_abort(&c.t, &c.cfg, NULL));
    EXPECT_RESULT(bad, tcpfsm_segment_arrives(NULL, &c.cfg, &s, 0, &c.out));
    EXPECT_RESULT(bad, tcpfsm_segment_arrives(&c.t, NULL, &s, 0, &c.out));
    EXPECT_RESULT(bad, tcpfsm_segment_arrives(&c.t, &c.cfg, NULL, 0, &c.out));
    EXPECT_RESULT(bad, tcpfsm_segment_arrives(&c.t, &c.cfg, &s, 0, NULL));
    EXPECT_RESULT(bad, tcpfsm_timer_fired(NULL, &c.cfg, TCPFSM_TIMER_USER, &c.out));
    EXPECT_RESULT(bad, tcpfsm_timer_fired(&c.t, NULL, TCPFSM_TIMER_USER, &c.out));
    EXPECT_RESULT(bad, tcpfsm_timer_fired(&c.t, &c.cfg, TCPFSM_TIMER_USER, NULL));
    EXPECT_RESULT(bad, tcpfsm_status(NULL, &info));
    EXPECT_RESULT(bad, tcpfsm_status(&c.t, NULL));
    EXPECT_RESULT(bad, tcpfsm_config_check(NULL));
    EXPECT(memcmp(&before, &c.t, sizeof before) == 0);
    EXPECT_EQ(0, tcpfsm_tcb_check(NULL));
}

/* Flag bits outside TCPFSM_FLAGS_MASK: invalid argument, TCB untouched,
 * *out cleared (the wrapper's laws check both). */
static void segment_bad_flags(void)
{
    conn c;
    unsigned bit;
    FX_NEW(&c, FX_ESTABLISHED);
    for (bit = 0x40; bit <= 0x80; bit <<= 1) {
        ARRIVE(&c, A | bit, FX_IRS + 1, FX_ISS + 1, 0, 100);
        EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
        EXPECT(out_is_clear(&c.out));
    }
    FX_NEW(&c, FX_CLOSED);
    ARRIVE(&c, 0xC0 | S, 1, 0, 0, 0);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    EXPECT_SEGMENTS(&c.out, 0);
}

/* len above TCPFSM_MAX_WINDOW: invalid; exactly TCPFSM_MAX_WINDOW: fine. */
static void segment_length_limit(void)
{
    conn c;
    FX_NEW(&c, FX_ESTABLISHED);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, TCPFSM_MAX_WINDOW + 1, 100);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, 0xFFFFFFFFu, 100);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    ARRIVE(&c, A, FX_IRS + 1, FX_ISS + 1, TCPFSM_MAX_WINDOW, 100);
    EXPECT_OK(&c);
    /* trimmed to the window: 65535 octets kept */
    EXPECT_EQ(65535, c.out.rcv_len);
    EXPECT_EQ(FX_IRS + 1 + 65535, c.t.rcv_nxt);
}

/* Timer numbers from TCPFSM_TIMER_COUNT on are invalid. */
static void timer_out_of_range(void)
{
    conn c;
    FX_NEW(&c, FX_SYN_SENT);
    FIRE(&c, TCPFSM_TIMER_COUNT);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    EXPECT(out_is_clear(&c.out));
    FIRE(&c, 200);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    FIRE(&c, -1);
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, c.r);
    EXPECT_STATE(&c, TCPFSM_SYN_SENT);
}

/* The defaults are the ones semantics.md lists, and they pass the check. */
static void config_defaults(void)
{
    tcpfsm_config cfg;
    memset(&cfg, 0xFF, sizeof cfg);
    tcpfsm_config_default(&cfg);
    EXPECT_EQ(1000, cfg.rto_initial_ms);
    EXPECT_EQ(60000, cfg.rto_max_ms);
    EXPECT_EQ(120000, cfg.msl_ms);
    EXPECT_EQ(300000, cfg.user_timeout_ms);
    EXPECT_EQ(65535, cfg.rcv_wnd);
    EXPECT_EQ(536, cfg.mss);
    EXPECT_EQ(6, cfg.syn_retries);
    EXPECT_EQ(15, cfg.data_retries);
    EXPECT_EQ(1, cfg.rst_mitigation);
    EXPECT_EQ(1, cfg.syn_mitigation);
    EXPECT_EQ(1, cfg.ack_mitigation);
    EXPECT_EQ(0, cfg.drop_synfin);
    EXPECT_RESULT(TCPFSM_OK, tcpfsm_config_check(&cfg));
}

/* Each knob out of range: tcpfsm_config_check fails, and every call
 * returns invalid argument leaving the TCB as it was. */
static void config_out_of_range(int which)
{
    conn c;
    tcpfsm_tcb before;
    tcpfsm_segment s = seg(A, FX_IRS + 1, FX_ISS + 1, 10, 100);
    const tcpfsm_result bad = TCPFSM_ERR_INVALID_ARGUMENT;
    FX_NEW(&c, FX_ESTABLISHED);
    switch (which) {
    case 0: c.cfg.rto_initial_ms = 0; break;
    case 1: c.cfg.rto_max_ms = c.cfg.rto_initial_ms - 1; break;
    case 2: c.cfg.msl_ms = 0; break;
    case 3: c.cfg.msl_ms = 0x80000000u; break;
    case 4: c.cfg.rcv_wnd = 0; break;
    case 5: c.cfg.rcv_wnd = TCPFSM_MAX_WINDOW + 1; break;
    case 6: c.cfg.mss = 0; break;
    case 7: c.cfg.rst_mitigation = 2; break;
    case 8: c.cfg.syn_mitigation = 2; break;
    case 9: c.cfg.ack_mitigation = 255; break;
    default: c.cfg.drop_synfin = 2; break;
    }
    EXPECT_RESULT(bad, tcpfsm_config_check(&c.cfg));
    before = c.t;
    EXPECT_RESULT(bad, tcpfsm_segment_arrives(&c.t, &c.cfg, &s, 0, &c.out));
    EXPECT(out_is_clear(&c.out));
    EXPECT_RESULT(bad, tcpfsm_send(&c.t, &c.cfg, 1, &c.out));
    EXPECT_RESULT(bad, tcpfsm_receive(&c.t, &c.cfg, 0, &c.out));
    EXPECT_RESULT(bad, tcpfsm_close(&c.t, &c.cfg, &c.out));
    EXPECT_RESULT(bad, tcpfsm_abort(&c.t, &c.cfg, &c.out));
    EXPECT_RESULT(bad, tcpfsm_timer_fired(&c.t, &c.cfg, TCPFSM_TIMER_RETRANSMIT, &c.out));
    EXPECT(memcmp(&before, &c.t, sizeof before) == 0);
}

/* The edges of the ranges are accepted. */
static void config_range_edges_accepted(void)
{
    tcpfsm_config cfg;
    tcpfsm_config_default(&cfg);
    cfg.rto_initial_ms = 1;
    cfg.rto_max_ms = 1;
    cfg.msl_ms = 0x7FFFFFFFu;
    cfg.rcv_wnd = TCPFSM_MAX_WINDOW;
    cfg.mss = 1;
    cfg.user_timeout_ms = 0;
    cfg.syn_retries = 0;
    cfg.data_retries = 0;
    cfg.rst_mitigation = 0;
    cfg.syn_mitigation = 0;
    cfg.ack_mitigation = 0;
    cfg.drop_synfin = 1;
    EXPECT_RESULT(TCPFSM_OK, tcpfsm_config_check(&cfg));
    cfg.rcv_wnd = 1;
    EXPECT_RESULT(TCPFSM_OK, tcpfsm_config_check(&cfg));
}

/* A corrupted TCB: tcpfsm_tcb_check fails, every call returns
 * TCPFSM_ERR_INVALID_TCB and leaves it byte for byte as it was. */
static void corrupted_tcb(int which)
{
    conn c;
    tcpfsm_tcb before;
    tcpfsm_status_info info;
    const tcpfsm_result bad = TCPFSM_ERR_INVALID_TCB;
    tcpfsm_segment s = seg(A, FX_IRS + 1, FX_ISS + 1, 10, 100);
    FX_NEW(&c, FX_ESTABLISHED);
    /* corruption written on purpose: no API call can produce it */
    switch (which) {
    case 0: c.t.state = TCPFSM_STATE_COUNT; break;
    case 1: c.t.state = 0xFF; break;
    case 2: U_CORRUPT_PASSIVE(&c.t); break; /* MUST-11's mark outside SYN-RECEIVED */
    case 3: c.t.snd_wnd = TCPFSM_MAX_WINDOW + 1; break; /* windows are at most 2^30 */
    case 4: c.t.reserved = 1; break;                    /* "zero" */
    default: c.t.syn_text = 5; break; /* held text outside an active SYN-RECEIVED */
    }
    EXPECT_EQ(0, tcpfsm_tcb_check(&c.t));
    before = c.t;
    OPEN(&c, 0, 0);
    EXPECT_RESULT(bad, c.r);
    OPEN(&c, 1, 5);
    EXPECT_RESULT(bad, c.r);
    SEND(&c, 1);
    EXPECT_RESULT(bad, c.r);
    RECEIVE(&c, 0);
    EXPECT_RESULT(bad, c.r);
    CLOSE(&c);
    EXPECT_RESULT(bad, c.r);
    ABORT(&c);
    EXPECT_RESULT(bad, c.r);
    ARRIVE_ISS(&c, s, 0);
    EXPECT_RESULT(bad, c.r);
    EXPECT(out_is_clear(&c.out));
    FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
    EXPECT_RESULT(bad, c.r);
    EXPECT(out_is_clear(&c.out));
    EXPECT_RESULT(bad, tcpfsm_status(&c.t, &info));
    EXPECT(memcmp(&before, &c.t, sizeof before) == 0);
}

/* The checks run in order: NULL, config, TCB, segment/timer. */
static void validation_order(void)
{
    conn c;
    tcpfsm_segment s = seg(0x80, 0, 0, 0, 0);
    FX_NEW(&c, FX_ESTABLISHED);
    c.t.state = 0xEE; /* corrupted on purpose */
    /* bad TCB before bad segment and bad timer */
    EXPECT_RESULT(TCPFSM_ERR_INVALID_TCB, tcpfsm_segment_arrives(&c.t, &c.cfg, &s, 0, &c.out));
    EXPECT_RESULT(TCPFSM_ERR_INVALID_TCB,
                  tcpfsm_timer_fired(&c.t, &c.cfg, (tcpfsm_timer)7, &c.out));
    /* bad config before bad TCB */
    c.cfg.mss = 0;
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT,
                  tcpfsm_segment_arrives(&c.t, &c.cfg, &s, 0, &c.out));
    EXPECT_RESULT(TCPFSM_ERR_INVALID_ARGUMENT, tcpfsm_close(&c.t, &c.cfg, &c.out));
}

/* tcpfsm_init gives CLOSED with every field zero, and a valid TCB. */
static void init_gives_closed(void)
{
    conn c;
    tcpfsm_tcb zero;
    memset(&c.t, 0x5A, sizeof c.t);
    tcpfsm_init(&c.t);
    memset(&zero, 0, sizeof zero);
    EXPECT(memcmp(&zero, &c.t, sizeof zero) == 0);
    EXPECT(tcpfsm_tcb_check(&c.t));
}

/* Names as the header documents them. */
static void names(void)
{
    EXPECT(strcmp(tcpfsm_state_name(TCPFSM_SYN_RECEIVED), "SYN-RECEIVED") == 0);
    EXPECT(strcmp(tcpfsm_state_name(TCPFSM_TIME_WAIT), "TIME-WAIT") == 0);
    EXPECT(strcmp(tcpfsm_state_name(TCPFSM_STATE_COUNT), "?") == 0);
    EXPECT(strcmp(tcpfsm_state_name(-1), "?") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_REFUSED), "connection refused") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_USER_TIMEOUT),
                  "connection aborted due to user timeout") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_DOES_NOT_EXIST), "connection does not exist") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_ALREADY_EXISTS), "connection already exists") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_CLOSING), "connection closing") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_RESET), "connection reset") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_TIMED_OUT), "connection timed out") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_REMOTE_UNSPECIFIED), "remote socket unspecified") == 0);
    EXPECT(strcmp(tcpfsm_result_name(TCPFSM_ERR_INSUFFICIENT_RESOURCES), "insufficient resources") == 0);
    EXPECT(tcpfsm_result_name(TCPFSM_ERR_INVALID_ARGUMENT) != NULL);
    EXPECT(tcpfsm_result_name(TCPFSM_ERR_INVALID_TCB) != NULL);
    EXPECT(strcmp(tcpfsm_state_name(TCPFSM_CLOSED), "CLOSED") == 0);
    EXPECT(strcmp(tcpfsm_state_name(TCPFSM_FIN_WAIT_1), "FIN-WAIT-1") == 0);
    EXPECT(strcmp(tcpfsm_state_name(TCPFSM_CLOSE_WAIT), "CLOSE-WAIT") == 0);
    EXPECT(strcmp(tcpfsm_state_name(TCPFSM_LAST_ACK), "LAST-ACK") == 0);
    EXPECT(strcmp(tcpfsm_event_name(TCPFSM_EV_RCV_SYN), "RCV_SYN") == 0);
    EXPECT(tcpfsm_event_name(0) != NULL);
    EXPECT(tcpfsm_event_name(255) != NULL);
    EXPECT(tcpfsm_result_name(TCPFSM_RESULT_COUNT) != NULL);
}

/* RFC 9293 3.4.1: ISN = M + F(4-tuple, secret), M a 4-microsecond clock. */
static void isn_clock_and_tuple(void)
{
    uint8_t secret[16];
    tcpfsm_endpoints e, e2;
    uint32_t x0, x1;
    int i;
    for (i = 0; i < 16; i++) secret[i] = (uint8_t)(i * 17 + 3);
    memset(&e, 0, sizeof e);
    e.local_addr[10] = e.local_addr[11] = 0xFF;
    e.local_addr[12] = 10;
    e.local_addr[15] = 1;
    e.remote_addr[10] = e.remote_addr[11] = 0xFF;
    e.remote_addr[12] = 10;
    e.remote_addr[15] = 2;
    e.local_port = 80;
    e.remote_port = 40000;
    x0 = tcpfsm_isn(secret, &e, 1000000);
    EXPECT_EQ(x0, tcpfsm_isn(secret, &e, 1000000)); /* deterministic */
    x1 = tcpfsm_isn(secret, &e, 1000000 + 4);
    EXPECT_EQ(1, x1 - x0);
    x1 = tcpfsm_isn(secret, &e, 1000000 + 4000);
    EXPECT_EQ(1000, x1 - x0);
    e2 = e;
    e2.remote_port = 40001;
    EXPECT(tcpfsm_isn(secret, &e2, 1000000) != x0);
    secret[0] ^= 1;
    EXPECT(tcpfsm_isn(secret, &e, 1000000) != x0);
}

/* Tests for the laws over long runs. */

static uint32_t rng_state;

static uint32_t rng(void)
{
    /* xorshift32: deterministic, no libc rand() */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* A sequence number near one the TCB knows, or anywhere. */
static uint32_t near(uint32_t base)
{
    switch (rng() % 4) {
    case 0: return base;
    case 1: return base + (rng() % 8) - 4;
    case 2: return base + (rng() % 70000) - 1000;
    default: return rng();
    }
}

/* One TCB fed random calls, segments and timers: the wrappers check the
 * laws after every call (tcb_check holds; non-RST ACKs carry RCV.NXT and
 * RCV.WND; segments within [SND.UNA, SND.NXT]; failed calls change nothing). */
static void laws_random_single(int seed)
{
    conn c;
    int step;
    conn_init(&c);
    rng_state = 0x9E3779B9u ^ (uint32_t)(seed * 7919 + 1);
    c.cfg.rst_mitigation = (uint8_t)(seed & 1);
    c.cfg.syn_mitigation = (uint8_t)((seed >> 1) & 1);
    c.cfg.ack_mitigation = (uint8_t)((seed >> 2) & 1);
    c.cfg.drop_synfin = (uint8_t)((seed >> 3) & 1);
    c.cfg.mss = (uint16_t)(1 + rng() % 1500);
    c.cfg.rcv_wnd = 1 + rng() % 70000;
    for (step = 0; step < 3000; step++) {
        uint32_t before_error = c.t.error;
        switch (rng() % 12) {
        case 0: {
            /* one rng() per statement: argument order is unspecified in C,
             * and the run must be the same with every compiler */
            int active = (int)(rng() & 1);
            uint32_t iss = near(c.t.iss);
            OPEN(&c, active, iss);
            break;
        }
        case 1: SEND(&c, rng() % 3000); break;
        case 2: RECEIVE(&c, (rng() & 1) ? c.t.rcv_unread : rng() % 100); break;
        case 3: if (rng() % 4 == 0) CLOSE(&c); break;
        case 4: if (rng() % 8 == 0) ABORT(&c); break;
        case 5: FIRE(&c, (int)(rng() % TCPFSM_TIMER_COUNT)); break;
        default: {
            unsigned flags = rng() & TCPFSM_FLAGS_MASK;
            uint32_t len = (rng() % 3) ? 0 : rng() % 2000;
            uint32_t sq, ak, wnd, iss;
            if (rng() % 3) flags &= ~(unsigned)(R | S); /* mostly plain segments */
            sq = near(c.t.rcv_nxt);
            ak = near(c.t.snd_nxt);
            wnd = rng() % 70000;
            iss = rng();
            ARRIVE_ISS(&c, seg(flags, sq, ak, len, wnd), iss);
            break;
        }
        }
        /* every step: SYN and FIN consumed => snd_una =< snd_nxt */
        EXPECT(u_seq_le(c.t.snd_una, c.t.snd_nxt));
        if (c.t.state != TCPFSM_CLOSED && before_error != c.t.error && c.t.error != 0)
            unit_fail(__FILE__, __LINE__, "error set while the connection is open");
        if (c.out.notify & TCPFSM_N_CLOSED) EXPECT_STATE(&c, TCPFSM_CLOSED);
    }
}

/* Two TCBs over a lossy, duplicating, reordering wire. Besides the laws:
 * every byte delivered with N_HELD_DATA or N_DATA is the next byte of the
 * peer's stream (RFC 9293 3.4: data in order), SYN and FIN each one number. */
typedef struct wire_seg {
    tcpfsm_segment s;
    int to;
} wire_seg;

static void laws_random_pair(int seed)
{
    conn p[2];
    wire_seg q[64];
    int nq = 0, step, i;
    uint32_t delivered[2] = { 0, 0 }; /* stream offset delivered to p[i] */
    conn_init(&p[0]);
    conn_init(&p[1]);
    rng_state = 0x12345u + (uint32_t)seed * 2654435761u;
    p[0].cfg.mss = p[1].cfg.mss = 100;
    if (seed >= 5) {
        for (i = 0; i < 2; i++) {
            p[i].cfg.rst_mitigation = 0;
            p[i].cfg.syn_mitigation = 0;
            p[i].cfg.ack_mitigation = 0;
            p[i].cfg.rcv_wnd = 300;
        }
    }
    OPEN(&p[1], 0, 0);
    OPEN(&p[0], 1, rng());
    for (i = 0; i < p[0].out.segment_count && nq < 64; i++) {
        q[nq].s = p[0].out.segment[i];
        q[nq++].to = 1;
    }
    for (step = 0; step < 1500; step++) {
        int who = (int)(rng() % 2);
        conn *c = &p[who];
        uint32_t r = rng() % 16;
        if (r < 9 && nq > 0) {
            /* deliver one queued segment, maybe not the first: reordering */
            int k = (rng() % 4 == 0) ? (int)(rng() % (uint32_t)nq) : 0;
            wire_seg w = q[k];
            int dup = rng() % 16 == 0;
            if (!dup) {
                memmove(&q[k], &q[k + 1], (size_t)(nq - k - 1) * sizeof q[0]);
                nq--;
            }
            if (rng() % 10 == 0) continue; /* lost */
            c = &p[w.to];
            who = w.to;
            {
                uint32_t before_rcv_nxt = c->t.rcv_nxt;
                int had_irs = c->t.state >= TCPFSM_SYN_RECEIVED;
                uint32_t held = 0;
                ARRIVE_ISS(c, w.s, rng());
                if (c->out.notify & TCPFSM_N_HELD_DATA) {
                    /* the text of the peer's SYN, held since SYN-SENT: the
                     * first bytes of its stream, from IRS+1 */
                    held = c->out.held_len;
                    EXPECT_EQ(c->t.irs + 1, before_rcv_nxt);
                    EXPECT_EQ(0, delivered[who]);
                    delivered[who] += held;
                }
                if (c->out.notify & TCPFSM_N_DATA) {
                    /* sequence number of the first new byte, and its
                     * offset in the peer's stream: after the handshake,
                     * RCV.NXT is IRS+1 plus the held bytes delivered */
                    uint32_t first = w.s.seq + c->out.rcv_offset +
                                     ((w.s.flags & TCPFSM_SYN) ? 1u : 0u);
                    EXPECT_EQ((had_irs ? before_rcv_nxt : c->t.irs + 1) + held, first);
                    EXPECT_EQ(delivered[who], first - (c->t.irs + 1));
                    delivered[who] += c->out.rcv_len;
                }
            }
        } else if (r < 11) {
            SEND(c, rng() % (seed >= 5 ? 30u : 400u));
        } else if (r < 12) {
            RECEIVE(c, c->t.rcv_unread);
        } else if (r < 13) {
            if (rng() % 3 == 0) CLOSE(c);
        } else if (r < 14) {
            FIRE(c, (int)(rng() % TCPFSM_TIMER_COUNT));
        } else if (r < 15) {
            if (c->t.state == TCPFSM_CLOSED) OPEN(c, who == 0, rng());
        } else {
            if (rng() % 20 == 0) ABORT(c);
        }
        for (i = 0; i < c->out.segment_count && nq < 64; i++) {
            q[nq].s = c->out.segment[i];
            q[nq++].to = 1 - who;
        }
        /* a new connection starts a new stream */
        for (i = 0; i < 2; i++)
            if (p[i].t.state == TCPFSM_CLOSED || p[i].t.state == TCPFSM_LISTEN) delivered[i] = 0;
    }
}

/* One TCB in SYN-SENT against a scripted peer that opens simultaneously
 * with text on its SYN (sometimes with FIN), then sends its stream again
 * from random offsets, with random lengths, around our window. Besides the
 * laws: every byte delivered with N_HELD_DATA or N_DATA is the next byte of
 * the peer's stream (the held text first, from IRS+1), and while the
 * connection lives RCV.NXT = IRS + 1 + bytes delivered + the FIN consumed. */
static void laws_random_syn_text(int seed)
{
    static const uint32_t windows[4] = { 10, 300, 65535, 100000 };
    conn c;
    int round, step;
    conn_init(&c);
    rng_state = 0xC0FFEEu + (uint32_t)seed * 2654435761u;
    c.cfg.rcv_wnd = windows[seed & 3];
    c.cfg.mss = 100;
    for (round = 0; round < 150; round++) {
        uint32_t iss = rng(), irs = rng(), delivered = 0;
        uint32_t text = rng() % 3000;
        unsigned synfin = rng() % 4 == 0 ? F : 0;
        int has_fin = synfin != 0;
        uint32_t fin_at = text; /* where the peer's stream ends, once it sent a FIN */
        tcpfsm_init(&c.t);
        OPEN(&c, 1, iss);
        ARRIVE(&c, S | synfin, irs, 0, text, 8000);
        EXPECT_STATE(&c, TCPFSM_SYN_RECEIVED);
        EXPECT_EQ(text < c.cfg.rcv_wnd ? text : c.cfg.rcv_wnd, c.out.held_len);
        for (step = 0; step < 40 && c.t.state != TCPFSM_CLOSED; step++) {
            uint32_t r = rng() % 16;
            if (r < 10) {
                /* a segment of the peer's stream: old, at RCV.NXT or ahead */
                uint32_t off = rng() % (delivered + 200u), len = rng() % 400u;
                unsigned flags = A;
                uint32_t ack = rng() % 8 == 0 ? iss : c.t.snd_nxt;
                tcpfsm_segment s;
                if (!has_fin && rng() % 8 == 0) {
                    has_fin = 1;
                    fin_at = off + len;
                }
                if (has_fin) { /* nothing beyond the FIN; the FIN at one place */
                    if (off > fin_at) off = fin_at;
                    if (len > fin_at - off) len = fin_at - off;
                    if (off + len == fin_at && rng() % 2) flags |= F;
                }
                s = seg(flags, irs + 1u + off, ack, len, 8000);
                ARRIVE_ISS(&c, s, 0);
                if (c.out.notify & TCPFSM_N_HELD_DATA) {
                    EXPECT_EQ(0, delivered);
                    delivered += c.out.held_len;
                }
                if (c.out.notify & TCPFSM_N_DATA) {
                    EXPECT_EQ(delivered, s.seq - (irs + 1u) + c.out.rcv_offset);
                    delivered += c.out.rcv_len;
                }
            } else if (r < 12) {
                RECEIVE(&c, c.t.rcv_unread);
            } else if (r < 13) {
                if (rng() % 4 == 0) CLOSE(&c);
            } else if (r < 15) {
                FIRE(&c, TCPFSM_TIMER_RETRANSMIT);
            } else {
                SEND(&c, rng() % 50);
            }
            if (c.t.state != TCPFSM_CLOSED && c.t.state != TCPFSM_TIME_WAIT)
                EXPECT_EQ(irs + 1u + delivered + (U_FIN_RCVD(&c.t) ? 1u : 0u), c.t.rcv_nxt);
        }
    }
}

const unit_test unit_tests_bad[] = {
    UNIT_TEST(null_pointers),
    UNIT_TEST(segment_bad_flags),
    UNIT_TEST(segment_length_limit),
    UNIT_TEST(timer_out_of_range),
    UNIT_TEST(config_defaults),
    UNIT_CASE("config_out_of_range (rto_initial_ms 0)", config_out_of_range, 0),
    UNIT_CASE("config_out_of_range (rto_max_ms < rto_initial_ms)", config_out_of_range, 1),
    UNIT_CASE("config_out_of_range (msl_ms 0)", config_out_of_range, 2),
    UNIT_CASE("config_out_of_range (msl_ms 2^31)", config_out_of_range, 3),
    UNIT_CASE("config_out_of_range (rcv_wnd 0)", config_out_of_range, 4),
    UNIT_CASE("config_out_of_range (rcv_wnd 2^30+1)", config_out_of_range, 5),
    UNIT_CASE("config_out_of_range (mss 0)", config_out_of_range, 6),
    UNIT_CASE("config_out_of_range (rst_mitigation 2)", config_out_of_range, 7),
    UNIT_CASE("config_out_of_range (syn_mitigation 2)", config_out_of_range, 8),
    UNIT_CASE("config_out_of_range (ack_mitigation 255)", config_out_of_range, 9),
    UNIT_CASE("config_out_of_range (drop_synfin 2)", config_out_of_range, 10),
    UNIT_TEST(config_range_edges_accepted),
    UNIT_CASE("corrupted_tcb (state 11)", corrupted_tcb, 0),
    UNIT_CASE("corrupted_tcb (state 255)", corrupted_tcb, 1),
    UNIT_CASE("corrupted_tcb (passive mark in ESTABLISHED)", corrupted_tcb, 2),
    UNIT_CASE("corrupted_tcb (SND.WND above 2^30)", corrupted_tcb, 3),
    UNIT_CASE("corrupted_tcb (reserved not zero)", corrupted_tcb, 4),
    UNIT_CASE("corrupted_tcb (held SYN text in ESTABLISHED)", corrupted_tcb, 5),
    UNIT_TEST(validation_order),
    UNIT_TEST(init_gives_closed),
    UNIT_TEST(names),
    UNIT_TEST(isn_clock_and_tuple),
    UNIT_CASE("laws_random_single (seed 0)", laws_random_single, 0),
    UNIT_CASE("laws_random_single (seed 5)", laws_random_single, 5),
    UNIT_CASE("laws_random_single (seed 10)", laws_random_single, 10),
    UNIT_CASE("laws_random_single (seed 15)", laws_random_single, 15),
    UNIT_CASE("laws_random_single (seed 3)", laws_random_single, 3),
    UNIT_CASE("laws_random_single (seed 6)", laws_random_single, 6),
    UNIT_CASE("laws_random_single (seed 9)", laws_random_single, 9),
    UNIT_CASE("laws_random_single (seed 12)", laws_random_single, 12),
    UNIT_CASE("laws_random_pair (seed 1)", laws_random_pair, 1),
    UNIT_CASE("laws_random_pair (seed 2)", laws_random_pair, 2),
    UNIT_CASE("laws_random_pair (seed 3)", laws_random_pair, 3),
    UNIT_CASE("laws_random_pair (seed 4)", laws_random_pair, 4),
    UNIT_CASE("laws_random_pair (seed 5, RFC 5961 off)", laws_random_pair, 5),
    UNIT_CASE("laws_random_pair (seed 6, RFC 5961 off)", laws_random_pair, 6),
    UNIT_CASE("laws_random_syn_text (seed 0, RCV.WND 10)", laws_random_syn_text, 0),
    UNIT_CASE("laws_random_syn_text (seed 1, RCV.WND 300)", laws_random_syn_text, 1),
    UNIT_CASE("laws_random_syn_text (seed 2, RCV.WND 65535)", laws_random_syn_text, 2),
    UNIT_CASE("laws_random_syn_text (seed 3, RCV.WND 100000)", laws_random_syn_text, 3),
    UNIT_END
};
