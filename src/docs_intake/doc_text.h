/*
 * doc_text.h — the text of a court document as UTF-8: .docx (word/document.xml read with
 * libzip and expat), PDF with a text layer (poppler-glib, loaded with dlopen at the first
 * PDF), plain text in UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB18030 (glibc
 * iconv).
 *
 * The format is found from the bytes (PK\3\4 = docx, %PDF = pdf, otherwise text), not
 * from the file name. Paragraphs and PDF lines end with '\n'. Limits: a document of at most
 * DOC_MAX_BYTES, a docx whose document.xml inflates to at most DOC_MAX_XML, at most
 * DOC_MAX_PAGES PDF pages; beyond them the document is refused, never cut silently.
 */
#ifndef ZJ_DOC_TEXT_H
#define ZJ_DOC_TEXT_H
#include <stddef.h>

#define DOC_MAX_BYTES (64u * 1024 * 1024)
#define DOC_MAX_XML (64u * 1024 * 1024)
#define DOC_MAX_PAGES 500

enum doc_format { DOC_TXT, DOC_DOCX, DOC_PDF };

/* The format of the bytes data[0..len). */
enum doc_format doc_format_of(const unsigned char *data, size_t len);
/* "txt", "docx" or "pdf". */
const char *doc_format_name(enum doc_format f);

/* Why a document could not be read: English for logs, Chinese for people. */
struct doc_err {
    char en[200];
    char zh[200];
};

/* The text of the document data[0..len): a malloc'd NUL-terminated UTF-8 string in *text
 * (length *text_len), its format in *fmt and for text files the encoding ("UTF-8",
 * "UTF-16", "GB18030") in *encoding (static; NULL for docx/pdf). Returns 0, or -1 with
 * the reason in *e (a damaged docx or PDF, a PDF without a text layer, a PDF when
 * libpoppler-glib.so.8 cannot be loaded, an encoding that is neither UTF-8 nor GB18030, a
 * document over the limits). */
int doc_text(const unsigned char *data, size_t len, char **text, size_t *text_len,
             enum doc_format *fmt, const char **encoding, struct doc_err *e);

/* Read the whole file at path (at most DOC_MAX_BYTES) into a malloc'd buffer. Returns 0
 * or -1 with the reason in *e. */
int doc_read_file(const char *path, unsigned char **data, size_t *len, struct doc_err *e);

#endif
