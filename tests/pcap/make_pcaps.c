/* Builds the hand-made captures of check-pcap (tests/pcap/run.sh) with the
 * project's own codec: one clean connection per IP version, and one
 * departure from the model per file, each a single rule of RFC 9293 broken.
 *
 *   make_pcaps DIR
 */
#include <stdio.h>
#include <string.h>

#include "tcpfsm.h"
#include "tcpfsm_wire.h"
#include "wire_pcap.h"

typedef struct conv {
    FILE *f;
    tcpfsm_wire_packet a, b; /* templates: a sends from A to B, b from B to A */
    uint64_t ts;
    int ok;
} conv;

static int start(conv *c, const char *dir, const char *name, int v6)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.pcap", dir, name);
    memset(c, 0, sizeof *c);
    c->f = wire_pcap_create(path);
    if (!c->f) {
        perror(path);
        return 0;
    }
    c->ok = 1;
    c->ts = 1700000000000000ull;
    c->a.ip_version = c->b.ip_version = (uint8_t)(v6 ? 6 : 4);
    c->a.ttl = c->b.ttl = 64;
    if (v6) {
        c->a.src[0] = 0x20; c->a.src[1] = 0x01; c->a.src[2] = 0x0d; c->a.src[3] = 0xb8; c->a.src[15] = 1;
        c->a.dst[0] = 0x20; c->a.dst[1] = 0x01; c->a.dst[2] = 0x0d; c->a.dst[3] = 0xb8; c->a.dst[15] = 2;
    } else {
        c->a.src[10] = c->a.src[11] = 0xFF; c->a.src[12] = 192; c->a.src[14] = 2; c->a.src[15] = 10;
        c->a.dst[10] = c->a.dst[11] = 0xFF; c->a.dst[12] = 192; c->a.dst[14] = 2; c->a.dst[15] = 20;
    }
    memcpy(c->b.src, c->a.dst, 16);
    memcpy(c->b.dst, c->a.src, 16);
    c->a.src_port = c->b.dst_port = 33000;
    c->a.dst_port = c->b.src_port = 80;
    return 1;
}

/* One segment: from A (from_a) or B, with `len` bytes of payload. */
static void seg(conv *c, int from_a, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len)
{
    static uint8_t payload[4096], buf[5000];
    tcpfsm_wire_packet p = from_a ? c->a : c->b;
    size_t n;
    p.flags = flags;
    p.seq = seq;
    p.ack = (flags & TCPFSM_ACK) ? ack : 0;
    p.window = 65535;
    if (flags & TCPFSM_SYN) {
        p.opt.has_mss = 1;
        p.opt.mss = 1460;
    }
    memset(payload, 'x', len);
    if (tcpfsm_wire_encode(&p, payload, len, buf, sizeof buf, &n) != TCPFSM_WIRE_OK ||
        wire_pcap_write(c->f, buf, n, c->ts) != 0)
        c->ok = 0;
    c->ts += 1000;
}

/* A's ISS is 1000, B's 5000. */
#define A 1
#define B 0
#define S TCPFSM_SYN
#define F TCPFSM_FIN
#define R TCPFSM_RST
#define P TCPFSM_PSH
#define K TCPFSM_ACK

static void handshake(conv *c)
{
    seg(c, A, S, 1000, 0, 0);
    seg(c, B, S | K, 5000, 1001, 0);
    seg(c, A, K, 1001, 5001, 0);
}

static int finish(conv *c)
{
    int ok = c->ok;
    if (fclose(c->f) != 0)
        ok = 0;
    return ok;
}

int main(int argc, char **argv)
{
    conv c;
    int ok = 1, v6;
    if (argc != 2) {
        fprintf(stderr, "usage: make_pcaps DIR\n");
        return 2;
    }
    /* clean: handshake, 100 bytes each way, A closes first, B closes */
    for (v6 = 0; v6 <= 1; v6++) {
        if (!start(&c, argv[1], v6 ? "clean-v6" : "clean-v4", v6))
            return 1;
        handshake(&c);
        seg(&c, A, P | K, 1001, 5001, 100);
        seg(&c, B, K, 5001, 1101, 0);
        seg(&c, B, P | K, 5001, 1101, 100);
        seg(&c, A, K, 1101, 5101, 0);
        seg(&c, A, F | K, 1101, 5101, 0);
        seg(&c, B, K, 5101, 1102, 0);
        seg(&c, B, F | K, 5101, 1102, 0);
        seg(&c, A, K, 1102, 5102, 0);
        ok &= finish(&c);
    }
    /* refused: SYN answered by RST,ACK (nobody listens) */
    if (!start(&c, argv[1], "refused", 0))
        return 1;
    seg(&c, A, S, 1000, 0, 0);
    seg(&c, B, R | K, 0, 1001, 0);
    ok &= finish(&c);

    /* departure: data after the FIN (RFC 9293 3.10.2 SEND in FIN-WAIT-1: connection closing) */
    if (!start(&c, argv[1], "data-after-fin", 0))
        return 1;
    handshake(&c);
    seg(&c, A, F | K, 1001, 5001, 0);
    seg(&c, B, K, 5001, 1002, 0);
    seg(&c, A, P | K, 1002, 5001, 10);
    ok &= finish(&c);

    /* departure: B acknowledges 50 bytes A never sent */
    if (!start(&c, argv[1], "ack-beyond-rcv-nxt", 0))
        return 1;
    handshake(&c);
    seg(&c, A, P | K, 1001, 5001, 100);
    seg(&c, B, K, 5001, 1151, 0);
    ok &= finish(&c);

    /* departure: a new SYN in ESTABLISHED */
    if (!start(&c, argv[1], "syn-in-established", 0))
        return 1;
    handshake(&c);
    seg(&c, A, S, 777777, 0, 0);
    ok &= finish(&c);

    /* departure: SYN,ACK that acknowledges the wrong sequence number */
    if (!start(&c, argv[1], "synack-wrong-ack", 0))
        return 1;
    seg(&c, A, S, 1000, 0, 0);
    seg(&c, B, S | K, 5000, 1002, 0);
    ok &= finish(&c);

    /* departure: FIN that skips data (the stream ends at 1101, the FIN says 1051) */
    if (!start(&c, argv[1], "fin-wrong-seq", 0))
        return 1;
    handshake(&c);
    seg(&c, A, P | K, 1001, 5001, 100);
    seg(&c, A, F | K, 1051, 5001, 0);
    ok &= finish(&c);

    /* departure: A resets, then keeps talking */
    if (!start(&c, argv[1], "data-after-rst", 0))
        return 1;
    handshake(&c);
    seg(&c, A, R, 1001, 0, 0);
    seg(&c, A, P | K, 1001, 5001, 10);
    ok &= finish(&c);

    /* departure: a RST far outside the sender's sequence space */
    if (!start(&c, argv[1], "rst-out-of-window", 0))
        return 1;
    handshake(&c);
    seg(&c, B, R, 9999999, 0, 0);
    ok &= finish(&c);

    /* not checked: the capture starts after the handshake */
    if (!start(&c, argv[1], "mid-connection", 0))
        return 1;
    seg(&c, A, P | K, 1001, 5001, 100);
    seg(&c, B, K, 5001, 1101, 0);
    ok &= finish(&c);

    /* a corrupted segment is skipped (and counted), the rest is accepted */
    if (!start(&c, argv[1], "bad-checksum", 0))
        return 1;
    handshake(&c);
    ok &= finish(&c);
    {
        char path[512];
        FILE *f;
        long size;
        unsigned char byte;
        snprintf(path, sizeof path, "%s/bad-checksum.pcap", argv[1]);
        f = fopen(path, "r+b");
        if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 1 || fseek(f, size - 1, SEEK_SET) != 0 ||
            fread(&byte, 1, 1, f) != 1 || fseek(f, size - 1, SEEK_SET) != 0) {
            ok = 0;
        } else {
            byte ^= 0x01; /* last byte of the last packet: its TCP header */
            if (fwrite(&byte, 1, 1, f) != 1)
                ok = 0;
        }
        if (f)
            fclose(f);
    }
    return ok ? 0 : 1;
}
