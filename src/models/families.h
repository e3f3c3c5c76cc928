/*
 * families.h — the catalog's families: one zero-terminated model_def array per
 * src/models/m_<family>.c, plus the user family (user_catalog.c). catalog.c lists them in
 * display order; user_catalog.c checks user model ids against the built-in ones.
 */
#ifndef ZJ_FAMILIES_H
#define ZJ_FAMILIES_H
#include "models/model.h"

extern const model_def models_delivery[];
extern const model_def models_changes[];
extern const model_def models_recidivism[];
extern const model_def models_community[];
extern const model_def models_political[];
extern const model_def models_property[];
extern const model_def models_conditions[];
extern const model_def models_safety[];
extern const model_def models_juvenile[];   /* JUV-01 (m_juvenile.c) */
extern const model_def models_enterprise[]; /* ENT-01 … ENT-03 (m_enterprise.c) */
extern const model_def
    models_second_order[];      /* last in the catalog: DUTY-01 reads the other leads */
extern model_def models_user[]; /* model files (user_catalog.c), filled by user_models_init() */

#endif
