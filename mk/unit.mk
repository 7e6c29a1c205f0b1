# API-level unit tests of the core (tests/unit/): build/test_unit.
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJS  = $(patsubst %.c,$(BUILD)/obj/%.o,$(UNIT_SRCS))
UNIT_BIN  := $(BUILD)/test_unit

CHECK_SUITES += check-unit
.PHONY: check-unit

$(BUILD)/obj/tests/unit/%.o: tests/unit/%.c tests/unit/unit.h $(wildcard src/*.h) $(GEN_FILES)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS_TCPFSM) -Itests/unit $(CFLAGS) -c $< -o $@

$(UNIT_BIN): $(UNIT_OBJS) $(LIB)
	$(CC) $(CFLAGS) -o $@ $(UNIT_OBJS) $(LIB)

check-unit: $(UNIT_BIN)
	@$(UNIT_BIN)
