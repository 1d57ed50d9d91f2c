/*
 * xmlmini.h — just enough XML reading for the DigiLocker requests: the text
 * of the first element with a tag, and an attribute of the first element
 * with a tag.  Entities &lt; &gt; &amp; &quot; &apos; and numeric ones are
 * decoded; CDATA, comments and namespaces on the looked-up tag are
 * tolerated; anything malformed gives NULL.  Input is untrusted (fuzzed).
 */
#ifndef GS_XMLMINI_H
#define GS_XMLMINI_H
#include "util.h"

const char *xml_text_of(struct arena *a, const char *xml, size_t len, const char *tag);
const char *xml_attr(struct arena *a, const char *xml, size_t len, const char *tag, const char *attr);
#endif
