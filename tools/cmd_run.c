/* Placeholder: replaced by the real 'tcpfsm run'. */
#include <stdio.h>
#include "commands.h"
int tcpfsm_cmd_run(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "tcpfsm run: not implemented yet\n");
    return 2;
}
