/*
 * replay.c — runs a fuzz target without libFuzzer, so that the test suite exercises every
 * target under the sanitizers: first each file of the corpus directory given as argv[1],
 * then ZJ_FUZZ_RUNS (default 20000) inputs made by mutating the corpus with a fixed seed
 * (byte flips, inserts of bytes that matter to the parsers, truncation, splices).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

#define MAX_SEEDS 256
#undef MAX_INPUT /* <linux/limits.h> defines one under _GNU_SOURCE */
#define MAX_INPUT 65536

int main(int argc, char **argv)
{
    static unsigned char *seeds[MAX_SEEDS];
    static size_t seed_len[MAX_SEEDS];
    size_t nseeds = 0;
    if (argc > 1) {
        DIR *dir = opendir(argv[1]);
        struct dirent *e;
        while (dir && (e = readdir(dir)) && nseeds < MAX_SEEDS) {
            if (e->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
            FILE *f = fopen(path, "rb");
            if (!f)
                continue;
            unsigned char *buf = malloc(MAX_INPUT);
            size_t n = fread(buf, 1, MAX_INPUT, f);
            fclose(f);
            LLVMFuzzerTestOneInput(buf, n);
            seeds[nseeds] = buf;
            seed_len[nseeds++] = n;
        }
        if (dir)
            closedir(dir);
    }
    if (nseeds == 0) {
        seeds[0] = calloc(1, MAX_INPUT);
        seed_len[nseeds++] = 0;
    }
    const char *env = getenv("ZJ_FUZZ_RUNS");
    long runs = env ? atol(env) : 20000;
    static const char interesting[] = ",\"\r\n\0;-:{}[]0123456789\xef\xbb\xbf\xff\xe4\xb8";
    unsigned char *buf = malloc(MAX_INPUT);
    for (long i = 0; i < runs; i++) {
        size_t k = next_rand() % nseeds;
        size_t n = seed_len[k];
        memcpy(buf, seeds[k], n);
        int edits = 1 + next_rand() % 8;
        for (int j = 0; j < edits; j++) {
            uint32_t op = next_rand() % 5;
            if (op == 0 && n > 0) {
                buf[next_rand() % n] ^= (unsigned char)(1u << (next_rand() % 8));
            } else if (op == 1 && n < MAX_INPUT - 1) {
                size_t at = n ? next_rand() % (n + 1) : 0;
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = (unsigned char)interesting[next_rand() % (sizeof interesting - 1)];
                n++;
            } else if (op == 2 && n > 0) {
                n = next_rand() % n;
            } else if (op == 3 && n > 1) {
                size_t at = next_rand() % n;
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
            } else if (op == 4) {
                size_t o = next_rand() % nseeds;
                size_t from = seed_len[o] ? next_rand() % seed_len[o] : 0;
                size_t len = seed_len[o] - from;
                size_t at = n ? next_rand() % n : 0;
                if (at + len > MAX_INPUT)
                    len = MAX_INPUT - at;
                memcpy(buf + at, seeds[o] + from, len);
                if (at + len > n)
                    n = at + len;
            }
        }
        LLVMFuzzerTestOneInput(buf, n);
    }
    free(buf);
    for (size_t i = 0; i < nseeds; i++)
        free(seeds[i]);
    printf("fuzz replay: %zu seeds, %ld mutated inputs, no crash\n", nseeds, runs);
    return 0;
}
