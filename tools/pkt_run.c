/* Runner for parsed packetdrill scripts: a socket layer over the public API
 * of the core, a virtual clock, and the comparison of what the model sends
 * with what the script expects.
 *
 * The script plays the remote end of one 4-tuple. Sockets are script file
 * descriptors; each owns a connection slot holding a caller-allocated TCB.
 * A listener's TCB stays in LISTEN: each SYN goes to a copy of it, and a
 * copy that leaves LISTEN becomes a new connection (as BSD and Linux create
 * a socket per SYN). An arriving segment goes to the live connection of the
 * 4-tuple, else to a listener, else to a fresh CLOSED TCB (which answers
 * with a RST).
 *
 * Time is virtual: before each event at script time T, every timer the core
 * asked for that is due by T fires, in deadline order. A `>` line takes the
 * oldest segment the model sent and not yet matched; it must have been sent
 * within the tolerance of T (if none is waiting, timers due by T + tolerance
 * may fire to produce it). A segment still waiting before a `<` line, or at
 * the end, is unexpected: the script fails.
 *
 * Sequence numbers are translated as packetdrill does: the remote's are
 * taken as written (its ISN is whatever its SYN says); the model's are
 * written relative to the ISN of the connection, learned from the first SYN
 * the model sends on it (0 before that, as for a RST from a closed port).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkt_script.h"

#define CONN_MAX 16
#define SOCK_MAX 16
#define PENDING_MAX 64
#define TIMER_OFF (-1)
#define FIRE_LIMIT 100000 /* timer firings per script: a loop in the model is a failure */

/* FreeBSD values: fcntl flags as F_GETFL reports them. */
#define FLAG_O_RDWR 0x2
#define FLAG_O_NONBLOCK 0x4

typedef struct conn {
    int used;
    int listener;  /* the TCB of a listening socket (stays in LISTEN) */
    int fd;        /* owning script fd, or -1 */
    int parent;    /* listener slot of a connection not yet accepted, or -1 */
    unsigned order;
    int passive;   /* created from a listener */
    tcpfsm_tcb tcb;
    int64_t deadline[TCPFSM_TIMER_COUNT];
    int isn_known;
    uint32_t isn;
    uint64_t unread;     /* bytes delivered and not yet read */
    int eof;             /* the peer's FIN arrived */
    const char *so_error; /* pending socket error (errno name) */
    int was_connected;   /* reached ESTABLISHED once */
    int disconnected;    /* the model deleted the TCB (N_CLOSED): reads give 0, writes EPIPE */
} conn;

typedef struct sock {
    int used;
    long long fd;
    int conn;
    int nonblock;
    int bound;
    int linger0;    /* SO_LINGER {1, 0}: close() aborts */
    int shut_wr;
} sock;

typedef struct pending {
    tcpfsm_segment seg;
    uint32_t isn;   /* the model's ISN to translate with */
    int64_t time;
    int line;       /* the script line whose event made the model send it */
    int timer;      /* or the timer (tcpfsm_timer) that did, else -1 */
} pending;

typedef struct runner {
    const pkt_script *script;
    pkt_settings set;
    conn conn[CONN_MAX];
    sock sock[SOCK_MAX];
    pending pend[PENDING_MAX];
    int pend_count;
    int64_t now;
    unsigned order;
    int flow_isn_known;
    uint32_t flow_isn;
    long long current_fd; /* socket of the last system call (for asserts) */
    int have_current;
    unsigned fired;
    int firing;     /* the timer being fired, or -1 */
    const pkt_event *ev;
    char *err;
    size_t errlen;
} runner;

static const uint8_t isn_secret[16] = {0x74, 0x63, 0x70, 0x66, 0x73, 0x6d, 0x2d, 0x72,
                                       0x75, 0x6e, 0x2d, 0x73, 0x65, 0x63, 0x72, 0x74};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(runner *r, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(r->err, r->errlen, "%s:%d: ", r->script->file, r->ev ? r->ev->line : 0);
    if (n >= 0 && (size_t)n < r->errlen) {
        va_start(ap, fmt);
        vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static void fmt_time(char *buf, size_t n, int64_t us)
{
    snprintf(buf, n, "%lld.%06lld", (long long)(us / 1000000), (long long)(us % 1000000));
}

static void fmt_flags(char *buf, unsigned flags)
{
    size_t i = 0;
    if (flags & TCPFSM_SYN) buf[i++] = 'S';
    if (flags & TCPFSM_FIN) buf[i++] = 'F';
    if (flags & TCPFSM_RST) buf[i++] = 'R';
    if (flags & TCPFSM_PSH) buf[i++] = 'P';
    if (flags & TCPFSM_ACK) buf[i++] = '.';
    if (flags & TCPFSM_URG) buf[i++] = 'U';
    buf[i] = 0;
}

/* A segment in script syntax: "F. 1:1(0) ack 2 win 65535". */
static void fmt_segment(char *buf, size_t n, unsigned flags, uint32_t seq, uint32_t len, int has_ack,
                        uint32_t ack, int has_win, uint32_t win)
{
    char f[8];
    int k;
    fmt_flags(f, flags);
    k = snprintf(buf, n, "%s %u:%u(%u)", f, seq, seq + len, len);
    if (k > 0 && (size_t)k < n && has_ack) k += snprintf(buf + k, n - (size_t)k, " ack %u", ack);
    if (k > 0 && (size_t)k < n && has_win) snprintf(buf + k, n - (size_t)k, " win %u", win);
}

/* The window field on the wire: the model negotiates no window scaling,
 * so a window above 65535 goes out as 65535. */
static uint32_t wire_window(uint32_t wnd)
{
    return wnd > 65535u ? 65535u : wnd;
}

/* ---- settings ---------------------------------------------------------------- */

void pkt_settings_default(pkt_settings *s)
{
    memset(s, 0, sizeof *s);
    tcpfsm_config_default(&s->cfg);
    s->tolerance_us = 4000; /* packetdrill's default */
    s->ip_version = 4;
    s->close_embryonic_rst = 0;
    s->rcvbuf_round = 0;
}

static int parse_number(const char *v, unsigned long long max, unsigned long long *out)
{
    unsigned long long x = 0;
    if (!*v) return -1;
    for (; *v; v++) {
        if (*v < '0' || *v > '9') return -1;
        x = x * 10 + (unsigned long long)(*v - '0');
        if (x > max) return -1;
    }
    *out = x;
    return 0;
}

int pkt_settings_apply(pkt_settings *s, const char *name_in, const char *value, char *err, size_t errlen)
{
    /* clang-format off */
    static const struct { const char *name; size_t off; unsigned size; unsigned long long max; } knob[] = {
        {"rto_initial_ms", offsetof(tcpfsm_config, rto_initial_ms), 4, 0xFFFFFFFFu},
        {"rto_max_ms", offsetof(tcpfsm_config, rto_max_ms), 4, 0xFFFFFFFFu},
        {"msl_ms", offsetof(tcpfsm_config, msl_ms), 4, 0x7FFFFFFFu},
        {"user_timeout_ms", offsetof(tcpfsm_config, user_timeout_ms), 4, 0xFFFFFFFFu},
        {"rcv_wnd", offsetof(tcpfsm_config, rcv_wnd), 4, TCPFSM_MAX_WINDOW},
        {"mss", offsetof(tcpfsm_config, mss), 2, 65535},
        {"syn_retries", offsetof(tcpfsm_config, syn_retries), 1, 255},
        {"data_retries", offsetof(tcpfsm_config, data_retries), 1, 255},
        {"rst_mitigation", offsetof(tcpfsm_config, rst_mitigation), 1, 1},
        {"syn_mitigation", offsetof(tcpfsm_config, syn_mitigation), 1, 1},
        {"ack_mitigation", offsetof(tcpfsm_config, ack_mitigation), 1, 1},
        {"drop_synfin", offsetof(tcpfsm_config, drop_synfin), 1, 1},
        {"time_wait_ignore_rst", offsetof(tcpfsm_config, time_wait_ignore_rst), 1, 1},
        {"rst_error_closing", offsetof(tcpfsm_config, rst_error_closing), 1, 1},
        {"closing_ack_with_fin", offsetof(tcpfsm_config, closing_ack_with_fin), 1, 1},
        {"listen_drop_syn_ack", offsetof(tcpfsm_config, listen_drop_syn_ack), 1, 1},
        {"old_segment_ack", offsetof(tcpfsm_config, old_segment_ack), 1, 1},
    };
    /* packetdrill address options: the model never sees addresses. */
    static const char *const no_effect[] = {"local_ip", "remote_ip", "gateway_ip", "netmask_ip",
                                            "bind_port", "connect_port"};
    /* clang-format on */
    char name[PKT_NAME_MAX];
    unsigned long long v;
    size_t i;
    if (strlen(name_in) >= sizeof name) {
        snprintf(err, errlen, "unknown option '--%s'", name_in);
        return -1;
    }
    for (i = 0; name_in[i]; i++) name[i] = name_in[i] == '-' ? '_' : name_in[i];
    name[i] = 0;
    for (i = 0; i < sizeof knob / sizeof knob[0]; i++) {
        if (strcmp(name, knob[i].name)) continue;
        if (parse_number(value, knob[i].max, &v)) {
            snprintf(err, errlen, "--%s: '%s' is not a number from 0 to %llu", name, value, knob[i].max);
            return -1;
        }
        if (knob[i].size == 4) {
            uint32_t x = (uint32_t)v;
            memcpy((char *)&s->cfg + knob[i].off, &x, 4);
        } else if (knob[i].size == 2) {
            uint16_t x = (uint16_t)v;
            memcpy((char *)&s->cfg + knob[i].off, &x, 2);
        } else {
            uint8_t x = (uint8_t)v;
            memcpy((char *)&s->cfg + knob[i].off, &x, 1);
        }
        return 0;
    }
    for (i = 0; i < sizeof no_effect / sizeof no_effect[0]; i++)
        if (!strcmp(name, no_effect[i])) return 0;
    if (!strcmp(name, "tolerance_usecs")) {
        if (parse_number(value, 100000000ull, &v)) {
            snprintf(err, errlen, "--tolerance_usecs: '%s' is not a number of microseconds", value);
            return -1;
        }
        s->tolerance_us = (int64_t)v;
    } else if (!strcmp(name, "ip_version")) {
        if (!strcmp(value, "ipv4")) s->ip_version = 4;
        else if (!strcmp(value, "ipv6") || !strcmp(value, "ipv4_mapped_ipv6") ||
                 !strcmp(value, "ipv4-mapped-ipv6")) s->ip_version = 6;
        else {
            snprintf(err, errlen, "--ip_version: '%s' is not ipv4, ipv6 or ipv4-mapped-ipv6", value);
            return -1;
        }
    } else if (!strcmp(name, "isn")) {
        if (!strcmp(value, "hash")) {
            s->fixed_isn = 0;
        } else if (!parse_number(value, 0xFFFFFFFFu, &v)) {
            s->fixed_isn = 1;
            s->isn = (uint32_t)v;
        } else {
            snprintf(err, errlen, "--isn: '%s' is neither 'hash' nor a 32-bit number", value);
            return -1;
        }
    } else if (!strcmp(name, "close_embryonic")) {
        if (!strcmp(value, "drop")) s->close_embryonic_rst = 0;
        else if (!strcmp(value, "rst")) s->close_embryonic_rst = 1;
        else {
            snprintf(err, errlen, "--close_embryonic: '%s' is neither 'drop' nor 'rst'", value);
            return -1;
        }
    } else if (!strcmp(name, "close_unread")) {
        if (!strcmp(value, "discard")) s->close_unread_rst = 0;
        else if (!strcmp(value, "rst")) s->close_unread_rst = 1;
        else {
            snprintf(err, errlen, "--close_unread: '%s' is neither 'discard' nor 'rst'", value);
            return -1;
        }
    } else if (!strcmp(name, "rcvbuf_round")) {
        if (parse_number(value, 65535, &v)) {
            snprintf(err, errlen, "--rcvbuf_round: '%s' is not a number from 0 to 65535", value);
            return -1;
        }
        s->rcvbuf_round = (uint32_t)v;
    } else {
        snprintf(err, errlen, "unknown option '--%s' (see tcpfsm run --help)", name_in);
        return -1;
    }
    return 0;
}

/* ---- connections ----------------------------------------------------------- */

static const char *errno_of_result(int result)
{
    switch (result) {
    case TCPFSM_ERR_RESET: return "ECONNRESET";
    case TCPFSM_ERR_REFUSED: return "ECONNREFUSED";
    case TCPFSM_ERR_USER_TIMEOUT:
    case TCPFSM_ERR_TIMED_OUT: return "ETIMEDOUT";
    default: return NULL;
    }
}

static int new_conn(runner *r)
{
    int i;
    for (i = 0; i < CONN_MAX; i++) {
        if (!r->conn[i].used) {
            conn *c = &r->conn[i];
            int k;
            memset(c, 0, sizeof *c);
            c->used = 1;
            c->fd = -1;
            c->parent = -1;
            c->order = r->order++;
            for (k = 0; k < TCPFSM_TIMER_COUNT; k++) c->deadline[k] = TIMER_OFF;
            tcpfsm_init(&c->tcb);
            return i;
        }
    }
    return -1;
}

static sock *find_sock(runner *r, long long fd)
{
    int i;
    for (i = 0; i < SOCK_MAX; i++)
        if (r->sock[i].used && r->sock[i].fd == fd) return &r->sock[i];
    return NULL;
}

static uint32_t choose_iss(runner *r)
{
    tcpfsm_endpoints ends;
    memset(&ends, 0, sizeof ends);
    if (r->set.fixed_isn) return r->set.isn;
    ends.local_addr[10] = ends.local_addr[11] = 0xff;
    ends.remote_addr[10] = ends.remote_addr[11] = 0xff;
    ends.local_addr[12] = 192, ends.local_addr[13] = 168, ends.local_addr[15] = 1;
    ends.remote_addr[12] = 192, ends.remote_addr[14] = 2, ends.remote_addr[15] = 1;
    ends.local_port = 8080;
    ends.remote_port = 49152;
    return tcpfsm_isn(isn_secret, &ends, (uint64_t)r->now);
}

/* The ISN the model's sequence numbers are written relative to. */
static uint32_t isn_for(const runner *r, int c)
{
    if (c >= 0 && r->conn[c].isn_known) return r->conn[c].isn;
    return r->flow_isn_known ? r->flow_isn : 0;
}

static void trace(runner *r, int c, const char *what, tcpfsm_result res, const tcpfsm_output *out)
{
    char t[32];
    int i;
    if (!r->set.verbose) return;
    fmt_time(t, sizeof t, r->now);
    fprintf(stderr, "  %s line %d conn %d: %s -> %s;", t, r->ev ? r->ev->line : 0, c, what,
            tcpfsm_result_name(res));
    for (i = 0; i < out->event_count && i < TCPFSM_MAX_EVENTS; i++)
        fprintf(stderr, " %s>%s", tcpfsm_event_name(out->event[i]), tcpfsm_state_name(out->state_after[i]));
    for (i = 0; i < out->segment_count && i < TCPFSM_MAX_SEGMENTS; i++) {
        char f[8];
        fmt_flags(f, out->segment[i].flags);
        fprintf(stderr, " [send %s seq %u ack %u len %u win %u]", f, out->segment[i].seq, out->segment[i].ack,
                out->segment[i].len, out->segment[i].wnd);
    }
    fprintf(stderr, " notify 0x%x\n", out->notify);
}

/* Take what a core call on connection c (-1: a scratch CLOSED TCB) returned. */
static int take_output(runner *r, int c, const tcpfsm_tcb *t, const char *what, tcpfsm_result res,
                       const tcpfsm_output *out)
{
    int i;
    trace(r, c, what, res, out);
    if (!tcpfsm_tcb_check(t)) return fail(r, "the model's TCB is invalid after %s (%s)", what, tcpfsm_result_name(res));
    if (res == TCPFSM_ERR_INVALID_ARGUMENT || res == TCPFSM_ERR_INVALID_TCB)
        return fail(r, "the model rejected %s: %s", what, tcpfsm_result_name(res));
    if (out->segment_count > TCPFSM_MAX_SEGMENTS || out->event_count > TCPFSM_MAX_EVENTS)
        return fail(r, "the model returned an output with counts out of range after %s", what);
    for (i = 0; i < out->segment_count; i++) {
        pending *p;
        if (out->segment[i].flags & TCPFSM_SYN) {
            if (c >= 0) {
                r->conn[c].isn_known = 1;
                r->conn[c].isn = out->segment[i].seq;
            }
            r->flow_isn_known = 1;
            r->flow_isn = out->segment[i].seq;
        }
        if (r->pend_count == PENDING_MAX)
            return fail(r, "the model sent more than %d segments that the script did not expect", PENDING_MAX);
        p = &r->pend[r->pend_count++];
        p->seg = out->segment[i];
        p->isn = isn_for(r, c);
        p->time = r->now;
        p->line = r->ev ? r->ev->line : 0;
        p->timer = r->firing;
    }
    if (c < 0) return 0;
    {
        conn *k = &r->conn[c];
        for (i = 0; i < TCPFSM_TIMER_COUNT; i++) {
            if (out->timer[i].op == TCPFSM_TIMER_ARM) k->deadline[i] = r->now + (int64_t)out->timer[i].ms * 1000;
            else if (out->timer[i].op == TCPFSM_TIMER_CANCEL) k->deadline[i] = TIMER_OFF;
        }
        if (out->notify & TCPFSM_N_ESTABLISHED) k->was_connected = 1;
        if (out->notify & TCPFSM_N_HELD_DATA) k->unread += out->held_len; /* the SYN's text (N_HOLD) */
        if (out->notify & TCPFSM_N_DATA) k->unread += out->rcv_len;
        if (out->notify & TCPFSM_N_REMOTE_CLOSE) k->eof = 1;
        if (out->notify & (TCPFSM_N_RESET | TCPFSM_N_REFUSED | TCPFSM_N_TIMED_OUT | TCPFSM_N_USER_TIMEOUT)) {
            const char *e = errno_of_result(t->error);
            if (!e) return fail(r, "the model notified an error but its sticky error is '%s'", tcpfsm_result_name(t->error));
            k->so_error = e;
            k->unread = 0; /* BSD drops the receive buffer with the connection */
        }
        if (out->notify & TCPFSM_N_CLOSED) {
            k->disconnected = 1;
            for (i = 0; i < TCPFSM_TIMER_COUNT; i++) k->deadline[i] = TIMER_OFF;
        }
    }
    return 0;
}

/* Free connections nobody can reach any more. */
static void collect(runner *r)
{
    int i;
    for (i = 0; i < CONN_MAX; i++) {
        conn *c = &r->conn[i];
        if (!c->used || c->listener || c->fd >= 0) continue;
        if (c->tcb.state == TCPFSM_CLOSED || c->tcb.state == TCPFSM_LISTEN) c->used = 0;
    }
}

/* ---- virtual time ------------------------------------------------------------ */

/* Fire the earliest timer due by `until`; 1 if one fired, 0 if none, -1 on failure. */
static const char *timer_name(int which)
{
    return which == TCPFSM_TIMER_RETRANSMIT ? "the retransmission timer"
           : which == TCPFSM_TIMER_TIME_WAIT ? "the 2MSL timer" : "the user timer";
}

static int fire_one(runner *r, int64_t until)
{
    int i, k, rc, best_c = -1, best_k = -1;
    int64_t best = 0;
    tcpfsm_output out;
    tcpfsm_result res;
    for (i = 0; i < CONN_MAX; i++) {
        if (!r->conn[i].used) continue;
        for (k = 0; k < TCPFSM_TIMER_COUNT; k++) {
            int64_t d = r->conn[i].deadline[k];
            if (d != TIMER_OFF && d <= until && (best_c < 0 || d < best)) {
                best = d;
                best_c = i;
                best_k = k;
            }
        }
    }
    if (best_c < 0) return 0;
    if (++r->fired > FIRE_LIMIT) return fail(r, "more than %d timer firings: the model keeps arming timers", FIRE_LIMIT);
    if (best > r->now) r->now = best;
    r->conn[best_c].deadline[best_k] = TIMER_OFF;
    res = tcpfsm_timer_fired(&r->conn[best_c].tcb, &r->set.cfg, (tcpfsm_timer)best_k, &out);
    r->firing = best_k;
    rc = take_output(r, best_c, &r->conn[best_c].tcb, timer_name(best_k), res, &out);
    r->firing = -1;
    if (rc) return -1;
    collect(r);
    return 1;
}

static int advance(runner *r, int64_t t)
{
    int rc;
    while ((rc = fire_one(r, t)) == 1) {}
    if (rc < 0) return -1;
    if (t > r->now) r->now = t;
    return 0;
}

/* ---- segments --------------------------------------------------------------- */

static void describe_pending(const runner *r, int i, char *buf, size_t n)
{
    const pending *p = &r->pend[i];
    char s[96], t[32];
    fmt_segment(s, sizeof s, p->seg.flags, p->seg.seq - p->isn, p->seg.len, (p->seg.flags & TCPFSM_ACK) != 0,
                p->seg.ack, 1, wire_window(p->seg.wnd));
    fmt_time(t, sizeof t, p->time);
    if (p->timer >= 0) snprintf(buf, n, "> %s at %s (on %s)", s, t, timer_name(p->timer));
    else snprintf(buf, n, "> %s at %s (after line %d)", s, t, p->line);
}

static int no_unexpected(runner *r, const char *before)
{
    char d[256];
    if (!r->pend_count) return 0;
    describe_pending(r, 0, d, sizeof d);
    return fail(r, "expected no segment %s, got %s", before, d);
}

/* The live connection of the script's 4-tuple: not CLOSED, not a listener. */
static int live_conn(const runner *r)
{
    int i, best = -1;
    for (i = 0; i < CONN_MAX; i++) {
        const conn *c = &r->conn[i];
        if (c->used && !c->listener && c->tcb.state != TCPFSM_CLOSED && c->tcb.state != TCPFSM_LISTEN &&
            (best < 0 || c->order > r->conn[best].order))
            best = i;
    }
    return best;
}

static int listener_conn(const runner *r)
{
    int i, best = -1;
    for (i = 0; i < CONN_MAX; i++)
        if (r->conn[i].used && r->conn[i].listener && (best < 0 || r->conn[i].order > r->conn[best].order))
            best = i;
    return best;
}

static int do_inbound(runner *r, const pkt_event *ev)
{
    tcpfsm_segment seg;
    tcpfsm_output out;
    tcpfsm_result res;
    int c;
    if (advance(r, ev->time_us) || no_unexpected(r, "before this inbound segment")) return -1;
    c = live_conn(r);
    seg.seq = ev->seg.seq;
    seg.len = ev->seg.len;
    seg.wnd = ev->seg.win;
    seg.flags = ev->seg.flags;
    if (c >= 0) {
        seg.ack = ev->seg.ack + isn_for(r, c);
        res = tcpfsm_segment_arrives(&r->conn[c].tcb, &r->set.cfg, &seg, 0, &out);
        if (take_output(r, c, &r->conn[c].tcb, "the inbound segment", res, &out)) return -1;
    } else if ((c = listener_conn(r)) >= 0) {
        int child = new_conn(r);
        if (child < 0) return fail(r, "more than %d connections", CONN_MAX);
        r->conn[child].tcb = r->conn[c].tcb;
        r->conn[child].parent = c;
        r->conn[child].passive = 1;
        seg.ack = ev->seg.ack + isn_for(r, child);
        res = tcpfsm_segment_arrives(&r->conn[child].tcb, &r->set.cfg, &seg, choose_iss(r), &out);
        if (take_output(r, child, &r->conn[child].tcb, "the inbound segment (to the listener)", res, &out))
            return -1;
    } else {
        tcpfsm_tcb closed;
        tcpfsm_init(&closed);
        seg.ack = ev->seg.ack + isn_for(r, -1);
        res = tcpfsm_segment_arrives(&closed, &r->set.cfg, &seg, 0, &out);
        if (take_output(r, -1, &closed, "the inbound segment (no connection: CLOSED)", res, &out)) return -1;
    }
    collect(r);
    return 0;
}

static int do_outbound(runner *r, const pkt_event *ev)
{
    const pkt_segment_line *want = &ev->seg;
    int64_t tol = r->set.tolerance_us;
    char w[128], g[256], t1[32], t2[32];
    const pending *p;
    uint32_t seq;
    int rc;
    if (advance(r, ev->time_us)) return -1;
    while (!r->pend_count && (rc = fire_one(r, ev->time_us + tol)) == 1) {}
    if (!r->pend_count && rc < 0) return -1;
    fmt_segment(w, sizeof w, want->flags, want->seq, want->len, want->has_ack, want->ack, want->has_win,
                want->win);
    fmt_time(t1, sizeof t1, ev->time_us);
    if (!r->pend_count) return fail(r, "expected > %s at %s, got no segment", w, t1);
    p = &r->pend[0];
    describe_pending(r, 0, g, sizeof g);
    seq = p->seg.seq - p->isn;
    if (p->seg.flags != want->flags || seq != want->seq || p->seg.len != want->len ||
        ((want->flags & TCPFSM_ACK) && p->seg.ack != want->ack) ||
        (want->has_win && wire_window(p->seg.wnd) != want->win))
        return fail(r, "expected > %s, got %s", w, g);
    if (p->time < ev->time_us - tol || p->time > ev->time_us + tol) {
        fmt_time(t2, sizeof t2, p->time);
        return fail(r, "expected > %s at %s (+/- %lld us), got it at %s", w, t1, (long long)tol, t2);
    }
    memmove(&r->pend[0], &r->pend[1], (size_t)(r->pend_count - 1) * sizeof r->pend[0]);
    r->pend_count--;
    return 0;
}

/* ---- system calls ---------------------------------------------------------- */

typedef struct result {
    long long ret;
    const char *err; /* errno name when ret == -1 */
} result;

static result ok(long long v)
{
    result x;
    x.ret = v;
    x.err = NULL;
    return x;
}

static result err_of(const char *e)
{
    result x;
    x.ret = -1;
    x.err = e;
    return x;
}

static int same_errno(const char *a, const char *b)
{
    if (!strcmp(a, "EAGAIN")) a = "EWOULDBLOCK";
    if (!strcmp(b, "EAGAIN")) b = "EWOULDBLOCK";
    return !strcmp(a, b);
}

static int arg_int(runner *r, const pkt_event *ev, int i, long long *v, const char *what)
{
    if (ev->arg[i].kind != PKT_ARG_INT) return fail(r, "%s: argument %d (%s) must be a number", ev->call, i + 1, what);
    *v = ev->arg[i].value;
    return 0;
}

static int arg_names(const pkt_event *ev, int i, const char *name)
{
    return ev->arg[i].kind == PKT_ARG_NAMES && !strcmp(ev->arg[i].text, name);
}

/* User calls on connection c, their output taken. */
static int call_close(runner *r, int c, tcpfsm_result *res)
{
    tcpfsm_output out;
    *res = tcpfsm_close(&r->conn[c].tcb, &r->set.cfg, &out);
    return take_output(r, c, &r->conn[c].tcb, "CLOSE", *res, &out);
}

static int call_abort(runner *r, int c)
{
    tcpfsm_output out;
    tcpfsm_result res = tcpfsm_abort(&r->conn[c].tcb, &r->set.cfg, &out);
    return take_output(r, c, &r->conn[c].tcb, "ABORT", res, &out);
}

static int call_receive(runner *r, int c, uint32_t n)
{
    tcpfsm_output out;
    tcpfsm_result res = tcpfsm_receive(&r->conn[c].tcb, &r->set.cfg, n, &out);
    return take_output(r, c, &r->conn[c].tcb, "RECEIVE", res, &out);
}

static int new_sock(runner *r, long long fd, int c, int nonblock)
{
    int i;
    if (fd < 0 || fd > 1023) return fail(r, "%s: a file descriptor must be from 0 to 1023", r->ev->call);
    if (find_sock(r, fd)) return fail(r, "%s: file descriptor %lld is already open in the script", r->ev->call, fd);
    for (i = 0; i < SOCK_MAX; i++) {
        if (!r->sock[i].used) {
            memset(&r->sock[i], 0, sizeof r->sock[i]);
            r->sock[i].used = 1;
            r->sock[i].fd = fd;
            r->sock[i].conn = c;
            r->sock[i].nonblock = nonblock;
            r->conn[c].fd = (int)fd;
            return 0;
        }
    }
    return fail(r, "more than %d open sockets", SOCK_MAX);
}

static int sys_socket(runner *r, const pkt_event *ev, result *x)
{
    int c;
    if (!arg_names(ev, 1, "SOCK_STREAM"))
        return fail(r, "socket: only SOCK_STREAM sockets are modelled");
    if (!(arg_names(ev, 2, "IPPROTO_TCP") || (ev->arg[2].kind == PKT_ARG_INT && ev->arg[2].value == 0)))
        return fail(r, "socket: the protocol must be IPPROTO_TCP");
    if (ev->ret < 0) return fail(r, "socket: only a successful socket() (= fd) is modelled");
    if ((c = new_conn(r)) < 0) return fail(r, "more than %d connections", CONN_MAX);
    if (new_sock(r, ev->ret, c, 0)) return -1;
    r->current_fd = ev->ret;
    r->have_current = 1;
    *x = ok(ev->ret);
    return 0;
}

static int sys_fcntl(runner *r, const pkt_event *ev, sock *s, result *x)
{
    if (arg_names(ev, 1, "F_GETFL")) {
        if (ev->argc != 2) return fail(r, "fcntl F_GETFL takes no third argument");
        *x = ok(FLAG_O_RDWR | (s->nonblock ? FLAG_O_NONBLOCK : 0));
        return 0;
    }
    if (arg_names(ev, 1, "F_SETFL")) {
        long long flags = 0;
        if (ev->argc != 3) return fail(r, "fcntl F_SETFL needs the flags");
        if (ev->arg[2].kind == PKT_ARG_INT) {
            flags = ev->arg[2].value;
        } else if (ev->arg[2].kind == PKT_ARG_NAMES) {
            const char *tok = ev->arg[2].text;
            while (*tok) {
                size_t m = strcspn(tok, "|");
                if (m == 6 && !strncmp(tok, "O_RDWR", 6)) flags |= FLAG_O_RDWR;
                else if (m == 10 && !strncmp(tok, "O_NONBLOCK", 10)) flags |= FLAG_O_NONBLOCK;
                else if (!(m == 8 && !strncmp(tok, "O_RDONLY", 8)))
                    return fail(r, "fcntl F_SETFL: flag %.*s is not modelled", (int)m, tok);
                tok += m;
                if (*tok) tok++;
            }
        } else {
            return fail(r, "fcntl F_SETFL: the flags must be a number or names");
        }
        s->nonblock = (flags & FLAG_O_NONBLOCK) != 0;
        *x = ok(0);
        return 0;
    }
    return fail(r, "fcntl: only F_GETFL and F_SETFL are modelled");
}

static int sys_setsockopt(runner *r, const pkt_event *ev, sock *s, result *x)
{
    if (arg_names(ev, 1, "SOL_SOCKET") &&
        (arg_names(ev, 2, "SO_REUSEADDR") || arg_names(ev, 2, "SO_REUSEPORT") || arg_names(ev, 2, "SO_KEEPALIVE"))) {
        *x = ok(0); /* no effect on the model: one 4-tuple, no keep-alives */
        return 0;
    }
    if (arg_names(ev, 1, "SOL_SOCKET") && arg_names(ev, 2, "SO_LINGER")) {
        const pkt_arg *a = &ev->arg[3];
        long long onoff = -1, linger = -1;
        int i;
        if (a->kind != PKT_ARG_STRUCT) return fail(r, "setsockopt SO_LINGER: expected {l_onoff=N, l_linger=N}");
        for (i = 0; i < a->field_count; i++) {
            if (!strcmp(a->field_name[i], "l_onoff") || !strcmp(a->field_name[i], "onoff")) onoff = a->field_value[i];
            else if (!strcmp(a->field_name[i], "l_linger") || !strcmp(a->field_name[i], "linger")) linger = a->field_value[i];
            else return fail(r, "setsockopt SO_LINGER: unknown field %s", a->field_name[i]);
        }
        if (onoff < 0 || linger < 0) return fail(r, "setsockopt SO_LINGER: expected {l_onoff=N, l_linger=N}");
        if (onoff && linger) return fail(r, "setsockopt SO_LINGER: only a zero linger time (close aborts) is modelled");
        s->linger0 = onoff != 0;
        *x = ok(0);
        return 0;
    }
    if (arg_names(ev, 1, "IPPROTO_TCP") && arg_names(ev, 2, "TCP_NODELAY")) {
        *x = ok(0); /* the model sends what it may at once */
        return 0;
    }
    return fail(r, "setsockopt: only SO_REUSEADDR, SO_REUSEPORT, SO_KEEPALIVE, SO_LINGER and TCP_NODELAY are modelled");
}

static int sys_getsockopt(runner *r, const pkt_event *ev, sock *s, result *x)
{
    conn *c = &r->conn[s->conn];
    if (!arg_names(ev, 1, "SOL_SOCKET")) return fail(r, "getsockopt: only SOL_SOCKET options are modelled");
    if (arg_names(ev, 2, "SO_RCVBUF") || arg_names(ev, 2, "SO_SNDBUF")) {
        *x = ok(0); /* the value is the kernel's buffer size: not checked */
        return 0;
    }
    if (arg_names(ev, 2, "SO_ERROR")) {
        const pkt_arg *a = &ev->arg[3];
        const char *have = c->so_error;
        if (a->kind != PKT_ARG_LIST) return fail(r, "getsockopt SO_ERROR: expected [0] or [ENAME]");
        c->so_error = NULL; /* reading SO_ERROR clears it */
        if (a->inner_kind == PKT_ARG_INT) {
            if (a->value != 0) return fail(r, "getsockopt SO_ERROR: expected [0] or [ENAME], not [%lld]", a->value);
            if (have) return fail(r, "expected SO_ERROR [0], got [%s]", have);
        } else {
            if (!have) return fail(r, "expected SO_ERROR [%s], got [0]", a->text);
            if (!same_errno(have, a->text)) return fail(r, "expected SO_ERROR [%s], got [%s]", a->text, have);
        }
        *x = ok(0);
        return 0;
    }
    return fail(r, "getsockopt: only SO_RCVBUF, SO_SNDBUF and SO_ERROR are modelled");
}

static int sys_listen(runner *r, sock *s, result *x)
{
    conn *c = &r->conn[s->conn];
    tcpfsm_output out;
    tcpfsm_result res;
    if (c->listener) {
        *x = ok(0);
        return 0;
    }
    if (c->tcb.state != TCPFSM_CLOSED) {
        *x = err_of("EINVAL");
        return 0;
    }
    res = tcpfsm_open(&c->tcb, &r->set.cfg, 0, 0, &out);
    if (take_output(r, s->conn, &c->tcb, "OPEN (passive)", res, &out)) return -1;
    if (res != TCPFSM_OK) return fail(r, "listen: the model's passive OPEN returned '%s'", tcpfsm_result_name(res));
    c->listener = 1;
    *x = ok(0);
    return 0;
}

static int sys_connect(runner *r, sock *s, result *x)
{
    conn *c = &r->conn[s->conn];
    tcpfsm_output out;
    tcpfsm_result res;
    if (c->listener) {
        *x = err_of("EINVAL");
        return 0;
    }
    if (c->tcb.state != TCPFSM_CLOSED) {
        *x = err_of(c->tcb.state == TCPFSM_SYN_SENT || c->tcb.state == TCPFSM_SYN_RECEIVED ? "EALREADY" : "EISCONN");
        return 0;
    }
    if (c->disconnected) {
        *x = err_of("EINVAL");
        return 0;
    }
    if (!s->nonblock) return fail(r, "connect() on a blocking socket would wait: the runner needs O_NONBLOCK");
    res = tcpfsm_open(&c->tcb, &r->set.cfg, 1, choose_iss(r), &out);
    if (take_output(r, s->conn, &c->tcb, "OPEN (active)", res, &out)) return -1;
    if (res != TCPFSM_OK) return fail(r, "connect: the model's active OPEN returned '%s'", tcpfsm_result_name(res));
    *x = err_of("EINPROGRESS");
    return 0;
}

static int sys_accept(runner *r, const pkt_event *ev, sock *s, result *x)
{
    int i, best = -1;
    if (!r->conn[s->conn].listener) {
        *x = err_of("EINVAL");
        return 0;
    }
    for (i = 0; i < CONN_MAX; i++) {
        const conn *c = &r->conn[i];
        if (c->used && c->parent == s->conn && c->tcb.state != TCPFSM_SYN_RECEIVED &&
            c->tcb.state != TCPFSM_CLOSED && (best < 0 || c->order < r->conn[best].order))
            best = i;
    }
    if (best < 0) {
        if (!s->nonblock) return fail(r, "accept() on a blocking socket with no connection ready would wait");
        *x = err_of("EWOULDBLOCK");
        return 0;
    }
    if (ev->ret < 0) return fail(r, "expected accept() = -1 %s, got a connection (fd unknown)", ev->err);
    r->conn[best].parent = -1;
    if (new_sock(r, ev->ret, best, s->nonblock)) return -1; /* FreeBSD: the new socket inherits O_NONBLOCK */
    r->current_fd = ev->ret;
    *x = ok(ev->ret);
    return 0;
}

static int sys_read(runner *r, const pkt_event *ev, sock *s, result *x)
{
    conn *c = &r->conn[s->conn];
    long long n = 0;
    if (arg_int(r, ev, 2, &n, "the byte count")) return -1;
    if (n < 0) return fail(r, "read: negative byte count");
    if (c->listener) {
        *x = err_of("ENOTCONN");
        return 0;
    }
    if (c->unread && n) {
        uint64_t take = c->unread < (uint64_t)n ? c->unread : (uint64_t)n;
        if (c->tcb.state != TCPFSM_CLOSED) {
            if (take > c->tcb.rcv_unread)
                return fail(r, "read: the socket holds %llu unread bytes but the model's rcv_unread is %u",
                            (unsigned long long)c->unread, c->tcb.rcv_unread);
            if (call_receive(r, s->conn, (uint32_t)take)) return -1;
        }
        c->unread -= take;
        *x = ok((long long)take);
        return 0;
    }
    if (c->so_error) {
        *x = err_of(c->so_error);
        c->so_error = NULL;
        return 0;
    }
    if (c->eof || (c->tcb.state == TCPFSM_CLOSED && c->disconnected)) {
        *x = ok(0);
        return 0;
    }
    if (c->tcb.state == TCPFSM_CLOSED) {
        *x = err_of("ENOTCONN");
        return 0;
    }
    if (!s->nonblock) return fail(r, "read() on a blocking socket with no data would wait: the runner needs O_NONBLOCK");
    *x = err_of("EWOULDBLOCK");
    return 0;
}

static int sys_write(runner *r, const pkt_event *ev, sock *s, result *x)
{
    conn *c = &r->conn[s->conn];
    tcpfsm_output out;
    tcpfsm_result res;
    long long n = 0;
    if (arg_int(r, ev, 2, &n, "the byte count")) return -1;
    if (n < 0 || n > TCPFSM_MAX_WINDOW) return fail(r, "write: byte count out of range");
    if (c->so_error) {
        *x = err_of(c->so_error);
        c->so_error = NULL;
        return 0;
    }
    if (s->shut_wr) {
        *x = err_of("EPIPE");
        return 0;
    }
    if (c->listener || c->tcb.state == TCPFSM_CLOSED) {
        *x = err_of(c->disconnected ? "EPIPE" : "ENOTCONN");
        return 0;
    }
    res = tcpfsm_send(&c->tcb, &r->set.cfg, (uint32_t)n, &out);
    if (take_output(r, s->conn, &c->tcb, "SEND", res, &out)) return -1;
    switch (res) {
    case TCPFSM_OK: *x = ok(n); break;
    case TCPFSM_ERR_CLOSING: *x = err_of("EPIPE"); break;
    case TCPFSM_ERR_INSUFFICIENT_RESOURCES: *x = err_of("ENOBUFS"); break;
    default: *x = err_of("ENOTCONN"); break;
    }
    return 0;
}

static int sys_shutdown(runner *r, const pkt_event *ev, sock *s, result *x)
{
    conn *c = &r->conn[s->conn];
    tcpfsm_result res;
    int how;
    if (arg_names(ev, 1, "SHUT_WR") || (ev->arg[1].kind == PKT_ARG_INT && ev->arg[1].value == 1)) how = 1;
    else if (arg_names(ev, 1, "SHUT_RDWR") || (ev->arg[1].kind == PKT_ARG_INT && ev->arg[1].value == 2)) how = 2;
    else if (arg_names(ev, 1, "SHUT_RD") || (ev->arg[1].kind == PKT_ARG_INT && ev->arg[1].value == 0))
        return fail(r, "shutdown SHUT_RD is not modelled (the model has no receive-side shutdown)");
    else return fail(r, "shutdown: expected SHUT_WR or SHUT_RDWR");
    (void)how;
    if (c->listener || c->tcb.state == TCPFSM_CLOSED) {
        *x = err_of("ENOTCONN");
        return 0;
    }
    if (!s->shut_wr) {
        if (call_close(r, s->conn, &res)) return -1;
        if (res != TCPFSM_OK && res != TCPFSM_ERR_CLOSING)
            return fail(r, "shutdown: the model's CLOSE returned '%s'", tcpfsm_result_name(res));
        s->shut_wr = 1;
    }
    *x = ok(0);
    return 0;
}

static int sys_close(runner *r, sock *s, result *x)
{
    int ci = s->conn, i;
    conn *c = &r->conn[ci];
    tcpfsm_result res;
    if (c->listener) {
        for (i = 0; i < CONN_MAX; i++) {
            conn *k = &r->conn[i];
            if (!k->used || k->parent != ci) continue;
            /* FreeBSD's syncache forgets embryonic connections silently;
             * completed ones not yet accepted are aborted (RST). */
            if (k->tcb.state == TCPFSM_SYN_RECEIVED && !r->set.close_embryonic_rst) {
                k->used = 0;
                continue;
            }
            if (k->tcb.state != TCPFSM_CLOSED && call_abort(r, i)) return -1;
            k->parent = -1;
        }
        if (call_close(r, ci, &res)) return -1;
        c->listener = 0;
    } else if (c->tcb.state != TCPFSM_CLOSED) {
        if (s->linger0 || (c->tcb.rcv_unread && r->set.close_unread_rst)) {
            if (call_abort(r, ci)) return -1;
        } else {
            /* BSD: closing discards what was received and not read. */
            if (c->tcb.rcv_unread && call_receive(r, ci, c->tcb.rcv_unread)) return -1;
            c->unread = 0;
            if (!s->shut_wr && call_close(r, ci, &res)) return -1;
        }
    }
    c->fd = -1;
    s->used = 0;
    collect(r);
    if (c->used && c->tcb.state == TCPFSM_CLOSED && !c->listener) c->used = 0;
    *x = ok(0);
    return 0;
}

static int do_syscall(runner *r, const pkt_event *ev)
{
    result x = ok(0);
    sock *s = NULL;
    long long fd = 0;
    char got[64], want[64];
    int rc = 0;
    if (advance(r, ev->time_us)) return -1;
    if (!strcmp(ev->call, "socket")) {
        rc = sys_socket(r, ev, &x);
    } else {
        if (arg_int(r, ev, 0, &fd, "the file descriptor")) return -1;
        s = find_sock(r, fd);
        if (!s) {
            x = err_of("EBADF");
        } else {
            r->current_fd = fd;
            r->have_current = 1;
            if (!strcmp(ev->call, "fcntl")) rc = sys_fcntl(r, ev, s, &x);
            else if (!strcmp(ev->call, "setsockopt")) rc = sys_setsockopt(r, ev, s, &x);
            else if (!strcmp(ev->call, "getsockopt")) rc = sys_getsockopt(r, ev, s, &x);
            else if (!strcmp(ev->call, "bind")) {
                if (s->bound || r->conn[s->conn].tcb.state != TCPFSM_CLOSED || r->conn[s->conn].listener) x = err_of("EINVAL");
                else s->bound = 1;
            } else if (!strcmp(ev->call, "listen")) rc = sys_listen(r, s, &x);
            else if (!strcmp(ev->call, "connect")) rc = sys_connect(r, s, &x);
            else if (!strcmp(ev->call, "accept")) rc = sys_accept(r, ev, s, &x);
            else if (!strcmp(ev->call, "read")) rc = sys_read(r, ev, s, &x);
            else if (!strcmp(ev->call, "write")) rc = sys_write(r, ev, s, &x);
            else if (!strcmp(ev->call, "shutdown")) rc = sys_shutdown(r, ev, s, &x);
            else if (!strcmp(ev->call, "close")) rc = sys_close(r, s, &x);
            else rc = fail(r, "system call %s is not modelled", ev->call);
        }
    }
    if (rc) return -1;
    collect(r);
    if (x.ret == ev->ret && (x.ret != -1 || (x.err && same_errno(x.err, ev->err)))) return 0;
    if (x.ret == -1) snprintf(got, sizeof got, "-1 %s", x.err ? x.err : "?");
    else snprintf(got, sizeof got, "%lld", x.ret);
    if (ev->ret == -1) snprintf(want, sizeof want, "-1 %s", ev->err);
    else snprintf(want, sizeof want, "%lld", ev->ret);
    return fail(r, "expected %s() = %s, got %s", ev->call, want, got);
}

/* ---- commands -------------------------------------------------------------------- */

/* sysctl knobs that map onto the model are handled in do_sysctl; these
 * change nothing the model does or the runner compares, at the values
 * given (-1: any value). */
/* clang-format off */
static const struct { const char *name; long long only; const char *why; } no_effect_sysctl[] = {
    {"net.inet.tcp.rfc1323", -1, "window scaling and timestamps: options are not compared"},
    {"net.inet.tcp.sack.enable", -1, "SACK: options are not compared"},
    {"net.inet.tcp.ecn.enable", 2, "2 answers only ECN the peer asks for, and ECN flags are rejected"},
    {"net.inet.tcp.blackhole", 0, "0 answers closed ports with RST, as the model does"},
    {"kern.ipc.maxsockbuf", -1, "a ceiling far above the model's windows"},
    {"net.inet.tcp.sendspace", -1, "the model queues up to 2^30 bytes"},
    {"net.inet.tcp.hostcache.purgenow", -1, "the model keeps no per-host metrics"},
    {"net.inet.tcp.hostcache.enable", -1, "the model keeps no per-host metrics"},
    {"net.inet.tcp.syncookies", -1, "the model never runs out of connection slots"},
    {"net.inet.tcp.tolerate_missing_ts", -1, "timestamps are not modelled"},
    {"net.inet.tcp.nolocaltimewait", -1, "only for loopback connections"},
    {"net.inet.tcp.path_mtu_discovery", -1, "IP-level"},
};
/* clang-format on */

static int do_sysctl(runner *r, const pkt_event *ev)
{
    tcpfsm_config cfg = r->set.cfg;
    long long v = ev->value;
    size_t i;
    if (advance(r, ev->time_us)) return -1;
    if (!strcmp(ev->name, "net.inet.tcp.insecure_rst")) {
        cfg.rst_mitigation = v ? 0 : 1; /* RFC 5961 s3 unless insecure */
    } else if (!strcmp(ev->name, "net.inet.tcp.insecure_syn")) {
        cfg.syn_mitigation = v ? 0 : 1; /* RFC 5961 s4 unless insecure */
    } else if (!strcmp(ev->name, "net.inet.tcp.drop_synfin")) {
        cfg.drop_synfin = v ? 1 : 0;
    } else if (!strcmp(ev->name, "net.inet.tcp.rexmit_initial")) {
        if (v < 1 || v > 0xFFFFFFFFll) return fail(r, "sysctl %s=%lld: out of range", ev->name, v);
        cfg.rto_initial_ms = (uint32_t)v;
    } else if (!strcmp(ev->name, "net.inet.tcp.rexmit_max")) {
        if (v < 1 || v > 0xFFFFFFFFll) return fail(r, "sysctl %s=%lld: out of range", ev->name, v);
        cfg.rto_max_ms = (uint32_t)v;
    } else if (!strcmp(ev->name, "net.inet.tcp.msl")) {
        if (v < 1 || v > 0x7FFFFFFFll) return fail(r, "sysctl %s=%lld: out of range", ev->name, v);
        cfg.msl_ms = (uint32_t)v;
    } else if (!strcmp(ev->name, "net.inet.tcp.recvspace")) {
        uint64_t w = (uint64_t)(v < 1 ? 1 : v), q = r->set.rcvbuf_round;
        if (v < 1 || v > TCPFSM_MAX_WINDOW) return fail(r, "sysctl %s=%lld: out of range", ev->name, v);
        if (q) w = (w + q - 1) / q * q;
        cfg.rcv_wnd = (uint32_t)(w > TCPFSM_MAX_WINDOW ? TCPFSM_MAX_WINDOW : w);
    } else {
        for (i = 0; i < sizeof no_effect_sysctl / sizeof no_effect_sysctl[0]; i++) {
            if (strcmp(ev->name, no_effect_sysctl[i].name)) continue;
            if (no_effect_sysctl[i].only >= 0 && v != no_effect_sysctl[i].only)
                return fail(r, "sysctl %s=%lld is not modelled (only %lld: %s)", ev->name, v,
                            no_effect_sysctl[i].only, no_effect_sysctl[i].why);
            return 0;
        }
        return fail(r, "sysctl %s is not known to the runner (neither mapped onto the model nor listed as having no effect)",
                    ev->name);
    }
    if (tcpfsm_config_check(&cfg) != TCPFSM_OK)
        return fail(r, "sysctl %s=%lld gives a configuration the model rejects", ev->name, v);
    r->set.cfg = cfg;
    return 0;
}

/* One line of sockstat output per socket and per connection without one. */
static int sockstat_lines(const runner *r, const pkt_event *ev, char line[][128], int max)
{
    int n = 0, i;
    const char *proto = r->set.ip_version == 6 ? "tcp6" : "tcp4";
    if ((ev->ss_ipv4 && !ev->ss_ipv6 && r->set.ip_version != 4) ||
        (ev->ss_ipv6 && !ev->ss_ipv4 && r->set.ip_version != 6))
        return 0;
    snprintf(line[n++], 128, "USER     COMMAND    PID   FD PROTO  LOCAL ADDRESS         FOREIGN ADDRESS      %s",
             ev->ss_state ? "STATE" : "");
    for (i = 0; i < CONN_MAX && n < max; i++) {
        const conn *c = &r->conn[i];
        const sock *s = NULL;
        char owner[48], local[32], foreign[32];
        unsigned lport = 0, fport = 0;
        int j, port_ok, state = c->tcb.state;
        if (!c->used) continue;
        for (j = 0; j < SOCK_MAX; j++)
            if (r->sock[j].used && r->sock[j].conn == i) s = &r->sock[j];
        if (c->listener) {
            lport = 8080;
            state = TCPFSM_LISTEN;
        } else if (c->passive) {
            lport = 8080, fport = 49152;
        } else if (state != TCPFSM_CLOSED || c->disconnected) {
            lport = 49152, fport = 8080;
        } else if (s && s->bound) {
            lport = 8080;
        }
        if (ev->ss_listen && state != TCPFSM_LISTEN) continue;
        if (ev->ss_connected && !fport) continue;
        port_ok = !ev->port_count;
        for (j = 0; j < ev->port_count; j++)
            if ((lport && ev->port[j] == lport) || (fport && ev->port[j] == fport)) port_ok = 1;
        if (!port_ok) continue;
        if (s) snprintf(owner, sizeof owner, "root     packetdril 1     %-3lld", s->fd);
        else snprintf(owner, sizeof owner, "?        ?          ?     ?  ");
        if (lport) snprintf(local, sizeof local, "192.168.0.1:%u", lport);
        else snprintf(local, sizeof local, "*:*");
        if (fport) snprintf(foreign, sizeof foreign, "192.0.2.1:%u", fport);
        else snprintf(foreign, sizeof foreign, "*:*");
        snprintf(line[n++], 128, "%s %-6s %-21s %-20s %s", owner, proto, local, foreign,
                 ev->ss_state ? pkt_bsd_state_name(state) : "");
    }
    return n;
}

static int do_sockstat(runner *r, const pkt_event *ev)
{
    char line[CONN_MAX + 2][128];
    char note[PKT_MESSAGE_MAX / 2];
    size_t used = 0;
    int n, i, status = 0;
    if (advance(r, ev->time_us)) return -1;
    n = sockstat_lines(r, ev, line, CONN_MAX + 2);
    note[0] = 0;
    for (i = 0; i < ev->stage_count; i++) {
        const pkt_grep *g = &ev->stage[i];
        int j, kept = 0;
        for (j = 0; j < n; j++) {
            int match = strstr(line[j], g->pattern) != NULL;
            if (match != g->invert) {
                if (!g->count && kept != j) memcpy(line[kept], line[j], sizeof line[0]);
                kept++;
            }
        }
        status = kept ? 0 : 1;
        if (g->count) {
            snprintf(line[0], sizeof line[0], "%d", kept);
            n = 1;
            if (used < sizeof note)
                used += (size_t)snprintf(note + used, sizeof note - used, "%sgrep -c %s counted %d", used ? ", " : "",
                                         g->pattern, kept);
        } else {
            n = kept;
            if (used < sizeof note && i == ev->stage_count - 1)
                used += (size_t)snprintf(note + used, sizeof note - used, "%sgrep %s matched %s", used ? ", " : "",
                                         g->pattern, kept ? "" : "nothing");
        }
    }
    if (ev->stage_count == 0) status = 0;
    if (status == 0) return 0;
    return fail(r, "expected `%s` to succeed, got exit status 1 (%s)", ev->text, note);
}

static int do_tcpdrop(runner *r, const pkt_event *ev)
{
    int i, want = strcmp(ev->name, "-a") ? pkt_bsd_state_parse(ev->name) : -1;
    if (advance(r, ev->time_us)) return -1;
    for (i = 0; i < CONN_MAX; i++) {
        conn *c = &r->conn[i];
        if (!c->used || c->listener || c->tcb.state == TCPFSM_CLOSED) continue;
        if (want >= 0 && c->tcb.state != want) continue;
        if (call_abort(r, i)) return -1;
    }
    collect(r);
    return 0;
}

static int do_assert(runner *r, const pkt_event *ev)
{
    const sock *s;
    int state;
    if (advance(r, ev->time_us)) return -1;
    if (!r->have_current || !(s = find_sock(r, r->current_fd)))
        return fail(r, "%s: no open socket to ask (the last system call named none)", ev->text);
    state = r->conn[s->conn].listener ? TCPFSM_LISTEN : r->conn[s->conn].tcb.state;
    if ((state == ev->assert_state) == (ev->assert_equal != 0)) return 0;
    return fail(r, "expected tcpi_state %s %s (fd %lld), got %s", ev->assert_equal ? "==" : "!=",
                tcpfsm_state_name(ev->assert_state), s->fd, tcpfsm_state_name(state));
}

int pkt_script_run(const pkt_script *s, const pkt_settings *settings, char *err, size_t errlen)
{
    runner *r = calloc(1, sizeof *r);
    size_t i;
    int rc = 0;
    if (!r) {
        snprintf(err, errlen, "%s: out of memory", s->file);
        return -1;
    }
    r->script = s;
    r->set = *settings;
    r->firing = -1;
    r->err = err;
    r->errlen = errlen;
    if (errlen) err[0] = 0;
    if (tcpfsm_config_check(&r->set.cfg) != TCPFSM_OK) {
        snprintf(err, errlen, "%s: the options give a configuration the model rejects", s->file);
        free(r);
        return -1;
    }
    for (i = 0; i < s->event_count && rc == 0; i++) {
        const pkt_event *ev = &s->event[i];
        r->ev = ev;
        switch (ev->kind) {
        case PKT_EV_INBOUND: rc = do_inbound(r, ev); break;
        case PKT_EV_OUTBOUND: rc = do_outbound(r, ev); break;
        case PKT_EV_SYSCALL: rc = do_syscall(r, ev); break;
        case PKT_EV_SYSCTL: rc = do_sysctl(r, ev); break;
        case PKT_EV_SOCKSTAT: rc = do_sockstat(r, ev); break;
        case PKT_EV_TCPDROP: rc = do_tcpdrop(r, ev); break;
        case PKT_EV_ASSERT: rc = do_assert(r, ev); break;
        default: rc = fail(r, "internal: unknown event kind %d", (int)ev->kind); break;
        }
    }
    if (rc == 0) rc = no_unexpected(r, "after the last line of the script");
    free(r);
    return rc;
}
