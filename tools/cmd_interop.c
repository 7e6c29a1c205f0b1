/* Placeholder: replaced by the real 'tcpfsm interop'. */
#include <stdio.h>
#include "commands.h"
int tcpfsm_cmd_interop(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "tcpfsm interop: not implemented yet\n");
    return 2;
}
