/* Target Functions: tcpfsm_wire_decode, tcpfsm_wire_parse_options,
 * tcpfsm_wire_to_segment, tcpfsm_wire_encode (src/tcpfsm_wire.c).
 *
 * Any byte string goes through the decoder with and without checksum
 * checks, and straight into the option parser. A packet that decodes must
 * re-encode to a packet that decodes to the same fields and payload; the
 * payload the decoder reports must lie inside the input. Deterministic. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tcpfsm_wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const uint8_t *data, size_t size, const tcpfsm_wire_packet *p)
{
    static uint8_t out[TCPFSM_WIRE_MAX_PACKET];
    tcpfsm_wire_packet q;
    tcpfsm_segment seg;
    size_t n = 0;
    if (p->payload_offset + (size_t)p->payload_len > size)
        abort();
    if (p->data_offset < 5 || p->data_offset > 15 || (p->ip_version != 4 && p->ip_version != 6))
        abort();
    tcpfsm_wire_to_segment(p, 14, &seg);
    if (seg.wnd > TCPFSM_MAX_WINDOW || seg.len != p->payload_len || (seg.flags & ~TCPFSM_FLAGS_MASK))
        abort();
    if (tcpfsm_wire_encode(p, data + p->payload_offset, p->payload_len, out, sizeof out, &n) !=
        TCPFSM_WIRE_OK)
        return; /* an IPv4 packet whose IPv6-style addresses or options do not fit: fine */
    if (tcpfsm_wire_decode(out, n, 0, &q) != TCPFSM_WIRE_OK)
        abort();
    if (q.seq != p->seq || q.ack != p->ack || q.flags != p->flags || q.window != p->window ||
        q.src_port != p->src_port || q.dst_port != p->dst_port || q.payload_len != p->payload_len ||
        q.opt.has_mss != p->opt.has_mss || q.opt.mss != p->opt.mss ||
        q.opt.has_timestamps != p->opt.has_timestamps || q.opt.ts_val != p->opt.ts_val ||
        q.opt.has_wscale != p->opt.has_wscale || q.opt.wscale != p->opt.wscale ||
        q.opt.sack_permitted != p->opt.sack_permitted ||
        memcmp(out + q.payload_offset, data + p->payload_offset, p->payload_len) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tcpfsm_wire_packet p;
    tcpfsm_wire_options o;
    tcpfsm_wire_error e;

    e = tcpfsm_wire_decode(data, size, 0, &p);
    if ((int)e < 0 || e >= TCPFSM_WIRE_ERROR_COUNT)
        abort();
    if (e == TCPFSM_WIRE_OK)
        check_round_trip(data, size, &p);
    e = tcpfsm_wire_decode(data, size, TCPFSM_WIRE_NO_CHECKSUM, &p);
    if (e == TCPFSM_WIRE_OK)
        check_round_trip(data, size, &p);
    e = tcpfsm_wire_parse_options(data, size < TCPFSM_WIRE_MAX_OPTIONS ? size : TCPFSM_WIRE_MAX_OPTIONS, &o);
    if ((int)e < 0 || e >= TCPFSM_WIRE_ERROR_COUNT)
        abort();
    return 0;
}
