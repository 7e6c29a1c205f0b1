/* Shared by tools/cmd_explore.c, tools/explore_trace.c and tools/cmd_demo.c:
 * the global state of two endpoints and their channels, and how to print
 * segments the way RFC 9293 figures do. */
#ifndef TCPFSM_TOOLS_EXPLORE_H
#define TCPFSM_TOOLS_EXPLORE_H

#include <stdint.h>
#include <stdio.h>

#include "tcpfsm.h"

#define X_CAP_MAX 8 /* largest channel capacity the encoding allows */

/* Outcome of a side's current connection, for the reset-without-cause check. */
enum { X_OUT_NONE = 0, X_OUT_GRACEFUL = 1, X_OUT_RESET = 2 };
/* Causes that excuse a reset (bits of xstate.cause). */
#define X_CAUSE_ABORT   0x01u
#define X_CAUSE_LOSS    0x02u
#define X_CAUSE_TIMEOUT 0x04u /* retransmission limit or user timeout */
#define X_CAUSE_DISORDER 0x08u /* a duplicate or a reordering: no excuse, but
                                * the no-progress check judges only paths without */
#define X_CAUSE_RETX 0x10u /* a retransmission timer fired: the no-progress
                             * check judges only paths without */
#define X_EXCUSES (X_CAUSE_ABORT | X_CAUSE_LOSS | X_CAUSE_TIMEOUT)

/* RFC 9293 3.4.1: each new connection of a side gets a new ISN. The explorer
 * uses ISS + k * X_ISS_STEP for the side's k-th OPEN (k from 0), far outside
 * any window; --same-iss reuses one ISS (what an ISN clock prevents). */
#define X_ISS_STEP 0x40000000u

typedef struct xside {
    tcpfsm_tcb tcb;
    uint8_t timers;                  /* bit w: timer w is armed */
    uint8_t opens, sends, closes, aborts; /* user calls left */
    uint8_t outcome;                 /* X_OUT_* of the current connection */
    uint8_t passive;                 /* current connection came from a passive OPEN */
    uint32_t got;                    /* stream bytes delivered in this connection
                                        (N_HELD_DATA and N_DATA) */
} xside;

typedef struct xchan {
    uint8_t n;
    tcpfsm_segment s[X_CAP_MAX];
} xchan;

typedef struct xstate {
    xside side[2];
    xchan chan[2];       /* chan[d]: segments sent by side d, in flight to 1-d */
    uint8_t loss, dup, reorder, plant; /* channel faults left */
    uint8_t cause;       /* X_CAUSE_* seen on the path */
    uint8_t cut;         /* a channel overflowed: state not expanded */
} xstate;

/* Events of the global system: kind | side << 8 | index << 16. */
enum {
    XE_OPEN_ACTIVE = 1, XE_OPEN_PASSIVE, XE_SEND, XE_RECEIVE, XE_CLOSE, XE_ABORT,
    XE_DELIVER, /* side = sender, index = position in its channel */
    XE_LOSE, XE_DUP,
    XE_TIMER,   /* index = tcpfsm_timer */
    XE_CORRUPT, /* planted fault: deliver with SEG.ACK + 1 */
    XE_KIND_COUNT
};
#define XE(kind, side, idx) ((uint32_t)(kind) | ((uint32_t)(side) << 8) | ((uint32_t)(idx) << 16))
#define XE_KIND(e) ((int)((e) & 0xFFu))
#define XE_SIDE(e) ((int)(((e) >> 8) & 0xFFu))
#define XE_IDX(e) ((int)(((e) >> 16) & 0xFFu))

/* Planted faults, to show the checker catches what it claims to. */
enum { X_PLANT_NONE = 0, X_PLANT_CORRUPT, X_PLANT_NOTIMER, X_PLANT_TCB, X_PLANT_ECHO, X_PLANT_MUTE };

typedef struct xopts {
    int opens, sends, bytes, closes, aborts;
    int loss, dup, reorder, cap, retries;
    int user_timeout;     /* let the user timer fire */
    int rfc5961;          /* RFC 5961 mitigations on */
    int swap;             /* side-swap symmetry reduction */
    int same_iss;         /* every connection of a side uses the same ISS */
    uint32_t iss[2];
    int plant;            /* X_PLANT_* */
    long max_states;
    tcpfsm_config cfg;
} xopts;

/* What one step did, for checks and for printing. */
typedef struct xstep {
    int side;               /* the endpoint that ran (-1: channel only) */
    int called;             /* a tcpfsm_* call was made */
    tcpfsm_result result;
    tcpfsm_output out;
    tcpfsm_segment seg;     /* the segment delivered, lost or duplicated */
    uint8_t state_before;
    int rejected;           /* the core returned INVALID_TCB or INVALID_ARGUMENT */
    int data_bad;           /* N_HELD_DATA or N_DATA out of stream order */
    uint32_t data_expected, data_got;
} xstep;

void xstate_init(xstate *s, const xopts *o);
/* ISS of the side's k-th connection */
uint32_t x_iss(const xopts *o, int side, int k);
/* Apply event e to *in giving *out. 0 if the event is not enabled. */
int xstate_step(const xopts *o, const xstate *in, uint32_t e, xstate *out, xstep *info);
void xstate_swap(xstate *s);
/* "<SEQ=100><ACK=301><CTL=SYN,ACK><DATA=1>" */
void x_format_segment(char *buf, size_t n, const tcpfsm_segment *seg);
/* RFC 9293 3.3.1: sequence comparison modulo 2^32 */
int x_seq_le(uint32_t a, uint32_t b);
const char *x_event_kind_name(int kind);
void x_describe_event(char *buf, size_t n, uint32_t e, const xstep *st);

/* Trace output: the path is a list of events from the initial state, each
 * applied with its side already mapped to the concrete orientation. */
void x_print_trace(FILE *f, const xopts *o, const uint32_t *ev, int n, int cycle_from);
int x_write_scripts(const char *prefix, const xopts *o, const uint32_t *ev, int n);

#endif
