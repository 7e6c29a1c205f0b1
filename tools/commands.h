/* Subcommands of build/tcpfsm, one file each (tools/cmd_NAME.c). */
#ifndef TCPFSM_TOOLS_COMMANDS_H
#define TCPFSM_TOOLS_COMMANDS_H
int tcpfsm_cmd_run(int argc, char **argv);     /* packetdrill scripts (tools/cmd_run.c) */
int tcpfsm_cmd_interop(int argc, char **argv); /* live Linux kernel over TUN (tools/cmd_interop.c) */
int tcpfsm_cmd_pcap(int argc, char **argv);    /* check real captures (tools/cmd_pcap.c) */
int tcpfsm_cmd_explore(int argc, char **argv); /* two endpoints, all interleavings (tools/cmd_explore.c) */
int tcpfsm_cmd_demo(int argc, char **argv);    /* the story, step by step (tools/cmd_demo.c) */
#endif
