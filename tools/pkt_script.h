/* The packetdrill dialect of the FreeBSD tcp-testsuite: parser and runner
 * for `tcpfsm run` (tools/cmd_run.c).
 *
 * pkt_script_parse() turns a script held in memory into a list of events;
 * it never touches files, so the fuzz harness (fuzz/fuzz_script.c) can call
 * it directly. pkt_script_run() plays the events against the model through
 * a small socket layer (tools/pkt_run.c). Both report the first problem as
 * "file:line: message" in a caller buffer.
 */
#ifndef TCPFSM_TOOLS_PKT_SCRIPT_H
#define TCPFSM_TOOLS_PKT_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#include "tcpfsm.h"

#define PKT_MESSAGE_MAX 512 /* room for "file:line: expected ... got ..." */
#define PKT_NAME_MAX 48
#define PKT_TEXT_MAX 160
#define PKT_ARGS_MAX 6
#define PKT_FIELDS_MAX 4
#define PKT_STAGES_MAX 6
#define PKT_PORTS_MAX 4
#define PKT_DEFINES_MAX 16
#define PKT_OPTIONS_MAX 32

/* ---- what a script says ---------------------------------------------------- */

/* A segment line: `< S. 0:0(0) ack 1 win 65535 <mss 1460>`. */
typedef struct pkt_segment_line {
    uint8_t flags;        /* TCPFSM_SYN | TCPFSM_ACK ... */
    uint32_t seq, end, len;
    int has_ack;
    uint32_t ack;
    int has_win;
    uint32_t win;
    char options[PKT_TEXT_MAX]; /* "<mss 1460,sackOK>" as written, or "" */
} pkt_segment_line;

typedef enum pkt_arg_kind {
    PKT_ARG_ELLIPSIS,  /* ... */
    PKT_ARG_INT,       /* 4, -1, 0x02 */
    PKT_ARG_NAMES,     /* O_RDWR | O_NONBLOCK: text holds "O_RDWR|O_NONBLOCK" */
    PKT_ARG_LIST,      /* [65536] or [ECONNRESET]: inner_kind is INT or NAMES */
    PKT_ARG_STRUCT,    /* {l_onoff=1, l_linger=0} */
    PKT_ARG_STRING     /* "..." */
} pkt_arg_kind;

typedef struct pkt_arg {
    pkt_arg_kind kind;
    pkt_arg_kind inner_kind;        /* for PKT_ARG_LIST */
    long long value;                /* INT, or LIST of INT */
    char text[PKT_NAME_MAX];        /* NAMES, or LIST of NAMES */
    int field_count;                /* STRUCT */
    char field_name[PKT_FIELDS_MAX][PKT_NAME_MAX / 2];
    long long field_value[PKT_FIELDS_MAX];
} pkt_arg;

/* A grep in a sockstat pipeline. */
typedef struct pkt_grep {
    int count;   /* -c */
    int invert;  /* -v */
    char pattern[PKT_NAME_MAX];
} pkt_grep;

typedef enum pkt_event_kind {
    PKT_EV_INBOUND,   /* < segment into the model */
    PKT_EV_OUTBOUND,  /* > segment the model must emit */
    PKT_EV_SYSCALL,
    PKT_EV_SYSCTL,    /* `sysctl -w name=value` */
    PKT_EV_SOCKSTAT,  /* `sockstat ... | grep ...` */
    PKT_EV_TCPDROP,   /* `tcpdrop -s STATE` */
    PKT_EV_ASSERT     /* %{ assert tcpi_state == TCPI_X }% */
} pkt_event_kind;

typedef struct pkt_event {
    pkt_event_kind kind;
    int line;
    int64_t time_us;          /* absolute script time */
    pkt_segment_line seg;     /* INBOUND, OUTBOUND */
    /* SYSCALL */
    char call[PKT_NAME_MAX / 2];
    int argc;
    pkt_arg arg[PKT_ARGS_MAX];
    long long ret;
    char err[PKT_NAME_MAX / 2];   /* expected errno name, "" if none */
    /* SYSCTL: name=value; TCPDROP: name is the state */
    char name[PKT_NAME_MAX];
    long long value;
    /* SOCKSTAT */
    int ss_state, ss_ipv4, ss_ipv6, ss_listen, ss_connected;
    int port_count;
    unsigned port[PKT_PORTS_MAX];
    int stage_count;
    pkt_grep stage[PKT_STAGES_MAX];
    /* ASSERT: state (tcpfsm_state) and whether == (1) or != (0) */
    int assert_equal;
    int assert_state;
    char text[PKT_TEXT_MAX];  /* the command or code as written, for messages */
} pkt_event;

/* `--name=value` header lines. */
typedef struct pkt_option {
    int line;
    char name[PKT_NAME_MAX];
    char value[PKT_NAME_MAX];
} pkt_option;

typedef struct pkt_script {
    char file[256];
    pkt_event *event;
    size_t event_count, event_cap;
    pkt_option option[PKT_OPTIONS_MAX];
    int option_count;
} pkt_script;

typedef struct pkt_defines {
    int count;
    char name[PKT_DEFINES_MAX][PKT_NAME_MAX];
} pkt_defines;

/* ---- how the runner plays it ------------------------------------------------ */

typedef struct pkt_settings {
    tcpfsm_config cfg;
    int64_t tolerance_us;      /* packetdrill --tolerance_usecs (default 4000) */
    int fixed_isn;             /* 1: use isn for every ISS the model picks */
    uint32_t isn;
    int ip_version;            /* 4 or 6: only sockstat -4/-6 looks at it */
    int close_embryonic_rst;   /* closing a listener: 0 drops SYN-RECEIVED children silently (FreeBSD syncache), 1 aborts them */
    int close_unread_rst;      /* close() with unread data: 0 discards it and sends FIN (FreeBSD), 1 aborts (Linux, RFC 1122 4.2.2.13) */
    uint32_t rcvbuf_round;     /* sysctl recvspace=N gives rcv_wnd = N rounded up to a multiple of this (0: N) */
    int verbose;               /* print every core call and the trace */
} pkt_settings;

/* Defaults: core defaults, tolerance 4000 us, ISS from tcpfsm_isn. */
void pkt_settings_default(pkt_settings *s);
/* Apply one `name` = `value` option (names as in --help, '-' or '_').
 * Returns 0, or -1 with a message in err. */
int pkt_settings_apply(pkt_settings *s, const char *name, const char *value,
                       char *err, size_t errlen);

/* Parse a script from memory. `file` names it in messages. Returns 0, or
 * -1 with "file:line: message" in err (then *out is empty but must still be
 * freed). Never reads past buf + len; NUL bytes are an error. */
int pkt_script_parse(const char *file, const char *buf, size_t len,
                     const pkt_defines *defines, pkt_script *out,
                     char *err, size_t errlen);
void pkt_script_free(pkt_script *s);

/* FreeBSD's names for the states (sockstat, tcpdrop): "SYN_RCVD". */
const char *pkt_bsd_state_name(int state);
/* The tcpfsm_state of a FreeBSD state name, or -1. */
int pkt_bsd_state_parse(const char *name);

/* Run a parsed script. Returns 0 if it passed, else -1 with
 * "file:line: expected ... got ..." in err. */
int pkt_script_run(const pkt_script *s, const pkt_settings *settings,
                   char *err, size_t errlen);

#endif
