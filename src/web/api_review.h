/*
 * api_review.h — the review of court documents in the web application
 * (docs/documents-intake.md, docs/api.md): upload, the queue, one document with its text,
 * extracted fields, sources and person candidates, the file as received, confirm with
 * corrections, discard. Role: clerk (数据管理员) or admin (AUTH_DATA), within scope.
 */
#ifndef ZJ_API_REVIEW_H
#define ZJ_API_REVIEW_H
#include "web/web.h"

int api_docs_list(struct web_req *r);
int api_docs_upload(struct web_req *r);
int api_doc_get(struct web_req *r);
int api_doc_file(struct web_req *r);
int api_doc_confirm(struct web_req *r);
int api_doc_discard(struct web_req *r);

#endif
