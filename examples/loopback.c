/* examples/loopback.c: a complete, minimal embedding of the tcpfsm core.
 * The core decides; this program owns everything else:
 *   - sockets: one UDP socket per endpoint on 127.0.0.1; a datagram is one
 *     segment: seq, ack, wnd, len (32-bit big-endian), flags, then payload;
 *   - timers: three deadlines per endpoint, armed and cancelled by the core;
 *   - buffers: the core only counts bytes; a segment with sequence number s
 *     carries the sent stream from offset s - (ISS + 1). (The whole stream
 *     stays in tx[] here; a real stack frees `acked` bytes on N_ACKED.)
 * A client connects, each side sends 64 KiB and closes; every 13th datagram
 * is lost on purpose so retransmission does real work. Exit 0 iff all bytes
 * arrived intact and both connections closed cleanly. */
#define _POSIX_C_SOURCE 200809L
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "tcpfsm.h"

#define SIZE 65536 /* bytes each way */
#define HEADER 17
#define MSS 1000

struct endpoint {
    int sock;
    tcpfsm_tcb tcb;
    uint64_t deadline[TCPFSM_TIMER_COUNT]; /* ms on the monotonic clock; 0 = stopped */
    unsigned char tx[SIZE], rx[SIZE], held[MSS]; /* held: text on a SYN (N_HOLD), <= 65535 */
    uint32_t rx_len;
    unsigned datagrams;                    /* sent so far, to pick which to lose */
    int closed, failed;
};

static tcpfsm_config cfg;
static struct endpoint client, server;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u + 1; /* never 0 */
}

/* RFC 9293 3.4.1 ISN: a clock plus a keyed hash of the 4-tuple. */
static uint32_t isn(void)
{
    static const uint8_t secret[16] = "pick at random!"; /* a real stack: random, once */
    tcpfsm_endpoints ends = {{0}, {0}, 1, 2}; /* a real stack: the real 4-tuple */
    return tcpfsm_isn(secret, &ends, now_ms() * 1000u);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Do what the core asked for; `payload`: the arriving segment's payload, or NULL. */
static void handle(struct endpoint *e, const tcpfsm_output *out, const unsigned char *payload)
{
    unsigned char dgram[HEADER + MSS];
    tcpfsm_output more;
    int i;
    for (i = 0; i < out->segment_count; i++) {
        const tcpfsm_segment *s = &out->segment[i];
        put32(dgram, s->seq), put32(dgram + 4, s->ack), put32(dgram + 8, s->wnd);
        put32(dgram + 12, s->len), dgram[16] = s->flags;
        if (s->len) { /* our stream from offset seq - (ISS + 1) */
            uint32_t off = s->seq - e->tcb.iss - 1;
            if (s->len > MSS || off > SIZE - s->len)
                continue; /* the core never asks this; guard the buffer anyway */
            memcpy(dgram + HEADER, e->tx + off, s->len);
        }
        if (++e->datagrams % 13 == 0)
            continue; /* the network loses this one */
        send(e->sock, dgram, HEADER + s->len, 0);
    }
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++) /* ARM: fire `ms` from now; CANCEL: stop */
        if (out->timer[i].op != TCPFSM_TIMER_KEEP)
            e->deadline[i] = out->timer[i].op == TCPFSM_TIMER_ARM ? now_ms() + out->timer[i].ms : 0;
    if (out->notify & TCPFSM_N_HOLD) /* text on a SYN in SYN-SENT: keep it until... */
        memcpy(e->held, payload, out->held_len); /* (held_len <= MSS: one datagram) */
    if (out->notify & (TCPFSM_N_HELD_DATA | TCPFSM_N_DATA)) { /* ...it is data, first */
        uint32_t h = out->notify & TCPFSM_N_HELD_DATA ? out->held_len : 0, n = out->rcv_len;
        if (e->rx_len + h + n > SIZE)
            return (void)(e->failed = 1); /* more than the peer sent: a bug */
        memcpy(e->rx + e->rx_len, e->held, h);
        memcpy(e->rx + e->rx_len + h, payload + out->rcv_offset, n);
        e->rx_len += h + n;
        tcpfsm_receive(&e->tcb, &cfg, h + n, &more); /* the app read it all */
        handle(e, &more, NULL);
    }
    if (out->notify & TCPFSM_N_ESTABLISHED) { /* the application's part: */
        tcpfsm_send(&e->tcb, &cfg, SIZE, &more);  /* send everything... */
        handle(e, &more, NULL);
        tcpfsm_close(&e->tcb, &cfg, &more);       /* ...then FIN after the data */
        handle(e, &more, NULL);
    }
    e->failed |= (out->notify & (TCPFSM_N_RESET | TCPFSM_N_REFUSED | TCPFSM_N_TIMED_OUT |
                                 TCPFSM_N_USER_TIMEOUT)) != 0;
    e->closed |= (out->notify & TCPFSM_N_CLOSED) != 0;
}

/* One datagram in: decode it and give the segment to the core. */
static void receive_datagram(struct endpoint *e)
{
    unsigned char dgram[HEADER + MSS];
    tcpfsm_segment seg;
    tcpfsm_output out;
    ssize_t n = recv(e->sock, dgram, sizeof dgram, 0);
    if (n < HEADER || get32(dgram + 12) != (uint32_t)n - HEADER)
        return; /* not one of ours */
    seg.seq = get32(dgram), seg.ack = get32(dgram + 4), seg.wnd = get32(dgram + 8);
    seg.len = get32(dgram + 12), seg.flags = dgram[16];
    tcpfsm_segment_arrives(&e->tcb, &cfg, &seg, isn(), &out);
    handle(e, &out, dgram + HEADER);
}

static void fire_timers(struct endpoint *e)
{
    tcpfsm_output out;
    int i;
    for (i = 0; i < TCPFSM_TIMER_COUNT; i++)
        if (e->deadline[i] && now_ms() >= e->deadline[i]) {
            e->deadline[i] = 0;
            tcpfsm_timer_fired(&e->tcb, &cfg, (tcpfsm_timer)i, &out);
            handle(e, &out, NULL);
        }
}

/* Two sockets on 127.0.0.1, each connected to the other. */
static int sockets(void)
{
    struct sockaddr_in addr[2];
    socklen_t len = sizeof addr[0];
    int i;
    for (i = 0; i < 2; i++) {
        int *s = i ? &server.sock : &client.sock;
        memset(&addr[i], 0, sizeof addr[i]);
        addr[i].sin_family = AF_INET, addr[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if ((*s = socket(AF_INET, SOCK_DGRAM, 0)) < 0 ||
            bind(*s, (struct sockaddr *)&addr[i], sizeof addr[i]) < 0 ||
            getsockname(*s, (struct sockaddr *)&addr[i], &len) < 0)
            return -1;
    }
    return connect(client.sock, (struct sockaddr *)&addr[1], len) < 0 ||
           connect(server.sock, (struct sockaddr *)&addr[0], len) < 0 ? -1 : 0;
}

int main(void)
{
    struct endpoint *ends[2] = {&client, &server};
    tcpfsm_output out;
    uint64_t give_up;
    int i, j, ok;

    tcpfsm_config_default(&cfg);
    cfg.mss = MSS, cfg.rcv_wnd = 4 * MSS; /* a few segments in flight */
    cfg.rto_initial_ms = 10, cfg.rto_max_ms = 200, cfg.msl_ms = 20; /* loopback-fast timers */
    for (i = 0; i < SIZE; i++) /* something recognisable to send */
        client.tx[i] = (unsigned char)(i * 7 + 1), server.tx[i] = (unsigned char)(i * 13 + 5);
    if (sockets() < 0)
        return perror("loopback: sockets"), 1;
    tcpfsm_init(&client.tcb), tcpfsm_init(&server.tcb);
    tcpfsm_open(&server.tcb, &cfg, 0, 0, &out), handle(&server, &out, NULL);   /* LISTEN */
    tcpfsm_open(&client.tcb, &cfg, 1, isn(), &out), handle(&client, &out, NULL); /* SYN */
    give_up = now_ms() + 30000; /* a hang guard, not a timing assertion */
    while (!(client.closed && server.closed) && !client.failed && !server.failed &&
           now_ms() < give_up) {
        struct pollfd p[2] = {{client.sock, POLLIN, 0}, {server.sock, POLLIN, 0}};
        uint64_t next = now_ms() + 100; /* the nearest deadline, or a tenth of a second */
        for (i = 0; i < 2; i++)
            for (j = 0; j < TCPFSM_TIMER_COUNT; j++)
                if (ends[i]->deadline[j] && ends[i]->deadline[j] < next)
                    next = ends[i]->deadline[j];
        poll(p, 2, next > now_ms() ? (int)(next - now_ms()) : 0);
        for (i = 0; i < 2; i++) {
            if (p[i].revents & POLLIN)
                receive_datagram(ends[i]);
            fire_timers(ends[i]);
        }
    }
    ok = client.closed && server.closed && !client.failed && !server.failed &&
         client.rx_len == SIZE && server.rx_len == SIZE &&
         !memcmp(client.rx, server.tx, SIZE) && !memcmp(server.rx, client.tx, SIZE);
    printf("loopback: %d bytes each way, %u + %u datagrams sent (1 in 13 lost); "
           "client %s, server %s; data %s\n", SIZE, client.datagrams, server.datagrams,
           tcpfsm_state_name(client.tcb.state), tcpfsm_state_name(server.tcb.state),
           ok ? "intact" : "WRONG");
    printf("loopback: %d passed, %d failed\n", ok, !ok);
    return ok ? 0 : 1;
}
