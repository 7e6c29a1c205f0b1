/* Target Functions: every tcpfsm_* call of src/tcpfsm.h, against the
 * reference model ref/tcpfsm_ref.c.
 *
 * Differential harness: the input (format in fuzz/diff_input.h) decodes into
 * a config and a sequence of events -- user calls, segments with any flags,
 * sequence and acknowledgment numbers, window and length, timers -- applied
 * to a core TCB and to a reference TCB side by side. After every event the
 * harness compares the result, the state, the emitted segments, the
 * notifications, rcv_offset/rcv_len/acked/held_len, the timer requests,
 * STATUS and the count of SYN text held (N_HOLD), and checks
 * tcpfsm_tcb_check() on the core's TCB. On any difference it
 * replays the input printing every event with both outputs, then aborts.
 *
 * Deterministic: no clock, no randomness, no state kept between inputs
 * (except the trace switch, read once from the environment).
 *
 * TCPFSM_FUZZ_TRACE=1 prints the trace of every input, differing or not.
 * TCPFSM_FUZZ_CONTINUE=1 reports a divergence and goes on instead of
 * aborting (make coverage uses it, so one known divergence does not hide the
 * coverage of the rest of the corpus).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_input.h"
#include "tcpfsm.h"
#include "tcpfsm_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The comparing and printing code is not what the fuzzer should learn from:
 * keep libFuzzer's comparison tracing out of it (it cost a third of the
 * time). Clang only; gcc does not know this sanitizer name. */
#if defined(__clang__)
#define NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define NO_COVERAGE
#endif

/* ---- reading the input -------------------------------------------------- */
typedef struct reader {
    const uint8_t *p;
    size_t n, i;
} reader;

NO_COVERAGE static uint8_t byte(reader *r)
{
    return r->i < r->n ? r->p[r->i++] : 0;
}

NO_COVERAGE static uint32_t u32(reader *r)
{
    uint32_t v = 0;
    int k;
    for (k = 0; k < 4; k++)
        v = (v << 8) | byte(r);
    return v;
}

/* ---- config --------------------------------------------------------------- */
static void decode_config(reader *r, tcpfsm_config *cfg)
{
    static const uint32_t user_timeout[4] = {300000u, 0u, 1000u, 1u};
    static const uint8_t syn_retries[4] = {6, 0, 1, 2};
    static const uint8_t data_retries[4] = {15, 0, 2, 1};
    static const uint32_t rcv_wnd[8] = {65535u, 1u, 2u, 10u, 536u, 1000u, TCPFSM_MAX_WINDOW, 3u};
    static const uint16_t mss[8] = {536, 1, 2, 3, 100, 1460, 65535, 7};
    static const uint32_t rto_initial[4] = {1000u, 1u, 1u, 200u};
    static const uint32_t rto_max[4] = {60000u, 1u, 3u, 0xFFFFFFFFu};
    static const uint32_t msl[4] = {120000u, 1u, 0x7FFFFFFFu, 30000u};
    uint8_t b0 = byte(r), b1 = byte(r), b2 = byte(r);

    tcpfsm_config_default(cfg);
    cfg->rst_mitigation = (b0 & DIFF_K_RST) ? 0 : 1;
    cfg->syn_mitigation = (b0 & DIFF_K_SYN) ? 0 : 1;
    cfg->ack_mitigation = (b0 & DIFF_K_ACK) ? 0 : 1;
    cfg->drop_synfin = (b0 & DIFF_K_SYNFIN) ? 1 : 0;
    cfg->user_timeout_ms = user_timeout[(b0 >> 4) & 3];
    cfg->syn_retries = syn_retries[(b0 >> 6) & 3];
    cfg->data_retries = data_retries[(b0 >> 6) & 3];
    cfg->rcv_wnd = rcv_wnd[b1 & 7];
    cfg->mss = mss[(b1 >> 3) & 7];
    cfg->rto_initial_ms = rto_initial[(b1 >> 6) & 3];
    cfg->rto_max_ms = rto_max[(b1 >> 6) & 3];
    cfg->msl_ms = msl[b2 & 3];
    cfg->time_wait_ignore_rst = (b2 >> 2) & 1;
    cfg->rst_error_closing = (b2 >> 3) & 1;
    cfg->closing_ack_with_fin = (b2 >> 4) & 1;
    cfg->listen_drop_syn_ack = (b2 >> 5) & 1;
    cfg->old_segment_ack = (b2 >> 6) & 1;
}

/* One knob out of its range (docs/semantics.md "Config ranges"). */
static void break_config(tcpfsm_config *cfg, uint8_t k)
{
    switch (k % 17) {
    case 0: cfg->rto_initial_ms = 0; break;
    case 1: cfg->rto_max_ms = cfg->rto_initial_ms - 1; break;
    case 2: cfg->msl_ms = 0; break;
    case 3: cfg->msl_ms = 0x80000000u; break;
    case 4: cfg->rcv_wnd = 0; break;
    case 5: cfg->rcv_wnd = TCPFSM_MAX_WINDOW + 1; break;
    case 6: cfg->mss = 0; break;
    case 7: cfg->rst_mitigation = 2; break;
    case 8: cfg->syn_mitigation = 2; break;
    case 9: cfg->ack_mitigation = 0xFF; break;
    case 10: cfg->drop_synfin = 2; break;
    case 11: cfg->time_wait_ignore_rst = 2; break;
    case 12: cfg->rst_error_closing = 2; break;
    case 13: cfg->closing_ack_with_fin = 2; break;
    case 14: cfg->listen_drop_syn_ack = 2; break;
    case 15: cfg->old_segment_ack = 2; break;
    default: cfg->rto_initial_ms = 1; cfg->rto_max_ms = 0; break;
    }
}

/* BAD_CONFIG's operand (fuzz/diff_input.h): a knob to break on the next
 * call (*bad_config), or a new config for the calls from here on (*cfg).
 * Returns 1 for a new config. Also used by bench/corpus_diff.c. */
static int config_op(reader *r, tcpfsm_config *cfg, int *bad_config)
{
    uint8_t k = byte(r);
    if (k & DIFF_NEW_CONFIG) {
        decode_config(r, cfg);
        return 1;
    }
    *bad_config = k;
    return 0;
}

/* ---- selectors ---------------------------------------------------------------- */
static uint32_t seq_selector(reader *r, const tcpfsm_tcb *t, const tcpfsm_config *cfg)
{
    uint8_t v = byte(r);
    uint32_t base, delta;
    switch (v >> 4) {
    case DIFF_B_RCV_NXT: base = t->rcv_nxt; break;
    case DIFF_B_SND_NXT: base = t->snd_nxt; break;
    case DIFF_B_SND_UNA: base = t->snd_una; break;
    case DIFF_B_RCV_EDGE: base = t->rcv_nxt + t->rcv_wnd; break;
    case DIFF_B_IRS: base = t->irs; break;
    case DIFF_B_ISS: base = t->iss; break;
    case DIFF_B_ISS1: base = t->iss + 1; break;
    case DIFF_B_UNA_MAXWND: base = t->snd_una - t->max_snd_wnd; break;
    case DIFF_B_SND_EDGE: base = t->snd_una + t->snd_wnd; break;
    case DIFF_B_WL1: base = t->snd_wl1; break;
    case DIFF_B_WL2: base = t->snd_wl2; break;
    case DIFF_B_ZERO: base = 0; break;
    case DIFF_B_TOP: base = 0xFFFFFFFFu; break;
    case DIFF_B_HALF: base = 0x80000000u; break;
    case DIFF_B_RCV_NXT_FIN: base = t->rcv_nxt - 1; break;
    default: base = u32(r); break;
    }
    switch (v & 15) {
    case DIFF_D_0: delta = 0; break;
    case DIFF_D_P1: delta = 1; break;
    case DIFF_D_M1: delta = 0xFFFFFFFFu; break;
    case DIFF_D_P2: delta = 2; break;
    case DIFF_D_M2: delta = 0xFFFFFFFEu; break;
    case DIFF_D_PMSS: delta = cfg->mss; break;
    case DIFF_D_MMSS: delta = 0u - cfg->mss; break;
    case DIFF_D_PWND: delta = t->rcv_wnd; break;
    case DIFF_D_MWND: delta = 0u - t->rcv_wnd; break;
    case DIFF_D_P2_31: delta = 0x80000000u; break;
    case DIFF_D_P2_31M1: delta = 0x7FFFFFFFu; break;
    case DIFF_D_P2_31P1: delta = 0x80000001u; break;
    case DIFF_D_P1000: delta = 1000; break;
    case DIFF_D_M1000: delta = 0u - 1000u; break;
    case DIFF_D_P2_30: delta = 0x40000000u; break;
    default: delta = 65535; break;
    }
    return base + delta;
}

static uint32_t wnd_selector(reader *r, const tcpfsm_tcb *t, const tcpfsm_config *cfg)
{
    switch (byte(r) & 15) {
    case DIFF_W_0: return 0;
    case DIFF_W_1: return 1;
    case DIFF_W_2: return 2;
    case DIFF_W_3: return 3;
    case DIFF_W_MSS: return cfg->mss;
    case DIFF_W_536: return 536;
    case DIFF_W_65535: return 65535;
    case DIFF_W_1000: return 1000;
    case DIFF_W_2_30: return TCPFSM_MAX_WINDOW;
    case DIFF_W_2_30P1: return TCPFSM_MAX_WINDOW + 1;
    case DIFF_W_MAX32: return 0xFFFFFFFFu;
    case DIFF_W_10: return 10;
    case DIFF_W_100: return 100;
    case DIFF_W_4: return 4;
    case DIFF_W_RCVWND: return t->rcv_wnd;
    default: return 8000;
    }
}

static uint32_t len_selector(reader *r, const tcpfsm_tcb *t, const tcpfsm_config *cfg)
{
    switch (byte(r) & 15) {
    case DIFF_L_0: return 0;
    case DIFF_L_1: return 1;
    case DIFF_L_2: return 2;
    case DIFF_L_3: return 3;
    case DIFF_L_MSS_M1: return cfg->mss - 1u;
    case DIFF_L_MSS: return cfg->mss;
    case DIFF_L_MSS_P1: return cfg->mss + 1u;
    case DIFF_L_RCVWND: return t->rcv_wnd;
    case DIFF_L_RCVWND_M1: return t->rcv_wnd - 1u;
    case DIFF_L_RCVWND_P1: return t->rcv_wnd + 1u;
    case DIFF_L_2_30: return TCPFSM_MAX_WINDOW;
    case DIFF_L_2_30P1: return TCPFSM_MAX_WINDOW + 1;
    case DIFF_L_100: return 100;
    case DIFF_L_1000: return 1000;
    case DIFF_L_5: return 5;
    default: return 0xFFFFFFFFu;
    }
}

static uint32_t send_selector(reader *r, const tcpfsm_config *cfg)
{
    switch (byte(r) & 15) {
    case DIFF_N_0: return 0;
    case DIFF_N_1: return 1;
    case DIFF_N_2: return 2;
    case DIFF_N_MSS: return cfg->mss;
    case DIFF_N_MSS_P1: return cfg->mss + 1u;
    case DIFF_N_3MSS: return 3u * cfg->mss;
    case DIFF_N_5MSS_P1: return 5u * cfg->mss + 1u;
    case DIFF_N_2_30: return TCPFSM_MAX_WINDOW;
    case DIFF_N_2_30P1: return TCPFSM_MAX_WINDOW + 1;
    case DIFF_N_1000: return 1000;
    case DIFF_N_65535: return 65535;
    case DIFF_N_10: return 10;
    case DIFF_N_100: return 100;
    case DIFF_N_5000: return 5000;
    case DIFF_N_2_31: return 0x80000000u;
    default: return 3;
    }
}

static uint32_t receive_selector(reader *r, const tcpfsm_tcb *t)
{
    switch (byte(r) & 7) {
    case DIFF_R_0: return 0;
    case DIFF_R_1: return 1;
    case DIFF_R_ALL: return t->rcv_unread;
    case DIFF_R_ALL_M1: return t->rcv_unread - 1u;
    case DIFF_R_ALL_P1: return t->rcv_unread + 1u;
    case DIFF_R_2: return 2;
    case DIFF_R_MAX32: return 0xFFFFFFFFu;
    default: return t->rcv_unread / 2u;
    }
}

static uint8_t flags_byte(reader *r)
{
    uint8_t b = byte(r);
    return b == 0xC0 ? 0xC0 : (uint8_t)(b & TCPFSM_FLAGS_MASK);
}

/* ---- printing -------------------------------------------------------------------- */
NO_COVERAGE static void print_flags(FILE *f, uint8_t flags)
{
    static const char *const names[8] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "0x40", "0x80"};
    int i, first = 1;
    for (i = 0; i < 8; i++) {
        if (flags & (1u << i)) {
            fprintf(f, "%s%s", first ? "" : ",", names[i]);
            first = 0;
        }
    }
    if (first)
        fprintf(f, "none");
}

NO_COVERAGE static void print_segment(FILE *f, const tcpfsm_segment *s)
{
    fprintf(f, "<SEQ=%u><ACK=%u><CTL=", (unsigned)s->seq, (unsigned)s->ack);
    print_flags(f, s->flags);
    fprintf(f, "> WND=%u LEN=%u", (unsigned)s->wnd, (unsigned)s->len);
}

NO_COVERAGE static void print_output(FILE *f, const char *who, tcpfsm_result r, int state,
                         const tcpfsm_output *o, int with_events)
{
    static const char *const notes[14] = {"ESTABLISHED", "DATA", "ACKED", "REMOTE_CLOSE",
        "RESET", "REFUSED", "USER_TIMEOUT", "TIMED_OUT", "CLOSED", "CLOSE_ACKED", "LISTEN",
        "HOLD", "HELD_DATA", "CHALLENGE"};
    static const char *const timers[3] = {"RETRANSMIT", "TIME_WAIT", "USER"};
    static const char *const ops[3] = {"keep", "ARM", "CANCEL"};
    const unsigned named = sizeof notes / sizeof notes[0];
    const uint32_t unnamed = o->notify & ~((1u << named) - 1u);
    unsigned i;
    fprintf(f, "    %-4s -> %s, state %s", who, tcpfsm_result_name(r), tcpfsm_state_name(state));
    if (o->notify) {
        fprintf(f, ", notify");
        for (i = 0; i < named; i++)
            if (o->notify & (1u << i))
                fprintf(f, " %s", notes[i]);
        if (unnamed)
            fprintf(f, " 0x%x", (unsigned)unnamed);
    }
    if (o->held_len)
        fprintf(f, ", held_len %u", (unsigned)o->held_len);
    if (o->rcv_offset || o->rcv_len)
        fprintf(f, ", rcv_offset %u rcv_len %u", (unsigned)o->rcv_offset, (unsigned)o->rcv_len);
    if (o->acked)
        fprintf(f, ", acked %u", (unsigned)o->acked);
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++) {
        if (o->timer[i].op == TCPFSM_TIMER_KEEP && o->timer[i].ms == 0)
            continue;
        fprintf(f, ", %s %s", timers[i], o->timer[i].op < 3 ? ops[o->timer[i].op] : "?op");
        if (o->timer[i].op == TCPFSM_TIMER_ARM || o->timer[i].ms)
            fprintf(f, " %u ms", (unsigned)o->timer[i].ms);
    }
    fprintf(f, "\n");
    for (i = 0; i < o->segment_count && i < TCPFSM_MAX_SEGMENTS; i++) {
        fprintf(f, "           sends ");
        print_segment(f, &o->segment[i]);
        fprintf(f, "\n");
    }
    if (with_events && o->event_count) {
        fprintf(f, "           events");
        for (i = 0; i < o->event_count && i < TCPFSM_MAX_EVENTS; i++)
            fprintf(f, " %s->%s", tcpfsm_event_name(o->event[i]),
                    tcpfsm_state_name(o->state_after[i]));
        fprintf(f, "\n");
    }
}

/* ---- comparing ---------------------------------------------------------------------- */
NO_COVERAGE static int same_segment(const tcpfsm_segment *a, const tcpfsm_segment *b)
{
    return a->seq == b->seq && a->ack == b->ack && a->wnd == b->wnd && a->len == b->len &&
           a->flags == b->flags;
}

/* Returns NULL if the two sides agree, else what differs. */
NO_COVERAGE static const char *compare(tcpfsm_result rc, const tcpfsm_tcb *core, const tcpfsm_output *oc,
                           tcpfsm_result rr, const tcpfsm_ref_tcb *ref, const tcpfsm_output *orf,
                           int full_status)
{
    tcpfsm_status_info sc, sr;
    tcpfsm_result stc, str;
    unsigned i;
    if (!tcpfsm_tcb_check(core))
        return "core TCB fails tcpfsm_tcb_check()";
    if (rc != rr)
        return "result differs";
    if (core->state != tcpfsm_ref_state(ref))
        return "state differs";
    if (oc->segment_count != orf->segment_count)
        return "number of segments differs";
    for (i = 0; i < oc->segment_count && i < TCPFSM_MAX_SEGMENTS; i++)
        if (!same_segment(&oc->segment[i], &orf->segment[i]))
            return "segment differs";
    if (oc->notify != orf->notify)
        return "notifications differs";
    if (oc->rcv_offset != orf->rcv_offset || oc->rcv_len != orf->rcv_len)
        return "rcv_offset/rcv_len differs";
    if (oc->acked != orf->acked)
        return "acked differs";
    if (oc->held_len != orf->held_len)
        return "held_len differs";
    if (core->syn_text != tcpfsm_ref_held(ref))
        return "SYN text held (syn_text) differs";
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        if (oc->timer[i].op != orf->timer[i].op || oc->timer[i].ms != orf->timer[i].ms)
            return "timer requests differs";
    if (!full_status) {
        /* STATUS's fields, read from the core's public TCB */
        sc.state = core->state;
        sc.snd_una = core->snd_una;
        sc.snd_nxt = core->snd_nxt;
        sc.snd_wnd = core->snd_wnd;
        sc.rcv_nxt = core->rcv_nxt;
        sc.rcv_wnd = core->rcv_wnd;
        sc.snd_queued = core->snd_queued;
        sc.rcv_unread = core->rcv_unread;
        stc = core->state == TCPFSM_CLOSED ? TCPFSM_ERR_DOES_NOT_EXIST : TCPFSM_OK;
    } else {
        stc = tcpfsm_status(core, &sc);
    }
    str = tcpfsm_ref_status(ref, &sr);
    if (stc != str)
        return "STATUS result differs";
    if (stc == TCPFSM_OK && (sc.state != sr.state || sc.snd_una != sr.snd_una || sc.snd_nxt != sr.snd_nxt ||
        sc.snd_wnd != sr.snd_wnd || sc.rcv_nxt != sr.rcv_nxt || sc.rcv_wnd != sr.rcv_wnd ||
        sc.snd_queued != sr.snd_queued || sc.rcv_unread != sr.rcv_unread))
        return "STATUS (snd_una, snd_nxt, snd_wnd, rcv_nxt, rcv_wnd, snd_queued, rcv_unread) differs";
    return NULL;
}

NO_COVERAGE static void print_status(FILE *f, const char *who, const tcpfsm_status_info *s)
{
    fprintf(f, "    %-4s status: SND.UNA=%u SND.NXT=%u SND.WND=%u RCV.NXT=%u RCV.WND=%u "
               "queued=%u unread=%u\n",
            who, (unsigned)s->snd_una, (unsigned)s->snd_nxt, (unsigned)s->snd_wnd,
            (unsigned)s->rcv_nxt, (unsigned)s->rcv_wnd, (unsigned)s->snd_queued,
            (unsigned)s->rcv_unread);
}

/* ---- the TCB rules, as docs/semantics.md states them ------------------------
 * Written from the documentation's list (T1-T11), not from
 * tcpfsm_tcb_check(): MISUSE's PATCH mode checks that the two agree on
 * every TCB it makes. Returns NULL if every rule holds, else the rule broken. */
static int synchronized_state(unsigned s)
{
    return s >= TCPFSM_ESTABLISHED && s <= TCPFSM_TIME_WAIT;
}

NO_COVERAGE static const char *tcb_rule_broken(const tcpfsm_tcb *t)
{
    const uint32_t W = TCPFSM_MAX_WINDOW;
    uint32_t flight = t->snd_nxt - t->snd_una; /* modulo 2^32 */
    unsigned s = t->state;
    if (s >= 11 || t->error >= 12 || t->passive > 1 || t->close_queued > 1 || t->fin_sent > 1 ||
        t->fin_rcvd > 1 || t->timing > 1 || t->syn_unacked > 1 || t->reserved != 0)
        return "T1 (a field out of its range)";
    if (t->passive && s != TCPFSM_SYN_RECEIVED)
        return "T2 (passive outside SYN-RECEIVED)";
    if (t->snd_wnd > W || t->max_snd_wnd > W || t->snd_queued > W || t->rcv_wnd > W ||
        (uint64_t)t->rcv_unread + t->rcv_wnd > W)
        return "T3 (a window or queue past 2^30)";
    if ((uint64_t)flight > (uint64_t)W + t->fin_sent)
        return "T4 (flight past 2^30 + fin_sent)";
    if (t->syn_text != 0 && !(s == TCPFSM_SYN_RECEIVED && t->passive == 0))
        return "T5 (syn_text outside an active SYN-RECEIVED)";
    if (t->timing != (flight != 0))
        return "T6 (timing is not flight != 0)";
    if (t->syn_unacked && (t->snd_una != t->iss || (uint64_t)flight < 1u + (uint64_t)t->fin_sent ||
                           !(s == TCPFSM_SYN_SENT || s == TCPFSM_SYN_RECEIVED ||
                             s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_CLOSING)))
        return "T7 (syn_unacked without SND.UNA = ISS, with the SYN or a FIN after it not in flight, "
               "or in the wrong state)";
    if (s == TCPFSM_CLOSED) {
        tcpfsm_tcb z;
        memset(&z, 0, sizeof z);
        z.state = t->state;
        z.error = t->error;
        if (memcmp(&z, t, sizeof z) != 0)
            return "T8 (CLOSED with a field other than error not 0)";
    } else if (s == TCPFSM_LISTEN) {
        if (flight || t->snd_queued || t->rcv_unread || t->close_queued || t->fin_sent ||
            t->fin_rcvd || t->syn_unacked)
            return "T9 (LISTEN with something in flight, queued, unread or flagged)";
    } else if (s == TCPFSM_SYN_SENT || s == TCPFSM_SYN_RECEIVED) {
        if (t->snd_una != t->iss || t->snd_nxt != t->iss + 1u || !t->syn_unacked ||
            t->fin_sent || t->fin_rcvd || t->rcv_unread ||
            (s == TCPFSM_SYN_SENT && t->close_queued) ||
            (s == TCPFSM_SYN_RECEIVED && t->rcv_nxt != t->irs + 1u))
            return "T10 (a handshake state's sequence numbers or flags)";
    } else if (synchronized_state(s)) {
        int fin_rcvd_state = s == TCPFSM_CLOSE_WAIT || s == TCPFSM_CLOSING ||
                             s == TCPFSM_LAST_ACK || s == TCPFSM_TIME_WAIT;
        if (t->fin_sent && (s == TCPFSM_ESTABLISHED || s == TCPFSM_CLOSE_WAIT || t->snd_queued))
            return "T11 (fin_sent in ESTABLISHED or CLOSE-WAIT, or with data queued)";
        if ((s == TCPFSM_FIN_WAIT_2 || s == TCPFSM_TIME_WAIT) && (!t->fin_sent || flight))
            return "T11 (FIN-WAIT-2 or TIME-WAIT without our FIN acknowledged)";
        if (t->fin_sent && !flight && s != TCPFSM_FIN_WAIT_2 && s != TCPFSM_TIME_WAIT)
            return "T11 (our FIN sent, nothing in flight, outside FIN-WAIT-2 and TIME-WAIT)";
        if (!t->fin_sent && !flight && !t->snd_queued &&
            (s == TCPFSM_FIN_WAIT_1 || s == TCPFSM_CLOSING || s == TCPFSM_LAST_ACK))
            return "T11 (our FIN not sent in FIN-WAIT-1, CLOSING or LAST-ACK, with nothing "
                   "queued or in flight)";
        if (t->close_queued != (s != TCPFSM_ESTABLISHED && s != TCPFSM_CLOSE_WAIT))
            return "T11 (close_queued does not match the state)";
        if (t->fin_rcvd != fin_rcvd_state)
            return "T11 (fin_rcvd does not match the state)";
    }
    return NULL;
}

/* MISUSE's PATCH mode: field f of a copy of the core's TCB gets a value
 * chosen by v: a base (low nibble) plus the high nibble, cut to the
 * field's width. One table: name, place and width of every field. */
#define PATCH_FIELD(f) {#f, offsetof(tcpfsm_tcb, f), sizeof(((tcpfsm_tcb *)0)->f)}
static const struct patch_field {
    const char *name;
    size_t offset, size;
} patch_fields[] = {
    PATCH_FIELD(iss), PATCH_FIELD(irs), PATCH_FIELD(snd_una), PATCH_FIELD(snd_nxt),
    PATCH_FIELD(snd_wnd), PATCH_FIELD(snd_wl1), PATCH_FIELD(snd_wl2), PATCH_FIELD(max_snd_wnd),
    PATCH_FIELD(rcv_nxt), PATCH_FIELD(rcv_wnd), PATCH_FIELD(snd_queued), PATCH_FIELD(rcv_unread),
    PATCH_FIELD(rto_ms), PATCH_FIELD(state), PATCH_FIELD(retries), PATCH_FIELD(error),
    PATCH_FIELD(passive), PATCH_FIELD(close_queued), PATCH_FIELD(fin_sent), PATCH_FIELD(fin_rcvd),
    PATCH_FIELD(timing), PATCH_FIELD(syn_unacked), PATCH_FIELD(reserved), PATCH_FIELD(syn_text)};
#define PATCH_FIELDS (sizeof patch_fields / sizeof patch_fields[0])

NO_COVERAGE static uint32_t patch_get(const tcpfsm_tcb *t, unsigned f)
{
    const unsigned char *p = (const unsigned char *)t + patch_fields[f].offset;
    uint8_t b;
    uint16_t h;
    uint32_t w;
    switch (patch_fields[f].size) {
    case 1: memcpy(&b, p, 1); return b;
    case 2: memcpy(&h, p, 2); return h;
    default: memcpy(&w, p, 4); return w;
    }
}

NO_COVERAGE static void patch_set(tcpfsm_tcb *t, unsigned f, uint32_t v)
{
    unsigned char *p = (unsigned char *)t + patch_fields[f].offset;
    uint8_t b = (uint8_t)v;
    uint16_t h = (uint16_t)v;
    switch (patch_fields[f].size) {
    case 1: memcpy(p, &b, 1); break;
    case 2: memcpy(p, &h, 2); break;
    default: memcpy(p, &v, 4); break;
    }
}

static uint32_t patch_value(uint8_t v, uint32_t cur, const tcpfsm_tcb *t)
{
    uint32_t base;
    switch (v & 15) {
    case 0: base = 0; break;
    case 1: base = 1; break;
    case 2: base = 2; break;
    case 3: base = cur + 1u; break;
    case 4: base = cur - 1u; break;
    case 5: base = TCPFSM_MAX_WINDOW; break;
    case 6: base = TCPFSM_MAX_WINDOW + 1u; break;
    case 7: base = 0xFFFFFFFFu; break;
    case 8: base = 0x80000000u; break;
    case 9: base = t->iss; break;
    case 10: base = t->iss + 1u; break;
    case 11: base = t->irs + 1u; break;
    case 12: base = t->snd_una; break;
    case 13: base = t->snd_nxt; break;
    case 14: base = t->snd_una + TCPFSM_MAX_WINDOW + 1u; break;
    default: base = TCPFSM_MAX_WINDOW - t->rcv_wnd; break; /* the bound of rcv_unread */
    }
    return base + (uint32_t)(v >> 4);
}

/* Every acknowledging segment carries ACK = RCV.NXT and WND = RCV.WND (the
 * proved law acks_all, docs/semantics.md "Segments sent"). */
NO_COVERAGE static int acks_carry(const tcpfsm_output *o, const tcpfsm_tcb *t)
{
    unsigned i;
    for (i = 0; i < o->segment_count && i < TCPFSM_MAX_SEGMENTS; i++) {
        const tcpfsm_segment *s = &o->segment[i];
        if ((s->flags & TCPFSM_ACK) && !(s->flags & TCPFSM_RST) &&
            (s->ack != t->rcv_nxt || s->wnd != t->rcv_wnd))
            return 0;
    }
    return 1;
}

/* ---- misuse: NULL pointers and corrupted TCBs ----------------------------
 * docs/semantics.md "Calls and validation": a NULL pointer gives
 * INVALID_ARGUMENT, a TCB failing tcpfsm_tcb_check() gives INVALID_TCB, and
 * "the TCB is unchanged by a call that returns one of these". The reference
 * model has no corrupt TCB to compare with: the harness checks these
 * against the documented contract directly, on a copy of the core's TCB. */
static int output_clear(const tcpfsm_output *o)
{
    unsigned i;
    if (o->segment_count || o->notify || o->rcv_offset || o->rcv_len || o->acked ||
        o->held_len || o->event_count)
        return 0;
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        if (o->timer[i].op != TCPFSM_TIMER_KEEP)
            return 0;
    return 1;
}

/* One call on t; which = 0..7 picks the function; n is SEND's and
 * RECEIVE's count and the timer's number. MISUSE_N: the fixed n of the
 * NULL-pointer and corrupt-TCB calls (SEND 1, RECEIVE 0, the retransmission
 * timer). */
#define MISUSE_N(which) ((which) == 1 ? 1u : 0u)
/* The ISS of misuse_call's and ref_call's OPEN and SYN in LISTEN. */
#define MISUSE_ISS 1000u
static tcpfsm_result misuse_call(unsigned which, tcpfsm_tcb *t, const tcpfsm_config *cfg,
                                 const tcpfsm_segment *seg, uint32_t n, tcpfsm_output *out)
{
    tcpfsm_status_info info;
    switch (which % 8) {
    case 0: return tcpfsm_open(t, cfg, 1, MISUSE_ISS, out);
    case 1: return tcpfsm_send(t, cfg, n, out);
    case 2: return tcpfsm_receive(t, cfg, n, out);
    case 3: return tcpfsm_close(t, cfg, out);
    case 4: return tcpfsm_abort(t, cfg, out);
    case 5: return tcpfsm_segment_arrives(t, cfg, seg, MISUSE_ISS, out);
    case 6: return tcpfsm_timer_fired(t, cfg, (tcpfsm_timer)n, out);
    default: return tcpfsm_status(t, out == NULL ? NULL : &info); /* STATUS: out NULL, info NULL */
    }
}

/* A call on a TCB tcpfsm_tcb_check() refuses (`tcb` says which kind):
 * docs/semantics.md, "Calls and validation": INVALID_TCB, the TCB as it
 * was, and (but for STATUS, which has none) the output cleared. Returns
 * NULL, or what went wrong. */
static const char *refused_call(unsigned which, tcpfsm_tcb *t, const tcpfsm_config *cfg,
                                const tcpfsm_segment *seg, uint32_t n, const char *tcb)
{
    static char why[120];
    tcpfsm_tcb before = *t;
    tcpfsm_output out;
    const char *what = NULL;
    memset(&out, 0xA5, sizeof out);
    if (misuse_call(which, t, cfg, seg, n, &out) != TCPFSM_ERR_INVALID_TCB)
        what = "is not TCPFSM_ERR_INVALID_TCB";
    else if (memcmp(&before, t, sizeof before) != 0)
        what = "changed it";
    else if (which != 7 && !output_clear(&out))
        what = "did not clear its output";
    if (what == NULL)
        return NULL;
    snprintf(why, sizeof why, "a call on %s %s", tcb, what);
    return why;
}

/* The reference model's side of misuse_call (same operands). */
static tcpfsm_result ref_call(unsigned which, tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                              const tcpfsm_segment *seg, uint32_t n, tcpfsm_output *out)
{
    tcpfsm_status_info info;
    switch (which % 8) {
    case 0: return tcpfsm_ref_open(t, cfg, 1, MISUSE_ISS, out);
    case 1: return tcpfsm_ref_send(t, cfg, n, out);
    case 2: return tcpfsm_ref_receive(t, cfg, n, out);
    case 3: return tcpfsm_ref_close(t, cfg, out);
    case 4: return tcpfsm_ref_abort(t, cfg, out);
    case 5: return tcpfsm_ref_segment_arrives(t, cfg, seg, MISUSE_ISS, out);
    case 6: return tcpfsm_ref_timer_fired(t, cfg, (tcpfsm_timer)n, out);
    default: return tcpfsm_ref_status(t, &info);
    }
}

/* A reference TCB with the core TCB's connection, when the reference model
 * can hold it: it has no syn_unacked flag and reads "our SYN is not
 * acknowledged" as SND.UNA = ISS, so a TCB where the two differ (after
 * 2^32 numbers, or patched) is one it cannot represent. Returns 0 then. */
static int ref_from_core(const tcpfsm_tcb *c, tcpfsm_ref_tcb *r)
{
    if (c->state != TCPFSM_CLOSED && c->state != TCPFSM_LISTEN &&
        c->syn_unacked != (c->snd_una == c->iss))
        return 0;
    tcpfsm_ref_init(r);
    r->iss = c->iss;
    r->irs = c->irs;
    r->snd_una = c->snd_una;
    r->snd_nxt = c->snd_nxt;
    r->snd_wnd = c->snd_wnd;
    r->snd_wl1 = c->snd_wl1;
    r->snd_wl2 = c->snd_wl2;
    r->max_snd_wnd = c->max_snd_wnd;
    r->rcv_nxt = c->rcv_nxt;
    r->rcv_wnd = c->rcv_wnd;
    r->snd_queued = c->snd_queued;
    r->rcv_unread = c->rcv_unread;
    r->rto_ms = c->rto_ms;
    r->state = c->state;
    r->passive = c->passive;
    r->close_queued = c->close_queued;
    r->fin_sent = c->fin_sent;
    r->fin_rcvd = c->fin_rcvd;
    r->timing = c->timing;
    r->retries = c->retries;
    r->error = c->error;
    r->syn_text = c->syn_text;
    return 1;
}

/* The operands of PATCH's call, read relative to the patched TCB t (also
 * used by bench/corpus_diff.c to step over a PATCH). */
static void patch_operands(reader *rd, unsigned which, const tcpfsm_tcb *t,
                           const tcpfsm_config *cfg, uint32_t *n, tcpfsm_segment *seg)
{
    switch (which) {
    case 1: *n = send_selector(rd, cfg); break;
    case 2: *n = receive_selector(rd, t); break;
    case 5:
        seg->flags = flags_byte(rd);
        seg->seq = seq_selector(rd, t, cfg);
        seg->ack = seq_selector(rd, t, cfg);
        seg->wnd = wnd_selector(rd, t, cfg);
        seg->len = len_selector(rd, t, cfg);
        break;
    case 6: *n = byte(rd) % TCPFSM_TIMER_COUNT; break;
    default: break;
    }
}

/* PATCH mode (k = 0x40..0x5F, then DIFF_PATCH_PAIRS(k) pairs f v, then the
 * call's operands): up to four fields of a copy of the core's TCB set to any
 * value, then call k & 7 on it: SEND and RECEIVE read a count selector,
 * SEGMENT ARRIVES a segment (flags and selectors, relative to the patched
 * TCB), the timer call a timer number (byte % 3); the others read nothing.
 * tcpfsm_tcb_check() must agree with the documented rules
 * (tcb_rule_broken); a call on a TCB it rejects must give INVALID_TCB and
 * change nothing, and a call on one it accepts (reachable or not) must
 * leave a TCB it still accepts, with every ACK carrying RCV.NXT and RCV.WND,
 * and, when the reference model can hold the patched connection
 * (ref_from_core), do what the same call does there. */
static const char *patch(unsigned which, unsigned pairs, reader *rd, const tcpfsm_tcb *core,
                         const tcpfsm_config *cfg, int trace)
{
    static char why[160];
    tcpfsm_tcb t = *core;
    tcpfsm_ref_tcb ref;
    tcpfsm_output out, orf;
    tcpfsm_segment seg = {1, 1, 1, 0, TCPFSM_ACK};
    tcpfsm_result r;
    const char *rule;
    int accepted, have_ref;
    unsigned i;
    uint32_t n = 0;

    if (trace)
        fprintf(stderr, "MISUSE call %u on a TCB with", which);
    for (i = 0; i < pairs; i++) {
        unsigned field = byte(rd) % (unsigned)PATCH_FIELDS;
        uint32_t value = patch_value(byte(rd), patch_get(&t, field), &t);
        patch_set(&t, field, value);
        if (trace)
            fprintf(stderr, " %s = %u", patch_fields[field].name, (unsigned)patch_get(&t, field));
    }
    rule = tcb_rule_broken(&t);
    accepted = tcpfsm_tcb_check(&t);
    if (trace)
        fprintf(stderr, ": %s\n", rule ? rule : "keeps every documented rule");
    patch_operands(rd, which, &t, cfg, &n, &seg);
    if (trace && (which == 1 || which == 2 || which == 6))
        fprintf(stderr, "    (operand %u)\n", (unsigned)n);
    if (trace && which == 5) {
        fprintf(stderr, "    (segment ");
        print_segment(stderr, &seg);
        fprintf(stderr, ")\n");
    }
    if (accepted && rule) {
        snprintf(why, sizeof why, "tcpfsm_tcb_check() accepts a TCB that breaks rule %s", rule);
        return why;
    }
    if (!accepted && !rule)
        return "tcpfsm_tcb_check() rejects a TCB that keeps every documented rule (T1-T11)";
    if (!accepted)
        return refused_call(which, &t, cfg, &seg, n, "a TCB that breaks a rule");
    have_ref = ref_from_core(&t, &ref);
    memset(&out, 0xA5, sizeof out);
    memset(&orf, 0xA5, sizeof orf);
    r = misuse_call(which, &t, cfg, &seg, n, &out);
    if ((unsigned)r >= TCPFSM_RESULT_COUNT)
        return "a call on a patched TCB returned a result out of range";
    if (have_ref) {
        /* the same call on the reference model, from the same connection */
        /* (STATUS writes no output: both stay 0xA5 and compare equal) */
        tcpfsm_result rr = ref_call(which, &ref, cfg, &seg, n, &orf);
        const char *diff = compare(r, &t, &out, rr, &ref, &orf, 1);
        if ((trace || diff) && which != 7) {
            print_output(stderr, "core", r, t.state, &out, 1);
            print_output(stderr, "ref", rr, tcpfsm_ref_state(&ref), &orf, 0);
        }
        if (diff) {
            snprintf(why, sizeof why, "on a patched TCB: %s (core vs reference model)", diff);
            return why;
        }
    } else if (trace) {
        fprintf(stderr, "    (not compared: syn_unacked %u with SND.UNA %s ISS, which the "
                        "reference model cannot hold)\n",
                (unsigned)t.syn_unacked, t.snd_una == t.iss ? "=" : "!=");
    }
    if (!tcpfsm_tcb_check(&t)) {
        snprintf(why, sizeof why, "a call on a patched TCB it accepted left one that breaks rule %s",
                 tcb_rule_broken(&t) ? tcb_rule_broken(&t) : "(none: tcb_check disagrees)");
        return why;
    }
    if (which != 7 && !acks_carry(&out, &t))
        return "a call on a patched TCB sent an ACK without RCV.NXT and RCV.WND";
    return NULL;
}

static const char *misuse(uint8_t k, reader *rd, const tcpfsm_tcb *core,
                          const tcpfsm_config *cfg, int trace)
{
    tcpfsm_tcb bad = *core, before;
    tcpfsm_output out;
    tcpfsm_segment seg = {1, 1, 1, 0, TCPFSM_ACK};
    tcpfsm_result r;
    unsigned which = k & 7;

    if (DIFF_MISUSE_IS_PATCH(k))
        return patch(which, DIFF_PATCH_PAIRS(k), rd, core, cfg, trace);

    if (k & 0x80) {
        /* a NULL pointer: TCB, config, segment or output */
        unsigned what = (k >> 3) & 3;
        if (which == 7 && what != 0)
            what = 3; /* STATUS has no config, segment or output: a NULL info */
        if (trace)
            fprintf(stderr, "MISUSE call %u with a NULL %s\n", which,
                    what == 0 ? "TCB" : what == 1 ? "config" : what == 2 ? "segment" :
                    which == 7 ? "info" : "output");
        /* the helpers that take one pointer */
        tcpfsm_init(NULL);
        tcpfsm_config_default(NULL);
        if (tcpfsm_config_check(NULL) != TCPFSM_ERR_INVALID_ARGUMENT)
            return "tcpfsm_config_check(NULL) is not TCPFSM_ERR_INVALID_ARGUMENT";
        if (tcpfsm_tcb_check(NULL))
            return "tcpfsm_tcb_check(NULL) accepts NULL";
        if (what == 2 && which != 5)
            return NULL; /* only SEGMENT ARRIVES takes a segment */
        before = bad;
        memset(&out, 0xA5, sizeof out);
        r = misuse_call(which, what == 0 ? NULL : &bad, what == 1 ? NULL : cfg,
                        what == 2 ? NULL : &seg, MISUSE_N(which), what == 3 ? NULL : &out);
        if (r != TCPFSM_ERR_INVALID_ARGUMENT)
            return "a NULL pointer is not TCPFSM_ERR_INVALID_ARGUMENT";
        if (memcmp(&before, &bad, sizeof bad) != 0)
            return "a call with a NULL pointer changed the TCB";
        return NULL;
    }
    /* a TCB that breaks an invariant the header states */
    switch (((k >> 3) & 7) + ((k & 0x40) ? 4u : 0u)) {
    case 0: bad.state = (uint8_t)(TCPFSM_STATE_COUNT + (k >> 6)); break;
    case 1: bad.rcv_unread = TCPFSM_MAX_WINDOW + 1; break;
    case 2: bad.snd_wnd = TCPFSM_MAX_WINDOW + 1; break;
    case 3: bad.rcv_wnd = TCPFSM_MAX_WINDOW + 1; break;
    case 4: bad.snd_queued = TCPFSM_MAX_WINDOW + 1; break;
    case 5: bad.error = TCPFSM_RESULT_COUNT; break;
    case 6: bad.snd_nxt = bad.snd_una + 0x80000000u; break;
    case 7: bad.max_snd_wnd = 0xFFFFFFFFu; break;
    case 8: bad.timing = (uint8_t)!bad.timing; break;        /* "timing" iff bytes in flight */
    case 9: /* "reserved ... zero"; SYN text held only in an active SYN-RECEIVED */
        if ((which & 1) || (bad.state == TCPFSM_SYN_RECEIVED && !bad.passive))
            bad.reserved = (uint8_t)(1u << (which >> 1));
        else
            bad.syn_text = (uint16_t)(1u + (which << 12));
        break;
    case 10: bad.passive = 2; break;
    default: bad.fin_rcvd = (uint8_t)(bad.fin_rcvd ? 0 : 1); bad.state = TCPFSM_CLOSED; break;
    }
    if (trace)
        fprintf(stderr, "MISUSE call %u on a corrupted TCB (corruption %u)\n", which,
                ((k >> 3) & 7) + ((k & 0x40) ? 4u : 0u));
    if (tcpfsm_tcb_check(&bad))
        return "tcpfsm_tcb_check() accepts a TCB that breaks a documented bound";
    return refused_call(which, &bad, cfg, &seg, MISUSE_N(which), "a corrupt TCB");
}

NO_COVERAGE static void print_config(FILE *f, const char *what, const tcpfsm_config *c)
{
    fprintf(f, "%s: rto %u/%u ms, msl %u ms, user timeout %u ms, rcv_wnd %u, mss %u, "
               "retries syn %u data %u, 5961 rst %u syn %u ack %u, drop_synfin %u, "
               "FreeBSD knobs tw_rst %u rst_closing %u closing_fin %u listen_synack %u "
               "old_ack %u\n",
            what, (unsigned)c->rto_initial_ms, (unsigned)c->rto_max_ms, (unsigned)c->msl_ms,
            (unsigned)c->user_timeout_ms, (unsigned)c->rcv_wnd, (unsigned)c->mss,
            (unsigned)c->syn_retries, (unsigned)c->data_retries,
            (unsigned)c->rst_mitigation, (unsigned)c->syn_mitigation,
            (unsigned)c->ack_mitigation, (unsigned)c->drop_synfin,
            (unsigned)c->time_wait_ignore_rst, (unsigned)c->rst_error_closing,
            (unsigned)c->closing_ack_with_fin, (unsigned)c->listen_drop_syn_ack,
            (unsigned)c->old_segment_ack);
}

/* ---- running --------------------------------------------------------------------------- */
/* Runs the input; returns 0 if the two sides agree on every event. With
 * `trace`, prints every event and both outputs to stderr. */
static int run(const uint8_t *data, size_t size, int trace)
{
    static const uint32_t iss_values[16] = DIFF_ISS_VALUES;
    reader r = {data, size, 0};
    tcpfsm_config cfg;
    tcpfsm_tcb core;
    tcpfsm_ref_tcb ref;
    tcpfsm_output oc, orf;
    int bad_config = -1;
    unsigned nev;
    FILE *f = stderr;

    decode_config(&r, &cfg);
    tcpfsm_init(&core);
    tcpfsm_ref_init(&ref);
    if (trace)
        print_config(f, "config", &cfg);

    for (nev = 0; nev < DIFF_MAX_EVENTS && r.i < r.n; nev++) {
        uint8_t opcode = byte(&r);
        tcpfsm_config use = cfg;
        tcpfsm_result rc, rr;
        const char *diff;
        uint32_t n;
        tcpfsm_segment seg;

        if (bad_config >= 0) {
            break_config(&use, (uint8_t)bad_config);
            bad_config = -1;
        }
        if (trace)
            fprintf(f, "#%u ", nev);
        switch (DIFF_OP_OF(opcode)) {
        case DIFF_OP_OPEN_PASSIVE:
            if (trace) fprintf(f, "OPEN passive\n");
            rc = tcpfsm_open(&core, &use, 0, 0, &oc);
            rr = tcpfsm_ref_open(&ref, &use, 0, 0, &orf);
            break;
        case DIFF_OP_OPEN_ACTIVE:
            n = iss_values[opcode >> 4];
            if (trace) fprintf(f, "OPEN active, ISS %u\n", (unsigned)n);
            rc = tcpfsm_open(&core, &use, 1, n, &oc);
            rr = tcpfsm_ref_open(&ref, &use, 1, n, &orf);
            break;
        case DIFF_OP_SEND:
            n = send_selector(&r, &cfg);
            if (trace) fprintf(f, "SEND %u\n", (unsigned)n);
            rc = tcpfsm_send(&core, &use, n, &oc);
            rr = tcpfsm_ref_send(&ref, &use, n, &orf);
            break;
        case DIFF_OP_RECEIVE:
            n = receive_selector(&r, &core);
            if (trace) fprintf(f, "RECEIVE %u\n", (unsigned)n);
            rc = tcpfsm_receive(&core, &use, n, &oc);
            rr = tcpfsm_ref_receive(&ref, &use, n, &orf);
            break;
        case DIFF_OP_CLOSE:
            if (trace) fprintf(f, "CLOSE\n");
            rc = tcpfsm_close(&core, &use, &oc);
            rr = tcpfsm_ref_close(&ref, &use, &orf);
            break;
        case DIFF_OP_ABORT:
            if (trace) fprintf(f, "ABORT\n");
            rc = tcpfsm_abort(&core, &use, &oc);
            rr = tcpfsm_ref_abort(&ref, &use, &orf);
            break;
        case DIFF_OP_TIMER_RTX:
        case DIFF_OP_TIMER_2MSL:
        case DIFF_OP_TIMER_USER:
        case DIFF_OP_TIMER_BAD: {
            unsigned which = (unsigned)DIFF_OP_OF(opcode) - DIFF_OP_TIMER_RTX;
            if (which == 3)
                which += byte(&r);
            if (trace) fprintf(f, "TIMER %s fired\n", which == 0 ? "RETRANSMIT" :
                               which == 1 ? "TIME_WAIT" : which == 2 ? "USER" : "(invalid)");
            rc = tcpfsm_timer_fired(&core, &use, (tcpfsm_timer)which, &oc);
            rr = tcpfsm_ref_timer_fired(&ref, &use, (tcpfsm_timer)which, &orf);
            break;
        }
        case DIFF_OP_BAD_CONFIG:
            if (config_op(&r, &cfg, &bad_config)) {
                if (trace)
                    print_config(f, "new config for the calls from here on", &cfg);
            } else if (trace) {
                fprintf(f, "(next call with a broken config, knob %d)\n", bad_config % 17);
            }
            continue;
        case DIFF_OP_MISUSE: {
            /* with the unbroken config: a broken one is reported first */
            uint8_t k = byte(&r);
            const char *why = misuse(k, &r, &core, &cfg, trace);
            if (why != NULL) {
                fprintf(f, "DIVERGENCE at event #%u: %s\n", nev, why);
                return 1;
            }
            continue;
        }
        default: /* DIFF_OP_SEGMENT, DIFF_OP_INSEQ */
            memset(&seg, 0, sizeof seg);
            seg.flags = flags_byte(&r);
            if (DIFF_OP_OF(opcode) == DIFF_OP_SEGMENT) {
                seg.seq = seq_selector(&r, &core, &cfg);
                seg.ack = seq_selector(&r, &core, &cfg);
            } else {
                seg.seq = core.rcv_nxt;
                seg.ack = core.snd_nxt;
            }
            seg.wnd = wnd_selector(&r, &core, &cfg);
            seg.len = len_selector(&r, &core, &cfg);
            n = core.state == TCPFSM_LISTEN ? iss_values[opcode >> 4] : 0;
            if (trace) {
                fprintf(f, "SEGMENT ARRIVES ");
                print_segment(f, &seg);
                if (n) fprintf(f, " (ISS %u)", (unsigned)n);
                fprintf(f, "\n");
            }
            rc = tcpfsm_segment_arrives(&core, &use, &seg, n, &oc);
            rr = tcpfsm_ref_segment_arrives(&ref, &use, &seg, n, &orf);
            break;
        }
        diff = compare(rc, &core, &oc, rr, &ref, &orf, r.i >= r.n);
        if (trace || diff) {
            tcpfsm_status_info sc, sr;
            print_output(f, "core", rc, core.state, &oc, 1);
            print_output(f, "ref", rr, tcpfsm_ref_state(&ref), &orf, 0);
            if (diff && tcpfsm_status(&core, &sc) == TCPFSM_OK &&
                tcpfsm_ref_status(&ref, &sr) == TCPFSM_OK) {
                print_status(f, "core", &sc);
                print_status(f, "ref", &sr);
            }
            if (core.syn_text || tcpfsm_ref_held(&ref))
                fprintf(f, "    SYN text held: core %u, ref %u\n", (unsigned)core.syn_text,
                        (unsigned)tcpfsm_ref_held(&ref));
        }
        if (diff) {
            fprintf(f, "DIVERGENCE at event #%u: %s (core vs reference model)\n", nev, diff);
            return 1;
        }
    }
    return 0;
}

static int env_flag(const char *name)
{
    const char *e = getenv(name);
    return e != NULL && *e != '\0' && *e != '0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int trace = -1, keep_going = -1;
    if (trace < 0) {
        trace = env_flag("TCPFSM_FUZZ_TRACE");
        keep_going = env_flag("TCPFSM_FUZZ_CONTINUE");
    }
    if (run(data, size, trace)) {
        if (!trace) {
            fprintf(stderr, "---- replaying the input with the trace on ----\n");
            (void)run(data, size, 1);
        }
        if (!keep_going)
            abort();
    }
    return 0;
}
