/* tcpfsm: a verified model of TCP connection management (RFC 9293).
 *
 * The core is sans-I/O. The embedding stack owns sockets, buffers, clocks
 * and packets; it hands the core one event at a time (a user call, an
 * arriving segment, a timer that fired) and gets back, in a tcpfsm_output,
 * what to do: segments to emit, notifications for the user, timers to arm
 * or cancel.
 *
 * The TCB is a caller-allocated fixed-size struct with no pointers. The core
 * never allocates, never reads a clock, never does I/O and keeps no global
 * mutable state: it is reentrant, and two TCBs never interact.
 *
 * Every public function that takes a TCB requires and ensures tcb_valid
 * (proofs/tcpfsm.acsl); tcpfsm_tcb_check() checks it, and more, at run time.
 * The ACSL contracts sit on the definitions in src/tcpfsm.c, where Frama-C
 * WP proves them (make prove; proofs/README.md).
 */
#ifndef TCPFSM_H
#define TCPFSM_H

#include <stdint.h>

#include "tcpfsm_events.h" /* generated from spec/tcp.rl: TCPFSM_EV_* */

#ifdef __cplusplus
extern "C" {
#endif

/* The eleven states of RFC 9293 3.3.2. The numbering is part of the ABI. */
typedef enum tcpfsm_state {
    TCPFSM_CLOSED = 0,
    TCPFSM_LISTEN = 1,
    TCPFSM_SYN_SENT = 2,
    TCPFSM_SYN_RECEIVED = 3,
    TCPFSM_ESTABLISHED = 4,
    TCPFSM_FIN_WAIT_1 = 5,
    TCPFSM_FIN_WAIT_2 = 6,
    TCPFSM_CLOSE_WAIT = 7,
    TCPFSM_CLOSING = 8,
    TCPFSM_LAST_ACK = 9,
    TCPFSM_TIME_WAIT = 10
} tcpfsm_state;
#define TCPFSM_STATE_COUNT 11

/* Control bits, with their wire values (RFC 9293 3.1). */
#define TCPFSM_FIN 0x01u
#define TCPFSM_SYN 0x02u
#define TCPFSM_RST 0x04u
#define TCPFSM_PSH 0x08u
#define TCPFSM_ACK 0x10u
#define TCPFSM_URG 0x20u
#define TCPFSM_FLAGS_MASK 0x3Fu

/* Largest window and largest payload the core accepts: 2^30, the RFC 7323
 * limit. Bounding the bytes in flight below 2^31 is what keeps modulo-2^32
 * comparisons meaningful (proofs/README.md). */
#define TCPFSM_MAX_WINDOW 0x40000000u

/* A segment as the core sees it: the embedder parses the wire format
 * (src/tcpfsm_wire.h) and demultiplexes to the TCB. `wnd` is already
 * scaled. `len` counts payload bytes only; SYN and FIN are in `flags`. */
typedef struct tcpfsm_segment {
    uint32_t seq;
    uint32_t ack;
    uint32_t wnd;
    uint32_t len;
    uint8_t flags;
} tcpfsm_segment;

/* Results of calls, named as RFC 9293 3.10 names them. */
typedef enum tcpfsm_result {
    TCPFSM_OK = 0,
    TCPFSM_ERR_DOES_NOT_EXIST = 1,      /* "connection does not exist" */
    TCPFSM_ERR_ALREADY_EXISTS = 2,      /* "connection already exists" */
    TCPFSM_ERR_CLOSING = 3,             /* "connection closing" */
    TCPFSM_ERR_RESET = 4,               /* "connection reset" */
    TCPFSM_ERR_REFUSED = 5,             /* "connection refused" */
    TCPFSM_ERR_USER_TIMEOUT = 6,        /* "connection aborted due to user timeout" */
    TCPFSM_ERR_TIMED_OUT = 7,           /* retransmission limit R2 reached (RFC 9293 3.8.3) */
    TCPFSM_ERR_REMOTE_UNSPECIFIED = 8,  /* "remote socket unspecified" */
    TCPFSM_ERR_INSUFFICIENT_RESOURCES = 9, /* "insufficient resources" */
    TCPFSM_ERR_INVALID_ARGUMENT = 10,   /* NULL pointer, or a count or segment out of range */
    TCPFSM_ERR_INVALID_TCB = 11         /* the TCB fails tcpfsm_tcb_check() */
} tcpfsm_result;
#define TCPFSM_RESULT_COUNT 12

/* Notifications for the user, a bit set in tcpfsm_output.notify. */
#define TCPFSM_N_ESTABLISHED   0x0001u /* the connection is open */
#define TCPFSM_N_DATA          0x0002u /* new in-order data: rcv_offset, rcv_len */
#define TCPFSM_N_ACKED         0x0004u /* SND.UNA advanced over `acked` bytes of user data */
#define TCPFSM_N_REMOTE_CLOSE  0x0008u /* peer's FIN: "connection closing" */
#define TCPFSM_N_RESET         0x0010u /* "connection reset" */
#define TCPFSM_N_REFUSED       0x0020u /* "connection refused" */
#define TCPFSM_N_USER_TIMEOUT  0x0040u /* "connection aborted due to user timeout" */
#define TCPFSM_N_TIMED_OUT     0x0080u /* retransmission limit reached, connection closed */
#define TCPFSM_N_CLOSED        0x0100u /* the TCB was deleted (now CLOSED) */
#define TCPFSM_N_CLOSE_ACKED   0x0200u /* our FIN is acknowledged: the user's CLOSE is "ok" */
#define TCPFSM_N_LISTEN        0x0400u /* an embryonic passive connection returned to LISTEN */
#define TCPFSM_N_HOLD          0x0800u /* keep payload bytes [0, held_len) of this SYN (SYN-SENT,
                                          3.10.7.3): they are data once ESTABLISHED */
#define TCPFSM_N_HELD_DATA     0x1000u /* the held_len bytes kept at N_HOLD are new in-order data,
                                          before any N_DATA of the same call */
#define TCPFSM_N_CHALLENGE     0x2000u /* the one segment this call emits is an RFC 5961 challenge
                                          ACK (s3: a RST in the window but not at RCV.NXT; s4: a
                                          SYN in a synchronized state): an embedder enforcing a
                                          challenge-ACK rate limit (s7) may drop it */

/* Timers the embedder runs for the core. */
typedef enum tcpfsm_timer {
    TCPFSM_TIMER_RETRANSMIT = 0,
    TCPFSM_TIMER_TIME_WAIT = 1, /* 2MSL */
    TCPFSM_TIMER_USER = 2
} tcpfsm_timer;
#define TCPFSM_TIMER_COUNT 3

typedef enum tcpfsm_timer_op {
    TCPFSM_TIMER_KEEP = 0,   /* leave the timer as it is */
    TCPFSM_TIMER_ARM = 1,    /* (re)start it to fire after `ms` milliseconds */
    TCPFSM_TIMER_CANCEL = 2  /* stop it */
} tcpfsm_timer_op;

/* At most this many segments leave the core per call: data is sent in
 * MSS-sized pieces as the peer's window allows; what does not fit goes out
 * after a later ACK (a retransmission timeout resends only the oldest
 * segment). */
#define TCPFSM_MAX_SEGMENTS 4
/* At most this many machine events run per call (one segment becomes a
 * short string of events, for example ACK-of-our-FIN then FIN). */
#define TCPFSM_MAX_EVENTS 8

typedef struct tcpfsm_timer_request {
    uint8_t op;   /* tcpfsm_timer_op */
    uint32_t ms;  /* with TCPFSM_TIMER_ARM */
} tcpfsm_timer_request;

/* What one call asks the embedder to do. Every call clears it first. */
typedef struct tcpfsm_output {
    tcpfsm_segment segment[TCPFSM_MAX_SEGMENTS]; /* to emit, in order */
    uint8_t segment_count;
    uint32_t notify;                              /* TCPFSM_N_* */
    uint32_t rcv_offset;  /* with N_DATA: payload bytes [rcv_offset, */
    uint32_t rcv_len;     /*   rcv_offset + rcv_len) of the arriving segment are new data */
    uint32_t acked;       /* with N_ACKED: bytes of user data newly acknowledged */
    uint32_t held_len;    /* with N_HOLD: payload bytes [0, held_len) of this SYN to keep;
                             with N_HELD_DATA: held bytes that are now new data */
    tcpfsm_timer_request timer[TCPFSM_TIMER_COUNT];
    /* The trace: every machine event this call ran, and the state after each. */
    uint8_t event[TCPFSM_MAX_EVENTS];   /* TCPFSM_EV_* */
    uint8_t state_after[TCPFSM_MAX_EVENTS];
    uint8_t event_count;
} tcpfsm_output;

/* Knobs. Fill with tcpfsm_config_default(), then change what you need. The
 * core reads the config on every call and never keeps a pointer to it. */
typedef struct tcpfsm_config {
    uint32_t rto_initial_ms;   /* first retransmission timeout (RFC 6298: 1000) */
    uint32_t rto_max_ms;       /* backoff ceiling (60000) */
    uint32_t msl_ms;           /* Maximum Segment Lifetime; TIME-WAIT lasts 2*MSL (RFC 9293: 120000) */
    uint32_t user_timeout_ms;  /* abort when data stays unacknowledged this long; 0 = never (300000) */
    uint32_t rcv_wnd;          /* receive buffer offered as the window, 1..TCPFSM_MAX_WINDOW (65535) */
    uint16_t mss;              /* largest payload we send in one segment, >= 1 (536) */
    uint8_t syn_retries;       /* retransmissions of SYN or SYN,ACK before giving up (6) */
    uint8_t data_retries;      /* retransmissions of data or FIN before giving up (15) */
    uint8_t rst_mitigation;    /* RFC 5961 s3: only RST at RCV.NXT resets, others in window get a challenge ACK (1) */
    uint8_t syn_mitigation;    /* RFC 5961 s4: SYN in a synchronized state gets a challenge ACK, not a reset (1) */
    uint8_t ack_mitigation;    /* RFC 5961 s5: ACK below SND.UNA - MAX.SND.WND is dropped with an ACK (1) */
    uint8_t drop_synfin;       /* drop segments with both SYN and FIN, except in CLOSED and
                                  TIME-WAIT as FreeBSD does (0: process them as RFC 9293 does) */
    /* Departures from RFC 9293 that real stacks make, each off by default
     * (README: "Options for other stacks"). */
    uint8_t time_wait_ignore_rst;  /* RFC 1337: a RST does not end TIME-WAIT (FreeBSD) */
    uint8_t rst_error_closing;     /* a RST in CLOSING or LAST-ACK signals "connection reset" (FreeBSD) */
    uint8_t closing_ack_with_fin;  /* the ACK of the peer's FIN that moves FIN-WAIT-1 to CLOSING carries
                                      our unacknowledged FIN again (FreeBSD) */
    uint8_t listen_drop_syn_ack;   /* LISTEN drops a SYN,ACK instead of answering with a RST (FreeBSD) */
    uint8_t old_segment_ack;       /* a segment wholly left of the window still has its ACK processed,
                                      BSD-style trimming (RFC 9293 table 6 says drop it) */
} tcpfsm_config;

/* The transmission control block: 64 bytes, no pointers. Fields are
 * readable by the embedder; change them only through the API. The yes/no
 * fields are one byte each (0 or 1) rather than bits of one byte: the proof
 * (make prove) reasons about them without bitwise arithmetic. */
typedef struct tcpfsm_tcb {
    uint32_t iss, irs;           /* initial send / receive sequence numbers */
    uint32_t snd_una, snd_nxt;   /* oldest unacknowledged, next to send */
    uint32_t snd_wnd;            /* peer's window, from SND.UNA */
    uint32_t snd_wl1, snd_wl2;   /* seq and ack of the segment that last set SND.WND */
    uint32_t max_snd_wnd;        /* MAX.SND.WND of RFC 5961 s5 */
    uint32_t rcv_nxt, rcv_wnd;   /* next expected, window we offer */
    uint32_t snd_queued;         /* bytes the user SENT that are not yet segmentized */
    uint32_t rcv_unread;         /* bytes delivered (N_DATA) but not yet RECEIVEd */
    uint32_t rto_ms;             /* current retransmission timeout, with backoff */
    uint8_t state;               /* tcpfsm_state */
    uint8_t retries;             /* retransmissions of the segment at SND.UNA */
    uint8_t error;               /* sticky: the tcpfsm_result that ended the last connection */
    uint8_t passive;             /* SYN-RECEIVED came from LISTEN (MUST-11) */
    uint8_t close_queued;        /* the user CLOSEd: a FIN follows the queued data */
    uint8_t fin_sent;            /* our FIN occupies SND.NXT-1 or less */
    uint8_t fin_rcvd;            /* the peer's FIN is consumed */
    uint8_t timing;              /* the retransmission (and user) timer is running */
    uint8_t syn_unacked;         /* our SYN (at ISS) is not yet acknowledged */
    uint8_t reserved;            /* zero */
    uint16_t syn_text;           /* text on the peer's SYN held for ESTABLISHED (N_HOLD) */
} tcpfsm_tcb;

/* STATUS (RFC 9293 3.10.6). */
typedef struct tcpfsm_status_info {
    uint8_t state;
    uint32_t snd_una, snd_nxt, snd_wnd, rcv_nxt, rcv_wnd;
    uint32_t snd_queued, rcv_unread;
} tcpfsm_status_info;

/* The 4-tuple for the ISN: addresses are 16 bytes (IPv4 as ::ffff:a.b.c.d). */
typedef struct tcpfsm_endpoints {
    uint8_t local_addr[16];
    uint8_t remote_addr[16];
    uint16_t local_port;
    uint16_t remote_port;
} tcpfsm_endpoints;

/* ---- configuration and names -------------------------------------------- */
void tcpfsm_config_default(tcpfsm_config *cfg);
/* TCPFSM_OK, or TCPFSM_ERR_INVALID_ARGUMENT if a knob is out of range. */
tcpfsm_result tcpfsm_config_check(const tcpfsm_config *cfg);
const char *tcpfsm_state_name(int state);   /* "SYN-RECEIVED"; "?" if out of range */
const char *tcpfsm_result_name(int result); /* "connection refused" */
const char *tcpfsm_event_name(int event);   /* "RCV_SYN" */

/* RFC 9293 3.4.1: ISN = M + F(localip, localport, remoteip, remoteport, secretkey),
 * M a 4-microsecond clock, F SipHash-2-4 keyed by a 16-byte secret the
 * embedder picks at random once. The core never reads a clock: pass it. */
uint32_t tcpfsm_isn(const uint8_t secret[16], const tcpfsm_endpoints *ends, uint64_t clock_us);

/* ---- the connection -------------------------------------------------------- */
/* A fresh TCB in CLOSED. */
void tcpfsm_init(tcpfsm_tcb *t);
/* 1 if the TCB keeps every rule of docs/semantics.md "TCB rules" (T1-T11:
 * tcb_valid and the state-by-state facts), else 0. Every call runs it first
 * and returns TCPFSM_ERR_INVALID_TCB, changing nothing, when it fails. */
int tcpfsm_tcb_check(const tcpfsm_tcb *t);

/* OPEN. active != 0 sends a SYN with sequence number `iss` (an active OPEN
 * is also allowed from LISTEN); active == 0 enters LISTEN. */
tcpfsm_result tcpfsm_open(tcpfsm_tcb *t, const tcpfsm_config *cfg, int active,
                          uint32_t iss, tcpfsm_output *out);
/* SEND `n` bytes (the embedder keeps them; the core tracks sequence space).
 * A data segment with sequence number s carries the user's stream bytes from
 * offset s - (ISS + 1). */
tcpfsm_result tcpfsm_send(tcpfsm_tcb *t, const tcpfsm_config *cfg, uint32_t n,
                          tcpfsm_output *out);
/* RECEIVE: the user consumed `n` of the bytes delivered with N_DATA. */
tcpfsm_result tcpfsm_receive(tcpfsm_tcb *t, const tcpfsm_config *cfg, uint32_t n,
                             tcpfsm_output *out);
tcpfsm_result tcpfsm_close(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out);
tcpfsm_result tcpfsm_abort(tcpfsm_tcb *t, const tcpfsm_config *cfg, tcpfsm_output *out);
tcpfsm_result tcpfsm_status(const tcpfsm_tcb *t, tcpfsm_status_info *info);

/* SEGMENT ARRIVES. `iss` is used only if the TCB is in LISTEN and the
 * segment is a SYN (compute it with tcpfsm_isn); pass 0 otherwise. Returns
 * TCPFSM_ERR_INVALID_ARGUMENT for a segment with flag bits outside
 * TCPFSM_FLAGS_MASK or a length above TCPFSM_MAX_WINDOW; a segment the RFC
 * says to drop is not an error (the trace says why). */
tcpfsm_result tcpfsm_segment_arrives(tcpfsm_tcb *t, const tcpfsm_config *cfg,
                                     const tcpfsm_segment *seg, uint32_t iss,
                                     tcpfsm_output *out);
/* A timer the core asked for has fired. */
tcpfsm_result tcpfsm_timer_fired(tcpfsm_tcb *t, const tcpfsm_config *cfg,
                                 tcpfsm_timer which, tcpfsm_output *out);

#ifdef __cplusplus
}
#endif

#endif /* TCPFSM_H */
