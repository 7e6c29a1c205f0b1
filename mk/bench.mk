# mk/bench.mk: speed, footprint and embedding of the core (issue 7).
#   make bench                    ns/event core vs reference vs floor (+ callgrind)
#   BENCH_PROVE=1 make bench      ... and the wall time of `make prove`
#   make size                     sizeof the TCB, -Os code size x86-64 and Cortex-M4
#   make install PREFIX=/opt/x    header, libtcpfsm.a, tcpfsm.pc, tcpfsmConfig.cmake
#   make check-freestanding check-install check-examples   (part of make check)

TCPFSM_VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=

# The core is the library less the wire codec, which is reported apart.
WIRE_SRCS := $(wildcard src/tcpfsm_wire.c)
CORE_SRCS := $(filter-out $(WIRE_SRCS),$(wildcard src/*.c)) gen/tcp_machine.c

# The reference model and the fuzz_diff corpus reader join when present.
BENCH_REF_SRC := $(wildcard ref/tcpfsm_ref.c)
BENCH_REF_OBJ := $(if $(BENCH_REF_SRC),$(BUILD)/obj/ref/tcpfsm_ref.o)
BENCH_CORPUS_SRC := $(if $(BENCH_REF_SRC),$(if $(wildcard fuzz/fuzz_diff.c),bench/corpus_diff.c))
BENCH_FLAGS := $(if $(BENCH_REF_SRC),-DTCPFSM_BENCH_REF -Iref) \
  $(if $(BENCH_CORPUS_SRC),-DTCPFSM_BENCH_CORPUS -Ifuzz)

# Public headers: the API, its generated event codes, and the wire codec's
# (the library carries the codec; src/tcpfsm_machine.h stays internal).
INSTALL_HEADERS := src/tcpfsm.h gen/tcpfsm_events.h $(wildcard src/tcpfsm_wire.h)

CHECK_SUITES += check-freestanding check-install check-examples

.PHONY: bench size install check-freestanding check-install check-examples

$(BUILD)/bench/bench: bench/bench.c bench/bench.h $(BENCH_CORPUS_SRC) $(LIB) $(BENCH_REF_OBJ) \
    $(wildcard src/*.h ref/*.h fuzz/*.h fuzz/fuzz_diff.c)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS_TCPFSM) $(BENCH_FLAGS) $(CFLAGS) bench/bench.c \
	  $(BENCH_CORPUS_SRC) $(BENCH_REF_OBJ) $(LIB) -o $@

bench: $(BUILD)/bench/bench
	@CC="$(CC)" CFLAGS="$(CFLAGS)" FUZZ_MAX_LEN="$(FUZZ_MAX_LEN)" sh bench/run.sh $(BUILD)/bench/bench

size:
	@CC="$(CC)" sh bench/size.sh "$(CORE_SRCS)" "$(WIRE_SRCS)"

check-freestanding:
	@CC="$(CC)" sh tests/embed/check-freestanding.sh "$(CORE_SRCS)"

install: $(LIB)
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/lib/cmake/tcpfsm
	install -m 644 $(INSTALL_HEADERS) $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(TCPFSM_VERSION)|g' tcpfsm.pc.in \
	  >$(DESTDIR)$(PREFIX)/lib/pkgconfig/tcpfsm.pc
	install -m 644 cmake/tcpfsmConfig.cmake $(DESTDIR)$(PREFIX)/lib/cmake/tcpfsm/
	sed -e 's|@VERSION@|$(TCPFSM_VERSION)|g' \
	  -e 's|@VERSION_MAJOR@|$(word 1,$(subst ., ,$(TCPFSM_VERSION)))|g' \
	  -e 's|@VERSION_MINOR@|$(word 2,$(subst ., ,$(TCPFSM_VERSION)))|g' \
	  cmake/tcpfsmConfigVersion.cmake.in >$(DESTDIR)$(PREFIX)/lib/cmake/tcpfsm/tcpfsmConfigVersion.cmake

check-install: $(LIB)
	@CC="$(CC)" sh tests/embed/check-install.sh

$(BUILD)/examples/loopback: examples/loopback.c $(LIB) src/tcpfsm.h
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS_TCPFSM) $(CFLAGS) examples/loopback.c $(LIB) -o $@

check-examples: $(BUILD)/examples/loopback
	@$(BUILD)/examples/loopback
