/* The input format of fuzz/fuzz_diff.c, shared with fuzz/mkseeds.c.
 *
 * An input is a 3-byte header (config knobs) and then events, each an opcode
 * byte followed by its operands. Bytes that run out read as 0; at most
 * DIFF_MAX_EVENTS events run. Values are mostly "selectors": one byte that
 * picks an interesting value relative to the connection's current state
 * (RCV.NXT, SND.UNA, ...), so that random bytes land near the edges the RFC
 * cares about. Everything here is deterministic.
 *
 * header
 *   byte 0  bit 0 rst_mitigation, bit 1 syn_mitigation, bit 2 ack_mitigation,
 *           bit 3 drop_synfin (each bit set = knob ON XOR its default: see
 *           DIFF_KNOBS_DEFAULT), bits 4-5 user timeout, bits 6-7 retries
 *   byte 1  bits 0-2 rcv_wnd, bits 3-5 mss, bits 6-7 rto
 *   byte 2  bits 0-1 msl, bit 2 time_wait_ignore_rst, bit 3 rst_error_closing,
 *           bit 4 closing_ack_with_fin, bit 5 listen_drop_syn_ack,
 *           bit 6 old_segment_ack (the FreeBSD knobs, off when 0)
 *
 * events (the opcode's low nibble is the event, DIFF_OP_*, where 14 and 15
 * are two more SEGMENT and INSEQ; the high nibble picks the ISS, from
 * DIFF_ISS_VALUES, for an active OPEN and for a SYN arriving in LISTEN)
 *   OPEN_PASSIVE
 *   OPEN_ACTIVE                         (ISS from the opcode's high nibble)
 *   SEND        nsel                    n = value of nsel (DIFF_N_*)
 *   RECEIVE     rsel                    (DIFF_R_*)
 *   CLOSE, ABORT
 *   TIMER_RTX, TIMER_2MSL, TIMER_USER
 *   TIMER_BAD   b                       timer number 3 + b
 *   BAD_CONFIG  k                       k < 0x80: the next call gets a broken
 *                                       config (knob k % 17); k >= 0x80
 *               h0 h1 h2                (DIFF_NEW_CONFIG): the calls from here
 *                                       on get the config of header bytes h0-h2
 *                                       (the API takes a config on every call,
 *                                       so an embedder may change it mid-way)
 *   SEGMENT     flags seqsel acksel wndsel lensel
 *   INSEQ       flags wndsel lensel     seq = RCV.NXT, ack = SND.NXT
 *   MISUSE      k                       a call (k & 7) with a NULL pointer (k &
 *                                       0x80) or on a corrupted copy of the
 *                                       core's TCB (one of 12 corruptions)
 *   MISUSE      k (f v)... ops  (k 0x40-0x5F) PATCH: a call (k & 7) on a copy
 *                                       of the core's TCB with 1 + ((k >> 3) & 3)
 *                                       fields set, each field f % 24 to value
 *                                       v (base v & 15 plus v >> 4), whether
 *                                       the rules (docs/semantics.md) still
 *                                       hold or not; ops: SEND nsel, RECEIVE
 *                                       rsel, SEGMENT flags seqsel acksel
 *                                       wndsel lensel, TIMER t (t % 3), the
 *                                       others none
 * flags: the low 6 bits are the control bits; the byte 0xC0 alone stands for
 * flags outside TCPFSM_FLAGS_MASK (an invalid segment).
 * seqsel/acksel: high nibble picks a base (DIFF_B_*), low nibble a delta
 * (DIFF_D_*); base DIFF_B_RAW reads 4 more bytes (big-endian).
 */
#ifndef DIFF_INPUT_H
#define DIFF_INPUT_H

#define DIFF_HEADER_LEN 3
/* BAD_CONFIG k with this bit: a new config for the rest of the input */
#define DIFF_NEW_CONFIG 0x80
#define DIFF_MAX_EVENTS 512

/* header byte 0 */
#define DIFF_K_RST  0x01 /* rst_mitigation OFF (default on) */
#define DIFF_K_SYN  0x02 /* syn_mitigation OFF */
#define DIFF_K_ACK  0x04 /* ack_mitigation OFF */
#define DIFF_K_SYNFIN 0x08 /* drop_synfin ON */
/* header byte 2: the FreeBSD knobs */
#define DIFF_K2_TW_RST 0x04
#define DIFF_K2_RST_CLOSING 0x08
#define DIFF_K2_CLOSING_FIN 0x10
#define DIFF_K2_LISTEN_SYNACK 0x20
#define DIFF_K2_OLD_ACK 0x40
#define DIFF_K2_FREEBSD 0x7C

enum diff_op {
    DIFF_OP_OPEN_PASSIVE = 0,
    DIFF_OP_OPEN_ACTIVE = 1,
    DIFF_OP_SEND = 2,
    DIFF_OP_RECEIVE = 3,
    DIFF_OP_CLOSE = 4,
    DIFF_OP_ABORT = 5,
    DIFF_OP_TIMER_RTX = 6,
    DIFF_OP_TIMER_2MSL = 7,
    DIFF_OP_TIMER_USER = 8,
    DIFF_OP_TIMER_BAD = 9,
    DIFF_OP_BAD_CONFIG = 10,
    DIFF_OP_SEGMENT = 11,
    DIFF_OP_INSEQ = 12,
    DIFF_OP_MISUSE = 13,
    DIFF_OP_COUNT = 14
};

/* MISUSE k: PATCH mode, and how many field/value pairs follow k */
#define DIFF_MISUSE_IS_PATCH(k) (((k) & 0xE0) == 0x40)
#define DIFF_PATCH_PAIRS(k) (1u + (((k) >> 3) & 3u))

/* the event of an opcode */
#define DIFF_OP_OF(opcode) \
    (((opcode) & 15) == 14 ? DIFF_OP_SEGMENT : ((opcode) & 15) == 15 ? DIFF_OP_INSEQ : ((opcode) & 15))

/* bases of a sequence selector (high nibble) */
enum diff_base {
    DIFF_B_RCV_NXT = 0,
    DIFF_B_SND_NXT = 1,
    DIFF_B_SND_UNA = 2,
    DIFF_B_RCV_EDGE = 3,     /* RCV.NXT + RCV.WND */
    DIFF_B_IRS = 4,
    DIFF_B_ISS = 5,
    DIFF_B_ISS1 = 6,         /* ISS + 1 */
    DIFF_B_UNA_MAXWND = 7,   /* SND.UNA - MAX.SND.WND */
    DIFF_B_SND_EDGE = 8,     /* SND.UNA + SND.WND */
    DIFF_B_WL1 = 9,
    DIFF_B_WL2 = 10,
    DIFF_B_ZERO = 11,
    DIFF_B_TOP = 12,         /* 0xFFFFFFFF */
    DIFF_B_HALF = 13,        /* 0x80000000 */
    DIFF_B_RCV_NXT_FIN = 14, /* RCV.NXT - 1: where a FIN already received sits */
    DIFF_B_RAW = 15
};

/* deltas of a sequence selector (low nibble) */
enum diff_delta {
    DIFF_D_0 = 0, DIFF_D_P1, DIFF_D_M1, DIFF_D_P2, DIFF_D_M2, DIFF_D_PMSS,
    DIFF_D_MMSS, DIFF_D_PWND, DIFF_D_MWND, DIFF_D_P2_31, DIFF_D_P2_31M1,
    DIFF_D_P2_31P1, DIFF_D_P1000, DIFF_D_M1000, DIFF_D_P2_30, DIFF_D_P65535
};

/* window selector (low nibble) */
enum diff_wnd {
    DIFF_W_0 = 0, DIFF_W_1, DIFF_W_2, DIFF_W_3, DIFF_W_MSS, DIFF_W_536, DIFF_W_65535,
    DIFF_W_1000, DIFF_W_2_30, DIFF_W_2_30P1, DIFF_W_MAX32, DIFF_W_10, DIFF_W_100,
    DIFF_W_4, DIFF_W_RCVWND, DIFF_W_8000
};

/* payload length selector (low nibble) */
enum diff_len {
    DIFF_L_0 = 0, DIFF_L_1, DIFF_L_2, DIFF_L_3, DIFF_L_MSS_M1, DIFF_L_MSS, DIFF_L_MSS_P1,
    DIFF_L_RCVWND, DIFF_L_RCVWND_M1, DIFF_L_RCVWND_P1, DIFF_L_2_30, DIFF_L_2_30P1,
    DIFF_L_100, DIFF_L_1000, DIFF_L_5, DIFF_L_MAX32
};

/* SEND count selector (low nibble) */
enum diff_n {
    DIFF_N_0 = 0, DIFF_N_1, DIFF_N_2, DIFF_N_MSS, DIFF_N_MSS_P1, DIFF_N_3MSS,
    DIFF_N_5MSS_P1, DIFF_N_2_30, DIFF_N_2_30P1, DIFF_N_1000, DIFF_N_65535, DIFF_N_10,
    DIFF_N_100, DIFF_N_5000, DIFF_N_2_31, DIFF_N_3
};

/* RECEIVE count selector (low nibble) */
enum diff_r {
    DIFF_R_0 = 0, DIFF_R_1, DIFF_R_ALL, DIFF_R_ALL_M1, DIFF_R_ALL_P1, DIFF_R_2,
    DIFF_R_MAX32, DIFF_R_HALF
};

/* ISS choices (opcode high nibble) */
#define DIFF_ISS_VALUES { 1000u, 0u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, \
    0xFFFFFFF0u, 1u, 0x12345678u, 0xFFFFFC00u, 0x7FFFFF00u, 100u, 0xDEADBEEFu, \
    0x40000000u, 0xBFFFFFFFu, 2u, 0xFFFFFFFEu }

#endif
