/* generated from spec/tcp.rl by ragel 6.10; do not edit (make gen) */
#ifndef TCPFSM_TCP_STATES_H
#define TCPFSM_TCP_STATES_H
/* Chart state numbers, as Ragel assigned them this time. */
#define TCPFSM_CS_CLOSED 2
#define TCPFSM_CS_LISTEN 3
#define TCPFSM_CS_SYN_SENT 4
#define TCPFSM_CS_SYN_RECEIVED_PASSIVE 5
#define TCPFSM_CS_SYN_RECEIVED_ACTIVE 6
#define TCPFSM_CS_ESTABLISHED 7
#define TCPFSM_CS_FIN_WAIT_1 8
#define TCPFSM_CS_FIN_WAIT_2 9
#define TCPFSM_CS_CLOSE_WAIT 10
#define TCPFSM_CS_CLOSING 11
#define TCPFSM_CS_LAST_ACK 12
#define TCPFSM_CS_TIME_WAIT 1
#endif
