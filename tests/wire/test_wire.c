/* Unit tests of the wire codec (src/tcpfsm_wire.c): round trips, a packet
 * checked against an independently computed checksum, one test per error
 * code, and every truncation of valid packets. */
#include <stdio.h>
#include <string.h>

#include "tcpfsm_wire.h"

static int passed, failed;

#define CHECK(name, cond)                                                   \
    do {                                                                    \
        if (cond) {                                                         \
            passed++;                                                       \
        } else {                                                            \
            failed++;                                                       \
            printf("FAIL %s (%s:%d): %s\n", name, __FILE__, __LINE__, #cond); \
        }                                                                   \
    } while (0)

static void v4addr(uint8_t a[16], int x, int y, int z, int w)
{
    memset(a, 0, 16);
    a[10] = 0xFF;
    a[11] = 0xFF;
    a[12] = (uint8_t)x;
    a[13] = (uint8_t)y;
    a[14] = (uint8_t)z;
    a[15] = (uint8_t)w;
}

static tcpfsm_wire_packet base_packet(int version)
{
    tcpfsm_wire_packet p;
    memset(&p, 0, sizeof p);
    p.ip_version = (uint8_t)version;
    p.ttl = 64;
    if (version == 4) {
        v4addr(p.src, 192, 0, 2, 1);
        v4addr(p.dst, 192, 0, 2, 2);
    } else {
        p.src[0] = 0x20; p.src[1] = 0x01; p.src[2] = 0x0d; p.src[3] = 0xb8; p.src[15] = 1;
        p.dst[0] = 0x20; p.dst[1] = 0x01; p.dst[2] = 0x0d; p.dst[3] = 0xb8; p.dst[15] = 2;
    }
    p.src_port = 40000;
    p.dst_port = 80;
    p.seq = 0xFFFFFFF0u;
    p.ack = 0x12345678u;
    p.flags = TCPFSM_SYN;
    p.window = 65535;
    p.opt.has_mss = 1;
    p.opt.mss = 1460;
    p.opt.sack_permitted = 1;
    p.opt.has_timestamps = 1;
    p.opt.ts_val = 0xDEADBEEFu;
    p.opt.ts_ecr = 7;
    p.opt.has_wscale = 1;
    p.opt.wscale = 7;
    return p;
}

static size_t build(const tcpfsm_wire_packet *p, const uint8_t *payload, size_t n, uint8_t *buf,
                    size_t cap)
{
    size_t len = 0;
    if (tcpfsm_wire_encode(p, payload, n, buf, cap, &len) != TCPFSM_WIRE_OK)
        return 0;
    return len;
}

/* Recompute the IPv4 header checksum after the test changed a field. */
static void fix_ip_checksum(uint8_t *b)
{
    unsigned long s = 0;
    int i, ihl = (b[0] & 15) * 4;
    b[10] = b[11] = 0;
    for (i = 0; i < ihl; i += 2)
        s += (unsigned long)(b[i] << 8 | b[i + 1]);
    while (s >> 16)
        s = (s & 0xFFFF) + (s >> 16);
    s = ~s & 0xFFFF;
    b[10] = (uint8_t)(s >> 8);
    b[11] = (uint8_t)s;
}

/* The same for the TCP checksum of an IPv4 packet (independent of the codec). */
static void fix_tcp_checksum_v4(uint8_t *b)
{
    unsigned long s = 0;
    int i, ihl = (b[0] & 15) * 4, total = b[2] << 8 | b[3], n = total - ihl;
    uint8_t *t = b + ihl;
    t[16] = t[17] = 0;
    for (i = 12; i < 20; i += 2)
        s += (unsigned long)(b[i] << 8 | b[i + 1]);
    s += 6 + (unsigned long)n;
    for (i = 0; i + 1 < n; i += 2)
        s += (unsigned long)(t[i] << 8 | t[i + 1]);
    if (n & 1)
        s += (unsigned long)t[n - 1] << 8;
    while (s >> 16)
        s = (s & 0xFFFF) + (s >> 16);
    s = ~s & 0xFFFF;
    t[16] = (uint8_t)(s >> 8);
    t[17] = (uint8_t)s;
}

static void test_names(void)
{
    int e, k;
    for (e = 0; e < TCPFSM_WIRE_ERROR_COUNT; e++) {
        CHECK("name", strcmp(tcpfsm_wire_error_name(e), "?") != 0);
        for (k = 0; k < e; k++)
            CHECK("names distinct", strcmp(tcpfsm_wire_error_name(e), tcpfsm_wire_error_name(k)) != 0);
    }
    CHECK("name out of range", strcmp(tcpfsm_wire_error_name(-1), "?") == 0);
    CHECK("name out of range", strcmp(tcpfsm_wire_error_name(TCPFSM_WIRE_ERROR_COUNT), "?") == 0);
}

/* A SYN laid out as Linux 6.x sends it (MSS, SACK-permitted + timestamps, NOP + window
 * scale); the test fills the checksums in with its own code, independent of the codec. */
static const uint8_t linux_syn[] = {
    0x45, 0x00, 0x00, 0x3c, 0x8a, 0x4e, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
    0xc0, 0x00, 0x02, 0x02, 0xc0, 0x00, 0x02, 0x01, 0xa2, 0x1c, 0x1f, 0x90,
    0x4b, 0x1d, 0x6e, 0x2a, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x02, 0xfa, 0xf0,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a,
    0x7c, 0x51, 0x3a, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07};

static void test_linux_syn(void)
{
    uint8_t b[sizeof linux_syn];
    tcpfsm_wire_packet p;
    memcpy(b, linux_syn, sizeof b);
    fix_ip_checksum(b);
    fix_tcp_checksum_v4(b);
    CHECK("linux syn decodes", tcpfsm_wire_decode(b, sizeof b, 0, &p) == TCPFSM_WIRE_OK);
    CHECK("linux syn ports", p.src_port == 41500 && p.dst_port == 8080);
    CHECK("linux syn seq", p.seq == 0x4b1d6e2au && p.ack == 0);
    CHECK("linux syn flags", p.flags == TCPFSM_SYN && p.data_offset == 10);
    CHECK("linux syn window", p.window == 64240);
    CHECK("linux syn mss", p.opt.has_mss && p.opt.mss == 1460);
    CHECK("linux syn sack", p.opt.sack_permitted);
    CHECK("linux syn ts", p.opt.has_timestamps && p.opt.ts_val == 0x7c513a1eu && p.opt.ts_ecr == 0);
    CHECK("linux syn ws", p.opt.has_wscale && p.opt.wscale == 7);
    CHECK("linux syn addr", p.src[10] == 0xFF && p.src[12] == 192 && p.src[15] == 2 && p.dst[15] == 1);
    CHECK("linux syn payload", p.payload_len == 0 && p.payload_offset == 60);
    /* the codec re-encodes it to the same bytes, apart from the IP id */
    {
        uint8_t out[128];
        size_t n = build(&p, NULL, 0, out, sizeof out);
        CHECK("re-encode length", n == sizeof b);
        CHECK("re-encode tcp bytes", n == sizeof b && memcmp(out + 20, b + 20, n - 20) == 0);
    }
}

static void test_round_trip(int version)
{
    uint8_t payload[1000], buf[2000];
    tcpfsm_wire_packet p = base_packet(version), q;
    size_t i, n;
    for (i = 0; i < sizeof payload; i++)
        payload[i] = (uint8_t)(i * 7 + 3);
    for (i = 0; i <= 3; i++) { /* odd and even payload lengths */
        size_t plen = sizeof payload - i;
        n = build(&p, payload, plen, buf, sizeof buf);
        CHECK("encode", n == (version == 4 ? 20u : 40u) + 40u + plen);
        CHECK("decode", tcpfsm_wire_decode(buf, n, 0, &q) == TCPFSM_WIRE_OK);
        CHECK("version", q.ip_version == version && q.ttl == 64);
        CHECK("addresses", !memcmp(q.src, p.src, 16) && !memcmp(q.dst, p.dst, 16));
        CHECK("ports", q.src_port == 40000 && q.dst_port == 80);
        CHECK("seq/ack", q.seq == p.seq && q.ack == p.ack);
        CHECK("flags/window", q.flags == p.flags && q.window == 65535 && q.data_offset == 10);
        CHECK("options", q.opt.has_mss && q.opt.mss == 1460 && q.opt.sack_permitted &&
                             q.opt.has_timestamps && q.opt.ts_val == 0xDEADBEEFu &&
                             q.opt.ts_ecr == 7 && q.opt.has_wscale && q.opt.wscale == 7 &&
                             q.opt.unknown == 0);
        CHECK("payload", q.payload_len == plen && q.payload_offset + plen == n &&
                             !memcmp(buf + q.payload_offset, payload, plen));
        /* trailing link-layer padding is ignored */
        buf[n] = 0xAA;
        CHECK("padding", tcpfsm_wire_decode(buf, n + 1, 0, &q) == TCPFSM_WIRE_OK && q.payload_len == plen);
        /* every single-bit flip in the TCP part breaks the checksum or the header */
        {
            size_t ip = version == 4 ? 20u : 40u, k;
            int all = 1;
            for (k = ip; k < n; k += 37) {
                buf[k] ^= 0x10;
                if (tcpfsm_wire_decode(buf, n, 0, &q) == TCPFSM_WIRE_OK)
                    all = 0;
                buf[k] ^= 0x10;
            }
            CHECK("bit flips detected", all);
        }
    }
    /* no options, no payload */
    memset(&p.opt, 0, sizeof p.opt);
    n = build(&p, NULL, 0, buf, sizeof buf);
    CHECK("bare header", tcpfsm_wire_decode(buf, n, 0, &q) == TCPFSM_WIRE_OK && q.data_offset == 5 &&
                             q.payload_len == 0 && !q.opt.has_mss);
    /* each option alone */
    p.opt.sack_permitted = 1;
    n = build(&p, NULL, 0, buf, sizeof buf);
    CHECK("sack alone", tcpfsm_wire_decode(buf, n, 0, &q) == TCPFSM_WIRE_OK && q.opt.sack_permitted &&
                            !q.opt.has_timestamps && q.data_offset == 6);
    p.opt.sack_permitted = 0;
    p.opt.has_timestamps = 1;
    n = build(&p, NULL, 0, buf, sizeof buf);
    CHECK("ts alone", tcpfsm_wire_decode(buf, n, 0, &q) == TCPFSM_WIRE_OK && !q.opt.sack_permitted &&
                          q.opt.has_timestamps && q.data_offset == 8);
}

static void test_truncations(void)
{
    uint8_t payload[33], buf[200];
    int version;
    memset(payload, 0x5A, sizeof payload);
    for (version = 4; version <= 6; version += 2) {
        tcpfsm_wire_packet p = base_packet(version), q;
        size_t n = build(&p, payload, sizeof payload, buf, sizeof buf), k;
        int all = 1;
        for (k = 0; k < n; k++) {
            /* a shorter buffer than the IP length says: always an error */
            tcpfsm_wire_error e = tcpfsm_wire_decode(buf, k, 0, &q);
            if (e == TCPFSM_WIRE_OK)
                all = 0;
        }
        CHECK("every truncation rejected", all);
        CHECK("truncated = IP truncated", tcpfsm_wire_decode(buf, n - 1, 0, &q) == TCPFSM_WIRE_ERR_IP_TRUNCATED);
        CHECK("empty", tcpfsm_wire_decode(buf, 0, 0, &q) == TCPFSM_WIRE_ERR_IP_TRUNCATED);
    }
}

/* A valid IPv4 packet whose TCP header is 20 + optlen bytes with the given options. */
static size_t with_options(uint8_t *b, const uint8_t *opts, size_t optlen)
{
    tcpfsm_wire_packet p = base_packet(4);
    size_t n;
    memset(&p.opt, 0, sizeof p.opt);
    n = build(&p, NULL, 0, b, 200);
    memcpy(b + 40, opts, optlen);
    n += optlen;
    b[2] = (uint8_t)(n >> 8);
    b[3] = (uint8_t)n;
    b[32] = (uint8_t)(((20 + optlen + 3) / 4) << 4);
    fix_ip_checksum(b);
    fix_tcp_checksum_v4(b);
    return n;
}

static tcpfsm_wire_error decode_opts(const uint8_t *opts, size_t optlen, tcpfsm_wire_packet *q)
{
    uint8_t b[200];
    size_t n = with_options(b, opts, optlen);
    return tcpfsm_wire_decode(b, n, 0, q);
}

static void test_errors(void)
{
    uint8_t buf[300], b2[300];
    tcpfsm_wire_packet p = base_packet(4), q;
    size_t n = build(&p, (const uint8_t *)"hello", 5, buf, sizeof buf), n6;
    size_t out;

    CHECK("valid", tcpfsm_wire_decode(buf, n, 0, &q) == TCPFSM_WIRE_OK);
    CHECK("null buf", tcpfsm_wire_decode(NULL, n, 0, &q) == TCPFSM_WIRE_ERR_ARGUMENT);
    CHECK("null pkt", tcpfsm_wire_decode(buf, n, 0, NULL) == TCPFSM_WIRE_ERR_ARGUMENT);

    memcpy(b2, buf, n); b2[0] = 0x55;
    CHECK("version", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_IP_VERSION);
    memcpy(b2, buf, n); b2[0] = 0x44; fix_ip_checksum(b2);
    CHECK("ihl 4", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_IP_HEADER_LENGTH);
    memcpy(b2, buf, n); b2[0] = 0x4F; b2[2] = 0; b2[3] = 40;
    CHECK("ihl > total", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_IP_HEADER_LENGTH);
    memcpy(b2, buf, n); b2[3] = (uint8_t)(b2[3] + 1); fix_ip_checksum(b2);
    CHECK("total > buffer", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_IP_TRUNCATED);
    memcpy(b2, buf, n); b2[8] ^= 1;
    CHECK("ip checksum", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_IP_CHECKSUM);
    CHECK("ip checksum skipped", tcpfsm_wire_decode(b2, n, TCPFSM_WIRE_NO_CHECKSUM, &q) == TCPFSM_WIRE_OK);
    memcpy(b2, buf, n); b2[6] |= 0x20; fix_ip_checksum(b2);
    CHECK("MF", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_IP_FRAGMENT);
    memcpy(b2, buf, n); b2[7] = 1; fix_ip_checksum(b2);
    CHECK("fragment offset", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_IP_FRAGMENT);
    memcpy(b2, buf, n); b2[9] = 17; fix_ip_checksum(b2);
    CHECK("udp", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_PROTOCOL);
    memcpy(b2, buf, n); b2[2] = 0; b2[3] = 39; fix_ip_checksum(b2);
    CHECK("tcp truncated", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_TCP_TRUNCATED);
    memcpy(b2, buf, n); b2[32] = 0x40; fix_tcp_checksum_v4(b2);
    CHECK("data offset 4", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_DATA_OFFSET);
    memcpy(b2, buf, n); b2[32] = 0xF0; fix_tcp_checksum_v4(b2);
    CHECK("data offset past segment", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_DATA_OFFSET);
    memcpy(b2, buf, n); b2[n - 1] ^= 0xFF;
    CHECK("tcp checksum", tcpfsm_wire_decode(b2, n, 0, &q) == TCPFSM_WIRE_ERR_CHECKSUM);
    CHECK("tcp checksum skipped", tcpfsm_wire_decode(b2, n, TCPFSM_WIRE_NO_CHECKSUM, &q) == TCPFSM_WIRE_OK);

    {
        static const uint8_t trunc[] = {1, 1, 1, 2};          /* MSS kind, no length */
        static const uint8_t len1[] = {3, 1, 0, 0};           /* length 1 */
        static const uint8_t len0[] = {30, 0, 0, 0};          /* length 0 would loop forever */
        static const uint8_t overrun[] = {1, 1, 8, 10};       /* timestamps past the header */
        static const uint8_t mss5[] = {2, 5, 1, 2, 3, 0, 0, 0};
        static const uint8_t ws4[] = {3, 4, 1, 2};
        static const uint8_t sack3[] = {4, 3, 0, 0};
        static const uint8_t ts9[] = {8, 9, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0};
        static const uint8_t unknown[] = {30, 6, 1, 2, 3, 4, 1, 1, 5, 10, 1, 2, 3, 4, 5, 6, 7, 8, 2, 4, 0x02, 0x18, 0, 0};
        static const uint8_t eol[] = {2, 4, 1, 0, 0, 0xEE, 0xEE, 0xEE}; /* EOL: the rest is not parsed */
        CHECK("option truncated", decode_opts(trunc, 4, &q) == TCPFSM_WIRE_ERR_OPTION_TRUNCATED);
        CHECK("option length 1", decode_opts(len1, 4, &q) == TCPFSM_WIRE_ERR_OPTION_LENGTH);
        CHECK("option length 0", decode_opts(len0, 4, &q) == TCPFSM_WIRE_ERR_OPTION_LENGTH);
        CHECK("option overrun", decode_opts(overrun, 4, &q) == TCPFSM_WIRE_ERR_OPTION_OVERRUN);
        CHECK("mss size", decode_opts(mss5, 8, &q) == TCPFSM_WIRE_ERR_OPTION_SIZE);
        CHECK("ws size", decode_opts(ws4, 4, &q) == TCPFSM_WIRE_ERR_OPTION_SIZE);
        CHECK("sack size", decode_opts(sack3, 4, &q) == TCPFSM_WIRE_ERR_OPTION_SIZE);
        CHECK("ts size", decode_opts(ts9, 12, &q) == TCPFSM_WIRE_ERR_OPTION_SIZE);
        CHECK("unknown skipped", decode_opts(unknown, 24, &q) == TCPFSM_WIRE_OK && q.opt.unknown == 2 &&
                                     q.opt.has_mss && q.opt.mss == 0x0218 && !q.opt.has_timestamps);
        CHECK("eol", decode_opts(eol, 8, &q) == TCPFSM_WIRE_OK && q.opt.has_mss && q.opt.mss == 0x100);
        CHECK("options null", tcpfsm_wire_parse_options(NULL, 4, &q.opt) == TCPFSM_WIRE_ERR_ARGUMENT);
        CHECK("options null out", tcpfsm_wire_parse_options(eol, 4, NULL) == TCPFSM_WIRE_ERR_ARGUMENT);
        CHECK("options empty", tcpfsm_wire_parse_options(NULL, 0, &q.opt) == TCPFSM_WIRE_OK);
    }

    /* IPv6 */
    p = base_packet(6);
    n6 = build(&p, NULL, 0, buf, sizeof buf);
    CHECK("v6 valid", tcpfsm_wire_decode(buf, n6, 0, &q) == TCPFSM_WIRE_OK);
    memcpy(b2, buf, n6); b2[5] = (uint8_t)(b2[5] + 1);
    CHECK("v6 payload length past buffer", tcpfsm_wire_decode(b2, n6, 0, &q) == TCPFSM_WIRE_ERR_IP_TRUNCATED);
    CHECK("v6 short", tcpfsm_wire_decode(buf, 39, 0, &q) == TCPFSM_WIRE_ERR_IP_TRUNCATED);
    memcpy(b2, buf, n6); b2[6] = 17;
    CHECK("v6 udp", tcpfsm_wire_decode(b2, n6, 0, &q) == TCPFSM_WIRE_ERR_PROTOCOL);
    memcpy(b2, buf, n6); b2[6] = 44;
    CHECK("v6 fragment", tcpfsm_wire_decode(b2, n6, 0, &q) == TCPFSM_WIRE_ERR_IP_FRAGMENT);
    memcpy(b2, buf, n6); b2[6] = 60; b2[40] = 6; b2[41] = 200;
    CHECK("v6 extension overrun", tcpfsm_wire_decode(b2, n6, 0, &q) == TCPFSM_WIRE_ERR_IP_EXTENSION);
    {
        /* a destination options header (8 bytes) before TCP */
        memcpy(b2, buf, 40);
        memset(b2 + 40, 0, 8);
        b2[40] = 6; /* next: TCP */
        b2[41] = 0; /* (0 + 1) * 8 bytes */
        b2[46] = 1; b2[47] = 0; /* PadN: a valid option body */
        memcpy(b2 + 48, buf + 40, n6 - 40);
        b2[6] = 60;
        b2[5] = (uint8_t)(b2[5] + 8);
        CHECK("v6 extension skipped", tcpfsm_wire_decode(b2, n6 + 8, 0, &q) == TCPFSM_WIRE_OK &&
                                          q.payload_offset == 48 + 40 && q.opt.has_mss);
        /* nine hop-by-hop headers: too many */
        memcpy(b2, buf, 40);
        memset(b2 + 40, 0, 72);
        b2[6] = 0;
        b2[4] = 0; b2[5] = 72;
        CHECK("v6 too many extensions", tcpfsm_wire_decode(b2, 112, 0, &q) == TCPFSM_WIRE_ERR_IP_EXTENSION);
    }

    /* encoder */
    p = base_packet(4);
    CHECK("encode null", tcpfsm_wire_encode(NULL, NULL, 0, buf, sizeof buf, &out) == TCPFSM_WIRE_ERR_ARGUMENT);
    CHECK("encode null payload", tcpfsm_wire_encode(&p, NULL, 5, buf, sizeof buf, &out) == TCPFSM_WIRE_ERR_ARGUMENT);
    CHECK("encode small buffer", tcpfsm_wire_encode(&p, NULL, 0, buf, 59, &out) == TCPFSM_WIRE_ERR_BUFFER);
    CHECK("encode exact buffer", tcpfsm_wire_encode(&p, NULL, 0, buf, 60, &out) == TCPFSM_WIRE_OK && out == 60);
    CHECK("encode too long", tcpfsm_wire_encode(&p, buf, 65535 - 40 - 20 + 1, buf, sizeof buf, &out) == TCPFSM_WIRE_ERR_ARGUMENT);
    p.ip_version = 5;
    CHECK("encode bad version", tcpfsm_wire_encode(&p, NULL, 0, buf, sizeof buf, &out) == TCPFSM_WIRE_ERR_ARGUMENT);
}

static void test_segments(void)
{
    tcpfsm_wire_packet p = base_packet(4);
    tcpfsm_segment s;
    p.flags = TCPFSM_ACK | TCPFSM_PSH | TCPFSM_WIRE_ECE;
    p.window = 1000;
    p.payload_len = 77;
    tcpfsm_wire_to_segment(&p, 7, &s);
    CHECK("to seg", s.seq == p.seq && s.ack == p.ack && s.len == 77 &&
                        s.flags == (TCPFSM_ACK | TCPFSM_PSH) && s.wnd == 128000);
    tcpfsm_wire_to_segment(&p, 99, &s);
    CHECK("to seg scale capped", s.wnd == 1000u << 14);
    p.flags = TCPFSM_SYN | TCPFSM_ACK;
    tcpfsm_wire_to_segment(&p, 7, &s);
    CHECK("syn window unscaled", s.wnd == 1000);
    s.flags = TCPFSM_ACK;
    s.wnd = 1u << 30;
    tcpfsm_wire_from_segment(&s, 7, &p);
    CHECK("from seg clamp", p.window == 65535 && p.flags == TCPFSM_ACK);
    s.wnd = 12800;
    tcpfsm_wire_from_segment(&s, 7, &p);
    CHECK("from seg scaled", p.window == 100);
    s.flags = TCPFSM_SYN;
    tcpfsm_wire_from_segment(&s, 7, &p);
    CHECK("from seg syn", p.window == 12800);
}

int main(void)
{
    test_names();
    test_linux_syn();
    test_round_trip(4);
    test_round_trip(6);
    test_truncations();
    test_errors();
    test_segments();
    printf("wire: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
