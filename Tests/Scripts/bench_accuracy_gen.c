/* Test-set generator for Tests/Scripts/bench-accuracy.sh: a binary-classification CSV
 * `id,region,label,score` with ROWS rows on stdout, deterministic for a given seed.
 *
 *   cc -O2 -o gen Tests/Scripts/bench_accuracy_gen.c -lm && ./gen 10000000 > test.csv
 *
 * Each row: a region (8 values, uneven sizes and base rates), a latent log-odds x of the true
 * risk, label ~ Bernoulli(sigmoid(x)), and the model's score = sigmoid(0.9 x + 0.2 + noise),
 * i.e. a good but imperfect and slightly miscalibrated model, printed with 6 decimals (so a
 * 10M-row file has ~10^6 distinct scores, more than modelgate keeps exactly). Python is too
 * slow for 10M rows; this writes ~250 MB in a few seconds. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next(void) { /* splitmix64 */
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double uniform(void) { return ((next() >> 11) + 0.5) * 0x1.0p-53; } /* in (0, 1) */

static double gaussian(void) { /* Box-Muller; one of the pair is enough here */
    return sqrt(-2.0 * log(uniform())) * cos(6.283185307179586 * uniform());
}

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

int main(int argc, char **argv) {
    long long rows = argc > 1 ? atoll(argv[1]) : 10000000LL;
    if (argc > 2) state = strtoull(argv[2], NULL, 10);
    static const char *regions[8] = {"north", "south", "east", "west",
                                     "central", "coastal", "mountain", "island"};
    /* cumulative share of rows per region, and each region's mean log-odds (base rate) */
    static const double share[8] = {0.22, 0.40, 0.55, 0.70, 0.82, 0.91, 0.97, 1.00};
    static const double mean[8] = {-1.6, -1.2, -2.0, -1.0, -1.4, -0.8, -2.2, -0.6};
    static char buffer[1 << 20];
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    fputs("id,region,label,score\n", stdout);
    for (long long id = 1; id <= rows; id++) {
        double u = uniform();
        int r = 0;
        while (r < 7 && u > share[r]) r++;
        double x = mean[r] + 1.8 * gaussian();
        int label = uniform() < sigmoid(x);
        double score = sigmoid(0.9 * x + 0.2 + 0.7 * gaussian());
        if (score < 1e-6) score = 1e-6;
        if (score > 1 - 1e-6) score = 1 - 1e-6;
        printf("%lld,%s,%d,%.6f\n", id, regions[r], label, score);
    }
    return fflush(stdout) != 0;
}
