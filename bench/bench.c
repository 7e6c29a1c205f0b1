/* bench/bench.c: nanoseconds per event for the core, the reference model
 * and a floor, on the same recorded event streams (make bench).
 *
 * An "event" is one input to a TCB: a user call, an arriving segment or a
 * timer that fired. Each stream is recorded once by running two endpoints
 * (A and B) on the core; the recording is a flat array of calls with every
 * argument fixed, so the core and the reference model replay exactly the
 * same inputs. The floor replays the machine events the core ran for those
 * inputs (its trace) through a precomputed chart-state x event next-state
 * table: the cost of the table lookups alone, with no sequence arithmetic,
 * no segment building and no output.
 *
 * Streams:
 *   handshake-close  a full connection per iteration: SYN, SYN-ACK, ACK,
 *                    FIN/ACK both ways, 2MSL timer; new ISS each time
 *   established      one connection, then a long exchange of data and ACKs
 *   mixed            the inputs of corpus/fuzz_diff/, decoded as the
 *                    differential fuzz harness decodes them (corpus_diff.c),
 *                    each on a fresh TCB; without that corpus, a
 *                    deterministic pseudo-random stream: user calls, timers,
 *                    segments delivered, lost, duplicated or corrupted
 *
 * Usage: bench [--runs N] [--stream NAME] [--engine core|ref|floor]
 *              [--corpus DIR] [--once]
 * --once runs each selected replay exactly once (for callgrind, whose
 * --toggle-collect=replay_<engine> then counts only the replay).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "tcpfsm.h"
#include "tcpfsm_machine.h"
#ifdef TCPFSM_BENCH_REF
#include "tcpfsm_ref.h"
#endif

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* A machine event of the core's trace, for the floor; FLOOR_RESET marks a
 * fresh TCB. */
struct machine_event {
    uint8_t endpoint, event;
};
#define FLOOR_RESET 255

struct stream {
    const char *name;
    struct bench_call *call;
    size_t count, cap;
    struct machine_event *ev;
    size_t ev_count, ev_cap;
    tcpfsm_config *cfg; /* the configs calls refer to */
    size_t cfg_count, cfg_cap;
};

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    *cap = *cap ? *cap * 2 : 1024;
    if (*cap < need)
        *cap = need;
    p = realloc(p, *cap * size);
    if (!p) {
        fprintf(stderr, "bench: out of memory\n");
        exit(2);
    }
    return p;
}

/* ---- replaying ------------------------------------------------------------ */

static tcpfsm_result core_call(tcpfsm_tcb *t, const tcpfsm_config *cfg,
                               const struct bench_call *c, tcpfsm_output *out)
{
    switch (c->kind) {
    case BENCH_OPEN:    return tcpfsm_open(t, cfg, c->arg, c->n, out);
    case BENCH_SEND:    return tcpfsm_send(t, cfg, c->n, out);
    case BENCH_RECEIVE: return tcpfsm_receive(t, cfg, c->n, out);
    case BENCH_CLOSE:   return tcpfsm_close(t, cfg, out);
    case BENCH_ABORT:   return tcpfsm_abort(t, cfg, out);
    case BENCH_SEGMENT: return tcpfsm_segment_arrives(t, cfg, &c->seg, c->n, out);
    case BENCH_TIMER:   return tcpfsm_timer_fired(t, cfg, (tcpfsm_timer)c->n, out);
    default:            tcpfsm_init(t); memset(out, 0, sizeof *out); return TCPFSM_OK;
    }
}

/* Each replay returns a checksum of what it produced, so that the compiler
 * cannot drop the work and so that a run can be compared with the next. */
NOINLINE static uint32_t replay_core(const struct stream *s)
{
    tcpfsm_tcb t[2];
    tcpfsm_output out;
    uint32_t sum = 0;
    size_t i;
    tcpfsm_init(&t[0]);
    tcpfsm_init(&t[1]);
    for (i = 0; i < s->count; i++) {
        const struct bench_call *c = &s->call[i];
        sum += (uint32_t)core_call(&t[c->endpoint], &s->cfg[c->cfg], c, &out);
        sum = sum * 31u + out.notify + out.segment_count;
    }
    return sum;
}

#ifdef TCPFSM_BENCH_REF
static tcpfsm_result ref_call(tcpfsm_ref_tcb *t, const tcpfsm_config *cfg,
                              const struct bench_call *c, tcpfsm_output *out)
{
    switch (c->kind) {
    case BENCH_OPEN:    return tcpfsm_ref_open(t, cfg, c->arg, c->n, out);
    case BENCH_SEND:    return tcpfsm_ref_send(t, cfg, c->n, out);
    case BENCH_RECEIVE: return tcpfsm_ref_receive(t, cfg, c->n, out);
    case BENCH_CLOSE:   return tcpfsm_ref_close(t, cfg, out);
    case BENCH_ABORT:   return tcpfsm_ref_abort(t, cfg, out);
    case BENCH_SEGMENT: return tcpfsm_ref_segment_arrives(t, cfg, &c->seg, c->n, out);
    case BENCH_TIMER:   return tcpfsm_ref_timer_fired(t, cfg, (tcpfsm_timer)c->n, out);
    default:            tcpfsm_ref_init(t); memset(out, 0, sizeof *out); return TCPFSM_OK;
    }
}

NOINLINE static uint32_t replay_ref(const struct stream *s)
{
    tcpfsm_ref_tcb t[2];
    tcpfsm_output out;
    uint32_t sum = 0;
    size_t i;
    tcpfsm_ref_init(&t[0]);
    tcpfsm_ref_init(&t[1]);
    for (i = 0; i < s->count; i++) {
        const struct bench_call *c = &s->call[i];
        sum += (uint32_t)ref_call(&t[c->endpoint], &s->cfg[c->cfg], c, &out);
        sum = sum * 31u + out.notify + out.segment_count;
    }
    return sum;
}
#endif

/* next_cs[chart state][event]: filled once from the generated machine, for
 * every chart state an RFC state maps to; FLOOR_RESET goes to CLOSED. */
static uint8_t next_cs[16][256];

static void floor_table_init(void)
{
    int state, passive, ev, act;
    for (state = 0; state < TCPFSM_STATE_COUNT; state++)
        for (passive = 0; passive < 2; passive++) {
            int cs = tcpfsm_machine_cs(state, passive);
            if (cs < 0 || cs >= 16)
                continue;
            for (ev = 0; ev < TCPFSM_EV_LIMIT; ev++) {
                int next = tcpfsm_machine_step(cs, (unsigned char)ev, &act);
                next_cs[cs][ev] = (uint8_t)(next < 0 ? 0 : next);
            }
            next_cs[cs][FLOOR_RESET] = (uint8_t)tcpfsm_machine_cs(TCPFSM_CLOSED, 0);
        }
}

NOINLINE static uint32_t replay_floor(const struct stream *s)
{
    uint8_t cs[2];
    uint32_t sum = 0;
    size_t i;
    cs[0] = cs[1] = (uint8_t)tcpfsm_machine_cs(TCPFSM_CLOSED, 0);
    for (i = 0; i < s->ev_count; i++) {
        const struct machine_event *e = &s->ev[i];
        cs[e->endpoint] = next_cs[cs[e->endpoint]][e->event];
        sum = sum * 31u + cs[e->endpoint];
    }
    return sum;
}

/* ---- recording -------------------------------------------------------------- */

#define QUEUE_CAP 256
struct queue {
    tcpfsm_segment seg[QUEUE_CAP];
    unsigned head, count;
};

/* Two endpoints on the core, the segments in flight each way, and what the
 * recorder does with them. */
struct world {
    tcpfsm_tcb t[2];
    tcpfsm_config cfg;      /* the config of the next call */
    struct queue q[2];      /* q[e]: segments travelling to endpoint e */
    int timer_armed[2][TCPFSM_TIMER_COUNT];
    int react;              /* RECEIVE delivered data, CLOSE on the peer's FIN */
    uint8_t floor_cs[2];    /* the floor's chart state, checked against the trace */
    uint32_t rng;
    struct stream *s;
};

static uint32_t rnd(struct world *w)
{
    uint32_t x = w->rng; /* xorshift32: the same stream on every machine */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return w->rng = x;
}

static void push(struct queue *q, const tcpfsm_segment *seg)
{
    if (q->count == QUEUE_CAP)
        return; /* a full link drops: fine for a recording */
    q->seg[(q->head + q->count++) % QUEUE_CAP] = *seg;
}

static int pop(struct queue *q, tcpfsm_segment *seg)
{
    if (!q->count)
        return 0;
    *seg = q->seg[q->head];
    q->head = (q->head + 1) % QUEUE_CAP;
    q->count--;
    return 1;
}

static void user(struct world *w, int e, int kind, int arg, uint32_t n);
static unsigned long floor_mismatches;

/* Run one call on the core, record it and its trace, and do what the
 * output asks: carry the segments, keep the timers, read delivered data. */
static void act(struct world *w, int e, struct bench_call c)
{
    struct stream *s = w->s;
    tcpfsm_output out;
    int i;
    if (!s->cfg_count || memcmp(&s->cfg[s->cfg_count - 1], &w->cfg, sizeof w->cfg)) {
        s->cfg = grow(s->cfg, &s->cfg_cap, s->cfg_count + 1, sizeof *s->cfg);
        s->cfg[s->cfg_count++] = w->cfg;
    }
    c.endpoint = (uint8_t)e;
    c.cfg = (uint32_t)(s->cfg_count - 1);
    core_call(&w->t[e], &w->cfg, &c, &out);
    s->call = grow(s->call, &s->cap, s->count + 1, sizeof *s->call);
    s->call[s->count++] = c;
    s->ev = grow(s->ev, &s->ev_cap, s->ev_count + out.event_count + 1, sizeof *s->ev);
    if (c.kind == BENCH_RESET) {
        s->ev[s->ev_count].endpoint = (uint8_t)e;
        s->ev[s->ev_count++].event = FLOOR_RESET;
    }
    for (i = 0; i < out.event_count; i++) {
        s->ev[s->ev_count].endpoint = (uint8_t)e;
        s->ev[s->ev_count++].event = out.event[i];
    }
    /* The floor must follow the core state for state, or it is not the
     * same work: check it on the recording. */
    if (c.kind == BENCH_RESET)
        w->floor_cs[e] = next_cs[w->floor_cs[e]][FLOOR_RESET];
    for (i = 0; i < out.event_count; i++) {
        w->floor_cs[e] = next_cs[w->floor_cs[e]][out.event[i]];
        if (tcpfsm_machine_state(w->floor_cs[e]) != out.state_after[i])
            floor_mismatches++;
    }
    for (i = 0; i < out.segment_count; i++)
        push(&w->q[!e], &out.segment[i]);
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        if (out.timer[i].op != TCPFSM_TIMER_KEEP)
            w->timer_armed[e][i] = out.timer[i].op == TCPFSM_TIMER_ARM;
    if (w->react && (out.notify & TCPFSM_N_DATA) && out.rcv_len)
        user(w, e, BENCH_RECEIVE, 0, out.rcv_len);
    if (w->react && (out.notify & TCPFSM_N_REMOTE_CLOSE))
        user(w, e, BENCH_CLOSE, 0, 0);
}

static void user(struct world *w, int e, int kind, int arg, uint32_t n)
{
    struct bench_call c;
    memset(&c, 0, sizeof c);
    c.kind = (uint8_t)kind;
    c.arg = (uint8_t)arg;
    c.n = n;
    act(w, e, c);
}

static int deliver_one(struct world *w, int e)
{
    struct bench_call c;
    memset(&c, 0, sizeof c);
    if (!pop(&w->q[e], &c.seg))
        return 0;
    c.kind = BENCH_SEGMENT;
    c.n = 0x10000000u + (uint32_t)w->s->count * 64000u; /* ISS, used in LISTEN */
    act(w, e, c);
    return 1;
}

/* Deliver until both links are empty; then fire the armed TIME-WAIT timers. */
static void pump(struct world *w)
{
    int e;
    for (;;) {
        while (deliver_one(w, 0) | deliver_one(w, 1))
            ;
        for (e = 0; e < 2; e++)
            if (w->timer_armed[e][TCPFSM_TIMER_TIME_WAIT]) {
                user(w, e, BENCH_TIMER, 0, TCPFSM_TIMER_TIME_WAIT);
                break;
            }
        if (e == 2)
            return;
    }
}

static void world_init(struct world *w, struct stream *s, const char *name)
{
    memset(w, 0, sizeof *w);
    memset(s, 0, sizeof *s);
    s->name = name;
    w->s = s;
    tcpfsm_config_default(&w->cfg);
    tcpfsm_init(&w->t[0]);
    tcpfsm_init(&w->t[1]);
    w->react = 1;
    w->rng = 0x9E3779B9u;
    w->floor_cs[0] = w->floor_cs[1] = (uint8_t)tcpfsm_machine_cs(TCPFSM_CLOSED, 0);
}

static void connect_pair(struct world *w, uint32_t iss)
{
    user(w, 1, BENCH_OPEN, 0, 0);   /* B listens */
    user(w, 0, BENCH_OPEN, 1, iss); /* A connects */
    pump(w);
}

static void record_handshake_close(struct stream *s, int connections)
{
    struct world w;
    int i;
    world_init(&w, s, "handshake-close");
    for (i = 0; i < connections; i++) {
        connect_pair(&w, 1000u + (uint32_t)i * 2654435761u);
        user(&w, 0, BENCH_CLOSE, 0, 0);
        pump(&w);
    }
}

static void record_established(struct stream *s, int rounds)
{
    struct world w;
    int i;
    world_init(&w, s, "established");
    connect_pair(&w, 0xFFFF0000u); /* sequence numbers wrap during the run */
    for (i = 0; i < rounds; i++) {
        user(&w, 0, BENCH_SEND, 0, w.cfg.mss);
        if (i % 4 == 3)
            user(&w, 1, BENCH_SEND, 0, 100);
        pump(&w);
    }
    user(&w, 0, BENCH_CLOSE, 0, 0);
    pump(&w);
}

/* A segment near what the receiver expects, sometimes far off. */
static void corrupt(struct world *w, tcpfsm_segment *seg)
{
    switch (rnd(w) % 6) {
    case 0: seg->seq += rnd(w) % 2000 - 1000; break;
    case 1: seg->ack += rnd(w) % 2000 - 1000; break;
    case 2: seg->flags = (uint8_t)(rnd(w) & TCPFSM_FLAGS_MASK); break;
    case 3: seg->wnd = rnd(w) % 3 == 0 ? 0 : rnd(w) % 70000; break;
    case 4: seg->seq = rnd(w); seg->ack = rnd(w); break;
    default: seg->len = rnd(w) % 1500; break;
    }
}

static void record_mixed_random(struct stream *s, int steps)
{
    struct world w;
    int i;
    world_init(&w, s, "mixed");
    w.react = 0;
    for (i = 0; i < steps; i++) {
        int e = (int)(rnd(&w) & 1);
        uint32_t r = rnd(&w) % 100;
        tcpfsm_segment seg;
        if (r < 45) {
            deliver_one(&w, e);
        } else if (r < 55 && pop(&w.q[e], &seg)) { /* lost, duplicated or corrupted */
            uint32_t how = rnd(&w) % 3;
            if (how)
                push(&w.q[e], &seg);
            if (how == 2) {
                corrupt(&w, &seg);
                push(&w.q[e], &seg);
            }
        } else if (r < 62) {
            user(&w, e, BENCH_OPEN, (int)(rnd(&w) & 1), rnd(&w));
        } else if (r < 74) {
            user(&w, e, BENCH_SEND, 0, rnd(&w) % 3000);
        } else if (r < 80) {
            user(&w, e, BENCH_RECEIVE, 0,
                 w.t[e].rcv_unread ? rnd(&w) % (w.t[e].rcv_unread + 1) : 0);
        } else if (r < 86) {
            user(&w, e, BENCH_CLOSE, 0, 0);
        } else if (r < 88) {
            user(&w, e, BENCH_ABORT, 0, 0);
        } else {
            user(&w, e, BENCH_TIMER, 0, rnd(&w) % TCPFSM_TIMER_COUNT);
        }
    }
}

/* The corpus reader hands over one decoded input at a time. */
static void emit_corpus_call(void *ctx, struct bench_call c, const tcpfsm_config *cfg)
{
    struct world *w = ctx;
    w->cfg = *cfg;
    act(w, 0, c);
}

/* Every file of corpus/fuzz_diff/ in name order, each on a fresh TCB (the
 * harness runs each input on one TCB against the reference model). */
static size_t record_corpus(struct stream *s, const char *dir)
{
    struct world w;
    struct dirent **names;
    int n, i;
    size_t files = 0;
    world_init(&w, s, "mixed");
    w.react = 0;
    n = scandir(dir, &names, NULL, alphasort);
    for (i = 0; i < n; i++) {
        char path[4096];
        static uint8_t data[1 << 16];
        size_t size;
        FILE *f;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && (f = fopen(path, "rb")) != NULL) {
            size = fread(data, 1, sizeof data, f);
            fclose(f);
            user(&w, 0, BENCH_RESET, 0, 0);
            files += (size_t)bench_decode_diff(data, size, &w.t[0], emit_corpus_call, &w);
        }
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    return files;
}

#ifndef TCPFSM_BENCH_CORPUS
int bench_decode_diff(const uint8_t *data, size_t size, const tcpfsm_tcb *core,
                      bench_emit_fn emit, void *ctx)
{
    (void)data, (void)size, (void)core, (void)emit, (void)ctx;
    return 0;
}
#endif

/* ---- timing --------------------------------------------------------------- */

typedef uint32_t (*replay_fn)(const struct stream *);

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static volatile uint32_t sink;

/* Median over `runs` of the ns per event of one replay; each run repeats the
 * replay until it has lasted at least 20 ms. */
static double measure(replay_fn fn, const struct stream *s, int runs)
{
    double ns[64];
    int r;
    long reps = 1;
    double t0, t;
    if (runs > 64)
        runs = 64;
    for (;;) { /* calibrate */
        long k;
        t0 = now_ns();
        for (k = 0; k < reps; k++)
            sink += fn(s);
        t = now_ns() - t0;
        if (t >= 20e6 || reps >= (1L << 20))
            break;
        reps *= 2;
    }
    for (r = 0; r < runs; r++) {
        long k;
        t0 = now_ns();
        for (k = 0; k < reps; k++)
            sink += fn(s);
        ns[r] = (now_ns() - t0) / (double)reps / (double)s->count;
    }
    qsort(ns, (size_t)runs, sizeof ns[0], cmp_double);
    return runs % 2 ? ns[runs / 2] : (ns[runs / 2 - 1] + ns[runs / 2]) / 2;
}

int main(int argc, char **argv)
{
    struct stream streams[3];
    const char *only_stream = NULL, *only_engine = NULL, *corpus = "corpus/fuzz_diff";
    int runs = 9, once = 0, i;
    size_t corpus_files;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--stream") && i + 1 < argc)
            only_stream = argv[++i];
        else if (!strcmp(argv[i], "--engine") && i + 1 < argc)
            only_engine = argv[++i];
        else if (!strcmp(argv[i], "--corpus") && i + 1 < argc)
            corpus = argv[++i];
        else if (!strcmp(argv[i], "--once"))
            once = 1;
        else {
            fprintf(stderr, "usage: bench [--runs N] [--stream NAME] [--engine core|ref|floor] "
                            "[--corpus DIR] [--once]\n");
            return 2;
        }
    }
    if (runs < 1)
        runs = 1;

    floor_table_init();
    record_handshake_close(&streams[0], 2000);
    record_established(&streams[1], 20000);
    corpus_files = record_corpus(&streams[2], corpus);
    if (corpus_files < 10 || streams[2].count < 1000) { /* too little to measure */
        free(streams[2].call);
        free(streams[2].ev);
        free(streams[2].cfg);
        record_mixed_random(&streams[2], 40000);
        corpus_files = 0;
    }

    if (floor_mismatches)
        printf("bench: WARNING: the floor table left the core's trace %lu times\n",
               floor_mismatches);
    if (!once) {
        printf("bench: median of %d runs; ns per event (one user call, segment or timer)\n", runs);
        if (corpus_files)
            printf("mixed stream: %zu inputs of %s\n", corpus_files, corpus);
        else
            printf("mixed stream: deterministic pseudo-random (xorshift32), no usable %s\n", corpus);
        printf("%-16s %8s %8s %8s %9s %9s %10s\n", "stream", "events", "core", "ref",
               "floor", "core/ref", "core/floor");
    }
    for (i = 0; i < 3; i++) {
        const struct stream *s = &streams[i];
        double core, ref = 0, floor;
        if (only_stream && strcmp(only_stream, s->name))
            continue;
        if (once) {
            if (!only_engine || !strcmp(only_engine, "core"))
                sink += replay_core(s);
#ifdef TCPFSM_BENCH_REF
            if (!only_engine || !strcmp(only_engine, "ref"))
                sink += replay_ref(s);
#endif
            if (!only_engine || !strcmp(only_engine, "floor"))
                sink += replay_floor(s);
            printf("%s %zu events %zu machine events\n", s->name, s->count, s->ev_count);
            continue;
        }
        core = measure(replay_core, s, runs);
#ifdef TCPFSM_BENCH_REF
        ref = measure(replay_ref, s, runs);
#endif
        floor = measure(replay_floor, s, runs);
        if (ref > 0)
            printf("%-16s %8zu %8.1f %8.1f %8.2f %9.2f %10.1f\n", s->name, s->count, core, ref,
                   floor, core / ref, core / floor);
        else
            printf("%-16s %8zu %8.1f %8s %8.2f %9s %10.1f\n", s->name, s->count, core, "-",
                   floor, "-", core / floor);
    }
    for (i = 0; i < 3; i++) {
        free(streams[i].call);
        free(streams[i].ev);
        free(streams[i].cfg);
    }
    return 0;
}
