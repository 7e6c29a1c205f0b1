/* tcpfsm wire codec (see tcpfsm_wire.h).
 *
 * Written for WP: every length is checked before it is used as an index,
 * arithmetic is done on values whose bounds the contracts state, and the
 * ones'-complement sum (RFC 1071) runs in a 64-bit accumulator whose bound a
 * loop invariant carries, folded with / and % rather than shifts, so no
 * expression ever wraps.
 */
#include "tcpfsm_wire.h"

#define IPPROTO_TCP_NUMBER 6u
#define IPV4_MIN_HEADER 20u
#define IPV6_HEADER 40u
#define TCP_MIN_HEADER 20u
#define IPV6_MAX_EXTENSIONS 8
/* The decoder never sums more than an IPv6 header, its payload length
 * (<= 65535) and a pseudo-header: 1 MiB is a generous bound. */
#define SUM_MAX_BYTES 1048576u

static const char *const error_names[TCPFSM_WIRE_ERROR_COUNT] = {
    [TCPFSM_WIRE_OK] = "ok",
    [TCPFSM_WIRE_ERR_ARGUMENT] = "invalid argument",
    [TCPFSM_WIRE_ERR_IP_TRUNCATED] = "truncated IP packet",
    [TCPFSM_WIRE_ERR_IP_VERSION] = "IP version is neither 4 nor 6",
    [TCPFSM_WIRE_ERR_IP_HEADER_LENGTH] = "bad IPv4 header length",
    [TCPFSM_WIRE_ERR_IP_CHECKSUM] = "bad IPv4 header checksum",
    [TCPFSM_WIRE_ERR_IP_FRAGMENT] = "IP fragment",
    [TCPFSM_WIRE_ERR_IP_EXTENSION] = "bad IPv6 extension header chain",
    [TCPFSM_WIRE_ERR_PROTOCOL] = "not TCP",
    [TCPFSM_WIRE_ERR_TCP_TRUNCATED] = "truncated TCP header",
    [TCPFSM_WIRE_ERR_DATA_OFFSET] = "data offset out of range",
    [TCPFSM_WIRE_ERR_OPTION_TRUNCATED] = "option length byte missing",
    [TCPFSM_WIRE_ERR_OPTION_LENGTH] = "option length below 2",
    [TCPFSM_WIRE_ERR_OPTION_OVERRUN] = "option runs past the header",
    [TCPFSM_WIRE_ERR_OPTION_SIZE] = "option has the wrong size for its kind",
    [TCPFSM_WIRE_ERR_CHECKSUM] = "bad TCP checksum",
    [TCPFSM_WIRE_ERR_BUFFER] = "output buffer too small",
};

const char *tcpfsm_wire_error_name(int err)
{
    if (err < 0 || err >= (int)TCPFSM_WIRE_ERROR_COUNT)
        return "?";
    return error_names[err];
}

/* ---- reading and writing big-endian fields --------------------------------- */

/*@ requires \valid_read(p + (0 .. 1));
  @ assigns \nothing;
  @ ensures \result <= 65535;
  @*/
static uint32_t rd16(const uint8_t *p)
{
    return (uint32_t)p[0] * 256u + p[1];
}

/*@ requires \valid_read(p + (0 .. 3));
  @ assigns \nothing;
  @*/
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] * 16777216u + (uint32_t)p[1] * 65536u + (uint32_t)p[2] * 256u + p[3];
}

/*@ requires \valid(p + (0 .. 1));
  @ assigns p[0 .. 1];
  @*/
static void wr16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)((v / 256u) % 256u);
    p[1] = (uint8_t)(v % 256u);
}

/*@ requires \valid(p + (0 .. 3));
  @ assigns p[0 .. 3];
  @*/
static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v / 16777216u);
    p[1] = (uint8_t)((v / 65536u) % 256u);
    p[2] = (uint8_t)((v / 256u) % 256u);
    p[3] = (uint8_t)(v % 256u);
}

/* ---- the Internet checksum (RFC 1071) -------------------------------------- */

/* acc plus the big-endian 16-bit words of p[0 .. n), an odd last byte padded
 * with a zero byte. */
/*@ requires n <= SUM_MAX_BYTES;
  @ requires acc <= 4294967296;
  @ requires \valid_read(p + (0 .. n - 1));
  @ assigns \nothing;
  @ ensures \result <= acc + n * 65535;
  @*/
static uint64_t sum_bytes(const uint8_t *p, size_t n, uint64_t acc)
{
    size_t i = 0;
    uint64_t s = acc;
    /*@ loop invariant 0 <= i <= n;
      @ loop invariant s <= acc + i * 65535;
      @ loop assigns i, s;
      @ loop variant n - i;
      @*/
    while (n - i >= 2u) {
        s += rd16(p + i);
        i += 2u;
    }
    if (i < n)
        s += (uint64_t)p[i] * 256u;
    return s;
}

/* End-around carry: four folds bring any sum below 2^48 to 16 bits. */
/*@ requires s <= 281474976710656;
  @ assigns \nothing;
  @ ensures \result <= 65535;
  @*/
static uint32_t fold(uint64_t s)
{
    s = s / 65536u + s % 65536u;
    /*@ assert s <= 4295032831; */
    s = s / 65536u + s % 65536u;
    /*@ assert s <= 131071; */
    s = s / 65536u + s % 65536u;
    /*@ assert s <= 65536; */
    s = s / 65536u + s % 65536u;
    return (uint32_t)s;
}

/* The pseudo-header of RFC 9293 3.1 (IPv4) or RFC 8200 8.1 (IPv6), summed. */
/*@ requires \valid_read(src + (0 .. 15));
  @ requires \valid_read(dst + (0 .. 15));
  @ requires tcp_len <= 65535;
  @ assigns \nothing;
  @ ensures \result <= 3000000;
  @*/
static uint64_t sum_pseudo(int v6, const uint8_t *src, const uint8_t *dst, uint32_t tcp_len)
{
    uint64_t s;
    if (v6) {
        s = sum_bytes(src, 16u, 0u);
        s = sum_bytes(dst, 16u, s);
    } else {
        s = sum_bytes(src + 12, 4u, 0u);
        s = sum_bytes(dst + 12, 4u, s);
    }
    return s + IPPROTO_TCP_NUMBER + tcp_len;
}

/* ---- options ---------------------------------------------------------------- */

/*@ requires \valid(o);
  @ assigns *o;
  @*/
static void clear_options(tcpfsm_wire_options *o)
{
    o->has_mss = 0;
    o->has_wscale = 0;
    o->sack_permitted = 0;
    o->has_timestamps = 0;
    o->mss = 0;
    o->wscale = 0;
    o->unknown = 0;
    o->ts_val = 0;
    o->ts_ecr = 0;
}

tcpfsm_wire_error tcpfsm_wire_parse_options(const uint8_t *opt, size_t len,
                                            tcpfsm_wire_options *out)
{
    tcpfsm_wire_error err = TCPFSM_WIRE_OK;
    size_t i = 0;

    if (out == 0 || (opt == 0 && len > 0))
        return TCPFSM_WIRE_ERR_ARGUMENT;
    clear_options(out);
    /*@ loop invariant 0 <= i <= len;
      @ loop invariant err == TCPFSM_WIRE_OK;
      @ loop assigns i, err, *out;
      @ loop variant len - i;
      @*/
    while (i < len) {
        uint8_t kind = opt[i];
        size_t olen;
        if (kind == 0u) /* RFC 9293 3.2: End of Option List */
            break;
        if (kind == 1u) { /* No-Operation */
            i++;
            continue;
        }
        if (len - i < 2u) {
            err = TCPFSM_WIRE_ERR_OPTION_TRUNCATED;
            break;
        }
        olen = opt[i + 1];
        if (olen < 2u) {
            err = TCPFSM_WIRE_ERR_OPTION_LENGTH;
            break;
        }
        if (olen > len - i) {
            err = TCPFSM_WIRE_ERR_OPTION_OVERRUN;
            break;
        }
        if (kind == 2u) { /* RFC 9293 3.7.1: Maximum Segment Size, length 4 */
            if (olen != 4u) {
                err = TCPFSM_WIRE_ERR_OPTION_SIZE;
                break;
            }
            out->has_mss = 1;
            out->mss = (uint16_t)rd16(opt + i + 2);
        } else if (kind == 3u) { /* RFC 7323 2.2: Window Scale, length 3 */
            if (olen != 3u) {
                err = TCPFSM_WIRE_ERR_OPTION_SIZE;
                break;
            }
            out->has_wscale = 1;
            out->wscale = opt[i + 2];
        } else if (kind == 4u) { /* RFC 2018: SACK-Permitted, length 2 */
            if (olen != 2u) {
                err = TCPFSM_WIRE_ERR_OPTION_SIZE;
                break;
            }
            out->sack_permitted = 1;
        } else if (kind == 8u) { /* RFC 7323 3.2: Timestamps, length 10 */
            if (olen != 10u) {
                err = TCPFSM_WIRE_ERR_OPTION_SIZE;
                break;
            }
            out->has_timestamps = 1;
            out->ts_val = rd32(opt + i + 2);
            out->ts_ecr = rd32(opt + i + 6);
        } else if (out->unknown < 255u) {
            /* RFC 9293 3.1 MUST-68: any option is skipped by its length */
            out->unknown++;
        }
        i += olen;
    }
    return err;
}

/* ---- decoding ------------------------------------------------------------- */

/*@ requires \valid(pkt);
  @ assigns *pkt;
  @*/
static void clear_packet(tcpfsm_wire_packet *pkt)
{
    int k;
    pkt->ip_version = 0;
    pkt->ttl = 0;
    /*@ loop invariant 0 <= k <= 16;
      @ loop assigns k, pkt->src[0 .. 15], pkt->dst[0 .. 15];
      @ loop variant 16 - k;
      @*/
    for (k = 0; k < 16; k++) {
        pkt->src[k] = 0;
        pkt->dst[k] = 0;
    }
    pkt->src_port = 0;
    pkt->dst_port = 0;
    pkt->seq = 0;
    pkt->ack = 0;
    pkt->flags = 0;
    pkt->data_offset = 0;
    pkt->window = 0;
    pkt->checksum = 0;
    pkt->urgent = 0;
    clear_options(&pkt->opt);
    pkt->payload_offset = 0;
    pkt->payload_len = 0;
}

/* Copy n address bytes from p into a[16 - n .. 16); for IPv4 (n = 4) the
 * first twelve bytes become ::ffff:. */
/*@ requires n == 4 || n == 16;
  @ requires \valid_read(p + (0 .. n - 1));
  @ requires \valid(a + (0 .. 15));
  @ requires \separated(a + (0 .. 15), p + (0 .. n - 1));
  @ assigns a[0 .. 15];
  @*/
static void read_address(uint8_t *a, const uint8_t *p, int n)
{
    int k;
    /*@ loop invariant 0 <= k <= 16;
      @ loop assigns k, a[0 .. 15];
      @ loop variant 16 - k;
      @*/
    for (k = 0; k < 16; k++) {
        if (k >= 16 - n)
            a[k] = p[k - (16 - n)];
        else if (k >= 10)
            a[k] = 0xFFu;
        else
            a[k] = 0;
    }
}

/* RFC 791 header: on success the TCP segment is buf[*off .. *end). */
/*@ requires len >= 1 && len <= 18446744073709551615;
  @ requires \valid_read(buf + (0 .. len - 1));
  @ requires \valid(pkt) && \valid(off) && \valid(end);
  @ requires \separated(pkt, off, end, buf + (0 .. len - 1));
  @ assigns pkt->ip_version, pkt->ttl, pkt->src[0 .. 15], pkt->dst[0 .. 15], *off, *end;
  @ ensures range: TCPFSM_WIRE_OK <= \result < TCPFSM_WIRE_ERROR_COUNT;
  @ ensures inside: \result == TCPFSM_WIRE_OK ==> *off <= *end <= len && *end <= 65535 && *end - *off <= 65535;
  @ ensures version: \result == TCPFSM_WIRE_OK ==> pkt->ip_version == 4;
  @*/
static tcpfsm_wire_error decode_ipv4(const uint8_t *buf, size_t len, unsigned flags,
                                     tcpfsm_wire_packet *pkt, size_t *off, size_t *end)
{
    size_t ihl, total;
    if (len < IPV4_MIN_HEADER)
        return TCPFSM_WIRE_ERR_IP_TRUNCATED;
    ihl = (size_t)(buf[0] % 16u) * 4u;
    total = rd16(buf + 2);
    if (ihl < IPV4_MIN_HEADER || ihl > total)
        return TCPFSM_WIRE_ERR_IP_HEADER_LENGTH;
    if (total > len)
        return TCPFSM_WIRE_ERR_IP_TRUNCATED;
    if ((flags & TCPFSM_WIRE_NO_CHECKSUM) == 0u && fold(sum_bytes(buf, ihl, 0u)) != 0xFFFFu)
        return TCPFSM_WIRE_ERR_IP_CHECKSUM;
    /* RFC 791: MF flag or a fragment offset */
    if ((buf[6] & 0x3Fu) != 0u || buf[7] != 0u)
        return TCPFSM_WIRE_ERR_IP_FRAGMENT;
    if (buf[9] != IPPROTO_TCP_NUMBER)
        return TCPFSM_WIRE_ERR_PROTOCOL;
    pkt->ip_version = 4;
    pkt->ttl = buf[8];
    read_address(pkt->src, buf + 12, 4);
    read_address(pkt->dst, buf + 16, 4);
    *off = ihl;
    *end = total;
    return TCPFSM_WIRE_OK;
}

/* RFC 8200 header and extension headers: on success the TCP segment is
 * buf[*off .. *end). */
/*@ requires len >= 1;
  @ requires \valid_read(buf + (0 .. len - 1));
  @ requires \valid(pkt) && \valid(off) && \valid(end);
  @ requires \separated(pkt, off, end, buf + (0 .. len - 1));
  @ assigns pkt->ip_version, pkt->ttl, pkt->src[0 .. 15], pkt->dst[0 .. 15], *off, *end;
  @ ensures range: TCPFSM_WIRE_OK <= \result < TCPFSM_WIRE_ERROR_COUNT;
  @ ensures inside: \result == TCPFSM_WIRE_OK ==> *off <= *end <= len && *end <= 65575 && *end - *off <= 65535;
  @ ensures version: \result == TCPFSM_WIRE_OK ==> pkt->ip_version == 6;
  @*/
static tcpfsm_wire_error decode_ipv6(const uint8_t *buf, size_t len,
                                     tcpfsm_wire_packet *pkt, size_t *off, size_t *end)
{
    size_t o = IPV6_HEADER, e;
    unsigned next;
    int count = 0;
    if (len < IPV6_HEADER)
        return TCPFSM_WIRE_ERR_IP_TRUNCATED;
    e = IPV6_HEADER + rd16(buf + 4);
    if (e > len)
        return TCPFSM_WIRE_ERR_IP_TRUNCATED;
    next = buf[6];
    /* RFC 8200 4: hop-by-hop (0), routing (43) and destination options (60)
     * headers are skipped by their length; a fragment (44) is not reassembled. */
    /*@ loop invariant IPV6_HEADER <= o <= e;
      @ loop invariant 0 <= count <= IPV6_MAX_EXTENSIONS;
      @ loop invariant next <= 255;
      @ loop assigns o, next, count;
      @ loop variant IPV6_MAX_EXTENSIONS - count;
      @*/
    while (next == 0u || next == 43u || next == 60u) {
        size_t ext_len;
        if (count == IPV6_MAX_EXTENSIONS || e - o < 2u)
            return TCPFSM_WIRE_ERR_IP_EXTENSION;
        ext_len = ((size_t)buf[o + 1] + 1u) * 8u;
        if (ext_len > e - o)
            return TCPFSM_WIRE_ERR_IP_EXTENSION;
        next = buf[o];
        o += ext_len;
        count++;
    }
    if (next == 44u)
        return TCPFSM_WIRE_ERR_IP_FRAGMENT;
    if (next != IPPROTO_TCP_NUMBER)
        return TCPFSM_WIRE_ERR_PROTOCOL;
    pkt->ip_version = 6;
    pkt->ttl = buf[7];
    read_address(pkt->src, buf + 8, 16);
    read_address(pkt->dst, buf + 24, 16);
    *off = o;
    *end = e;
    return TCPFSM_WIRE_OK;
}

/* RFC 9293 3.1: the fixed header of seg[0 .. n), n >= 20, hdr_len checked. */
/*@ requires 20 <= hdr_len <= n <= 65575 && hdr_len <= 60;
  @ requires \valid_read(seg + (0 .. n - 1));
  @ requires \valid(pkt);
  @ requires \separated(pkt, seg + (0 .. n - 1));
  @ assigns pkt->src_port, pkt->dst_port, pkt->seq, pkt->ack, pkt->data_offset,
  @         pkt->flags, pkt->window, pkt->checksum, pkt->urgent, pkt->payload_len;
  @ ensures pkt->payload_len == n - hdr_len;
  @ ensures 5 <= pkt->data_offset <= 15;
  @*/
static void read_tcp_header(const uint8_t *seg, size_t n, size_t hdr_len, tcpfsm_wire_packet *pkt)
{
    pkt->src_port = (uint16_t)rd16(seg);
    pkt->dst_port = (uint16_t)rd16(seg + 2);
    pkt->seq = rd32(seg + 4);
    pkt->ack = rd32(seg + 8);
    pkt->data_offset = (uint8_t)(hdr_len / 4u);
    pkt->flags = seg[13];
    pkt->window = (uint16_t)rd16(seg + 14);
    pkt->checksum = (uint16_t)rd16(seg + 16);
    pkt->urgent = (uint16_t)rd16(seg + 18);
    pkt->payload_len = (uint32_t)(n - hdr_len);
}

tcpfsm_wire_error tcpfsm_wire_decode(const uint8_t *buf, size_t len, unsigned flags,
                                     tcpfsm_wire_packet *pkt)
{
    size_t tcp_off = 0, tcp_end = 0; /* the TCP segment is buf[tcp_off .. tcp_end) */
    size_t hdr_len;
    tcpfsm_wire_error err;

    if (buf == 0 || pkt == 0)
        return TCPFSM_WIRE_ERR_ARGUMENT;
    clear_packet(pkt);
    if (len < 1u)
        return TCPFSM_WIRE_ERR_IP_TRUNCATED;
    if (buf[0] / 16u == 4u)
        err = decode_ipv4(buf, len, flags, pkt, &tcp_off, &tcp_end);
    else if (buf[0] / 16u == 6u)
        err = decode_ipv6(buf, len, pkt, &tcp_off, &tcp_end);
    else
        err = TCPFSM_WIRE_ERR_IP_VERSION;
    if (err != TCPFSM_WIRE_OK)
        return err;
    if (tcp_end - tcp_off < TCP_MIN_HEADER)
        return TCPFSM_WIRE_ERR_TCP_TRUNCATED;
    hdr_len = (size_t)(buf[tcp_off + 12] / 16u) * 4u;
    if (hdr_len < TCP_MIN_HEADER || hdr_len > tcp_end - tcp_off)
        return TCPFSM_WIRE_ERR_DATA_OFFSET;
    err = tcpfsm_wire_parse_options(buf + tcp_off + TCP_MIN_HEADER, hdr_len - TCP_MIN_HEADER,
                                    &pkt->opt);
    if (err != TCPFSM_WIRE_OK)
        return err;
    if ((flags & TCPFSM_WIRE_NO_CHECKSUM) == 0u) {
        uint64_t s = sum_pseudo(pkt->ip_version == 6u, pkt->src, pkt->dst,
                                (uint32_t)(tcp_end - tcp_off));
        if (fold(sum_bytes(buf + tcp_off, tcp_end - tcp_off, s)) != 0xFFFFu)
            return TCPFSM_WIRE_ERR_CHECKSUM;
    }
    read_tcp_header(buf + tcp_off, tcp_end - tcp_off, hdr_len, pkt);
    pkt->payload_offset = (uint32_t)(tcp_off + hdr_len);
    return TCPFSM_WIRE_OK;
}

/* ---- conversion to and from the core -------------------------------------- */

/* 2^wscale, RFC 7323 2.3's shift as a multiplier WP can bound. */
static const uint32_t scale_factor[TCPFSM_WIRE_MAX_WSCALE + 1] = {
    1u, 2u, 4u, 8u, 16u, 32u, 64u, 128u, 256u, 512u, 1024u, 2048u, 4096u, 8192u, 16384u};

void tcpfsm_wire_to_segment(const tcpfsm_wire_packet *pkt, unsigned wscale,
                            tcpfsm_segment *seg)
{
    if ((pkt->flags & TCPFSM_SYN) != 0u)
        wscale = 0;
    if (wscale > TCPFSM_WIRE_MAX_WSCALE)
        wscale = TCPFSM_WIRE_MAX_WSCALE;
    /*@ assert scale_factor[wscale] <= 16384; */
    seg->seq = pkt->seq;
    seg->ack = pkt->ack;
    seg->flags = (uint8_t)(pkt->flags & TCPFSM_FLAGS_MASK);
    seg->len = pkt->payload_len;
    seg->wnd = (uint32_t)pkt->window * scale_factor[wscale];
}

void tcpfsm_wire_from_segment(const tcpfsm_segment *seg, unsigned wscale,
                              tcpfsm_wire_packet *pkt)
{
    uint32_t wnd = seg->wnd;
    unsigned k;
    if ((seg->flags & TCPFSM_SYN) != 0u)
        wscale = 0;
    if (wscale > TCPFSM_WIRE_MAX_WSCALE)
        wscale = TCPFSM_WIRE_MAX_WSCALE;
    /*@ loop invariant 0 <= k <= wscale;
      @ loop assigns k, wnd;
      @ loop variant wscale - k;
      @*/
    for (k = 0; k < wscale; k++)
        wnd /= 2u;
    pkt->seq = seg->seq;
    pkt->ack = seg->ack;
    pkt->flags = seg->flags;
    pkt->window = (uint16_t)(wnd > 65535u ? 65535u : wnd);
    pkt->payload_len = seg->len;
}

/* ---- encoding ------------------------------------------------------------- */

/* The options pkt->opt asks for, in Linux's order and padding: MSS, then
 * SACK-permitted and timestamps sharing two bytes of padding, then NOP and
 * window scale. At most 20 bytes, a multiple of 4. */
/*@ requires \valid_read(o);
  @ requires \valid(p + (0 .. 19));
  @ assigns p[0 .. 19];
  @ ensures \result <= 20 && \result % 4 == 0;
  @*/
static size_t build_options(const tcpfsm_wire_options *o, uint8_t *p)
{
    size_t n = 0;
    if (o->has_mss) {
        p[0] = 2u;
        p[1] = 4u;
        wr16(p + 2, o->mss);
        n = 4u;
    }
    if (o->has_timestamps) {
        if (o->sack_permitted) {
            p[n] = 4u;
            p[n + 1] = 2u;
        } else {
            p[n] = 1u;
            p[n + 1] = 1u;
        }
        p[n + 2] = 8u;
        p[n + 3] = 10u;
        wr32(p + n + 4, o->ts_val);
        wr32(p + n + 8, o->ts_ecr);
        n += 12u;
    } else if (o->sack_permitted) {
        p[n] = 1u;
        p[n + 1] = 1u;
        p[n + 2] = 4u;
        p[n + 3] = 2u;
        n += 4u;
    }
    if (o->has_wscale) {
        p[n] = 1u;
        p[n + 1] = 3u;
        p[n + 2] = 3u;
        p[n + 3] = o->wscale;
        n += 4u;
    }
    return n;
}

/* The IPv4 (RFC 791) or IPv6 (RFC 8200) header for a TCP segment of
 * seg_len bytes; the IPv4 header checksum included. */
/*@ requires \valid(b + (0 .. 39));
  @ requires \valid_read(pkt);
  @ requires seg_len <= 65535;
  @ requires pkt->ip_version == 6 || seg_len <= 65535 - IPV4_MIN_HEADER;
  @ requires \separated(b + (0 .. 39), pkt);
  @ assigns b[0 .. 39];
  @*/
static void write_ip_header(uint8_t *b, const tcpfsm_wire_packet *pkt, size_t seg_len)
{
    size_t k;
    if (pkt->ip_version == 6u) {
        b[0] = 0x60u;
        b[1] = 0;
        b[2] = 0;
        b[3] = 0;
        wr16(b + 4, (uint32_t)seg_len);
        b[6] = IPPROTO_TCP_NUMBER;
        b[7] = pkt->ttl;
        /*@ loop invariant 0 <= k <= 16;
          @ loop assigns k, b[8 .. 39];
          @ loop variant 16 - k;
          @*/
        for (k = 0; k < 16u; k++) {
            b[8 + k] = pkt->src[k];
            b[24 + k] = pkt->dst[k];
        }
    } else {
        b[0] = 0x45u;
        b[1] = 0;
        wr16(b + 2, (uint32_t)(IPV4_MIN_HEADER + seg_len));
        b[4] = 0;
        b[5] = 0;
        b[6] = 0x40u; /* DF */
        b[7] = 0;
        b[8] = pkt->ttl;
        b[9] = IPPROTO_TCP_NUMBER;
        b[10] = 0;
        b[11] = 0;
        /*@ loop invariant 0 <= k <= 4;
          @ loop assigns k, b[12 .. 19];
          @ loop variant 4 - k;
          @*/
        for (k = 0; k < 4u; k++) {
            b[12 + k] = pkt->src[12 + k];
            b[16 + k] = pkt->dst[12 + k];
        }
        wr16(b + 10, 0xFFFFu - fold(sum_bytes(b, IPV4_MIN_HEADER, 0u)));
    }
}

/* The fixed TCP header (RFC 9293 3.1), checksum field zero. */
/*@ requires \valid(t + (0 .. 19));
  @ requires \valid_read(pkt);
  @ requires 20 <= hdr_len <= 60;
  @ requires \separated(t + (0 .. 19), pkt);
  @ assigns t[0 .. 19];
  @*/
static void write_tcp_header(uint8_t *t, const tcpfsm_wire_packet *pkt, size_t hdr_len)
{
    wr16(t, pkt->src_port);
    wr16(t + 2, pkt->dst_port);
    wr32(t + 4, pkt->seq);
    wr32(t + 8, pkt->ack);
    t[12] = (uint8_t)(hdr_len / 4u * 16u);
    t[13] = pkt->flags;
    wr16(t + 14, pkt->window);
    t[16] = 0;
    t[17] = 0;
    wr16(t + 18, pkt->urgent);
}

/*@ requires \valid(d + (0 .. n - 1));
  @ requires \valid_read(s + (0 .. n - 1));
  @ requires \separated(d + (0 .. n - 1), s + (0 .. n - 1));
  @ assigns d[0 .. n - 1];
  @*/
static void copy_bytes(uint8_t *d, const uint8_t *s, size_t n)
{
    size_t k;
    /*@ loop invariant 0 <= k <= n;
      @ loop assigns k, d[0 .. n - 1];
      @ loop variant n - k;
      @*/
    for (k = 0; k < n; k++)
        d[k] = s[k];
}

tcpfsm_wire_error tcpfsm_wire_encode(const tcpfsm_wire_packet *pkt, const uint8_t *payload,
                                     size_t payload_len, uint8_t *buf, size_t cap,
                                     size_t *out_len)
{
    uint8_t opts[20];
    size_t opt_len, ip_len, tcp_len, seg_len, total;
    uint64_t s;

    if (pkt == 0 || buf == 0 || out_len == 0 || (payload == 0 && payload_len > 0))
        return TCPFSM_WIRE_ERR_ARGUMENT;
    if (pkt->ip_version != 4u && pkt->ip_version != 6u)
        return TCPFSM_WIRE_ERR_ARGUMENT;
    opt_len = build_options(&pkt->opt, opts);
    ip_len = pkt->ip_version == 6u ? IPV6_HEADER : IPV4_MIN_HEADER;
    tcp_len = TCP_MIN_HEADER + opt_len;
    /* IPv4 total length and IPv6 payload length are 16-bit fields */
    if (payload_len > 65535u - tcp_len - (pkt->ip_version == 6u ? 0u : IPV4_MIN_HEADER))
        return TCPFSM_WIRE_ERR_ARGUMENT;
    seg_len = tcp_len + payload_len;
    total = ip_len + seg_len;
    if (total > cap)
        return TCPFSM_WIRE_ERR_BUFFER;
    write_ip_header(buf, pkt, seg_len);
    write_tcp_header(buf + ip_len, pkt, tcp_len);
    copy_bytes(buf + ip_len + TCP_MIN_HEADER, opts, opt_len);
    if (payload_len > 0u)
        copy_bytes(buf + ip_len + tcp_len, payload, payload_len);
    s = sum_pseudo(pkt->ip_version == 6u, pkt->src, pkt->dst, (uint32_t)seg_len);
    s = sum_bytes(buf + ip_len, seg_len, s);
    wr16(buf + ip_len + 16, 0xFFFFu - fold(s));
    *out_len = total;
    return TCPFSM_WIRE_OK;
}
