/* Names for states, results and events: one table each, indexed by value. */
#include "tcpfsm.h"

static const char *const state_names[TCPFSM_STATE_COUNT] = {
    [TCPFSM_CLOSED] = "CLOSED",           [TCPFSM_LISTEN] = "LISTEN",
    [TCPFSM_SYN_SENT] = "SYN-SENT",       [TCPFSM_SYN_RECEIVED] = "SYN-RECEIVED",
    [TCPFSM_ESTABLISHED] = "ESTABLISHED", [TCPFSM_FIN_WAIT_1] = "FIN-WAIT-1",
    [TCPFSM_FIN_WAIT_2] = "FIN-WAIT-2",   [TCPFSM_CLOSE_WAIT] = "CLOSE-WAIT",
    [TCPFSM_CLOSING] = "CLOSING",         [TCPFSM_LAST_ACK] = "LAST-ACK",
    [TCPFSM_TIME_WAIT] = "TIME-WAIT",
};

/* RFC 9293 3.10 spells these out as "error: ..." strings. */
static const char *const result_names[TCPFSM_RESULT_COUNT] = {
    [TCPFSM_OK] = "ok",
    [TCPFSM_ERR_DOES_NOT_EXIST] = "connection does not exist",
    [TCPFSM_ERR_ALREADY_EXISTS] = "connection already exists",
    [TCPFSM_ERR_CLOSING] = "connection closing",
    [TCPFSM_ERR_RESET] = "connection reset",
    [TCPFSM_ERR_REFUSED] = "connection refused",
    [TCPFSM_ERR_USER_TIMEOUT] = "connection aborted due to user timeout",
    [TCPFSM_ERR_TIMED_OUT] = "connection timed out",
    [TCPFSM_ERR_REMOTE_UNSPECIFIED] = "remote socket unspecified",
    [TCPFSM_ERR_INSUFFICIENT_RESOURCES] = "insufficient resources",
    [TCPFSM_ERR_INVALID_ARGUMENT] = "invalid argument",
    [TCPFSM_ERR_INVALID_TCB] = "invalid TCB",
};

static const char *const event_names[TCPFSM_EV_LIMIT] = TCPFSM_EV_NAMES_INIT;

const char *tcpfsm_state_name(int state)
{
    return state >= 0 && state < TCPFSM_STATE_COUNT ? state_names[state] : "?";
}

const char *tcpfsm_result_name(int result)
{
    return result >= 0 && result < TCPFSM_RESULT_COUNT ? result_names[result] : "?";
}

const char *tcpfsm_event_name(int event)
{
    const char *name = event >= 0 && event < TCPFSM_EV_LIMIT ? event_names[event] : 0;
    return name ? name : "?";
}
