# Wire codec, live interop with the Linux kernel, pcap checking (issue 5).
# src/tcpfsm_wire.c and tools/*.c are picked up by the top Makefile's wildcards.
TOOL_LDLIBS += -lpcap
CHECK_SUITES += check-wire check-interop check-pcap

WIRE_TEST := $(BUILD)/test_wire
# CVC4 alone proves every goal of the codec; naming Z3 too made WP run both
# on goals Qed leaves open (2m05s alone instead of 3m06s).
# Qed's trivial-branch pruning off: 83 s alone instead of 145 s, the same
# goals proved (proofs/README.md "Qed's strategy"; WP_QED_TUNED=0 keeps it).
WP_WIRE_FLAGS := -cpp-extra-args='-Isrc -Igen' -wp -wp-rte \
  -warn-signed-overflow -warn-unsigned-overflow -warn-signed-downcast -warn-unsigned-downcast \
  -wp-prover $(or $(WP_PROVERS),cvc4) -wp-timeout $(WP_TIMEOUT) -wp-steps $(WP_STEPS) -wp-par $(WP_PAR) \
  $(if $(filter 0,$(WP_QED_TUNED)),,-wp-no-pruning) \
  -wp-cache $(WP_CACHE) $(if $(filter none,$(WP_CACHE)),,-wp-cache-dir $(BUILD)/prove/cache/wire) \
  $(if $(WIRE_FCT),-wp-fct $(WIRE_FCT))

.PHONY: check-wire check-pcap check-interop prove-wire

$(WIRE_TEST): tests/wire/test_wire.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS_TCPFSM) $(CFLAGS) -o $@ $< $(LIB)

check-wire: $(WIRE_TEST)
	@$(WIRE_TEST)

PCAP_FIXTURES := $(BUILD)/pcap_fixtures
$(PCAP_FIXTURES): tests/pcap/make_pcaps.c tools/wire_pcap.c tools/wire_pcap.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS_TCPFSM) -Itools $(CFLAGS) -o $@ tests/pcap/make_pcaps.c tools/wire_pcap.c $(LIB)

check-pcap: $(TOOL) $(PCAP_FIXTURES)
	@sh tests/pcap/run.sh

check-interop: $(TOOL)
	@sh tests/interop/run.sh

# Runtime-error freedom of the decoder (and the rest of the codec) with WP.
# Each run logs to its own file (two runs at once must not share one); the
# last run's log is copied to build/prove-wire.log.
prove-wire:
	@mkdir -p $(BUILD) $(BUILD)/prove/cache/wire; log=$$(mktemp $(BUILD)/prove-wire.XXXXXX); \
	  frama-c $(WP_WIRE_FLAGS) src/tcpfsm_wire.c >$$log 2>&1; rc=$$?; \
	  cp $$log $(BUILD)/prove-wire.log; rm -f $$log; \
	  line=$$(grep -E '\[wp\] Proved goals:' $(BUILD)/prove-wire.log | tail -n 1); \
	  p=$$(echo "$$line" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1/p'); \
	  t=$$(echo "$$line" | sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\2/p'); \
	  if [ $$rc -ne 0 ] || [ -z "$$p" ]; then echo "wp: frama-c failed (exit $$rc), see $(BUILD)/prove-wire.log"; exit 1; fi; \
	  c=$$(grep -c ' (cached)$$' $(BUILD)/prove-wire.log); \
	  echo "wp: $$p/$$t goals proved$$([ "$$c" -gt 0 ] && echo ", $$c from the cache")"; \
	  if [ "$$p" != "$$t" ]; then grep -E 'Goal .*: (Unknown|Timeout|Step limit|Failed)' $(BUILD)/prove-wire.log; exit 1; fi
PROVE_PARTS += prove-wire
