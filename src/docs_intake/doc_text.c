/*
 * doc_text.c — the text of a court document (see doc_text.h).
 */
#include "docs_intake/doc_text.h"
#include "ingest/encoding.h"
#include "util/dynload.h"
#include "util/lib_load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <expat.h>
#include <iconv.h>
#include <poppler.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static int fail(struct doc_err *e, const char *en, const char *zh)
{
    if (e) {
        snprintf(e->en, sizeof e->en, "%s", en);
        snprintf(e->zh, sizeof e->zh, "%s", zh);
    }
    return -1;
}

enum doc_format doc_format_of(const unsigned char *data, size_t len)
{
    if (len >= 4 && !memcmp(data, "PK\3\4", 4))
        return DOC_DOCX;
    /* a PDF may have a few bytes of junk before its header */
    size_t lim = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= lim; i++)
        if (!memcmp(data + i, "%PDF-", 5))
            return DOC_PDF;
    return DOC_TXT;
}

const char *doc_format_name(enum doc_format f)
{
    return f == DOC_DOCX ? "docx" : f == DOC_PDF ? "pdf" : "txt";
}

int doc_read_file(const char *path, unsigned char **data, size_t *len, struct doc_err *e)
{
    char en[200], zh[200];
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(en, sizeof en, "cannot open '%.120s': %s", path, strerror(errno));
        snprintf(zh, sizeof zh, "无法打开文件“%.120s”", path);
        return fail(e, en, zh);
    }
    strbuf sb = STRBUF_INIT;
    strbuf_init(&sb, 65536);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (sb.len + n > DOC_MAX_BYTES) {
            fclose(f);
            strbuf_release(&sb);
            return fail(e, "document over 64 MB", "文件超过64MB");
        }
        strbuf_add(&sb, buf, n);
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        strbuf_release(&sb);
        snprintf(en, sizeof en, "cannot read '%.120s'", path);
        snprintf(zh, sizeof zh, "无法读取文件“%.120s”", path);
        return fail(e, en, zh);
    }
    *data = (unsigned char *)strbuf_detach(&sb, len);
    return 0;
}

/* ---------- plain text ---------- */

/* Convert with iconv from the encoding `from` to UTF-8 into sb; -1 on a bad sequence. */
static int convert(const char *from, const unsigned char *data, size_t len, strbuf *sb)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -1;
    char *in = (char *)data;
    size_t inleft = len;
    int rc = 0;
    while (inleft > 0) {
        char out[16384];
        char *o = out;
        size_t oleft = sizeof out;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        strbuf_add(sb, out, (size_t)(o - out));
        if (r == (size_t)-1 && errno != E2BIG) {
            rc = -1;
            break;
        }
    }
    iconv_close(cd);
    return rc;
}

static int text_plain(const unsigned char *data, size_t len, strbuf *sb, const char **enc,
                      struct doc_err *e)
{
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        data += 3;
        len -= 3;
    } else if (len >= 2 && (!memcmp(data, "\xFF\xFE", 2) || !memcmp(data, "\xFE\xFF", 2))) {
        *enc = "UTF-16";
        if (convert("UTF-16", data, len, sb) != 0)
            return fail(e, "invalid UTF-16 text", "UTF-16文本中有无效字符");
        return 0;
    }
    if (utf8_valid_prefix(data, len) == len) {
        *enc = "UTF-8";
        strbuf_add(sb, data, len);
        return 0;
    }
    *enc = "GB18030";
    if (convert("GB18030", data, len, sb) != 0)
        return fail(e, "text is neither UTF-8 nor GB18030",
                    "文本编码无法识别（既不是UTF-8也不是GB18030）");
    return 0;
}

/* ---------- docx ---------- */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main|"

struct docx_ctx {
    XML_Parser p;
    strbuf *out;
    int in_t; /* inside w:t */
    bool doctype;
};

static const char *w_local(const char *name)
{
    size_t k = sizeof W_NS - 1;
    return strncmp(name, W_NS, k) ? NULL : name + k;
}

static void XMLCALL docx_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    struct docx_ctx *c = ud;
    const char *l = w_local(name);
    if (!l)
        return;
    if (!strcmp(l, "t"))
        c->in_t++;
    else if (!strcmp(l, "tab"))
        strbuf_addch(c->out, '\t');
    else if (!strcmp(l, "br") || !strcmp(l, "cr"))
        strbuf_addch(c->out, '\n');
}

static void XMLCALL docx_end(void *ud, const XML_Char *name)
{
    struct docx_ctx *c = ud;
    const char *l = w_local(name);
    if (!l)
        return;
    if (!strcmp(l, "t") && c->in_t > 0)
        c->in_t--;
    else if (!strcmp(l, "p"))
        strbuf_addch(c->out, '\n');
    else if (!strcmp(l, "tc"))
        strbuf_addch(c->out, '\t');
}

static void XMLCALL docx_chars(void *ud, const XML_Char *s, int len)
{
    struct docx_ctx *c = ud;
    if (c->in_t && len > 0)
        strbuf_add(c->out, s, (size_t)len);
}

/* A DOCTYPE has no place in a docx part: refuse it (no entity expansion at all). */
static void XMLCALL docx_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                 const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    struct docx_ctx *c = ud;
    c->doctype = true;
    XML_StopParser(c->p, XML_FALSE);
}

static int text_docx(const unsigned char *data, size_t len, strbuf *sb, struct doc_err *e)
{
    const char *why = zip_lib_error(); /* loads libzip, then expat */
    if (why || (why = expat_lib_error())) {
        char en[200];
        snprintf(en, sizeof en, "cannot read the docx: %.160s", why);
        return fail(e, en, "无法读取docx文件：未能加载其组件，请联系管理员安装");
    }
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &zerr);
    if (!src) {
        zip_error_fini(&zerr);
        return fail(e, "cannot read the docx", "无法读取docx文件");
    }
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
    zip_error_fini(&zerr);
    if (!za) {
        zip_source_free(src);
        return fail(e, "damaged docx (not a zip archive)", "docx文件已损坏（不是有效的压缩包）");
    }
    int rc = -1;
    zip_file_t *zf = zip_fopen(za, "word/document.xml", 0);
    if (!zf) {
        fail(e, "docx without word/document.xml", "docx文件缺少正文（word/document.xml）");
        goto out;
    }
    struct docx_ctx c = {.out = sb};
    c.p = XML_ParserCreateNS("UTF-8", '|');
    if (!c.p) {
        zip_fclose(zf);
        fail(e, "out of memory", "内存不足");
        goto out;
    }
    XML_SetUserData(c.p, &c);
    XML_SetElementHandler(c.p, docx_start, docx_end);
    XML_SetCharacterDataHandler(c.p, docx_chars);
    XML_SetStartDoctypeDeclHandler(c.p, docx_doctype);
    size_t total = 0;
    char buf[65536];
    zip_int64_t n;
    rc = 0;
    do {
        n = zip_fread(zf, buf, sizeof buf);
        if (n < 0) {
            rc = fail(e, "damaged docx (cannot inflate word/document.xml)",
                      "docx文件已损坏（正文无法解压）");
            break;
        }
        total += (size_t)n;
        if (total > DOC_MAX_XML) {
            rc = fail(e, "docx text over 64 MB", "docx正文超过64MB");
            break;
        }
        if (XML_Parse(c.p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            rc = c.doctype ? fail(e, "docx with a DOCTYPE", "docx正文含有DOCTYPE声明")
                           : fail(e, "damaged docx (invalid XML in word/document.xml)",
                                  "docx文件已损坏（正文不是有效的XML）");
            break;
        }
    } while (n > 0);
    XML_ParserFree(c.p);
    zip_fclose(zf);
out:
    zip_discard(za);
    return rc;
}

/* ---------- pdf ---------- */

/* poppler-glib is loaded at the first PDF, not linked: linked, it and the ~70 libraries it
 * pulls in (cairo, nss, X11, glib, fontconfig…) cost every command ~8 ms of process start.
 * Its headers still declare everything used here: each pointer type below is the header's
 * prototype, checked by the compiler (PDF_SYM) without referring to the symbol. */
#define PDF_SONAME "libpoppler-glib.so.8"
#define PDF_PACKAGE "libpoppler-glib8"

typedef PopplerDocument *(*doc_new_fn)(GBytes *, const char *, GError **);
typedef int (*doc_n_pages_fn)(PopplerDocument *);
typedef PopplerPage *(*doc_page_fn)(PopplerDocument *, int);
typedef char *(*page_text_fn)(PopplerPage *);
typedef GQuark (*quark_fn)(void);
typedef void (*unref_fn)(gpointer);
typedef void (*error_free_fn)(GError *);
typedef GBytes *(*bytes_new_fn)(gconstpointer, gsize);
typedef void (*bytes_unref_fn)(GBytes *);

static struct {
    doc_new_fn doc_new;
    doc_n_pages_fn doc_n_pages;
    doc_page_fn doc_page;
    page_text_fn page_text;
    quark_fn error_quark;
    unref_fn object_unref, free;
    error_free_fn error_free;
    bytes_new_fn bytes_new_static;
    bytes_unref_fn bytes_unref;
} pdf;
static char pdf_error[256]; /* why poppler-glib could not be loaded (dynload.h); "" once loaded */
static pthread_once_t pdf_once = PTHREAD_ONCE_INIT;

/* _Generic does not evaluate &name: the type is checked, no reference to name is made. */
#define PDF_SYM(h, field, name, type)                                                              \
    do {                                                                                           \
        _Static_assert(_Generic(&name, type : 1, default : 0),                                     \
                       #name " differs from its prototype in the headers");                        \
        if (!(pdf.field = (type)dynload_sym(h, PDF_SONAME, #name, pdf_error, sizeof pdf_error)))   \
            return;                                                                                \
    } while (0)

static void pdf_load(void)
{
    void *h = dynload_open(PDF_SONAME, PDF_PACKAGE, pdf_error, sizeof pdf_error);
    if (!h)
        return;
    /* glib's and gobject's functions are found among poppler-glib's dependencies */
    PDF_SYM(h, doc_new, poppler_document_new_from_bytes, doc_new_fn);
    PDF_SYM(h, doc_n_pages, poppler_document_get_n_pages, doc_n_pages_fn);
    PDF_SYM(h, doc_page, poppler_document_get_page, doc_page_fn);
    PDF_SYM(h, page_text, poppler_page_get_text, page_text_fn);
    PDF_SYM(h, error_quark, poppler_error_quark, quark_fn);
    PDF_SYM(h, object_unref, g_object_unref, unref_fn);
    PDF_SYM(h, free, g_free, unref_fn);
    PDF_SYM(h, error_free, g_error_free, error_free_fn);
    PDF_SYM(h, bytes_new_static, g_bytes_new_static, bytes_new_fn);
    PDF_SYM(h, bytes_unref, g_bytes_unref, bytes_unref_fn);
}

/* 0 when poppler-glib is loaded (the first call loads it), else -1 with the reason. */
static int pdf_ready(struct doc_err *e)
{
    pthread_once(&pdf_once, pdf_load);
    if (!pdf_error[0])
        return 0;
    /* the message names the library and its package once: the reason without dynload's
     * "cannot load SONAME (package PACKAGE): " (dlopen's words) or "cannot load " (then
     * "SONAME: no symbol NAME") */
    static const char open_head[] = "cannot load " PDF_SONAME " (package " PDF_PACKAGE "): ";
    const char *why = pdf_error;
    if (!strncmp(why, open_head, sizeof open_head - 1))
        why += sizeof open_head - 1;
    else if (!strncmp(why, "cannot load ", strlen("cannot load ")))
        why += strlen("cannot load ");
    char en[200], zh[200];
    snprintf(en, sizeof en,
             "cannot read PDF: " PDF_SONAME " (package " PDF_PACKAGE ") cannot be loaded: %.100s",
             why);
    snprintf(zh, sizeof zh,
             "无法读取PDF：未能加载PDF组件" PDF_SONAME "（软件包" PDF_PACKAGE
             "），请联系管理员安装");
    return fail(e, en, zh);
}

static int text_pdf(const unsigned char *data, size_t len, strbuf *sb, struct doc_err *e)
{
    if (pdf_ready(e) != 0)
        return -1;
    GBytes *bytes = pdf.bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = pdf.doc_new(bytes, NULL, &gerr);
    if (!doc) {
        int encrypted =
            gerr && gerr->domain == pdf.error_quark() && gerr->code == POPPLER_ERROR_ENCRYPTED;
        if (gerr)
            pdf.error_free(gerr);
        pdf.bytes_unref(bytes);
        return encrypted ? fail(e, "encrypted PDF", "PDF文件已加密")
                         : fail(e, "damaged PDF", "PDF文件已损坏");
    }
    int pages = pdf.doc_n_pages(doc), rc = 0;
    if (pages > DOC_MAX_PAGES) {
        rc = fail(e, "PDF over 500 pages", "PDF超过500页");
    } else {
        for (int i = 0; i < pages; i++) {
            PopplerPage *pg = pdf.doc_page(doc, i);
            if (!pg)
                continue;
            char *t = pdf.page_text(pg);
            if (t) {
                strbuf_adds(sb, t);
                if (sb->len && sb->buf[sb->len - 1] != '\n')
                    strbuf_addch(sb, '\n');
                pdf.free(t);
            }
            pdf.object_unref(pg);
        }
        size_t visible = 0;
        for (size_t i = 0; i < sb->len; i++)
            if (!strchr(" \t\r\n\f", sb->buf[i]))
                visible++;
        if (!visible)
            rc = fail(e, "PDF without a text layer (a scan?)",
                      "PDF没有文字层（可能是扫描件），请提供带文字的PDF或docx");
    }
    pdf.object_unref(doc);
    pdf.bytes_unref(bytes);
    return rc;
}

/* ---------- all ---------- */

int doc_text(const unsigned char *data, size_t len, char **text, size_t *text_len,
             enum doc_format *fmt, const char **encoding, struct doc_err *e)
{
    enum doc_format f = doc_format_of(data, len);
    const char *enc = NULL;
    *text = NULL;
    *text_len = 0;
    if (fmt)
        *fmt = f;
    if (encoding)
        *encoding = NULL;
    if (len > DOC_MAX_BYTES)
        return fail(e, "document over 64 MB", "文件超过64MB");
    strbuf sb = STRBUF_INIT;
    strbuf_init(&sb, len + 64);
    int rc = f == DOC_DOCX  ? text_docx(data, len, &sb, e)
             : f == DOC_PDF ? text_pdf(data, len, &sb, e)
                            : text_plain(data, len, &sb, &enc, e);
    if (rc != 0) {
        strbuf_release(&sb);
        return -1;
    }
    /* CR LF and CR to LF; NUL and other C0 controls but TAB and LF to a blank */
    size_t o = 0;
    for (size_t i = 0; i < sb.len; i++) {
        unsigned char ch = (unsigned char)sb.buf[i];
        if (ch == '\r') {
            if (i + 1 < sb.len && sb.buf[i + 1] == '\n')
                continue;
            ch = '\n';
        } else if (ch < 0x20 && ch != '\n' && ch != '\t') {
            ch = ' ';
        }
        sb.buf[o++] = (char)ch;
    }
    sb.len = o;
    sb.buf[o] = '\0';
    /* a converter may leave an invalid tail: keep the valid prefix only */
    sb.len = utf8_valid_prefix((const unsigned char *)sb.buf, sb.len);
    sb.buf[sb.len] = '\0';
    if (encoding)
        *encoding = enc;
    *text = strbuf_detach(&sb, text_len);
    return 0;
}
