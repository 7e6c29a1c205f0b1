/* Sequence-number arithmetic modulo 2^32 (RFC 9293 3.4), written so the C
 * never wraps: WP's model of unsigned arithmetic has no modulo axiom, so each
 * helper compares first and subtracts second, and its contract states the
 * result on mathematical integers (proofs/tcpfsm.acsl). gcc -O2 still
 * compiles each to one or two instructions. Internal to the core. */
#ifndef TCPFSM_SEQ_H
#define TCPFSM_SEQ_H

#include <stdint.h>

#include "../proofs/tcpfsm.acsl"

/*@ assigns \nothing;
  @ ensures sum: \result == seq_add(a, n);
  @*/
static inline uint32_t tcpfsm_seq_add(uint32_t a, uint32_t n)
{
    return n <= UINT32_MAX - a ? a + n : n - (UINT32_MAX - a) - 1u;
}

/*@ assigns \nothing;
  @ ensures difference: \result == seq_add(a, SEQ_MOD - n);
  @*/
static inline uint32_t tcpfsm_seq_sub(uint32_t a, uint32_t n)
{
    return a >= n ? a - n : UINT32_MAX - (n - a) + 1u;
}

/* How far b lies ahead of a, in [0, 2^32). */
/*@ assigns \nothing;
  @ ensures distance: \result == seq_dist(a, b);
  @*/
static inline uint32_t tcpfsm_seq_dist(uint32_t a, uint32_t b)
{
    return b >= a ? b - a : (UINT32_MAX - a) + b + 1u;
}

/*@ assigns \nothing;
  @ ensures less: \result != 0 <==> seq_lt(a, b);
  @*/
static inline int tcpfsm_seq_lt(uint32_t a, uint32_t b)
{
    uint32_t d = tcpfsm_seq_dist(a, b);
    return d != 0 && d < 0x80000000u;
}

/* x lies on the arc [lo, hi] walking forward from lo. */
/*@ assigns \nothing;
  @ ensures on_arc: \result != 0 <==> seq_dist(lo, x) <= seq_dist(lo, hi);
  @*/
static inline int tcpfsm_seq_within(uint32_t lo, uint32_t x, uint32_t hi)
{
    return tcpfsm_seq_dist(lo, x) <= tcpfsm_seq_dist(lo, hi);
}

#endif
