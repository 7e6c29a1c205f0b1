/* spec/tcp.rl: the one table of TCP connection-management transitions.
 *
 * Read it like the RFC 9293 section 3.10 text: one block per state; in each
 * block, one line per event the state can meet, saying what to do (an action
 * code for the C around the machine, src/tcpfsm.c) and which state is next.
 *
 * The machine consumes exactly one event per call of tcpfsm_machine_step
 * (every transition ends in fbreak), so the generated code has no loop and
 * Frama-C WP can prove its contract (src/tcpfsm_machine.h). An event that a
 * state does not list sends the machine to the error state: the contract
 * proves the core never feeds one.
 *
 * SYN-RECEIVED is two chart states, syn_received_passive and
 * syn_received_active: RFC 9293 MUST-11 makes them react differently to RST
 * and SYN. Both are the RFC state SYN-RECEIVED.
 *
 * Event codes: `make gen` turns the `EV_...` lines below into
 * gen/tcpfsm_events.h (TCPFSM_EV_*), so the chart is their one source.
 */
#include "tcpfsm_machine.h"

%%{
    machine tcp;
    alphtype unsigned char;
    getkey event;   # the one event of this call: no memory read

    # ---- events (the alphabet) ------------------------------------------
    # user calls (RFC 9293 3.10.1 - 3.10.5)
    EV_OPEN_PASSIVE      = 1;
    EV_OPEN_ACTIVE       = 2;
    EV_SEND              = 3;
    EV_RECEIVE           = 4;
    EV_CLOSE             = 5;
    EV_ABORT             = 6;
    EV_CLOSE_DEFER       = 7;   # CLOSE in SYN-RECEIVED while SENDs are queued (3.10.4)
    # arriving segments, classified by src/tcpfsm.c (3.10.7)
    EV_RCV_RST_DROP      = 10;  # a RST to discard silently
    EV_RCV_ANY           = 11;  # a segment without RST meeting CLOSED
    EV_RCV_BAD_ACK       = 12;  # unacceptable ACK: LISTEN, SYN-SENT, SYN-RECEIVED
    EV_RCV_SYN           = 13;  # SYN without ACK: LISTEN, SYN-SENT
    EV_RCV_SYN_ACK       = 14;  # SYN with an acceptable ACK: SYN-SENT
    EV_RCV_DROP          = 15;  # nothing to act on: drop
    EV_RCV_RST           = 16;  # an acceptable RST
    EV_RCV_RST_CHALLENGE = 17;  # RST in window, not at RCV.NXT (RFC 5961 s3)
    EV_RCV_UNACCEPTABLE  = 18;  # fails the sequence test (3.10.7.4 first)
    EV_RCV_SYN_CHALLENGE = 19;  # SYN in a synchronized state (RFC 5961 s4)
    EV_RCV_SYN_IN_WINDOW = 20;  # SYN in window, RFC 5961 s4 off (RFC 793)
    EV_RCV_ACK_OF_SYN    = 21;  # SND.UNA < SEG.ACK =< SND.NXT in SYN-RECEIVED
    EV_RCV_ACK_OUT_OF_RANGE = 22; # ACK of unsent data, or too old (RFC 5961 s5)
    EV_RCV_ACK           = 23;  # an acceptable ACK that does not ack our FIN
    EV_RCV_ACK_OF_FIN    = 24;  # an ACK that acks our FIN
    EV_RCV_TEXT          = 25;  # payload in the window
    EV_RCV_FIN           = 26;  # FIN at RCV.NXT
    EV_RCV_FIN_AGAIN     = 27;  # retransmission of the FIN already received
    # timeouts (3.10.8)
    EV_TIMEOUT_RETRANSMIT = 30;
    EV_TIMEOUT_GIVE_UP    = 31; # retransmission limit R2 reached
    EV_TIMEOUT_TIME_WAIT  = 32;
    EV_TIMEOUT_USER       = 33;
    # internal: a CLOSE queued in SYN-RECEIVED, run on reaching ESTABLISHED
    EV_CLOSE_QUEUED       = 40;

    # ---- the states --------------------------------------------------------
    # Every transition: record the action code, name the next state, stop.

    closed := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_LISTEN;          fnext listen;   fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_CONNECT;         fnext syn_sent; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_ERR_NOT_EXIST;   fnext closed;   fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_ERR_NOT_EXIST;   fnext closed;   fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_ERR_NOT_EXIST;   fnext closed;   fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_ERR_NOT_EXIST;   fnext closed;   fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext closed;   fbreak; }
      | EV_RCV_ANY           @{ *act = TCPFSM_A_REPLY_RST;       fnext closed;   fbreak; }
    );

    listen := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext listen;   fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_CONNECT;         fnext syn_sent; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_ERR_UNSPECIFIED; fnext listen;   fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE;         fnext listen;   fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_DELETE;          fnext closed;   fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_DELETE;          fnext closed;   fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext listen;   fbreak; }
      | EV_RCV_BAD_ACK       @{ *act = TCPFSM_A_REPLY_RST;       fnext listen;   fbreak; }
      | EV_RCV_SYN           @{ *act = TCPFSM_A_ACCEPT_SYN;      fnext syn_received_passive; fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext listen;   fbreak; }
    );

    syn_sent := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext syn_sent; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext syn_sent; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_QUEUE_SEND;      fnext syn_sent; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE;         fnext syn_sent; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_DELETE;          fnext closed;   fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_DELETE;          fnext closed;   fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext syn_sent; fbreak; }
      | EV_RCV_BAD_ACK       @{ *act = TCPFSM_A_REPLY_RST;       fnext syn_sent; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_REFUSED;         fnext closed;   fbreak; }
      | EV_RCV_SYN_ACK       @{ *act = TCPFSM_A_SYN_ACKED;       fnext established; fbreak; }
      | EV_RCV_SYN           @{ *act = TCPFSM_A_SIMULTANEOUS_SYN; fnext syn_received_active; fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext syn_sent; fbreak; }
      | EV_TIMEOUT_RETRANSMIT @{ *act = TCPFSM_A_RETRANSMIT;     fnext syn_sent; fbreak; }
      | EV_TIMEOUT_GIVE_UP   @{ *act = TCPFSM_A_GIVE_UP;         fnext closed;   fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;   fbreak; }
    );

    # Came from LISTEN: a RST or a SYN sends it back there (RFC 9293 3.10.7.4).
    syn_received_passive := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext syn_received_passive; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext syn_received_passive; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_QUEUE_SEND;      fnext syn_received_passive; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE;         fnext syn_received_passive; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_CLOSE;           fnext fin_wait_1; fbreak; }
      | EV_CLOSE_DEFER       @{ *act = TCPFSM_A_DEFER_CLOSE;     fnext syn_received_passive; fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_ABORT_RST;       fnext closed;   fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext syn_received_passive; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext syn_received_passive; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_BACK_TO_LISTEN;  fnext listen;   fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext syn_received_passive; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_BACK_TO_LISTEN;  fnext listen;   fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_BACK_TO_LISTEN;  fnext listen;   fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext syn_received_passive; fbreak; }
      | EV_RCV_BAD_ACK       @{ *act = TCPFSM_A_REPLY_RST;       fnext syn_received_passive; fbreak; }
      | EV_RCV_ACK_OF_SYN    @{ *act = TCPFSM_A_ESTABLISH;       fnext established; fbreak; }
      | EV_TIMEOUT_RETRANSMIT @{ *act = TCPFSM_A_RETRANSMIT;     fnext syn_received_passive; fbreak; }
      | EV_TIMEOUT_GIVE_UP   @{ *act = TCPFSM_A_BACK_TO_LISTEN;  fnext listen;   fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;   fbreak; }
    );

    # Came from SYN-SENT (simultaneous open): a RST means "connection refused".
    syn_received_active := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext syn_received_active; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext syn_received_active; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_QUEUE_SEND;      fnext syn_received_active; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE;         fnext syn_received_active; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_CLOSE;           fnext fin_wait_1; fbreak; }
      | EV_CLOSE_DEFER       @{ *act = TCPFSM_A_DEFER_CLOSE;     fnext syn_received_active; fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_ABORT_RST;       fnext closed;   fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext syn_received_active; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext syn_received_active; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_REFUSED;         fnext closed;   fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext syn_received_active; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext syn_received_active; fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_RESET_BY_SYN;    fnext closed;   fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext syn_received_active; fbreak; }
      | EV_RCV_BAD_ACK       @{ *act = TCPFSM_A_REPLY_RST;       fnext syn_received_active; fbreak; }
      | EV_RCV_ACK_OF_SYN    @{ *act = TCPFSM_A_ESTABLISH;       fnext established; fbreak; }
      | EV_TIMEOUT_RETRANSMIT @{ *act = TCPFSM_A_RETRANSMIT;     fnext syn_received_active; fbreak; }
      | EV_TIMEOUT_GIVE_UP   @{ *act = TCPFSM_A_GIVE_UP;         fnext closed;   fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;   fbreak; }
    );

    established := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext established; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext established; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_QUEUE_SEND;      fnext established; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE;         fnext established; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_CLOSE;           fnext fin_wait_1;  fbreak; }
      | EV_CLOSE_QUEUED      @{ *act = TCPFSM_A_CLOSE;           fnext fin_wait_1;  fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_ABORT_RST;       fnext closed;      fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext established; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext established; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_RESET;           fnext closed;      fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext established; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext established; fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_RESET_BY_SYN;    fnext closed;      fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext established; fbreak; }
      | EV_RCV_ACK_OUT_OF_RANGE @{ *act = TCPFSM_A_SEND_ACK;     fnext established; fbreak; }
      | EV_RCV_ACK           @{ *act = TCPFSM_A_PROCESS_ACK;     fnext established; fbreak; }
      | EV_RCV_TEXT          @{ *act = TCPFSM_A_ACCEPT_TEXT;     fnext established; fbreak; }
      | EV_RCV_FIN           @{ *act = TCPFSM_A_FIN;             fnext close_wait;  fbreak; }
      | EV_TIMEOUT_RETRANSMIT @{ *act = TCPFSM_A_RETRANSMIT;     fnext established; fbreak; }
      | EV_TIMEOUT_GIVE_UP   @{ *act = TCPFSM_A_GIVE_UP;         fnext closed;      fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;      fbreak; }
    );

    fin_wait_1 := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext fin_wait_1; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext fin_wait_1; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_ERR_CLOSING;     fnext fin_wait_1; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE;         fnext fin_wait_1; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_ERR_CLOSING;     fnext fin_wait_1; fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_ABORT_RST;       fnext closed;     fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext fin_wait_1; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext fin_wait_1; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_RESET;           fnext closed;     fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext fin_wait_1; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext fin_wait_1; fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_RESET_BY_SYN;    fnext closed;     fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext fin_wait_1; fbreak; }
      | EV_RCV_ACK_OUT_OF_RANGE @{ *act = TCPFSM_A_SEND_ACK;     fnext fin_wait_1; fbreak; }
      | EV_RCV_ACK           @{ *act = TCPFSM_A_PROCESS_ACK;     fnext fin_wait_1; fbreak; }
      | EV_RCV_ACK_OF_FIN    @{ *act = TCPFSM_A_FIN_ACKED;       fnext fin_wait_2; fbreak; }
      | EV_RCV_TEXT          @{ *act = TCPFSM_A_ACCEPT_TEXT;     fnext fin_wait_1; fbreak; }
      | EV_RCV_FIN           @{ *act = TCPFSM_A_FIN;             fnext closing;    fbreak; }
      | EV_TIMEOUT_RETRANSMIT @{ *act = TCPFSM_A_RETRANSMIT;     fnext fin_wait_1; fbreak; }
      | EV_TIMEOUT_GIVE_UP   @{ *act = TCPFSM_A_GIVE_UP;         fnext closed;     fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;     fbreak; }
    );

    fin_wait_2 := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext fin_wait_2; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext fin_wait_2; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_ERR_CLOSING;     fnext fin_wait_2; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE;         fnext fin_wait_2; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_ERR_CLOSING;     fnext fin_wait_2; fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_ABORT_RST;       fnext closed;     fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext fin_wait_2; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext fin_wait_2; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_RESET;           fnext closed;     fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext fin_wait_2; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext fin_wait_2; fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_RESET_BY_SYN;    fnext closed;     fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext fin_wait_2; fbreak; }
      | EV_RCV_ACK_OUT_OF_RANGE @{ *act = TCPFSM_A_SEND_ACK;     fnext fin_wait_2; fbreak; }
      | EV_RCV_ACK           @{ *act = TCPFSM_A_PROCESS_ACK;     fnext fin_wait_2; fbreak; }
      | EV_RCV_TEXT          @{ *act = TCPFSM_A_ACCEPT_TEXT;     fnext fin_wait_2; fbreak; }
      | EV_RCV_FIN           @{ *act = TCPFSM_A_FIN_TIME_WAIT;   fnext time_wait;  fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;     fbreak; }
    );

    close_wait := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext close_wait; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext close_wait; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_QUEUE_SEND;      fnext close_wait; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE_CLOSING; fnext close_wait; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_CLOSE;           fnext last_ack;   fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_ABORT_RST;       fnext closed;     fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext close_wait; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext close_wait; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_RESET;           fnext closed;     fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext close_wait; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext close_wait; fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_RESET_BY_SYN;    fnext closed;     fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext close_wait; fbreak; }
      | EV_RCV_ACK_OUT_OF_RANGE @{ *act = TCPFSM_A_SEND_ACK;     fnext close_wait; fbreak; }
      | EV_RCV_ACK           @{ *act = TCPFSM_A_PROCESS_ACK;     fnext close_wait; fbreak; }
      | EV_RCV_TEXT          @{ *act = TCPFSM_A_NONE;            fnext close_wait; fbreak; }
      | EV_RCV_FIN_AGAIN     @{ *act = TCPFSM_A_SEND_ACK;        fnext close_wait; fbreak; }
      | EV_TIMEOUT_RETRANSMIT @{ *act = TCPFSM_A_RETRANSMIT;     fnext close_wait; fbreak; }
      | EV_TIMEOUT_GIVE_UP   @{ *act = TCPFSM_A_GIVE_UP;         fnext closed;     fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;     fbreak; }
    );

    closing := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext closing; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext closing; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_ERR_CLOSING;     fnext closing; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE_CLOSING; fnext closing; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_ERR_CLOSING;     fnext closing; fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_DELETE;          fnext closed;  fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext closing; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext closing; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_DELETE_AFTER_RST; fnext closed;  fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext closing; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext closing; fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_RESET_BY_SYN;    fnext closed;  fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext closing; fbreak; }
      | EV_RCV_ACK_OUT_OF_RANGE @{ *act = TCPFSM_A_SEND_ACK;     fnext closing; fbreak; }
      | EV_RCV_ACK           @{ *act = TCPFSM_A_PROCESS_ACK;     fnext closing; fbreak; }
      | EV_RCV_ACK_OF_FIN    @{ *act = TCPFSM_A_ENTER_TIME_WAIT; fnext time_wait; fbreak; }
      | EV_RCV_TEXT          @{ *act = TCPFSM_A_NONE;            fnext closing; fbreak; }
      | EV_RCV_FIN_AGAIN     @{ *act = TCPFSM_A_SEND_ACK;        fnext closing; fbreak; }
      | EV_TIMEOUT_RETRANSMIT @{ *act = TCPFSM_A_RETRANSMIT;     fnext closing; fbreak; }
      | EV_TIMEOUT_GIVE_UP   @{ *act = TCPFSM_A_GIVE_UP;         fnext closed;  fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;  fbreak; }
    );

    last_ack := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext last_ack; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext last_ack; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_ERR_CLOSING;     fnext last_ack; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE_CLOSING; fnext last_ack; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_ERR_CLOSING;     fnext last_ack; fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_DELETE;          fnext closed;   fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext last_ack; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext last_ack; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_DELETE_AFTER_RST; fnext closed;   fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext last_ack; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext last_ack; fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_RESET_BY_SYN;    fnext closed;   fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext last_ack; fbreak; }
      | EV_RCV_ACK_OUT_OF_RANGE @{ *act = TCPFSM_A_SEND_ACK;     fnext last_ack; fbreak; }
      | EV_RCV_ACK           @{ *act = TCPFSM_A_PROCESS_ACK;     fnext last_ack; fbreak; }
      | EV_RCV_ACK_OF_FIN    @{ *act = TCPFSM_A_DELETE;          fnext closed;   fbreak; }
      | EV_RCV_TEXT          @{ *act = TCPFSM_A_NONE;            fnext last_ack; fbreak; }
      | EV_RCV_FIN_AGAIN     @{ *act = TCPFSM_A_SEND_ACK;        fnext last_ack; fbreak; }
      | EV_TIMEOUT_RETRANSMIT @{ *act = TCPFSM_A_RETRANSMIT;     fnext last_ack; fbreak; }
      | EV_TIMEOUT_GIVE_UP   @{ *act = TCPFSM_A_GIVE_UP;         fnext closed;   fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;   fbreak; }
    );

    time_wait := (
        EV_OPEN_PASSIVE      @{ *act = TCPFSM_A_ERR_EXISTS;      fnext time_wait; fbreak; }
      | EV_OPEN_ACTIVE       @{ *act = TCPFSM_A_ERR_EXISTS;      fnext time_wait; fbreak; }
      | EV_SEND              @{ *act = TCPFSM_A_ERR_CLOSING;     fnext time_wait; fbreak; }
      | EV_RECEIVE           @{ *act = TCPFSM_A_RECEIVE_CLOSING; fnext time_wait; fbreak; }
      | EV_CLOSE             @{ *act = TCPFSM_A_ERR_CLOSING;     fnext time_wait; fbreak; }
      | EV_ABORT             @{ *act = TCPFSM_A_DELETE;          fnext closed;    fbreak; }
      | EV_RCV_RST_DROP      @{ *act = TCPFSM_A_NONE;            fnext time_wait; fbreak; }
      | EV_RCV_UNACCEPTABLE  @{ *act = TCPFSM_A_SEND_ACK;        fnext time_wait; fbreak; }
      | EV_RCV_RST           @{ *act = TCPFSM_A_DELETE;          fnext closed;    fbreak; }
      | EV_RCV_RST_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext time_wait; fbreak; }
      | EV_RCV_SYN_CHALLENGE @{ *act = TCPFSM_A_SEND_ACK;        fnext time_wait; fbreak; }
      | EV_RCV_SYN_IN_WINDOW @{ *act = TCPFSM_A_RESET_BY_SYN;    fnext closed;    fbreak; }
      | EV_RCV_DROP          @{ *act = TCPFSM_A_NONE;            fnext time_wait; fbreak; }
      | EV_RCV_ACK_OUT_OF_RANGE @{ *act = TCPFSM_A_SEND_ACK;     fnext time_wait; fbreak; }
      | EV_RCV_ACK           @{ *act = TCPFSM_A_PROCESS_ACK;     fnext time_wait; fbreak; }
      | EV_RCV_TEXT          @{ *act = TCPFSM_A_NONE;            fnext time_wait; fbreak; }
      | EV_RCV_FIN_AGAIN     @{ *act = TCPFSM_A_RESTART_TIME_WAIT; fnext time_wait; fbreak; }
      | EV_TIMEOUT_TIME_WAIT @{ *act = TCPFSM_A_DELETE;          fnext closed;    fbreak; }
      | EV_TIMEOUT_USER      @{ *act = TCPFSM_A_USER_TIMEOUT;    fnext closed;    fbreak; }
    );

    write data noerror nofinal;
}%%

/* Chart state of an RFC state (and, for SYN-RECEIVED, of its origin). */
int tcpfsm_machine_cs(int state, int passive)
{
    int cs;
    switch (state) {
    case TCPFSM_LISTEN:       cs = tcp_en_listen; break;
    case TCPFSM_SYN_SENT:     cs = tcp_en_syn_sent; break;
    case TCPFSM_SYN_RECEIVED: cs = passive ? tcp_en_syn_received_passive : tcp_en_syn_received_active; break;
    case TCPFSM_ESTABLISHED:  cs = tcp_en_established; break;
    case TCPFSM_FIN_WAIT_1:   cs = tcp_en_fin_wait_1; break;
    case TCPFSM_FIN_WAIT_2:   cs = tcp_en_fin_wait_2; break;
    case TCPFSM_CLOSE_WAIT:   cs = tcp_en_close_wait; break;
    case TCPFSM_CLOSING:      cs = tcp_en_closing; break;
    case TCPFSM_LAST_ACK:     cs = tcp_en_last_ack; break;
    case TCPFSM_TIME_WAIT:    cs = tcp_en_time_wait; break;
    default:                  cs = tcp_en_closed; break;
    }
    return cs;
}

/* RFC state of a chart state; -1 for the error state. */
int tcpfsm_machine_state(int cs)
{
    int state;
    if (cs == tcp_en_closed) state = TCPFSM_CLOSED;
    else if (cs == tcp_en_listen) state = TCPFSM_LISTEN;
    else if (cs == tcp_en_syn_sent) state = TCPFSM_SYN_SENT;
    else if (cs == tcp_en_syn_received_passive) state = TCPFSM_SYN_RECEIVED;
    else if (cs == tcp_en_syn_received_active) state = TCPFSM_SYN_RECEIVED;
    else if (cs == tcp_en_established) state = TCPFSM_ESTABLISHED;
    else if (cs == tcp_en_fin_wait_1) state = TCPFSM_FIN_WAIT_1;
    else if (cs == tcp_en_fin_wait_2) state = TCPFSM_FIN_WAIT_2;
    else if (cs == tcp_en_close_wait) state = TCPFSM_CLOSE_WAIT;
    else if (cs == tcp_en_closing) state = TCPFSM_CLOSING;
    else if (cs == tcp_en_last_ack) state = TCPFSM_LAST_ACK;
    else if (cs == tcp_en_time_wait) state = TCPFSM_TIME_WAIT;
    else state = -1;
    return state;
}

int tcpfsm_machine_is_passive(int cs)
{
    return cs == tcp_en_syn_received_passive;
}

/* One event, one transition. */
int tcpfsm_machine_step(int cs, unsigned char event, int *act)
{
    const unsigned char *p = &event; /* noend: one event, no end pointer needed */
    (void)tcp_start; /* Ragel always writes it; every call names its state instead */
    *act = TCPFSM_A_INVALID;
    %% write exec noend;
    return cs;
}
