/*
 * gen_out.c — the generator's output files (see gen_out.h). Files are written with
 * large stdio buffers; nothing is formatted with locale-dependent functions.
 */
#include "gen/gen_out.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *const gen_feed_names[F_NFEEDS] = {
    "facilities",
    "staff",
    "persons",
    "judgments",
    "custody",
    "medical",
    "sentence_changes",
    "scores",
    "merits",
    "corrections",
    "cc_events",
    "voters",
    "property",
    "payments",
    "cells",
    "restraints",
    "deaths",
    "activities",
    "incidents",
    "incident_persons",
    "labour",
    "release_prep",
    "record_queries",
    "seizures",
};

const char *const gen_feed_headers[F_NFEEDS] = {
    "facility_id,name,kind,region_code,designated",
    "officer_id,name,facility_id,role",
    "person_id,id_number,name,gender,birth_date",
    "judgment_id,person_id,case_no,court_id,charges,offense_date,judgment_date,"
    "effective_date,notice_date,penalty,term_months,term_days,probation_months,dpr_months,"
    "dpr_life,recidivist,limited_commutation,flags,term_start,term_end",
    "event_id,person_id,facility_id,event_type,event_date,judgment_id,note",
    "exam_id,person_id,hospital_id,exam_date,kind,disease,severe_list_item,physician",
    "change_id,person_id,judgment_id,kind,proposer_id,proposal_date,decider_id,"
    "decision_date,effective_date,grounds,reduction_months,reduction_days,new_penalty,"
    "new_term_months,exam_id,points,leniency,officer_id,note",
    "score_id,person_id,facility_id,month,base_points,bonus_points,penalty_points,officer_id",
    "merit_id,person_id,facility_id,kind,category,event_date,confirmed_date,"
    "related_case_no,officer_id",
    "cc_id,person_id,agency_id,basis,judgment_id,change_id,order_date,report_date,"
    "start_date,end_date,status,status_date",
    "event_id,cc_id,event_date,kind,region_code,detail",
    "record_id,id_number,region_code,election_date,registered,voted,candidate,elected",
    "enforcement_id,person_id,judgment_id,court_id,kind,amount_due,filed_date,"
    "last_action_date,status,status_date,investigated,unable",
    "payment_id,enforcement_id,pay_date,amount,payer",
    "assignment_id,person_id,facility_id,cell_id,start_date,end_date",
    "record_id,person_id,facility_id,kind,start_date,end_date,officer_id,reason",
    "person_id,facility_id,death_date,cause,reported_date,autopsy",
    "record_id,id_number,activity_date,kind,region_code,source",
    "incident_id,facility_id,incident_date,kind,injury,item,source,cell_id,officer_id,"
    "case_filed_date,transferred_date,summary",
    "record_id,incident_id,person_id,role",
    "record_id,person_id,facility_id,month,hours,rest_days",
    "record_id,person_id,facility_id,kind,event_date,receiver_region",
    "query_id,id_number,requester_kind,requester,query_date,provided,legal_basis,answered_by",
    "seizure_id,agency_id,case_ref,measure,owner_kind,owner_name,owner_code,owner_region,party,"
    "seized_date,value,amount_involved,local_assist,unrelated_date,case_closed_date,"
    "released_date,disposition",
};

static FILE *open_one(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 8;
    char *path = malloc(n);
    if (!path)
        abort();
    snprintf(path, n, "%s/%s.csv", dir, name);
    FILE *f = fopen(path, "w");
    free(path);
    if (f)
        setvbuf(f, NULL, _IOFBF, 1 << 18);
    return f;
}

int gen_out_open(struct gen_out *o, const char *dir, int planted)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < F_NFEEDS; i++) {
        o->f[i] = open_one(dir, gen_feed_names[i]);
        if (!o->f[i])
            return -1;
        fputs(gen_feed_headers[i], o->f[i]);
        fputc('\n', o->f[i]);
        o->lines[i] = 1;
    }
    o->answers = open_one(dir, "answers");
    o->near = open_one(dir, "near_misses");
    if (!o->answers || !o->near)
        return -1;
    fputs("model_id,subject\n", o->answers);
    fputs("model_id,subject\n", o->near);
    if (planted) {
        o->planted = open_one(dir, "planted_persons");
        if (!o->planted)
            return -1;
        fputs("person_id,model_id,near\n", o->planted);
        o->ends = open_one(dir, "near_miss_ends");
        if (!o->ends)
            return -1;
        fputs("model_id,subject,end\n", o->ends);
    }
    return 0;
}

int gen_out_close(struct gen_out *o)
{
    int rc = 0;
    for (int i = 0; i < F_NFEEDS; i++)
        if (o->f[i] && fclose(o->f[i]) != 0)
            rc = -1;
    if (o->answers && fclose(o->answers) != 0)
        rc = -1;
    if (o->near && fclose(o->near) != 0)
        rc = -1;
    if (o->planted && fclose(o->planted) != 0)
        rc = -1;
    if (o->ends && fclose(o->ends) != 0)
        rc = -1;
    memset(o, 0, sizeof *o);
    return rc;
}

void gen_row(struct gen_out *o, enum gen_feed f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(o->f[f], fmt, ap);
    va_end(ap);
    fputc('\n', o->f[f]);
    o->lines[f]++;
    o->rows++;
}

static char rot[16][24];
static unsigned rot_i;

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

const char *gen_d(zj_date d)
{
    char *b = rot[rot_i++ & 15];
    if (d == ZJ_DATE_NONE) {
        b[0] = 0;
        return b;
    }
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    put2(b, y / 100);
    put2(b + 2, y % 100);
    b[4] = '-';
    put2(b + 5, m);
    b[7] = '-';
    put2(b + 8, dd);
    b[10] = 0;
    return b;
}

const char *gen_m(zj_date d)
{
    char *b = (char *)gen_d(d);
    b[7] = 0;
    return b;
}

const char *gen_money(long long fen)
{
    char *b = rot[rot_i++ & 15];
    snprintf(b, 24, "%lld.%02lld", fen / 100, fen % 100);
    return b;
}
