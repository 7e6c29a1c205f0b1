/* A pcap writer (the classic libpcap file format, microsecond timestamps,
 * link type 101 = raw IPv4/IPv6), written by hand so that it works without
 * libpcap's dumper and byte for byte the same everywhere. */
#include "wire_pcap.h"

static void put32(uint8_t *p, uint32_t v)
{
    /* the file is little-endian: readers detect the order from the magic */
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

FILE *wire_pcap_create(const char *path)
{
    uint8_t h[24];
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    put32(h, 0xa1b2c3d4u);
    h[4] = 2; h[5] = 0; /* version 2.4 */
    h[6] = 4; h[7] = 0;
    put32(h + 8, 0);       /* thiszone */
    put32(h + 12, 0);      /* sigfigs */
    put32(h + 16, 262144); /* snaplen */
    put32(h + 20, 101);    /* LINKTYPE_RAW */
    if (fwrite(h, 1, sizeof h, f) != sizeof h) {
        fclose(f);
        return NULL;
    }
    return f;
}

int wire_pcap_write(FILE *f, const uint8_t *pkt, size_t len, uint64_t ts_us)
{
    uint8_t h[16];
    put32(h, (uint32_t)(ts_us / 1000000u));
    put32(h + 4, (uint32_t)(ts_us % 1000000u));
    put32(h + 8, (uint32_t)len);
    put32(h + 12, (uint32_t)len);
    if (fwrite(h, 1, sizeof h, f) != sizeof h || fwrite(pkt, 1, len, f) != len)
        return -1;
    return 0;
}
