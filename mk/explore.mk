# mk/explore.mk: two endpoints, all interleavings; the demo; the state diagram (issue 6).
#   make demo            the story on the real core, as a two-column diagram; SVG in build/demo.svg
#   make diagram         docs/tcp-states.svg drawn from spec/tcp.rl (ragel -V, Graphviz)
#   build/tcpfsm explore [--growth] [bounds...]   see docs/explore.md
#   make check-explore check-demo check-diagram   (part of make check)
#
# Sources: tools/cmd_explore.c, tools/explore_step.c, tools/explore_trace.c and
# tools/cmd_demo.c are already in TOOL_SRCS through the top Makefile's
# $(wildcard tools/*.c); adding them again would link them twice.

CHECK_SUITES += check-explore check-demo check-diagram

.PHONY: diagram check-explore check-demo check-diagram

demo: deps
	@$(MAKE) --no-print-directory all
	$(TOOL) demo --svg $(BUILD)/demo.svg

diagram:
	@mkdir -p $(BUILD)
	sh docs/tcp-states.sh docs/tcp-states.svg $(BUILD)/tcp-states.dot

check-explore: all
	@sh tests/explore/check-explore.sh $(TOOL)

check-demo: all
	@sh tests/explore/check-demo.sh $(TOOL)

# The committed drawing must be what spec/tcp.rl draws today.
check-diagram:
	@mkdir -p $(BUILD)/diagram-check
	@sh docs/tcp-states.sh $(BUILD)/diagram-check/tcp-states.svg $(BUILD)/diagram-check/tcp-states.dot
	@if cmp -s docs/tcp-states.svg $(BUILD)/diagram-check/tcp-states.svg; then \
	  echo "diagram: docs/tcp-states.svg matches spec/tcp.rl"; echo "1 passed, 0 failed"; \
	else diff docs/tcp-states.svg $(BUILD)/diagram-check/tcp-states.svg | head -20; \
	  echo "diagram: docs/tcp-states.svg differs from what spec/tcp.rl draws: run make diagram"; \
	  echo "0 passed, 1 failed"; exit 1; fi
