/* Network namespace, TUN device and sock_diag for `tcpfsm interop`. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>

#include "net_env.h"
#include "tcpfsm.h"

static char ns_name[64];
static int ns_created;

/* Run argv quietly; 0 on exit status 0. */
static int run(char *const argv[])
{
    pid_t pid = fork();
    int status;
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

void net_env_cleanup(void)
{
    if (ns_created) {
        char *argv[] = {"ip", "netns", "del", ns_name, NULL};
        ns_created = 0;
        run(argv);
    }
}

static void on_signal(int sig)
{
    net_env_cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

const char *net_env_unavailable(void)
{
    char *argv[] = {"ip", "-V", NULL};
    if (geteuid() != 0)
        return "needs root (network namespaces and TUN devices)";
    if (access("/dev/net/tun", R_OK | W_OK) != 0)
        return "no /dev/net/tun";
    if (run(argv) != 0)
        return "no 'ip' command (iproute2)";
    return 0;
}

int net_env_setup(const char *name, char *err, size_t errlen)
{
    char path[128];
    struct ifreq ifr;
    int nsfd, fd;
    char *add[] = {"ip", "netns", "add", (char *)name, NULL};
    char *lo[] = {"ip", "link", "set", "lo", "up", NULL};
    char *addr[] = {"ip", "addr", "add", "192.0.2.1/24", "dev", "tcpfsm0", NULL};
    char *up[] = {"ip", "link", "set", "tcpfsm0", "up", NULL};
    char *addr6[] = {"ip", "-6", "addr", "add", "2001:db8::1/64", "dev", "tcpfsm0", "nodad", NULL};
    char *rs[] = {"sysctl", "-q", "-w", "net.ipv6.conf.tcpfsm0.router_solicitations=0", NULL};

    snprintf(ns_name, sizeof ns_name, "%s", name);
    if (run(add) != 0) {
        snprintf(err, errlen, "ip netns add %s failed", name);
        return -1;
    }
    ns_created = 1;
    atexit(net_env_cleanup);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    snprintf(path, sizeof path, "/run/netns/%s", name);
    nsfd = open(path, O_RDONLY | O_CLOEXEC);
    if (nsfd < 0 || setns(nsfd, CLONE_NEWNET) != 0) {
        snprintf(err, errlen, "cannot enter namespace %s: %s", name, strerror(errno));
        if (nsfd >= 0)
            close(nsfd);
        return -1;
    }
    close(nsfd);
    fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "open /dev/net/tun: %s", strerror(errno));
        return -1;
    }
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
    snprintf(ifr.ifr_name, IFNAMSIZ, "tcpfsm0");
    if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
        snprintf(err, errlen, "TUNSETIFF: %s", strerror(errno));
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    run(rs); /* less IPv6 chatter on the TUN device; harmless if it fails */
    if (run(lo) != 0 || run(addr) != 0 || run(addr6) != 0 || run(up) != 0) {
        snprintf(err, errlen, "cannot configure tcpfsm0 in %s", name);
        close(fd);
        return -1;
    }
    return fd;
}

/* Linux TCP_* states (include/net/tcp_states.h) as RFC states. */
static int rfc_state(int linux_state)
{
    switch (linux_state) {
    case 1: return TCPFSM_ESTABLISHED;
    case 2: return TCPFSM_SYN_SENT;
    case 3: return TCPFSM_SYN_RECEIVED;
    case 4: return TCPFSM_FIN_WAIT_1;
    case 5: return TCPFSM_FIN_WAIT_2;
    case 6: return TCPFSM_TIME_WAIT;
    case 7: return TCPFSM_CLOSED;
    case 8: return TCPFSM_CLOSE_WAIT;
    case 9: return TCPFSM_LAST_ACK;
    case 10: return TCPFSM_LISTEN;
    case 11: return TCPFSM_CLOSING;
    case 12: return TCPFSM_SYN_RECEIVED; /* TCP_NEW_SYN_RECV: a request socket */
    default: return -1;
    }
}

int net_kernel_state(int v6, uint16_t local_port, uint16_t remote_port)
{
    struct {
        struct nlmsghdr nlh;
        struct inet_diag_req_v2 req;
    } msg;
    struct sockaddr_nl sa;
    static char buf[32768];
    int fd, result = -1, done = 0;

    fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0)
        return -1;
    memset(&msg, 0, sizeof msg);
    msg.nlh.nlmsg_len = sizeof msg;
    msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    msg.req.sdiag_family = v6 ? AF_INET6 : AF_INET;
    msg.req.sdiag_protocol = IPPROTO_TCP;
    msg.req.idiag_states = ~0u;
    memset(&sa, 0, sizeof sa);
    sa.nl_family = AF_NETLINK;
    if (sendto(fd, &msg, sizeof msg, 0, (struct sockaddr *)&sa, sizeof sa) < 0) {
        close(fd);
        return -1;
    }
    while (!done) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        struct nlmsghdr *h;
        if (n <= 0)
            break;
        for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
            const struct inet_diag_msg *d;
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
                done = 1;
                break;
            }
            if (h->nlmsg_len < NLMSG_LENGTH(sizeof *d))
                continue;
            d = NLMSG_DATA(h);
            if (ntohs(d->id.idiag_sport) == local_port && ntohs(d->id.idiag_dport) == remote_port) {
                int s = rfc_state(d->idiag_state);
                /* a connection socket beats a stale CLOSE entry */
                if (result < 0 || result == TCPFSM_CLOSED)
                    result = s;
            }
        }
    }
    close(fd);
    return result;
}
