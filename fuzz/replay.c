/*
 * replay.c -- runs a fuzz harness over files given on the command line,
 * without libFuzzer, so crashers kept in fuzz/corpus/ are replayed by the
 * normal test run (under ASan in `make asan`).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
    int n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { perror(argv[i]); return 1; }
        static uint8_t buf[1 << 20];
        size_t k = fread(buf, 1, sizeof buf, f);
        fclose(f);
        LLVMFuzzerTestOneInput(buf, k);
        n++;
    }
    printf("replayed %d inputs\n", n);
    return 0;
}
