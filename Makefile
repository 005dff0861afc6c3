# Makefile -- builds libdyad, the dyad command, tests, benchmarks and fuzzers.
#   make            build/dyad (release, -O2)
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

LIB_SRC  = $(wildcard src/*.c src/util/*.c src/tok/*.c src/dict/*.c src/code/*.c src/out/*.c src/input/*.c)
CLI_SRC  = $(wildcard src/cli/*.c)
DICT_SRC = $(sort $(wildcard dict/*.actors dict/*.agents dict/*.verbs dict/*.options)) data/cameo.tsv
GEN      = $(BUILD)/gen/builtin.c
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/builtin.o
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(patsubst tests/api/%.c,$(BUILD)/tests/%,$(filter-out tests/api/harness.c,$(wildcard tests/api/test_*.c)))

.PHONY: all demo test check asan valgrind bench fuzz clean
all: $(BUILD)/dyad

$(BUILD)/%.o: %.c $(wildcard include/*.h src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

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
	$(MAKE) BUILD=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test

valgrind: $(BUILD)/dyad $(TESTS) $(REPLAY)
	@BUILD=$(BUILD) VALGRIND=1 bash tests/run.sh $(TESTS)

bench: $(BUILD)/dyad
	python3 bench/run.py --dyad $(BUILD)/dyad

fuzz:
	$(MAKE) -C fuzz

clean:
	rm -rf build
