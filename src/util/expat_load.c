/*
 * expat_load.c — expat loaded when first called, not linked (lib_load.h).
 *
 * Its users: the .xlsx and .docx readers (src/sources/workbook.c, src/docs_intake/doc_text.c). Each
 * function they call is defined here with the name and the prototype of <expat.h> (the compiler
 * checks the definition against the header's declaration) and calls the library's function through
 * a pointer found with dlsym; the first call loads the library. The program does not export these
 * definitions, so the loaded library binds to its own functions.
 */
#include "util/lib_load.h"

#include "util/dynload.h"

#include <expat.h>
#include <pthread.h>

#define EXPAT_SONAME "libexpat.so.1"
#define EXPAT_PACKAGE "libexpat1"

/* F(return type, name, parameters, arguments), V(…) for void ones. */
#define EXPAT_FUNCS(F, V)                                                                          \
    F(const XML_LChar *, XML_ErrorString, (enum XML_Error code), (code))                           \
    F(XML_Size, XML_GetCurrentLineNumber, (XML_Parser parser), (parser))                           \
    F(enum XML_Error, XML_GetErrorCode, (XML_Parser parser), (parser))                             \
    F(enum XML_Status, XML_Parse, (XML_Parser parser, const char *s, int len, int isFinal),        \
      (parser, s, len, isFinal))                                                                   \
    F(XML_Parser, XML_ParserCreate, (const XML_Char *encoding), (encoding))                        \
    F(XML_Parser, XML_ParserCreateNS, (const XML_Char *encoding, XML_Char sep), (encoding, sep))   \
    V(XML_ParserFree, (XML_Parser parser), (parser))                                               \
    V(XML_SetCharacterDataHandler, (XML_Parser parser, XML_CharacterDataHandler handler),          \
      (parser, handler))                                                                           \
    V(XML_SetElementHandler,                                                                       \
      (XML_Parser parser, XML_StartElementHandler start, XML_EndElementHandler end),               \
      (parser, start, end))                                                                        \
    V(XML_SetStartDoctypeDeclHandler, (XML_Parser parser, XML_StartDoctypeDeclHandler start),      \
      (parser, start))                                                                             \
    V(XML_SetUserData, (XML_Parser parser, void *userData), (parser, userData))                    \
    F(enum XML_Status, XML_StopParser, (XML_Parser parser, XML_Bool resumable), (parser, resumable))

EXPAT_FUNCS(DYNLOAD_PTR_F, DYNLOAD_PTR_V)

#define DL_SONAME EXPAT_SONAME
static char dl_error[240]; /* why the library could not be loaded; "" once loaded */
static pthread_once_t expat_once = PTHREAD_ONCE_INIT;

static void expat_load(void)
{
    void *dl_h = dynload_open(EXPAT_SONAME, EXPAT_PACKAGE, dl_error, sizeof dl_error);
    if (!dl_h)
        return;
    EXPAT_FUNCS(DYNLOAD_SYM_F, DYNLOAD_SYM_V)
}

const char *expat_lib_error(void)
{
    pthread_once(&expat_once, expat_load);
    return dl_error[0] ? dl_error : NULL;
}

/* A caller that did not ask expat_lib_error() first learns here that the library is
 * missing: the reason, then abort. */
static void need(const char *name)
{
    dynload_need(expat_lib_error(), "zhijian", name);
}

EXPAT_FUNCS(DYNLOAD_DEF_F, DYNLOAD_DEF_V)
