# Fuzzing: reference model (ref/), harnesses (fuzz/), corpora (corpus/).
# docs/fuzzing.md explains every target.
#
# Every fuzz/fuzz_NAME.c is a libFuzzer-style harness (LLVMFuzzerTestOneInput)
# and is built generically, four ways, into build/fuzz/:
#   replay/NAME     fuzz/driver.c main, -fsanitize=address,undefined, $(CC):
#                   replays files (check-fuzz-corpus, reproducing crashes)
#   libfuzzer/NAME  clang -fsanitize=fuzzer,address,undefined
#   afl/NAME        afl-clang-fast -fsanitize=fuzzer, ASan+UBSan (AFL_USE_*)
#   cov/NAME        clang source-based coverage, fuzz/driver.c main
# Seeds are corpus/NAME/, the dictionary fuzz/NAME.dict if present. Each
# harness links the core library sources, the reference model and, if its
# own mk fragment sets it, $(FUZZ_SRCS_NAME) (extra sources, e.g. tools/*.c
# without main).

FUZZ_HARNESSES := $(sort $(basename $(notdir $(wildcard fuzz/fuzz_*.c))))
FUZZ_COMMON_SRCS = $(LIB_SRCS) ref/tcpfsm_ref.c
FUZZ_INC  = $(CPPFLAGS_TCPFSM) -Iref -Ifuzz -Itools
FUZZ_DIR := $(BUILD)/fuzz

FUZZ_CLANG   ?= clang
# The AFL++ compiler driver. Not called AFL_CC: that is AFL++'s own variable
# (the real compiler behind afl-cc), and make puts command-line variables in
# the recipes' environment, so `make AFL_CC=afl-clang-lto` made afl-cc run
# itself ("failed to execute 'afl-clang-lto'").
FUZZ_AFL_COMPILER ?= afl-clang-fast
ifeq ($(origin AFL_CC),command line)
$(error AFL_CC is AFL++'s own variable (the real compiler behind afl-cc): \
  use FUZZ_AFL_COMPILER=$(AFL_CC) to pick the AFL++ compiler)
endif
LLVM_PROFDATA ?= llvm-profdata-14
LLVM_COV     ?= llvm-cov-14
# Seconds per harness per engine for `make fuzz`, total for `make fuzz-long`.
FUZZ_TIME      ?= 60
FUZZ_LONG_TIME ?= 3600
FUZZ_JOBS      ?= $(shell nproc 2>/dev/null || echo 1)
FUZZ_MAX_LEN   ?= 256

FUZZ_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OPT   := -O1 -g
# afl-fuzz binds itself to a free core: left to float (AFL_NO_AFFINITY=1), the
# persistent-mode target and afl-fuzz hand every input across cores and
# fuzz_diff ran at half the speed (docs/fuzzing.md). FUZZ_AFL_NO_AFFINITY=1
# for a machine whose cores are all taken by other bound processes.
FUZZ_AFL_NO_AFFINITY ?=
# Never set AFL_SKIP_BIN_CHECK, not even to 0: afl-fuzz 4.04c tests whether
# it is set, not its value, and then skips the check that finds the
# persistent-mode signature, so every input costs a fork (fuzz_diff: about
# 1,000 exec/s instead of 15,500; make fuzz ran that way until 2026-11-22).
AFL_ENV    := AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 $(if $(FUZZ_AFL_NO_AFFINITY),AFL_NO_AFFINITY=1) \
              AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# libFuzzer's comparison tracing (trace-cmp) is left out of the state
# machines (core, chart, reference model): fuzz_diff derives SEG.SEQ/SEG.ACK
# from the TCB through selectors, so the operands the core compares never
# appear in the input and the hints found nothing new, while the hooks took
# two thirds of the time (tcb_check and config_check compare every field on
# every call). Measured, fuzz_diff steady state: 7,200 -> 20,700 exec/s, same
# coverage; every fuzz-mutants fault still found (docs/fuzzing.md). Parsers
# (wire decoder, script reader) and the harnesses keep it: there the compared
# values do come from the input.
FUZZ_NO_CMP_SRCS := src/tcpfsm.c gen/tcp_machine.c ref/tcpfsm_ref.c
FUZZ_NO_CMP_CF   := -fno-sanitize-coverage=trace-cmp

CHECK_SUITES += check-fuzz-corpus check-mutants-plant
.PHONY: check-mutants-plant fuzz-build check-fuzz-corpus fuzz fuzz-long coverage fuzz-mutants fuzz-seeds \
        fuzz-libfuzzer fuzz-afl

.SECONDEXPANSION:

# ---- builds ----------------------------------------------------------------
# Objects per flavour in build/fuzz/obj-FLAVOUR/, binaries in
# build/fuzz/FLAVOUR/NAME. Our own files (fuzz/, ref/) build with $(WARN);
# the core's files build with -w: the main build already holds them to
# $(WARN), and a warning in code this fragment does not own must not break
# (or drown) the fuzz builds.
FUZZ_WARN_CORE = -w
fuzz_objs = $(patsubst %.c,$(FUZZ_DIR)/obj-$(1)/%.o,$(2))

# $(1) flavour, $(2) compiler and its environment, $(3) compile flags,
# $(4) link flags, $(5) extra objects (the plain driver or nothing),
# $(6) extra compile flags for $(FUZZ_NO_CMP_SRCS)
define FUZZ_FLAVOUR
$(FUZZ_DIR)/obj-$(1)/%.o: %.c $$(FUZZ_HDRS) mk/fuzz.mk
	@mkdir -p $$(dir $$@)
	$(2) $$(if $$(filter fuzz/% ref/%,$$<),$$(WARN),$$(FUZZ_WARN_CORE)) $$(FUZZ_INC) $(3) \
	  $$(if $$(filter $$(FUZZ_NO_CMP_SRCS),$$<),$(6)) -c $$< -o $$@

$(FUZZ_DIR)/$(1)/%: $(FUZZ_DIR)/obj-$(1)/fuzz/%.o $(5) \
    $$(call fuzz_objs,$(1),$$(FUZZ_COMMON_SRCS)) $$$$(call fuzz_objs,$(1),$$$$(FUZZ_SRCS_$$$$*))
	@mkdir -p $$(dir $$@)
	$(2) $(3) $(4) -o $$@ $$^
endef

.PRECIOUS: $(FUZZ_DIR)/obj-replay/%.o $(FUZZ_DIR)/obj-libfuzzer/%.o \
          $(FUZZ_DIR)/obj-afl/%.o $(FUZZ_DIR)/obj-cov/%.o

FUZZ_HDRS = $(wildcard src/*.h) $(wildcard ref/*.h) $(wildcard fuzz/*.h) $(GEN_FILES) \
            $(wildcard proofs/*.acsl)
FUZZ_SAN_CF := -O1 -g $(FUZZ_SAN)
$(eval $(call FUZZ_FLAVOUR,replay,$(CC),$(FUZZ_SAN_CF),,$(FUZZ_DIR)/obj-replay/fuzz/driver.o))
FUZZ_LF_CF := -O2 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_LF_LD := -fsanitize=fuzzer,address,undefined
FUZZ_AFL_CC := AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 $(FUZZ_AFL_COMPILER)
$(eval $(call FUZZ_FLAVOUR,libfuzzer,$(FUZZ_CLANG),$(FUZZ_LF_CF),$(FUZZ_LF_LD),,$(FUZZ_NO_CMP_CF)))
$(eval $(call FUZZ_FLAVOUR,afl,$(FUZZ_AFL_CC),-O2 -g,-fsanitize=fuzzer,))
$(eval $(call FUZZ_FLAVOUR,cov,$(FUZZ_CLANG),-O0 -g -fprofile-instr-generate -fcoverage-mapping,,\
  $(FUZZ_DIR)/obj-cov/fuzz/driver.o))

$(FUZZ_DIR)/mkseeds: fuzz/mkseeds.c fuzz/diff_input.h src/tcpfsm.h
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(FUZZ_INC) -O1 -g -o $@ fuzz/mkseeds.c

fuzz-build: $(addprefix $(FUZZ_DIR)/replay/,$(FUZZ_HARNESSES)) \
            $(addprefix $(FUZZ_DIR)/libfuzzer/,$(FUZZ_HARNESSES)) \
            $(addprefix $(FUZZ_DIR)/afl/,$(FUZZ_HARNESSES))

# Regenerate corpus/fuzz_diff/gen-* from fuzz/mkseeds.c (committed output).
fuzz-seeds: $(FUZZ_DIR)/mkseeds
	rm -f corpus/fuzz_diff/gen-*
	$(FUZZ_DIR)/mkseeds corpus/fuzz_diff

# ---- make check: replay every corpus file of every harness ------------------
check-fuzz-corpus: $(addprefix $(FUZZ_DIR)/replay/,$(FUZZ_HARNESSES))
	@p=0; f=0; \
	for h in $(FUZZ_HARNESSES); do \
	  if [ ! -d corpus/$$h ] || [ -z "$$(ls -A corpus/$$h 2>/dev/null)" ]; then \
	    echo "$$h: no corpus/$$h/, nothing to replay"; continue; fi; \
	  out=$$($(FUZZ_DIR)/replay/$$h -q corpus/$$h 2>$(FUZZ_DIR)/replay/$$h.stderr); rc=$$?; \
	  echo "$$out" | grep -v 'passed, .* failed' ; \
	  line=$$(echo "$$out" | tail -n 1); \
	  hp=$$(echo "$$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$$/\1/p'); \
	  hf=$$(echo "$$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$$/\2/p'); \
	  if [ -z "$$hp" ]; then hp=0; hf=1; fi; \
	  if [ $$rc -ne 0 ] && [ "$$hf" -eq 0 ]; then hf=1; fi; \
	  echo "$$h: replayed corpus/$$h: $$hp ok, $$hf failing"; \
	  if [ "$$hf" -ne 0 ]; then echo "  (details: $(FUZZ_DIR)/replay/$$h.stderr;" \
	    "rerun: TCPFSM_FUZZ_TRACE=1 $(FUZZ_DIR)/replay/$$h --no-fork FILE)"; \
	    tail -n 40 $(FUZZ_DIR)/replay/$$h.stderr; fi; \
	  p=$$((p + hp)); f=$$((f + hf)); \
	done; \
	echo "$$p passed, $$f failed"; [ $$f -eq 0 ]

# ---- campaigns -----------------------------------------------------------------
# libFuzzer, FUZZ_TIME seconds per harness; new inputs go to build/, never
# into corpus/ (promote them by hand: docs/fuzzing.md).
# FUZZ_FLAGS: more libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" to go on
# past a divergence that is already known.
FUZZ_FLAGS ?=
fuzz-libfuzzer: $(addprefix $(FUZZ_DIR)/libfuzzer/,$(FUZZ_HARNESSES))
	@bad=; for h in $(FUZZ_HARNESSES); do \
	  mkdir -p $(FUZZ_DIR)/work/$$h $(FUZZ_DIR)/artifacts/$$h; \
	  dict=; [ -f fuzz/$$h.dict ] && dict=-dict=fuzz/$$h.dict; \
	  seeds=; [ -d corpus/$$h ] && seeds=corpus/$$h; \
	  echo "== libFuzzer $$h, $(FUZZ_TIME) s"; \
	  if ! $(FUZZ_DIR)/libfuzzer/$$h -max_total_time=$(FUZZ_TIME) -max_len=$(FUZZ_MAX_LEN) \
	      -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts/$$h/ $$dict $(FUZZ_FLAGS) \
	      $(FUZZ_DIR)/work/$$h $$seeds >$(FUZZ_DIR)/libfuzzer-$$h.log 2>&1; then \
	    grep -m 1 -B 2 -A 40 -E 'replaying|ERROR|DIVERGENCE' $(FUZZ_DIR)/libfuzzer-$$h.log | head -n 60; \
	    echo "libFuzzer $$h: CRASH or DIVERGENCE, input in $(FUZZ_DIR)/artifacts/$$h/"; \
	    bad="$$bad libfuzzer:$$h"; fi; \
	  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
	    $(FUZZ_DIR)/libfuzzer-$$h.log | sed "s/^/  $$h /"; \
	  grep -E 'cov: [0-9]+' $(FUZZ_DIR)/libfuzzer-$$h.log | tail -n 1 | sed "s/^/  $$h /"; \
	done; \
	if [ -n "$$bad" ]; then echo "fuzz-libfuzzer: failed:$$bad"; exit 1; fi

fuzz-afl: $(addprefix $(FUZZ_DIR)/afl/,$(FUZZ_HARNESSES))
	@bad=; for h in $(FUZZ_HARNESSES); do \
	  [ -d corpus/$$h ] && [ -n "$$(ls -A corpus/$$h)" ] || \
	    { echo "afl $$h: no seeds in corpus/$$h, skipped"; continue; }; \
	  dict=; [ -f fuzz/$$h.dict ] && dict="-x fuzz/$$h.dict"; \
	  rm -rf $(FUZZ_DIR)/afl-out/$$h; mkdir -p $(FUZZ_DIR)/afl-out; \
	  echo "== AFL++ $$h, $(FUZZ_TIME) s"; \
	  $(AFL_ENV) afl-fuzz -i corpus/$$h -o $(FUZZ_DIR)/afl-out/$$h -m none -V $(FUZZ_TIME) \
	    -G $(FUZZ_MAX_LEN) $$dict -- $(FUZZ_DIR)/afl/$$h >$(FUZZ_DIR)/afl-$$h.log 2>&1 || \
	    { tail -n 30 $(FUZZ_DIR)/afl-$$h.log; echo "afl $$h: afl-fuzz failed"; bad="$$bad afl:$$h"; \
	      continue; }; \
	  st=$(FUZZ_DIR)/afl-out/$$h/default/fuzzer_stats; \
	  grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)' $$st \
	    | sed "s/^/  $$h /"; \
	  grep -aq 'Persistent mode binary detected' $(FUZZ_DIR)/afl-$$h.log || \
	    { echo "afl $$h: afl-fuzz did not run the harness in persistent mode (a fork per input," \
	           "about 15 times slower): is AFL_SKIP_BIN_CHECK set in the environment?"; \
	      bad="$$bad afl:$$h"; }; \
	  n=$$(ls $(FUZZ_DIR)/afl-out/$$h/default/crashes 2>/dev/null | grep -vc README || true); \
	  if [ "$$n" -ne 0 ]; then \
	    echo "afl $$h: $$n CRASH/DIVERGENCE inputs in $(FUZZ_DIR)/afl-out/$$h/default/crashes/"; \
	    bad="$$bad afl:$$h"; fi; \
	done; \
	if [ -n "$$bad" ]; then echo "fuzz-afl: failed:$$bad"; exit 1; fi

fuzz:
	@rc=0; $(MAKE) --no-print-directory fuzz-libfuzzer || rc=1; \
	 $(MAKE) --no-print-directory fuzz-afl || rc=1; \
	 if [ $$rc -eq 0 ]; then echo "fuzz: no crash, no divergence"; \
	 else echo "fuzz: FAILED (crash or divergence above)"; fi; exit $$rc

# AFL++ on every core: one -M main and FUZZ_JOBS-1 -S secondaries per harness,
# for FUZZ_LONG_TIME seconds. Output (resumable) in build/fuzz/afl-long/.
# A campaign on an existing output directory resumes it (-i -), and AFL++'s
# fuzzer_stats count on from the first campaign: the executions and exec/s
# printed are this campaign's (execs_done after minus before).
fuzz-long: $(addprefix $(FUZZ_DIR)/afl/,$(FUZZ_HARNESSES))
	@bad=; for h in $(FUZZ_HARNESSES); do \
	  [ -d corpus/$$h ] && [ -n "$$(ls -A corpus/$$h)" ] || continue; \
	  dict=; [ -f fuzz/$$h.dict ] && dict="-x fuzz/$$h.dict"; \
	  out=$(FUZZ_DIR)/afl-long/$$h; mkdir -p $$out; \
	  in=corpus/$$h; [ -d $$out/main ] && in=-; \
	  echo "== AFL++ $$h on $(FUZZ_JOBS) cores, $(FUZZ_LONG_TIME) s (output $$out)"; \
	  before=$$(grep -H '^execs_done' $$out/*/fuzzer_stats 2>/dev/null); start=$$(date +%s); \
	  pids=; \
	  for i in $$(seq 2 $(FUZZ_JOBS)); do \
	    $(AFL_ENV) afl-fuzz -i $$in -o $$out -m none -V $(FUZZ_LONG_TIME) -G $(FUZZ_MAX_LEN) \
	      $$dict -S s$$i -- $(FUZZ_DIR)/afl/$$h >$$out-s$$i.log 2>&1 & pids="$$pids $$!"; \
	  done; \
	  $(AFL_ENV) afl-fuzz -i $$in -o $$out -m none -V $(FUZZ_LONG_TIME) -G $(FUZZ_MAX_LEN) \
	    $$dict -M main -- $(FUZZ_DIR)/afl/$$h >$$out-main.log 2>&1 || true; \
	  for p in $$pids; do wait $$p || true; done; \
	  secs=$$(( $$(date +%s) - start )); [ $$secs -gt 0 ] || secs=1; \
	  for f in $$out/*/fuzzer_stats; do \
	    now=$$(sed -n 's/^execs_done *: *//p' $$f); \
	    was=$$(echo "$$before" | sed -n "s|^$$f:execs_done *: *||p"); was=$${was:-0}; \
	    echo "  $$h $$(basename $$(dirname $$f)): $$((now - was)) executions in this campaign," \
	      "$$(( (now - was) / secs )) exec/s over $$secs s$$([ $$was -gt 0 ] && echo "; $$now since the output directory was made")"; \
	  done; \
	  grep -aq 'Persistent mode binary detected' $$out-main.log || \
	    { echo "afl $$h: not in persistent mode (a fork per input): is AFL_SKIP_BIN_CHECK set?"; \
	      bad="$$bad $$h"; }; \
	  n=$$(ls $$out/*/crashes/ 2>/dev/null | grep -c '^id:' || true); \
	  if [ "$$n" -ne 0 ]; then echo "afl $$h: $$n crashes in $$out/*/crashes/"; bad="$$bad $$h"; fi; \
	done; \
	if [ -n "$$bad" ]; then echo "fuzz-long: FAILED:$$bad"; exit 1; fi; \
	echo "fuzz-long: no crash, no divergence"

# ---- coverage of src/ and gen/ reached by the corpus ----------------------------
coverage: $(addprefix $(FUZZ_DIR)/cov/,$(FUZZ_HARNESSES))
	@set -e; rm -rf $(BUILD)/coverage; mkdir -p $(BUILD)/coverage; objs=; \
	for h in $(FUZZ_HARNESSES); do \
	  [ -d corpus/$$h ] || continue; \
	  TCPFSM_FUZZ_CONTINUE=1 TCPFSM_FUZZ_TRACE=1 LLVM_PROFILE_FILE=$(BUILD)/coverage/$$h.profraw \
	    $(FUZZ_DIR)/cov/$$h -q --no-fork corpus/$$h >/dev/null 2>&1 || \
	    echo "coverage: $$h: some corpus file failed (coverage up to it only)"; \
	  objs="$$objs -object $(FUZZ_DIR)/cov/$$h"; \
	done; \
	$(LLVM_PROFDATA) merge -sparse -o $(BUILD)/coverage/all.profdata $(BUILD)/coverage/*.profraw; \
	first=$$(echo $$objs | sed 's/^-object //; s/ .*//'); rest=$$(echo $$objs | sed 's/^-object [^ ]*//'); \
	$(LLVM_COV) report $$first $$rest -instr-profile=$(BUILD)/coverage/all.profdata \
	  $(LIB_SRCS) | tee $(BUILD)/coverage/report.txt; \
	$(LLVM_COV) show $$first $$rest -instr-profile=$(BUILD)/coverage/all.profdata \
	  -format=html -output-dir=$(BUILD)/coverage/html $(LIB_SRCS); \
	$(LLVM_COV) show $$first $$rest -instr-profile=$(BUILD)/coverage/all.profdata \
	  -show-branches=count $(LIB_SRCS) > $(BUILD)/coverage/show.txt; \
	grep -nE '^ *[0-9]+\| *0\|' $(BUILD)/coverage/show.txt > $(BUILD)/coverage/unreached-lines.txt || true; \
	echo "coverage: report $(BUILD)/coverage/report.txt, html $(BUILD)/coverage/html/index.html,"; \
	echo "          lines never run: $(BUILD)/coverage/unreached-lines.txt ($$(wc -l < $(BUILD)/coverage/unreached-lines.txt))"

# ---- mutation check ----------------------------------------------------------------
# Plants one bug at a time in a COPY of the core (build/mutants/NAME/) and
# checks that the differential harness, seeded with corpus/fuzz_diff/, finds
# it within FUZZ_MUTANT_TIME seconds. The planted bugs are in
# fuzz/mutants.sh, one sed each.
FUZZ_MUTANT_TIME ?= 60
FUZZ_MUTANT_SEEDS ?= corpus
fuzz-mutants: $(FUZZ_DIR)/replay/fuzz_diff fuzz/fuzz_diff.c fuzz/mutants.sh
	@FUZZ_NO_CMP_CF="$(FUZZ_NO_CMP_CF)" sh fuzz/mutants.sh "$(BUILD)/mutants" "$(FUZZ_MUTANT_TIME)" "$(FUZZ_CLANG)" \
	  "$(FUZZ_DIR)/replay/fuzz_diff" "$(FUZZ_MUTANT_SEEDS)"

# make check: every planted fault of fuzz-mutants and prove-mutants still
# plants (its sed changes exactly one line, the chart still generates), so a
# change to the core cannot quietly turn a mutant into a no-op. Seconds; the
# fuzzing and WP runs themselves are make fuzz-mutants / make prove-mutants.
check-mutants-plant:
	@rc=0; MUTANTS_PLANT_ONLY=1 sh fuzz/mutants.sh "$(BUILD)/mutants-plant" 1 true true \
	  > $(BUILD)/mutants-plant-fuzz.log 2>&1 || rc=1; \
	MUTANTS_PLANT_ONLY=1 sh proofs/mutants.sh "$(BUILD)/mutants-plant-proof" \
	  > $(BUILD)/mutants-plant-proof.log 2>&1 || rc=1; \
	grep -E '^mutant |^(PASS|FAIL) ' $(BUILD)/mutants-plant-fuzz.log $(BUILD)/mutants-plant-proof.log \
	  | sed 's|^$(BUILD)/mutants-plant-||'; \
	fp=$$(tail -n 1 $(BUILD)/mutants-plant-fuzz.log | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$$/\1 \2/p'); \
	pp=$$(tail -n 1 $(BUILD)/mutants-plant-proof.log | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$$/\1 \2/p'); \
	set -- $${fp:-0 1} $${pp:-0 1}; \
	rm -rf "$(BUILD)/mutants-plant" "$(BUILD)/mutants-plant-proof"; \
	echo "$$(($$1 + $$3)) passed, $$(($$2 + $$4)) failed"; [ $$rc -eq 0 ] && [ $$(($$2 + $$4)) -eq 0 ]

# The sources a harness links besides itself (fuzz/oss-fuzz/build.sh asks).
fuzz-srcs-%:
	@echo $(FUZZ_COMMON_SRCS) $(FUZZ_SRCS_$*)
# The sources built without libFuzzer's comparison tracing (build.sh asks).
fuzz-no-cmp-srcs:
	@echo $(FUZZ_NO_CMP_SRCS)
