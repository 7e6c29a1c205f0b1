/* tcpfsm wire codec: TCP segments in IPv4 and IPv6, to and from bytes.
 *
 * The core (tcpfsm.h) sees a segment as five numbers. This codec is what an
 * embedder puts in front of it: it parses a whole IP packet (RFC 791 / RFC
 * 8200 header, TCP header of RFC 9293 3.1, options of RFC 9293 3.2 and RFC
 * 7323, checksum over the pseudo-header of RFC 9293 3.1) into a
 * tcpfsm_wire_packet, converts that to and from a tcpfsm_segment, and builds
 * packets back.
 *
 * Every malformed input gets its own tcpfsm_wire_error and the decoder never
 * reads outside [buf, buf + len): Frama-C WP proves it free of runtime
 * errors against the contracts below (make prove-wire). The codec keeps no
 * state, never allocates and does no I/O.
 */
#ifndef TCPFSM_WIRE_H
#define TCPFSM_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "tcpfsm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the decoder found wrong, or OK. The numbering is part of the ABI. */
typedef enum tcpfsm_wire_error {
    TCPFSM_WIRE_OK = 0,
    TCPFSM_WIRE_ERR_ARGUMENT = 1,        /* NULL pointer, or a field out of range (encoder) */
    TCPFSM_WIRE_ERR_IP_TRUNCATED = 2,    /* fewer bytes than the IP header or its length field says */
    TCPFSM_WIRE_ERR_IP_VERSION = 3,      /* version nibble is neither 4 nor 6 */
    TCPFSM_WIRE_ERR_IP_HEADER_LENGTH = 4,/* IPv4 IHL below 5, or beyond the total length */
    TCPFSM_WIRE_ERR_IP_CHECKSUM = 5,     /* IPv4 header checksum does not verify */
    TCPFSM_WIRE_ERR_IP_FRAGMENT = 6,     /* a fragment (IPv4 MF/offset, IPv6 fragment header): not reassembled */
    TCPFSM_WIRE_ERR_IP_EXTENSION = 7,    /* IPv6 extension header runs past the packet, or too many */
    TCPFSM_WIRE_ERR_PROTOCOL = 8,        /* the IP payload is not TCP (protocol 6) */
    TCPFSM_WIRE_ERR_TCP_TRUNCATED = 9,   /* fewer than 20 bytes of TCP header */
    TCPFSM_WIRE_ERR_DATA_OFFSET = 10,    /* data offset below 5 words, or past the segment */
    TCPFSM_WIRE_ERR_OPTION_TRUNCATED = 11, /* an option's kind is there but its length byte is not */
    TCPFSM_WIRE_ERR_OPTION_LENGTH = 12,  /* an option's length is below 2 */
    TCPFSM_WIRE_ERR_OPTION_OVERRUN = 13, /* an option runs past the end of the header */
    TCPFSM_WIRE_ERR_OPTION_SIZE = 14,    /* MSS, window scale, SACK-permitted or timestamps with the wrong length */
    TCPFSM_WIRE_ERR_CHECKSUM = 15,       /* TCP checksum over the pseudo-header does not verify */
    TCPFSM_WIRE_ERR_BUFFER = 16          /* encoder: the output buffer is too small */
} tcpfsm_wire_error;
#define TCPFSM_WIRE_ERROR_COUNT 17

/* Decoder flags. */
#define TCPFSM_WIRE_NO_CHECKSUM 0x1u /* skip IPv4 header and TCP checksum checks
                                        (captures taken where the NIC fills them in) */

/* TCP header flag bits beyond tcpfsm.h's six (RFC 3168). */
#define TCPFSM_WIRE_ECE 0x40u
#define TCPFSM_WIRE_CWR 0x80u

#define TCPFSM_WIRE_MAX_OPTIONS 40u  /* bytes of options: data offset 15 words, minus 20 */
#define TCPFSM_WIRE_MAX_WSCALE 14u   /* RFC 7323 2.3 */
/* Largest packet the encoder builds: IPv6 header + TCP header with options + payload. */
#define TCPFSM_WIRE_MAX_PACKET (40u + 60u + 65475u)

typedef struct tcpfsm_wire_options {
    uint8_t has_mss;         /* kind 2, length 4 (RFC 9293 3.7.1) */
    uint8_t has_wscale;      /* kind 3, length 3 (RFC 7323 2) */
    uint8_t sack_permitted;  /* kind 4, length 2 (RFC 2018) */
    uint8_t has_timestamps;  /* kind 8, length 10 (RFC 7323 3) */
    uint16_t mss;
    uint8_t wscale;          /* as sent; RFC 7323 2.3 caps its use at 14 */
    uint8_t unknown;         /* options skipped by their length (SACK blocks, MD5, ...) */
    uint32_t ts_val, ts_ecr;
} tcpfsm_wire_options;

/* One TCP segment in its IP packet, as on the wire. */
typedef struct tcpfsm_wire_packet {
    uint8_t ip_version;      /* 4 or 6 */
    uint8_t ttl;             /* IPv4 TTL, IPv6 hop limit */
    uint8_t src[16], dst[16];/* IPv4 addresses as ::ffff:a.b.c.d, like tcpfsm_endpoints */
    uint16_t src_port, dst_port;
    uint32_t seq, ack;
    uint8_t flags;           /* all eight flag bits: TCPFSM_FIN ... TCPFSM_WIRE_CWR */
    uint8_t data_offset;     /* TCP header length in 32-bit words (5..15) */
    uint16_t window;         /* as on the wire, not scaled */
    uint16_t checksum;       /* as on the wire */
    uint16_t urgent;
    tcpfsm_wire_options opt;
    uint32_t payload_offset; /* payload starts this many bytes into the decoded buffer */
    uint32_t payload_len;
} tcpfsm_wire_packet;

/* "option runs past the header"; "?" if out of range. */
const char *tcpfsm_wire_error_name(int err);

/* Parse the TCP options in opt[0 .. len): EOL ends the list, NOP is skipped,
 * MSS / window scale / SACK-permitted / timestamps are read, any other kind
 * is skipped by its length and counted. */
/*@ requires len_range: len <= TCPFSM_WIRE_MAX_OPTIONS;
  @ requires opt_ok: opt == \null || \valid_read(opt + (0 .. len - 1));
  @ requires out_ok: out == \null || \valid(out);
  @ requires separate: out != \null ==> \separated(out, opt + (0 .. len - 1));
  @ assigns *out;
  @ ensures range: TCPFSM_WIRE_OK <= \result < TCPFSM_WIRE_ERROR_COUNT;
  @ ensures nulls: (opt == \null && len > 0) || out == \null ==> \result == TCPFSM_WIRE_ERR_ARGUMENT;
  @*/
tcpfsm_wire_error tcpfsm_wire_parse_options(const uint8_t *opt, size_t len,
                                            tcpfsm_wire_options *out);

/* Decode one IPv4 or IPv6 packet holding a TCP segment. `buf` may extend
 * past the IP packet (link-layer padding): the IP length fields decide.
 * On success the payload is buf[payload_offset .. payload_offset + payload_len). */
/*@ requires buf_ok: buf == \null || \valid_read(buf + (0 .. len - 1));
  @ requires pkt_ok: pkt == \null || \valid(pkt);
  @ requires separate: pkt != \null ==> \separated(pkt, buf + (0 .. len - 1));
  @ assigns *pkt;
  @ ensures range: TCPFSM_WIRE_OK <= \result < TCPFSM_WIRE_ERROR_COUNT;
  @ ensures nulls: buf == \null || pkt == \null ==> \result == TCPFSM_WIRE_ERR_ARGUMENT;
  @ ensures payload_inside: \result == TCPFSM_WIRE_OK ==>
  @     pkt->payload_offset + pkt->payload_len <= len;
  @ ensures version: \result == TCPFSM_WIRE_OK ==> pkt->ip_version == 4 || pkt->ip_version == 6;
  @ ensures offset: \result == TCPFSM_WIRE_OK ==> 5 <= pkt->data_offset <= 15;
  @*/
tcpfsm_wire_error tcpfsm_wire_decode(const uint8_t *buf, size_t len, unsigned flags,
                                     tcpfsm_wire_packet *pkt);

/* The packet as the core sees it: seq, ack, the six control bits, payload
 * length, and the window shifted left by `wscale` (at most 14) unless the
 * segment is a SYN, whose window is never scaled (RFC 7323 2.2). */
/*@ requires pkt_ok: \valid_read(pkt);
  @ requires seg_ok: \valid(seg);
  @ requires separate: \separated(pkt, seg);
  @ assigns *seg;
  @ ensures flags: seg->flags == (pkt->flags & TCPFSM_FLAGS_MASK);
  @ ensures len: seg->len == pkt->payload_len;
  @ ensures wnd: seg->wnd <= TCPFSM_MAX_WINDOW;
  @*/
void tcpfsm_wire_to_segment(const tcpfsm_wire_packet *pkt, unsigned wscale,
                            tcpfsm_segment *seg);

/* Fill seq, ack, flags, window (shifted right by `wscale`, at most 14,
 * unless SYN; clamped to 65535) and payload_len of `pkt` from a core
 * segment. Addresses, ports and options are left as they are. */
/*@ requires seg_ok: \valid_read(seg);
  @ requires pkt_ok: \valid(pkt);
  @ requires separate: \separated(pkt, seg);
  @ assigns pkt->seq, pkt->ack, pkt->flags, pkt->window, pkt->payload_len;
  @*/
void tcpfsm_wire_from_segment(const tcpfsm_segment *seg, unsigned wscale,
                              tcpfsm_wire_packet *pkt);

/* Build the packet `pkt` describes (IP version, TTL, addresses, ports, seq,
 * ack, flags, window, urgent, the four known options of pkt->opt) with
 * `payload_len` bytes of payload into buf[0 .. cap), checksums filled in.
 * pkt->data_offset, checksum, payload_offset and payload_len are ignored.
 * *out_len receives the packet's length. */
/*@ requires pkt_ok: pkt == \null || \valid_read(pkt);
  @ requires payload_ok: payload_len == 0 || payload == \null || \valid_read(payload + (0 .. payload_len - 1));
  @ requires buf_ok: buf == \null || \valid(buf + (0 .. cap - 1));
  @ requires out_ok: out_len == \null || \valid(out_len);
  @ requires separate: buf != \null ==> \separated(buf + (0 .. cap - 1), out_len);
  @ requires separate_pkt: buf != \null && pkt != \null ==> \separated(buf + (0 .. cap - 1), pkt);
  @ requires separate_payload: buf != \null && payload != \null ==>
  @     \separated(buf + (0 .. cap - 1), payload + (0 .. payload_len - 1));
  @ assigns buf[0 .. cap - 1], *out_len;
  @ ensures range: TCPFSM_WIRE_OK <= \result < TCPFSM_WIRE_ERROR_COUNT;
  @*/
tcpfsm_wire_error tcpfsm_wire_encode(const tcpfsm_wire_packet *pkt, const uint8_t *payload,
                                     size_t payload_len, uint8_t *buf, size_t cap,
                                     size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* TCPFSM_WIRE_H */
