/* Target Functions: pkt_script_parse() and pkt_script_run() of `tcpfsm run`
 * (tools/pkt_script.c, tools/pkt_run.c), and through them the core.
 *
 * The input is a packetdrill script. It is parsed from memory (no files);
 * if it parses, its header options are applied and it runs against the
 * model with the runner's defaults. Either step may reject the input with
 * a message: that is the expected outcome for most inputs. What must never
 * happen is a crash, a sanitizer report, or a message that does not name
 * the file ("fuzz.pkt:"), which the harness turns into an abort.
 *
 * Deterministic: the runner's clock is virtual and its ISN a keyed hash of
 * that clock; nothing is kept between inputs.
 *
 * TCPFSM_FUZZ_TRACE=1 prints each input's outcome.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkt_script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_message(const char *msg)
{
    if (strncmp(msg, "fuzz.pkt", 8) != 0) {
        fprintf(stderr, "fuzz_script: message does not name the file: '%s'\n", msg);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int trace = -1;
    char err[PKT_MESSAGE_MAX];
    pkt_script script;
    pkt_defines defs;
    pkt_settings set;
    int rc, i;
    if (trace < 0) trace = getenv("TCPFSM_FUZZ_TRACE") != NULL;
    memset(&defs, 0, sizeof defs);
    defs.count = 1;
    strcpy(defs.name[0], "FreeBSD");
    rc = pkt_script_parse("fuzz.pkt", (const char *)data, size, &defs, &script, err, sizeof err);
    if (rc != 0) {
        check_message(err);
        if (trace) fprintf(stderr, "parse: %s\n", err);
        pkt_script_free(&script);
        return 0;
    }
    pkt_settings_default(&set);
    for (i = 0; i < script.option_count; i++) {
        if (pkt_settings_apply(&set, script.option[i].name, script.option[i].value, err, sizeof err)) {
            if (trace) fprintf(stderr, "option: %s\n", err);
            pkt_script_free(&script);
            return 0;
        }
    }
    rc = pkt_script_run(&script, &set, err, sizeof err);
    if (rc != 0) check_message(err);
    if (trace) fprintf(stderr, "run: %s\n", rc ? err : "pass");
    pkt_script_free(&script);
    return 0;
}
