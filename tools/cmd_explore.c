/* Placeholder: replaced by the real 'tcpfsm explore'. */
#include <stdio.h>
#include "commands.h"
int tcpfsm_cmd_explore(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "tcpfsm explore: not implemented yet\n");
    return 2;
}
