# tstcc - compile Tstconfig definitions into self-contained checkers.
#
#   make            build build/tstcc, the runtime, and the ./tstcc link
#   make demo       install what building needs, then build and run an example checker
#   make check      install what testing needs, then run every test, plain and
#                   under -fsanitize=address,undefined
#   make install    PREFIX=/usr/local, DESTDIR honoured
#
# Build outputs live in $(B) (default build/); a second tree, build/asan,
# holds the sanitizer build that `make check` also runs.

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
MANDIR = $(PREFIX)/share/man

CC = cc
CFLAGS = -O2 -g
LDFLAGS =
RE2C = re2c
BISON = bison
PKG_CONFIG = pkg-config

B = build
WARNINGS = -Wall -Wextra -Wshadow -Wmissing-prototypes -Wpedantic
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARNINGS) $(CFLAGS)
SANITIZE = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# The runtime is built for size: every checker carries it (tstcc(1) says
# how small they are), and its hot loops lose ~4% of their instructions to
# -Os.  Function sections let the link drop what a checker does not call.
RUNTIME_OPT = -Os -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections

RUNTIME_SRC = \
	runtime/alloc.c \
	runtime/assert.c \
	runtime/blocks.c \
	runtime/bloom.c \
	runtime/capture.c \
	runtime/checks.c \
	runtime/clock.c \
	runtime/command.c \
	runtime/compare.c \
	runtime/escape.c \
	runtime/file.c \
	runtime/files.c \
	runtime/format_html.c \
	runtime/format_json.c \
	runtime/format_prometheus.c \
	runtime/format_junit.c \
	runtime/format_tap.c \
	runtime/format_text.c \
	runtime/json.c \
	runtime/launcher.c \
	runtime/lines.c \
	runtime/lookup.c \
	runtime/main.c \
	runtime/match.c \
	runtime/pass.c \
	runtime/prefilter.c \
	runtime/provenance.c \
	runtime/replay.c \
	runtime/report.c \
	runtime/report_file.c \
	runtime/row.c \
	runtime/run.c \
	runtime/sandbox.c \
	runtime/sha256.c \
	runtime/signals.c \
	runtime/skim.c \
	runtime/tokenize.c \
	runtime/utf8.c \
	runtime/value.c \
	runtime/wildcard.c

COMPILER_SRC = \
	compiler/arena.c \
	compiler/args.c \
	compiler/blooms.c \
	compiler/diag.c \
	compiler/driver.c \
	compiler/emit.c \
	compiler/meta.c \
	compiler/parts.c \
	compiler/pattern.c \
	compiler/run.c \
	compiler/sema.c \
	compiler/settings.c \
	compiler/snapshot.c \
	compiler/snapshot_write.c \
	compiler/vars.c \
	compiler/warn.c

UNIT_TESTS = \
	test_assert \
	test_blocks \
	test_checks \
	test_command \
	test_compare \
	test_escape \
	test_files \
	test_lines \
	test_lookup \
	test_pattern \
	test_prefilter \
	test_row \
	test_sema \
	test_settings \
	test_skim \
	test_sha256 \
	test_tokenize \
	test_vars

RUNTIME_OBJ = $(RUNTIME_SRC:%.c=$(B)/%.o)
# Runtime files the compiler's front end uses (the fuzzer builds it without the rest).
SHARED_SRC = runtime/alloc.c runtime/bloom.c runtime/compare.c runtime/file.c runtime/json.c runtime/sha256.c \
	runtime/tokenize.c runtime/utf8.c

# tstcc links the whole runtime (libtstrt.a), for `tstcc --run`; libtstcc.a
# holds only the compiler's own objects, so no symbol is in both.
COMPILER_OBJ = $(COMPILER_SRC:%.c=$(B)/%.o) $(B)/gen/lex.o $(B)/gen/parse.o
UNIT_BIN = $(UNIT_TESTS:%=$(B)/tests/%)

# With musl-gcc installed, a second runtime is built with it for small static checkers.
MUSL_CC = musl-gcc
MUSL = $(shell command -v $(MUSL_CC) 2>/dev/null)
MUSL_RUNTIME = $(if $(MUSL),$(B)/musl/libtstrt.a)

# ./tstcc is a link to the default build, never to the sanitizer one.
all: $(B)/tstcc $(B)/libtstrt.a $(B)/include/tst.h $(MUSL_RUNTIME) $(if $(filter build,$(B)),tstcc)

tstcc: build/tstcc
	ln -sf build/tstcc $@

$(B)/tstcc: $(B)/compiler/main.o $(B)/libtstcc.a $(B)/libtstrt.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(B)/compiler/main.o $(B)/libtstcc.a $(B)/libtstrt.a

$(B)/libtstcc.a: $(COMPILER_OBJ)
	rm -f $@
	$(AR) rcs $@ $(COMPILER_OBJ)

$(B)/libtstrt.a: $(RUNTIME_OBJ)
	rm -f $@
	$(AR) rcs $@ $(RUNTIME_OBJ)

$(B)/musl/libtstrt.a: $(RUNTIME_SRC:%.c=$(B)/musl/%.o)
	rm -f $@
	$(AR) rcs $@ $(RUNTIME_SRC:%.c=$(B)/musl/%.o)

$(B)/musl/runtime/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(MUSL_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(WARNINGS) -Os -fno-asynchronous-unwind-tables \
		-ffunction-sections -fdata-sections -Iinclude -MMD -MP -c -o $@ $<

# The skimmer is the loop every line of a big source goes through: it is built for speed.
$(B)/runtime/skim.o: RUNTIME_OPT += -O2

$(B)/include/tst.h: include/tst.h
	@mkdir -p $(@D)
	cp include/tst.h $@

$(B)/runtime/%.o: runtime/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(RUNTIME_OPT) -Iinclude -MMD -MP -c -o $@ $<

$(B)/compiler/%.o: compiler/%.c $(B)/gen/parse.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iinclude -Iruntime -Icompiler -I$(B)/gen \
		-DTSTCC_LIBDIR='"$(LIBDIR)/tstcc"' -DTSTCC_INCLUDEDIR='"$(INCLUDEDIR)/tstcc"' \
		-MMD -MP -c -o $@ $<

# The options tstcc links small checkers with, as far as $(CC) takes them.
$(B)/gen/checker_link.h: compiler/probe-link.sh
	@mkdir -p $(@D)
	sh compiler/probe-link.sh "$(CC)" >$@

$(B)/compiler/driver.o: $(B)/gen/checker_link.h

$(B)/gen/%.o: $(B)/gen/%.c $(B)/gen/parse.h
	$(CC) $(ALL_CFLAGS) -Iinclude -Iruntime -Icompiler -I$(B)/gen -MMD -MP -c -o $@ $<

$(B)/gen/lex.c: compiler/lex.re
	@mkdir -p $(@D)
	$(RE2C) -W --no-generation-date --no-version -o $@ compiler/lex.re

# One rule makes both bison outputs; parse.h is the one others wait for.
$(B)/gen/parse.h: compiler/parse.y
	@mkdir -p $(@D)
	$(BISON) -Wall -Werror -o $(B)/gen/parse.c --header=$@ compiler/parse.y

$(B)/gen/parse.c: $(B)/gen/parse.h

# Tests

CMOCKA_CFLAGS = `$(PKG_CONFIG) --cflags cmocka`
CMOCKA_LIBS = `$(PKG_CONFIG) --libs cmocka`

$(B)/tests/%: tests/unit/%.c tests/unit/fields.h tests/unit/definition.h tests/unit/paths.h $(B)/libtstcc.a $(B)/libtstrt.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Iinclude -Iruntime -Icompiler -I$(B)/gen $(CMOCKA_CFLAGS) $(LDFLAGS) \
		-o $@ $< $(B)/libtstcc.a $(B)/libtstrt.a $(CMOCKA_LIBS)

# Runs the suite against the build in $(B); CHECKER_FLAGS go to the checkers' $CC.
# Each suite adds "PASSED FAILED SKIPPED" to $(B)/results for the total at the end.
test: all $(UNIT_BIN)
	@rm -f $(B)/results
	@for t in $(UNIT_BIN); do \
		./$$t >$(B)/unit.out 2>&1; status=$$?; cat $(B)/unit.out; \
		[ $$status -eq 0 ] || exit 1; \
		sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1 0 0/p' $(B)/unit.out >>$(B)/results; \
	done
	@RESULTS=$(B)/results sh tests/golden.sh $(B)/tstcc
	@RESULTS=$(B)/results sh tests/excerpts.sh $(B)/tstcc
	@RESULTS=$(B)/results CFLAGS="$(CHECKER_FLAGS)" LDFLAGS="$(CHECKER_FLAGS)" sh tests/e2e.sh $(B)/tstcc $(B)/e2e
	@RESULTS=$(B)/results CFLAGS="$(CHECKER_FLAGS)" LDFLAGS="$(CHECKER_FLAGS)" sh tests/cli.sh $(B)/tstcc
	@RESULTS=$(B)/results CFLAGS="$(CHECKER_FLAGS)" LDFLAGS="$(CHECKER_FLAGS)" sh tests/checker.sh $(B)/tstcc
	@RESULTS=$(B)/results CFLAGS="$(CHECKER_FLAGS)" LDFLAGS="$(CHECKER_FLAGS)" sh tests/reports.sh $(B)/tstcc
	@RESULTS=$(B)/results CFLAGS="$(CHECKER_FLAGS)" LDFLAGS="$(CHECKER_FLAGS)" sh tests/snapshot.sh $(B)/tstcc
	@RESULTS=$(B)/results CFLAGS="$(CHECKER_FLAGS)" LDFLAGS="$(CHECKER_FLAGS)" sh tests/faults.sh $(B)/tstcc
	@RESULTS=$(B)/results CFLAGS="$(CHECKER_FLAGS)" LDFLAGS="$(CHECKER_FLAGS)" sh tests/workflows.sh $(B)/tstcc
	@awk '{p += $$1; f += $$2; s += $$3} END {print "$(B): " p " passed, " f " failed, " s " skipped"}' $(B)/results

check: deps-test
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test B=build/asan CFLAGS="$(SANITIZE)" LDFLAGS="$(SANITIZE)" \
		CHECKER_FLAGS="$(SANITIZE)" RUNTIME_OPT=
	@RESULTS=build/results sh tests/fleet.sh build/tstcc
	@cat build/results build/asan/results | \
		awk '{p += $$1; f += $$2; s += $$3} END {print "check: " p " passed, " f " failed, " s " skipped"}'

demo: deps-build
	@$(MAKE) --no-print-directory all
	./tstcc examples/netstat.tstconfig -o $(B)/check_ports
	./$(B)/check_ports
	./tstcc examples/netstat-port25.tstconfig -o $(B)/check_ports_mail
	./$(B)/check_ports_mail || echo "(exit status $$?: the mail server's port 25 is open)"

# Fuzzing the front end with clang's libFuzzer for FUZZ_SECONDS (default 600),
# seeded with every definition in the tree.
FUZZ_SECONDS = 600
FUZZ_CC = clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SRC = $(filter-out compiler/run.c compiler/snapshot.c compiler/snapshot_write.c,$(COMPILER_SRC)) $(SHARED_SRC) tests/fuzz/fuzz_frontend.c

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory $(B)/gen/parse.h $(B)/gen/lex.c $(B)/gen/checker_link.h
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -Iinclude -Iruntime -Icompiler -I$(B)/gen \
		-o $(B)/fuzz_frontend $(FUZZ_SRC) $(B)/gen/lex.c $(B)/gen/parse.c
	rm -rf $(B)/fuzz-corpus && mkdir -p $(B)/fuzz-corpus
	cp tests/run/*.tstconfig tests/error/*.tstconfig tests/compile/*.tstconfig examples/*.tstconfig \
		$(B)/fuzz-corpus/ 2>/dev/null || true
	./$(B)/fuzz_frontend -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
		-print_final_stats=1 $(B)/fuzz-corpus

# The runtime's parsers (lines, rows, sections, lookups) under the same fuzzer.
fuzz-runtime: deps-fuzz
	@mkdir -p $(B)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -Iinclude -Iruntime \
		-o $(B)/fuzz_runtime tests/fuzz/fuzz_runtime.c $(RUNTIME_SRC)
	rm -rf $(B)/fuzz-runtime-corpus && mkdir -p $(B)/fuzz-runtime-corpus
	for f in tests/run/data/* examples/fixtures/*; do \
		[ -f "$$f" ] && { printf 'xxxxxxxx'; head -c 4000 "$$f"; } >$(B)/fuzz-runtime-corpus/$$(basename $$f); \
	done; true
	cp tests/fuzz/runtime/* $(B)/fuzz-runtime-corpus/
	./$(B)/fuzz_runtime -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
		-print_final_stats=1 $(B)/fuzz-runtime-corpus

# --replay's manifest parser: a damaged recording is an error, never a crash.
fuzz-replay: deps-fuzz
	@mkdir -p $(B)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(FUZZ_FLAGS) -Iinclude -Iruntime \
		-o $(B)/fuzz_replay tests/fuzz/fuzz_replay.c $(RUNTIME_SRC)
	rm -rf $(B)/fuzz-replay-corpus && mkdir -p $(B)/fuzz-replay-corpus
	cp tests/fuzz/replay/* $(B)/fuzz-replay-corpus/
	./$(B)/fuzz_replay -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
		-print_final_stats=1 $(B)/fuzz-replay-corpus

# Differential testing against the original Tstconfig 0.3 (README.md):
# ORIGINAL is a command that runs it, or a directory holding its built
# distribution (bin/tstconfig).  The project carries no way to build it.
DIFFTEST_CASES = 5000
DIFFTEST_SEED = 1
difftest:
	@if [ -z "$(ORIGINAL)" ]; then \
		echo "make difftest needs ORIGINAL, the original Tstconfig 0.3 to compare with:"; \
		echo "  make difftest ORIGINAL=/path/to/tstconfig-0.3/bin/tstconfig"; \
		echo "Get it from https://github.com/softwareloop/tstconfig (tag v0.3) and build it"; \
		echo "with its own build (mvn package); ORIGINAL may also be the unpacked"; \
		echo "distribution's directory, or any command that runs its Runner class."; \
		exit 2; \
	fi
	@sh tests/ensure-deps.sh difftest
	@$(MAKE) --no-print-directory all
	@orig='$(ORIGINAL)'; [ -d "$$orig" ] && orig="$$orig/bin/tstconfig"; \
	python3 tests/difftest/difftest.py --tstcc $(B)/tstcc --original "$$orig" \
		--cases $(DIFFTEST_CASES) --seed $(DIFFTEST_SEED)

# Benchmarks, side by side with their baselines; writes doc/performance.md.
bench: all
	sh bench/run.sh

# Installs the Debian packages a step needs, when they are missing.
deps-build:
	@sh tests/ensure-deps.sh build
deps-test:
	@sh tests/ensure-deps.sh test
deps-fuzz:
	@sh tests/ensure-deps.sh fuzz

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/tstcc $(DESTDIR)$(INCLUDEDIR)/tstcc \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	cp $(B)/tstcc $(DESTDIR)$(BINDIR)/tstcc
	cp $(B)/libtstrt.a $(DESTDIR)$(LIBDIR)/tstcc/libtstrt.a
	if [ -f $(B)/musl/libtstrt.a ]; then mkdir -p $(DESTDIR)$(LIBDIR)/tstcc/musl && \
		cp $(B)/musl/libtstrt.a $(DESTDIR)$(LIBDIR)/tstcc/musl/libtstrt.a; fi
	cp include/tst.h $(DESTDIR)$(INCLUDEDIR)/tstcc/tst.h
	cp doc/tstcc.1 $(DESTDIR)$(MANDIR)/man1/tstcc.1
	cp doc/tstconfig.5 $(DESTDIR)$(MANDIR)/man5/tstconfig.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tstcc $(DESTDIR)$(LIBDIR)/tstcc/libtstrt.a $(DESTDIR)$(LIBDIR)/tstcc/musl/libtstrt.a \
		$(DESTDIR)$(INCLUDEDIR)/tstcc/tst.h $(DESTDIR)$(MANDIR)/man1/tstcc.1 \
		$(DESTDIR)$(MANDIR)/man5/tstconfig.5
	-rmdir $(DESTDIR)$(LIBDIR)/tstcc/musl $(DESTDIR)$(LIBDIR)/tstcc $(DESTDIR)$(INCLUDEDIR)/tstcc

clean:
	rm -rf $(B) build tstcc

.PHONY: all test check demo bench difftest fuzz fuzz-runtime fuzz-replay deps-build deps-test deps-fuzz install uninstall clean

-include $(RUNTIME_OBJ:.o=.d) $(COMPILER_OBJ:.o=.d) $(B)/compiler/main.d $(RUNTIME_SRC:%.c=$(B)/musl/%.d)
