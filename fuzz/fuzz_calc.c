/*
 * fuzz_calc.c — fuzz target of `zhijian calc`: any bytes go through the request parser
 * (law_request_parse), and a parsed request through law_compute and the response writer.
 * Must never crash, leak or trip the sanitizers. Corpus: fuzz/corpus/calc/ (the
 * conformance requests and a few edge cases).
 */
#include <stdint.h>
#include <stdlib.h>

#include "law/law.h"
#include "law/law_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct law_request req;
    zj_diag d = {0};
    if (law_request_parse((const char *)data, size, &req, &d) < 0)
        return 0;
    if (req.c.as_of == ZJ_DATE_NONE)
        req.c.as_of = date_from_ymd(2025, 6, 30);
    struct law_figures *f = malloc(sizeof *f);
    if (f && law_compute(NULL, &req.c, f) == 0) {
        json_t *o = law_figures_to_json(&req, f);
        char *s = json_dumps(o, 0);
        free(s);
        json_decref(o);
    }
    free(f);
    law_request_release(&req);
    return 0;
}
