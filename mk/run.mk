# `tcpfsm run` (issue 3): packetdrill scripts against the model.
#   make check-freebsd      the FreeBSD tcp-testsuite state-event-engine scripts
#                           (read from ../shared, every */*.pkt found there)
#   make check-scenarios    our own scripts, tests/scenarios/*.pkt
#   make check-run-errors   malformed and failing scripts, tests/run/*/*.pkt,
#                           each with the message the runner must print
# tools/cmd_run.c, tools/pkt_script.c and tools/pkt_run.c reach TOOL_SRCS
# through the top Makefile's wildcard (adding them again would link them twice).

FREEBSD_SUITE ?= ../shared/conformance/freebsd-tcp-testsuite/state-event-engine
# FreeBSD where it departs from the RFC 9293 defaults, as model options
# (README, "tcpfsm run"): MSL 30 s; the receive buffer rounded up to a
# multiple of the 1460-byte MSS (SO_RCVBUF 65536 -> 65700); closing a
# listener forgets its SYN-RECEIVED connections (syncache); close() discards
# unread data and sends FIN (no RST). The core's FreeBSD knobs: RFC 1337
# TIME-WAIT ignores RST; a RST in CLOSING/LAST-ACK reports ECONNRESET; ACKs
# in CLOSING carry the FIN again; LISTEN drops a SYN,ACK; BSD trimming
# processes the ACK of an old duplicate.
FREEBSD_RUN_OPTS ?= --msl_ms 30000 --rcvbuf_round 1460 --close_embryonic drop --close_unread discard \
	--time_wait_ignore_rst 1 --rst_error_closing 1 --closing_ack_with_fin 1 \
	--listen_drop_syn_ack 1 --old_segment_ack 1

CHECK_SUITES += check-freebsd check-scenarios check-run-errors
.PHONY: check-freebsd check-scenarios check-run-errors

# The fuzz harness fuzz/fuzz_script.c parses and runs scripts from memory.
FUZZ_SRCS_fuzz_script := tools/pkt_script.c tools/pkt_run.c

check-freebsd: $(TOOL)
	@sh tests/run/check-freebsd.sh $(TOOL) "$(FREEBSD_SUITE)" tests/freebsd-known-departures.txt $(FREEBSD_RUN_OPTS)

check-scenarios: $(TOOL)
	@$(TOOL) run tests/scenarios/*.pkt

check-run-errors: $(TOOL)
	@sh tests/run/check-errors.sh $(TOOL) tests/run
