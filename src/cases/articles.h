/*
 * articles.h — the text of the articles a lead's basis cites ("C-03 减刑假释规定第6条",
 * "D-02 监狱法第15条、刑事诉讼法第264条"), read from the law texts (the .md files of shared/law,
 * one "第六条 …" paragraph per article; short names as in shared/law/README.md).
 */
#ifndef ZJ_ARTICLES_H
#define ZJ_ARTICLES_H
#include <jansson.h>

/* The articles cited in basis, at most 12: [{"ref": "减刑假释规定第6条", "law": full title,
 * "text": the article, or null when the law text is not available}]. law_dir may be NULL
 * (texts then null). Caller owns the result. */
json_t *articles_lookup(const char *law_dir, const char *basis);

/* The full title of a law's short name (《…》 without the brackets), or NULL. */
const char *articles_full_title(const char *short_name, const char **file);

/* Rewrite a basis for a document: rule ids (C-03, D-04) dropped, short names replaced by
 * 《full titles》. Caller frees. */
char *articles_basis_for_document(const char *basis);

#endif
