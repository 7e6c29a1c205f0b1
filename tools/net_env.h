/* A private network namespace with a TUN device, for `tcpfsm interop`
 * (tools/net_env.c), and the kernel's view of its TCP sockets (sock_diag). */
#ifndef TCPFSM_TOOLS_NET_ENV_H
#define TCPFSM_TOOLS_NET_ENV_H

#include <stddef.h>
#include <stdint.h>

/* Why the environment cannot be set up: 0 if it can. */
const char *net_env_unavailable(void);

/* Create namespace `name`, move this process into it, create TUN device
 * tcpfsm0 (IFF_TUN | IFF_NO_PI) with 192.0.2.1/24 and 2001:db8::1/64, bring it and lo up.
 * Returns the TUN fd (non-blocking), or -1 with a message in err. The
 * namespace is deleted by net_env_cleanup(), which also runs at exit and on
 * SIGINT/SIGTERM/SIGHUP. */
int net_env_setup(const char *name, char *err, size_t errlen);
void net_env_cleanup(void);

/* The RFC state (tcpfsm_state numbering) of the kernel's TCP socket (IPv6
 * if v6) with this local and remote port, -1 if there is none. A listener
 * is matched with remote_port 0. */
int net_kernel_state(int v6, uint16_t local_port, uint16_t remote_port);

#endif
