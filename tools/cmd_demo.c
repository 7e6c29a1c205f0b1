/* tcpfsm demo: the story of a TCP connection, run on the real core between
 * two endpoints and printed the way RFC 9293 draws it (figures 7, 8, 12, 13):
 * the three-way handshake, data, the four-way close with TIME-WAIT and 2MSL,
 * then a simultaneous open and a simultaneous close. `--svg FILE` also draws
 * it as a sequence diagram (hand-written SVG, no dependencies).
 *
 * Each line is one segment: the sender's state when it sent it, the segment,
 * and the receiver's state after it arrived ("..." while it is in flight),
 * exactly as in the RFC figures. ISS is 100 for TCP A and 300 for TCP B, as
 * in RFC 9293 figure 6, so the numbers can be checked against the RFC. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "explore.h"

enum { D_HEAD, D_OPEN_ACTIVE, D_OPEN_PASSIVE, D_SEND, D_CLOSE, D_DELIVER, D_2MSL, D_END };

typedef struct dstep {
    int what;
    int side;
    uint32_t n;
    const char *text;
} dstep;

static const dstep story[] = {
    {D_HEAD, 0, 0, "Basic three-way handshake (RFC 9293 figure 6)"},
    {D_OPEN_PASSIVE, 1, 0, NULL},
    {D_OPEN_ACTIVE, 0, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_HEAD, 0, 0, "Data, and its acknowledgment"},
    {D_SEND, 0, 10, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_HEAD, 0, 0, "Normal close sequence (RFC 9293 figure 12)"},
    {D_CLOSE, 0, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_CLOSE, 1, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_2MSL, 0, 0, NULL},
    {D_HEAD, 0, 0, "Simultaneous connection synchronization (RFC 9293 figure 7)"},
    {D_OPEN_ACTIVE, 0, 0, NULL},
    {D_OPEN_ACTIVE, 1, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_HEAD, 0, 0, "(Each SYN,ACK repeats a SYN already received, so RFC 9293 3.10.7.4's\n"
                   "  sequence test finds it unacceptable and answers it with an ACK; that ACK\n"
                   "  establishes, one step later than figure 7 draws lines 6 and 7.)"},
    {D_HEAD, 0, 0, "Simultaneous close sequence (RFC 9293 figure 13)"},
    {D_CLOSE, 0, 0, NULL},
    {D_CLOSE, 1, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_DELIVER, 0, 0, NULL},
    {D_DELIVER, 1, 0, NULL},
    {D_2MSL, 0, 0, NULL},
    {D_2MSL, 1, 0, NULL},
    {D_END, 0, 0, NULL},
};

/* A printed row. kind: heading, a call or timer without segment, a segment
 * sent (still in flight), a segment arriving that was printed in flight, or
 * a segment sent and arriving on one line. */
enum { ROW_HEAD, ROW_NOTE, ROW_SENT, ROW_ARRIVED, ROW_BOTH };

typedef struct drow {
    int kind;
    int from;                 /* sender side, for segment rows */
    char left[16], right[16]; /* states of A and B shown ("" for none) */
    char seg[96];
    char note[240];
    int num;
    int sent_row;             /* ROW_ARRIVED: the row where it left */
} drow;

#define MAX_ROWS 128
#define MAX_FLIGHT 8

typedef struct flight {
    tcpfsm_segment seg;
    int printed_row;          /* -1 while not yet printed */
    uint8_t sender_state;
} flight;

typedef struct demo {
    tcpfsm_tcb t[2];
    tcpfsm_config cfg;
    uint32_t iss[2];
    flight q[2][MAX_FLIGHT];
    int qn[2];
    drow rows[MAX_ROWS];
    int nrows, num;
    char call[2][240];         /* a call whose first segment is not printed yet */
    int failed;
} demo;

static drow *add_row(demo *d, int kind)
{
    drow *r;
    if (d->nrows >= MAX_ROWS) {
        fprintf(stderr, "tcpfsm demo: too many rows\n");
        exit(3);
    }
    r = &d->rows[d->nrows++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->sent_row = -1;
    if (kind != ROW_HEAD) r->num = ++d->num;
    return r;
}

static const char *sname(const demo *d, int side)
{
    return tcpfsm_state_name(d->t[side].state);
}

/* Segments sent but not yet printed get their own "in flight" rows now. */
static void flush_pending(demo *d)
{
    int side, k;
    for (side = 0; side < 2; side++) {
        for (k = 0; k < d->qn[side]; k++) {
            flight *f = &d->q[side][k];
            drow *r;
            if (f->printed_row >= 0) continue;
            r = add_row(d, ROW_SENT);
            r->from = side;
            snprintf(side == 0 ? r->left : r->right, sizeof r->left, "%s", tcpfsm_state_name(f->sender_state));
            x_format_segment(r->seg, sizeof r->seg, &f->seg);
            f->printed_row = d->nrows - 1;
            if (d->call[side][0]) {
                memcpy(r->note, d->call[side], sizeof r->note);
                d->call[side][0] = 0;
            }
        }
    }
}

/* The demo moves no bytes: it prints sequence numbers only. So N_DATA needs
 * nothing here, and neither do N_HOLD and N_HELD_DATA (text on a SYN kept
 * for ESTABLISHED): the core never puts text on a SYN it sends, and both
 * ends of the demo are cores. */
static void take_output(demo *d, int side, const tcpfsm_output *out, tcpfsm_result rc, const char *what)
{
    int k;
    if (rc != TCPFSM_OK) {
        fprintf(stderr, "tcpfsm demo: %s on %c returned %s\n", what, 'A' + side, tcpfsm_result_name(rc));
        d->failed = 1;
    }
    if (!tcpfsm_tcb_check(&d->t[side])) {
        fprintf(stderr, "tcpfsm demo: TCB of %c fails tcpfsm_tcb_check after %s\n", 'A' + side, what);
        d->failed = 1;
    }
    for (k = 0; k < out->segment_count && d->qn[side] < MAX_FLIGHT; k++) {
        flight *f = &d->q[side][d->qn[side]++];
        f->seg = out->segment[k];
        f->printed_row = -1;
        f->sender_state = d->t[side].state;
    }
}

static void note_row(demo *d, int side, const char *note)
{
    drow *r = add_row(d, ROW_NOTE);
    snprintf(r->left, sizeof r->left, "%s", sname(d, 0));
    snprintf(r->right, sizeof r->right, "%s", sname(d, 1));
    snprintf(r->note, sizeof r->note, "%c: %s", 'A' + side, note);
}

static void run_story(demo *d)
{
    size_t i;
    tcpfsm_output out;
    tcpfsm_result rc;
    for (i = 0; story[i].what != D_END && !d->failed; i++) {
        const dstep *s = &story[i];
        int side = s->side;
        const dstep *next = &story[i + 1];
        switch (s->what) {
        case D_HEAD:
            flush_pending(d);
            snprintf(add_row(d, ROW_HEAD)->note, sizeof d->rows[0].note, "%s", s->text);
            break;
        case D_OPEN_ACTIVE:
        case D_OPEN_PASSIVE:
        case D_SEND:
        case D_CLOSE: {
            const char *what = s->what == D_OPEN_ACTIVE ? "OPEN (active)" : s->what == D_OPEN_PASSIVE
                               ? "OPEN (passive)" : s->what == D_SEND ? "SEND" : "CLOSE";
            int before = d->qn[side];
            flush_pending(d);
            if (s->what == D_OPEN_ACTIVE || s->what == D_OPEN_PASSIVE)
                rc = tcpfsm_open(&d->t[side], &d->cfg, s->what == D_OPEN_ACTIVE, d->iss[side], &out);
            else if (s->what == D_SEND)
                rc = tcpfsm_send(&d->t[side], &d->cfg, s->n, &out);
            else
                rc = tcpfsm_close(&d->t[side], &d->cfg, &out);
            take_output(d, side, &out, rc, what);
            if (d->qn[side] == before) {
                note_row(d, side, what);
            } else {
                /* the call is named on the row of its first segment */
                snprintf(d->call[side], sizeof d->call[side], "%c: %s", 'A' + side, what);
                if (!(next->what == D_DELIVER && next->side == side && before == 0)) flush_pending(d);
            }
            break;
        }
        case D_DELIVER: {
            flight f;
            int to = 1 - side;
            uint8_t before;
            drow *r;
            if (d->qn[side] == 0) {
                fprintf(stderr, "tcpfsm demo: nothing in flight from %c at step %lu\n", 'A' + side, (unsigned long)i);
                d->failed = 1;
                break;
            }
            f = d->q[side][0];
            memmove(&d->q[side][0], &d->q[side][1], (size_t)(d->qn[side] - 1) * sizeof f);
            d->qn[side]--;
            /* segments still unprinted other than this one go out first */
            if (f.printed_row < 0) {
                int k, other = 0;
                for (k = 0; k < d->qn[side]; k++) other |= d->q[side][k].printed_row < 0;
                for (k = 0; k < d->qn[to]; k++) other |= d->q[to][k].printed_row < 0;
                if (other) flush_pending(d);
            } else {
                flush_pending(d);
            }
            before = d->t[to].state;
            rc = tcpfsm_segment_arrives(&d->t[to], &d->cfg, &f.seg, d->iss[to], &out);
            (void)before;
            r = add_row(d, f.printed_row < 0 ? ROW_BOTH : ROW_ARRIVED);
            r->from = side;
            r->sent_row = f.printed_row;
            x_format_segment(r->seg, sizeof r->seg, &f.seg);
            if (side == 0) {
                snprintf(r->left, sizeof r->left, "%s", f.printed_row < 0 ? tcpfsm_state_name(f.sender_state) : "");
                snprintf(r->right, sizeof r->right, "%s", sname(d, 1));
            } else {
                snprintf(r->left, sizeof r->left, "%s", sname(d, 0));
                snprintf(r->right, sizeof r->right, "%s", f.printed_row < 0 ? tcpfsm_state_name(f.sender_state) : "");
            }
            if (f.printed_row < 0 && d->call[side][0]) {
                memcpy(r->note, d->call[side], sizeof r->note);
                d->call[side][0] = 0;
            }
            take_output(d, to, &out, rc, "segment arrival");
            break;
        }
        case D_2MSL:
            flush_pending(d);
            rc = tcpfsm_timer_fired(&d->t[side], &d->cfg, TCPFSM_TIMER_TIME_WAIT, &out);
            take_output(d, side, &out, rc, "2MSL timer");
            note_row(d, side, "2MSL timer expires");
            break;
        default:
            break;
        }
    }
    flush_pending(d);
}

static void print_text(const demo *d, FILE *f)
{
    int i;
    fprintf(f, "      %-13s %-50s %s\n", "TCP A", "", "TCP B");
    for (i = 0; i < d->nrows; i++) {
        const drow *r = &d->rows[i];
        char mid[160];
        switch (r->kind) {
        case ROW_HEAD:
            fprintf(f, "\n  %s\n\n", r->note);
            continue;
        case ROW_NOTE:
            snprintf(mid, sizeof mid, "(%s)", r->note);
            break;
        case ROW_SENT:
            snprintf(mid, sizeof mid, r->from == 0 ? "--> %s ..." : "... %s <--", r->seg);
            break;
        case ROW_ARRIVED:
            snprintf(mid, sizeof mid, r->from == 0 ? "... %s -->" : "<-- %s ...", r->seg);
            break;
        default:
            snprintf(mid, sizeof mid, r->from == 0 ? "--> %s -->" : "<-- %s <--", r->seg);
            break;
        }
        {
            char line[400];
            size_t len;
            int n = snprintf(line, sizeof line, "%3d.  %-13s %-50s %-13s", r->num, r->left, mid, r->right);
            if (n > 0 && r->kind != ROW_NOTE && r->note[0] && (size_t)n < sizeof line)
                snprintf(line + n, sizeof line - (size_t)n, " (%s)", r->note);
            len = strlen(line);
            while (len && line[len - 1] == ' ') line[--len] = 0;
            fprintf(f, "%s\n", line);
        }
    }
}

static void svg_text(FILE *f, double x, double y, const char *anchor, const char *cls, const char *s)
{
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y, anchor, cls);
    for (; *s; s++) {
        if (*s == '<') fputs("&lt;", f);
        else if (*s == '>') fputs("&gt;", f);
        else if (*s == '&') fputs("&amp;", f);
        else fputc(*s, f);
    }
    fputs("</text>\n", f);
}

/* A sequence diagram: A's timeline on the left, B's on the right, one
 * arrow per segment from where it left to where it arrived. */
static int write_svg(const demo *d, const char *path)
{
    const double xa = 190, xb = 710, top = 70, step = 30, width = 900;
    double y, *rowy;
    int i;
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return -1;
    }
    rowy = calloc((size_t)d->nrows + 1, sizeof *rowy);
    if (!rowy) {
        fclose(f);
        return -1;
    }
    y = top;
    for (i = 0; i < d->nrows; i++) {
        const char *c;
        int lines = 1;
        for (c = d->rows[i].note; d->rows[i].kind == ROW_HEAD && *c; c++) lines += *c == '\n';
        y += d->rows[i].kind == ROW_HEAD ? step * 0.9 + 16.0 * lines : step;
        rowy[i] = y - (d->rows[i].kind == ROW_HEAD ? 16.0 * (lines - 1) : 0);
    }
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
            width, y + 50, width, y + 50);
    fprintf(f, "<style>text{font-family:monospace;font-size:12px}.st{font-weight:bold;fill:#1a4c8a}"
               ".seg{fill:#222}.head{font-size:14px;font-weight:bold;fill:#7a2e00}.note{fill:#555;font-style:italic}"
               ".title{font-size:16px;font-weight:bold}</style>\n");
    fprintf(f, "<defs><marker id=\"arr\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\">"
               "<path d=\"M0,0 L10,4 L0,8 z\" fill=\"#333\"/></marker></defs>\n");
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    svg_text(f, width / 2, 25, "middle", "title", "tcpfsm demo: two endpoints on the real core (RFC 9293)");
    svg_text(f, xa, 52, "middle", "head", "TCP A");
    svg_text(f, xb, 52, "middle", "head", "TCP B");
    fprintf(f, "<line x1=\"%.1f\" y1=\"60\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n", xa, xa, y + 20);
    fprintf(f, "<line x1=\"%.1f\" y1=\"60\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>\n", xb, xb, y + 20);
    for (i = 0; i < d->nrows; i++) {
        const drow *r = &d->rows[i];
        double ry = rowy[i];
        if (r->kind == ROW_HEAD) {
            /* one <text> per line of the heading */
            char line[sizeof r->note];
            const char *c = r->note;
            double ly = ry;
            while (*c) {
                size_t n = strcspn(c, "\n");
                memcpy(line, c, n);
                line[n] = 0;
                while (line[0] == ' ') memmove(line, line + 1, strlen(line));
                svg_text(f, width / 2, ly, "middle", "head", line);
                ly += 16.0;
                c += n;
                if (*c) c++;
            }
            continue;
        }
        if (r->left[0]) svg_text(f, xa - 10, ry + 4, "end", "st", r->left);
        if (r->right[0]) svg_text(f, xb + 10, ry + 4, "start", "st", r->right);
        if (r->kind == ROW_NOTE) {
            svg_text(f, width / 2, ry + 4, "middle", "note", r->note);
        } else if (r->kind == ROW_BOTH || r->kind == ROW_ARRIVED) {
            double y0 = r->kind == ROW_BOTH ? ry - step * 0.45 : rowy[r->sent_row];
            double x0 = r->from == 0 ? xa : xb, x1 = r->from == 0 ? xb : xa;
            fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\" marker-end=\"url(#arr)\"/>\n",
                    x0, y0, x1, ry);
            svg_text(f, (xa + xb) / 2, (y0 + ry) / 2 - 3, "middle", "seg", r->seg);
            if (r->note[0]) svg_text(f, r->from == 0 ? xa + 8 : xb - 8, y0 - 2, r->from == 0 ? "start" : "end", "note", r->note);
        }
    }
    fprintf(f, "</svg>\n");
    free(rowy);
    return fclose(f) == 0 ? 0 : -1;
}

int tcpfsm_cmd_demo(int argc, char **argv)
{
    static demo d;
    const char *svg = NULL;
    int i;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--svg") && i + 1 < argc) {
            svg = argv[++i];
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: tcpfsm demo [--svg FILE]\n"
                   "  Handshake, data, close with TIME-WAIT, simultaneous open and close,\n"
                   "  run on the real core between two endpoints and printed like the\n"
                   "  RFC 9293 figures (ISS 100 for TCP A, 300 for TCP B).\n");
            return 0;
        } else {
            fprintf(stderr, "tcpfsm demo: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    memset(&d, 0, sizeof d);
    tcpfsm_config_default(&d.cfg);
    d.iss[0] = 100;
    d.iss[1] = 300;
    tcpfsm_init(&d.t[0]);
    tcpfsm_init(&d.t[1]);
    run_story(&d);
    print_text(&d, stdout);
    if (svg) {
        if (write_svg(&d, svg)) return 1;
        printf("\ndemo: wrote %s\n", svg);
    }
    if (d.failed) {
        fprintf(stderr, "tcpfsm demo: the story did not run as written\n");
        return 1;
    }
    return 0;
}
