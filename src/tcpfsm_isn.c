/* RFC 9293 3.4.1 initial sequence numbers:
 *   ISN = M + F(localip, localport, remoteip, remoteport, secretkey)
 * M is a timer ticking every 4 microseconds; F is SipHash-2-4 (Aumasson and
 * Bernstein) keyed by the embedder's 16-byte random secret, truncated to 32
 * bits, so the ISN of one 4-tuple tells an off-path attacker nothing about
 * another's (RFC 6528). SipHash is defined modulo 2^64: this file relies on
 * unsigned wrap-around, which is why `make prove` checks it with
 * -warn-unsigned-overflow off (proofs/README.md). */
#include "tcpfsm.h"

/*@ requires 0 < b < 64;
  @ assigns \nothing;
  @*/
static uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

/*@ requires \valid_read(p + (0 .. 7));
  @ assigns \nothing;
  @*/
static uint64_t load64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;
    /*@ loop invariant -1 <= i <= 7;
      @ loop assigns i, v;
      @ loop variant i + 1;
      @*/
    for (i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

#define SIPROUND(v0, v1, v2, v3)                                                   \
    do {                                                                           \
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);                  \
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;                                     \
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;                                     \
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);                  \
    } while (0)

/* SipHash-2-4 of a message of exactly 40 bytes (5 words). */
/*@ requires \valid_read(key + (0 .. 15)) && \valid_read(msg + (0 .. 39));
  @ assigns \nothing;
  @*/
static uint64_t siphash40(const uint8_t key[16], const uint8_t msg[40])
{
    uint64_t k0 = load64(key), k1 = load64(key + 8);
    uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ull, v3 = k1 ^ 0x7465646279746573ull;
    uint64_t b = (uint64_t)40 << 56;
    int i;
    /*@ loop invariant 0 <= i <= 40 && i % 8 == 0;
      @ loop assigns i, v0, v1, v2, v3;
      @ loop variant 40 - i;
      @*/
    for (i = 0; i < 40; i += 8) {
        uint64_t m = load64(msg + i);
        v3 ^= m;
        SIPROUND(v0, v1, v2, v3);
        SIPROUND(v0, v1, v2, v3);
        v0 ^= m;
    }
    v3 ^= b;
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    /*@ loop invariant 0 <= i <= 4;
      @ loop assigns i, v0, v1, v2, v3;
      @ loop variant 4 - i;
      @*/
    for (i = 0; i < 4; i++)
        SIPROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

/*@ requires secret == \null || \valid_read(secret + (0 .. 15));
  @ requires ends == \null || \valid_read(ends);
  @ assigns \nothing;
  @*/
uint32_t tcpfsm_isn(const uint8_t secret[16], const tcpfsm_endpoints *ends, uint64_t clock_us)
{
    uint8_t msg[40] = {0};
    /* M: the 4-microsecond clock, modulo 2^32 */
    uint32_t m = (uint32_t)((clock_us / 4u) % 4294967296u);
    int i;
    if (!secret || !ends)
        return m;
    /*@ loop invariant 0 <= i <= 16;
      @ loop assigns i, msg[0 .. 39];
      @ loop variant 16 - i;
      @*/
    for (i = 0; i < 16; i++) {
        msg[i] = ends->local_addr[i];
        msg[16 + i] = ends->remote_addr[i];
    }
    msg[32] = (uint8_t)(ends->local_port / 256u);
    msg[33] = (uint8_t)(ends->local_port % 256u);
    msg[34] = (uint8_t)(ends->remote_port / 256u);
    msg[35] = (uint8_t)(ends->remote_port % 256u);
    /* ISN = M + F modulo 2^32: the sum wraps by design */
    return m + (uint32_t)(siphash40(secret, msg) % 4294967296u);
}
