/* tests/unit/unit_main.c: the runner, the assertions, the call wrappers that
 * check the laws, and the fixtures. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

/* ---- the framework ---------------------------------------------------- */

static const char *current_test = "?";
static char current_param[64];
static int current_failures;

/* Print at most this many failures per test: one broken step tends to
 * cascade, and the first few lines say what is wrong. */
#define MAX_REPORTS_PER_TEST 12

void unit_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    current_failures++;
    if (current_failures > MAX_REPORTS_PER_TEST) return;
    printf("%s:%d: %s%s: ", file, line, current_test, current_param);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

int unit_eq(unsigned long long expected, unsigned long long actual, const char *what,
            const char *file, int line)
{
    if (expected == actual) return 1;
    unit_fail(file, line, "%s: expected %llu (0x%llx), got %llu (0x%llx)", what, expected,
              expected, actual, actual);
    return 0;
}

int unit_true(int cond, const char *what, const char *file, int line)
{
    if (cond) return 1;
    unit_fail(file, line, "expected %s", what);
    return 0;
}

/* ---- sequence arithmetic ---------------------------------------------------- */

int u_seq_lt(uint32_t a, uint32_t b)
{
    uint32_t d = b - a;
    return d != 0 && d < 0x80000000u;
}

int u_seq_le(uint32_t a, uint32_t b)
{
    return b - a < 0x80000000u;
}

uint32_t u_seg_len(const tcpfsm_segment *s)
{
    return s->len + ((s->flags & TCPFSM_SYN) ? 1u : 0u) + ((s->flags & TCPFSM_FIN) ? 1u : 0u);
}

/* ---- names for messages ------------------------------------------------------ */

static const char *state_name(int s)
{
    static const char *names[] = {
        "CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1",
        "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT",
    };
    return (s >= 0 && s < TCPFSM_STATE_COUNT) ? names[s] : "(invalid state)";
}

static const char *result_name(int r)
{
    static const char *names[] = {
        "ok", "connection does not exist", "connection already exists", "connection closing",
        "connection reset", "connection refused", "connection aborted due to user timeout",
        "connection timed out", "remote socket unspecified", "insufficient resources",
        "invalid argument", "invalid TCB",
    };
    return (r >= 0 && r < TCPFSM_RESULT_COUNT) ? names[r] : "(invalid result)";
}

static void flags_text(unsigned f, char *buf, size_t size)
{
    static const struct { unsigned bit; const char *name; } bits[] = {
        { TCPFSM_SYN, "SYN" }, { TCPFSM_FIN, "FIN" }, { TCPFSM_RST, "RST" },
        { TCPFSM_PSH, "PSH" }, { TCPFSM_ACK, "ACK" }, { TCPFSM_URG, "URG" },
    };
    size_t i;
    buf[0] = 0;
    for (i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        if (f & bits[i].bit) {
            if (buf[0]) strncat(buf, ",", size - strlen(buf) - 1);
            strncat(buf, bits[i].name, size - strlen(buf) - 1);
        }
    }
    if (!buf[0]) strncat(buf, "none", size - 1);
}

static void print_out(const tcpfsm_output *out)
{
    int i;
    char f[40];
    if (current_failures > MAX_REPORTS_PER_TEST) return;
    printf("    output: %u segment(s), notify 0x%x, held_len %lu, events", out->segment_count,
           out->notify, (unsigned long)out->held_len);
    for (i = 0; i < out->event_count && i < TCPFSM_MAX_EVENTS; i++)
        printf(" %s->%s", tcpfsm_event_name(out->event[i]), state_name(out->state_after[i]));
    printf("\n");
    for (i = 0; i < out->segment_count && i < TCPFSM_MAX_SEGMENTS; i++) {
        flags_text(out->segment[i].flags, f, sizeof f);
        printf("    segment %d: <SEQ=%lu><ACK=%lu><CTL=%s> len %lu wnd %lu\n", i,
               (unsigned long)out->segment[i].seq, (unsigned long)out->segment[i].ack, f,
               (unsigned long)out->segment[i].len, (unsigned long)out->segment[i].wnd);
    }
}

/* ---- expectations -------------------------------------------------------------- */

void u_expect_result(tcpfsm_result expected, tcpfsm_result actual, const char *file, int line)
{
    if (expected != actual)
        unit_fail(file, line, "result: expected \"%s\", got \"%s\"", result_name(expected),
                  result_name(actual));
}

void u_expect_state(const conn *c, int state, const char *file, int line)
{
    if (c->t.state != state) {
        unit_fail(file, line, "state: expected %s, got %s", state_name(state),
                  state_name(c->t.state));
        print_out(&c->out);
    }
}

void u_expect_segments(const tcpfsm_output *out, int count, const char *file, int line)
{
    if (out->segment_count != count) {
        unit_fail(file, line, "segment count: expected %d, got %u", count, out->segment_count);
        print_out(out);
    }
}

void u_expect_segment(const tcpfsm_output *out, int i, unsigned flags, uint32_t seq,
                      uint32_t ack, uint32_t len, const char *file, int line)
{
    const tcpfsm_segment *s;
    char fe[40], fg[40];
    unsigned mask = TCPFSM_FLAGS_MASK & ~TCPFSM_PSH;
    if (i >= out->segment_count) {
        unit_fail(file, line, "segment %d: expected one, got %u segment(s)", i,
                  out->segment_count);
        print_out(out);
        return;
    }
    s = &out->segment[i];
    if ((s->flags & mask) != (flags & mask) || s->seq != seq || s->len != len ||
        ((flags & TCPFSM_ACK) && s->ack != ack)) {
        flags_text(flags & mask, fe, sizeof fe);
        flags_text(s->flags, fg, sizeof fg);
        unit_fail(file, line,
                  "segment %d: expected <SEQ=%lu><ACK=%lu><CTL=%s> len %lu, "
                  "got <SEQ=%lu><ACK=%lu><CTL=%s> len %lu",
                  i, (unsigned long)seq, (unsigned long)ack, fe, (unsigned long)len,
                  (unsigned long)s->seq, (unsigned long)s->ack, fg, (unsigned long)s->len);
    }
}

void u_expect_notify(const tcpfsm_output *out, unsigned bits, const char *file, int line)
{
    if (out->notify != bits) {
        unit_fail(file, line, "notify: expected 0x%x, got 0x%x", bits, out->notify);
        print_out(out);
    }
}

void u_expect_timer(const tcpfsm_output *out, int which, int op, uint32_t ms,
                    const char *file, int line)
{
    static const char *ops[] = { "KEEP", "ARM", "CANCEL" };
    static const char *timers[] = { "RETRANSMIT", "TIME_WAIT", "USER" };
    const tcpfsm_timer_request *r = &out->timer[which];
    if (r->op != op || (op == TCPFSM_TIMER_ARM && r->ms != ms)) {
        unit_fail(file, line, "timer %s: expected %s %lu, got %s %lu", timers[which], ops[op],
                  (unsigned long)(op == TCPFSM_TIMER_ARM ? ms : 0),
                  r->op <= 2 ? ops[r->op] : "?", (unsigned long)r->ms);
    }
}

void u_expect_event(const tcpfsm_output *out, int event, int present, const char *file, int line)
{
    int i, found = 0;
    for (i = 0; i < out->event_count && i < TCPFSM_MAX_EVENTS; i++)
        if (out->event[i] == event) found = 1;
    if (found != present) {
        unit_fail(file, line, "event %s: expected %s in the trace", tcpfsm_event_name(event),
                  present ? "it" : "it not");
        print_out(out);
    }
}

void u_expect_closed(const conn *c, int error, const char *file, int line)
{
    tcpfsm_tcb zero;
    tcpfsm_tcb copy = c->t;
    u_expect_state(c, TCPFSM_CLOSED, file, line);
    if (c->t.error != error)
        unit_fail(file, line, "error: expected \"%s\", got \"%s\"", result_name(error),
                  result_name(c->t.error));
    memset(&zero, 0, sizeof zero);
    copy.error = 0;
    if (memcmp(&zero, &copy, sizeof zero) != 0)
        unit_fail(file, line, "deleted TCB: every field but error must be zero");
}

/* ---- the laws, checked after every call ------------------------------------------ */

/* A call that fails asks for nothing: no segment, no notification, every
 * timer KEEP. (The trace may still show the event that was refused.) The
 * validation tests of test_bad.c check that *out is cleared outright. */
static void quiet_check(const tcpfsm_output *out, const char *file, int line)
{
    int i;
    int quiet = out->segment_count == 0 && out->notify == 0 && out->held_len == 0;
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        if (out->timer[i].op != TCPFSM_TIMER_KEEP) quiet = 0;
    if (!quiet) {
        unit_fail(file, line, "law: a rejected call must ask for nothing");
        print_out(out);
    }
}

/* The segment of the call being checked (u_seg sets it), NULL for the other
 * calls: the laws about text need SEG.SEQ and SEG.LEN. */
static const tcpfsm_segment *law_seg;

static uint32_t u_min(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

static int ends_connection(int state)
{
    return state == TCPFSM_CLOSED || state == TCPFSM_LISTEN;
}

/* Text on a SYN in SYN-SENT (RFC 9293 3.10.7.3 "queue them for processing
 * after the ESTABLISHED state has been reached"; docs/semantics.md "Text on
 * a SYN"): N_HOLD keeps it, N_HELD_DATA delivers it, and RCV.NXT moves by
 * exactly the bytes delivered plus the FIN consumed. */
static void text_laws(const conn *c, const tcpfsm_tcb *before, const char *file, int line)
{
    const tcpfsm_output *out = &c->out;
    const tcpfsm_tcb *t = &c->t;
    unsigned hold = (out->notify & TCPFSM_N_HOLD) != 0;
    unsigned held_data = (out->notify & TCPFSM_N_HELD_DATA) != 0;
    uint32_t held = held_data ? out->held_len : 0;
    uint32_t data = (out->notify & TCPFSM_N_DATA) ? out->rcv_len : 0;
    uint32_t fin = (!U_FIN_RCVD(before) && U_FIN_RCVD(t)) ? 1u : 0u;
    int reached_established = 0, i;
    if (!tcpfsm_tcb_check(before))
        return; /* the corruption tests: the call is refused, nothing to relate */
    for (i = 0; i < out->event_count && i < TCPFSM_MAX_EVENTS; i++)
        if (out->state_after[i] == TCPFSM_ESTABLISHED) reached_established = 1;
    if (hold && held_data)
        unit_fail(file, line, "law: N_HOLD and N_HELD_DATA in one call");
    if ((hold || held_data) != (out->held_len != 0))
        unit_fail(file, line, "law: held_len %lu with notify 0x%x", (unsigned long)out->held_len,
                  out->notify);
    /* the held text lives only in an active SYN-RECEIVED */
    if (t->syn_text != 0 && (t->state != TCPFSM_SYN_RECEIVED || U_PASSIVE(t)))
        unit_fail(file, line, "law: syn_text %u in %s%s", t->syn_text, state_name(t->state),
                  U_PASSIVE(t) ? " (passive)" : "");
    if (hold) {
        if (before->state != TCPFSM_SYN_SENT || t->state != TCPFSM_SYN_RECEIVED || !law_seg)
            unit_fail(file, line, "law: N_HOLD from %s to %s", state_name(before->state),
                      state_name(t->state));
        else if (!(law_seg->flags & TCPFSM_SYN) || (law_seg->flags & (TCPFSM_ACK | TCPFSM_RST)))
            unit_fail(file, line, "law: N_HOLD on a segment that is not a bare SYN");
        else if (out->held_len != u_min(u_min(law_seg->len, before->rcv_wnd), 65535u) ||
                 t->syn_text != out->held_len)
            unit_fail(file, line, "law: N_HOLD held_len %lu syn_text %u, SEG.LEN %lu RCV.WND %lu",
                      (unsigned long)out->held_len, t->syn_text, (unsigned long)law_seg->len,
                      (unsigned long)before->rcv_wnd);
    } else if (law_seg && before->state == TCPFSM_SYN_SENT && t->state == TCPFSM_SYN_RECEIVED &&
               law_seg->len > 0) {
        unit_fail(file, line, "law: SYN with %lu bytes of text in SYN-SENT but no N_HOLD",
                  (unsigned long)law_seg->len);
    }
    if (held_data) {
        if (before->state != TCPFSM_SYN_RECEIVED || !reached_established ||
            !(out->notify & TCPFSM_N_ESTABLISHED))
            unit_fail(file, line, "law: N_HELD_DATA from %s without reaching ESTABLISHED",
                      state_name(before->state));
        if (out->held_len != u_min(before->syn_text, before->rcv_wnd) || t->syn_text != 0)
            unit_fail(file, line, "law: N_HELD_DATA held_len %lu, syn_text was %u now %u",
                      (unsigned long)out->held_len, before->syn_text, t->syn_text);
    } else if (before->syn_text != 0 && (out->notify & TCPFSM_N_ESTABLISHED)) {
        unit_fail(file, line, "law: ESTABLISHED with %u bytes held but no N_HELD_DATA",
                  before->syn_text);
    }
    /* syn_text changes only at N_HOLD, N_HELD_DATA, or when SYN-RECEIVED is left */
    if (!hold && t->syn_text != before->syn_text &&
        !(t->syn_text == 0 && (held_data || t->state != TCPFSM_SYN_RECEIVED)))
        unit_fail(file, line, "law: syn_text %u -> %u in %s", before->syn_text, t->syn_text,
                  state_name(t->state));
    if (c->r != TCPFSM_OK || ends_connection(t->state))
        return;
    /* RCV.NXT moves by exactly the text delivered (held, then new) and the
     * FIN consumed; a SYN sets it to IRS+1 first (the held text is not
     * acknowledged until it is delivered) */
    if (law_seg && (before->state == TCPFSM_LISTEN || before->state == TCPFSM_SYN_SENT)) {
        if (t->state != TCPFSM_SYN_SENT && t->rcv_nxt != law_seg->seq + 1u + data + fin)
            unit_fail(file, line, "law: RCV.NXT %lu after a SYN at %lu with %lu + %lu",
                      (unsigned long)t->rcv_nxt, (unsigned long)law_seg->seq,
                      (unsigned long)data, (unsigned long)fin);
    } else if (!ends_connection(before->state) && before->state != TCPFSM_SYN_SENT &&
               t->rcv_nxt != before->rcv_nxt + held + data + fin) {
        unit_fail(file, line, "law: RCV.NXT %lu -> %lu, delivered %lu held + %lu + FIN %lu",
                  (unsigned long)before->rcv_nxt, (unsigned long)t->rcv_nxt,
                  (unsigned long)held, (unsigned long)data, (unsigned long)fin);
    }
    /* what a segment delivers becomes unread and leaves the window */
    if (law_seg && !ends_connection(before->state) &&
        (t->rcv_unread != before->rcv_unread + held + data ||
         t->rcv_wnd + held + data != before->rcv_wnd))
        unit_fail(file, line, "law: unread %lu -> %lu, RCV.WND %lu -> %lu, delivered %lu + %lu",
                  (unsigned long)before->rcv_unread, (unsigned long)t->rcv_unread,
                  (unsigned long)before->rcv_wnd, (unsigned long)t->rcv_wnd,
                  (unsigned long)held, (unsigned long)data);
}

static void laws(const conn *c, const tcpfsm_tcb *before, const char *file, int line)
{
    const tcpfsm_output *out = &c->out;
    int i;
    /* tcb_valid is required and ensured by every call (the corruption
     * tests start from an invalid TCB on purpose: nothing to ensure there) */
    if (tcpfsm_tcb_check(before) && !tcpfsm_tcb_check(&c->t))
        unit_fail(file, line, "law: tcpfsm_tcb_check() fails after the call");
    if (out->segment_count > TCPFSM_MAX_SEGMENTS || out->event_count > TCPFSM_MAX_EVENTS) {
        unit_fail(file, line, "law: %u segments, %u events: above the limits",
                  out->segment_count, out->event_count);
        return;
    }
    if (c->r != TCPFSM_OK) {
        /* semantics.md: "a user call that returns any error changes nothing
         * and emits nothing (its event still shows in the trace)" */
        if (memcmp(before, &c->t, sizeof *before) != 0)
            unit_fail(file, line, "law: a call returning \"%s\" changed the TCB", result_name(c->r));
        quiet_check(out, file, line);
    }
    if (out->event_count > 0 && out->state_after[out->event_count - 1] != c->t.state)
        unit_fail(file, line, "law: the trace ends in %s, the TCB is in %s",
                  state_name(out->state_after[out->event_count - 1]), state_name(c->t.state));
    /* every field the call answers with is in range (the junk dirty() left
     * in *out must be gone) */
    if (out->notify & ~0x3FFFu)
        unit_fail(file, line, "law: notify 0x%x has undefined bits", out->notify);
    /* N_CHALLENGE marks a call whose one segment is the bare challenge ACK
     * (RFC 5961 s3, s4), so that an embedder can drop it (s7) */
    if ((out->notify & TCPFSM_N_CHALLENGE) &&
        (out->segment_count != 1 || out->segment[0].flags != TCPFSM_ACK ||
         out->segment[0].len != 0 || out->notify != TCPFSM_N_CHALLENGE))
        unit_fail(file, line, "law: N_CHALLENGE with %u segments (first flags 0x%x) "
                  "and notify 0x%x", out->segment_count, out->segment[0].flags, out->notify);
    text_laws(c, before, file, line);
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        if (out->timer[i].op > TCPFSM_TIMER_CANCEL)
            unit_fail(file, line, "law: timer %d has op %u", i, out->timer[i].op);
    for (i = 0; i < out->event_count; i++)
        if (out->state_after[i] >= TCPFSM_STATE_COUNT)
            unit_fail(file, line, "law: trace entry %d has state %u", i, out->state_after[i]);
    /* a connection that ends (deleted, or back to LISTEN) stops every timer:
     * semantics.md, "delete" */
    if (c->r == TCPFSM_OK && before->state != c->t.state &&
        (c->t.state == TCPFSM_CLOSED ||
         (c->t.state == TCPFSM_LISTEN && before->state == TCPFSM_SYN_RECEIVED))) {
        for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
            if (out->timer[i].op != TCPFSM_TIMER_CANCEL)
                unit_fail(file, line, "law: %s -> %s without cancelling timer %d",
                          state_name(before->state), state_name(c->t.state), i);
    }
    /* notifications agree with the state the call ends in */
    if ((out->notify & TCPFSM_N_CLOSED) && c->t.state != TCPFSM_CLOSED)
        unit_fail(file, line, "law: N_CLOSED but the TCB is in %s", state_name(c->t.state));
    if ((out->notify & TCPFSM_N_LISTEN) && c->t.state != TCPFSM_LISTEN)
        unit_fail(file, line, "law: N_LISTEN but the TCB is in %s", state_name(c->t.state));
    if ((out->notify & TCPFSM_N_ESTABLISHED) && c->t.state < TCPFSM_ESTABLISHED &&
        !(out->notify & TCPFSM_N_CLOSED))
        unit_fail(file, line, "law: N_ESTABLISHED but the TCB is in %s", state_name(c->t.state));
    if ((out->notify & TCPFSM_N_REMOTE_CLOSE) && c->t.state != TCPFSM_CLOSED &&
        !U_FIN_RCVD(&c->t))
        unit_fail(file, line, "law: N_REMOTE_CLOSE but no FIN recorded (state %s)",
                  state_name(c->t.state));
    if ((out->notify & (TCPFSM_N_RESET | TCPFSM_N_REFUSED | TCPFSM_N_TIMED_OUT |
                        TCPFSM_N_USER_TIMEOUT)) && !(out->notify & TCPFSM_N_CLOSED))
        unit_fail(file, line, "law: a connection-ending notification without N_CLOSED (0x%x)",
                  out->notify);
    for (i = 0; i < out->segment_count; i++) {
        const tcpfsm_segment *s = &out->segment[i];
        if (s->flags & ~TCPFSM_FLAGS_MASK) unit_fail(file, line, "law: segment %d has bad flags", i);
        if (s->flags & TCPFSM_RST) {
            /* RFC 9293 3.10.7.1 and semantics.md: RSTs go out with window 0. */
            if (s->wnd != 0) unit_fail(file, line, "law: RST segment %d with window %lu", i,
                                       (unsigned long)s->wnd);
            continue;
        }
        if (c->t.state == TCPFSM_CLOSED) continue;
        if ((s->flags & TCPFSM_ACK) && (s->ack != c->t.rcv_nxt || s->wnd != c->t.rcv_wnd)) {
            unit_fail(file, line,
                      "law: segment %d carries ACK=%lu wnd %lu, RCV.NXT=%lu RCV.WND=%lu",
                      i, (unsigned long)s->ack, (unsigned long)s->wnd,
                      (unsigned long)c->t.rcv_nxt, (unsigned long)c->t.rcv_wnd);
            print_out(out);
        }
        if ((s->flags & TCPFSM_SYN) && s->wnd != c->t.rcv_wnd)
            unit_fail(file, line, "law: SYN segment %d offers wnd %lu, RCV.WND is %lu", i,
                      (unsigned long)s->wnd, (unsigned long)c->t.rcv_wnd);
        /* SYN and FIN each take one number: a SYN is at ISS, and our FIN
         * occupies SND.NXT-1 (semantics.md; the TCB's fin_sent) */
        if ((s->flags & TCPFSM_SYN) && s->seq != c->t.iss)
            unit_fail(file, line, "law: SYN segment %d at %lu, ISS is %lu", i,
                      (unsigned long)s->seq, (unsigned long)c->t.iss);
        if ((s->flags & TCPFSM_FIN) && s->seq + s->len + 1u != c->t.snd_nxt)
            unit_fail(file, line, "law: FIN segment %d ends at %lu, SND.NXT is %lu", i,
                      (unsigned long)(s->seq + s->len + 1u), (unsigned long)c->t.snd_nxt);
        /* What we send lies in [SND.UNA, SND.NXT]: sequence space is
         * consumed (SYN and FIN count one each) before it goes out. */
        if (!u_seq_le(c->t.snd_una, s->seq) || !u_seq_le(s->seq + u_seg_len(s), c->t.snd_nxt)) {
            unit_fail(file, line,
                      "law: segment %d [%lu, %lu) is outside SND.UNA=%lu..SND.NXT=%lu", i,
                      (unsigned long)s->seq, (unsigned long)(s->seq + u_seg_len(s)),
                      (unsigned long)c->t.snd_una, (unsigned long)c->t.snd_nxt);
            print_out(out);
        }
    }
}

/* Fill *out with junk so that "every call clears *out" is observable. */
static void dirty(conn *c)
{
    memset(&c->out, 0xA5, sizeof c->out);
}

void conn_init(conn *c)
{
    memset(c, 0, sizeof *c);
    tcpfsm_init(&c->t);
    tcpfsm_config_default(&c->cfg);
}

tcpfsm_segment seg(unsigned flags, uint32_t seq, uint32_t ack, uint32_t len, uint32_t wnd)
{
    tcpfsm_segment s;
    memset(&s, 0, sizeof s);
    s.flags = (uint8_t)flags;
    s.seq = seq;
    s.ack = ack;
    s.len = len;
    s.wnd = wnd;
    return s;
}

tcpfsm_segment out_seg(const conn *c, int i)
{
    return c->out.segment[i];
}

tcpfsm_result u_open(conn *c, int active, uint32_t iss, const char *file, int line)
{
    tcpfsm_tcb before = c->t;
    dirty(c);
    c->r = tcpfsm_open(&c->t, &c->cfg, active, iss, &c->out);
    laws(c, &before, file, line);
    return c->r;
}

tcpfsm_result u_send(conn *c, uint32_t n, const char *file, int line)
{
    tcpfsm_tcb before = c->t;
    dirty(c);
    c->r = tcpfsm_send(&c->t, &c->cfg, n, &c->out);
    laws(c, &before, file, line);
    return c->r;
}

tcpfsm_result u_receive(conn *c, uint32_t n, const char *file, int line)
{
    tcpfsm_tcb before = c->t;
    dirty(c);
    c->r = tcpfsm_receive(&c->t, &c->cfg, n, &c->out);
    laws(c, &before, file, line);
    return c->r;
}

tcpfsm_result u_close(conn *c, const char *file, int line)
{
    tcpfsm_tcb before = c->t;
    dirty(c);
    c->r = tcpfsm_close(&c->t, &c->cfg, &c->out);
    laws(c, &before, file, line);
    return c->r;
}

tcpfsm_result u_abort(conn *c, const char *file, int line)
{
    tcpfsm_tcb before = c->t;
    dirty(c);
    c->r = tcpfsm_abort(&c->t, &c->cfg, &c->out);
    laws(c, &before, file, line);
    return c->r;
}

tcpfsm_result u_timer(conn *c, int which, const char *file, int line)
{
    tcpfsm_tcb before = c->t;
    dirty(c);
    c->r = tcpfsm_timer_fired(&c->t, &c->cfg, (tcpfsm_timer)which, &c->out);
    laws(c, &before, file, line);
    return c->r;
}

tcpfsm_result u_seg(conn *c, tcpfsm_segment s, uint32_t iss, const char *file, int line)
{
    tcpfsm_tcb before = c->t;
    dirty(c);
    c->r = tcpfsm_segment_arrives(&c->t, &c->cfg, &s, iss, &c->out);
    law_seg = &s;
    laws(c, &before, file, line);
    law_seg = NULL;
    return c->r;
}

/* ---- fixtures ---------------------------------------------------------------------- */

int fx_state(int kind)
{
    if (kind == FX_SYN_RECEIVED_ACTIVE) return TCPFSM_SYN_RECEIVED;
    if (kind == FX_ESTABLISHED_PASSIVE) return TCPFSM_ESTABLISHED;
    return kind;
}

const char *fx_name(int kind)
{
    if (kind == FX_SYN_RECEIVED_ACTIVE) return "SYN-RECEIVED (active)";
    if (kind == FX_ESTABLISHED_PASSIVE) return "ESTABLISHED (passive)";
    if (kind == FX_SYN_RECEIVED) return "SYN-RECEIVED (passive)";
    return state_name(kind);
}

void fx_build_at(conn *c, int kind, uint32_t iss, uint32_t irs, const char *file, int line)
{
    const unsigned A = TCPFSM_ACK;
    tcpfsm_init(&c->t);
    switch (kind) {
    case FX_CLOSED:
        break;
    case FX_LISTEN:
        u_open(c, 0, 0, file, line);
        break;
    case FX_SYN_SENT:
        u_open(c, 1, iss, file, line);
        break;
    case FX_SYN_RECEIVED:
        u_open(c, 0, 0, file, line);
        u_seg(c, seg(TCPFSM_SYN, irs, 0, 0, FX_PEER_WND), iss, file, line);
        break;
    case FX_SYN_RECEIVED_ACTIVE:
        u_open(c, 1, iss, file, line);
        u_seg(c, seg(TCPFSM_SYN, irs, 0, 0, FX_PEER_WND), 0, file, line);
        break;
    case FX_ESTABLISHED_PASSIVE:
        fx_build_at(c, FX_SYN_RECEIVED, iss, irs, file, line);
        u_seg(c, seg(A, irs + 1, iss + 1, 0, FX_PEER_WND), 0, file, line);
        break;
    case FX_ESTABLISHED:
        u_open(c, 1, iss, file, line);
        u_seg(c, seg(TCPFSM_SYN | A, irs, iss + 1, 0, FX_PEER_WND), 0, file, line);
        break;
    case FX_FIN_WAIT_1:
        fx_build_at(c, FX_ESTABLISHED, iss, irs, file, line);
        u_close(c, file, line);
        break;
    case FX_FIN_WAIT_2:
        fx_build_at(c, FX_FIN_WAIT_1, iss, irs, file, line);
        u_seg(c, seg(A, irs + 1, iss + 2, 0, FX_PEER_WND), 0, file, line);
        break;
    case FX_CLOSE_WAIT:
        fx_build_at(c, FX_ESTABLISHED, iss, irs, file, line);
        u_seg(c, seg(TCPFSM_FIN | A, irs + 1, iss + 1, 0, FX_PEER_WND), 0, file, line);
        break;
    case FX_CLOSING:
        fx_build_at(c, FX_FIN_WAIT_1, iss, irs, file, line);
        u_seg(c, seg(TCPFSM_FIN | A, irs + 1, iss + 1, 0, FX_PEER_WND), 0, file, line);
        break;
    case FX_LAST_ACK:
        fx_build_at(c, FX_CLOSE_WAIT, iss, irs, file, line);
        u_close(c, file, line);
        break;
    case FX_TIME_WAIT:
        fx_build_at(c, FX_FIN_WAIT_2, iss, irs, file, line);
        u_seg(c, seg(TCPFSM_FIN | A, irs + 1, iss + 2, 0, FX_PEER_WND), 0, file, line);
        break;
    default:
        unit_fail(file, line, "no fixture kind %d", kind);
        return;
    }
    if (c->t.state != fx_state(kind))
        unit_fail(file, line, "fixture %s did not reach its state: in %s", fx_name(kind),
                  state_name(c->t.state));
}

/* ---- the runner ------------------------------------------------------------------------ */

/* Failures traced to the core and reported to its author. They still count
 * as failures (the core is wrong there); the runner only says which issue a
 * failure is, and says so too when such a test starts passing. */
static const struct known_issue {
    const char *test; /* prefix of the test name */
    const char *issue;
} known_issues[] = {
    /* All fixed in 81d984c: no pure ACK in SYN-RECEIVED (figure 7 never
     * completed); a rejected RECEIVE flushed queued data; the ACK of our SYN
     * counted as user data in FIN-WAIT-1. Add { "test name prefix", "issue" }. */
    { NULL, NULL },
};

static const char *known_issue_of(const char *name)
{
    size_t i;
    for (i = 0; known_issues[i].test; i++)
        if (strncmp(name, known_issues[i].test, strlen(known_issues[i].test)) == 0)
            return known_issues[i].issue;
    return NULL;
}

static const unit_test *const groups[] = {
    unit_tests_calls, unit_tests_states, unit_tests_sync, unit_tests_timers,
    unit_tests_figures, unit_tests_wrap, unit_tests_edges, unit_tests_knobs,
    unit_tests_bad,
};

int main(int argc, char **argv)
{
    size_t g;
    int passed = 0, failed = 0, verbose = 0;
    const char *only = NULL;
    int i;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) verbose = 1;
        else if (argv[i][0] != '-') only = argv[i];
        else {
            fprintf(stderr, "usage: %s [-v] [substring of test names]\n", argv[0]);
            return 2;
        }
    }
    for (g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        const unit_test *t;
        for (t = groups[g]; t->name; t++) {
            current_test = t->name;
            current_param[0] = 0;
            if (t->pfn && t->param_is_fixture) snprintf(current_param, sizeof current_param, " [%s]", fx_name(t->param));
            if (only && !strstr(t->name, only)) continue;
            current_failures = 0;
            if (t->pfn) t->pfn(t->param);
            else t->fn();
            if (current_failures) {
                const char *issue = known_issue_of(t->name);
                failed++;
                printf("FAIL %s%s (%d failed check%s)%s%s\n", t->name, current_param,
                       current_failures, current_failures == 1 ? "" : "s",
                       issue ? " KNOWN: " : "", issue ? issue : "");
            } else {
                passed++;
                if (known_issue_of(t->name))
                    printf("note: %s%s passes now: drop it from known_issues\n", t->name,
                           current_param);
                if (verbose) printf("ok   %s%s\n", t->name, current_param);
            }
        }
    }
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
