/*
 * cert_pdf.h — certificate and acknowledgement-receipt PDFs.
 *
 * Renders the bilingual (Hindi/English) A4 documents GramSewa issues:
 * a double border, a seal placeholder, the issuing government / department
 * / office, the title, reference numbers and dates, the printed facts as a
 * two-column table, a verification QR code, and (certificates) the issuing
 * officer's signature block.  Long values wrap; if the facts do not fit,
 * the type shrinks to a floor and then the table continues on further
 * pages, the QR and signature going on the last one.  Nothing overlaps.
 *
 * Output is deterministic: the PDF dates come from issued_at, there are
 * no random IDs, so the same input gives the same bytes (needed for
 * content-addressed storage and re-issue).  It is a classic-xref PDF
 * (libharu), so cert_sign can add a PAdES signature as an incremental
 * update.  All strings are UTF-8; labels and values may be Hindi, English
 * or mixed.
 */
#ifndef GS_CERT_PDF_H
#define GS_CERT_PDF_H

#include <stddef.h>
#include <time.h>

/* A bilingual line; either half may be NULL or "" to omit it. */
struct cert_pdf_text {
	const char *en;
	const char *hi;
};

/* One printed fact. */
struct cert_fact {
	const char *label_en;	/* "Name of applicant" */
	const char *label_hi;	/* "आवेदक का नाम" */
	const char *value;	/* any length, any script; wraps */
};

/* A certificate as printed. */
struct cert_layout {
	struct cert_pdf_text state;	 /* Government of Jharkhand / झारखण्ड सरकार */
	struct cert_pdf_text department; /* Revenue, Registration & Land Reforms Dept. */
	struct cert_pdf_text office;	 /* Office of the Circle Officer, Kanke */
	struct cert_pdf_text title;	 /* Income Certificate / आय प्रमाण पत्र */
	struct cert_pdf_text statement;	 /* optional sentence above the table */
	const struct cert_fact *facts;	 /* printed in order */
	size_t n_facts;
	const char *cert_no;		 /* certificate number */
	struct cert_pdf_text ref;	 /* the label of app_no; {NULL} = "Application No." */
	const char *app_no;		 /* application number (or the exam attempt, the training) */
	const char *issue_date;		 /* as printed, e.g. "23-11-2025" */
	const char *valid_until;	 /* as printed; NULL/"" = no expiry */
	const char *officer_name;
	const char *officer_designation;
	const char *verify_url;		 /* QR payload, ASCII, <= 331 bytes */
	const char *verify_line;	 /* "Verify at example.in/v/<no>" */
	time_t issued_at;		 /* PDF CreationDate/ModDate (UTC) */
};

/* An acknowledgement receipt for a filed application. */
struct ack_layout {
	struct cert_pdf_text state;
	struct cert_pdf_text department;
	struct cert_pdf_text office;	 /* the office the application went to */
	struct cert_pdf_text title;	 /* Acknowledgement / पावती */
	const struct cert_fact *facts;	 /* applicant, service, fee, ... */
	size_t n_facts;
	const char *app_no;		 /* application number */
	const char *filed_date;		 /* as printed */
	const char *due_date;		 /* RTPS due date, as printed */
	const char *track_url;		 /* QR payload, ASCII */
	const char *track_line;		 /* "Track at example.in/track" */
	time_t filed_at;		 /* PDF dates (UTC) */
};

/* A document of its own kind (a payment receipt): the caller names every
 * reference and line in both languages; the layout is the certificate's
 * (header, reference grid, facts table, QR with a note beside it). */
struct doc_layout {
	struct cert_pdf_text state, department, office, title;
	struct cert_fact refs[4];	 /* reference grid; an empty value prints empty */
	size_t n_refs;
	const struct cert_fact *facts;	 /* the table */
	size_t n_facts;
	const char *no_label;		 /* continuation pages: "रसीद संख्या / Receipt No.:" */
	const char *no;			 /*   and the number */
	const char *qr_payload;		 /* ASCII */
	const char *qr_caption;		 /* under the QR */
	const char *qr_line;		 /* under the caption */
	struct cert_pdf_text foot;	 /* beside the QR */
	const char *note;		 /* the line at the very bottom */
	time_t at;			 /* PDF dates */
};

/* One entry of a statement, every cell as printed ("" or NULL: empty). */
struct stmt_row {
	const char *when;		 /* "8 जनवरी 2027, 10:15" */
	const char *what;		 /* particulars, both languages */
	const char *debit, *credit;	 /* "₹30.00", one of them */
	const char *balance;		 /* after the entry */
};

/* An account statement (the CSC wallet's): the certificate's header and
 * reference grid, then a table Date | Particulars | Debit | Credit |
 * Balance from the opening to the closing balance, continued on as many
 * pages as it needs, with "Page i of N" and the column heads on each. */
struct statement_layout {
	struct cert_pdf_text state, department, office, title;
	struct cert_fact refs[4];	 /* holder, period, ... */
	size_t n_refs;
	const char *opening, *closing;	 /* balances, as printed */
	const struct stmt_row *rows;
	size_t n_rows;
	const char *no_label, *no;	 /* continuation pages' second line */
	struct cert_pdf_text foot;	 /* under the table */
	time_t at;			 /* PDF dates */
};

/*
 * Render a certificate.  On success returns 0 and sets *out to a
 * malloc'd buffer of *len bytes that the caller frees with free().
 * Returns -1 (reason on stderr) if a font is missing, the QR payload does
 * not fit, or libharu fails; *out is then NULL.
 */
int cert_pdf_render(const struct cert_layout *c, unsigned char **out,
		    size_t *len);

/* Render an acknowledgement receipt; same contract as cert_pdf_render. */
int cert_pdf_render_ack(const struct ack_layout *a, unsigned char **out,
			size_t *len);

/* Render a document of its own kind; same contract as cert_pdf_render. */
int cert_pdf_render_doc(const struct doc_layout *d, unsigned char **out,
			size_t *len);

/* Render an account statement; same contract as cert_pdf_render. */
int cert_pdf_render_statement(const struct statement_layout *s,
			      unsigned char **out, size_t *len);

#endif
