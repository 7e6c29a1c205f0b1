# tcpfsm: see README.md. `make demo` and `make check` are the front door.
#
# Parts of the tree add themselves through mk/*.mk: each fragment appends
# to LIB_SRCS / TOOL_SRCS / TOOL_LDLIBS / CHECK_SUITES and defines its
# own targets. `make check` runs every suite in CHECK_SUITES and ends with
# one line "N passed, N failed" summing them all.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -std=c99 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_TCPFSM := -Isrc -Igen
BUILD   := build

LIB_SRCS  := $(wildcard src/*.c) gen/tcp_machine.c
LIB       := $(BUILD)/libtcpfsm.a
TOOL_SRCS := $(wildcard tools/*.c)
TOOL      := $(BUILD)/tcpfsm
TOOL_LDLIBS :=
CHECK_SUITES := check-gen check-prove check-prove-fct
GEN_FILES := gen/tcp_machine.c gen/tcpfsm_events.h gen/tcp_states.h

.PHONY: all lib deps gen check-gen prove prove-fct prove-results prove-mutants check-prove check-prove-fct check demo clean
all: $(LIB) $(TOOL)
lib: $(LIB)

# WP_PAR: prover processes at once. WP spends most of a goal's wall time
# preparing it and waiting for the prover's answer, not in the prover, so
# more processes than cores is faster (machine: 9m23s at 2, 6m22s at 8).
WP_PAR ?= 8
export WP_PAR
# WP_STEPS: the prover's resource limit per goal (CVC4's --rlimit, Z3's
# rlimit for the machine, each counted in the prover's own units), the
# limit that decides: the same on every machine and under any load. The
# longest goal takes about 750,000 CVC4 steps.
WP_STEPS ?= 3000000
export WP_STEPS
# WP_TIMEOUT: seconds per prover call, only a backstop. Why3 starts CVC4
# with --tlimit, which counts wall time: with dozens of provers on 2 cores
# a 60 s limit timed out goals that take 4 s alone (proofs/README.md).
WP_TIMEOUT ?= 600
export WP_TIMEOUT
# WP_QED_TUNED: 1 (default) runs WP's simplifier (Qed) with the passes
# that cost more than they save turned off, per group (proofs/wp.sh,
# mk/wire.mk, proofs/README.md "Qed's strategy"); 0 keeps Qed's defaults.
# It changes how goals are simplified, not which goals are proved.
WP_QED_TUNED ?= 1
export WP_QED_TUNED
# WP_CACHE: update (default) keeps the provers' verdicts in
# $(BUILD)/prove/cache and asks a prover only about a goal no earlier run
# has seen with the same prover and limits; none proves every goal afresh
# (a clean checkout has no cache: CI always does). proofs/README.md "The cache".
WP_CACHE ?= update
export WP_CACHE

include $(sort $(wildcard mk/*.mk))

LIB_OBJS  = $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRCS))
TOOL_OBJS = $(patsubst %.c,$(BUILD)/obj/%.o,$(TOOL_SRCS))

$(BUILD)/obj/%.o: %.c $(wildcard src/*.h) $(GEN_FILES) proofs/tcpfsm.acsl
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS_TCPFSM) $(CFLAGS) -c $< -o $@

# Ragel -G2 code jumps between case labels on purpose; that is the one
# warning the generated file is exempt from.
$(BUILD)/obj/gen/%.o: WARN += -Wno-implicit-fallthrough

$(LIB): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(TOOL): $(TOOL_OBJS) $(LIB)
	$(CC) $(CFLAGS) -o $@ $(TOOL_OBJS) $(LIB) $(TOOL_LDLIBS)

# Generated code is rebuilt only here, never by hand.
gen:
	tools/gen.sh gen

# gen/ must be exactly what spec/ generates today.
check-gen:
	@rm -rf $(BUILD)/gen-check && tools/gen.sh $(BUILD)/gen-check
	@if diff -r gen $(BUILD)/gen-check >$(BUILD)/gen-check.diff; then \
	  echo "gen: gen/ matches spec/tcp.rl"; echo "1 passed, 0 failed"; \
	else cat $(BUILD)/gen-check.diff; \
	  echo "gen: gen/ differs from what spec/tcp.rl generates: run make gen"; \
	  echo "0 passed, 1 failed"; exit 1; fi

# Frama-C WP over the core (proofs/README.md says what is proved and what it
# rests on). Parts that prove themselves add their target to PROVE_PARTS.
PROVE_PARTS ?=
prove:
	@proofs/prove.sh $(BUILD) $(PROVE_PARTS)

# Only the functions FCT=f,g names, each with its group's options and cache:
# the edit-prove loop of one function (proofs/README.md "One function").
prove-fct:
	@if [ -z "$(FCT)" ]; then echo "make prove-fct FCT=f[,g...]: name the functions to prove" >&2; exit 2; fi
	@FCT='$(FCT)' proofs/prove.sh $(BUILD)

# Copy the per-function results of the last `make prove` into the tree.
prove-results:
	cp $(BUILD)/prove/results.json proofs/results.json

prove-mutants:
	@proofs/mutants.sh $(BUILD)

check-prove-fct:
	@sh tests/prove/check-prove-fct.sh $(BUILD)

check-prove:
	@if proofs/prove.sh $(BUILD) $(PROVE_PARTS); then echo "1 passed, 0 failed"; \
	else echo "0 passed, 1 failed"; exit 1; fi

# Debian packages: installs what is missing (as root) or prints the apt-get
# line. `make check` and `make demo` start here so two commands do all set-up.
deps:
	@tools/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all
	@sh tests/run-suites.sh $(CHECK_SUITES)

clean:
	rm -rf $(BUILD)
