/* bench/bench.h: the recorded input of bench/bench.c, shared with the
 * corpus reader bench/corpus_diff.c. */
#ifndef TCPFSM_BENCH_H
#define TCPFSM_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "tcpfsm.h"

enum bench_call_kind {
    BENCH_OPEN, BENCH_SEND, BENCH_RECEIVE, BENCH_CLOSE, BENCH_ABORT, BENCH_SEGMENT,
    BENCH_TIMER,
    BENCH_RESET /* a fresh TCB (tcpfsm_init): between corpus files */
};

/* One input to one TCB. `arg` is `active` for OPEN and the timer for TIMER;
 * `n` is the ISS for OPEN and SEGMENT, the byte count for SEND and RECEIVE. */
struct bench_call {
    uint8_t endpoint, kind, arg;
    uint32_t n;
    uint32_t cfg; /* index into the stream's configs */
    tcpfsm_segment seg;
};

/* Called by the corpus reader for each input it decodes, with the config
 * that input runs under; the callee runs it on the core, so the TCB passed
 * to bench_decode_diff is up to date when the reader reads it again. */
typedef void (*bench_emit_fn)(void *ctx, struct bench_call c, const tcpfsm_config *cfg);

/* Decode one corpus/fuzz_diff input the way fuzz/fuzz_diff.c does; 0 if
 * the reader was not built in. */
int bench_decode_diff(const uint8_t *data, size_t size, const tcpfsm_tcb *core,
                      bench_emit_fn emit, void *ctx);

#endif
