/*
 * profile.h — source profiles: how the columns of one source layout (a prison's roster,
 * a court's list of judgments …, as a spreadsheet or CSV with Chinese headers) map to the
 * feeds of spec/feeds.md. A profile is a small TOML file (profiles/NAME.toml, compiled in;
 * or any path):
 *
 *   name = "court_judgments"          # the name used by --profile
 *   label = "法院生效裁判清单"
 *   detect = ["案号", "罪名"]         # headers that identify the layout (--profile auto)
 *   [[feed]]                          # the feeds it fills, in load order
 *   feed = "persons"
 *   repeats = true                    # a person repeated on several rows counts once
 *   [[column]]
 *   header = ["人员编号", "罪犯编号"]  # the header text, with alternatives
 *   convert = "text"                  # a converter of convert.h (list in profile.c)
 *   to = ["persons.person_id", "judgments.person_id"]
 *   required = true                   # the header must be there
 *   [[constant]]
 *   to = "custody.event_type"
 *   value = "admit"
 *   [[constant]]                      # a value built from the row's other columns, for a
 *   to = "custody.event_id"           # column the source lacks (a key): {feed.column} of
 *   value = "{custody.person_id}-{custody.event_date}"   # the same feed; given only when
 *                                     # the row has no value there and every part is given
 *
 * Only this subset of TOML is read: comments, key = "string" | ["list"] | true/false |
 * integer, and [[feed]] / [[column]] / [[constant]] tables.
 */
#ifndef ZJ_SOURCES_PROFILE_H
#define ZJ_SOURCES_PROFILE_H
#include <stdbool.h>
#include <stddef.h>

#include "ingest/feeds.h"

#define PROFILE_MAX_FEEDS 6
#define PROFILE_MAX_COLUMNS 64
#define PROFILE_MAX_HEADERS 8
#define PROFILE_MAX_TO 6

enum profile_conv {
    PC_TEXT,      /* as written (trimmed, full-width folded) */
    PC_DATE,      /* cv_date, or a date cell */
    PC_INT,       /* cv_int */
    PC_MONEY,     /* cv_money, written as yuan */
    PC_BOOL,      /* cv_bool */
    PC_GENDER,    /* cv_gender */
    PC_ID_NUMBER, /* cv_id_number */
    PC_CHARGES,   /* cv_charges */
    PC_PENALTY,   /* cv_penalty */
    PC_SENTENCE,  /* cv_sentence → penalty, term_months, term_days, probation_months */
    PC_TERM,      /* 05_00_00 / 3年6个月 → months, days */
    PC_DPR,       /* 剥夺政治权利: 三年 / 终身 → dpr_months, dpr_life */
    PC_NEW_TERM, /* 减为: 无期徒刑 / 有期徒刑十九年 → new_penalty, new_term_months */
    PC_ENUM,     /* a Chinese label or English id of the target's enum (the loader checks) */
    PC_FLAGS,    /* labels split by 、，; → ';'-list */
    PC_FACILITY, /* a facility's id or name (浙江省乔司监狱, 乔司监狱) → its id (facility.h) */
    PC_IGNORE, /* a known column that feeds nothing */
};

struct profile_target {
    int feed; /* index into profile.feeds */
    int col;  /* column index in that feed */
};

struct profile_column {
    char *headers[PROFILE_MAX_HEADERS];
    int nheaders;
    enum profile_conv conv;
    struct profile_target to[PROFILE_MAX_TO];
    int nto;
    bool required;
};

struct profile_constant {
    struct profile_target to;
    char *value; /* with {feed.column} parts: a template */
};

struct profile {
    char *name, *label, *description, *origin; /* origin: the file it was read from */
    char *detect[16];
    int ndetect;
    struct {
        const struct ingest_feed *f;
        bool repeats;
    } feeds[PROFILE_MAX_FEEDS];
    int nfeeds;
    struct profile_column cols[PROFILE_MAX_COLUMNS];
    int ncols;
    struct profile_constant consts[8];
    int nconsts;
};

/* Parse profile text. Returns 0, or -1 with "line N: what" in err. *out is allocated. */
int profile_parse(const char *text, size_t len, const char *origin, struct profile **out, char *err,
                  size_t errsz);
/* A shipped profile by name, or a file path (containing '/' or ending in .toml). */
int profile_load(const char *name_or_path, struct profile **out, char *err, size_t errsz);
void profile_free(struct profile *p);

/* Names of the shipped profiles (NULL-terminated, static). */
const char *const *profile_builtin_names(void);

/* The converter's name ("date") / by name (-1 when unknown). */
const char *profile_conv_name(enum profile_conv c);
int profile_conv_find(const char *name);

/* Index of the profile column whose header list has text h (full-width folded and
 * trimmed), or -1. */
int profile_column_for_header(const struct profile *p, const char *h, size_t n);

#endif
