/*
 * csv.h — a strict RFC 4180 reader for imports (and the cell writer for
 * exports): quoted fields with "" and
 * embedded newlines, CRLF or LF, a UTF-8 BOM skipped, every field checked
 * for valid UTF-8.  Errors name the line where the record started.
 */
#ifndef GS_CSV_H
#define GS_CSV_H
#include "util.h"

struct csv {
	const char *s;		/* input */
	size_t len, pos;	/* length, cursor */
	int line;		/* current line (1-based) */
	int rec_line;		/* line where the last record started */
	char err[160];		/* message for the last error */
};

void csv_init(struct csv *c, const char *s, size_t len);
/* Reads one record into arena-allocated fields.  Returns 1 (record),
 * 0 (end of input) or -1 (malformed record; c->err says why; the reader
 * resumes at the next line so later records can still be reported). */
int csv_next(struct csv *c, struct arena *a, char ***fields, size_t *nfields);
/* Writes one CSV cell for export: quoted, quotes doubled, and a leading
 * = + - @ neutralised with ' so spreadsheets do not run it as a formula. */
void csv_cell(struct sbuf *b, const char *s);
#endif
