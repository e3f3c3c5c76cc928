/*
 * fuzz_convert.c — fuzz target for the converters of real sources (src/sources/convert.h).
 * The first input byte (a digit in the seeds) picks the converter, the rest is the text. Checks:
 * nothing reads or writes out of bounds (sanitizers), every refusal gives both reasons, results lie
 * in their domains (dates real, id numbers 18 characters with a valid check character, months and
 * fen not negative, charges a non-empty ';'-list without empty items).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/validate.h"
#include "sources/convert.h"

static void check_err(int rc, const struct cv_err *e)
{
    if (rc != 0 && rc != -1)
        abort();
    if (rc == -1 && (!e->en[0] || !e->zh[0]))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    struct cv_err e;
    memset(&e, 0, sizeof e);
    switch ((unsigned)(data[0] - (uint8_t)'0') % 10) { /* seeds start with a digit */
    case 0: {
        zj_date d;
        int rc = cv_date(s, n, &d, &e);
        check_err(rc, &e);
        if (rc == 0) {
            int y, m, dd;
            date_to_ymd(d, &y, &m, &dd);
            if (!date_is_valid_ymd(y, m, dd) || y < 1000 || y > 9999)
                abort();
        }
        break;
    }
    case 1: {
        struct cv_sentence t;
        int rc = cv_sentence(s, n, &t, &e);
        check_err(rc, &e);
        if (rc == 0 && (t.months < -1 || t.days < -1 || t.probation_months < -1))
            abort();
        if (rc == 0 && !t.penalty && t.months < 0)
            abort();
        break;
    }
    case 2: {
        char id[19];
        int rc = cv_id_number(s, n, id, &e);
        check_err(rc, &e);
        char msg[200];
        if (rc == 0 && (strlen(id) != 18 || ingest_check_id_number(id, 18, msg, sizeof msg)))
            abort();
        break;
    }
    case 3: {
        long long fen;
        int rc = cv_money(s, n, &fen, &e);
        check_err(rc, &e);
        if (rc == 0 && fen < 0)
            abort();
        break;
    }
    case 4: {
        char out[300];
        int rc = cv_charges(s, n, out, sizeof out, &e);
        check_err(rc, &e);
        size_t k = strlen(out);
        if (rc == 0 && (!k || out[0] == ';' || out[k - 1] == ';' || strstr(out, ";;")))
            abort();
        break;
    }
    case 5: {
        int m, d;
        int rc = cv_months(s, n, &m, &d, &e);
        check_err(rc, &e);
        if (rc == 0 && (m < 0 || d < 0))
            abort();
        break;
    }
    case 6: {
        long long v;
        int rc = cv_int(s, n, &v, &e);
        check_err(rc, &e);
        if (rc == 0 && v < 0)
            abort();
        break;
    }
    case 7: {
        const char *g;
        check_err(cv_gender(s, n, &g, &e), &e);
        const char *p;
        check_err(cv_penalty(s, n, &p, &e), &e);
        break;
    }
    case 8: {
        int b;
        check_err(cv_bool(s, n, &b, &e), &e);
        break;
    }
    default: {
        char out[64];
        size_t k = cv_fold(s, n, out, sizeof out);
        if (k >= sizeof out || out[k] != '\0')
            abort();
        if (n >= sizeof(double)) {
            double v;
            memcpy(&v, s, sizeof v);
            zj_date d;
            check_err(cv_excel_serial(v, &d, &e), &e);
        }
    }
    }
    return 0;
}
