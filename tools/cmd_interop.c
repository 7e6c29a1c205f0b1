/* tcpfsm interop: the model against the Linux kernel's own TCP.
 *
 * The process creates a private network namespace, moves into it, and opens
 * a TUN device there (tools/net_env.c). The kernel owns 192.0.2.1 on the
 * TUN device; the model is 192.0.2.2 on the other side of it: every packet
 * the kernel sends to 192.0.2.2 comes out of the TUN fd, goes through the
 * wire codec into the core, and what the core emits is encoded and written
 * back. Kernel sockets run in the same process (the namespace is ours), so
 * each scenario is one deterministic loop: act (a kernel socket call or a
 * model user call), pump packets and timers until both ends reach the states
 * the RFC predicts, compare, next step. The kernel's state comes from
 * sock_diag (what `ss` shows), which also sees orphaned sockets in
 * FIN-WAIT-2, LAST-ACK and TIME-WAIT.
 *
 * Timers are real: the core's timer requests become deadlines on
 * CLOCK_MONOTONIC, with a short RTO and MSL so a run takes seconds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "commands.h"
#include "net_env.h"
#include "tcpfsm.h"
#include "tcpfsm_wire.h"
#include "wire_pcap.h"

#define KERNEL_ADDR "192.0.2.1"
#define MODEL_ADDR "192.0.2.2"
#define KERNEL_ADDR6 "2001:db8::1"
#define MODEL_ADDR6 "2001:db8::2"
#define STEP_TIMEOUT_MS 4000
/* RFC 9293 3.7.1: MTU 1500 less the IP and TCP headers */
#define OUR_MSS(w) ((w)->v6 ? 1440 : 1460)

/* ---- the model endpoint ------------------------------------------------- */

typedef struct endpoint {
    tcpfsm_tcb tcb;
    tcpfsm_config cfg;
    int64_t deadline[TCPFSM_TIMER_COUNT]; /* ms on CLOCK_MONOTONIC, -1 = stopped */
    uint16_t port, peer_port;
    uint8_t secret[16];
    uint64_t sent;       /* bytes the user SENT */
    uint64_t acked;      /* bytes acknowledged (N_ACKED) */
    uint64_t received;   /* bytes delivered (N_HELD_DATA, N_DATA), checked against the
                            kernel's pattern */
    uint8_t held[65535]; /* text of the kernel's SYN kept at N_HOLD until N_HELD_DATA (Linux
                            puts none on a SYN without TCP Fast Open; kept for the contract) */
    int bad_data;        /* a delivered byte differed */
    uint32_t notified;   /* every TCPFSM_N_* seen */
    int retransmits;     /* TIMEOUT_RETRANSMIT events */
    uint8_t drop_out;    /* drop the next segment we emit that has these flags */
    uint8_t drop_in;     /* drop the next arriving segment that has these flags */
    int deaf;            /* the model's host is gone: arriving segments are only counted */
    int hold_reads;      /* the model's application does not read: the window closes */
    unsigned visited;    /* bit s set: the model's trace passed through state s */
    int dropped;
} endpoint;

typedef struct world {
    int tun;
    FILE *pcap;
    int verbose;
    int v6;              /* this scenario runs over IPv6 */
    endpoint m;
    int kfd;             /* kernel connection socket, -1 if none */
    int klisten;         /* kernel listening socket, -1 if none */
    uint16_t kport;      /* the kernel's port of this scenario */
    uint64_t ksent;      /* bytes the kernel wrote */
    uint64_t ktarget;    /* bytes the kernel is to write */
    uint64_t kread;      /* bytes the kernel read, checked against the model's pattern */
    int kread_on;        /* the kernel application reads */
    int keof, kerr, kbad;
    tcpfsm_segment last_in;  /* the last segment the kernel sent the model */
    unsigned in_count;
    char fail[512];
} world;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t now_us_real(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* What each side sends: byte i of the model's stream and of the kernel's. */
static uint8_t model_byte(uint64_t i) { return (uint8_t)(i * 7u + 1u); }
static uint8_t kernel_byte(uint64_t i) { return (uint8_t)(i * 13u + 5u); }

/* The model's or the kernel's address, IPv4 as ::ffff:a.b.c.d. */
static void set_addr(uint8_t a[16], int v6, int model)
{
    memset(a, 0, 16);
    if (v6) {
        inet_pton(AF_INET6, model ? MODEL_ADDR6 : KERNEL_ADDR6, a);
    } else {
        a[10] = a[11] = 0xFF;
        inet_pton(AF_INET, model ? MODEL_ADDR : KERNEL_ADDR, a + 12);
    }
}

static void fail(world *w, const char *fmt, ...)
{
    va_list ap;
    if (w->fail[0])
        return; /* keep the first */
    va_start(ap, fmt);
    vsnprintf(w->fail, sizeof w->fail, fmt, ap);
    va_end(ap);
}

static void emit(world *w, const tcpfsm_segment *seg)
{
    endpoint *m = &w->m;
    tcpfsm_wire_packet p;
    static uint8_t payload[65536], buf[70000];
    size_t n = 0;
    uint32_t k, off;

    if (m->drop_out && (seg->flags & m->drop_out) == m->drop_out) {
        m->drop_out = 0;
        m->dropped++;
        if (w->verbose)
            printf("    drop  model -> kernel seq=%u flags=0x%02x (deliberately)\n", seg->seq, seg->flags);
        return;
    }
    memset(&p, 0, sizeof p);
    p.ip_version = (uint8_t)(w->v6 ? 6 : 4);
    p.ttl = 64;
    set_addr(p.src, w->v6, 1);
    set_addr(p.dst, w->v6, 0);
    p.src_port = m->port;
    p.dst_port = m->peer_port;
    tcpfsm_wire_from_segment(seg, 0, &p);
    if (seg->flags & TCPFSM_SYN) {
        p.opt.has_mss = 1; /* RFC 9293 3.7.1: what we can receive */
        p.opt.mss = (uint16_t)OUR_MSS(w);
    }
    if (!(seg->flags & TCPFSM_ACK))
        p.ack = 0;
    /* A data segment with sequence number s carries stream offset s - (ISS + 1) */
    off = seg->seq - (m->tcb.iss + 1u);
    for (k = 0; k < seg->len && k < sizeof payload; k++)
        payload[k] = model_byte((uint64_t)off + k);
    if (tcpfsm_wire_encode(&p, payload, seg->len, buf, sizeof buf, &n) != TCPFSM_WIRE_OK) {
        fail(w, "cannot encode a segment of %u bytes", seg->len);
        return;
    }
    if (w->pcap)
        wire_pcap_write(w->pcap, buf, n, now_us_real());
    if (w->verbose)
        printf("    model -> kernel seq=%u ack=%u flags=0x%02x wnd=%u len=%u\n", seg->seq, seg->ack,
               seg->flags, seg->wnd, seg->len);
    if (write(w->tun, buf, n) != (ssize_t)n)
        fail(w, "write to TUN: %s", strerror(errno));
}

/* A segment from the model's address that the core did not make: what a
 * blind attacker or a stale duplicate would send (RFC 5961, RFC 9293 3.10.7.4). */
static void inject(world *w, uint8_t flags, uint32_t seq, uint32_t ack)
{
    tcpfsm_wire_packet p;
    uint8_t buf[128];
    size_t n = 0;
    memset(&p, 0, sizeof p);
    p.ip_version = (uint8_t)(w->v6 ? 6 : 4);
    p.ttl = 64;
    set_addr(p.src, w->v6, 1);
    set_addr(p.dst, w->v6, 0);
    p.src_port = w->m.port;
    p.dst_port = w->m.peer_port;
    p.flags = flags;
    p.seq = seq;
    p.ack = (flags & TCPFSM_ACK) ? ack : 0;
    p.window = 8192;
    if (tcpfsm_wire_encode(&p, NULL, 0, buf, sizeof buf, &n) != TCPFSM_WIRE_OK) {
        fail(w, "cannot encode an injected segment");
        return;
    }
    if (w->pcap)
        wire_pcap_write(w->pcap, buf, n, now_us_real());
    if (w->verbose)
        printf("    inject model -> kernel seq=%u ack=%u flags=0x%02x\n", seq, ack, flags);
    if (write(w->tun, buf, n) != (ssize_t)n)
        fail(w, "write to TUN: %s", strerror(errno));
}

/* Carry out what one core call asked for. */
static void apply(world *w, const tcpfsm_output *out, const uint8_t *payload)
{
    endpoint *m = &w->m;
    int i;
    int64_t t = now_ms();
    for (i = 0; i < out->event_count; i++) {
        if (out->event[i] == TCPFSM_EV_TIMEOUT_RETRANSMIT)
            m->retransmits++;
        m->visited |= 1u << (out->state_after[i] & 31u);
        if (w->verbose)
            printf("    model %s -> %s\n", tcpfsm_event_name(out->event[i]),
                   tcpfsm_state_name(out->state_after[i]));
    }
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++) {
        if (out->timer[i].op == TCPFSM_TIMER_ARM)
            m->deadline[i] = t + out->timer[i].ms;
        else if (out->timer[i].op == TCPFSM_TIMER_CANCEL)
            m->deadline[i] = -1;
    }
    m->notified |= out->notify;
    if (out->notify & TCPFSM_N_ACKED)
        m->acked += out->acked;
    if ((out->notify & TCPFSM_N_HOLD) && payload) /* text on a SYN in SYN-SENT: keep it */
        memcpy(m->held, payload, out->held_len);
    if (out->notify & TCPFSM_N_HELD_DATA) { /* ESTABLISHED: the kept text is data, first */
        uint32_t k;
        for (k = 0; k < out->held_len; k++)
            if (m->held[k] != kernel_byte(m->received + k))
                m->bad_data = 1;
        m->received += out->held_len;
    }
    if ((out->notify & TCPFSM_N_DATA) && payload) {
        uint32_t k;
        for (k = 0; k < out->rcv_len; k++)
            if (payload[out->rcv_offset + k] != kernel_byte(m->received + k))
                m->bad_data = 1;
        m->received += out->rcv_len;
    }
    for (i = 0; i < out->segment_count; i++)
        emit(w, &out->segment[i]);
    /* the application reads at once: give the window back */
    if ((out->notify & (TCPFSM_N_DATA | TCPFSM_N_HELD_DATA)) && m->tcb.rcv_unread > 0 &&
        !m->hold_reads) {
        tcpfsm_output o2;
        if (tcpfsm_receive(&m->tcb, &m->cfg, m->tcb.rcv_unread, &o2) == TCPFSM_OK)
            apply(w, &o2, NULL);
    }
}

static void model_input(world *w, const uint8_t *buf, size_t n)
{
    endpoint *m = &w->m;
    tcpfsm_wire_packet p;
    tcpfsm_segment seg;
    tcpfsm_output out;
    tcpfsm_wire_error e;
    uint32_t iss = 0;

    e = tcpfsm_wire_decode(buf, n, 0, &p);
    if (e != TCPFSM_WIRE_OK && w->pcap)
        wire_pcap_write(w->pcap, buf, n, now_us_real());
    if (e != TCPFSM_WIRE_OK) {
        if (w->verbose)
            printf("    (not a TCP segment for the model: %s)\n", tcpfsm_wire_error_name(e));
        return;
    }
    if (p.dst_port != m->port ||
        (m->tcb.state != TCPFSM_LISTEN && m->tcb.state != TCPFSM_CLOSED && p.src_port != m->peer_port)) {
        if (w->pcap)
            wire_pcap_write(w->pcap, buf, n, now_us_real());
        return;
    }
    tcpfsm_wire_to_segment(&p, 0, &seg);
    w->last_in = seg;
    w->in_count++;
    if (m->deaf) {
        if (w->pcap)
            wire_pcap_write(w->pcap, buf, n, now_us_real());
        return;
    }
    if (w->verbose)
        printf("    kernel -> model seq=%u ack=%u flags=0x%02x wnd=%u len=%u\n", seg.seq, seg.ack,
               seg.flags, seg.wnd, seg.len);
    if (m->drop_in && (seg.flags & m->drop_in) == m->drop_in) {
        /* lost on the wire: the capture, taken at the model's end, never sees it */
        m->drop_in = 0;
        m->dropped++;
        if (w->verbose)
            printf("    drop  kernel -> model (deliberately)\n");
        return;
    }
    if (w->pcap)
        wire_pcap_write(w->pcap, buf, n, now_us_real());
    if (m->tcb.state == TCPFSM_LISTEN || m->tcb.state == TCPFSM_CLOSED ||
        m->tcb.state == TCPFSM_SYN_SENT)
        m->peer_port = p.src_port;
    if ((seg.flags & TCPFSM_SYN) && p.opt.has_mss && p.opt.mss > 0)
        m->cfg.mss = p.opt.mss < OUR_MSS(w) ? p.opt.mss : (uint16_t)OUR_MSS(w);
    if (m->tcb.state == TCPFSM_LISTEN && (seg.flags & TCPFSM_SYN)) {
        tcpfsm_endpoints ends;
        memset(&ends, 0, sizeof ends);
        memcpy(ends.local_addr, p.dst, 16);
        memcpy(ends.remote_addr, p.src, 16);
        ends.local_port = p.dst_port;
        ends.remote_port = p.src_port;
        iss = tcpfsm_isn(m->secret, &ends, (uint64_t)now_ms() * 1000u);
    }
    if (tcpfsm_segment_arrives(&m->tcb, &m->cfg, &seg, iss, &out) != TCPFSM_OK) {
        fail(w, "core refused a segment from the kernel");
        return;
    }
    apply(w, &out, buf + p.payload_offset);
}

static void model_timers(world *w)
{
    endpoint *m = &w->m;
    int i;
    int64_t t = now_ms();
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++) {
        if (m->deadline[i] >= 0 && m->deadline[i] <= t) {
            tcpfsm_output out;
            m->deadline[i] = -1;
            if (tcpfsm_timer_fired(&m->tcb, &m->cfg, (tcpfsm_timer)i, &out) == TCPFSM_OK)
                apply(w, &out, NULL);
        }
    }
}

/* ---- the kernel application ---------------------------------------------- */

static void kernel_io(world *w)
{
    uint8_t buf[16384];
    if (w->kfd < 0)
        return;
    while (w->ksent < w->ktarget) {
        size_t n = sizeof buf, k;
        ssize_t r;
        if (w->ktarget - w->ksent < n)
            n = (size_t)(w->ktarget - w->ksent);
        for (k = 0; k < n; k++)
            buf[k] = kernel_byte(w->ksent + k);
        r = send(w->kfd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (r <= 0)
            break;
        w->ksent += (uint64_t)r;
    }
    while (w->kread_on && !w->keof) {
        ssize_t r = recv(w->kfd, buf, sizeof buf, MSG_DONTWAIT), k;
        if (r == 0) {
            w->keof = 1;
        } else if (r < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                w->kerr = errno;
            break;
        } else {
            for (k = 0; k < r; k++)
                if (buf[k] != model_byte(w->kread + (uint64_t)k))
                    w->kbad = 1;
            w->kread += (uint64_t)r;
        }
    }
}

static int kernel_state(world *w)
{
    return net_kernel_state(w->v6, w->kport, w->m.port);
}

static void accept_pending(world *w)
{
    if (w->klisten >= 0 && w->kfd < 0) {
        int fd = accept4(w->klisten, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0)
            w->kfd = fd;
    }
}

/* ---- pumping ---------------------------------------------------------------- */

/* One round: wait for a packet or the next timer (at most 10 ms), then handle
 * everything that is ready. */
static void pump_once(world *w)
{
    endpoint *m = &w->m;
    struct pollfd pfd;
    int64_t t = now_ms(), wait = 10;
    int i;
    static uint8_t buf[70000];
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        if (m->deadline[i] >= 0 && m->deadline[i] - t < wait)
            wait = m->deadline[i] - t < 0 ? 0 : m->deadline[i] - t;
    pfd.fd = w->tun;
    pfd.events = POLLIN;
    poll(&pfd, 1, (int)wait);
    for (;;) {
        ssize_t n = read(w->tun, buf, sizeof buf);
        if (n <= 0)
            break;
        model_input(w, buf, (size_t)n);
    }
    model_timers(w);
    accept_pending(w);
    kernel_io(w);
}

/* Pump until both ends are in the expected states (an expected kernel state
 * of -1 means "no socket"), or STEP_TIMEOUT_MS. Prints the step. */
static int expect(world *w, const char *step, int model_state, int kstate)
{
    int64_t end = now_ms() + STEP_TIMEOUT_MS;
    int ks = kernel_state(w);
    while (!(w->m.tcb.state == model_state && ks == kstate) && now_ms() < end && !w->fail[0]) {
        pump_once(w);
        ks = kernel_state(w);
    }
    printf("  %-44s model %-12s kernel %-12s %s\n", step, tcpfsm_state_name(w->m.tcb.state),
           ks < 0 ? "(none)" : tcpfsm_state_name(ks),
           w->m.tcb.state == model_state && ks == kstate ? "ok" : "MISMATCH");
    if (w->m.tcb.state != model_state || ks != kstate) {
        fail(w, "%s: model %s (expected %s), kernel %s (expected %s)", step,
             tcpfsm_state_name(w->m.tcb.state), tcpfsm_state_name(model_state),
             ks < 0 ? "(none)" : tcpfsm_state_name(ks),
             kstate < 0 ? "(none)" : tcpfsm_state_name(kstate));
        return 0;
    }
    return 1;
}

/* Pump until cond holds or the timeout; 1 if it held. */
static int pump_until(world *w, int (*cond)(world *), int timeout_ms)
{
    int64_t end = now_ms() + timeout_ms;
    while (!cond(w) && now_ms() < end && !w->fail[0])
        pump_once(w);
    return cond(w);
}

static void check(world *w, int ok, const char *what)
{
    printf("  %-44s %s\n", what, ok ? "ok" : "FAILED");
    if (!ok)
        fail(w, "%s", what);
}

/* ---- model user calls ------------------------------------------------------- */

static void m_open(world *w, int active)
{
    tcpfsm_output out;
    uint32_t iss = 0;
    if (active) {
        tcpfsm_endpoints ends;
        memset(&ends, 0, sizeof ends);
        set_addr(ends.local_addr, w->v6, 1);
        set_addr(ends.remote_addr, w->v6, 0);
        ends.local_port = w->m.port;
        ends.remote_port = w->kport;
        w->m.peer_port = w->kport;
        iss = tcpfsm_isn(w->m.secret, &ends, (uint64_t)now_ms() * 1000u);
    }
    if (tcpfsm_open(&w->m.tcb, &w->m.cfg, active, iss, &out) != TCPFSM_OK)
        fail(w, "model OPEN failed");
    apply(w, &out, NULL);
}

static void m_send(world *w, uint32_t n)
{
    tcpfsm_output out;
    tcpfsm_result r = tcpfsm_send(&w->m.tcb, &w->m.cfg, n, &out);
    if (r != TCPFSM_OK)
        fail(w, "model SEND: %s", tcpfsm_result_name(r));
    w->m.sent += n;
    apply(w, &out, NULL);
}

static void m_close(world *w)
{
    tcpfsm_output out;
    tcpfsm_result r = tcpfsm_close(&w->m.tcb, &w->m.cfg, &out);
    if (r != TCPFSM_OK)
        fail(w, "model CLOSE: %s", tcpfsm_result_name(r));
    apply(w, &out, NULL);
}

static void m_abort(world *w)
{
    tcpfsm_output out;
    tcpfsm_abort(&w->m.tcb, &w->m.cfg, &out);
    apply(w, &out, NULL);
}

/* ---- kernel socket calls -------------------------------------------------- */

static socklen_t fill_sockaddr(const world *w, struct sockaddr_storage *ss, int model, uint16_t port)
{
    memset(ss, 0, sizeof *ss);
    if (w->v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        inet_pton(AF_INET6, model ? MODEL_ADDR6 : KERNEL_ADDR6, &a->sin6_addr);
        return sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)ss;
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        inet_pton(AF_INET, model ? MODEL_ADDR : KERNEL_ADDR, &a->sin_addr);
        return sizeof *a;
    }
}

static int k_socket(world *w, int rcvbuf)
{
    int fd = socket(w->v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
    struct sockaddr_storage a;
    socklen_t alen = fill_sockaddr(w, &a, 0, w->kport);
    if (fd < 0) {
        fail(w, "socket: %s", strerror(errno));
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (rcvbuf > 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (bind(fd, (struct sockaddr *)&a, alen) != 0) {
        fail(w, "bind: %s", strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static void k_listen(world *w, int rcvbuf)
{
    w->klisten = k_socket(w, rcvbuf);
    if (w->klisten >= 0 && listen(w->klisten, 4) != 0)
        fail(w, "listen: %s", strerror(errno));
}

static void k_connect(world *w)
{
    struct sockaddr_storage a;
    socklen_t alen;
    w->kfd = k_socket(w, 0);
    if (w->kfd < 0)
        return;
    alen = fill_sockaddr(w, &a, 1, w->m.port);
    if (connect(w->kfd, (struct sockaddr *)&a, alen) != 0 && errno != EINPROGRESS)
        fail(w, "connect: %s", strerror(errno));
}

static void k_close(world *w)
{
    if (w->kfd >= 0)
        close(w->kfd);
    w->kfd = -1;
}

static void k_abort(world *w)
{
    struct linger l = {1, 0};
    if (w->kfd >= 0)
        setsockopt(w->kfd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    k_close(w);
}

static int connect_error(world *w)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (w->kfd < 0 || getsockopt(w->kfd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return -1;
    return err;
}

/* ---- conditions ------------------------------------------------------------ */

static int c_accepted(world *w) { return w->kfd >= 0; }
static int c_model_got_all(world *w) { return w->m.received >= w->ktarget; }
static int c_kernel_got_all(world *w) { return w->kread >= w->m.sent && w->m.acked >= w->m.sent; }
static int c_kernel_eof(world *w) { return w->keof; }
static int c_kernel_error(world *w) { kernel_io(w); return w->kerr != 0; }
static int c_refused(world *w)
{
    if (!w->kerr)
        w->kerr = connect_error(w); /* SO_ERROR is cleared by reading it */
    return w->kerr != 0;
}

/* ---- scenarios ------------------------------------------------------------------ */

/* Both ESTABLISHED, the kernel connecting to the listening model. */
static int open_kernel_active(world *w)
{
    m_open(w, 0);
    if (!expect(w, "model OPEN passive", TCPFSM_LISTEN, -1))
        return 0;
    k_connect(w);
    return expect(w, "kernel connect()", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED);
}

/* Both ESTABLISHED, the model connecting to the listening kernel. */
static int open_model_active(world *w, int rcvbuf)
{
    k_listen(w, rcvbuf);
    m_open(w, 1);
    if (!expect(w, "model OPEN active", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED))
        return 0;
    pump_until(w, c_accepted, 1000);
    if (w->kfd < 0)
        fail(w, "kernel accept() returned nothing");
    return w->kfd >= 0;
}

static void s_kernel_connects(world *w)
{
    open_kernel_active(w);
}

static void s_model_connects(world *w)
{
    open_model_active(w, 0);
}

static void s_data_kernel_to_model(world *w)
{
    if (!open_kernel_active(w))
        return;
    w->ktarget = 200000; /* 200 kB into an 8 kB window */
    check(w, pump_until(w, c_model_got_all, 20000), "kernel sends 200000 bytes, model receives");
    check(w, !w->m.bad_data, "model received the kernel's bytes in order");
    expect(w, "after the transfer", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED);
}

static void s_data_model_to_kernel(world *w)
{
    if (!open_model_active(w, 2048)) /* a small kernel window */
        return;
    w->kread_on = 1;
    m_send(w, 200000);
    check(w, pump_until(w, c_kernel_got_all, 20000), "model sends 200000 bytes, kernel reads them");
    check(w, !w->kbad, "kernel read the model's bytes in order");
    expect(w, "after the transfer", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED);
}

static void s_data_both_ways(world *w)
{
    if (!open_kernel_active(w))
        return;
    w->kread_on = 1;
    w->ktarget = 50000;
    m_send(w, 50000);
    check(w, pump_until(w, c_model_got_all, 10000), "kernel -> model 50000 bytes");
    check(w, pump_until(w, c_kernel_got_all, 10000), "model -> kernel 50000 bytes");
    check(w, !w->kbad && !w->m.bad_data, "both streams intact");
}

static void s_close_kernel_first(world *w)
{
    if (!open_kernel_active(w))
        return;
    k_close(w);
    if (!expect(w, "kernel close()", TCPFSM_CLOSE_WAIT, TCPFSM_FIN_WAIT_2))
        return;
    m_close(w);
    expect(w, "model CLOSE", TCPFSM_CLOSED, TCPFSM_TIME_WAIT);
}

static void s_close_model_first(world *w)
{
    if (!open_kernel_active(w))
        return;
    w->kread_on = 1;
    m_close(w);
    if (!expect(w, "model CLOSE", TCPFSM_FIN_WAIT_2, TCPFSM_CLOSE_WAIT))
        return;
    check(w, pump_until(w, c_kernel_eof, 2000), "kernel read() sees end of stream");
    k_close(w);
    if (!expect(w, "kernel close()", TCPFSM_TIME_WAIT, -1))
        return;
    expect(w, "2MSL later", TCPFSM_CLOSED, -1);
}

static void s_half_close_kernel(world *w)
{
    if (!open_kernel_active(w))
        return;
    w->kread_on = 1;
    shutdown(w->kfd, SHUT_WR);
    if (!expect(w, "kernel shutdown(SHUT_WR)", TCPFSM_CLOSE_WAIT, TCPFSM_FIN_WAIT_2))
        return;
    m_send(w, 30000);
    check(w, pump_until(w, c_kernel_got_all, 10000), "model sends 30000 bytes in CLOSE-WAIT");
    check(w, !w->kbad, "kernel read them intact in FIN-WAIT-2");
    m_close(w);
    if (!expect(w, "model CLOSE", TCPFSM_CLOSED, TCPFSM_TIME_WAIT))
        return;
    check(w, pump_until(w, c_kernel_eof, 2000), "kernel read() sees end of stream");
}

static void s_half_close_model(world *w)
{
    if (!open_model_active(w, 0))
        return;
    m_close(w);
    if (!expect(w, "model CLOSE", TCPFSM_FIN_WAIT_2, TCPFSM_CLOSE_WAIT))
        return;
    w->ktarget = 30000;
    check(w, pump_until(w, c_model_got_all, 10000), "kernel sends 30000 bytes in CLOSE-WAIT");
    check(w, !w->m.bad_data, "model received them intact in FIN-WAIT-2");
    k_close(w);
    expect(w, "kernel close()", TCPFSM_TIME_WAIT, -1);
}

static void s_simultaneous_close(world *w)
{
    if (!open_kernel_active(w))
        return;
    /* both FINs are on the wire before either end sees the other's */
    k_close(w);
    m_close(w);
    check(w, w->m.tcb.state == TCPFSM_FIN_WAIT_1, "model CLOSE before the kernel's FIN arrives");
    if (!expect(w, "both FINs exchanged and acknowledged", TCPFSM_TIME_WAIT, TCPFSM_TIME_WAIT))
        return;
    check(w, (w->m.notified & TCPFSM_N_REMOTE_CLOSE) && (w->m.notified & TCPFSM_N_CLOSE_ACKED),
          "model saw the kernel's FIN and the ACK of its own");
}

static void s_abort_kernel(world *w)
{
    if (!open_kernel_active(w))
        return;
    k_abort(w);
    if (!expect(w, "kernel close() with SO_LINGER 0 (RST)", TCPFSM_CLOSED, -1))
        return;
    check(w, (w->m.notified & TCPFSM_N_RESET) != 0, "model: \"connection reset\"");
}

static void s_abort_model(world *w)
{
    if (!open_kernel_active(w))
        return;
    w->kread_on = 1;
    m_abort(w);
    check(w, pump_until(w, c_kernel_error, 2000) && w->kerr == ECONNRESET,
          "kernel read() fails with ECONNRESET");
    expect(w, "model ABORT (RST)", TCPFSM_CLOSED, TCPFSM_CLOSED);
}

static void s_rst_kernel_connects_closed(world *w)
{
    /* the model's TCB stays CLOSED: RFC 9293 3.10.7.1 answers with a RST */
    k_connect(w);
    check(w, pump_until(w, c_refused, 2000) && w->kerr == ECONNREFUSED,
          "kernel connect() to CLOSED model: ECONNREFUSED");
    expect(w, "after the RST", TCPFSM_CLOSED, TCPFSM_CLOSED);
}

static void s_rst_model_connects_closed(world *w)
{
    m_open(w, 1); /* nobody listens on the kernel's port */
    if (!expect(w, "model OPEN active to a closed port", TCPFSM_CLOSED, -1))
        return;
    check(w, (w->m.notified & TCPFSM_N_REFUSED) != 0, "model: \"connection refused\"");
}

static void s_syn_retransmit_model(world *w)
{
    w->m.drop_out = TCPFSM_SYN;
    if (!open_model_active(w, 0))
        return;
    check(w, w->m.dropped == 1 && w->m.retransmits >= 1, "model's first SYN dropped, retransmitted on RTO");
}

static void s_syn_retransmit_kernel(world *w)
{
    w->m.drop_in = TCPFSM_SYN;
    m_open(w, 0);
    k_connect(w);
    if (!expect(w, "kernel connect(), first SYN dropped", TCPFSM_LISTEN, TCPFSM_SYN_SENT))
        return;
    expect(w, "kernel retransmits its SYN", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED);
    check(w, w->m.dropped == 1, "exactly one SYN dropped");
}

static void s_fin_retransmit_model(world *w)
{
    if (!open_kernel_active(w))
        return;
    w->m.drop_out = TCPFSM_FIN;
    m_close(w);
    if (!expect(w, "model CLOSE, its FIN dropped", TCPFSM_FIN_WAIT_1, TCPFSM_ESTABLISHED))
        return;
    if (!expect(w, "model retransmits its FIN", TCPFSM_FIN_WAIT_2, TCPFSM_CLOSE_WAIT))
        return;
    check(w, w->m.retransmits >= 1, "model's trace shows TIMEOUT_RETRANSMIT");
    k_close(w);
    expect(w, "kernel close()", TCPFSM_TIME_WAIT, -1);
}

static void s_fin_retransmit_kernel(world *w)
{
    if (!open_kernel_active(w))
        return;
    w->m.drop_in = TCPFSM_FIN;
    k_close(w);
    if (!expect(w, "kernel close(), its FIN dropped", TCPFSM_ESTABLISHED, TCPFSM_FIN_WAIT_1))
        return;
    if (!expect(w, "kernel retransmits its FIN", TCPFSM_CLOSE_WAIT, TCPFSM_FIN_WAIT_2))
        return;
    m_close(w);
    expect(w, "model CLOSE", TCPFSM_CLOSED, TCPFSM_TIME_WAIT);
}

/* Pump until the kernel has sent a new segment: 1 if it came within ms. */
static int next_from_kernel(world *w, unsigned before, int ms)
{
    int64_t end = now_ms() + ms;
    while (w->in_count == before && now_ms() < end && !w->fail[0])
        pump_once(w);
    return w->in_count != before;
}

static void s_simultaneous_open(world *w)
{
    /* RFC 9293 3.5 figure 7: both SYNs cross; each end goes SYN-SENT ->
     * SYN-RECEIVED -> ESTABLISHED. The kernel's SYN is on the wire before
     * the model's, and the kernel meets the model's SYN in SYN-SENT. */
    k_connect(w);
    m_open(w, 1);
    if (!expect(w, "kernel connect() and model OPEN at once", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED))
        return;
    check(w, (w->m.visited & (1u << TCPFSM_SYN_RECEIVED)) != 0,
          "model went SYN-SENT -> SYN-RECEIVED -> ESTABLISHED");
    /* RFC 7323 2.2: the model's SYN offered no Window Scale, so neither
     * side scales. Reported, not failed: see docs/interop.md. */
    printf("  note: the kernel advertises a window of %u after the crossed SYNs%s\n", w->m.tcb.snd_wnd,
           w->m.tcb.snd_wnd < 1024 ? " (an ordinary handshake: 64240; scaled by its own shift?)" : "");
    w->kread_on = 1;
    w->ktarget = 5000;
    m_send(w, 5000);
    check(w, pump_until(w, c_model_got_all, 5000) && pump_until(w, c_kernel_got_all, 5000) &&
                 !w->kbad && !w->m.bad_data,
          "5000 bytes each way over it");
}

static int c_model_window_closed(world *w) { return w->m.tcb.rcv_wnd == 0; }

static void s_zero_window_model(world *w)
{
    tcpfsm_output out;
    unsigned before;
    if (!open_kernel_active(w))
        return;
    w->m.hold_reads = 1;
    w->ktarget = 30000;
    check(w, pump_until(w, c_model_window_closed, 3000),
          "model's application stops reading: window 0");
    /* Linux's persist timer probes the closed window; RFC 9293 3.10.7.4
     * (zero window): the model keeps ACKing with window 0 */
    before = w->in_count;
    {
        int64_t end = now_ms() + 1500;
        while (now_ms() < end && !w->fail[0])
            pump_once(w);
    }
    check(w, w->in_count > before && w->m.tcb.rcv_wnd == 0 && w->m.received < w->ktarget,
          "kernel probes the zero window, the model holds it shut");
    w->m.hold_reads = 0;
    if (tcpfsm_receive(&w->m.tcb, &w->m.cfg, w->m.tcb.rcv_unread, &out) == TCPFSM_OK)
        apply(w, &out, NULL); /* RECEIVE reopens the window: a window update */
    check(w, pump_until(w, c_model_got_all, 10000) && !w->m.bad_data,
          "application reads: window update, all 30000 bytes arrive");
    expect(w, "after the transfer", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED);
}

static void s_rst_in_window(world *w)
{
    unsigned before;
    if (!open_kernel_active(w))
        return;
    /* RFC 5961 3.2: in the window but not at RCV.NXT -> challenge ACK, no reset */
    before = w->in_count;
    inject(w, TCPFSM_RST, w->m.tcb.snd_nxt + 100u, 0);
    check(w, next_from_kernel(w, before, 2000) && w->last_in.flags == TCPFSM_ACK &&
                 w->last_in.seq == w->m.tcb.rcv_nxt && w->last_in.ack == w->m.tcb.snd_nxt,
          "RST in window, not at RCV.NXT: challenge ACK");
    expect(w, "the connection survives", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED);
}

static void s_syn_in_established(world *w)
{
    unsigned before;
    if (!open_kernel_active(w))
        return;
    /* RFC 5961 4.2: a SYN in a synchronized state -> challenge ACK */
    before = w->in_count;
    inject(w, TCPFSM_SYN, w->m.tcb.snd_nxt + 1000u, 0);
    check(w, next_from_kernel(w, before, 2000) && w->last_in.flags == TCPFSM_ACK &&
                 w->last_in.seq == w->m.tcb.rcv_nxt && w->last_in.ack == w->m.tcb.snd_nxt,
          "SYN in ESTABLISHED: challenge ACK");
    expect(w, "the connection survives", TCPFSM_ESTABLISHED, TCPFSM_ESTABLISHED);
}

static void s_time_wait_fin_again(world *w)
{
    uint32_t fin_seq, rcv_nxt;
    unsigned before;
    if (!open_kernel_active(w))
        return;
    k_close(w);
    if (!expect(w, "kernel close()", TCPFSM_CLOSE_WAIT, TCPFSM_FIN_WAIT_2))
        return;
    m_close(w);
    fin_seq = w->m.tcb.snd_nxt - 1u;
    rcv_nxt = w->m.tcb.rcv_nxt;
    if (!expect(w, "model CLOSE", TCPFSM_CLOSED, TCPFSM_TIME_WAIT))
        return;
    /* RFC 9293 3.10.7.4 TIME-WAIT: "The only thing that can arrive in this
     * state is a retransmission of the remote FIN. Acknowledge it, and
     * restart the 2 MSL timeout." The model's end is gone (its TCB was
     * deleted, and a CLOSED end would answer the ACK with a RST), so
     * segments to it are only counted. */
    w->m.deaf = 1;
    before = w->in_count;
    inject(w, TCPFSM_FIN | TCPFSM_ACK, fin_seq, rcv_nxt);
    check(w, next_from_kernel(w, before, 2000) && (w->last_in.flags & TCPFSM_ACK) &&
                 !(w->last_in.flags & TCPFSM_RST) && w->last_in.ack == fin_seq + 1u,
          "retransmitted FIN in TIME-WAIT: ACKed");
    if (!expect(w, "kernel stays in TIME-WAIT", TCPFSM_CLOSED, TCPFSM_TIME_WAIT))
        return;
    /* RFC 9293 3.10.7.4: a RST in TIME-WAIT closes the connection (Linux's
     * default tcp_rfc1337 = 0 agrees; RFC 1337 would ignore it) */
    inject(w, TCPFSM_RST, fin_seq + 1u, 0);
    expect(w, "RST in TIME-WAIT", TCPFSM_CLOSED, -1);
}

static const struct scenario {
    const char *name;
    void (*run)(world *);
    const char *what;
    int v6;
} scenarios[] = {
    {"kernel-connects", s_kernel_connects, "kernel connect() to the listening model: three-way handshake", 0},
    {"model-connects", s_model_connects, "model active OPEN to a listening kernel socket", 0},
    {"data-kernel-to-model", s_data_kernel_to_model, "200 kB from the kernel through the model's 8 kB window", 0},
    {"data-model-to-kernel", s_data_model_to_kernel, "200 kB from the model into a kernel socket with a 2 kB SO_RCVBUF", 0},
    {"data-both-ways", s_data_both_ways, "50 kB each way at the same time", 0},
    {"close-kernel-first", s_close_kernel_first, "kernel closes, then the model: FIN-WAIT-2/CLOSE-WAIT, TIME-WAIT/CLOSED", 0},
    {"close-model-first", s_close_model_first, "model closes, then the kernel: model TIME-WAIT, then CLOSED after 2MSL", 0},
    {"half-close-kernel", s_half_close_kernel, "kernel shutdown(SHUT_WR), the model keeps sending in CLOSE-WAIT", 0},
    {"half-close-model", s_half_close_model, "model CLOSE, the kernel keeps sending while the model is in FIN-WAIT-2", 0},
    {"simultaneous-close", s_simultaneous_close, "both close at once: FIN-WAIT-1, CLOSING, TIME-WAIT on both ends", 0},
    {"abort-kernel", s_abort_kernel, "kernel SO_LINGER 0 close: RST, model \"connection reset\"", 0},
    {"abort-model", s_abort_model, "model ABORT: RST, kernel ECONNRESET", 0},
    {"rst-kernel-connects-closed", s_rst_kernel_connects_closed, "kernel connect() to a CLOSED model: RST, ECONNREFUSED", 0},
    {"rst-model-connects-closed", s_rst_model_connects_closed, "model OPEN to a closed kernel port: RST, \"connection refused\"", 0},
    {"syn-retransmit-model", s_syn_retransmit_model, "model's SYN dropped: the model retransmits on RTO", 0},
    {"syn-retransmit-kernel", s_syn_retransmit_kernel, "kernel's SYN dropped: the kernel retransmits, handshake completes", 0},
    {"fin-retransmit-model", s_fin_retransmit_model, "model's FIN dropped: the model retransmits it", 0},
    {"fin-retransmit-kernel", s_fin_retransmit_kernel, "kernel's FIN dropped: the kernel retransmits it", 0},
    {"simultaneous-open", s_simultaneous_open, "kernel connect() and model active OPEN cross: SYN-RECEIVED on both sides", 0},
    {"zero-window-model", s_zero_window_model, "model's window closes (its application stops reading): Linux probes, a RECEIVE reopens it", 0},
    {"rst-in-window", s_rst_in_window, "RST in the kernel's window, not at RCV.NXT: challenge ACK (RFC 5961 3)", 0},
    {"syn-in-established", s_syn_in_established, "SYN to an ESTABLISHED kernel socket: challenge ACK (RFC 5961 4)", 0},
    {"time-wait-fin-again", s_time_wait_fin_again, "retransmitted FIN to a kernel in TIME-WAIT: ACKed; a RST then closes it", 0},
    /* the same over IPv6 (RFC 8200 header, IPv6 pseudo-header checksum) */
    {"v6-kernel-connects", s_kernel_connects, "IPv6: kernel connect() to the listening model", 1},
    {"v6-model-connects", s_model_connects, "IPv6: model active OPEN to a listening kernel socket", 1},
    {"v6-data-both-ways", s_data_both_ways, "IPv6: 50 kB each way at the same time", 1},
    {"v6-close-model-first", s_close_model_first, "IPv6: model closes first, TIME-WAIT, CLOSED after 2MSL", 1},
    {"v6-simultaneous-close", s_simultaneous_close, "IPv6: both close at once, CLOSING on both ends", 1},
    {"v6-abort-model", s_abort_model, "IPv6: model ABORT, kernel ECONNRESET", 1},
    {"v6-rst-model-connects-closed", s_rst_model_connects_closed, "IPv6: model OPEN to a closed kernel port: refused", 1},
};
#define SCENARIO_COUNT (sizeof scenarios / sizeof scenarios[0])

static void usage(FILE *f)
{
    size_t i;
    fprintf(f,
            "usage: tcpfsm interop [--pcap FILE] [--verbose] [--list] [SCENARIO...]\n"
            "\n"
            "Runs the model against the Linux kernel's TCP over a TUN device in a\n"
            "private network namespace (192.0.2.0/24 and 2001:db8::/64, nothing leaves\n"
            "it). Needs root and /dev/net/tun; without them it says so and exits 77\n"
            "(skipped). --pcap writes every packet that crossed the TUN device.\n"
            "Exit status: 0 all passed, 1 a scenario failed, 2 usage, 77 skipped.\n"
            "\nscenarios:\n");
    for (i = 0; i < SCENARIO_COUNT; i++)
        fprintf(f, "  %-28s %s\n", scenarios[i].name, scenarios[i].what);
}

static void reset_world(world *w, size_t index)
{
    int fd = w->tun, verbose = w->verbose, i;
    FILE *pcap = w->pcap;
    memset(w, 0, sizeof *w);
    w->tun = fd;
    w->pcap = pcap;
    w->verbose = verbose;
    w->kfd = w->klisten = -1;
    w->kport = (uint16_t)(5001 + index);
    w->v6 = scenarios[index].v6;
    tcpfsm_init(&w->m.tcb);
    tcpfsm_config_default(&w->m.cfg);
    w->m.cfg.rto_initial_ms = 300; /* Linux: 1 s initial, 200 ms floor; shorter here for speed */
    w->m.cfg.rto_max_ms = 3000;
    w->m.cfg.msl_ms = 1000;        /* TIME-WAIT 2 s (Linux: a fixed 60 s) */
    w->m.cfg.user_timeout_ms = 20000;
    w->m.cfg.rcv_wnd = 8192;
    w->m.cfg.mss = 536;            /* until the peer's MSS option says more */
    w->m.port = (uint16_t)(40001 + index);
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        w->m.deadline[i] = -1;
    for (i = 0; i < 16; i++)
        w->m.secret[i] = (uint8_t)(rand() >> 7);
}

int tcpfsm_cmd_interop(int argc, char **argv)
{
    const char *pcap_path = NULL, *why;
    int verbose = 0, i, passed = 0, failed = 0, selected = 0;
    int want[SCENARIO_COUNT];
    char name[64], err[256];
    world w;
    size_t s;

    setvbuf(stdout, NULL, _IOLBF, 0); /* progress survives a kill */
    memset(want, 0, sizeof want);
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--list")) {
            for (s = 0; s < SCENARIO_COUNT; s++)
                printf("%s\n", scenarios[s].name);
            return 0;
        } else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            verbose = 1;
        } else if (!strcmp(argv[i], "--pcap")) {
            if (++i >= argc) {
                fprintf(stderr, "tcpfsm interop: --pcap needs a file name\n");
                return 2;
            }
            pcap_path = argv[i];
        } else {
            for (s = 0; s < SCENARIO_COUNT; s++)
                if (!strcmp(argv[i], scenarios[s].name))
                    break;
            if (s == SCENARIO_COUNT) {
                fprintf(stderr, "tcpfsm interop: unknown scenario or option '%s'\n", argv[i]);
                usage(stderr);
                return 2;
            }
            want[s] = 1;
            selected++;
        }
    }
    if (!selected)
        for (s = 0; s < SCENARIO_COUNT; s++)
            want[s] = 1, selected++;

    why = net_env_unavailable();
    if (why) {
        printf("interop: SKIPPED, %s: the %d scenarios did not run\n", why, selected);
        printf("interop: 0 passed, 0 failed, %d skipped\n", selected);
        return 77;
    }
    memset(&w, 0, sizeof w);
    w.verbose = verbose;
    snprintf(name, sizeof name, "tcpfsm-interop-%ld", (long)getpid());
    w.tun = net_env_setup(name, err, sizeof err);
    if (w.tun < 0) {
        printf("interop: SKIPPED, cannot set up the namespace: %s: the %d scenarios did not run\n", err,
               selected);
        printf("interop: 0 passed, 0 failed, %d skipped\n", selected);
        net_env_cleanup();
        return 77;
    }
    if (pcap_path) {
        w.pcap = wire_pcap_create(pcap_path);
        if (!w.pcap) {
            fprintf(stderr, "tcpfsm interop: cannot write %s: %s\n", pcap_path, strerror(errno));
            net_env_cleanup();
            return 2;
        }
    }
    srand((unsigned)(now_ms() ^ getpid()));
    printf("interop: namespace %s, kernel %s and %s on tcpfsm0, model %s and %s\n", name, KERNEL_ADDR,
           KERNEL_ADDR6, MODEL_ADDR, MODEL_ADDR6);
    for (s = 0; s < SCENARIO_COUNT; s++) {
        if (!want[s])
            continue;
        reset_world(&w, s);
        printf("%s: %s\n", scenarios[s].name, scenarios[s].what);
        scenarios[s].run(&w);
        if (w.fail[0]) {
            printf("FAIL %s: %s\n", scenarios[s].name, w.fail);
            failed++;
        } else {
            printf("ok   %s\n", scenarios[s].name);
            passed++;
        }
        /* leave nothing behind for the next scenario */
        if (w.m.tcb.state != TCPFSM_CLOSED && w.m.tcb.state != TCPFSM_TIME_WAIT) {
            tcpfsm_output out;
            w.m.drop_out = 0;
            tcpfsm_abort(&w.m.tcb, &w.m.cfg, &out);
            apply(&w, &out, NULL);
        }
        if (w.kfd >= 0)
            k_abort(&w);
        if (w.klisten >= 0)
            close(w.klisten);
        for (i = 0; i < 5; i++)
            pump_once(&w);
    }
    if (w.pcap)
        fclose(w.pcap);
    close(w.tun);
    net_env_cleanup();
    printf("interop: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
