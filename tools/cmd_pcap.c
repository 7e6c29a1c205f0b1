/* Placeholder: replaced by the real 'tcpfsm pcap'. */
#include <stdio.h>
#include "commands.h"
int tcpfsm_cmd_pcap(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "tcpfsm pcap: not implemented yet\n");
    return 2;
}
