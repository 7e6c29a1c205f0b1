/* tcpfsm run: packetdrill scripts (the FreeBSD tcp-testsuite dialect)
 * against one model endpoint. Parser and runner: tools/pkt_script.c,
 * tools/pkt_run.c. Prints "PASS name" or "FAIL name: file:line: ..." per
 * script and "N passed, N failed"; exits 0 only if every script passed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "pkt_script.h"

#define SCRIPT_MAX_BYTES (4u << 20)
#define CLI_OPTIONS_MAX 32

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tcpfsm run [-v] [-D NAME]... [--option value]... SCRIPT.pkt...\n"
            "\n"
            "Runs each packetdrill script against one model endpoint: '<' lines go into\n"
            "the model, '>' lines are segments it must send, system calls drive it\n"
            "through a small socket layer. Time is virtual.\n"
            "\n"
            "  -D NAME            define NAME for #ifdef (STANDARD is always defined)\n"
            "  -v                 trace every call into the model on stderr\n"
            "\n"
            "Options (also as '--name=value' header lines in a script; the command\n"
            "line wins):\n"
            "  --tolerance_usecs N   how far from its scripted time a segment may be sent (4000)\n"
            "  --ip_version V        ipv4 | ipv6 | ipv4-mapped-ipv6 (only sockstat -4/-6 sees it)\n"
            "  --isn N|hash          the model's ISS: fixed, or RFC 9293 3.4.1 from the virtual clock (hash)\n"
            "  --close_embryonic M   closing a listener: drop (FreeBSD syncache) or rst its SYN-RECEIVED children (drop)\n"
            "  --close_unread M      close() with unread data: discard it and send FIN (FreeBSD), or rst (Linux) (discard)\n"
            "  --rcvbuf_round N      sysctl recvspace=V sets rcv_wnd to V rounded up to a multiple of N (0: V)\n"
            "  model knobs (tcpfsm_config; defaults in docs/semantics.md):\n"
            "  --rto_initial_ms N --rto_max_ms N --msl_ms N --user_timeout_ms N --rcv_wnd N --mss N\n"
            "  --syn_retries N --data_retries N --rst_mitigation 0|1 --syn_mitigation 0|1\n"
            "  --ack_mitigation 0|1 --drop_synfin 0|1 --time_wait_ignore_rst 0|1\n"
            "  --rst_error_closing 0|1 --closing_ack_with_fin 0|1 --listen_drop_syn_ack 0|1\n"
            "  --old_segment_ack 0|1\n"
            "\n"
            "sysctl -w knobs mapped onto the model: net.inet.tcp.insecure_rst (rst_mitigation = !v),\n"
            "insecure_syn (syn_mitigation = !v), drop_synfin, rexmit_initial (rto_initial_ms),\n"
            "rexmit_max (rto_max_ms), msl (msl_ms), recvspace (rcv_wnd, see --rcvbuf_round).\n");
}

typedef struct cli_option {
    const char *name;
    const char *value;
} cli_option;

static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t n = 0, cap = 4096;
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    buf = malloc(cap);
    while (buf) {
        size_t got;
        if (n == cap) {
            char *b;
            if (cap >= SCRIPT_MAX_BYTES) {
                snprintf(err, errlen, "%s: larger than %u bytes", path, SCRIPT_MAX_BYTES);
                free(buf);
                buf = NULL;
                break;
            }
            b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                snprintf(err, errlen, "%s: out of memory", path);
                break;
            }
            buf = b;
            cap *= 2;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    if (!buf && !err[0]) snprintf(err, errlen, "%s: out of memory", path);
    fclose(f);
    *len = n;
    return buf;
}

/* "dir/rcv-syn-listen.pkt" -> "rcv-syn-listen" */
static void script_name(const char *path, char *out, size_t n)
{
    const char *base = strrchr(path, '/');
    size_t m;
    base = base ? base + 1 : path;
    m = strlen(base);
    if (m > 4 && !strcmp(base + m - 4, ".pkt")) m -= 4;
    if (m >= n) m = n - 1;
    memcpy(out, base, m);
    out[m] = 0;
}

static int run_one(const char *path, const pkt_defines *defs, const cli_option *opt, int nopt, int verbose)
{
    char err[PKT_MESSAGE_MAX], name[128];
    pkt_script script;
    pkt_settings set;
    size_t len = 0;
    char *text;
    int i, rc = -1;
    err[0] = 0;
    script_name(path, name, sizeof name);
    memset(&script, 0, sizeof script);
    text = read_file(path, &len, err, sizeof err);
    if (text) {
        rc = pkt_script_parse(path, text, len, defs, &script, err, sizeof err);
        free(text);
    }
    if (rc == 0) {
        pkt_settings_default(&set);
        set.verbose = verbose;
        for (i = 0; rc == 0 && i < script.option_count; i++) {
            char msg[PKT_MESSAGE_MAX / 2];
            if (pkt_settings_apply(&set, script.option[i].name, script.option[i].value, msg, sizeof msg)) {
                snprintf(err, sizeof err, "%s:%d: %s", path, script.option[i].line, msg);
                rc = -1;
            }
        }
        for (i = 0; rc == 0 && i < nopt; i++) {
            char msg[PKT_MESSAGE_MAX / 2];
            if (pkt_settings_apply(&set, opt[i].name, opt[i].value, msg, sizeof msg)) {
                snprintf(err, sizeof err, "command line: %s", msg);
                rc = -1;
            }
        }
        if (rc == 0) rc = pkt_script_run(&script, &set, err, sizeof err);
    }
    pkt_script_free(&script);
    if (rc == 0) printf("PASS %s\n", name);
    else printf("FAIL %s: %s\n", name, err);
    fflush(stdout);
    return rc;
}

int tcpfsm_cmd_run(int argc, char **argv)
{
    pkt_defines defs;
    cli_option opt[CLI_OPTIONS_MAX];
    int nopt = 0, verbose = 0, i, passed = 0, failed = 0, files = 0;
    char scratch[PKT_MESSAGE_MAX];
    memset(&defs, 0, sizeof defs);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "-v")) {
            verbose = 1;
        } else if (!strncmp(a, "-D", 2)) {
            const char *name = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if (!name || !*name || strlen(name) >= PKT_NAME_MAX) {
                fprintf(stderr, "tcpfsm run: -D needs a NAME\n");
                return 2;
            }
            if (defs.count == PKT_DEFINES_MAX) {
                fprintf(stderr, "tcpfsm run: more than %d -D names\n", PKT_DEFINES_MAX);
                return 2;
            }
            strcpy(defs.name[defs.count++], name);
        } else if (!strncmp(a, "--", 2) && a[2]) {
            const char *eq = strchr(a, '=');
            static char names[CLI_OPTIONS_MAX][PKT_NAME_MAX];
            pkt_settings probe;
            size_t m = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            if (nopt == CLI_OPTIONS_MAX || m >= PKT_NAME_MAX) {
                fprintf(stderr, "tcpfsm run: too many or too long options\n");
                return 2;
            }
            memcpy(names[nopt], a + 2, m);
            names[nopt][m] = 0;
            opt[nopt].name = names[nopt];
            if (eq) opt[nopt].value = eq + 1;
            else if (i + 1 < argc) opt[nopt].value = argv[++i];
            else {
                fprintf(stderr, "tcpfsm run: --%s needs a value\n", names[nopt]);
                return 2;
            }
            pkt_settings_default(&probe);
            if (pkt_settings_apply(&probe, opt[nopt].name, opt[nopt].value, scratch, sizeof scratch)) {
                fprintf(stderr, "tcpfsm run: %s\n", scratch);
                return 2;
            }
            nopt++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "tcpfsm run: unknown flag '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            files++;
        }
    }
    if (!files) {
        usage(stderr);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-v")) continue;
        if (!strcmp(a, "-D")) { i++; continue; }
        if (!strncmp(a, "-D", 2)) continue;
        if (!strncmp(a, "--", 2) && a[2]) {
            if (!strchr(a, '=')) i++;
            continue;
        }
        if (run_one(a, &defs, opt, nopt, verbose) == 0) passed++;
        else failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
