/* Parser for the packetdrill dialect of the FreeBSD tcp-testsuite.
 *
 * One pass over the lines of a script held in memory: `//` comments,
 * `#ifdef NAME` / `#ifndef` / `#else` / `#endif`, `--name=value` header
 * options, then events, each `TIME EVENT` where TIME is `S.FFF` (absolute)
 * or `+S.FFF` (after the previous event) and EVENT is a segment (`<`, `>`),
 * a system call, a backtick command or `%{ assert ... }%`. Whatever the
 * runner could not honour exactly is an error naming file and line: nothing
 * is skipped silently.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkt_script.h"

#define LINE_MAX_CHARS 1024
#define CODE_MAX_CHARS 1024
#define NESTING_MAX 16
#define TIME_MAX_SECONDS 1000000

/* clang-format off */
static const char *const bsd_state_name[TCPFSM_STATE_COUNT] = {
    [TCPFSM_CLOSED] = "CLOSED",           [TCPFSM_LISTEN] = "LISTEN",
    [TCPFSM_SYN_SENT] = "SYN_SENT",       [TCPFSM_SYN_RECEIVED] = "SYN_RCVD",
    [TCPFSM_ESTABLISHED] = "ESTABLISHED", [TCPFSM_FIN_WAIT_1] = "FIN_WAIT_1",
    [TCPFSM_FIN_WAIT_2] = "FIN_WAIT_2",   [TCPFSM_CLOSE_WAIT] = "CLOSE_WAIT",
    [TCPFSM_CLOSING] = "CLOSING",         [TCPFSM_LAST_ACK] = "LAST_ACK",
    [TCPFSM_TIME_WAIT] = "TIME_WAIT",
};

/* tcpi_state names: FreeBSD's packetdrill spelling, then Linux aliases. */
static const struct { const char *name; int state; } tcpi_name[] = {
    {"TCPI_CLOSED", TCPFSM_CLOSED},           {"TCPI_LISTEN", TCPFSM_LISTEN},
    {"TCPI_SYN_SENT", TCPFSM_SYN_SENT},       {"TCPI_SYN_RECEIVED", TCPFSM_SYN_RECEIVED},
    {"TCPI_ESTABLISHED", TCPFSM_ESTABLISHED}, {"TCPI_FIN_WAIT_1", TCPFSM_FIN_WAIT_1},
    {"TCPI_FIN_WAIT_2", TCPFSM_FIN_WAIT_2},   {"TCPI_CLOSE_WAIT", TCPFSM_CLOSE_WAIT},
    {"TCPI_CLOSING", TCPFSM_CLOSING},         {"TCPI_LAST_ACK", TCPFSM_LAST_ACK},
    {"TCPI_TIME_WAIT", TCPFSM_TIME_WAIT},
    {"TCPI_CLOSE", TCPFSM_CLOSED},            {"TCPI_SYN_RECV", TCPFSM_SYN_RECEIVED},
    {"TCPI_FIN_WAIT1", TCPFSM_FIN_WAIT_1},    {"TCPI_FIN_WAIT2", TCPFSM_FIN_WAIT_2},
};

/* System calls the socket layer implements, with their argument counts. */
static const struct { const char *name; int min_args, max_args; } syscall_shape[] = {
    {"socket", 3, 3},     {"fcntl", 2, 3},   {"setsockopt", 5, 5}, {"getsockopt", 5, 5},
    {"bind", 3, 3},       {"listen", 2, 2},  {"connect", 3, 3},    {"accept", 3, 3},
    {"read", 3, 3},       {"write", 3, 3},   {"shutdown", 2, 2},   {"close", 1, 1},
};
/* clang-format on */

const char *pkt_bsd_state_name(int state)
{
    return (state >= 0 && state < TCPFSM_STATE_COUNT) ? bsd_state_name[state] : "?";
}

int pkt_bsd_state_parse(const char *name)
{
    int i, found = -1;
    for (i = 0; i < TCPFSM_STATE_COUNT; i++)
        if (!strcmp(name, bsd_state_name[i])) found = i;
    return found;
}

/* ---- the cursor over one line --------------------------------------------- */

typedef struct parser {
    const char *file;
    int line;
    char *err;
    size_t errlen;
    const char *p; /* position in the current (NUL-terminated) line */
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(parser *ps, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(ps->err, ps->errlen, "%s:%d: ", ps->file, ps->line);
    if (n >= 0 && (size_t)n < ps->errlen) {
        va_start(ap, fmt);
        vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_ident(char c) { return is_ident_start(c) || is_digit(c); }

static void skip_space(parser *ps)
{
    while (is_space(*ps->p)) ps->p++;
}

/* The next few characters, for "near '...'" in messages. */
static const char *near(const parser *ps)
{
    static char buf[24];
    size_t i;
    for (i = 0; i + 1 < sizeof buf && ps->p[i] && ps->p[i] != '\n'; i++) buf[i] = ps->p[i];
    buf[i] = 0;
    return i ? buf : "end of line";
}

/* Copy an identifier into out (size n). */
static int parse_ident(parser *ps, char *out, size_t n, const char *what)
{
    size_t i = 0;
    if (!is_ident_start(*ps->p)) return fail(ps, "expected %s, found '%s'", what, near(ps));
    while (is_ident(*ps->p)) {
        if (i + 1 >= n) return fail(ps, "%s too long", what);
        out[i++] = *ps->p++;
    }
    out[i] = 0;
    return 0;
}

/* Unsigned 32-bit decimal. */
static int parse_u32(parser *ps, uint32_t *v, const char *what)
{
    uint64_t x = 0;
    if (!is_digit(*ps->p)) return fail(ps, "expected %s (a number), found '%s'", what, near(ps));
    while (is_digit(*ps->p)) {
        x = x * 10 + (uint64_t)(*ps->p++ - '0');
        if (x > 0xFFFFFFFFu) return fail(ps, "%s does not fit in 32 bits", what);
    }
    *v = (uint32_t)x;
    return 0;
}

/* Signed integer, decimal or 0x hex, |v| < 2^48. */
static int parse_int(parser *ps, long long *v, const char *what)
{
    int neg = 0;
    unsigned long long x = 0;
    const unsigned long long limit = 1ull << 48;
    if (*ps->p == '-') {
        neg = 1;
        ps->p++;
    }
    if (ps->p[0] == '0' && (ps->p[1] == 'x' || ps->p[1] == 'X')) {
        int digits = 0;
        ps->p += 2;
        for (;; digits++) {
            char c = *ps->p;
            unsigned d;
            if (is_digit(c)) d = (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f') d = (unsigned)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') d = (unsigned)(c - 'A' + 10);
            else break;
            x = x * 16 + d;
            if (x >= limit) return fail(ps, "%s is too large", what);
            ps->p++;
        }
        if (!digits) return fail(ps, "expected hex digits in %s", what);
    } else {
        if (!is_digit(*ps->p)) return fail(ps, "expected %s (a number), found '%s'", what, near(ps));
        while (is_digit(*ps->p)) {
            x = x * 10 + (unsigned long long)(*ps->p++ - '0');
            if (x >= limit) return fail(ps, "%s is too large", what);
        }
    }
    *v = neg ? -(long long)x : (long long)x;
    return 0;
}

static int expect_char(parser *ps, char c, const char *context)
{
    skip_space(ps);
    if (*ps->p != c) return fail(ps, "expected '%c' %s, found '%s'", c, context, near(ps));
    ps->p++;
    return 0;
}

static int expect_end(parser *ps, const char *after)
{
    skip_space(ps);
    if (*ps->p) return fail(ps, "unexpected '%s' after %s", near(ps), after);
    return 0;
}

/* ---- segments ------------------------------------------------------------- */

static int parse_flags(parser *ps, uint8_t *flags)
{
    *flags = 0;
    if (!*ps->p || is_space(*ps->p)) return fail(ps, "expected TCP flags (S . F R P U), found '%s'", near(ps));
    while (*ps->p && !is_space(*ps->p)) {
        uint8_t bit;
        switch (*ps->p) {
        case 'S': bit = TCPFSM_SYN; break;
        case 'F': bit = TCPFSM_FIN; break;
        case 'R': bit = TCPFSM_RST; break;
        case 'P': bit = TCPFSM_PSH; break;
        case '.': bit = TCPFSM_ACK; break;
        case 'U': bit = TCPFSM_URG; break;
        case 'E':
        case 'W': return fail(ps, "ECN flags (E, W) are not part of the model");
        default: return fail(ps, "unknown TCP flag '%c' (flags are S . F R P U)", *ps->p);
        }
        if (*flags & bit) return fail(ps, "TCP flag '%c' given twice", *ps->p);
        *flags |= bit;
        ps->p++;
    }
    return 0;
}

/* One option inside <...>: checked for shape, not interpreted. */
static int check_option(parser *ps, const char *opt)
{
    parser sub = *ps;
    char name[16];
    uint32_t v;
    sub.p = opt;
    if (parse_ident(&sub, name, sizeof name, "a TCP option name")) return -1;
    skip_space(&sub);
    if (!strcmp(name, "nop") || !strcmp(name, "eol") || !strcmp(name, "sackOK")) {
        /* no value */
    } else if (!strcmp(name, "mss") || !strcmp(name, "wscale")) {
        if (parse_u32(&sub, &v, name)) return -1;
        if (!strcmp(name, "mss") ? v > 65535 : v > 14) return fail(&sub, "%s %u out of range", name, v);
    } else if (!strcmp(name, "TS")) {
        char word[8];
        if (parse_ident(&sub, word, sizeof word, "'val'") || strcmp(word, "val"))
            return fail(&sub, "expected 'TS val N ecr N'");
        skip_space(&sub);
        if (parse_u32(&sub, &v, "TS val")) return -1;
        skip_space(&sub);
        if (parse_ident(&sub, word, sizeof word, "'ecr'") || strcmp(word, "ecr"))
            return fail(&sub, "expected 'TS val N ecr N'");
        skip_space(&sub);
        if (parse_u32(&sub, &v, "TS ecr")) return -1;
    } else if (!strcmp(name, "sack")) {
        int blocks = 0;
        while (is_digit(*sub.p)) {
            if (parse_u32(&sub, &v, "SACK block start") || expect_char(&sub, ':', "in a SACK block"))
                return -1;
            skip_space(&sub);
            if (parse_u32(&sub, &v, "SACK block end")) return -1;
            skip_space(&sub);
            blocks++;
        }
        if (blocks < 1 || blocks > 4) return fail(&sub, "sack needs 1 to 4 blocks start:end");
    } else {
        return fail(&sub, "unknown TCP option '%s' (known: nop eol mss wscale sackOK sack TS)", name);
    }
    skip_space(&sub);
    if (*sub.p) return fail(&sub, "unexpected '%s' in TCP option '%s'", near(&sub), name);
    return 0;
}

static int parse_options(parser *ps, pkt_segment_line *seg)
{
    const char *start = ps->p; /* at '<' */
    const char *close = strchr(start, '>');
    char opt[PKT_TEXT_MAX];
    const char *q;
    size_t n;
    if (!close) return fail(ps, "TCP options '<' without a closing '>'");
    n = (size_t)(close - start) + 1;
    if (n >= sizeof seg->options) return fail(ps, "TCP options longer than %d characters", PKT_TEXT_MAX - 1);
    memcpy(seg->options, start, n);
    seg->options[n] = 0;
    q = start + 1;
    if (q == close) return fail(ps, "empty TCP option list '<>'");
    while (q < close) {
        const char *comma = q;
        size_t m;
        while (comma < close && *comma != ',') comma++;
        while (q < comma && is_space(*q)) q++;
        m = (size_t)(comma - q);
        while (m && is_space(q[m - 1])) m--;
        if (!m) {
            ps->p = q;
            return fail(ps, "empty TCP option in '%s'", seg->options);
        }
        memcpy(opt, q, m);
        opt[m] = 0;
        if (check_option(ps, opt)) return -1;
        q = comma + 1;
        if (comma < close && q == close) {
            ps->p = q;
            return fail(ps, "trailing ',' in TCP options '%s'", seg->options);
        }
    }
    ps->p = close + 1;
    return 0;
}

static int parse_segment(parser *ps, pkt_event *ev)
{
    pkt_segment_line *seg = &ev->seg;
    int saw_win = 0, saw_ack = 0;
    ps->p++; /* '<' or '>' */
    skip_space(ps);
    if (parse_flags(ps, &seg->flags)) return -1;
    skip_space(ps);
    if (parse_u32(ps, &seg->seq, "starting sequence number")) return -1;
    if (*ps->p != ':') return fail(ps, "expected 'start:end(length)', found '%s'", near(ps));
    ps->p++;
    if (parse_u32(ps, &seg->end, "ending sequence number")) return -1;
    if (*ps->p != '(') return fail(ps, "expected '(length)' after the sequence range, found '%s'", near(ps));
    ps->p++;
    if (parse_u32(ps, &seg->len, "segment length")) return -1;
    if (*ps->p != ')') return fail(ps, "expected ')' after the segment length, found '%s'", near(ps));
    ps->p++;
    if ((uint32_t)(seg->end - seg->seq) != seg->len)
        return fail(ps, "inconsistent segment: %u:%u is %u bytes, not (%u)", seg->seq, seg->end,
                    seg->end - seg->seq, seg->len);
    if (seg->len > TCPFSM_MAX_WINDOW) return fail(ps, "segment length %u above 2^30", seg->len);
    for (;;) {
        char word[8];
        skip_space(ps);
        if (!*ps->p) break;
        if (*ps->p == '<') {
            if (parse_options(ps, seg) || expect_end(ps, "the TCP options")) return -1;
            break;
        }
        if (parse_ident(ps, word, sizeof word, "'ack', 'win' or '<options>'")) return -1;
        skip_space(ps);
        if (!strcmp(word, "ack") && !saw_ack) {
            if (parse_u32(ps, &seg->ack, "ack number")) return -1;
            seg->has_ack = saw_ack = 1;
        } else if (!strcmp(word, "win") && !saw_win) {
            if (parse_u32(ps, &seg->win, "window")) return -1;
            if (seg->win > 65535) return fail(ps, "window %u does not fit the 16-bit field", seg->win);
            seg->has_win = saw_win = 1;
        } else if (!strcmp(word, "ack") || !strcmp(word, "win")) {
            return fail(ps, "'%s' given twice", word);
        } else {
            return fail(ps, "unknown segment field '%s' (expected ack, win or <options>)", word);
        }
    }
    /* `ack N` without '.' is allowed (packetdrill fills the field; the
     * receiver ignores it); '.' without `ack N` is not. */
    if (!seg->has_ack && (seg->flags & TCPFSM_ACK))
        return fail(ps, "the '.' (ACK) flag needs 'ack N'");
    if (ev->kind == PKT_EV_INBOUND && !seg->has_win)
        return fail(ps, "an inbound segment needs 'win N'");
    return 0;
}

/* ---- system calls ----------------------------------------------------------- */

static int parse_names(parser *ps, char *out, size_t n)
{
    size_t used = 0;
    for (;;) {
        char name[PKT_NAME_MAX];
        size_t m;
        skip_space(ps);
        if (parse_ident(ps, name, sizeof name, "a name")) return -1;
        m = strlen(name);
        if (used + m + 2 > n) return fail(ps, "expression of names too long");
        if (used) out[used++] = '|';
        memcpy(out + used, name, m + 1);
        used += m;
        skip_space(ps);
        if (*ps->p != '|') break;
        ps->p++;
    }
    return 0;
}

static int parse_scalar(parser *ps, pkt_arg *a, pkt_arg_kind *kind)
{
    skip_space(ps);
    if (is_digit(*ps->p) || *ps->p == '-') {
        *kind = PKT_ARG_INT;
        return parse_int(ps, &a->value, "argument");
    }
    if (is_ident_start(*ps->p)) {
        *kind = PKT_ARG_NAMES;
        return parse_names(ps, a->text, sizeof a->text);
    }
    return fail(ps, "expected a number or a name, found '%s'", near(ps));
}

static int parse_arg(parser *ps, pkt_arg *a)
{
    skip_space(ps);
    if (!strncmp(ps->p, "...", 3)) {
        a->kind = PKT_ARG_ELLIPSIS;
        ps->p += 3;
        return 0;
    }
    if (*ps->p == '[') {
        ps->p++;
        a->kind = PKT_ARG_LIST;
        if (parse_scalar(ps, a, &a->inner_kind)) return -1;
        return expect_char(ps, ']', "to close '['");
    }
    if (*ps->p == '{') {
        ps->p++;
        a->kind = PKT_ARG_STRUCT;
        for (;;) {
            skip_space(ps);
            if (*ps->p == '}') break;
            if (a->field_count == PKT_FIELDS_MAX) return fail(ps, "more than %d struct fields", PKT_FIELDS_MAX);
            if (parse_ident(ps, a->field_name[a->field_count], sizeof a->field_name[0], "a struct field name") ||
                expect_char(ps, '=', "after a struct field name"))
                return -1;
            skip_space(ps);
            if (parse_int(ps, &a->field_value[a->field_count], "struct field value")) return -1;
            a->field_count++;
            skip_space(ps);
            if (*ps->p != ',') break;
            ps->p++;
        }
        return expect_char(ps, '}', "to close '{'");
    }
    if (*ps->p == '"') {
        const char *q = strchr(ps->p + 1, '"');
        if (!q) return fail(ps, "unterminated string");
        a->kind = PKT_ARG_STRING;
        ps->p = q + 1;
        return 0;
    }
    return parse_scalar(ps, a, &a->kind);
}

static int parse_syscall(parser *ps, pkt_event *ev)
{
    size_t i;
    int known = -1;
    if (parse_ident(ps, ev->call, sizeof ev->call, "a system call name")) return -1;
    for (i = 0; i < sizeof syscall_shape / sizeof syscall_shape[0]; i++)
        if (!strcmp(ev->call, syscall_shape[i].name)) known = (int)i;
    if (known < 0)
        return fail(ps, "unsupported system call '%s' (supported: socket fcntl setsockopt getsockopt "
                        "bind listen connect accept read write shutdown close)", ev->call);
    if (expect_char(ps, '(', "after the system call name")) return -1;
    skip_space(ps);
    if (*ps->p != ')') {
        for (;;) {
            if (ev->argc == PKT_ARGS_MAX) return fail(ps, "too many arguments to %s", ev->call);
            if (parse_arg(ps, &ev->arg[ev->argc])) return -1;
            ev->argc++;
            skip_space(ps);
            if (*ps->p != ',') break;
            ps->p++;
        }
    }
    if (expect_char(ps, ')', "to close the argument list")) return -1;
    if (ev->argc < syscall_shape[known].min_args || ev->argc > syscall_shape[known].max_args)
        return fail(ps, "%s takes %d argument%s, not %d", ev->call, syscall_shape[known].max_args,
                    syscall_shape[known].max_args == 1 ? "" : "s", ev->argc);
    if (expect_char(ps, '=', "and the expected result after the call")) return -1;
    skip_space(ps);
    if (parse_int(ps, &ev->ret, "the expected result")) return -1;
    skip_space(ps);
    if (is_ident_start(*ps->p)) {
        if (parse_ident(ps, ev->err, sizeof ev->err, "an errno name")) return -1;
        if (ev->ret != -1) return fail(ps, "errno %s given with a result of %lld, not -1", ev->err, ev->ret);
        skip_space(ps);
    } else if (ev->ret == -1) {
        return fail(ps, "a result of -1 needs an errno name (for example -1 EINPROGRESS)");
    }
    if (*ps->p == '(') { /* free text such as "(Operation now in progress)" */
        int depth = 0;
        do {
            if (*ps->p == '(') depth++;
            else if (*ps->p == ')') depth--;
            ps->p++;
        } while (*ps->p && depth);
        if (depth) return fail(ps, "unclosed '(' in the comment after the result");
    }
    return expect_end(ps, "the system call");
}

/* ---- backtick commands ---------------------------------------------------- */

/* Split s (modified) at blanks into at most max words. */
static int split_words(char *s, char **word, int max)
{
    int n = 0;
    for (;;) {
        while (is_space(*s)) *s++ = 0;
        if (!*s) break;
        if (n == max) return -1;
        word[n++] = s;
        while (*s && !is_space(*s)) s++;
    }
    return n;
}

static int parse_sysctl(parser *ps, pkt_event *ev, char **w, int n)
{
    const char *eq;
    parser sub = *ps;
    size_t m;
    if (n != 3 || strcmp(w[1], "-w"))
        return fail(ps, "expected `sysctl -w name=value` with one name, got `%s`", ev->text);
    eq = strchr(w[2], '=');
    if (!eq || eq == w[2]) return fail(ps, "expected name=value after sysctl -w, got '%s'", w[2]);
    m = (size_t)(eq - w[2]);
    if (m >= sizeof ev->name) return fail(ps, "sysctl name too long");
    memcpy(ev->name, w[2], m);
    ev->name[m] = 0;
    sub.p = eq + 1;
    if (parse_int(&sub, &ev->value, "the sysctl value")) return -1;
    if (*sub.p) return fail(ps, "sysctl value '%s' is not an integer", eq + 1);
    ev->kind = PKT_EV_SYSCTL;
    return 0;
}

static int parse_ports(parser *ps, pkt_event *ev, const char *list)
{
    parser sub = *ps;
    sub.p = list;
    for (;;) {
        uint32_t v;
        if (ev->port_count == PKT_PORTS_MAX) return fail(ps, "more than %d ports after -p", PKT_PORTS_MAX);
        if (parse_u32(&sub, &v, "a port") ) return -1;
        if (v > 65535) return fail(ps, "port %u out of range", v);
        ev->port[ev->port_count++] = v;
        if (*sub.p != ',') break;
        sub.p++;
    }
    if (*sub.p) return fail(ps, "bad port list '%s'", list);
    return 0;
}

static int parse_sockstat(parser *ps, pkt_event *ev, char *cmd)
{
    char *stage_text[PKT_STAGES_MAX + 1];
    int stages = 0, i;
    char *s = cmd;
    stage_text[stages++] = s;
    while ((s = strchr(s, '|')) != NULL) {
        *s++ = 0;
        if (stages == PKT_STAGES_MAX + 1) return fail(ps, "more than %d greps after sockstat", PKT_STAGES_MAX);
        stage_text[stages++] = s;
    }
    {
        char *w[16];
        int n = split_words(stage_text[0], w, 16);
        if (n < 1) return fail(ps, "empty sockstat command");
        for (i = 1; i < n; i++) {
            const char *f = w[i];
            if (f[0] != '-' || !f[1]) return fail(ps, "unknown sockstat argument '%s'", f);
            if (!strcmp(f, "-P")) {
                if (++i == n || strcmp(w[i], "tcp")) return fail(ps, "sockstat -P: only 'tcp' is modelled");
                continue;
            }
            if (!strcmp(f, "-p")) {
                if (++i == n) return fail(ps, "sockstat -p needs a port list");
                if (parse_ports(ps, ev, w[i])) return -1;
                continue;
            }
            for (f++; *f; f++) {
                switch (*f) {
                case '4': ev->ss_ipv4 = 1; break;
                case '6': ev->ss_ipv6 = 1; break;
                case 's': ev->ss_state = 1; break;
                case 'l': ev->ss_listen = 1; break;
                case 'c': ev->ss_connected = 1; break;
                case 'n': break; /* numeric output: ours always is */
                default: return fail(ps, "unknown sockstat flag '-%c' (modelled: -4 -6 -s -l -c -n -P tcp -p PORTS)", *f);
                }
            }
        }
    }
    for (i = 1; i < stages; i++) {
        char *w[8];
        int n = split_words(stage_text[i], w, 8), j;
        pkt_grep *g = &ev->stage[ev->stage_count];
        if (n < 1 || strcmp(w[0], "grep"))
            return fail(ps, "only 'grep' may follow sockstat in a pipeline, found '%s'", n ? w[0] : "nothing");
        for (j = 1; j < n && w[j][0] == '-'; j++) {
            const char *f;
            for (f = w[j] + 1; *f; f++) {
                if (*f == 'c') g->count = 1;
                else if (*f == 'v') g->invert = 1;
                else return fail(ps, "unknown grep flag '-%c' (modelled: -c -v)", *f);
            }
        }
        if (j != n - 1) return fail(ps, "grep needs exactly one pattern");
        if (strlen(w[j]) >= sizeof g->pattern) return fail(ps, "grep pattern too long");
        if (strpbrk(w[j], "\"'\\.*[]^$?+(){}")) return fail(ps, "grep pattern '%s': only plain words are modelled", w[j]);
        strcpy(g->pattern, w[j]);
        ev->stage_count++;
    }
    ev->kind = PKT_EV_SOCKSTAT;
    return 0;
}

static int parse_command(parser *ps, pkt_event *ev)
{
    const char *start = ps->p + 1;
    const char *close = strchr(start, '`');
    char cmd[PKT_TEXT_MAX];
    char *w[8];
    int n;
    size_t m;
    if (!close) return fail(ps, "'`' without a closing '`'");
    m = (size_t)(close - start);
    if (m >= sizeof cmd) return fail(ps, "command longer than %d characters", PKT_TEXT_MAX - 1);
    memcpy(cmd, start, m);
    cmd[m] = 0;
    memcpy(ev->text, cmd, m + 1);
    ps->p = close + 1;
    if (expect_end(ps, "the command")) return -1;
    if (strpbrk(cmd, "\"';&><$")) return fail(ps, "command `%s`: quoting, redirection and ';' are not modelled", ev->text);
    {
        char first[16];
        const char *q = cmd;
        size_t k = 0;
        while (is_space(*q)) q++;
        while (*q && !is_space(*q) && *q != '|' && k + 1 < sizeof first) first[k++] = *q++;
        first[k] = 0;
        if (!strcmp(first, "sockstat")) return parse_sockstat(ps, ev, cmd);
        if (strchr(cmd, '|')) return fail(ps, "command `%s`: only sockstat output can be piped", ev->text);
        n = split_words(cmd, w, 8);
        if (n < 0) return fail(ps, "command `%s` has too many words", ev->text);
        if (!strcmp(first, "sysctl")) return parse_sysctl(ps, ev, w, n);
        if (!strcmp(first, "tcpdrop")) {
            if (n == 2 && !strcmp(w[1], "-a")) {
                strcpy(ev->name, "-a");
            } else if (n == 3 && !strcmp(w[1], "-s")) {
                if (pkt_bsd_state_parse(w[2]) < 0) return fail(ps, "tcpdrop -s: unknown state '%s'", w[2]);
                if (strlen(w[2]) >= sizeof ev->name) return fail(ps, "state name too long");
                strcpy(ev->name, w[2]);
            } else {
                return fail(ps, "expected `tcpdrop -s STATE` or `tcpdrop -a`, got `%s`", ev->text);
            }
            ev->kind = PKT_EV_TCPDROP;
            return 0;
        }
        return fail(ps, "unsupported command `%s` (modelled: sysctl -w, sockstat | grep, tcpdrop)", ev->text);
    }
}

/* ---- inline code ------------------------------------------------------------- */

/* One statement of %{ }%: `assert tcpi_state == TCPI_X` (or !=). */
static int parse_assert(parser *ps, const char *stmt, pkt_event *ev)
{
    parser sub = *ps;
    char word[PKT_NAME_MAX];
    size_t i;
    sub.p = stmt;
    skip_space(&sub);
    if (parse_ident(&sub, word, sizeof word, "'assert'") || strcmp(word, "assert"))
        return fail(ps, "inline code: only 'assert tcpi_state == TCPI_<STATE>' is modelled, got '%s'", stmt);
    skip_space(&sub);
    if (parse_ident(&sub, word, sizeof word, "'tcpi_state'") || strcmp(word, "tcpi_state"))
        return fail(ps, "inline code: only tcpi_state can be asserted, got '%s'", stmt);
    skip_space(&sub);
    if (!strncmp(sub.p, "==", 2)) ev->assert_equal = 1;
    else if (!strncmp(sub.p, "!=", 2)) ev->assert_equal = 0;
    else return fail(ps, "inline code: expected '==' or '!=' after tcpi_state");
    sub.p += 2;
    skip_space(&sub);
    if (parse_ident(&sub, word, sizeof word, "a TCPI_ state name")) return -1;
    ev->assert_state = -1;
    for (i = 0; i < sizeof tcpi_name / sizeof tcpi_name[0]; i++)
        if (!strcmp(word, tcpi_name[i].name)) ev->assert_state = tcpi_name[i].state;
    if (ev->assert_state < 0) return fail(ps, "inline code: unknown state '%s'", word);
    skip_space(&sub);
    if (*sub.p) return fail(ps, "inline code: unexpected '%s'", near(&sub));
    ev->kind = PKT_EV_ASSERT;
    return 0;
}

/* ---- the script ----------------------------------------------------------------- */

static int push_event(parser *ps, pkt_script *s, const pkt_event *ev)
{
    if (s->event_count == s->event_cap) {
        size_t cap = s->event_cap ? 2 * s->event_cap : 32;
        pkt_event *e;
        if (cap > 100000) return fail(ps, "more than 100000 events");
        e = realloc(s->event, cap * sizeof *e);
        if (!e) return fail(ps, "out of memory");
        s->event = e;
        s->event_cap = cap;
    }
    s->event[s->event_count++] = *ev;
    return 0;
}

static int defined(const pkt_defines *d, const char *name)
{
    int i;
    if (!strcmp(name, "STANDARD")) return 1; /* always on, as in the suite's runs */
    for (i = 0; d && i < d->count && i < PKT_DEFINES_MAX; i++)
        if (!strcmp(d->name[i], name)) return 1;
    return 0;
}

/* Parse the time at the start of an event line. */
static int parse_time(parser *ps, int64_t *prev, int *have_prev, int64_t *out)
{
    int relative = 0, digits = 0;
    int64_t seconds = 0, micro = 0, scale = 100000;
    if (*ps->p == '+') {
        relative = 1;
        ps->p++;
    } else if (*ps->p == '*') {
        return fail(ps, "'*' (any time) is not supported: give the time");
    }
    while (is_digit(*ps->p)) {
        seconds = seconds * 10 + (*ps->p++ - '0');
        digits++;
        if (seconds > TIME_MAX_SECONDS) return fail(ps, "time above %d seconds", TIME_MAX_SECONDS);
    }
    if (*ps->p == '.') {
        ps->p++;
        while (is_digit(*ps->p)) {
            micro += (*ps->p++ - '0') * scale;
            scale /= 10;
            digits++;
        }
    }
    if (!digits) return fail(ps, "expected a time ('0.10' or '+0.10') at the start of the line, found '%s'", near(ps));
    if (*ps->p == '~') return fail(ps, "time ranges ('a~b') are not supported");
    if (!is_space(*ps->p) && *ps->p != '`' && *ps->p != '<' && *ps->p != '>')
        return fail(ps, "expected a blank after the time, found '%s'", near(ps));
    *out = seconds * 1000000 + micro + (relative ? *prev : 0);
    if (*have_prev && *out < *prev)
        return fail(ps, "time goes backward: %lld.%06lld is before the previous event's %lld.%06lld",
                    (long long)(*out / 1000000), (long long)(*out % 1000000),
                    (long long)(*prev / 1000000), (long long)(*prev % 1000000));
    *prev = *out;
    *have_prev = 1;
    return 0;
}

static int parse_option_line(parser *ps, pkt_script *s, const char *text)
{
    pkt_option *o;
    const char *eq = strchr(text, '=');
    size_t n = eq ? (size_t)(eq - text) : strlen(text);
    if (s->option_count == PKT_OPTIONS_MAX) return fail(ps, "more than %d option lines", PKT_OPTIONS_MAX);
    o = &s->option[s->option_count];
    if (n < 3 || n >= sizeof o->name) return fail(ps, "bad option line '%s'", text);
    memcpy(o->name, text + 2, n - 2);
    o->name[n - 2] = 0;
    if (eq) {
        size_t m = strlen(eq + 1);
        while (m && is_space(eq[m])) m--;
        if (m >= sizeof o->value) return fail(ps, "option value too long");
        memcpy(o->value, eq + 1, m);
        o->value[m] = 0;
    } else {
        o->value[0] = 0;
    }
    {
        const char *q;
        for (q = o->name; *q; q++)
            if (!is_ident(*q) && *q != '-') return fail(ps, "bad option name '--%s'", o->name);
    }
    o->line = ps->line;
    s->option_count++;
    return 0;
}

/* Remove a `//` comment that is not inside backticks or quotes. */
static void strip_comment(char *line)
{
    int tick = 0, quote = 0;
    char *q;
    for (q = line; *q; q++) {
        if (*q == '`' && !quote) tick = !tick;
        else if (*q == '"' && !tick) quote = !quote;
        else if (!tick && !quote && q[0] == '/' && q[1] == '/') {
            *q = 0;
            break;
        }
    }
}

static int parse_event_line(parser *ps, pkt_script *s, int64_t *prev, int *have_prev,
                            const char *code_text, int code_line)
{
    pkt_event ev;
    memset(&ev, 0, sizeof ev);
    ev.line = ps->line;
    if (parse_time(ps, prev, have_prev, &ev.time_us)) return -1;
    skip_space(ps);
    if (code_text) { /* %{ ... }% collected by the caller */
        char stmt[CODE_MAX_CHARS];
        const char *q = code_text;
        int any = 0;
        while (*q) {
            size_t m = strcspn(q, ";\n");
            if (m >= sizeof stmt) return fail(ps, "inline statement too long");
            memcpy(stmt, q, m);
            stmt[m] = 0;
            q += m;
            if (*q) q++;
            {
                const char *t = stmt;
                while (is_space(*t)) t++;
                if (!*t) continue;
            }
            ps->line = code_line;
            if (parse_assert(ps, stmt, &ev)) return -1;
            snprintf(ev.text, sizeof ev.text, "%.*s", (int)sizeof ev.text - 1, stmt);
            if (push_event(ps, s, &ev)) return -1;
            any = 1;
        }
        if (!any) return fail(ps, "empty inline code %%{ }%%");
        return 0;
    }
    if (*ps->p == '<' || *ps->p == '>') {
        ev.kind = *ps->p == '<' ? PKT_EV_INBOUND : PKT_EV_OUTBOUND;
        if (parse_segment(ps, &ev)) return -1;
    } else if (*ps->p == '`') {
        if (parse_command(ps, &ev)) return -1;
    } else if (!strncmp(ps->p, "...", 3)) {
        return fail(ps, "blocking system calls ('...') are not supported: use O_NONBLOCK");
    } else if (is_ident_start(*ps->p)) {
        ev.kind = PKT_EV_SYSCALL;
        if (parse_syscall(ps, &ev)) return -1;
    } else {
        return fail(ps, "expected '<', '>', a system call, a `command` or %%{ }%% after the time, found '%s'",
                    near(ps));
    }
    return push_event(ps, s, &ev);
}

int pkt_script_parse(const char *file, const char *buf, size_t len, const pkt_defines *defines,
                     pkt_script *out, char *err, size_t errlen)
{
    parser ps;
    size_t pos = 0;
    int64_t prev = 0;
    int have_prev = 0, depth = 0, rc = 0;
    int active[NESTING_MAX + 1], seen_else[NESTING_MAX + 1];
    char line[LINE_MAX_CHARS + 1];
    char code[CODE_MAX_CHARS + 1];
    char code_prefix[LINE_MAX_CHARS + 1];
    size_t code_len = 0;
    int in_code = 0, code_line = 0, events_started = 0;

    memset(out, 0, sizeof *out);
    snprintf(out->file, sizeof out->file, "%s", file ? file : "(script)");
    ps.file = out->file;
    ps.line = 0;
    ps.err = err;
    ps.errlen = errlen;
    ps.p = "";
    if (errlen) err[0] = 0;
    active[0] = 1;
    seen_else[0] = 0;
    if (!buf && len) return fail(&ps, "no script text");

    while (pos < len && rc == 0) {
        size_t end = pos, n;
        char *t;
        while (end < len && buf[end] != '\n') end++;
        ps.line++;
        n = end - pos;
        if (memchr(buf + pos, 0, n)) {
            rc = fail(&ps, "NUL byte in the script");
            break;
        }
        if (n > LINE_MAX_CHARS) {
            rc = fail(&ps, "line longer than %d characters", LINE_MAX_CHARS);
            break;
        }
        memcpy(line, buf + pos, n);
        line[n] = 0;
        pos = end < len ? end + 1 : end;
        if (n && line[n - 1] == '\r') line[--n] = 0;

        if (in_code) { /* inside a multi-line %{ ... }% */
            char *close = strstr(line, "}%");
            size_t m = close ? (size_t)(close - line) : n;
            if (code_len + m + 2 > sizeof code) {
                rc = fail(&ps, "inline code longer than %d characters", CODE_MAX_CHARS);
                break;
            }
            code[code_len++] = '\n';
            memcpy(code + code_len, line, m);
            code_len += m;
            code[code_len] = 0;
            if (close) {
                ps.p = close + 2;
                if (expect_end(&ps, "'}%'")) { rc = -1; break; }
                in_code = 0;
                if (active[depth]) {
                    ps.line = code_line;
                    ps.p = code_prefix;
                    rc = parse_event_line(&ps, out, &prev, &have_prev, code, code_line);
                }
            }
            continue;
        }

        strip_comment(line);
        t = line;
        while (is_space(*t)) t++;
        ps.p = t;
        if (!*t) continue;

        if (*t == '#') { /* preprocessor: always tracked, even in skipped blocks */
            char word[16], name[PKT_NAME_MAX];
            ps.p = t + 1;
            if (parse_ident(&ps, word, sizeof word, "a directive (ifdef, ifndef, else, endif)")) { rc = -1; break; }
            skip_space(&ps);
            if (!strcmp(word, "ifdef") || !strcmp(word, "ifndef")) {
                if (parse_ident(&ps, name, sizeof name, "a name after #ifdef") ||
                    expect_end(&ps, "the #ifdef name")) { rc = -1; break; }
                if (depth == NESTING_MAX) { rc = fail(&ps, "#ifdef nested deeper than %d", NESTING_MAX); break; }
                depth++;
                active[depth] = active[depth - 1] && (defined(defines, name) == (word[2] == 'd'));
                seen_else[depth] = 0;
            } else if (!strcmp(word, "else")) {
                if (expect_end(&ps, "#else")) { rc = -1; break; }
                if (!depth || seen_else[depth]) { rc = fail(&ps, "#else without #ifdef"); break; }
                seen_else[depth] = 1;
                active[depth] = active[depth - 1] && !active[depth];
            } else if (!strcmp(word, "endif")) {
                if (expect_end(&ps, "#endif")) { rc = -1; break; }
                if (!depth) { rc = fail(&ps, "#endif without #ifdef"); break; }
                depth--;
            } else {
                rc = fail(&ps, "unknown directive '#%s' (known: #ifdef #ifndef #else #endif)", word);
            }
            continue;
        }
        if (!active[depth]) continue;

        if (t[0] == '-' && t[1] == '-') {
            if (events_started) { rc = fail(&ps, "option line '%s' after the first event", t); break; }
            {
                size_t m = strlen(t);
                while (m && is_space(t[m - 1])) t[--m] = 0;
            }
            rc = parse_option_line(&ps, out, t);
            continue;
        }
        events_started = 1;
        {
            char *open = strstr(t, "%{");
            if (open) {
                char *close = strstr(open + 2, "}%");
                size_t prefix = (size_t)(open - t);
                memcpy(code_prefix, t, prefix);
                code_prefix[prefix] = 0;
                code_line = ps.line;
                if (close) {
                    size_t m = (size_t)(close - open - 2);
                    memcpy(code, open + 2, m);
                    code[m] = 0;
                    ps.p = close + 2;
                    if (expect_end(&ps, "'}%'")) { rc = -1; break; }
                    ps.p = code_prefix;
                    rc = parse_event_line(&ps, out, &prev, &have_prev, code, code_line);
                } else {
                    code_len = strlen(open + 2);
                    memcpy(code, open + 2, code_len + 1);
                    in_code = 1;
                }
                continue;
            }
        }
        rc = parse_event_line(&ps, out, &prev, &have_prev, NULL, 0);
    }
    if (rc == 0 && in_code) {
        ps.line = code_line;
        rc = fail(&ps, "'%%{' without a closing '}%%'");
    }
    if (rc == 0 && depth) rc = fail(&ps, "end of script inside #ifdef: missing #endif");
    if (rc == 0 && out->event_count == 0) rc = fail(&ps, "no events in the script");
    if (rc) {
        free(out->event);
        out->event = NULL;
        out->event_count = out->event_cap = 0;
    }
    return rc;
}

void pkt_script_free(pkt_script *s)
{
    if (!s) return;
    free(s->event);
    s->event = NULL;
    s->event_count = s->event_cap = 0;
}
