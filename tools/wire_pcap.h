/* Writing pcap files of raw IP packets (LINKTYPE_RAW), for `tcpfsm interop
 * --pcap` and the pcap tests (tools/wire_pcap.c). */
#ifndef TCPFSM_TOOLS_WIRE_PCAP_H
#define TCPFSM_TOOLS_WIRE_PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Open `path` and write the pcap global header; NULL on error (errno). */
FILE *wire_pcap_create(const char *path);
/* Append one packet with the given timestamp in microseconds. 0 on success. */
int wire_pcap_write(FILE *f, const uint8_t *pkt, size_t len, uint64_t ts_us);

#endif
