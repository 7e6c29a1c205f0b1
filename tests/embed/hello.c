/* tests/embed/hello.c: the smallest program built against an installed
 * tcpfsm (check-install): two TCBs, a handshake, ESTABLISHED both ends. */
#include <stdio.h>

#include "tcpfsm.h"

int main(void)
{
    tcpfsm_config cfg;
    tcpfsm_tcb client, server;
    tcpfsm_output out, reply, last;

    tcpfsm_config_default(&cfg);
    tcpfsm_init(&client);
    tcpfsm_init(&server);
    tcpfsm_open(&server, &cfg, 0, 0, &out);                            /* LISTEN */
    tcpfsm_open(&client, &cfg, 1, 1000, &out);                         /* SYN */
    tcpfsm_segment_arrives(&server, &cfg, &out.segment[0], 5000, &reply); /* SYN,ACK */
    tcpfsm_segment_arrives(&client, &cfg, &reply.segment[0], 0, &out);    /* ACK */
    tcpfsm_segment_arrives(&server, &cfg, &out.segment[0], 0, &last);
    printf("client %s, server %s\n", tcpfsm_state_name(client.state),
           tcpfsm_state_name(server.state));
    return client.state == TCPFSM_ESTABLISHED && server.state == TCPFSM_ESTABLISHED ? 0 : 1;
}
