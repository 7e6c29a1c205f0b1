/* tests/unit: API-level unit tests of the tcpfsm core.
 *
 * A tiny framework (no dependencies): each test is a function in a table;
 * assertions print file:line with the expected and actual values and let
 * the test go on; main prints "N passed, N failed" counting tests.
 *
 * Every expected value in these tests comes from RFC 9293 section 3.10 or
 * docs/semantics.md, never from the program's output. Connections are built
 * only through API calls and segments, never by writing TCB fields (the
 * corruption tests of bad input excepted, which is their point).
 *
 * Every call goes through a wrapper (u_open, u_seg, ...) that also checks
 * the laws after the call: tcpfsm_tcb_check() holds, every non-RST segment
 * with ACK carries ack == RCV.NXT and wnd == RCV.WND, every emitted segment
 * lies within [SND.UNA, SND.NXT], the trace ends in the TCB's state, a
 * call that fails changes nothing and emits nothing, text held from a SYN
 * (N_HOLD, N_HELD_DATA) is held and delivered only where docs/semantics.md
 * says, and RCV.NXT moves by exactly the bytes delivered and the FIN.
 */
#ifndef TCPFSM_UNIT_H
#define TCPFSM_UNIT_H

#include <stdint.h>
#include <string.h>

#include "tcpfsm.h"

/* ---- the TCB's yes/no fields ------------------------------------------------
 * Read through these so the tests do not depend on whether the TCB keeps them
 * as bits of one `flags` byte or as one byte each. */
#ifdef TCPFSM_TCB_FLAGS_MASK
#define U_PASSIVE(t) (((t)->flags & TCPFSM_TCB_PASSIVE) != 0)
#define U_FIN_RCVD(t) (((t)->flags & TCPFSM_TCB_FIN_RCVD) != 0)
#define U_CORRUPT_PASSIVE(t) ((t)->flags |= TCPFSM_TCB_PASSIVE)
#else
#define U_PASSIVE(t) ((t)->passive != 0)
#define U_FIN_RCVD(t) ((t)->fin_rcvd != 0)
#define U_CORRUPT_PASSIVE(t) ((t)->passive = 1)
#endif

/* ---- the framework ---------------------------------------------------- */

typedef struct unit_test {
    const char *name;
    void (*fn)(void);        /* a plain test */
    void (*pfn)(int param);  /* or a parameterised one (a table row) */
    int param;
    int param_is_fixture;    /* name the row by the fixture kind `param` */
} unit_test;

#define UNIT_TEST(f) { #f, f, 0, 0, 0 }
/* A row run on fixture kind `p` (enum fx_kind). */
#define UNIT_ROW(name, f, p) { name, 0, f, p, 1 }
/* A row with some other parameter. */
#define UNIT_CASE(name, f, p) { name, 0, f, p, 0 }
#define UNIT_END { 0, 0, 0, 0, 0 }

extern const unit_test unit_tests_calls[];
extern const unit_test unit_tests_states[];
extern const unit_test unit_tests_sync[];
extern const unit_test unit_tests_timers[];
extern const unit_test unit_tests_figures[];
extern const unit_test unit_tests_wrap[];
extern const unit_test unit_tests_edges[];
extern const unit_test unit_tests_knobs[];
extern const unit_test unit_tests_bad[];

void unit_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int unit_eq(unsigned long long expected, unsigned long long actual, const char *what,
            const char *file, int line);
int unit_true(int cond, const char *what, const char *file, int line);

#define EXPECT(cond) unit_true(!!(cond), #cond, __FILE__, __LINE__)
#define EXPECT_EQ(expected, actual) \
    unit_eq((unsigned long long)(expected), (unsigned long long)(actual), #actual, __FILE__, __LINE__)

/* ---- sequence arithmetic (RFC 9293 3.4), for the laws -------------------- */
int u_seq_lt(uint32_t a, uint32_t b);
int u_seq_le(uint32_t a, uint32_t b);
/* SEG.LEN as the RFC counts it: payload, plus one for SYN, plus one for FIN. */
uint32_t u_seg_len(const tcpfsm_segment *s);

/* ---- a connection under test ---------------------------------------------- */

typedef struct conn {
    tcpfsm_tcb t;
    tcpfsm_output out;
    tcpfsm_config cfg;
    tcpfsm_result r;     /* result of the last call */
} conn;

/* tcpfsm_init plus the default config. */
void conn_init(conn *c);

tcpfsm_segment seg(unsigned flags, uint32_t seq, uint32_t ack, uint32_t len, uint32_t wnd);

tcpfsm_result u_open(conn *c, int active, uint32_t iss, const char *file, int line);
tcpfsm_result u_send(conn *c, uint32_t n, const char *file, int line);
tcpfsm_result u_receive(conn *c, uint32_t n, const char *file, int line);
tcpfsm_result u_close(conn *c, const char *file, int line);
tcpfsm_result u_abort(conn *c, const char *file, int line);
tcpfsm_result u_timer(conn *c, int which, const char *file, int line);
tcpfsm_result u_seg(conn *c, tcpfsm_segment s, uint32_t iss, const char *file, int line);

#define OPEN(c, active, iss) u_open((c), (active), (iss), __FILE__, __LINE__)
#define SEND(c, n) u_send((c), (n), __FILE__, __LINE__)
#define RECEIVE(c, n) u_receive((c), (n), __FILE__, __LINE__)
#define CLOSE(c) u_close((c), __FILE__, __LINE__)
#define ABORT(c) u_abort((c), __FILE__, __LINE__)
#define FIRE(c, which) u_timer((c), (which), __FILE__, __LINE__)
/* A segment arrives; `iss` for a SYN met in LISTEN. */
#define ARRIVE_ISS(c, s, iss) u_seg((c), (s), (iss), __FILE__, __LINE__)
#define ARRIVE(c, flags, seq, ack, len, wnd) \
    u_seg((c), seg((flags), (seq), (ack), (len), (wnd)), 0, __FILE__, __LINE__)

/* ---- expectations ----------------------------------------------------------- */

void u_expect_result(tcpfsm_result expected, tcpfsm_result actual, const char *file, int line);
void u_expect_state(const conn *c, int state, const char *file, int line);
void u_expect_segment(const tcpfsm_output *out, int i, unsigned flags, uint32_t seq,
                      uint32_t ack, uint32_t len, const char *file, int line);
void u_expect_segments(const tcpfsm_output *out, int count, const char *file, int line);
void u_expect_notify(const tcpfsm_output *out, unsigned bits, const char *file, int line);
void u_expect_timer(const tcpfsm_output *out, int which, int op, uint32_t ms,
                    const char *file, int line);
void u_expect_event(const tcpfsm_output *out, int event, int present, const char *file, int line);
void u_expect_closed(const conn *c, int error, const char *file, int line);

#define EXPECT_RESULT(expected, actual) u_expect_result((expected), (actual), __FILE__, __LINE__)
#define EXPECT_OK(c) u_expect_result(TCPFSM_OK, (c)->r, __FILE__, __LINE__)
#define EXPECT_STATE(c, s) u_expect_state((c), (s), __FILE__, __LINE__)
/* Flags compare without PSH (semantics.md sets PSH only as a hint; tests of
 * PSH look at it directly). `ack` is compared only when ACK is in `flags`. */
#define EXPECT_SEGMENT(out, i, flags, seq, ack, len) \
    u_expect_segment((out), (i), (flags), (seq), (ack), (len), __FILE__, __LINE__)
#define EXPECT_SEGMENTS(out, n) u_expect_segments((out), (n), __FILE__, __LINE__)
#define EXPECT_NOTIFY(out, bits) u_expect_notify((out), (bits), __FILE__, __LINE__)
#define EXPECT_TIMER(out, which, op, ms) u_expect_timer((out), (which), (op), (ms), __FILE__, __LINE__)
#define EXPECT_EVENT(out, ev) u_expect_event((out), (ev), 1, __FILE__, __LINE__)
#define EXPECT_NO_EVENT(out, ev) u_expect_event((out), (ev), 0, __FILE__, __LINE__)
/* Deleted (semantics.md "delete"): CLOSED, every field zero but `error`. */
#define EXPECT_CLOSED(c, error) u_expect_closed((c), (error), __FILE__, __LINE__)

/* ---- fixtures: a TCB in each state, through real transitions --------------- */

enum fx_kind {
    FX_CLOSED = TCPFSM_CLOSED,
    FX_LISTEN = TCPFSM_LISTEN,
    FX_SYN_SENT = TCPFSM_SYN_SENT,
    FX_SYN_RECEIVED = TCPFSM_SYN_RECEIVED, /* passive: came from LISTEN */
    FX_ESTABLISHED = TCPFSM_ESTABLISHED,
    FX_FIN_WAIT_1 = TCPFSM_FIN_WAIT_1,
    FX_FIN_WAIT_2 = TCPFSM_FIN_WAIT_2,
    FX_CLOSE_WAIT = TCPFSM_CLOSE_WAIT,
    FX_CLOSING = TCPFSM_CLOSING,
    FX_LAST_ACK = TCPFSM_LAST_ACK,
    FX_TIME_WAIT = TCPFSM_TIME_WAIT,
    FX_SYN_RECEIVED_ACTIVE = 11,          /* simultaneous open: came from SYN-SENT */
    FX_ESTABLISHED_PASSIVE = 12,          /* LISTEN, SYN, ACK of our SYN */
    FX_KIND_COUNT = 13
};

/* Default sequence numbers of the fixtures: ours and the peer's. */
#define FX_ISS 1000u
#define FX_IRS 5000u
/* The window the fixture's peer advertises. */
#define FX_PEER_WND 8192u

/* The RFC state a fixture kind is in. */
int fx_state(int kind);
const char *fx_name(int kind);
/* Build `kind` in c (c->cfg is kept: set it before), with our ISS `iss` and
 * the peer's `irs`. The peer's FIN, when the state has one, is at IRS+1; our
 * FIN at ISS+1. */
void fx_build_at(conn *c, int kind, uint32_t iss, uint32_t irs, const char *file, int line);
#define FX_AT(c, kind, iss, irs) fx_build_at((c), (kind), (iss), (irs), __FILE__, __LINE__)
#define FX(c, kind) fx_build_at((c), (kind), FX_ISS, FX_IRS, __FILE__, __LINE__)
/* conn_init, then FX. */
#define FX_NEW(c, kind) (conn_init(c), FX((c), (kind)))

/* The first segment of c->out, for feeding to a peer. */
tcpfsm_segment out_seg(const conn *c, int i);

#endif /* TCPFSM_UNIT_H */
