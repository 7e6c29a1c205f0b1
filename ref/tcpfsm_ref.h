/* tcpfsm reference model: a second, independent reading of RFC 9293 3.10.
 *
 * Same API shape as the core (src/tcpfsm.h) so that a harness can drive both
 * with the same events and compare what they return. It reuses only the
 * public types of tcpfsm.h (tcpfsm_segment, tcpfsm_output, tcpfsm_config,
 * tcpfsm_result, tcpfsm_state, TCPFSM_* flags, notify bits and timers); it
 * shares no code with the core, links against nothing but libc, and is
 * written as a plain switch on the state, quoting the RFC, optimised for
 * being obviously right rather than fast or small.
 *
 * Everything in tcpfsm_output is filled exactly as the core fills it, except
 * the machine-event trace: event[], state_after[] and event_count stay zero.
 *
 * The TCB is caller-allocated, has no pointers, and is private to the model
 * (fields may change; read it only through the accessors below).
 */
#ifndef TCPFSM_REF_H
#define TCPFSM_REF_H

#include <stdint.h>

#include "tcpfsm.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tcpfsm_ref_tcb {
    uint32_t iss, irs;           /* ISS, IRS */
    uint32_t snd_una, snd_nxt;   /* SND.UNA, SND.NXT */
    uint32_t snd_wnd;            /* SND.WND */
    uint32_t snd_wl1, snd_wl2;   /* SND.WL1, SND.WL2 */
    uint32_t max_snd_wnd;        /* MAX.SND.WND (RFC 5961 s5) */
    uint32_t rcv_nxt, rcv_wnd;   /* RCV.NXT, RCV.WND */
    uint32_t snd_queued;         /* SENT by the user, not yet segmentized */
    uint32_t rcv_unread;         /* delivered, not yet RECEIVEd */
    uint32_t rto_ms;             /* current RTO with backoff */
    uint8_t state;               /* tcpfsm_state */
    uint8_t passive;             /* opened from LISTEN */
    uint8_t close_queued;        /* CLOSE pending until queued data is sent */
    uint8_t fin_sent;            /* our FIN occupies SND.NXT-1 */
    uint8_t fin_rcvd;            /* peer's FIN consumed */
    uint8_t timing;              /* retransmission (and user) timer running */
    uint8_t retries;             /* retransmissions of the segment at SND.UNA */
    uint8_t error;               /* sticky tcpfsm_result of the last connection */
    uint32_t syn_text;           /* text of the peer's SYN queued in SYN-SENT for
                                    ESTABLISHED (3.10.7.3); the embedder keeps the bytes */
} tcpfsm_ref_tcb;

/* A fresh TCB in CLOSED (tcpfsm_init). */
void tcpfsm_ref_init(tcpfsm_ref_tcb *t);

/* The user calls and events, with the contracts of their tcpfsm_* twins. */
tcpfsm_result tcpfsm_ref_open(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg, int active,
                              uint32_t iss, tcpfsm_output *out);
tcpfsm_result tcpfsm_ref_send(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg, uint32_t n,
                              tcpfsm_output *out);
tcpfsm_result tcpfsm_ref_receive(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg, uint32_t n,
                                 tcpfsm_output *out);
tcpfsm_result tcpfsm_ref_close(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                               tcpfsm_output *out);
tcpfsm_result tcpfsm_ref_abort(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                               tcpfsm_output *out);
tcpfsm_result tcpfsm_ref_segment_arrives(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                                         const tcpfsm_segment *seg, uint32_t iss,
                                         tcpfsm_output *out);
tcpfsm_result tcpfsm_ref_timer_fired(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                                     tcpfsm_timer which, tcpfsm_output *out);

/* STATUS (RFC 9293 3.10.6), same fields as tcpfsm_status. */
tcpfsm_result tcpfsm_ref_status(const tcpfsm_ref_tcb *t, tcpfsm_status_info *info);

/* The state, for harnesses that compare it with the core's t->state. */
tcpfsm_state tcpfsm_ref_state(const tcpfsm_ref_tcb *t);

/* Bytes of the peer's SYN text queued for ESTABLISHED (N_HOLD), for
 * harnesses that compare it with the core's t->syn_text. */
uint32_t tcpfsm_ref_held(const tcpfsm_ref_tcb *t);

#ifdef __cplusplus
}
#endif

#endif /* TCPFSM_REF_H */
