/*
 * gen_int.h — internals shared by the generator's files: the fixed tables (gen_data.c)
 * and the PRNG (splitmix64; no rand(), no clock).
 */
#ifndef ZJ_GEN_INT_H
#define ZJ_GEN_INT_H
#include <stdint.h>

struct gen_county {
    const char *code;
    const char *name;
    int city;
};
struct gen_city {
    const char *code4;
    const char *name;
};
struct gen_province {
    const char *code2, *name, *abbr;
    const struct gen_city *cities;
    int n_cities;
    const struct gen_county *counties;
    int n_counties;
    const char *const *prisons;
    int n_prisons;
};
enum {
    GEN_CAT_VIOLENT = 1,
    GEN_CAT_DUTY = 2,
    GEN_CAT_FINANCIAL = 4,
    GEN_CAT_ORGANISED = 8,
    GEN_CAT_DRUG = 16,
    GEN_CAT_NEGLIGENT = 32,
};
struct gen_charge {
    const char *name;
    int weight, cat, min_m, max_m;
    int detention_pm; /* per mille sentenced to 拘役 instead of 有期徒刑 */
    int probation_pm; /* per mille of eligible sentences suspended */
    int long_pm;      /* per mille of 10–15 years */
    int life_pm;      /* per mille of life / 死缓 */
    int dpr_pm;       /* per mille with deprivation of political rights */
};
struct gen_disease {
    const char *name;
    const char *item;
};

extern const struct gen_province gen_provinces[];
extern const int gen_n_provinces;
extern const char *const gen_surnames[];
extern const int gen_n_surnames;
extern const char *const gen_given_m[];
extern const int gen_n_given_m;
extern const char *const gen_given_f[];
extern const int gen_n_given_f;
/* The gen_charges row that stands for any other name in force without a category: the
 * name itself is drawn from the law core's charge table (gs_charge_name). */
#define GEN_OTHER_CHARGE "（其他罪名）"
extern const struct gen_charge gen_charges[];
extern const int gen_n_charges;
extern const struct gen_disease gen_diseases[];
extern const int gen_n_diseases;

/* splitmix64: a tiny, fast, well-mixed generator; one stream per person. */
struct gen_rng {
    uint64_t s;
};
static inline uint64_t gen_rng_next(struct gen_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static inline void gen_rng_seed(struct gen_rng *r, uint64_t seed, uint64_t stream)
{
    r->s = seed * 0xD1B54A32D192ED03ULL ^ (stream + 0x632BE59BD9B4E019ULL);
    (void)gen_rng_next(r);
}
/* Uniform integer in [lo, hi] (lo <= hi). */
static inline long gen_uni(struct gen_rng *r, long lo, long hi)
{
    return lo + (long)(gen_rng_next(r) % (uint64_t)(hi - lo + 1));
}
/* True with probability pm per mille. */
static inline int gen_pm(struct gen_rng *r, int pm)
{
    return (int)(gen_rng_next(r) % 1000) < pm;
}

#endif
