/* Placeholder: replaced by the real 'tcpfsm demo'. */
#include <stdio.h>
#include "commands.h"
int tcpfsm_cmd_demo(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "tcpfsm demo: not implemented yet\n");
    return 2;
}
