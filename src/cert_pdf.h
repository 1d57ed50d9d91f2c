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

#endif
