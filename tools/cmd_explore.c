/* tcpfsm explore: every interleaving of two endpoints, breadth-first.
 *
 * Two TCBs driven by the real core (libtcpfsm), a channel each way that can
 * lose, duplicate and reorder within budgets, user calls at any moment within
 * budgets, and every armed timer allowed to fire. The transition relation is
 * xstate_step (explore_step.c). See docs/explore.md for what is checked and
 * what the bounds mean.
 *
 * States are stored once, as a canonical byte encoding (sequence numbers
 * relative to each side's fixed ISS), in an arena; an open-addressing hash
 * table of state numbers finds duplicates; the arena order is the BFS queue.
 * With --swap, a state and its mirror image (A and B exchanged) are one
 * state: that needs the same ISS on both sides. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "commands.h"
#include "explore.h"

/* ---- canonical encoding ------------------------------------------------------ */

#define ENC_MAX 512

/* Unsigned LEB128: relative sequence numbers, windows and counters are
 * mostly small, so a state takes about a third of its fixed-width size. */
static uint8_t *put32(uint8_t *p, uint32_t v)
{
    while (v >= 0x80u) {
        *p++ = (uint8_t)(v | 0x80u);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

static const uint8_t *get32(const uint8_t *p, uint32_t *v)
{
    uint32_t x = 0;
    int shift = 0;
    while (*p & 0x80u) {
        x |= (uint32_t)(*p++ & 0x7Fu) << shift;
        shift += 7;
    }
    *v = x | (uint32_t)*p++ << shift;
    return p;
}

/* Relative to: own ISS (o), peer's ISS (r), or absolute (0). */
static size_t encode(const xopts *o, const xstate *s, uint8_t *buf)
{
    uint8_t *p = buf;
    int i, k;
    for (i = 0; i < 2; i++) {
        const xside *x = &s->side[i];
        const tcpfsm_tcb *t = &x->tcb;
        uint32_t own = o->iss[i], peer = o->iss[1 - i];
        p = put32(p, t->iss - own);
        p = put32(p, t->irs - peer);
        p = put32(p, t->snd_una - own);
        p = put32(p, t->snd_nxt - own);
        p = put32(p, t->snd_wnd);
        p = put32(p, t->snd_wl1 - peer);
        p = put32(p, t->snd_wl2 - own);
        p = put32(p, t->max_snd_wnd);
        p = put32(p, t->rcv_nxt - peer);
        p = put32(p, t->rcv_wnd);
        p = put32(p, t->snd_queued);
        p = put32(p, t->rcv_unread);
        p = put32(p, t->rto_ms);
        /* text held from the peer's SYN (N_HOLD): a TCB field like the rest,
         * so states that differ in it stay apart. `reserved` is not kept: it
         * is always zero (tcpfsm_tcb_check rejects anything else). */
        p = put32(p, t->syn_text);
        *p++ = t->state;
        *p++ = (uint8_t)(t->passive | t->close_queued << 1 | t->fin_sent << 2 | t->fin_rcvd << 3 |
                         t->timing << 4 | t->syn_unacked << 5);
        *p++ = t->retries;
        *p++ = t->error;
        *p++ = x->timers;
        *p++ = x->opens;
        *p++ = x->sends;
        *p++ = x->closes;
        *p++ = x->aborts;
        *p++ = x->outcome;
        *p++ = x->passive;
        p = put32(p, x->got);
    }
    for (i = 0; i < 2; i++) {
        const xchan *c = &s->chan[i];
        *p++ = c->n;
        for (k = 0; k < c->n; k++) {
            p = put32(p, c->s[k].seq - o->iss[i]);
            p = put32(p, c->s[k].ack - o->iss[1 - i]);
            p = put32(p, c->s[k].wnd);
            p = put32(p, c->s[k].len);
            *p++ = c->s[k].flags;
        }
    }
    *p++ = s->loss;
    *p++ = s->dup;
    *p++ = s->reorder;
    *p++ = s->plant;
    *p++ = s->cause;
    *p++ = s->cut;
    return (size_t)(p - buf);
}

static void decode(const xopts *o, const uint8_t *p, xstate *s)
{
    int i, k;
    uint32_t v;
    memset(s, 0, sizeof *s);
    for (i = 0; i < 2; i++) {
        xside *x = &s->side[i];
        tcpfsm_tcb *t = &x->tcb;
        uint32_t own = o->iss[i], peer = o->iss[1 - i];
        p = get32(p, &v); t->iss = v + own;
        p = get32(p, &v); t->irs = v + peer;
        p = get32(p, &v); t->snd_una = v + own;
        p = get32(p, &v); t->snd_nxt = v + own;
        p = get32(p, &t->snd_wnd);
        p = get32(p, &v); t->snd_wl1 = v + peer;
        p = get32(p, &v); t->snd_wl2 = v + own;
        p = get32(p, &t->max_snd_wnd);
        p = get32(p, &v); t->rcv_nxt = v + peer;
        p = get32(p, &t->rcv_wnd);
        p = get32(p, &t->snd_queued);
        p = get32(p, &t->rcv_unread);
        p = get32(p, &t->rto_ms);
        p = get32(p, &v); t->syn_text = (uint16_t)v;
        t->state = *p++;
        t->passive = *p & 1u;
        t->close_queued = (*p >> 1) & 1u;
        t->fin_sent = (*p >> 2) & 1u;
        t->fin_rcvd = (*p >> 3) & 1u;
        t->timing = (*p >> 4) & 1u;
        t->syn_unacked = (*p >> 5) & 1u;
        p++;
        t->retries = *p++;
        t->error = *p++;
        x->timers = *p++;
        x->opens = *p++;
        x->sends = *p++;
        x->closes = *p++;
        x->aborts = *p++;
        x->outcome = *p++;
        x->passive = *p++;
        p = get32(p, &x->got);
    }
    for (i = 0; i < 2; i++) {
        xchan *c = &s->chan[i];
        c->n = *p++;
        for (k = 0; k < c->n; k++) {
            p = get32(p, &v); c->s[k].seq = v + o->iss[i];
            p = get32(p, &v); c->s[k].ack = v + o->iss[1 - i];
            p = get32(p, &c->s[k].wnd);
            p = get32(p, &c->s[k].len);
            c->s[k].flags = *p++;
        }
    }
    s->loss = *p++;
    s->dup = *p++;
    s->reorder = *p++;
    s->plant = *p++;
    s->cause = *p++;
    s->cut = *p++;
}

/* Canonical form: with --swap, the smaller of the state and its mirror. */
static size_t canonical(const xopts *o, const xstate *s, uint8_t *buf, int *flipped)
{
    size_t n = encode(o, s, buf), m;
    uint8_t alt[ENC_MAX];
    xstate w;
    *flipped = 0;
    if (!o->swap) return n;
    w = *s;
    xstate_swap(&w);
    m = encode(o, &w, alt);
    if (m < n || (m == n && memcmp(alt, buf, n) < 0)) {
        memcpy(buf, alt, m);
        *flipped = 1;
        return m;
    }
    return n;
}

/* ---- the state store ---------------------------------------------------------- */

typedef struct store {
    uint8_t *arena;
    size_t arena_len, arena_cap;
    uint64_t *off;          /* state i is arena[off[i] .. off[i+1]) */
    uint32_t *parent;       /* BFS tree */
    uint32_t *via;          /* event from parent's representative */
    uint8_t *flip;          /* representative is the mirror of what parent's event made */
    uint16_t *depth;
    uint32_t count, cap;
    uint32_t *table;        /* 0 empty, else state number + 1 */
    uint64_t tmask;
    /* edges, in BFS (source) order: for the cycle search */
    uint32_t *edge_dst, *edge_ev;
    uint8_t *edge_flip;     /* bit 0: flip; bit 1: a fault-free step (see progress) */
    uint64_t *edge_start;   /* per state: first edge */
    uint8_t *good;          /* progress: a quiescent state is reachable fault-free */
    uint64_t edges, edge_cap;
} store;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "tcpfsm explore: out of memory (%lu bytes)\n", (unsigned long)n);
        exit(3);
    }
    return q;
}

static uint64_t hash_bytes(const uint8_t *p, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a, then a final mix */
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static void store_init(store *st)
{
    memset(st, 0, sizeof *st);
    st->tmask = (1u << 16) - 1;
    st->table = xrealloc(NULL, (st->tmask + 1) * sizeof *st->table);
    memset(st->table, 0, (st->tmask + 1) * sizeof *st->table);
}

static void store_free(store *st)
{
    free(st->arena); free(st->off); free(st->parent); free(st->via); free(st->flip);
    free(st->depth); free(st->table); free(st->edge_dst); free(st->edge_ev);
    free(st->edge_flip); free(st->edge_start); free(st->good);
}

static const uint8_t *state_bytes(const store *st, uint32_t i, size_t *n)
{
    *n = (size_t)(st->off[i + 1] - st->off[i]);
    return st->arena + st->off[i];
}

static void table_grow(store *st)
{
    uint64_t newmask = st->tmask * 2 + 1, i;
    uint32_t *t = xrealloc(NULL, (newmask + 1) * sizeof *t);
    memset(t, 0, (newmask + 1) * sizeof *t);
    for (i = 0; i < st->count; i++) {
        size_t n;
        const uint8_t *b = state_bytes(st, (uint32_t)i, &n);
        uint64_t h = hash_bytes(b, n) & newmask;
        while (t[h]) h = (h + 1) & newmask;
        t[h] = (uint32_t)i + 1;
    }
    free(st->table);
    st->table = t;
    st->tmask = newmask;
}

/* Find or add; *is_new says which. */
static uint32_t store_intern(store *st, const uint8_t *b, size_t n, int *is_new)
{
    uint64_t h;
    if ((uint64_t)(st->count + 1) * 2 > st->tmask) table_grow(st);
    h = hash_bytes(b, n) & st->tmask;
    while (st->table[h]) {
        uint32_t id = st->table[h] - 1;
        size_t m;
        const uint8_t *c = state_bytes(st, id, &m);
        if (m == n && !memcmp(b, c, n)) {
            *is_new = 0;
            return id;
        }
        h = (h + 1) & st->tmask;
    }
    if (st->count + 2 > st->cap) {
        st->cap = st->cap ? st->cap * 2 : 4096;
        st->off = xrealloc(st->off, (st->cap + 1) * sizeof *st->off);
        st->parent = xrealloc(st->parent, st->cap * sizeof *st->parent);
        st->via = xrealloc(st->via, st->cap * sizeof *st->via);
        st->flip = xrealloc(st->flip, st->cap * sizeof *st->flip);
        st->depth = xrealloc(st->depth, st->cap * sizeof *st->depth);
        st->edge_start = xrealloc(st->edge_start, (st->cap + 1) * sizeof *st->edge_start);
    }
    while (st->arena_len + n > st->arena_cap) {
        st->arena_cap = st->arena_cap ? st->arena_cap * 2 : (1u << 20);
        st->arena = xrealloc(st->arena, st->arena_cap);
    }
    if (st->count == 0) st->off[0] = 0;
    memcpy(st->arena + st->arena_len, b, n);
    st->arena_len += n;
    st->off[st->count + 1] = st->arena_len;
    st->table[h] = st->count + 1;
    *is_new = 1;
    return st->count++;
}

static void store_edge(store *st, uint32_t dst, uint32_t ev, int flip)
{
    if (st->edges == st->edge_cap) {
        st->edge_cap = st->edge_cap ? st->edge_cap * 2 : (1u << 16);
        st->edge_dst = xrealloc(st->edge_dst, st->edge_cap * sizeof *st->edge_dst);
        st->edge_ev = xrealloc(st->edge_ev, st->edge_cap * sizeof *st->edge_ev);
        st->edge_flip = xrealloc(st->edge_flip, st->edge_cap);
    }
    st->edge_dst[st->edges] = dst;
    st->edge_ev[st->edges] = ev;
    st->edge_flip[st->edges] = (uint8_t)flip; /* may carry bit 1 */
    st->edges++;
}

/* ---- checks ------------------------------------------------------------------- */

enum {
    V_DEADLOCK, V_LIVELOCK, V_PROGRESS, V_AGREEMENT, V_RESET, V_TCB, V_REJECTED, V_DATA, V_COUNT
};
static const char *const v_name[V_COUNT] = {
    "deadlock", "livelock", "no-progress", "agreement", "reset-without-cause", "tcb-check",
    "rejected-call", "data-order",
};
static const char *const v_text[V_COUNT] = {
    "no event can happen (channels empty, no timer armed) and the pair of states is not quiescent",
    "a cycle of deliveries and RECEIVEs on which no timer is armed: it repeats forever under fair delivery",
    ("no fault and no retransmission so far, yet no run of in-order deliveries, retransmissions\n"
     "  and RECEIVEs reaches a quiescent state: the ends can only time out (judged with --retries >= 1)"),
    "both ends synchronized, channels empty, and SND.UNA =< peer's RCV.NXT =< SND.NXT fails",
    "one end closed gracefully, the other was reset, and no ABORT, loss or timeout happened",
    "tcpfsm_tcb_check() fails",
    "the core answered a call with INVALID_TCB or INVALID_ARGUMENT",
    "data delivered out of stream order (N_DATA offset is not the next byte)",
};

typedef struct found {
    long count;
    uint32_t state;      /* where it shows (for edge checks: the parent) */
    uint32_t ev;         /* for edge checks: the event from that state, else 0 */
    int flip;
    uint32_t cycle_to;   /* livelock: a state on the cycle */
    char note[160];
} found;

typedef struct result {
    long states, transitions, cut, half_open, quiescent;
    long storms;            /* cycles a timer can leave: warnings */
    uint32_t storm_state;
    int max_depth;
    double seconds;
    found v[V_COUNT];
    int truncated;
    uint32_t first_unexpanded; /* with truncated: states from here have no edges */
} result;

static int synchronized(int state)
{
    return state >= TCPFSM_ESTABLISHED;
}

static int quiescent_pair(const xstate *s)
{
    int a = s->side[0].tcb.state, b = s->side[1].tcb.state;
    int i;
    for (i = 0; i < 2; i++)
        if (s->side[i].tcb.snd_queued) return 0;
    if ((a == TCPFSM_CLOSED || a == TCPFSM_LISTEN) && (b == TCPFSM_CLOSED || b == TCPFSM_LISTEN))
        return 1;
    if (a == TCPFSM_ESTABLISHED && b == TCPFSM_ESTABLISHED) return 1;
    /* half-closed, waiting for the CLOSE-WAIT side's user to CLOSE */
    if ((a == TCPFSM_FIN_WAIT_2 && b == TCPFSM_CLOSE_WAIT) || (a == TCPFSM_CLOSE_WAIT && b == TCPFSM_FIN_WAIT_2))
        return 1;
    return 0;
}

static void note_violation(result *r, int kind, uint32_t state, uint32_t ev, int flip, const char *note)
{
    found *f = &r->v[kind];
    if (f->count++ == 0) {
        f->state = state;
        f->ev = ev;
        f->flip = flip;
        snprintf(f->note, sizeof f->note, "%s", note ? note : "");
    }
}

static void check_state(const xopts *o, const xstate *s, uint32_t id, result *r)
{
    int i;
    char note[160];
    (void)o;
    for (i = 0; i < 2; i++) {
        if (!tcpfsm_tcb_check(&s->side[i].tcb)) {
            snprintf(note, sizeof note, "TCB of %c", 'A' + i);
            note_violation(r, V_TCB, id, 0, 0, note);
        }
    }
    if (synchronized(s->side[0].tcb.state) && synchronized(s->side[1].tcb.state) &&
        s->chan[0].n == 0 && s->chan[1].n == 0) {
        for (i = 0; i < 2; i++) {
            const tcpfsm_tcb *me = &s->side[i].tcb, *peer = &s->side[1 - i].tcb;
            if (!x_seq_le(me->snd_una, peer->rcv_nxt) || !x_seq_le(peer->rcv_nxt, me->snd_nxt)) {
                snprintf(note, sizeof note, "%c: SND.UNA=%lu SND.NXT=%lu, %c: RCV.NXT=%lu", 'A' + i,
                         (unsigned long)me->snd_una, (unsigned long)me->snd_nxt, 'B' - i,
                         (unsigned long)peer->rcv_nxt);
                note_violation(r, V_AGREEMENT, id, 0, 0, note);
                break;
            }
        }
    }
    for (i = 0; i < 2; i++) {
        if (s->side[i].outcome == X_OUT_GRACEFUL && s->side[1 - i].outcome == X_OUT_RESET && !(s->cause & X_EXCUSES)) {
            snprintf(note, sizeof note, "%c closed gracefully, %c was reset", 'A' + i, 'B' - i);
            note_violation(r, V_RESET, id, 0, 0, note);
        }
    }
    if (!s->cut && s->chan[0].n == 0 && s->chan[1].n == 0 &&
        (o->plant == X_PLANT_NOTIMER || (s->side[0].timers == 0 && s->side[1].timers == 0))) {
        if (quiescent_pair(s)) {
            r->quiescent++;
        } else if (s->cause & X_EXCUSES) {
            /* RFC 9293 3.5.2: a half-open connection after an ABORT whose RST
             * was lost, a lost segment, or a side that gave up retransmitting:
             * resolved when the user next sends. */
            r->half_open++;
        } else {
            snprintf(note, sizeof note, "A in %s, B in %s", tcpfsm_state_name(s->side[0].tcb.state),
                     tcpfsm_state_name(s->side[1].tcb.state));
            note_violation(r, V_DEADLOCK, id, 0, 0, note);
        }
    }
}

/* ---- search -------------------------------------------------------------------- */

static int enumerate_events(const xopts *o, const xstate *s, uint32_t *ev)
{
    int n = 0, i, k, w;
    for (i = 0; i < 2; i++) {
        for (k = XE_OPEN_ACTIVE; k <= XE_ABORT; k++) ev[n++] = XE(k, i, 0);
        for (k = 0; k < s->chan[i].n; k++) {
            ev[n++] = XE(XE_DELIVER, i, k);
            ev[n++] = XE(XE_LOSE, i, k);
            ev[n++] = XE(XE_DUP, i, k);
            if (o->plant == X_PLANT_CORRUPT) ev[n++] = XE(XE_CORRUPT, i, k);
        }
        for (w = 0; w < TCPFSM_TIMER_COUNT; w++) ev[n++] = XE(XE_TIMER, i, w);
    }
    return n;
}

/* A step the network and the endpoints take on their own when nothing goes
 * wrong: a delivery in order or not, a timer that does not give up, the user
 * reading what arrived. */
static int fault_free(uint32_t e, const xstep *info)
{
    int k, kind = XE_KIND(e);
    if ((kind == XE_DELIVER && XE_IDX(e) == 0) || kind == XE_RECEIVE) return 1;
    if (kind != XE_TIMER) return 0;
    for (k = 0; k < info->out.event_count; k++)
        if (info->out.event[k] == TCPFSM_EV_TIMEOUT_GIVE_UP || info->out.event[k] == TCPFSM_EV_TIMEOUT_USER)
            return 0;
    return 1;
}

static uint32_t map_event(uint32_t e, int flip)
{
    return flip ? (e ^ (1u << 8)) : e;
}

static void explore(const xopts *o, store *st, result *r)
{
    xstate init, s, next;
    xstep info;
    uint8_t buf[ENC_MAX];
    uint32_t ev[64], id;
    int flipped, is_new, n, k;
    size_t len;
    clock_t t0 = clock();
    memset(r, 0, sizeof *r);
    xstate_init(&init, o);
    len = canonical(o, &init, buf, &flipped);
    id = store_intern(st, buf, len, &is_new);
    st->parent[id] = id;
    st->via[id] = 0;
    st->flip[id] = (uint8_t)flipped;
    st->depth[id] = 0;
    check_state(o, &init, id, r);
    for (id = 0; id < st->count; id++) {
        const uint8_t *b = state_bytes(st, id, &len);
        st->edge_start[id] = st->edges;
        decode(o, b, &s);
        if (st->depth[id] > r->max_depth) r->max_depth = st->depth[id];
        if (s.cut) {
            r->cut++;
            continue;
        }
        if (o->max_states && st->count >= (uint32_t)o->max_states) {
            if (!r->truncated) r->first_unexpanded = id;
            r->truncated = 1;
            continue;
        }
        n = enumerate_events(o, &s, ev);
        for (k = 0; k < n; k++) {
            uint32_t to;
            if (!xstate_step(o, &s, ev[k], &next, &info)) {
                if (info.rejected) note_violation(r, V_REJECTED, id, ev[k], 0, tcpfsm_result_name(info.result));
                continue;
            }
            len = canonical(o, &next, buf, &flipped);
            if (len == (size_t)(st->off[id + 1] - st->off[id]) && !memcmp(buf, st->arena + st->off[id], len))
                continue; /* a step that changes nothing is no transition */
            r->transitions++;
            if (info.rejected) note_violation(r, V_REJECTED, id, ev[k], 0, tcpfsm_result_name(info.result));
            if (info.data_bad) {
                char note[96];
                snprintf(note, sizeof note, "offset %lu, expected %lu", (unsigned long)info.data_got,
                         (unsigned long)info.data_expected);
                note_violation(r, V_DATA, id, ev[k], 0, note);
            }
            to = store_intern(st, buf, len, &is_new);
            store_edge(st, to, ev[k], flipped | (fault_free(ev[k], &info) ? 2 : 0));
            if (is_new) {
                st->parent[to] = id;
                st->via[to] = ev[k];
                st->flip[to] = (uint8_t)flipped;
                st->depth[to] = (uint16_t)(st->depth[id] + 1);
                check_state(o, &next, to, r);
            }
        }
    }
    st->edge_start[st->count] = st->edges;
    r->states = st->count;
    r->seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* Livelock: any cycle. Budgets only shrink, so a cycle is made of deliveries,
 * timers and RECEIVEs alone; Tarjan's algorithm (iterative) finds the
 * strongly connected components; one with an edge inside is a cycle. */
static void find_cycles(store *st, result *r)
{
    uint32_t n = st->count, i, index = 0, sp = 0, cs = 0;
    uint32_t *idx = xrealloc(NULL, (size_t)n * sizeof *idx);
    uint32_t *low = xrealloc(NULL, (size_t)n * sizeof *low);
    uint32_t *stack = xrealloc(NULL, (size_t)n * sizeof *stack);
    uint32_t *call = xrealloc(NULL, (size_t)n * sizeof *call);
    uint64_t *pos = xrealloc(NULL, (size_t)n * sizeof *pos);
    uint8_t *on = xrealloc(NULL, n);
    const uint32_t none = 0xFFFFFFFFu;
    long cycles = 0;
    uint32_t best = none, best_to = none;
    for (i = 0; i < n; i++) idx[i] = none;
    memset(on, 0, n);
    for (i = 0; i < n; i++) {
        if (idx[i] != none) continue;
        cs = 0;
        call[cs++] = i;
        idx[i] = low[i] = index++;
        pos[i] = st->edge_start[i];
        stack[sp++] = i;
        on[i] = 1;
        while (cs) {
            uint32_t v = call[cs - 1];
            if (pos[v] < st->edge_start[v + 1]) {
                uint32_t w = st->edge_dst[pos[v]++];
                if (idx[w] == none) {
                    idx[w] = low[w] = index++;
                    pos[w] = st->edge_start[w];
                    stack[sp++] = w;
                    on[w] = 1;
                    call[cs++] = w;
                } else if (on[w] && idx[w] < low[v]) {
                    low[v] = idx[w];
                }
                continue;
            }
            cs--;
            if (cs && low[v] < low[call[cs - 1]]) low[call[cs - 1]] = low[v];
            if (low[v] == idx[v]) {
                uint32_t w, size = 0, first = none;
                int timer = 0;
                do {
                    uint64_t e;
                    w = stack[--sp];
                    on[w] = 0;
                    size++;
                    if (first == none || w < first) first = w;
                    for (e = st->edge_start[w]; e < st->edge_start[w + 1]; e++)
                        if (XE_KIND(st->edge_ev[e]) == XE_TIMER) timer = 1;
                } while (w != v);
                if (size > 1 && !timer) {
                    cycles++;
                    /* the component entered earliest in BFS: shortest prefix */
                    if (best == none || first < best) {
                        best = first;
                        best_to = first;
                    }
                } else if (size > 1) {
                    /* a timer can fire on the cycle and, under timer fairness,
                     * will: a burst bounded by the timer, not a livelock */
                    if (r->storms++ == 0 || first < r->storm_state) r->storm_state = first;
                }
            }
        }
    }
    if (cycles) {
        r->v[V_LIVELOCK].count = cycles;
        r->v[V_LIVELOCK].state = best;
        r->v[V_LIVELOCK].cycle_to = best_to;
        snprintf(r->v[V_LIVELOCK].note, sizeof r->v[V_LIVELOCK].note, "%ld cyclic component(s)", cycles);
    }
    free(idx); free(low); free(stack); free(call); free(pos); free(on);
}

/* Progress: good = quiescent end states (and cut states, optimistically);
 * then, to a fixpoint, every state with a fault-free edge to a good state.
 * A state reached without any fault (cause 0) that is not good can only end
 * by a timeout, a fault or a user call: reported as no-progress. */
static void find_no_progress(const xopts *o, store *st, result *r)
{
    uint32_t i, n = st->count;
    int changed = 1;
    xstate s;
    size_t len;
    st->good = xrealloc(NULL, n);
    if (o->retries == 0) {
        /* every segment a receiver drops (a SYN meeting TIME-WAIT, a FIN
         * meeting SYN-SENT) needs one retransmission: not judged */
        memset(st->good, 3, n);
        return;
    }
    for (i = 0; i < n; i++) {
        decode(o, state_bytes(st, i, &len), &s);
        st->good[i] = (uint8_t)(s.cut || (r->truncated && i >= r->first_unexpanded) ||
                                (s.chan[0].n == 0 && s.chan[1].n == 0 &&
                                           s.side[0].timers == 0 && s.side[1].timers == 0 &&
                                           quiescent_pair(&s)));
        if (s.cause) st->good[i] |= 2; /* not judged */
    }
    while (changed) {
        changed = 0;
        for (i = n; i-- > 0;) {
            uint64_t e;
            if (st->good[i] & 1) continue;
            for (e = st->edge_start[i]; e < st->edge_start[i + 1]; e++) {
                if ((st->edge_flip[e] & 2) && (st->good[st->edge_dst[e]] & 1)) {
                    st->good[i] |= 1;
                    changed = 1;
                    break;
                }
            }
        }
    }
    for (i = 0; i < n; i++) {
        if (st->good[i] == 0) {
            if (r->v[V_PROGRESS].count++ == 0) {
                r->v[V_PROGRESS].state = i;
                decode(o, state_bytes(st, i, &len), &s);
                snprintf(r->v[V_PROGRESS].note, sizeof r->v[V_PROGRESS].note, "A in %s, B in %s",
                         tcpfsm_state_name(s.side[0].tcb.state), tcpfsm_state_name(s.side[1].tcb.state));
            }
        }
    }
}

/* From a no-progress state, a fault-free run showing what happens instead:
 * deliveries first, then timers, never revisiting a state. */
static int stuck_run(const store *st, uint32_t from, uint32_t *out, int max, int orient)
{
    int n = 0, f = orient;
    uint32_t cur = from;
    uint8_t *seen = xrealloc(NULL, st->count);
    memset(seen, 0, st->count);
    seen[cur] = 1;
    while (n < max) {
        uint64_t e, pick = (uint64_t)-1;
        for (e = st->edge_start[cur]; e < st->edge_start[cur + 1]; e++) {
            if (!(st->edge_flip[e] & 2) || seen[st->edge_dst[e]]) continue;
            if (pick == (uint64_t)-1 || (XE_KIND(st->edge_ev[pick]) == XE_TIMER && XE_KIND(st->edge_ev[e]) != XE_TIMER))
                pick = e;
        }
        if (pick == (uint64_t)-1) break;
        out[n++] = map_event(st->edge_ev[pick], f);
        f ^= st->edge_flip[pick] & 1;
        cur = st->edge_dst[pick];
        seen[cur] = 1;
    }
    /* and the step that ends it, if a timer gives up */
    if (n < max) {
        uint64_t e;
        for (e = st->edge_start[cur]; e < st->edge_start[cur + 1]; e++) {
            if (XE_KIND(st->edge_ev[e]) == XE_TIMER && !(st->edge_flip[e] & 2)) {
                out[n++] = map_event(st->edge_ev[e], f);
                break;
            }
        }
    }
    free(seen);
    return n;
}

/* Events from the initial state to state `id`, mapped to the concrete
 * orientation; returns the count and the orientation of the last state. */
static int path_to(const store *st, uint32_t id, uint32_t *out, int max, int *orient)
{
    uint32_t chain[65536];
    int n = 0, i, f;
    uint32_t c = id;
    while (c != st->parent[c] && n < 65536) {
        chain[n++] = c;
        c = st->parent[c];
    }
    if (n > max) n = max;
    f = st->flip[0];
    for (i = 0; i < n; i++) {
        uint32_t child = chain[n - 1 - i];
        out[i] = map_event(st->via[child], f);
        f ^= st->flip[child];
    }
    *orient = f;
    return n;
}

/* A cycle through `start`: BFS over edges whose ends are in the same
 * component as start is costly to know, so search all edges for the
 * shortest path from start back to start (the component contains it). */
static int cycle_from(const store *st, uint32_t start, uint32_t *out, int max, int orient)
{
    uint32_t n = st->count, head = 0, tail = 0, i;
    uint32_t *prev = xrealloc(NULL, (size_t)n * sizeof *prev);
    uint64_t *pedge = xrealloc(NULL, (size_t)n * sizeof *pedge);
    uint32_t *q = xrealloc(NULL, (size_t)n * sizeof *q);
    uint64_t found_edge = (uint64_t)-1;
    uint32_t found_from = 0;
    int len = 0, k;
    const uint32_t none = 0xFFFFFFFFu;
    for (i = 0; i < n; i++) prev[i] = none;
    q[tail++] = start;
    prev[start] = start;
    while (head < tail && found_edge == (uint64_t)-1) {
        uint32_t v = q[head++];
        uint64_t e;
        for (e = st->edge_start[v]; e < st->edge_start[v + 1]; e++) {
            uint32_t w = st->edge_dst[e];
            if (w == start) {
                found_edge = e;
                found_from = v;
                break;
            }
            if (prev[w] == none) {
                prev[w] = v;
                pedge[w] = e;
                q[tail++] = w;
            }
        }
    }
    if (found_edge != (uint64_t)-1) {
        uint64_t rev[4096];
        int m = 0;
        uint32_t c = found_from;
        int f = orient;
        rev[m++] = found_edge;
        while (c != start && m < 4096) {
            rev[m++] = pedge[c];
            c = prev[c];
        }
        for (k = m - 1; k >= 0 && len < max; k--) {
            out[len++] = map_event(st->edge_ev[rev[k]], f);
            f ^= st->edge_flip[rev[k]] & 1;
        }
    }
    free(prev); free(pedge); free(q);
    return len;
}

/* ---- options and output --------------------------------------------------------- */

/* mkdir -p */
static void mkdir_p(const char *dir)
{
    char buf[400];
    size_t i;
    snprintf(buf, sizeof buf, "%s", dir);
    for (i = 1; buf[i]; i++) {
        if (buf[i] != '/') continue;
        buf[i] = 0;
        mkdir(buf, 0777);
        buf[i] = '/';
    }
    mkdir(buf, 0777);
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: tcpfsm explore [options]\n"
        "  Explore every reachable state of two endpoints (the real core) joined by\n"
        "  a channel each way, breadth-first, and check it (docs/explore.md).\n"
        "bounds (per side where it says so):\n"
        "  --opens N      OPEN calls per side (active or passive)     [1]\n"
        "  --sends N      SEND calls per side                         [1]\n"
        "  --bytes N      bytes per SEND                              [1]\n"
        "  --closes N     CLOSE calls per side                        [1]\n"
        "  --aborts N     ABORT calls per side                        [0]\n"
        "  --loss N       segments the network may lose, in all       [1]\n"
        "  --dup N        segments it may duplicate                   [1]\n"
        "  --reorder N    out-of-order deliveries                     [0]\n"
        "  --cap N        segments in flight per channel (1..%d)       [2]\n"
        "  --retries N    SYN and data retransmissions before giving up [1]\n"
        "  --user-timeout let the user timer fire too\n"
        "  --no-5961      RFC 5961 mitigations off (RFC 793 behaviour)\n"
        "  --iss-a N, --iss-b N  initial sequence numbers             [0, 0]\n"
        "  --same-iss     reuse the ISS for a side's next connection (default: +2^30 each)\n"
        "  --swap / --no-swap    side-swap symmetry (needs equal ISSs) [on if equal]\n"
        "  --max-states N stop expanding after N states (reported)    [20000000]\n"
        "output:\n"
        "  --growth       table of state counts as each bound grows\n"
        "  --scripts DIR  write each counterexample as DIR/KIND-A.pkt, DIR/KIND-B.pkt\n"
        "  --no-cycles    skip the livelock (cycle) and no-progress searches\n"
        "  --show-deepest print the path to a deepest state\n"
        "checker self-test (plant a fault the checks must find):\n"
        "  --plant corrupt   the channel may deliver one segment with SEG.ACK+1\n"
        "  --plant notimer   the embedder never runs the timers\n"
        "  --plant tcb       the embedder scribbles on A's TCB in ESTABLISHED\n"
        "  --plant echo      the channel keeps a copy of every pure ACK it delivers\n"
        "  --plant mute      the embedder drops the pure ACKs sent in SYN-RECEIVED\n"
        "exit status: 0 no violation, 1 violations, 2 usage, 3 out of memory\n",
        X_CAP_MAX);
}

static int parse_int(const char *s, long lo, long hi, long *v)
{
    char *end;
    errno = 0;
    *v = strtol(s, &end, 0);
    return !(errno || *end || end == s || *v < lo || *v > hi);
}

static void defaults(xopts *o)
{
    memset(o, 0, sizeof *o);
    o->opens = 1;
    o->sends = 1;
    o->bytes = 1;
    o->closes = 1;
    o->aborts = 0;
    o->loss = 1;
    o->dup = 1;
    o->reorder = 0;
    o->cap = 2;
    o->retries = 1;
    o->rfc5961 = 1;
    o->swap = -1;
    o->max_states = 20000000;
}

static void finish_config(xopts *o)
{
    tcpfsm_config_default(&o->cfg);
    o->cfg.syn_retries = (uint8_t)o->retries;
    o->cfg.data_retries = (uint8_t)o->retries;
    if (!o->user_timeout) o->cfg.user_timeout_ms = 0;
    o->cfg.rst_mitigation = o->cfg.syn_mitigation = o->cfg.ack_mitigation = (uint8_t)(o->rfc5961 != 0);
    if (o->swap < 0) o->swap = o->iss[0] == o->iss[1];
}

static void print_bounds(FILE *f, const xopts *o)
{
    fprintf(f, "explore: opens=%d sends=%d bytes=%d closes=%d aborts=%d loss=%d dup=%d reorder=%d "
               "cap=%d retries=%d user-timeout=%s rfc5961=%s iss=%lu/%lu%s swap=%s%s%s\n",
            o->opens, o->sends, o->bytes, o->closes, o->aborts, o->loss, o->dup, o->reorder,
            o->cap, o->retries, o->user_timeout ? "on" : "off", o->rfc5961 ? "on" : "off",
            (unsigned long)o->iss[0], (unsigned long)o->iss[1], o->same_iss ? " (same-iss)" : "",
            o->swap ? "on" : "off",
            o->plant ? " plant=" : "",
            o->plant == X_PLANT_CORRUPT ? "corrupt" : o->plant == X_PLANT_NOTIMER ? "notimer"
            : o->plant == X_PLANT_TCB ? "tcb" : o->plant == X_PLANT_ECHO ? "echo" : o->plant == X_PLANT_MUTE ? "mute" : "");
}

static long total_violations(const result *r)
{
    long t = 0;
    int k;
    for (k = 0; k < V_COUNT; k++) t += r->v[k].count;
    return t;
}

static int run_once(const xopts *o, int cycles, const char *scripts, int show_deepest)
{
    store st;
    result r;
    int k;
    uint32_t *path = xrealloc(NULL, 70000 * sizeof *path);
    store_init(&st);
    print_bounds(stdout, o);
    fflush(stdout);
    explore(o, &st, &r);
    if (cycles) {
        find_cycles(&st, &r);
        find_no_progress(o, &st, &r);
    }
    printf("explore: %ld states, %ld transitions, max depth %d, %.2f s CPU, %.1f MB of states\n",
           r.states, r.transitions, r.max_depth, r.seconds, st.arena_len / 1048576.0);
    printf("explore: %ld quiescent end states, %ld half-open after an ABORT, loss or timeout, %ld cut at channel capacity, %ld storm cycles%s\n",
           r.quiescent, r.half_open, r.cut, r.storms, r.truncated ? "; TRUNCATED at --max-states" : "");
    printf("explore: violations:");
    for (k = 0; k < V_COUNT; k++) printf(" %s %ld%s", v_name[k], r.v[k].count, k + 1 < V_COUNT ? "," : "\n");
    for (k = 0; k < V_COUNT; k++) {
        found *f = &r.v[k];
        int n, orient, c = -1;
        if (!f->count) continue;
        n = path_to(&st, f->state, path, 65536, &orient);
        if (f->ev) path[n++] = map_event(f->ev, orient);
        if (k == V_LIVELOCK) {
            c = n;
            n += cycle_from(&st, f->cycle_to, path + n, 4000, orient);
        }
        if (k == V_PROGRESS) {
            c = -2 - n;
            n += stuck_run(&st, f->state, path + n, 200, orient);
        }
        printf("\nVIOLATION %s: %s\n  %s\n  shortest counterexample, %d steps:\n", v_name[k], v_text[k], f->note, n);
        if (c < -1) {
            printf("  (steps 1-%d reach the state; the rest is a fault-free run from it and the timeout that ends it)\n", -2 - c);
            c = -1;
        }
        x_print_trace(stdout, o, path, n, c);
        if (scripts) {
            char prefix[400];
            mkdir_p(scripts);
            snprintf(prefix, sizeof prefix, "%s/%s", scripts, v_name[k]);
            if (x_write_scripts(prefix, o, path, n) == 0)
                printf("  packetdrill: %s-A.pkt, %s-B.pkt\n", prefix, prefix);
        }
    }
    if (show_deepest) {
        uint32_t id, deepest = 0;
        int n, orient;
        for (id = 0; id < st.count; id++)
            if (st.depth[id] > st.depth[deepest]) deepest = id;
        n = path_to(&st, deepest, path, 65536, &orient);
        printf("\na deepest state, %d steps from the start:\n", n);
        x_print_trace(stdout, o, path, n, -1);
    }
    if (r.storms) {
        int n, orient, c;
        n = path_to(&st, r.storm_state, path, 65536, &orient);
        c = n;
        n += cycle_from(&st, r.storm_state, path + n, 4000, orient);
        printf("\nWARNING storm: %ld cyclic component(s) where segments can bounce forever while a\n"
               "  timer is armed; timer fairness ends them (a burst as long as the timer), so they\n"
               "  are not counted as livelocks. Shortest, %d steps:\n", r.storms, n);
        x_print_trace(stdout, o, path, n, c);
    }
    printf("explore: %ld violation(s)%s\n", total_violations(&r), r.storms ? ", storm warnings" : "");
    free(path);
    store_free(&st);
    return total_violations(&r) ? 1 : 0;
}

/* How the state count grows: vary one bound at a time from the base. */
static int growth(const xopts *base, int cycles)
{
    static const struct { const char *name; size_t off; int from, to; } rows[] = {
        {"loss", offsetof(xopts, loss), 0, 3},
        {"dup", offsetof(xopts, dup), 0, 3},
        {"reorder", offsetof(xopts, reorder), 0, 3},
        {"cap", offsetof(xopts, cap), 1, 5},
        {"sends", offsetof(xopts, sends), 0, 2},
        {"opens", offsetof(xopts, opens), 1, 3},
        {"aborts", offsetof(xopts, aborts), 0, 2},
        {"retries", offsetof(xopts, retries), 0, 3},
        {"swap", offsetof(xopts, swap), 0, 1},
    };
    size_t i;
    int v, bad = 0;
    print_bounds(stdout, base);
    printf("%-8s %5s %12s %13s %10s %6s %9s %10s\n", "bound", "value", "states", "transitions", "cut", "depth", "CPU s", "violations");
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        for (v = rows[i].from; v <= rows[i].to; v++) {
            xopts o = *base;
            store st;
            result r;
            *(int *)((char *)&o + rows[i].off) = v;
            o.cfg.syn_retries = o.cfg.data_retries = (uint8_t)o.retries;
            if (o.swap && o.iss[0] != o.iss[1]) continue;
            store_init(&st);
            explore(&o, &st, &r);
            if (cycles) {
                find_cycles(&st, &r);
                find_no_progress(&o, &st, &r);
            }
            printf("%-8s %5d %12ld %13ld %10ld %6d %9.2f %10ld%s%s\n", rows[i].name, v, r.states, r.transitions,
                   r.cut, r.max_depth, r.seconds, total_violations(&r), r.storms ? " +storms" : "",
                   r.truncated ? " (truncated)" : "");
            fflush(stdout);
            if (total_violations(&r)) bad = 1;
            store_free(&st);
            if (r.seconds > 20) break; /* the next value would take too long here */
        }
    }
    return bad;
}

int tcpfsm_cmd_explore(int argc, char **argv)
{
    xopts o;
    int i, want_growth = 0, cycles = 1, show_deepest = 0;
    const char *scripts = NULL;
    defaults(&o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v;
        static const struct { const char *name; size_t off; long lo, hi; } num[] = {
            {"--opens", offsetof(xopts, opens), 0, 20}, {"--sends", offsetof(xopts, sends), 0, 20},
            {"--bytes", offsetof(xopts, bytes), 0, 1000000}, {"--closes", offsetof(xopts, closes), 0, 20},
            {"--aborts", offsetof(xopts, aborts), 0, 20}, {"--loss", offsetof(xopts, loss), 0, 20},
            {"--dup", offsetof(xopts, dup), 0, 20}, {"--reorder", offsetof(xopts, reorder), 0, 20},
            {"--cap", offsetof(xopts, cap), 1, X_CAP_MAX}, {"--retries", offsetof(xopts, retries), 0, 20},
        };
        size_t k;
        int matched = 0;
        for (k = 0; k < sizeof num / sizeof num[0]; k++) {
            if (strcmp(a, num[k].name)) continue;
            if (i + 1 >= argc || !parse_int(argv[i + 1], num[k].lo, num[k].hi, &v)) {
                fprintf(stderr, "tcpfsm explore: %s needs a number in %ld..%ld\n", a, num[k].lo, num[k].hi);
                return 2;
            }
            *(int *)((char *)&o + num[k].off) = (int)v;
            i++;
            matched = 1;
        }
        if (matched) continue;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--user-timeout")) {
            o.user_timeout = 1;
        } else if (!strcmp(a, "--no-5961")) {
            o.rfc5961 = 0;
        } else if (!strcmp(a, "--same-iss")) {
            o.same_iss = 1;
        } else if (!strcmp(a, "--swap")) {
            o.swap = 1;
        } else if (!strcmp(a, "--no-swap")) {
            o.swap = 0;
        } else if (!strcmp(a, "--growth")) {
            want_growth = 1;
        } else if (!strcmp(a, "--show-deepest")) {
            show_deepest = 1;
        } else if (!strcmp(a, "--no-cycles")) {
            cycles = 0;
        } else if ((!strcmp(a, "--iss-a") || !strcmp(a, "--iss-b")) && i + 1 < argc &&
                   parse_int(argv[i + 1], 0, 0xFFFFFFFFl, &v)) {
            o.iss[a[6] == 'b'] = (uint32_t)v;
            i++;
        } else if (!strcmp(a, "--max-states") && i + 1 < argc && parse_int(argv[i + 1], 1, 2000000000l, &v)) {
            o.max_states = v;
            i++;
        } else if (!strcmp(a, "--scripts") && i + 1 < argc) {
            scripts = argv[++i];
        } else if (!strcmp(a, "--plant") && i + 1 < argc) {
            const char *p = argv[++i];
            if (!strcmp(p, "corrupt")) o.plant = X_PLANT_CORRUPT;
            else if (!strcmp(p, "notimer")) o.plant = X_PLANT_NOTIMER;
            else if (!strcmp(p, "tcb")) o.plant = X_PLANT_TCB;
            else if (!strcmp(p, "echo")) o.plant = X_PLANT_ECHO;
            else if (!strcmp(p, "mute")) o.plant = X_PLANT_MUTE;
            else {
                fprintf(stderr, "tcpfsm explore: unknown plant '%s'\n", p);
                return 2;
            }
        } else {
            fprintf(stderr, "tcpfsm explore: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    finish_config(&o);
    if (o.swap && o.iss[0] != o.iss[1]) {
        fprintf(stderr, "tcpfsm explore: --swap needs --iss-a equal to --iss-b\n");
        return 2;
    }
    if (o.plant) o.swap = 0; /* planted faults are not symmetric */
    if (tcpfsm_config_check(&o.cfg) != TCPFSM_OK) {
        fprintf(stderr, "tcpfsm explore: the derived core configuration is invalid\n");
        return 2;
    }
    return want_growth ? growth(&o, cycles) : run_once(&o, cycles, scripts, show_deepest);
}
