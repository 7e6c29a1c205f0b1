/* bench/corpus_diff.c: corpus/fuzz_diff/ inputs as concrete calls for the
 * benchmark's mixed stream. The inputs are selectors relative to the TCB's
 * current state (fuzz/diff_input.h), so they are decoded here with the
 * fuzz harness's own reader and selectors -- included, not copied, so that
 * the two can never disagree -- against the core TCB the recorder runs. */
#include "../fuzz/fuzz_diff.c"

#include "bench.h"

int bench_decode_diff(const uint8_t *data, size_t size, const tcpfsm_tcb *core,
                      bench_emit_fn emit, void *ctx)
{
    static const uint32_t iss_values[16] = DIFF_ISS_VALUES;
    reader r = {data, size, 0};
    tcpfsm_config cfg;
    int bad_config = -1;
    unsigned nev;

    decode_config(&r, &cfg);
    for (nev = 0; nev < DIFF_MAX_EVENTS && r.i < r.n; nev++) {
        uint8_t opcode = byte(&r);
        tcpfsm_config use = cfg;
        struct bench_call c;
        unsigned which;

        memset(&c, 0, sizeof c);
        if (bad_config >= 0) {
            break_config(&use, (uint8_t)bad_config);
            bad_config = -1;
        }
        switch (DIFF_OP_OF(opcode)) {
        case DIFF_OP_OPEN_PASSIVE: c.kind = BENCH_OPEN; break;
        case DIFF_OP_OPEN_ACTIVE:
            c.kind = BENCH_OPEN, c.arg = 1, c.n = iss_values[opcode >> 4];
            break;
        case DIFF_OP_SEND: c.kind = BENCH_SEND, c.n = send_selector(&r, &cfg); break;
        case DIFF_OP_RECEIVE: c.kind = BENCH_RECEIVE, c.n = receive_selector(&r, core); break;
        case DIFF_OP_CLOSE: c.kind = BENCH_CLOSE; break;
        case DIFF_OP_ABORT: c.kind = BENCH_ABORT; break;
        case DIFF_OP_TIMER_RTX:
        case DIFF_OP_TIMER_2MSL:
        case DIFF_OP_TIMER_USER:
        case DIFF_OP_TIMER_BAD:
            which = (unsigned)DIFF_OP_OF(opcode) - DIFF_OP_TIMER_RTX;
            if (which == 3)
                which += byte(&r);
            c.kind = BENCH_TIMER, c.arg = (uint8_t)which;
            break;
        case DIFF_OP_BAD_CONFIG:
            (void)config_op(&r, &cfg, &bad_config);
            continue;
        case DIFF_OP_MISUSE: {
            /* a call on a copy of the TCB or with a NULL pointer: not part of
             * the connection's stream; read its operands as the harness does */
            uint8_t k = byte(&r);
            if (DIFF_MISUSE_IS_PATCH(k)) { /* field/value pairs, then operands */
                unsigned i;
                uint32_t n;
                tcpfsm_segment seg;
                for (i = 0; i < 2u * DIFF_PATCH_PAIRS(k); i++)
                    (void)byte(&r);
                patch_operands(&r, k & 7u, core, &cfg, &n, &seg);
            }
            continue;
        }
        default: /* DIFF_OP_SEGMENT, DIFF_OP_INSEQ */
            c.kind = BENCH_SEGMENT;
            c.seg.flags = flags_byte(&r);
            if (DIFF_OP_OF(opcode) == DIFF_OP_SEGMENT) {
                c.seg.seq = seq_selector(&r, core, &cfg);
                c.seg.ack = seq_selector(&r, core, &cfg);
            } else {
                c.seg.seq = core->rcv_nxt;
                c.seg.ack = core->snd_nxt;
            }
            c.seg.wnd = wnd_selector(&r, core, &cfg);
            c.seg.len = len_selector(&r, core, &cfg);
            c.n = core->state == TCPFSM_LISTEN ? iss_values[opcode >> 4] : 0;
            break;
        }
        emit(ctx, c, &use);
    }
    return 1;
}
