/* The generated state machine (gen/tcp_machine.c, from spec/tcp.rl) and its
 * contract. Internal to the core: not installed. */
#ifndef TCPFSM_MACHINE_H
#define TCPFSM_MACHINE_H

#include "tcpfsm.h"

/* What the C around the machine does for a transition (src/tcpfsm.c). The
 * chart only records one of these; it never does anything itself. */
enum tcpfsm_action {
    TCPFSM_A_INVALID = 0,       /* the machine met an event its state does not list */
    TCPFSM_A_NONE,              /* drop / ignore */
    TCPFSM_A_ERR_NOT_EXIST,     /* "connection does not exist" */
    TCPFSM_A_ERR_EXISTS,        /* "connection already exists" */
    TCPFSM_A_ERR_CLOSING,       /* "connection closing" */
    TCPFSM_A_ERR_UNSPECIFIED,   /* "remote socket unspecified" */
    TCPFSM_A_LISTEN,            /* passive OPEN */
    TCPFSM_A_CONNECT,           /* active OPEN: send SYN */
    TCPFSM_A_QUEUE_SEND,        /* SEND: queue bytes for transmission */
    TCPFSM_A_RECEIVE,           /* RECEIVE: the user consumed bytes */
    TCPFSM_A_RECEIVE_CLOSING,   /* RECEIVE after the peer's FIN */
    TCPFSM_A_CLOSE,             /* CLOSE: FIN after the queued data */
    TCPFSM_A_DELETE,            /* delete the TCB quietly */
    TCPFSM_A_DELETE_AFTER_RST,  /* RST in CLOSING or LAST-ACK: delete (reset signalled if configured) */
    TCPFSM_A_DEFER_CLOSE,       /* SYN-RECEIVED: run the CLOSE on reaching ESTABLISHED */
    TCPFSM_A_ABORT_RST,         /* ABORT: send <SEQ=SND.NXT><CTL=RST>, delete */
    TCPFSM_A_REPLY_RST,         /* answer the segment with a RST (3.10.7.1 forms) */
    TCPFSM_A_ACCEPT_SYN,        /* LISTEN: SYN -> send SYN,ACK */
    TCPFSM_A_SIMULTANEOUS_SYN,  /* SYN-SENT: SYN -> send SYN,ACK */
    TCPFSM_A_SYN_ACKED,         /* SYN-SENT: SYN,ACK -> send ACK */
    TCPFSM_A_ESTABLISH,         /* SYN-RECEIVED: ACK of our SYN */
    TCPFSM_A_REFUSED,           /* RST in SYN-SENT or active SYN-RECEIVED */
    TCPFSM_A_RESET,             /* RST in a synchronized state */
    TCPFSM_A_RESET_BY_SYN,      /* SYN in window without RFC 5961: send RST, reset */
    TCPFSM_A_BACK_TO_LISTEN,    /* passive SYN-RECEIVED returns to LISTEN */
    TCPFSM_A_SEND_ACK,          /* send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, drop */
    TCPFSM_A_PROCESS_ACK,       /* advance SND.UNA, update the send window */
    TCPFSM_A_FIN_ACKED,         /* our FIN is acknowledged (FIN-WAIT-1 -> FIN-WAIT-2) */
    TCPFSM_A_ENTER_TIME_WAIT,   /* our FIN is acknowledged in CLOSING */
    TCPFSM_A_ACCEPT_TEXT,       /* advance RCV.NXT over the text in the window */
    TCPFSM_A_FIN,               /* peer's FIN: advance RCV.NXT, ACK it */
    TCPFSM_A_FIN_TIME_WAIT,     /* peer's FIN in FIN-WAIT-2: also start 2MSL */
    TCPFSM_A_RESTART_TIME_WAIT, /* retransmitted FIN in TIME-WAIT: ACK, restart 2MSL */
    TCPFSM_A_RETRANSMIT,        /* resend the segment at SND.UNA, back off */
    TCPFSM_A_GIVE_UP,           /* retransmission limit: close */
    TCPFSM_A_USER_TIMEOUT,      /* user timeout: close */
    TCPFSM_A_COUNT
};

/* After the action codes: proofs/tcpfsm.acsl (next_action) names them. */
#include "../proofs/tcpfsm.acsl"

/*@ assigns \nothing;
  @ ensures chart_state: chart_state(\result) == state || (state < 0 || state >= TCPFSM_STATE_COUNT);
  @ ensures known: 0 <= chart_state(\result);
  @ ensures origin: state == TCPFSM_SYN_RECEIVED ==> (chart_passive(\result) == 1 <==> passive != 0);
  @ ensures not_syn_received: state != TCPFSM_SYN_RECEIVED ==> chart_passive(\result) == 0;
  @*/
int tcpfsm_machine_cs(int state, int passive);

/*@ assigns \nothing;
  @ ensures mapped: \result == chart_state(cs);
  @*/
int tcpfsm_machine_state(int cs);

/*@ assigns \nothing;
  @ ensures mapped: \result == chart_passive(cs);
  @*/
int tcpfsm_machine_is_passive(int cs);

/* One event, one transition: returns the next chart state and sets *act.
 * The contract is the RFC's table (proofs/tcpfsm.acsl, next_state and
 * next_action), written independently of the chart: WP proves the chart
 * implements it. machine_step says it all in one clause (step_listed for an
 * event the state lists, the error state for any other): WP makes one goal
 * per transition for each clause, so one clause is 237 goals, not 1659
 * (proofs/README.md). */
/*@ requires valid_act: \valid(act);
  @ requires known_state: 0 <= chart_state(cs);
  @ assigns *act;
  @ ensures step: machine_step(\old(cs), event, \result, *act);
  @*/
int tcpfsm_machine_step(int cs, unsigned char event, int *act);

#endif
