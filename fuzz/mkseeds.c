/* fuzz/mkseeds: writes the generated seeds of corpus/fuzz_diff/ (gen-*).
 *
 *   build/fuzz/mkseeds DIR        (make fuzz-seeds)
 *
 * Seeds are inputs in the format of fuzz/diff_input.h:
 *   gen-fig06-a ... gen-fig13-*   RFC 9293 figures 6 to 13, from each side
 *                                 that the model can play (the model is one
 *                                 endpoint; the other one's segments are
 *                                 written out);
 *   gen-S-K                       every state S (both SYN-RECEIVEDs) meets
 *                                 every segment kind K, every timer and
 *                                 every user call;
 *   gen-S-call-*                  and every misuse: NULL pointers, the 12
 *                                 corrupt TCBs, every TCB field patched to
 *                                 16 values (MISUSE PATCH), every config
 *                                 knob out of its range, a new config;
 *   gen-S-K-no5961, -synfin,      the same with RFC 5961 off, drop_synfin on,
 *   -freebsd                      the FreeBSD knobs on;
 *   gen-flow-*                    longer flows: bulk data, retransmission to
 *                                 the limit, user timeout, zero window,
 *                                 deferred close, wrap-around;
 *   gen-synsent-text-*            text on a SYN in SYN-SENT, held until
 *                                 ESTABLISHED: delivered, clipped, SYN,FIN,
 *                                 CLOSE, RST, give-up, wrap-around;
 *   gen-trim-*                    an old SYN on an acceptable segment,
 *                                 trimmed off (3.10.7.4 first);
 *   gen-regress-K*                one short input per divergence found
 *                                 between the core and the reference model;
 *   gen-regress-P*                and per finding of MISUSE's PATCH mode,
 *   gen-regress-C*                and those reached by a config changed
 *                                 between calls.
 * The generator is deterministic: its output is committed, and `make
 * fuzz-seeds` must reproduce it byte for byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_input.h"
#include "tcpfsm.h"

/* ---- building one input ------------------------------------------------- */
static uint8_t buf[4096];
static size_t len;
static const char *outdir;
static unsigned written;

static void put(uint8_t b)
{
    if (len >= sizeof buf) {
        fprintf(stderr, "mkseeds: seed too long\n");
        exit(1);
    }
    buf[len++] = b;
}

static void start(uint8_t b0, uint8_t b1, uint8_t b2)
{
    len = 0;
    put(b0);
    put(b1);
    put(b2);
}

static void save(const char *name)
{
    char path[1024];
    FILE *f;
    snprintf(path, sizeof path, "%s/gen-%s", outdir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    written++;
}

#define SEL(base, delta) ((uint8_t)(((base) << 4) | (delta)))

/* ISS indices into DIFF_ISS_VALUES */
enum { ISS_1000 = 0, ISS_0 = 1, ISS_TOP = 2, ISS_HALF_M1 = 3, ISS_HALF = 4, ISS_TOP_M15 = 5,
       ISS_100 = 10 };

static void open_passive(void) { put(DIFF_OP_OPEN_PASSIVE); }
static void open_active(unsigned iss) { put((uint8_t)(DIFF_OP_OPEN_ACTIVE | (iss << 4))); }
static void send_n(uint8_t nsel) { put(DIFF_OP_SEND); put(nsel); }
static void receive_n(uint8_t rsel) { put(DIFF_OP_RECEIVE); put(rsel); }
static void close_(void) { put(DIFF_OP_CLOSE); }
static void abort_(void) { put(DIFF_OP_ABORT); }
static void timer_(unsigned which) { put((uint8_t)(DIFF_OP_TIMER_RTX + which)); }
/* the calls from here on with the config of header bytes b0 b1 b2 */
static void new_config(uint8_t b0, uint8_t b1, uint8_t b2)
{
    put(DIFF_OP_BAD_CONFIG);
    put(DIFF_NEW_CONFIG);
    put(b0);
    put(b1);
    put(b2);
}

static void raw32(uint32_t v)
{
    put((uint8_t)(v >> 24));
    put((uint8_t)(v >> 16));
    put((uint8_t)(v >> 8));
    put((uint8_t)v);
}

/* A segment: seq and ack are selectors; a RAW one is followed by its value. */
static void seg(uint8_t flags, uint8_t seqsel, uint32_t seqraw, uint8_t acksel, uint32_t ackraw,
                uint8_t wndsel, uint8_t lensel, unsigned iss)
{
    put((uint8_t)(DIFF_OP_SEGMENT | (iss << 4)));
    put(flags);
    put(seqsel);
    if ((seqsel >> 4) == DIFF_B_RAW)
        raw32(seqraw);
    put(acksel);
    if ((acksel >> 4) == DIFF_B_RAW)
        raw32(ackraw);
    put(wndsel);
    put(lensel);
}

/* seq = RCV.NXT, ack = SND.NXT */
static void inseq(uint8_t flags, uint8_t wndsel, uint8_t lensel)
{
    put(DIFF_OP_INSEQ);
    put(flags);
    put(wndsel);
    put(lensel);
}

#define A TCPFSM_ACK
#define F TCPFSM_FIN
#define S TCPFSM_SYN
#define R TCPFSM_RST
#define P TCPFSM_PSH
#define RAW(v) SEL(DIFF_B_RAW, 0), (v)
#define REL(base, delta) SEL(base, delta), 0
#define W65535 DIFF_W_65535
#define L0 DIFF_L_0

/* ---- RFC 9293 figures 6-13 --------------------------------------------- */
static void figures(void)
{
    /* Figure 6, peer A: SYN-SENT -> ESTABLISHED, then data. */
    start(0, 0, 0);
    open_active(ISS_100);
    seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    send_n(DIFF_N_10);
    save("fig06-a");
    /* Figure 6, peer B: LISTEN -> SYN-RECEIVED -> ESTABLISHED, data in. */
    start(0, 0, 0);
    open_passive();
    seg(S, RAW(100), RAW(0), W65535, L0, ISS_100);
    inseq(A, W65535, L0);
    inseq(A | P, W65535, DIFF_L_100);
    receive_n(DIFF_R_ALL);
    save("fig06-b");
    /* Figure 7: simultaneous open (both sides behave alike). */
    start(0, 0, 0);
    open_active(ISS_100);
    seg(S, RAW(300), RAW(0), W65535, L0, 0);
    seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    seg(A, RAW(301), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    save("fig07");
    /* Figure 8, peer A: a SYN,ACK for an old SYN gets a RST, then the real one. */
    start(0, 0, 0);
    open_active(ISS_100);
    seg(S | A, RAW(300), RAW(91), W65535, L0, 0);
    seg(S | A, RAW(400), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    save("fig08-a");
    /* Figure 8, peer B: old SYN, its RST sends B back to LISTEN, then the real SYN. */
    start(0, 0, 0);
    open_passive();
    seg(S, RAW(90), RAW(0), W65535, L0, ISS_100);
    seg(R, REL(DIFF_B_RCV_NXT, 0), RAW(0), W65535, L0, 0);
    seg(S, RAW(100), RAW(0), W65535, L0, ISS_100);
    inseq(A, W65535, L0);
    save("fig08-b");
    /* Figure 9, peer A (rebooted): an ACK in SYN-SENT draws a RST, SYN again. */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(A, RAW(300), RAW(100), W65535, L0, 0);
    timer_(0);
    save("fig09-a");
    /* Figure 9, peer B: a SYN in ESTABLISHED gets an ACK, the RST aborts. */
    start(0, 0, 0);
    open_passive();
    seg(S, RAW(99), RAW(0), W65535, L0, ISS_100);
    inseq(A, W65535, L0);
    seg(S, RAW(400), RAW(0), W65535, L0, 0);
    seg(R, REL(DIFF_B_RCV_NXT, 0), RAW(0), W65535, L0, 0);
    save("fig09-b");
    /* Figure 10, peer A: data for a connection that does not exist. */
    start(0, 0, 0);
    seg(A, RAW(300), RAW(100), W65535, DIFF_L_100, 0);
    save("fig10-a");
    /* Figure 10, peer B: sends data, the RST aborts. */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(S | A, RAW(99), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    send_n(DIFF_N_10);
    seg(R, REL(DIFF_B_RCV_NXT, 0), RAW(0), W65535, L0, 0);
    save("fig10-b");
    /* Figure 11, peer A: LISTEN gets a SYN,ACK: RST. */
    start(0, 0, 0);
    open_passive();
    seg(S | A, RAW(5000), RAW(1001), W65535, L0, 0);
    save("fig11-a");
    /* Figure 11, peer B: old SYN, RST, back to LISTEN. */
    start(0, 0, 0);
    open_passive();
    seg(S, RAW(7000), RAW(0), W65535, L0, ISS_1000);
    seg(R, RAW(7001), RAW(0), W65535, L0, 0);
    save("fig11-b");
    /* Figure 12, peer A: active close through TIME-WAIT. */
    start(0, 0, 0);
    open_active(ISS_100);
    seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    close_();
    inseq(A, W65535, L0);
    inseq(F | A, W65535, L0);
    timer_(1);
    save("fig12-a");
    /* Figure 12, peer B: passive close through LAST-ACK. */
    start(0, 0, 0);
    open_active(ISS_100);
    seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    inseq(F | A, W65535, L0);
    close_();
    inseq(A, W65535, L0);
    save("fig12-b");
    /* Figure 13: simultaneous close through CLOSING. */
    start(0, 0, 0);
    open_active(ISS_100);
    seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    close_();
    seg(F | A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), W65535, L0, 0);
    inseq(A, W65535, L0);
    timer_(1);
    save("fig13");
    start(0, 0, DIFF_K2_FREEBSD);
    open_active(ISS_100);
    seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    close_();
    seg(F | A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), W65535, L0, 0);
    inseq(A, W65535, L0);
    timer_(1);
    save("fig13-freebsd");
}

/* ---- every state meets every segment kind -------------------------------- */
enum state_id {
    ST_CLOSED, ST_LISTEN, ST_SYN_SENT, ST_SYN_RCVD_PASSIVE, ST_SYN_RCVD_ACTIVE, ST_ESTABLISHED,
    ST_FIN_WAIT_1, ST_FIN_WAIT_2, ST_CLOSE_WAIT, ST_CLOSING, ST_LAST_ACK, ST_TIME_WAIT,
    ST_ESTABLISHED_DATA, ST_FIN_WAIT_1_DATA, ST_SYN_RCVD_ACTIVE_TEXT, ST_COUNT
};

static const char *const state_names[ST_COUNT] = {
    "closed", "listen", "synsent", "synrcvd-passive", "synrcvd-active", "established",
    "finwait1", "finwait2", "closewait", "closing", "lastack", "timewait",
    "established-inflight", "finwait1-inflight", "synrcvd-active-text"};

static void establish(void)
{
    open_active(ISS_1000);
    seg(S | A, RAW(5000), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
}

/* Inputs that lead from CLOSED to the state. */
static void reach(enum state_id s)
{
    switch (s) {
    case ST_CLOSED:
        break;
    case ST_LISTEN:
        open_passive();
        break;
    case ST_SYN_SENT:
        open_active(ISS_1000);
        break;
    case ST_SYN_RCVD_PASSIVE:
        open_passive();
        seg(S, RAW(5000), RAW(0), W65535, L0, ISS_1000);
        break;
    case ST_SYN_RCVD_ACTIVE:
        open_active(ISS_1000);
        seg(S, RAW(5000), RAW(0), W65535, L0, 0);
        break;
    case ST_ESTABLISHED:
        establish();
        break;
    case ST_FIN_WAIT_1:
        establish();
        close_();
        break;
    case ST_FIN_WAIT_2:
        establish();
        close_();
        inseq(A, W65535, L0);
        break;
    case ST_CLOSE_WAIT:
        establish();
        inseq(F | A, W65535, L0);
        break;
    case ST_CLOSING:
        establish();
        close_();
        seg(F | A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), W65535, L0, 0);
        break;
    case ST_LAST_ACK:
        establish();
        inseq(F | A, W65535, L0);
        close_();
        break;
    case ST_TIME_WAIT:
        establish();
        close_();
        inseq(A, W65535, L0);
        inseq(F | A, W65535, L0);
        break;
    case ST_ESTABLISHED_DATA:
        establish();
        send_n(DIFF_N_3MSS);
        inseq(A | P, W65535, DIFF_L_100);
        break;
    case ST_FIN_WAIT_1_DATA:
        establish();
        send_n(DIFF_N_3MSS);
        close_();
        break;
    default: /* ST_SYN_RCVD_ACTIVE_TEXT: simultaneous open, 100 bytes held */
        open_active(ISS_1000);
        seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
        break;
    }
}

/* The segment kinds: one line each. */
static void kind(unsigned k)
{
    switch (k) {
    case 0: /* pure ACK in sequence */
        inseq(A, W65535, L0);
        break;
    case 1: /* data in sequence */
        inseq(A | P, W65535, DIFF_L_100);
        break;
    case 2: /* FIN in sequence */
        inseq(F | A, W65535, L0);
        break;
    case 3: /* RST at RCV.NXT */
        seg(R, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
        break;
    case 4: /* RST in the window, not at RCV.NXT */
        seg(R | A, REL(DIFF_B_RCV_NXT, DIFF_D_P1), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
        break;
    case 5: /* RST outside the window */
        seg(R, REL(DIFF_B_RCV_EDGE, DIFF_D_P1), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
        break;
    case 6: /* SYN at RCV.NXT */
        seg(S, REL(DIFF_B_RCV_NXT, 0), RAW(0), W65535, L0, ISS_1000);
        break;
    case 7: /* SYN,ACK acking our SYN */
        seg(S | A, REL(DIFF_B_RCV_NXT, DIFF_D_M1), REL(DIFF_B_ISS1, 0), W65535, L0, ISS_1000);
        break;
    case 8: /* ACK of data never sent */
        seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_NXT, DIFF_D_P1), W65535, L0, 0);
        break;
    case 9: /* ACK older than SND.UNA - MAX.SND.WND */
        seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_UNA_MAXWND, DIFF_D_M1), W65535, L0, 0);
        break;
    case 10: /* data beyond the window */
        seg(A, REL(DIFF_B_RCV_EDGE, 0), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_100, 0);
        break;
    case 11: /* old duplicate data */
        seg(A, REL(DIFF_B_RCV_NXT, DIFF_D_M1000), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_100, 0);
        break;
    case 12: /* data without ACK */
        inseq(P, W65535, DIFF_L_100);
        break;
    case 13: /* SYN and FIN */
        seg(S | F, REL(DIFF_B_RCV_NXT, 0), RAW(0), W65535, L0, ISS_1000);
        break;
    case 14: /* the peer's FIN again */
        seg(F | A, REL(DIFF_B_RCV_NXT_FIN, 0), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
        break;
    case 15: /* data beyond RCV.NXT (out of order) */
        seg(A, REL(DIFF_B_RCV_NXT, DIFF_D_P2), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_100, 0);
        break;
    case 16: /* more data than the window, with FIN */
        inseq(A | F, W65535, DIFF_L_RCVWND_P1);
        break;
    case 17: /* zero window */
        inseq(A, DIFF_W_0, L0);
        break;
    case 18: /* partial ACK of data in flight */
        seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, DIFF_D_PMSS), W65535, L0, 0);
        break;
    case 19: /* data exactly filling the window, with FIN */
        inseq(A | F, W65535, DIFF_L_RCVWND);
        break;
    case 20: /* duplicate ACK, window shrinks */
        seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), DIFF_W_1, L0, 0);
        break;
    case 21: /* ACK 2^31 away */
        seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_NXT, DIFF_D_P2_31), W65535, L0, 0);
        break;
    case 22: /* invalid flags */
        inseq(0xC0, W65535, L0);
        break;
    case 23: /* invalid length */
        inseq(A, W65535, DIFF_L_2_30P1);
        break;
    case 24: /* no flags at all */
        inseq(0, W65535, L0);
        break;
    case 25: /* data whose ACK does not cover our FIN */
        seg(A | P, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), W65535, DIFF_L_100, 0);
        break;
    case 26: /* empty ACK just inside the right window edge */
        seg(A, REL(DIFF_B_RCV_EDGE, DIFF_D_M1), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
        break;
    case 27: /* empty ACK at the right window edge: outside */
        seg(A, REL(DIFF_B_RCV_EDGE, 0), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
        break;
    case 28: /* an old SYN (at RCV.NXT-1) with text, acking SND.NXT: acceptable
              * for its text, the SYN trimmed (3.10.7.4 first) */
        seg(S | A, REL(DIFF_B_RCV_NXT, DIFF_D_M1), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_5, 0);
        break;
    default: /* the same without ACK: trimmed, then dropped (no ACK bit) */
        seg(S, REL(DIFF_B_RCV_NXT, DIFF_D_M1), RAW(0), W65535, DIFF_L_5, ISS_1000);
        break;
    }
}
#define KIND_COUNT 30

static const char *const kind_names[KIND_COUNT] = {
    "ack", "data", "fin", "rst-rcvnxt", "rst-inwindow", "rst-outside", "syn", "synack",
    "ack-unsent", "ack-old", "data-beyond-window", "data-old", "data-noack", "synfin",
    "fin-again", "data-out-of-order", "data-over-window-fin", "zero-window", "ack-partial",
    "data-fills-window-fin", "dupack-shrink", "ack-2-31", "bad-flags", "bad-length", "noflags",
    "data-ack-una", "ack-window-edge-inside", "ack-window-edge", "old-syn-text",
    "old-syn-text-noack"};

/* MISUSE PATCH of one field (fuzz/diff_input.h): call `which` on a copy of
 * the TCB with field f set by value selector v; its operands follow. */
static void patch1(unsigned which, uint8_t f, uint8_t v)
{
    put(DIFF_OP_MISUSE);
    put((uint8_t)(0x40 | (which & 7)));
    put(f);
    put(v);
}

/* The operands of a PATCH's call (fuzz/diff_input.h), varied by v: SEND
 * and RECEIVE counts, an in-sequence segment carrying data, a timer. */
static void patch_ops(unsigned which, unsigned v)
{
    switch (which & 7) {
    case 1: put(v & 1 ? DIFF_N_MSS_P1 : DIFF_N_1); break;
    case 2: put(v & 1 ? DIFF_R_ALL : DIFF_R_1); break;
    case 5:
        put(TCPFSM_ACK | (v & 1 ? TCPFSM_PSH : TCPFSM_FIN));
        put(SEL(DIFF_B_RCV_NXT, 0));
        put(SEL(DIFF_B_SND_NXT, 0));
        put(DIFF_W_65535);
        put(v & 2 ? DIFF_L_1 : DIFF_L_0);
        break;
    case 6: put((uint8_t)((v + 1) % 3)); break;
    default: break;
    }
}

/* the user calls and timers */
static void call(unsigned k)
{
    switch (k) {
    case 0: open_passive(); break;
    case 1: open_active(ISS_1000); break;
    case 2: send_n(DIFF_N_1000); break;
    case 3: receive_n(DIFF_R_1); break;
    case 4: close_(); break;
    case 5: abort_(); break;
    case 6: timer_(0); break;
    case 7: timer_(1); break;
    case 8: timer_(2); break;
    case 9: put(DIFF_OP_TIMER_BAD); put(0); break;
    case 10: receive_n(DIFF_R_0); break;
    case 11: put(DIFF_OP_BAD_CONFIG); put(6); send_n(DIFF_N_1); break;
    case 12: send_n(DIFF_N_2_30P1); break;
    case 13: send_n(DIFF_N_2_30); send_n(DIFF_N_2_30); break;
    case 14: /* every call on every kind of corrupt TCB (0x40-0x5F is PATCH) */
        {
            unsigned c;
            for (c = 0; c < 128; c++) {
                if (DIFF_MISUSE_IS_PATCH(c))
                    continue;
                put(DIFF_OP_MISUSE);
                put((uint8_t)c);
            }
        }
        break;
    case 16: /* PATCH: every field to every base value, then every state value */
        {
            unsigned f, v;
            for (f = 0; f < 24; f++) {
                for (v = 0; v < 16; v++) {
                    patch1(f + v, (uint8_t)f, (uint8_t)v);
                    patch_ops(f + v, v);
                }
            }
            for (v = 0; v < 16; v++) {
                patch1(v, 13, (uint8_t)(v << 4)); /* state */
                patch_ops(v, v);
            }
            /* two fields at once: SND.UNA = SND.NXT = 1 (nothing in flight);
             * SND.NXT = 1 with the timer running */
            for (v = 0; v < 8; v++) {
                put(DIFF_OP_MISUSE);
                put((uint8_t)(0x48 | v));
                put(2);  /* snd_una = 1 */
                put(1);
                put(3);  /* snd_nxt = snd_una */
                put(12);
                patch_ops(v, v);
                put(DIFF_OP_MISUSE);
                put((uint8_t)(0x48 | v));
                put(3);  /* snd_nxt = 1 */
                put(1);
                put(20); /* timing = 1 */
                put(1);
                patch_ops(v, v);
            }
        }
        break;
    case 17: /* every config knob out of its range, each on the next call */
        {
            unsigned knob;
            for (knob = 0; knob < 17; knob++) {
                put(DIFF_OP_BAD_CONFIG);
                put((uint8_t)knob);
                send_n(DIFF_N_1);
            }
        }
        break;
    case 18: /* a new config mid-way (user timeout 1 s, retries 1/2, RCV.WND 10,
              * MSS 100, RTO 200 ms/2^32-1, MSL 1 ms), then every call that
              * reads it */
        new_config(0xA0, 0xE3, 0x01);
        send_n(DIFF_N_1000);
        receive_n(DIFF_R_1);
        timer_(0);
        timer_(1);
        timer_(2);
        break;
    default: /* every call with every NULL pointer */
        {
            unsigned c;
            for (c = 0; c < 32; c++) {
                put(DIFF_OP_MISUSE);
                put((uint8_t)(0x80 | c));
            }
        }
        break;
    }
}
#define CALL_COUNT 19

static const char *const call_names[CALL_COUNT] = {
    "open-passive", "open-active", "send", "receive", "close", "abort", "timer-rtx",
    "timer-2msl", "timer-user", "timer-bad", "receive-0", "bad-config", "send-too-much",
    "send-2-30-twice", "corrupt-tcb", "null-pointers", "patch-fields", "bad-config-every-knob",
    "new-config"};

static void matrix(void)
{
    unsigned s, k;
    char name[128];
    for (s = 0; s < ST_COUNT; s++) {
        for (k = 0; k < KIND_COUNT; k++) {
            start(0, 0, 0);
            reach((enum state_id)s);
            kind(k);
            snprintf(name, sizeof name, "%s-%s", state_names[s], kind_names[k]);
            save(name);
        }
        /* RFC 5961 off: the RFC 793 answers to RST, SYN and old ACKs */
        {
            static const unsigned k5961[] = {4, 6, 7, 9, 21, 28, 29};
            unsigned i;
            for (i = 0; i < sizeof k5961 / sizeof k5961[0]; i++) {
                start(DIFF_K_RST | DIFF_K_SYN | DIFF_K_ACK, 0, 0);
                reach((enum state_id)s);
                kind(k5961[i]);
                snprintf(name, sizeof name, "%s-%s-no5961", state_names[s], kind_names[k5961[i]]);
                save(name);
            }
        }
        /* the FreeBSD knobs on (tcpfsm.h "Departures from RFC 9293") */
        {
            static const unsigned kbsd[] = {0, 2, 3, 4, 7, 11, 12, 13, 14};
            unsigned i;
            for (i = 0; i < sizeof kbsd / sizeof kbsd[0]; i++) {
                start(DIFF_K_SYNFIN, 0, DIFF_K2_FREEBSD);
                reach((enum state_id)s);
                kind(kbsd[i]);
                snprintf(name, sizeof name, "%s-%s-freebsd", state_names[s], kind_names[kbsd[i]]);
                save(name);
            }
        }
        /* the retransmission limit (retries 0) and the user timeout, with data
         * queued or in flight where the state allows it */
        start(0x40, 0, 0);
        reach((enum state_id)s);
        send_n(DIFF_N_100);
        timer_(0);
        timer_(0);
        snprintf(name, sizeof name, "%s-give-up", state_names[s]);
        save(name);
        start(0x20, 0, 0);
        reach((enum state_id)s);
        send_n(DIFF_N_100);
        timer_(0);
        timer_(2);
        snprintf(name, sizeof name, "%s-user-timeout", state_names[s]);
        save(name);
        start(DIFF_K_SYNFIN, 0, 0);
        reach((enum state_id)s);
        kind(13);
        snprintf(name, sizeof name, "%s-synfin-dropped", state_names[s]);
        save(name);
        for (k = 0; k < CALL_COUNT; k++) {
            start(0, 0, 0);
            reach((enum state_id)s);
            call(k);
            snprintf(name, sizeof name, "%s-call-%s", state_names[s], call_names[k]);
            save(name);
        }
    }
}

/* ---- longer flows --------------------------------------------------------- */
static void flows(void)
{
    int i;
    /* bulk data both ways with mss 1 and a small window, then a clean close */
    start(0, (uint8_t)(3 | (1 << 3)), 0); /* rcv_wnd 10, mss 1 */
    establish();
    send_n(DIFF_N_10);
    for (i = 0; i < 4; i++)
        seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_NXT, 0), DIFF_W_3, L0, 0);
    inseq(A | P, DIFF_W_3, DIFF_L_5);
    receive_n(DIFF_R_ALL);
    inseq(A | P, DIFF_W_3, DIFF_L_RCVWND);
    receive_n(DIFF_R_HALF);
    close_();
    for (i = 0; i < 4; i++)
        inseq(A, DIFF_W_100, L0);
    inseq(A | F, DIFF_W_100, L0);
    timer_(1);
    save("flow-bulk-mss1");
    /* SYN retransmitted until the limit (syn_retries 1) */
    start(0x80, 0, 0);
    open_active(ISS_TOP);
    for (i = 0; i < 3; i++)
        timer_(0);
    save("flow-syn-give-up");
    /* SYN,ACK retransmitted until the limit: back to LISTEN */
    start(0x80, 0, 0);
    open_passive();
    seg(S, RAW(0xFFFFFFFFu), RAW(0), W65535, L0, ISS_TOP);
    for (i = 0; i < 3; i++)
        timer_(0);
    save("flow-synack-give-up");
    /* data retransmitted until the limit (data_retries 2), backoff to rto_max */
    start(0x80, 0x80, 0); /* rto 1/3 ms */
    establish();
    send_n(DIFF_N_1000);
    for (i = 0; i < 4; i++)
        timer_(0);
    save("flow-data-give-up");
    /* user timeout while data is unacknowledged */
    start(0x20, 0, 0);
    establish();
    send_n(DIFF_N_100);
    timer_(0);
    timer_(2);
    save("flow-user-timeout");
    /* zero window: probe, retransmit the probe, window opens */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(S | A, RAW(5000), REL(DIFF_B_ISS1, 0), DIFF_W_0, L0, 0);
    send_n(DIFF_N_1000);
    timer_(0);
    seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), DIFF_W_0, L0, 0);
    seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_NXT, 0), DIFF_W_65535, L0, 0);
    inseq(A, W65535, L0);
    save("flow-zero-window");
    /* our receive window closes, the user reads, window update */
    start(0, 3, 0); /* rcv_wnd 10 */
    establish();
    inseq(A | P, W65535, DIFF_L_RCVWND);
    inseq(A | P, W65535, DIFF_L_1);
    receive_n(DIFF_R_ALL);
    inseq(A | P, W65535, DIFF_L_2);
    save("flow-receive-window");
    /* deferred CLOSE in SYN-RECEIVED: SEND queued, CLOSE, ACK of SYN */
    start(0, 0, 0);
    open_passive();
    seg(S, RAW(5000), RAW(0), W65535, L0, ISS_1000);
    send_n(DIFF_N_100);
    close_();
    send_n(DIFF_N_1);
    close_();
    inseq(A, W65535, L0);
    inseq(A, W65535, L0);
    inseq(F | A, W65535, L0);
    timer_(1);
    save("flow-deferred-close");
    /* CLOSE in SYN-RECEIVED with nothing queued: FIN before the SYN is acked */
    start(0, 0, 0);
    open_passive();
    seg(S, RAW(5000), RAW(0), W65535, L0, ISS_1000);
    close_();
    timer_(0);
    seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    inseq(A, W65535, L0);
    save("flow-synrcvd-close");
    /* sequence numbers wrap around 2^32 in both directions */
    start(0, 0, 0);
    open_active(ISS_TOP_M15);
    seg(S | A, RAW(0xFFFFFFF0u), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    send_n(DIFF_N_100);
    inseq(A | P, W65535, DIFF_L_100);
    inseq(A, W65535, L0);
    close_();
    inseq(A | F, W65535, L0);
    timer_(1);
    save("flow-wrap");
    /* simultaneous open with data queued, then a RST in active SYN-RECEIVED */
    start(0, 0, 0);
    open_active(ISS_HALF_M1);
    send_n(DIFF_N_10);
    seg(S, RAW(0x7FFFFFFFu), RAW(0), W65535, L0, 0);
    seg(R, REL(DIFF_B_RCV_NXT, 0), RAW(0), W65535, L0, 0);
    save("flow-simultaneous-refused");
    /* RFC 5961 off: SYN in window resets an established connection */
    start(DIFF_K_RST | DIFF_K_SYN | DIFF_K_ACK, 0, 0);
    establish();
    seg(S, REL(DIFF_B_RCV_NXT, DIFF_D_P1), RAW(0), W65535, L0, 0);
    open_passive();
    seg(S, RAW(1), RAW(0), W65535, L0, ISS_HALF);
    seg(S, REL(DIFF_B_RCV_NXT, 0), RAW(0), W65535, L0, 0);
    save("flow-no5961-syn");
    /* huge windows and payloads at the 2^30 limit */
    start(0, 6, 0); /* rcv_wnd 2^30 */
    establish();
    seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_NXT, 0), DIFF_W_MAX32, L0, 0);
    send_n(DIFF_N_2_30);
    send_n(DIFF_N_1);
    inseq(A | P, DIFF_W_2_30P1, DIFF_L_2_30);
    receive_n(DIFF_R_ALL_P1);
    receive_n(DIFF_R_ALL);
    save("flow-max-window");
    /* TIME-WAIT: FIN retransmitted restarts 2MSL; SYN gets a challenge ACK */
    start(0, 0, 0);
    reach(ST_TIME_WAIT);
    seg(F | A, REL(DIFF_B_RCV_NXT_FIN, 0), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
    seg(S, REL(DIFF_B_RCV_NXT, DIFF_D_P1000), RAW(0), W65535, L0, 0);
    timer_(0);
    timer_(2);
    timer_(1);
    save("flow-time-wait");
    /* no user timeout (0): the retransmission timer alone, armed, moved on
     * by a partial ACK, cancelled by the full one, fired */
    start(0x10, 0, 0);
    establish();
    send_n(DIFF_N_3MSS);
    seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, DIFF_D_PMSS), W65535, L0, 0);
    timer_(0);
    inseq(A, W65535, L0);
    send_n(DIFF_N_100);
    timer_(2); /* the user timer, not running: ignored */
    close_();
    timer_(0);
    inseq(A, W65535, L0);
    save("flow-no-user-timeout");
    /* our receive window at 0: a pure ACK at RCV.NXT, one past it, data at
     * RCV.NXT, data past it (3.10.7.4 first, the RCV.WND = 0 rows) */
    start(0, 3, 0); /* rcv_wnd 10 */
    establish();
    inseq(A | P, W65535, DIFF_L_RCVWND);
    inseq(A, W65535, L0);
    seg(A, REL(DIFF_B_RCV_NXT, DIFF_D_P1), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
    inseq(A | P, W65535, DIFF_L_1);
    seg(A | P, REL(DIFF_B_RCV_NXT, DIFF_D_P1), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_1, 0);
    inseq(F | A, W65535, L0);
    save("flow-zero-receive-window");
    /* FreeBSD's old_segment_ack: which unacceptable segments keep their ACK
     * (an old duplicate with ACK) and which do not (no ACK, past the window,
     * reaching RCV.NXT while our window is 0) */
    start(0, 3, DIFF_K2_OLD_ACK); /* rcv_wnd 10 */
    establish();
    inseq(A | P, W65535, DIFF_L_RCVWND);
    seg(P, REL(DIFF_B_RCV_NXT, DIFF_D_M1000), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_5, 0);
    seg(A, REL(DIFF_B_RCV_EDGE, DIFF_D_P1), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_5, 0);
    seg(A, REL(DIFF_B_RCV_NXT, DIFF_D_M1000), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_5, 0);
    seg(A | P, REL(DIFF_B_RCV_NXT, DIFF_D_M2), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_5, 0);
    save("flow-old-segment-ack");
    /* FreeBSD's closing_ack_with_fin when our FIN is still queued behind
     * data the peer's window holds back: the ACK of the peer's FIN in
     * CLOSING is a plain ACK, our FIN goes later */
    start(0, 0, DIFF_K2_CLOSING_FIN);
    open_active(ISS_1000);
    seg(S | A, RAW(5000), REL(DIFF_B_ISS1, 0), DIFF_W_10, L0, 0);
    send_n(DIFF_N_100);
    close_();
    seg(F | A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), DIFF_W_10, L0, 0);
    inseq(A, DIFF_W_100, L0);
    save("flow-closing-fin-queued-freebsd");
    /* a one-byte receive window filled and reopened by RECEIVE in FIN-WAIT-1
     * and again in FIN-WAIT-2: a window update each time */
    start(0, 1, 0); /* rcv_wnd 1 */
    establish();
    close_();
    seg(A | P, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), W65535, DIFF_L_1, 0);
    receive_n(DIFF_R_1);
    inseq(A, W65535, L0);
    inseq(A | P, W65535, DIFF_L_1);
    receive_n(DIFF_R_1);
    save("flow-window-update-closing");
}

/* ---- text on a SYN in SYN-SENT: held (N_HOLD), delivered (N_HELD_DATA) ------
 * RFC 9293 3.10.7.3 fourth: "If there are other controls or text in the
 * segment, queue them for processing after the ESTABLISHED state has been
 * reached" (docs/semantics.md, "Text on a SYN"). The peer's SYN is at 5000. */
static void syn_text(void)
{
    int i;
    /* held, the ACK of our SYN after the text delivers it; read; close */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
    receive_n(DIFF_R_1);
    seg(A, RAW(5101), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    receive_n(DIFF_R_ALL);
    inseq(A | P, W65535, DIFF_L_5);
    close_();
    inseq(F | A, W65535, L0);
    timer_(1);
    save("synsent-text-held-delivered");
    /* the ACK of our SYN retransmits the text from IRS+1 and carries more */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
    inseq(A | P, W65535, DIFF_L_1000);
    save("synsent-text-then-more");
    /* more text than RCV.WND (10): clipped; the bare ACK after the whole text
     * lies beyond the window, its retransmission from IRS+1 does not */
    start(0, 3, 0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
    seg(A, RAW(5101), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    inseq(A, W65535, DIFF_L_100);
    receive_n(DIFF_R_HALF);
    inseq(A, W65535, DIFF_L_100);
    save("synsent-text-clipped-to-window");
    /* a 2^30 window: at most 65535 bytes held */
    start(0, 6, 0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_2_30, 0);
    inseq(A, W65535, L0);
    receive_n(DIFF_R_ALL);
    save("synsent-text-65535");
    /* SYN,FIN with text: the text held, the FIN not; the FIN again later */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(S | F, RAW(5000), RAW(0), W65535, DIFF_L_3, 0);
    seg(A, RAW(5004), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    inseq(F | A, W65535, L0);
    close_();
    inseq(A, W65535, L0);
    save("synsent-synfin-text");
    /* the same with drop_synfin: dropped, nothing held */
    start(DIFF_K_SYNFIN, 0, 0);
    open_active(ISS_1000);
    seg(S | F, RAW(5000), RAW(0), W65535, DIFF_L_3, 0);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_3, 0);
    inseq(A, W65535, L0);
    save("synsent-synfin-text-dropped");
    /* CLOSE in SYN-RECEIVED drops the text; the peer acks SYN and FIN, then
     * retransmits the text, accepted as ordinary data in FIN-WAIT-2 */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
    close_();
    seg(A, RAW(5101), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
    inseq(A | P, W65535, DIFF_L_100);
    inseq(F | A, W65535, L0);
    timer_(1);
    save("synsent-text-close-drops");
    /* a CLOSE deferred by queued data keeps it: data and FIN after it */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
    send_n(DIFF_N_10);
    close_();
    seg(A, RAW(5101), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    inseq(A, W65535, L0);
    save("synsent-text-deferred-close");
    /* RST not at RCV.NXT: challenge ACK, text kept; at RCV.NXT: refused */
    start(0, 0, 0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
    seg(R, REL(DIFF_B_RCV_NXT, DIFF_D_P1), RAW(0), W65535, L0, 0);
    seg(R, REL(DIFF_B_RCV_NXT, 0), RAW(0), W65535, L0, 0);
    open_active(ISS_1000);
    seg(S | A, RAW(5000), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    save("synsent-text-rst");
    /* the SYN,ACK retransmitted to the limit (syn_retries 1), then ABORT of
     * a second one */
    start(0x80, 0, 0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
    for (i = 0; i < 3; i++)
        timer_(0);
    open_active(ISS_1000);
    seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, 0);
    abort_();
    save("synsent-text-give-up-abort");
    /* sequence numbers wrap: IRS = 2^32 - 16, ISS = 2^32 - 16 */
    start(0, 0, 0);
    open_active(ISS_TOP_M15);
    seg(S, RAW(0xFFFFFFF0u), RAW(0), W65535, DIFF_L_100, 0);
    seg(A, RAW(0xFFFFFFF0u + 101u), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    inseq(A | P, W65535, DIFF_L_100);
    receive_n(DIFF_R_ALL);
    save("synsent-text-wrap");
    /* SYN text, then the peer's SYN,ACK (figure 7 with text): acceptable for
     * its text, its old SYN trimmed (3.10.7.4 first): ESTABLISHED, the held
     * text delivered; the ACK of our SYN that follows is a duplicate */
    start(0, 0, 0);
    open_active(ISS_100);
    seg(S, RAW(300), RAW(0), W65535, DIFF_L_5, 0);
    seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, DIFF_L_5, 0);
    seg(A, RAW(306), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
    save("synsent-text-fig07");
}

/* ---- an old SYN on an acceptable segment --------------------------------------
 * RFC 9293 3.10.7.4 first: the acceptability test takes the segment as it
 * came; "the idealized segment that begins at RCV.NXT" then has its SYN
 * trimmed off when the SYN lies before RCV.NXT ("including SYN and FIN"),
 * and the rest (RST check, SYN check, text) starts at SEG.SEQ+1
 * (docs/semantics.md, step 2). Each seed with RFC 5961 on and off. */
static void old_syn_trim(void)
{
    static const uint8_t headers[2] = {0, DIFF_K_RST | DIFF_K_SYN | DIFF_K_ACK};
    static const char *const suffix[2] = {"", "-no5961"};
    char name[128];
    int v;
    for (v = 0; v < 2; v++) {
        /* simultaneous open with text: the peer's SYN again with the text,
         * without ACK (dropped), then as its SYN,ACK with more text
         * (ESTABLISHED, held then new text); a bare old SYN,ACK (ACK only) */
        start(headers[v], 0, 0);
        open_active(ISS_100);
        seg(S, RAW(300), RAW(0), W65535, DIFF_L_5, 0);
        seg(S, RAW(300), RAW(0), W65535, DIFF_L_5, 0);
        seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, DIFF_L_100, 0);
        seg(S | A, RAW(300), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
        receive_n(DIFF_R_ALL);
        inseq(F | A, W65535, L0);
        close_();
        inseq(A, W65535, L0);
        snprintf(name, sizeof name, "trim-synsent-text-syn-again%s", suffix[v]);
        save(name);
        /* a passive SYN-RECEIVED (LISTEN keeps no text): the SYN with text
         * again is not a SYN in the window, no return to LISTEN */
        start(headers[v], 0, 0);
        open_passive();
        seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, ISS_1000);
        seg(S, RAW(5000), RAW(0), W65535, DIFF_L_100, ISS_1000);
        timer_(0);
        seg(S | A, RAW(5000), REL(DIFF_B_ISS1, 0), W65535, DIFF_L_100, 0);
        receive_n(DIFF_R_ALL);
        snprintf(name, sizeof name, "trim-synrcvd-passive-syn-text-again%s", suffix[v]);
        save(name);
        /* ESTABLISHED across 2^32: old SYN with text partly new; without ACK;
         * at RCV.NXT (in the window: not trimmed); RST,SYN whose trimmed
         * SEG.SEQ is RCV.NXT */
        start(headers[v], 0, 0);
        open_active(ISS_TOP_M15);
        seg(S | A, RAW(0xFFFFFFF0u), REL(DIFF_B_ISS1, 0), W65535, L0, 0);
        inseq(A | P, W65535, DIFF_L_100);
        seg(S | A, RAW(0xFFFFFFFEu), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_100, 0);
        seg(S, REL(DIFF_B_RCV_NXT, DIFF_D_M1), RAW(0), W65535, DIFF_L_5, 0);
        seg(S | A, REL(DIFF_B_RCV_NXT, DIFF_D_M1), REL(DIFF_B_SND_NXT, 0), W65535, L0, 0);
        seg(S | A, REL(DIFF_B_RCV_NXT, DIFF_D_M2), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_1, 0);
        seg(R | S, REL(DIFF_B_RCV_NXT, DIFF_D_M2), RAW(0), W65535, DIFF_L_5, 0);
        seg(S | A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_NXT, 0), W65535, DIFF_L_5, 0);
        seg(R | S, REL(DIFF_B_RCV_NXT, DIFF_D_M1), RAW(0), W65535, DIFF_L_5, 0);
        snprintf(name, sizeof name, "trim-established-old-syn-wrap%s", suffix[v]);
        save(name);
    }
}

/* ---- one input per divergence found between core and reference -------------
 * (docs/fuzzing.md lists them, with the RFC section and a judgement). The
 * inputs the fuzzer found are kept as well, as corpus/fuzz_diff/regress-*. */
static void regressions(void)
{
    /* K1: SYN-RECEIVED owes an ACK to an unacceptable segment (3.10.7.4
     * first) and a challenge ACK to a SYN (fourth, active open). */
    start(0, 0, 0);
    reach(ST_SYN_RCVD_PASSIVE);
    kind(11);
    save("regress-K1-synrcvd-unacceptable-ack");
    start(0, 0, 0);
    reach(ST_SYN_RCVD_ACTIVE);
    kind(6);
    save("regress-K1-synrcvd-active-syn-challenge");
    /* K2: zero receive window, data without ACK at RCV.NXT: ACK it. */
    start(0, 3, 0);
    establish();
    inseq(A | P, W65535, DIFF_L_RCVWND);
    inseq(P, W65535, DIFF_L_1);
    save("regress-K2-zero-window-noack");
    /* K3: text fills the window exactly, the FIN lies outside it. */
    start(0, 3, 0);
    establish();
    inseq(A | F, W65535, DIFF_L_RCVWND);
    save("regress-K3-fin-outside-window");
    /* K4: CLOSE in SYN-RECEIVED, then the retransmission timer: the front
     * of the queue is the SYN,ACK. */
    start(0, 0, 0);
    reach(ST_SYN_RCVD_PASSIVE);
    close_();
    timer_(0);
    save("regress-K4-retransmit-synack-after-close");
    /* K5: the ACK of SYN and FIN together acknowledges no user data. */
    start(0, 0, 0);
    reach(ST_SYN_RCVD_PASSIVE);
    close_();
    inseq(A, W65535, L0);
    save("regress-K5-acked-counts-syn");
    /* K6 (the reference model was wrong): a retransmission timeout sends the
     * retransmission only, never new data. */
    start(0, 6, 0);
    establish();
    seg(A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_NXT, 0), DIFF_W_2_30, L0, 0);
    send_n(DIFF_N_5MSS_P1);
    timer_(0);
    save("regress-K6-timeout-sends-no-new-data");
    /* K7: an ACK exactly 2^31 beyond SND.NXT, RFC 5961 s5 off. */
    start(DIFF_K_ACK, 0, 0);
    establish();
    kind(21);
    save("regress-K7-ack-2-31-beyond");
    /* K8: CLOSE in SYN-RECEIVED, then the peer's FIN with an ACK that does
     * not cover our SYN: CLOSING with the SYN unacknowledged, a state the
     * core's tcpfsm_tcb_check() rejects. */
    start(0, 0, 0);
    reach(ST_SYN_RCVD_PASSIVE);
    close_();
    seg(F | A, REL(DIFF_B_RCV_NXT, 0), REL(DIFF_B_SND_UNA, 0), W65535, L0, 0);
    timer_(0);
    inseq(A, W65535, L0);
    save("regress-K8-closing-syn-unacked");
    /* P1 (MISUSE PATCH, 2026-11-22): FIN-WAIT-1 from a CLOSE in SYN-RECEIVED
     * (SYN,ACK and FIN unacked) with SND.NXT patched to ISS+1, as if SYN and
     * FIN shared one number. tcpfsm_tcb_check() accepted it, and the ACK of
     * SND.NXT then counted the FIN only and left syn_unacked set with
     * SND.UNA past ISS (rule T7 broken). T7 now asks flight >= 1 + fin_sent. */
    start(0, 0, 0);
    reach(ST_SYN_RCVD_PASSIVE);
    close_();
    patch1(5, 3, 10);       /* snd_nxt = ISS + 1, then SEGMENT ARRIVES */
    put(TCPFSM_FIN | TCPFSM_ACK);
    put(SEL(DIFF_B_RCV_NXT, 0));
    put(SEL(DIFF_B_SND_NXT, 0));
    put(DIFF_W_65535);
    put(DIFF_L_0);
    save("regress-P1-syn-fin-one-number");
    /* P2-P4 (2026-11-22, the reference model run on the patched TCB too):
     * where the core and the reference model read the same connection
     * differently, docs/semantics.md now says which is meant and the
     * reference model follows it. P2: RTO backoff from an rto_ms below
     * rto_initial_ms (a config grown since the timer started): the core
     * raised it to rto_initial_ms, the reference model only doubled it. */
    start(0, 0, 0);
    reach(ST_ESTABLISHED);
    send_n(DIFF_N_10);      /* 10 bytes in flight, the timer running */
    patch1(6, 12, 2);       /* rto_ms = 2, then the timer call: */
    put(0);                 /* TIMER_RETRANSMIT */
    save("regress-P2-rto-below-initial");
    /* P3: a SYN in LISTEN whose RCV.WND is not the config's: the core's
     * SYN,ACK offered the TCB's, the reference model re-read the config. */
    start(0, 0, 0);
    reach(ST_LISTEN);
    patch1(5, 9, 2);        /* rcv_wnd = 2, then SEGMENT ARRIVES */
    put(TCPFSM_SYN);
    put(SEL(DIFF_B_ZERO, DIFF_D_P1000));
    put(SEL(DIFF_B_ZERO, DIFF_D_0));
    put(DIFF_W_65535);
    put(DIFF_L_0);
    save("regress-P3-listen-syn-keeps-rcv-wnd");
    /* P4: OPEN active in LISTEN with RCV.NXT set: the core started SYN-SENT
     * from a cleared TCB, the reference model kept RCV.NXT (STATUS). */
    start(0, 0, 0);
    reach(ST_LISTEN);
    patch1(0, 8, 8);        /* rcv_nxt = 2^31, then OPEN active */
    save("regress-P4-open-in-listen-clears");
    /* C1, C2: P2 and P3 without patching, by a config that changes between
     * calls (each diverged on the reference model before the fix). C1: the
     * RTO timer started under rto_initial_ms 1, fires under 1000. */
    start(0, 0x40, 0);      /* rto 1/1 ms */
    reach(ST_ESTABLISHED);
    send_n(DIFF_N_10);
    new_config(0, 0, 0);    /* the defaults: rto 1000/60000 ms */
    timer_(0);
    save("regress-C1-rto-initial-grows");
    /* C2: LISTEN under RCV.WND 65535, the SYN under a config of 10 */
    start(0, 0, 0);
    reach(ST_LISTEN);
    new_config(0, 3, 0);    /* rcv_wnd 10 */
    seg(S, SEL(DIFF_B_ZERO, DIFF_D_P1000), 0, SEL(DIFF_B_ZERO, DIFF_D_0), 0, W65535, L0, 0);
    save("regress-C2-listen-rcv-wnd-changes");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    outdir = argv[1];
    figures();
    matrix();
    flows();
    syn_text();
    old_syn_trim();
    regressions();
    printf("mkseeds: %u seeds written to %s\n", written, outdir);
    return 0;
}
