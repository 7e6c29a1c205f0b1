/* generated from spec/tcp.rl by ragel 6.10; do not edit (make gen) */

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


static const int tcp_start = 1;

static const int tcp_en_closed = 2;
static const int tcp_en_listen = 3;
static const int tcp_en_syn_sent = 4;
static const int tcp_en_syn_received_passive = 5;
static const int tcp_en_syn_received_active = 6;
static const int tcp_en_established = 7;
static const int tcp_en_fin_wait_1 = 8;
static const int tcp_en_fin_wait_2 = 9;
static const int tcp_en_close_wait = 10;
static const int tcp_en_closing = 11;
static const int tcp_en_last_ack = 12;
static const int tcp_en_time_wait = 1;




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
    
	{
	goto _resume;

_again:
	switch ( cs ) {
		case 1: goto st1;
		case 0: goto st0;
		case 13: goto st13;
		case 2: goto st2;
		case 14: goto st14;
		case 3: goto st3;
		case 15: goto st15;
		case 4: goto st4;
		case 16: goto st16;
		case 5: goto st5;
		case 17: goto st17;
		case 6: goto st6;
		case 18: goto st18;
		case 7: goto st7;
		case 19: goto st19;
		case 8: goto st8;
		case 20: goto st20;
		case 9: goto st9;
		case 21: goto st21;
		case 10: goto st10;
		case 22: goto st22;
		case 11: goto st11;
		case 23: goto st23;
		case 12: goto st12;
		case 24: goto st24;
	default: break;
	}

	p += 1;
_resume:
	switch ( cs )
	{
st1:
	p += 1;
case 1:
	switch( ( event) ) {
		case 1u: goto tr0;
		case 2u: goto tr2;
		case 3u: goto tr3;
		case 4u: goto tr4;
		case 5u: goto tr5;
		case 6u: goto tr6;
		case 10u: goto tr7;
		case 15u: goto tr8;
		case 16u: goto tr9;
		case 17u: goto tr10;
		case 18u: goto tr11;
		case 19u: goto tr12;
		case 20u: goto tr13;
		case 22u: goto tr14;
		case 23u: goto tr15;
		case 25u: goto tr16;
		case 27u: goto tr17;
		case 32u: goto tr18;
		case 33u: goto tr19;
	}
	goto st0;
st0:
cs = 0;
	goto _out;
tr0:
	cs = 13;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 1; {p++; goto _out;} }
	goto _again;
tr2:
	cs = 13;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 1; {p++; goto _out;} }
	goto _again;
tr3:
	cs = 13;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 1; {p++; goto _out;} }
	goto _again;
tr4:
	cs = 13;
	{ *act = TCPFSM_A_RECEIVE_CLOSING; cs = 1; {p++; goto _out;} }
	goto _again;
tr5:
	cs = 13;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 1; {p++; goto _out;} }
	goto _again;
tr6:
	cs = 13;
	{ *act = TCPFSM_A_DELETE;          cs = 2;    {p++; goto _out;} }
	goto _again;
tr7:
	cs = 13;
	{ *act = TCPFSM_A_NONE;            cs = 1; {p++; goto _out;} }
	goto _again;
tr8:
	cs = 13;
	{ *act = TCPFSM_A_NONE;            cs = 1; {p++; goto _out;} }
	goto _again;
tr9:
	cs = 13;
	{ *act = TCPFSM_A_DELETE;          cs = 2;    {p++; goto _out;} }
	goto _again;
tr10:
	cs = 13;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 1; {p++; goto _out;} }
	goto _again;
tr11:
	cs = 13;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 1; {p++; goto _out;} }
	goto _again;
tr12:
	cs = 13;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 1; {p++; goto _out;} }
	goto _again;
tr13:
	cs = 13;
	{ *act = TCPFSM_A_RESET_BY_SYN;    cs = 2;    {p++; goto _out;} }
	goto _again;
tr14:
	cs = 13;
	{ *act = TCPFSM_A_SEND_ACK;     cs = 1; {p++; goto _out;} }
	goto _again;
tr15:
	cs = 13;
	{ *act = TCPFSM_A_PROCESS_ACK;     cs = 1; {p++; goto _out;} }
	goto _again;
tr16:
	cs = 13;
	{ *act = TCPFSM_A_NONE;            cs = 1; {p++; goto _out;} }
	goto _again;
tr17:
	cs = 13;
	{ *act = TCPFSM_A_RESTART_TIME_WAIT; cs = 1; {p++; goto _out;} }
	goto _again;
tr18:
	cs = 13;
	{ *act = TCPFSM_A_DELETE;          cs = 2;    {p++; goto _out;} }
	goto _again;
tr19:
	cs = 13;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;    {p++; goto _out;} }
	goto _again;
st13:
	p += 1;
case 13:
	goto st0;
st2:
	p += 1;
case 2:
	switch( ( event) ) {
		case 1u: goto tr20;
		case 2u: goto tr21;
		case 3u: goto tr22;
		case 4u: goto tr23;
		case 5u: goto tr24;
		case 6u: goto tr25;
		case 10u: goto tr26;
		case 11u: goto tr27;
	}
	goto st0;
tr20:
	cs = 14;
	{ *act = TCPFSM_A_LISTEN;          cs = 3;   {p++; goto _out;} }
	goto _again;
tr21:
	cs = 14;
	{ *act = TCPFSM_A_CONNECT;         cs = 4; {p++; goto _out;} }
	goto _again;
tr22:
	cs = 14;
	{ *act = TCPFSM_A_ERR_NOT_EXIST;   cs = 2;   {p++; goto _out;} }
	goto _again;
tr23:
	cs = 14;
	{ *act = TCPFSM_A_ERR_NOT_EXIST;   cs = 2;   {p++; goto _out;} }
	goto _again;
tr24:
	cs = 14;
	{ *act = TCPFSM_A_ERR_NOT_EXIST;   cs = 2;   {p++; goto _out;} }
	goto _again;
tr25:
	cs = 14;
	{ *act = TCPFSM_A_ERR_NOT_EXIST;   cs = 2;   {p++; goto _out;} }
	goto _again;
tr26:
	cs = 14;
	{ *act = TCPFSM_A_NONE;            cs = 2;   {p++; goto _out;} }
	goto _again;
tr27:
	cs = 14;
	{ *act = TCPFSM_A_REPLY_RST;       cs = 2;   {p++; goto _out;} }
	goto _again;
st14:
	p += 1;
case 14:
	goto st0;
st3:
	p += 1;
case 3:
	switch( ( event) ) {
		case 1u: goto tr28;
		case 2u: goto tr29;
		case 3u: goto tr30;
		case 4u: goto tr31;
		case 5u: goto tr32;
		case 6u: goto tr33;
		case 10u: goto tr34;
		case 12u: goto tr35;
		case 13u: goto tr36;
		case 15u: goto tr37;
	}
	goto st0;
tr28:
	cs = 15;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 3;   {p++; goto _out;} }
	goto _again;
tr29:
	cs = 15;
	{ *act = TCPFSM_A_CONNECT;         cs = 4; {p++; goto _out;} }
	goto _again;
tr30:
	cs = 15;
	{ *act = TCPFSM_A_ERR_UNSPECIFIED; cs = 3;   {p++; goto _out;} }
	goto _again;
tr31:
	cs = 15;
	{ *act = TCPFSM_A_RECEIVE;         cs = 3;   {p++; goto _out;} }
	goto _again;
tr32:
	cs = 15;
	{ *act = TCPFSM_A_DELETE;          cs = 2;   {p++; goto _out;} }
	goto _again;
tr33:
	cs = 15;
	{ *act = TCPFSM_A_DELETE;          cs = 2;   {p++; goto _out;} }
	goto _again;
tr34:
	cs = 15;
	{ *act = TCPFSM_A_NONE;            cs = 3;   {p++; goto _out;} }
	goto _again;
tr35:
	cs = 15;
	{ *act = TCPFSM_A_REPLY_RST;       cs = 3;   {p++; goto _out;} }
	goto _again;
tr36:
	cs = 15;
	{ *act = TCPFSM_A_ACCEPT_SYN;      cs = 5; {p++; goto _out;} }
	goto _again;
tr37:
	cs = 15;
	{ *act = TCPFSM_A_NONE;            cs = 3;   {p++; goto _out;} }
	goto _again;
st15:
	p += 1;
case 15:
	goto st0;
st4:
	p += 1;
case 4:
	switch( ( event) ) {
		case 1u: goto tr38;
		case 2u: goto tr39;
		case 3u: goto tr40;
		case 4u: goto tr41;
		case 5u: goto tr42;
		case 6u: goto tr43;
		case 10u: goto tr44;
		case 12u: goto tr45;
		case 13u: goto tr46;
		case 14u: goto tr47;
		case 15u: goto tr48;
		case 16u: goto tr49;
		case 30u: goto tr50;
		case 31u: goto tr51;
		case 33u: goto tr52;
	}
	goto st0;
tr38:
	cs = 16;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 4; {p++; goto _out;} }
	goto _again;
tr39:
	cs = 16;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 4; {p++; goto _out;} }
	goto _again;
tr40:
	cs = 16;
	{ *act = TCPFSM_A_QUEUE_SEND;      cs = 4; {p++; goto _out;} }
	goto _again;
tr41:
	cs = 16;
	{ *act = TCPFSM_A_RECEIVE;         cs = 4; {p++; goto _out;} }
	goto _again;
tr42:
	cs = 16;
	{ *act = TCPFSM_A_DELETE;          cs = 2;   {p++; goto _out;} }
	goto _again;
tr43:
	cs = 16;
	{ *act = TCPFSM_A_DELETE;          cs = 2;   {p++; goto _out;} }
	goto _again;
tr44:
	cs = 16;
	{ *act = TCPFSM_A_NONE;            cs = 4; {p++; goto _out;} }
	goto _again;
tr45:
	cs = 16;
	{ *act = TCPFSM_A_REPLY_RST;       cs = 4; {p++; goto _out;} }
	goto _again;
tr46:
	cs = 16;
	{ *act = TCPFSM_A_SIMULTANEOUS_SYN; cs = 6; {p++; goto _out;} }
	goto _again;
tr47:
	cs = 16;
	{ *act = TCPFSM_A_SYN_ACKED;       cs = 7; {p++; goto _out;} }
	goto _again;
tr48:
	cs = 16;
	{ *act = TCPFSM_A_NONE;            cs = 4; {p++; goto _out;} }
	goto _again;
tr49:
	cs = 16;
	{ *act = TCPFSM_A_REFUSED;         cs = 2;   {p++; goto _out;} }
	goto _again;
tr50:
	cs = 16;
	{ *act = TCPFSM_A_RETRANSMIT;     cs = 4; {p++; goto _out;} }
	goto _again;
tr51:
	cs = 16;
	{ *act = TCPFSM_A_GIVE_UP;         cs = 2;   {p++; goto _out;} }
	goto _again;
tr52:
	cs = 16;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;   {p++; goto _out;} }
	goto _again;
st16:
	p += 1;
case 16:
	goto st0;
st5:
	p += 1;
case 5:
	switch( ( event) ) {
		case 1u: goto tr53;
		case 2u: goto tr54;
		case 3u: goto tr55;
		case 4u: goto tr56;
		case 5u: goto tr57;
		case 6u: goto tr58;
		case 7u: goto tr59;
		case 10u: goto tr60;
		case 12u: goto tr61;
		case 15u: goto tr62;
		case 16u: goto tr63;
		case 17u: goto tr64;
		case 18u: goto tr65;
		case 19u: goto tr66;
		case 20u: goto tr67;
		case 21u: goto tr68;
		case 30u: goto tr69;
		case 31u: goto tr70;
		case 33u: goto tr71;
	}
	goto st0;
tr53:
	cs = 17;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 5; {p++; goto _out;} }
	goto _again;
tr54:
	cs = 17;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 5; {p++; goto _out;} }
	goto _again;
tr55:
	cs = 17;
	{ *act = TCPFSM_A_QUEUE_SEND;      cs = 5; {p++; goto _out;} }
	goto _again;
tr56:
	cs = 17;
	{ *act = TCPFSM_A_RECEIVE;         cs = 5; {p++; goto _out;} }
	goto _again;
tr57:
	cs = 17;
	{ *act = TCPFSM_A_CLOSE;           cs = 8; {p++; goto _out;} }
	goto _again;
tr58:
	cs = 17;
	{ *act = TCPFSM_A_ABORT_RST;       cs = 2;   {p++; goto _out;} }
	goto _again;
tr59:
	cs = 17;
	{ *act = TCPFSM_A_DEFER_CLOSE;     cs = 5; {p++; goto _out;} }
	goto _again;
tr60:
	cs = 17;
	{ *act = TCPFSM_A_NONE;            cs = 5; {p++; goto _out;} }
	goto _again;
tr61:
	cs = 17;
	{ *act = TCPFSM_A_REPLY_RST;       cs = 5; {p++; goto _out;} }
	goto _again;
tr62:
	cs = 17;
	{ *act = TCPFSM_A_NONE;            cs = 5; {p++; goto _out;} }
	goto _again;
tr63:
	cs = 17;
	{ *act = TCPFSM_A_BACK_TO_LISTEN;  cs = 3;   {p++; goto _out;} }
	goto _again;
tr64:
	cs = 17;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 5; {p++; goto _out;} }
	goto _again;
tr65:
	cs = 17;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 5; {p++; goto _out;} }
	goto _again;
tr66:
	cs = 17;
	{ *act = TCPFSM_A_BACK_TO_LISTEN;  cs = 3;   {p++; goto _out;} }
	goto _again;
tr67:
	cs = 17;
	{ *act = TCPFSM_A_BACK_TO_LISTEN;  cs = 3;   {p++; goto _out;} }
	goto _again;
tr68:
	cs = 17;
	{ *act = TCPFSM_A_ESTABLISH;       cs = 7; {p++; goto _out;} }
	goto _again;
tr69:
	cs = 17;
	{ *act = TCPFSM_A_RETRANSMIT;     cs = 5; {p++; goto _out;} }
	goto _again;
tr70:
	cs = 17;
	{ *act = TCPFSM_A_BACK_TO_LISTEN;  cs = 3;   {p++; goto _out;} }
	goto _again;
tr71:
	cs = 17;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;   {p++; goto _out;} }
	goto _again;
st17:
	p += 1;
case 17:
	goto st0;
st6:
	p += 1;
case 6:
	switch( ( event) ) {
		case 1u: goto tr72;
		case 2u: goto tr73;
		case 3u: goto tr74;
		case 4u: goto tr75;
		case 5u: goto tr76;
		case 6u: goto tr77;
		case 7u: goto tr78;
		case 10u: goto tr79;
		case 12u: goto tr80;
		case 15u: goto tr81;
		case 16u: goto tr82;
		case 17u: goto tr83;
		case 18u: goto tr84;
		case 19u: goto tr85;
		case 20u: goto tr86;
		case 21u: goto tr87;
		case 30u: goto tr88;
		case 31u: goto tr89;
		case 33u: goto tr90;
	}
	goto st0;
tr72:
	cs = 18;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 6; {p++; goto _out;} }
	goto _again;
tr73:
	cs = 18;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 6; {p++; goto _out;} }
	goto _again;
tr74:
	cs = 18;
	{ *act = TCPFSM_A_QUEUE_SEND;      cs = 6; {p++; goto _out;} }
	goto _again;
tr75:
	cs = 18;
	{ *act = TCPFSM_A_RECEIVE;         cs = 6; {p++; goto _out;} }
	goto _again;
tr76:
	cs = 18;
	{ *act = TCPFSM_A_CLOSE;           cs = 8; {p++; goto _out;} }
	goto _again;
tr77:
	cs = 18;
	{ *act = TCPFSM_A_ABORT_RST;       cs = 2;   {p++; goto _out;} }
	goto _again;
tr78:
	cs = 18;
	{ *act = TCPFSM_A_DEFER_CLOSE;     cs = 6; {p++; goto _out;} }
	goto _again;
tr79:
	cs = 18;
	{ *act = TCPFSM_A_NONE;            cs = 6; {p++; goto _out;} }
	goto _again;
tr80:
	cs = 18;
	{ *act = TCPFSM_A_REPLY_RST;       cs = 6; {p++; goto _out;} }
	goto _again;
tr81:
	cs = 18;
	{ *act = TCPFSM_A_NONE;            cs = 6; {p++; goto _out;} }
	goto _again;
tr82:
	cs = 18;
	{ *act = TCPFSM_A_REFUSED;         cs = 2;   {p++; goto _out;} }
	goto _again;
tr83:
	cs = 18;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 6; {p++; goto _out;} }
	goto _again;
tr84:
	cs = 18;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 6; {p++; goto _out;} }
	goto _again;
tr85:
	cs = 18;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 6; {p++; goto _out;} }
	goto _again;
tr86:
	cs = 18;
	{ *act = TCPFSM_A_RESET_BY_SYN;    cs = 2;   {p++; goto _out;} }
	goto _again;
tr87:
	cs = 18;
	{ *act = TCPFSM_A_ESTABLISH;       cs = 7; {p++; goto _out;} }
	goto _again;
tr88:
	cs = 18;
	{ *act = TCPFSM_A_RETRANSMIT;     cs = 6; {p++; goto _out;} }
	goto _again;
tr89:
	cs = 18;
	{ *act = TCPFSM_A_GIVE_UP;         cs = 2;   {p++; goto _out;} }
	goto _again;
tr90:
	cs = 18;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;   {p++; goto _out;} }
	goto _again;
st18:
	p += 1;
case 18:
	goto st0;
st7:
	p += 1;
case 7:
	switch( ( event) ) {
		case 1u: goto tr91;
		case 2u: goto tr92;
		case 3u: goto tr93;
		case 4u: goto tr94;
		case 5u: goto tr95;
		case 6u: goto tr96;
		case 10u: goto tr97;
		case 15u: goto tr98;
		case 16u: goto tr99;
		case 17u: goto tr100;
		case 18u: goto tr101;
		case 19u: goto tr102;
		case 20u: goto tr103;
		case 22u: goto tr104;
		case 23u: goto tr105;
		case 25u: goto tr106;
		case 26u: goto tr107;
		case 30u: goto tr108;
		case 31u: goto tr109;
		case 33u: goto tr110;
		case 40u: goto tr111;
	}
	goto st0;
tr91:
	cs = 19;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 7; {p++; goto _out;} }
	goto _again;
tr92:
	cs = 19;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 7; {p++; goto _out;} }
	goto _again;
tr93:
	cs = 19;
	{ *act = TCPFSM_A_QUEUE_SEND;      cs = 7; {p++; goto _out;} }
	goto _again;
tr94:
	cs = 19;
	{ *act = TCPFSM_A_RECEIVE;         cs = 7; {p++; goto _out;} }
	goto _again;
tr95:
	cs = 19;
	{ *act = TCPFSM_A_CLOSE;           cs = 8;  {p++; goto _out;} }
	goto _again;
tr96:
	cs = 19;
	{ *act = TCPFSM_A_ABORT_RST;       cs = 2;      {p++; goto _out;} }
	goto _again;
tr97:
	cs = 19;
	{ *act = TCPFSM_A_NONE;            cs = 7; {p++; goto _out;} }
	goto _again;
tr98:
	cs = 19;
	{ *act = TCPFSM_A_NONE;            cs = 7; {p++; goto _out;} }
	goto _again;
tr99:
	cs = 19;
	{ *act = TCPFSM_A_RESET;           cs = 2;      {p++; goto _out;} }
	goto _again;
tr100:
	cs = 19;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 7; {p++; goto _out;} }
	goto _again;
tr101:
	cs = 19;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 7; {p++; goto _out;} }
	goto _again;
tr102:
	cs = 19;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 7; {p++; goto _out;} }
	goto _again;
tr103:
	cs = 19;
	{ *act = TCPFSM_A_RESET_BY_SYN;    cs = 2;      {p++; goto _out;} }
	goto _again;
tr104:
	cs = 19;
	{ *act = TCPFSM_A_SEND_ACK;     cs = 7; {p++; goto _out;} }
	goto _again;
tr105:
	cs = 19;
	{ *act = TCPFSM_A_PROCESS_ACK;     cs = 7; {p++; goto _out;} }
	goto _again;
tr106:
	cs = 19;
	{ *act = TCPFSM_A_ACCEPT_TEXT;     cs = 7; {p++; goto _out;} }
	goto _again;
tr107:
	cs = 19;
	{ *act = TCPFSM_A_FIN;             cs = 10;  {p++; goto _out;} }
	goto _again;
tr108:
	cs = 19;
	{ *act = TCPFSM_A_RETRANSMIT;     cs = 7; {p++; goto _out;} }
	goto _again;
tr109:
	cs = 19;
	{ *act = TCPFSM_A_GIVE_UP;         cs = 2;      {p++; goto _out;} }
	goto _again;
tr110:
	cs = 19;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;      {p++; goto _out;} }
	goto _again;
tr111:
	cs = 19;
	{ *act = TCPFSM_A_CLOSE;           cs = 8;  {p++; goto _out;} }
	goto _again;
st19:
	p += 1;
case 19:
	goto st0;
st8:
	p += 1;
case 8:
	switch( ( event) ) {
		case 1u: goto tr112;
		case 2u: goto tr113;
		case 3u: goto tr114;
		case 4u: goto tr115;
		case 5u: goto tr116;
		case 6u: goto tr117;
		case 10u: goto tr118;
		case 15u: goto tr119;
		case 16u: goto tr120;
		case 17u: goto tr121;
		case 18u: goto tr122;
		case 19u: goto tr123;
		case 20u: goto tr124;
		case 22u: goto tr125;
		case 23u: goto tr126;
		case 24u: goto tr127;
		case 25u: goto tr128;
		case 26u: goto tr129;
		case 30u: goto tr130;
		case 31u: goto tr131;
		case 33u: goto tr132;
	}
	goto st0;
tr112:
	cs = 20;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 8; {p++; goto _out;} }
	goto _again;
tr113:
	cs = 20;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 8; {p++; goto _out;} }
	goto _again;
tr114:
	cs = 20;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 8; {p++; goto _out;} }
	goto _again;
tr115:
	cs = 20;
	{ *act = TCPFSM_A_RECEIVE;         cs = 8; {p++; goto _out;} }
	goto _again;
tr116:
	cs = 20;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 8; {p++; goto _out;} }
	goto _again;
tr117:
	cs = 20;
	{ *act = TCPFSM_A_ABORT_RST;       cs = 2;     {p++; goto _out;} }
	goto _again;
tr118:
	cs = 20;
	{ *act = TCPFSM_A_NONE;            cs = 8; {p++; goto _out;} }
	goto _again;
tr119:
	cs = 20;
	{ *act = TCPFSM_A_NONE;            cs = 8; {p++; goto _out;} }
	goto _again;
tr120:
	cs = 20;
	{ *act = TCPFSM_A_RESET;           cs = 2;     {p++; goto _out;} }
	goto _again;
tr121:
	cs = 20;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 8; {p++; goto _out;} }
	goto _again;
tr122:
	cs = 20;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 8; {p++; goto _out;} }
	goto _again;
tr123:
	cs = 20;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 8; {p++; goto _out;} }
	goto _again;
tr124:
	cs = 20;
	{ *act = TCPFSM_A_RESET_BY_SYN;    cs = 2;     {p++; goto _out;} }
	goto _again;
tr125:
	cs = 20;
	{ *act = TCPFSM_A_SEND_ACK;     cs = 8; {p++; goto _out;} }
	goto _again;
tr126:
	cs = 20;
	{ *act = TCPFSM_A_PROCESS_ACK;     cs = 8; {p++; goto _out;} }
	goto _again;
tr127:
	cs = 20;
	{ *act = TCPFSM_A_FIN_ACKED;       cs = 9; {p++; goto _out;} }
	goto _again;
tr128:
	cs = 20;
	{ *act = TCPFSM_A_ACCEPT_TEXT;     cs = 8; {p++; goto _out;} }
	goto _again;
tr129:
	cs = 20;
	{ *act = TCPFSM_A_FIN;             cs = 11;    {p++; goto _out;} }
	goto _again;
tr130:
	cs = 20;
	{ *act = TCPFSM_A_RETRANSMIT;     cs = 8; {p++; goto _out;} }
	goto _again;
tr131:
	cs = 20;
	{ *act = TCPFSM_A_GIVE_UP;         cs = 2;     {p++; goto _out;} }
	goto _again;
tr132:
	cs = 20;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;     {p++; goto _out;} }
	goto _again;
st20:
	p += 1;
case 20:
	goto st0;
st9:
	p += 1;
case 9:
	switch( ( event) ) {
		case 1u: goto tr133;
		case 2u: goto tr134;
		case 3u: goto tr135;
		case 4u: goto tr136;
		case 5u: goto tr137;
		case 6u: goto tr138;
		case 10u: goto tr139;
		case 15u: goto tr140;
		case 16u: goto tr141;
		case 17u: goto tr142;
		case 18u: goto tr143;
		case 19u: goto tr144;
		case 20u: goto tr145;
		case 22u: goto tr146;
		case 23u: goto tr147;
		case 25u: goto tr148;
		case 26u: goto tr149;
		case 33u: goto tr150;
	}
	goto st0;
tr133:
	cs = 21;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 9; {p++; goto _out;} }
	goto _again;
tr134:
	cs = 21;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 9; {p++; goto _out;} }
	goto _again;
tr135:
	cs = 21;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 9; {p++; goto _out;} }
	goto _again;
tr136:
	cs = 21;
	{ *act = TCPFSM_A_RECEIVE;         cs = 9; {p++; goto _out;} }
	goto _again;
tr137:
	cs = 21;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 9; {p++; goto _out;} }
	goto _again;
tr138:
	cs = 21;
	{ *act = TCPFSM_A_ABORT_RST;       cs = 2;     {p++; goto _out;} }
	goto _again;
tr139:
	cs = 21;
	{ *act = TCPFSM_A_NONE;            cs = 9; {p++; goto _out;} }
	goto _again;
tr140:
	cs = 21;
	{ *act = TCPFSM_A_NONE;            cs = 9; {p++; goto _out;} }
	goto _again;
tr141:
	cs = 21;
	{ *act = TCPFSM_A_RESET;           cs = 2;     {p++; goto _out;} }
	goto _again;
tr142:
	cs = 21;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 9; {p++; goto _out;} }
	goto _again;
tr143:
	cs = 21;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 9; {p++; goto _out;} }
	goto _again;
tr144:
	cs = 21;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 9; {p++; goto _out;} }
	goto _again;
tr145:
	cs = 21;
	{ *act = TCPFSM_A_RESET_BY_SYN;    cs = 2;     {p++; goto _out;} }
	goto _again;
tr146:
	cs = 21;
	{ *act = TCPFSM_A_SEND_ACK;     cs = 9; {p++; goto _out;} }
	goto _again;
tr147:
	cs = 21;
	{ *act = TCPFSM_A_PROCESS_ACK;     cs = 9; {p++; goto _out;} }
	goto _again;
tr148:
	cs = 21;
	{ *act = TCPFSM_A_ACCEPT_TEXT;     cs = 9; {p++; goto _out;} }
	goto _again;
tr149:
	cs = 21;
	{ *act = TCPFSM_A_FIN_TIME_WAIT;   cs = 1;  {p++; goto _out;} }
	goto _again;
tr150:
	cs = 21;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;     {p++; goto _out;} }
	goto _again;
st21:
	p += 1;
case 21:
	goto st0;
st10:
	p += 1;
case 10:
	switch( ( event) ) {
		case 1u: goto tr151;
		case 2u: goto tr152;
		case 3u: goto tr153;
		case 4u: goto tr154;
		case 5u: goto tr155;
		case 6u: goto tr156;
		case 10u: goto tr157;
		case 15u: goto tr158;
		case 16u: goto tr159;
		case 17u: goto tr160;
		case 18u: goto tr161;
		case 19u: goto tr162;
		case 20u: goto tr163;
		case 22u: goto tr164;
		case 23u: goto tr165;
		case 25u: goto tr166;
		case 27u: goto tr167;
		case 30u: goto tr168;
		case 31u: goto tr169;
		case 33u: goto tr170;
	}
	goto st0;
tr151:
	cs = 22;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 10; {p++; goto _out;} }
	goto _again;
tr152:
	cs = 22;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 10; {p++; goto _out;} }
	goto _again;
tr153:
	cs = 22;
	{ *act = TCPFSM_A_QUEUE_SEND;      cs = 10; {p++; goto _out;} }
	goto _again;
tr154:
	cs = 22;
	{ *act = TCPFSM_A_RECEIVE_CLOSING; cs = 10; {p++; goto _out;} }
	goto _again;
tr155:
	cs = 22;
	{ *act = TCPFSM_A_CLOSE;           cs = 12;   {p++; goto _out;} }
	goto _again;
tr156:
	cs = 22;
	{ *act = TCPFSM_A_ABORT_RST;       cs = 2;     {p++; goto _out;} }
	goto _again;
tr157:
	cs = 22;
	{ *act = TCPFSM_A_NONE;            cs = 10; {p++; goto _out;} }
	goto _again;
tr158:
	cs = 22;
	{ *act = TCPFSM_A_NONE;            cs = 10; {p++; goto _out;} }
	goto _again;
tr159:
	cs = 22;
	{ *act = TCPFSM_A_RESET;           cs = 2;     {p++; goto _out;} }
	goto _again;
tr160:
	cs = 22;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 10; {p++; goto _out;} }
	goto _again;
tr161:
	cs = 22;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 10; {p++; goto _out;} }
	goto _again;
tr162:
	cs = 22;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 10; {p++; goto _out;} }
	goto _again;
tr163:
	cs = 22;
	{ *act = TCPFSM_A_RESET_BY_SYN;    cs = 2;     {p++; goto _out;} }
	goto _again;
tr164:
	cs = 22;
	{ *act = TCPFSM_A_SEND_ACK;     cs = 10; {p++; goto _out;} }
	goto _again;
tr165:
	cs = 22;
	{ *act = TCPFSM_A_PROCESS_ACK;     cs = 10; {p++; goto _out;} }
	goto _again;
tr166:
	cs = 22;
	{ *act = TCPFSM_A_NONE;            cs = 10; {p++; goto _out;} }
	goto _again;
tr167:
	cs = 22;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 10; {p++; goto _out;} }
	goto _again;
tr168:
	cs = 22;
	{ *act = TCPFSM_A_RETRANSMIT;     cs = 10; {p++; goto _out;} }
	goto _again;
tr169:
	cs = 22;
	{ *act = TCPFSM_A_GIVE_UP;         cs = 2;     {p++; goto _out;} }
	goto _again;
tr170:
	cs = 22;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;     {p++; goto _out;} }
	goto _again;
st22:
	p += 1;
case 22:
	goto st0;
st11:
	p += 1;
case 11:
	switch( ( event) ) {
		case 1u: goto tr171;
		case 2u: goto tr172;
		case 3u: goto tr173;
		case 4u: goto tr174;
		case 5u: goto tr175;
		case 6u: goto tr176;
		case 10u: goto tr177;
		case 15u: goto tr178;
		case 16u: goto tr179;
		case 17u: goto tr180;
		case 18u: goto tr181;
		case 19u: goto tr182;
		case 20u: goto tr183;
		case 22u: goto tr184;
		case 23u: goto tr185;
		case 24u: goto tr186;
		case 25u: goto tr187;
		case 27u: goto tr188;
		case 30u: goto tr189;
		case 31u: goto tr190;
		case 33u: goto tr191;
	}
	goto st0;
tr171:
	cs = 23;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 11; {p++; goto _out;} }
	goto _again;
tr172:
	cs = 23;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 11; {p++; goto _out;} }
	goto _again;
tr173:
	cs = 23;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 11; {p++; goto _out;} }
	goto _again;
tr174:
	cs = 23;
	{ *act = TCPFSM_A_RECEIVE_CLOSING; cs = 11; {p++; goto _out;} }
	goto _again;
tr175:
	cs = 23;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 11; {p++; goto _out;} }
	goto _again;
tr176:
	cs = 23;
	{ *act = TCPFSM_A_DELETE;          cs = 2;  {p++; goto _out;} }
	goto _again;
tr177:
	cs = 23;
	{ *act = TCPFSM_A_NONE;            cs = 11; {p++; goto _out;} }
	goto _again;
tr178:
	cs = 23;
	{ *act = TCPFSM_A_NONE;            cs = 11; {p++; goto _out;} }
	goto _again;
tr179:
	cs = 23;
	{ *act = TCPFSM_A_DELETE_AFTER_RST; cs = 2;  {p++; goto _out;} }
	goto _again;
tr180:
	cs = 23;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 11; {p++; goto _out;} }
	goto _again;
tr181:
	cs = 23;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 11; {p++; goto _out;} }
	goto _again;
tr182:
	cs = 23;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 11; {p++; goto _out;} }
	goto _again;
tr183:
	cs = 23;
	{ *act = TCPFSM_A_RESET_BY_SYN;    cs = 2;  {p++; goto _out;} }
	goto _again;
tr184:
	cs = 23;
	{ *act = TCPFSM_A_SEND_ACK;     cs = 11; {p++; goto _out;} }
	goto _again;
tr185:
	cs = 23;
	{ *act = TCPFSM_A_PROCESS_ACK;     cs = 11; {p++; goto _out;} }
	goto _again;
tr186:
	cs = 23;
	{ *act = TCPFSM_A_ENTER_TIME_WAIT; cs = 1; {p++; goto _out;} }
	goto _again;
tr187:
	cs = 23;
	{ *act = TCPFSM_A_NONE;            cs = 11; {p++; goto _out;} }
	goto _again;
tr188:
	cs = 23;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 11; {p++; goto _out;} }
	goto _again;
tr189:
	cs = 23;
	{ *act = TCPFSM_A_RETRANSMIT;     cs = 11; {p++; goto _out;} }
	goto _again;
tr190:
	cs = 23;
	{ *act = TCPFSM_A_GIVE_UP;         cs = 2;  {p++; goto _out;} }
	goto _again;
tr191:
	cs = 23;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;  {p++; goto _out;} }
	goto _again;
st23:
	p += 1;
case 23:
	goto st0;
st12:
	p += 1;
case 12:
	switch( ( event) ) {
		case 1u: goto tr192;
		case 2u: goto tr193;
		case 3u: goto tr194;
		case 4u: goto tr195;
		case 5u: goto tr196;
		case 6u: goto tr197;
		case 10u: goto tr198;
		case 15u: goto tr199;
		case 16u: goto tr200;
		case 17u: goto tr201;
		case 18u: goto tr202;
		case 19u: goto tr203;
		case 20u: goto tr204;
		case 22u: goto tr205;
		case 23u: goto tr206;
		case 24u: goto tr207;
		case 25u: goto tr208;
		case 27u: goto tr209;
		case 30u: goto tr210;
		case 31u: goto tr211;
		case 33u: goto tr212;
	}
	goto st0;
tr192:
	cs = 24;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 12; {p++; goto _out;} }
	goto _again;
tr193:
	cs = 24;
	{ *act = TCPFSM_A_ERR_EXISTS;      cs = 12; {p++; goto _out;} }
	goto _again;
tr194:
	cs = 24;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 12; {p++; goto _out;} }
	goto _again;
tr195:
	cs = 24;
	{ *act = TCPFSM_A_RECEIVE_CLOSING; cs = 12; {p++; goto _out;} }
	goto _again;
tr196:
	cs = 24;
	{ *act = TCPFSM_A_ERR_CLOSING;     cs = 12; {p++; goto _out;} }
	goto _again;
tr197:
	cs = 24;
	{ *act = TCPFSM_A_DELETE;          cs = 2;   {p++; goto _out;} }
	goto _again;
tr198:
	cs = 24;
	{ *act = TCPFSM_A_NONE;            cs = 12; {p++; goto _out;} }
	goto _again;
tr199:
	cs = 24;
	{ *act = TCPFSM_A_NONE;            cs = 12; {p++; goto _out;} }
	goto _again;
tr200:
	cs = 24;
	{ *act = TCPFSM_A_DELETE_AFTER_RST; cs = 2;   {p++; goto _out;} }
	goto _again;
tr201:
	cs = 24;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 12; {p++; goto _out;} }
	goto _again;
tr202:
	cs = 24;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 12; {p++; goto _out;} }
	goto _again;
tr203:
	cs = 24;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 12; {p++; goto _out;} }
	goto _again;
tr204:
	cs = 24;
	{ *act = TCPFSM_A_RESET_BY_SYN;    cs = 2;   {p++; goto _out;} }
	goto _again;
tr205:
	cs = 24;
	{ *act = TCPFSM_A_SEND_ACK;     cs = 12; {p++; goto _out;} }
	goto _again;
tr206:
	cs = 24;
	{ *act = TCPFSM_A_PROCESS_ACK;     cs = 12; {p++; goto _out;} }
	goto _again;
tr207:
	cs = 24;
	{ *act = TCPFSM_A_DELETE;          cs = 2;   {p++; goto _out;} }
	goto _again;
tr208:
	cs = 24;
	{ *act = TCPFSM_A_NONE;            cs = 12; {p++; goto _out;} }
	goto _again;
tr209:
	cs = 24;
	{ *act = TCPFSM_A_SEND_ACK;        cs = 12; {p++; goto _out;} }
	goto _again;
tr210:
	cs = 24;
	{ *act = TCPFSM_A_RETRANSMIT;     cs = 12; {p++; goto _out;} }
	goto _again;
tr211:
	cs = 24;
	{ *act = TCPFSM_A_GIVE_UP;         cs = 2;   {p++; goto _out;} }
	goto _again;
tr212:
	cs = 24;
	{ *act = TCPFSM_A_USER_TIMEOUT;    cs = 2;   {p++; goto _out;} }
	goto _again;
st24:
	p += 1;
case 24:
	goto st0;
	}

	_out: {}
	}

    return cs;
}
