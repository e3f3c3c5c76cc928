/*
 * api_library.h — the routes of the case library (典型案例库, docs/case-library.md):
 * search, one typical case, proposing a closed case, editing, publishing, withdrawing,
 * and the booklet as HTML and .docx. Rows of web_routes[] (routes.c).
 */
#ifndef ZJ_WEB_API_LIBRARY_H
#define ZJ_WEB_API_LIBRARY_H
#include "web/web.h"

int api_library_search(struct web_req *r);
int api_library_booklet_html(struct web_req *r);
int api_library_booklet_docx(struct web_req *r);
int api_library_get(struct web_req *r);
int api_library_update(struct web_req *r);
int api_library_publish(struct web_req *r);
int api_library_withdraw(struct web_req *r);
int api_case_propose_typical(struct web_req *r);

#endif
