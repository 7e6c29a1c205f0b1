/* build/tcpfsm: the command-line front of the model. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "tcpfsm.h"

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
} commands[] = {
    {"run", tcpfsm_cmd_run, "run packetdrill scripts against the model"},
    {"interop", tcpfsm_cmd_interop, "talk to the Linux kernel's TCP over a TUN device"},
    {"pcap", tcpfsm_cmd_pcap, "check the connections in a pcap file against the model"},
    {"explore", tcpfsm_cmd_explore, "explore every interleaving of two endpoints"},
    {"demo", tcpfsm_cmd_demo, "handshake, data and close between two endpoints, step by step"},
};

static void usage(FILE *f)
{
    size_t i;
    fprintf(f, "usage: tcpfsm COMMAND [ARGS...]\n\ncommands:\n");
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\n'tcpfsm COMMAND --help' describes each.\n");
}

int main(int argc, char **argv)
{
    size_t i;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "tcpfsm: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
