# Makefile -- builds libdyad, the dyad command, tests, benchmarks and fuzzers.
#   make            build/dyad (release, -O2, profile-guided with gcc: PGO below)
#   make demo       code the example news file with the built-in dictionaries
#   make test       unit tests (cmocka), spec tests, CLI tests
#   make asan       the same tests under AddressSanitizer + UBSan (build/asan/)
#   make valgrind   the unit and spec tests under valgrind
#   make bench      benchmarks (see bench/README.md); never part of the tests
#   make fuzz       libFuzzer harnesses (clang)
CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
PKGS     = jansson libutf8proc expat
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CFLAGS  += -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) -fvisibility=hidden \
           $(shell pkg-config --cflags $(PKGS))
LDLIBS  += $(shell pkg-config --libs $(PKGS)) -lpthread -lm
TEST_LIBS = $(shell pkg-config --libs cmocka)

# Profile-guided optimisation (gcc only; PGO=0 turns it off): an instrumented
# build in $(BUILD)/pgo codes the project's own sentences (tools/pgo-train.sh)
# and the release objects are compiled with that profile: branch layout and
# inlining follow the per-sentence path, about 10% faster on the benchmark
# corpus (bench/README.md). The profile is remade whenever a source changes, so
# it always matches the code. Output is the same with and without it.
PGO ?= $(shell $(CC) -v 2>&1 | grep -q '^gcc version' && echo 1 || echo 0)
ifeq ($(PGO),1)
PGO_DIR    = $(BUILD)/pgo
PGO_STAMP  = $(PGO_DIR)/trained
PGO_CFLAGS = -fprofile-use -fprofile-partial-training -Wno-missing-profile
endif

LIB_SRC  = $(wildcard src/*.c src/util/*.c src/tok/*.c src/dict/*.c src/code/*.c src/out/*.c src/input/*.c)
CLI_SRC  = $(wildcard src/cli/*.c)
DICT_SRC = $(sort $(wildcard dict/*.actors dict/*.agents dict/*.verbs dict/*.options)) data/cameo.tsv
GEN      = $(BUILD)/gen/builtin.c
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/builtin.o
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(patsubst tests/api/%.c,$(BUILD)/tests/%,$(filter-out tests/api/harness.c,$(wildcard tests/api/test_*.c)))

.PHONY: all demo test check asan valgrind bench fuzz clean
all: $(BUILD)/dyad

$(BUILD)/%.o: %.c $(wildcard include/*.h src/*.h src/*/*.h) $(PGO_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PGO_CFLAGS) $(if $(PGO_AUX),-dumpdir $(PGO_AUX)/$(dir $*) -dumpbase $(notdir $*)) -c $< -o $@

ifeq ($(PGO),1)
# The instrumented build. Its objects take the release objects' auxiliary
# names (PGO_AUX): gcc names a static function's profile after them, and the
# training run writes each profile (.gcda) beside the release object it is for.
$(PGO_STAMP): $(LIB_SRC) $(CLI_SRC) $(wildcard include/*.h src/*.h src/*/*.h) $(DICT_SRC) \
              tools/pgo-train.sh examples/wire.jsonl examples/news.jsonl tests/data/input/nonevents.txt tests/spec/coding.txt \
              $(wildcard tests/data/spec/*)
	$(MAKE) BUILD=$(PGO_DIR) PGO=0 PGO_AUX=$(BUILD) OPT="$(OPT) -fprofile-generate" \
	  LDFLAGS="$(LDFLAGS) -fprofile-generate" $(PGO_DIR)/dyad
	find $(BUILD) -name '*.gcda' -delete
	bash tools/pgo-train.sh $(PGO_DIR)/dyad
	touch $@
endif

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror $< -o $@

$(GEN): $(BUILD)/tools/embed $(DICT_SRC)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ $(DICT_SRC)

$(BUILD)/gen/builtin.o: $(GEN)
	$(CC) $(CFLAGS) -Isrc/dict -Wno-overlength-strings -c $< -o $@

$(BUILD)/libdyad.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/%: tests/api/%.c tests/api/harness.h $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) $< $(BUILD)/libdyad.a $(LDLIBS) $(TEST_LIBS) -o $@

$(BUILD)/fuzz-replay-%: fuzz/fuzz_%.c fuzz/replay.c $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) fuzz/fuzz_$*.c fuzz/replay.c $(BUILD)/libdyad.a $(LDLIBS) -o $@

demo: $(BUILD)/dyad
	$(BUILD)/dyad code examples/news.jsonl

REPLAY = $(BUILD)/fuzz-replay-code $(BUILD)/fuzz-replay-dict

test check: $(BUILD)/dyad $(TESTS) $(REPLAY)
	@BUILD=$(BUILD) bash tests/run.sh $(TESTS)

asan:
	$(MAKE) BUILD=build/asan PGO=0 OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test

valgrind: $(BUILD)/dyad $(TESTS) $(REPLAY)
	@BUILD=$(BUILD) VALGRIND=1 bash tests/run.sh $(TESTS)

bench: $(BUILD)/dyad
	python3 bench/run.py --dyad $(BUILD)/dyad

fuzz:
	$(MAKE) -C fuzz

clean:
	rm -rf build
