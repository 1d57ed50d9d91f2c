/*
 * pdf_demo.c — renders sample certificates for tests/pdf/check_pdf.sh,
 * for looking at, and for timing.
 *
 *   pdf_demo [options] OUT.pdf
 *     --glyphs      print "RUN<TAB>font<TAB>text<TAB>gid gid ..." for every
 *                   single-font run placed in the PDF
 *     --inputs      print "URL<TAB>url" and "INPUT<TAB>string" for every
 *                   string given to the renderer
 *     --long        12 facts, one a 300-character address (the stress case)
 *     --huge        a value far longer than a page (pagination)
 *     --ack         an acknowledgement receipt instead of a certificate
 *     --bench N     render N times and print the time per document
 *
 * tests/unit/test_pdf.c includes this file with PDF_DEMO_NO_MAIN defined
 * to share the sample data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/cert_pdf.h"
#include "../../src/pdf_text.h"

/* The sample strings every check looks for (conjuncts, nukta, anusvara). */
static const char *const demo_words[] = {
	"प्रमाण पत्र", "क्षेत्र", "त्रिपाठी", "श्रीमती", "कार्यालय", "आय",
	"निवास", "जाति", "झारखण्ड", "ज़मीन", "संबंध",
};

static const struct cert_fact demo_facts[] = {
	{ "Name of Applicant", "आवेदक का नाम", "श्रीमती सुनीता त्रिपाठी" },
	{ "Father's / Husband's Name", "पिता / पति का नाम",
	  "श्री रमेश कुमार त्रिपाठी" },
	{ "Relationship", "संबंध", "पत्नी (Wife)" },
	{ "Address", "निवास / पता",
	  "ग्राम क्षेत्र रातू, पंचायत पिठोरिया, प्रखंड कांके, जिला राँची, "
	  "झारखण्ड 834006" },
	{ "Caste", "जाति", "कुर्मी (OBC)" },
	{ "Annual Income from all sources", "सभी स्रोतों से वार्षिक आय",
	  "₹ 1,20,000 (एक लाख बीस हज़ार रुपये मात्र)" },
	{ "Agricultural land", "कृषि ज़मीन", "2.5 एकड़, खाता संख्या 123" },
	{ "Issuing office", "जारी करने वाला कार्यालय",
	  "अंचल कार्यालय, कांके / Circle Office, Kanke" },
};

static const char demo_address300[] =
	"House No. 42, Ward No. 7, ग्राम पिठोरिया, पंचायत पिठोरिया, "
	"प्रखंड कांके, अनुमंडल सदर, जिला राँची, झारखण्ड, पिन 834006, "
	"near Government Middle School and the old Shiv Mandir, "
	"opposite the panchayat bhawan, Kanke Road";

static const struct cert_fact demo_facts_long[] = {
	{ "Name of Applicant", "आवेदक का नाम",
	  "श्रीमती सुनीता कुमारी त्रिपाठी उर्फ़ सुनीता देवी" },
	{ "Father's Name", "पिता का नाम", "श्री रमेश कुमार त्रिपाठी" },
	{ "Mother's Name", "माता का नाम", "श्रीमती कमला देवी" },
	{ "Relationship", "संबंध", "पुत्री (Daughter)" },
	{ "Permanent Address", "स्थायी पता", demo_address300 },
	{ "Caste", "जाति", "कुर्मी" },
	{ "Category", "श्रेणी", "पिछड़ा वर्ग (अनुसूची-II) / BC-II" },
	{ "Annual Income", "वार्षिक आय", "₹ 1,20,000" },
	{ "Income in words", "आय (शब्दों में)",
	  "एक लाख बीस हज़ार रुपये मात्र / Rupees one lakh twenty thousand only" },
	{ "Agricultural land", "कृषि ज़मीन", "2.5 एकड़" },
	{ "Residence since", "निवास अवधि", "जन्म से / Since birth" },
	{ "Purpose", "प्रयोजन", "छात्रवृत्ति हेतु / For scholarship" },
};

static char demo_huge[6000];

/* A ~320-byte verification URL (base64url record + signature). */
static char demo_url[400];

static void demo_make_url(void)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	int n = snprintf(demo_url, sizeof demo_url,
			 "https://gramsewa.jharkhand.gov.in/v/JH-RAN-INC-2025-"
			 "000123?d=");
	unsigned x = 12345;
	while (n < 226) {
		x = x * 1103515245u + 12345u;
		demo_url[n++] = b64[(x >> 16) & 63];
	}
	n += snprintf(demo_url + n, sizeof demo_url - (size_t)n, "&s=");
	while (n < 320) {
		x = x * 1103515245u + 12345u;
		demo_url[n++] = b64[(x >> 16) & 63];
	}
	demo_url[n] = '\0';
}

enum demo_kind { DEMO_NORMAL, DEMO_LONG, DEMO_HUGE };

/* Fill *c with a sample certificate; strings are static. */
static void demo_cert(struct cert_layout *c, enum demo_kind kind)
{
	demo_make_url();
	memset(c, 0, sizeof *c);
	c->state = (struct cert_pdf_text){ "Government of Jharkhand",
					   "झारखण्ड सरकार" };
	c->department = (struct cert_pdf_text){
		"Revenue, Registration and Land Reforms Department",
		"राजस्व, निबंधन एवं भूमि सुधार विभाग" };
	c->office = (struct cert_pdf_text){ "Office of the Circle Officer, Kanke, Ranchi",
					    "अंचल अधिकारी का कार्यालय, कांके, राँची" };
	c->title = (struct cert_pdf_text){ "Income Certificate", "आय प्रमाण पत्र" };
	c->statement = (struct cert_pdf_text){
		"This is to certify that the particulars below have been "
		"verified from the records of this office.",
		"प्रमाणित किया जाता है कि नीचे दिए गए विवरण इस कार्यालय के "
		"अभिलेखों से सत्यापित हैं।" };
	if (kind == DEMO_NORMAL) {
		c->facts = demo_facts;
		c->n_facts = sizeof demo_facts / sizeof demo_facts[0];
	} else if (kind == DEMO_LONG) {
		c->facts = demo_facts_long;
		c->n_facts = sizeof demo_facts_long / sizeof demo_facts_long[0];
	} else {
		static struct cert_fact huge[3];
		size_t n = 0;
		while (n + sizeof demo_address300 < sizeof demo_huge) {
			memcpy(demo_huge + n, demo_address300,
			       sizeof demo_address300 - 1);
			n += sizeof demo_address300 - 1;
			demo_huge[n++] = ' ';
		}
		demo_huge[n ? n - 1 : 0] = '\0';
		huge[0] = demo_facts_long[0];
		huge[1] = (struct cert_fact){ "Remarks", "टिप्पणी", demo_huge };
		huge[2] = demo_facts_long[2];
		c->facts = huge;
		c->n_facts = 3;
	}
	c->cert_no = "JH-RAN-INC-2025-000123";
	c->app_no = "JH/RAN/INC/2025-26/004567";
	c->issue_date = "23-11-2025";
	c->valid_until = kind == DEMO_LONG ? NULL : "31-03-2026";
	c->officer_name = "श्री अनिल कुमार सिंह";
	c->officer_designation = "अंचल अधिकारी / Circle Officer, Kanke";
	c->verify_url = demo_url;
	c->verify_line = "Verify at gramsewa.jharkhand.gov.in/v/JH-RAN-INC-2025-000123";
	c->issued_at = 1763880000;	/* 2025-11-23 06:40 UTC */
}

/* Fill *a with a sample acknowledgement. */
static void demo_ack(struct ack_layout *a)
{
	struct cert_layout c;

	demo_cert(&c, DEMO_NORMAL);
	memset(a, 0, sizeof *a);
	a->state = c.state;
	a->department = c.department;
	a->office = c.office;
	a->title = (struct cert_pdf_text){ "Acknowledgement of Application",
					   "आवेदन की पावती" };
	a->facts = demo_facts;
	a->n_facts = 4;
	a->app_no = c.app_no;
	a->filed_date = "20-11-2025";
	a->due_date = "04-12-2025";
	a->track_url = "https://gramsewa.jharkhand.gov.in/track?a=JH-RAN-INC-2025-26-004567";
	a->track_line = "Track at gramsewa.jharkhand.gov.in/track";
	a->filed_at = 1763620000;
}

#ifndef PDF_DEMO_NO_MAIN

static void print_run(void *ctx, const char *font, const char *text,
		      size_t len, const uint32_t *gids, size_t n)
{
	(void)ctx;
	printf("RUN\t%s\t%.*s\t", font, (int)len, text);
	for (size_t i = 0; i < n; i++)
		printf(i ? " %u" : "%u", (unsigned)gids[i]);
	putchar('\n');
}

/* INPUT lines for --inputs: strings that must come back from pdftotext. */
static void print_strings(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && *v[i])
			printf("INPUT\t%s\n", v[i]);
}

static void print_texts(const struct cert_pdf_text *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v[] = { t[i].hi, t[i].en };
		print_strings(v, 2);
	}
}

static void print_facts(const struct cert_fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		/* a value longer than a page is split by a "contd." label */
		const char *v[] = { f[i].label_hi, f[i].label_en,
			strlen(f[i].value) < 1000 ? f[i].value : NULL };
		print_strings(v, 3);
	}
}

static void print_inputs(const struct cert_layout *c, enum demo_kind kind)
{
	const struct cert_pdf_text t[] = { c->state, c->department, c->office,
					   c->title, c->statement };
	const char *v[] = { c->cert_no, c->app_no, c->issue_date,
			    c->valid_until, c->officer_name,
			    c->officer_designation, c->verify_line };

	printf("URL\t%s\n", c->verify_url);
	print_texts(t, sizeof t / sizeof t[0]);
	print_facts(c->facts, c->n_facts);
	print_strings(v, sizeof v / sizeof v[0]);
	for (size_t i = 0; kind == DEMO_NORMAL &&
			   i < sizeof demo_words / sizeof demo_words[0]; i++)
		printf("WORD\t%s\n", demo_words[i]);
}

static void print_ack_inputs(const struct ack_layout *a)
{
	const struct cert_pdf_text t[] = { a->state, a->department, a->office,
					   a->title };
	const char *v[] = { a->app_no, a->filed_date, a->due_date,
			    a->track_line };

	printf("URL\t%s\n", a->track_url);
	print_texts(t, sizeof t / sizeof t[0]);
	print_facts(a->facts, a->n_facts);
	print_strings(v, sizeof v / sizeof v[0]);
}

int main(int argc, char **argv)
{
	enum demo_kind kind = DEMO_NORMAL;
	int glyphs = 0, inputs = 0, ack = 0;
	long bench = 0;
	const char *outpath = NULL;
	struct cert_layout c;
	struct ack_layout a;
	unsigned char *pdf = NULL;
	size_t len = 0;
	FILE *f = NULL;
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--glyphs"))
			glyphs = 1;
		else if (!strcmp(argv[i], "--inputs"))
			inputs = 1;
		else if (!strcmp(argv[i], "--long"))
			kind = DEMO_LONG;
		else if (!strcmp(argv[i], "--huge"))
			kind = DEMO_HUGE;
		else if (!strcmp(argv[i], "--ack"))
			ack = 1;
		else if (!strcmp(argv[i], "--bench") && i + 1 < argc)
			bench = atol(argv[++i]);
		else if (argv[i][0] != '-' && !outpath)
			outpath = argv[i];
		else
			goto usage;
	}
	if (!outpath)
		goto usage;
	demo_cert(&c, kind);
	demo_ack(&a);
	if (inputs && ack)
		print_ack_inputs(&a);
	else if (inputs)
		print_inputs(&c, kind);
	if (bench > 0) {
		struct timespec t0, t1;
		/* first render loads the fonts: not part of the figure */
		if (cert_pdf_render(&c, &pdf, &len) < 0)
			goto fail;
		free(pdf);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (long i = 0; i < bench; i++) {
			if ((ack ? cert_pdf_render_ack(&a, &pdf, &len)
				 : cert_pdf_render(&c, &pdf, &len)) < 0)
				goto fail;
			free(pdf);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			     (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) /
			    (double)bench;
		printf("%.3f ms per document, %.0f documents/s, %zu bytes\n",
		       ms, 1000.0 / ms, len);
	}
	if (glyphs)
		pdft_set_trace(print_run, NULL);
	pdf = NULL;
	if ((ack ? cert_pdf_render_ack(&a, &pdf, &len)
		 : cert_pdf_render(&c, &pdf, &len)) < 0)
		goto fail;
	pdft_set_trace(NULL, NULL);
	f = fopen(outpath, "wb");
	if (!f || fwrite(pdf, 1, len, f) != len || fclose(f) != 0) {
		f = NULL;
		perror(outpath);
		goto fail;
	}
	f = NULL;
	rc = 0;
fail:
	if (f)
		fclose(f);
	free(pdf);
	pdft_cache_free();
	if (rc)
		fputs("pdf_demo: rendering failed\n", stderr);
	return rc;
usage:
	fputs("usage: pdf_demo [--glyphs] [--inputs] [--long|--huge] [--ack] "
	      "[--bench N] OUT.pdf\n", stderr);
	return 2;
}

#endif
