/* generated from spec/tcp.rl by ragel 6.10; do not edit (make gen) */
#ifndef TCPFSM_EVENTS_H
#define TCPFSM_EVENTS_H
/* Machine events (the chart's alphabet): tcpfsm_output.event[] */
#define TCPFSM_EV_OPEN_PASSIVE 1
#define TCPFSM_EV_OPEN_ACTIVE 2
#define TCPFSM_EV_SEND 3
#define TCPFSM_EV_RECEIVE 4
#define TCPFSM_EV_CLOSE 5
#define TCPFSM_EV_ABORT 6
#define TCPFSM_EV_CLOSE_DEFER 7
#define TCPFSM_EV_RCV_RST_DROP 10
#define TCPFSM_EV_RCV_ANY 11
#define TCPFSM_EV_RCV_BAD_ACK 12
#define TCPFSM_EV_RCV_SYN 13
#define TCPFSM_EV_RCV_SYN_ACK 14
#define TCPFSM_EV_RCV_DROP 15
#define TCPFSM_EV_RCV_RST 16
#define TCPFSM_EV_RCV_RST_CHALLENGE 17
#define TCPFSM_EV_RCV_UNACCEPTABLE 18
#define TCPFSM_EV_RCV_SYN_CHALLENGE 19
#define TCPFSM_EV_RCV_SYN_IN_WINDOW 20
#define TCPFSM_EV_RCV_ACK_OF_SYN 21
#define TCPFSM_EV_RCV_ACK_OUT_OF_RANGE 22
#define TCPFSM_EV_RCV_ACK 23
#define TCPFSM_EV_RCV_ACK_OF_FIN 24
#define TCPFSM_EV_RCV_TEXT 25
#define TCPFSM_EV_RCV_FIN 26
#define TCPFSM_EV_RCV_FIN_AGAIN 27
#define TCPFSM_EV_TIMEOUT_RETRANSMIT 30
#define TCPFSM_EV_TIMEOUT_GIVE_UP 31
#define TCPFSM_EV_TIMEOUT_TIME_WAIT 32
#define TCPFSM_EV_TIMEOUT_USER 33
#define TCPFSM_EV_CLOSE_QUEUED 40
#define TCPFSM_EV_NAMES_INIT { \
    [1] = "OPEN_PASSIVE", \
    [2] = "OPEN_ACTIVE", \
    [3] = "SEND", \
    [4] = "RECEIVE", \
    [5] = "CLOSE", \
    [6] = "ABORT", \
    [7] = "CLOSE_DEFER", \
    [10] = "RCV_RST_DROP", \
    [11] = "RCV_ANY", \
    [12] = "RCV_BAD_ACK", \
    [13] = "RCV_SYN", \
    [14] = "RCV_SYN_ACK", \
    [15] = "RCV_DROP", \
    [16] = "RCV_RST", \
    [17] = "RCV_RST_CHALLENGE", \
    [18] = "RCV_UNACCEPTABLE", \
    [19] = "RCV_SYN_CHALLENGE", \
    [20] = "RCV_SYN_IN_WINDOW", \
    [21] = "RCV_ACK_OF_SYN", \
    [22] = "RCV_ACK_OUT_OF_RANGE", \
    [23] = "RCV_ACK", \
    [24] = "RCV_ACK_OF_FIN", \
    [25] = "RCV_TEXT", \
    [26] = "RCV_FIN", \
    [27] = "RCV_FIN_AGAIN", \
    [30] = "TIMEOUT_RETRANSMIT", \
    [31] = "TIMEOUT_GIVE_UP", \
    [32] = "TIMEOUT_TIME_WAIT", \
    [33] = "TIMEOUT_USER", \
    [40] = "CLOSE_QUEUED", \
}
#define TCPFSM_EV_LIMIT 64
#endif
