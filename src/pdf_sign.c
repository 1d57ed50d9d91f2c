/*
 * pdf_sign.c - PAdES signatures on the PDFs GramSewa issues (see pdf_sign.h).
 *
 * The input is our own libharu output, but it is parsed as hostile anyway:
 * every read goes through the tokenizer of pdf_lex.c, which never looks outside
 * [0, len), and every number taken from the file is range-checked before
 * it is used as an offset.  We parse only what an incremental update needs:
 * startxref, the xref tables (following /Prev), the trailer, the catalog,
 * the page tree down to the first page, and the /Annots and /AcroForm
 * values we must merge with.  Dictionaries we rewrite are re-emitted from
 * the original bytes entry by entry, so keys we do not know survive.
 *
 * Layout of the update (object numbers S = old /Size, W = S + 1):
 *   S 0 obj  /Sig dict: /ByteRange placeholder, /Contents <00...>, /M ...
 *   W 0 obj  widget annotation = signature field (/FT /Sig /V S 0 R)
 *   page     rewritten with /Annots [... W 0 R]
 *   catalog  rewritten with /AcroForm << /Fields [... W 0 R] /SigFlags 3 >>
 *   xref + trailer (/Prev = old startxref) + startxref + %%EOF
 */
#include "pdf_sign.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "pdf_lex.h"
#include "util.h"

/* Largest input we sign: offsets must fit the 10-digit xref fields. */
#define PDF_MAX_INPUT        ((size_t)1 << 30)
/* Width reserved for the /ByteRange array, filled after layout. */
#define PDF_BYTERANGE_WIDTH  64
/* Largest /Contents a verified signature may have (others' LTV data). */
#define PDF_VERIFY_MAX_DER   ((size_t)1 << 20)

/*
 * Copy the entries of dict v to out, one per line, except keys listed in
 * skip (NULL-terminated, without '/').  The braces are not written.
 */
static int dict_copy_except(const struct pdf_doc *d, struct pdf_span v, const char *const *skip, struct sbuf *out)
{
	struct pdf_span k, x;
	size_t pos, i;
	int r, drop;

	if (pdf_dict_open(d, v, &pos) != 0)
		return -1;
	while ((r = pdf_dict_next(d, v, &pos, &k, &x)) == 1) {
		for (drop = 0, i = 0; skip[i] != NULL && !drop; i++)
			drop = k.b - k.a - 1 == strlen(skip[i]) &&
			       memcmp(d->p + k.a + 1, skip[i], k.b - k.a - 1) == 0;
		if (drop)
			continue;
		sbuf_add(out, d->p + k.a, x.b - k.a);
		sbuf_adds(out, "\n");
	}
	return r;
}

/* ------------------------------------------------------------------ */
/* Writing the update.                                                 */

/*
 * Append s as a PDF text string: a literal if it is printable ASCII, else
 * UTF-16BE hex with a BOM.  -1 for invalid UTF-8, control characters or
 * more than PDF_SIG_TEXT_MAX bytes.
 */
static int put_text(struct sbuf *b, const char *s)
{
	const unsigned char *u;
	size_t i, n;
	uint32_t cp;
	int ascii = 1, k, extra;

	if (s == NULL)
		s = "";
	u = (const unsigned char *)s;
	n = strlen(s);
	if (n > PDF_SIG_TEXT_MAX || !utf8_valid(s, n))
		return -1;
	for (i = 0; i < n; i++)
		if (u[i] < 0x20 || u[i] > 0x7e)
			ascii = 0;
	if (ascii) {
		sbuf_adds(b, "(");
		for (i = 0; i < n; i++) {
			if (u[i] == '(' || u[i] == ')' || u[i] == '\\')
				sbuf_adds(b, "\\");
			sbuf_add(b, u + i, 1);
		}
		sbuf_adds(b, ")");
		return 0;
	}
	sbuf_adds(b, "<FEFF");
	for (i = 0; i < n; i += (size_t)extra + 1) {   /* valid UTF-8: just decode */
		extra = u[i] < 0x80 ? 0 : u[i] < 0xe0 ? 1 : u[i] < 0xf0 ? 2 : 3;
		cp = extra == 0 ? u[i] : u[i] & (0x3f >> extra);
		for (k = 1; k <= extra; k++)
			cp = (cp << 6) | (u[i + (size_t)k] & 0x3f);
		if (cp < 0x20 || cp == 0x7f)
			return -1;
		if (cp >= 0x10000)
			sbuf_printf(b, "%04X%04X", 0xd800 + ((cp - 0x10000) >> 10),
			            0xdc00 + ((cp - 0x10000) & 0x3ff));
		else
			sbuf_printf(b, "%04X", (unsigned)cp);
	}
	sbuf_adds(b, ">");
	return 0;
}

/* One object of the update, for the xref section. */
struct upd_obj {
	uint64_t num;    /* object number */
	uint64_t gen;    /* generation */
	size_t off;      /* offset in the output */
};

static int upd_cmp(const void *x, const void *y)
{
	const struct upd_obj *a = x, *b = y;

	return a->num < b->num ? -1 : a->num > b->num;
}

/* Write the xref section for objs (sorted here) grouped into runs. */
static void put_xref(struct sbuf *b, struct upd_obj *objs, size_t n)
{
	size_t i, j;

	qsort(objs, n, sizeof *objs, upd_cmp);
	sbuf_adds(b, "xref\n");
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && objs[j].num == objs[j - 1].num + 1; j++)
			;
		sbuf_printf(b, "%llu %zu\n", (unsigned long long)objs[i].num, j - i);
		for (; i < j; i++)
			sbuf_printf(b, "%010zu %05llu n\r\n", objs[i].off, (unsigned long long)objs[i].gen);
	}
}

/* The first page of the document: its number, generation and dict. */
static int first_page(const struct pdf_doc *d, struct pdf_span catalog, uint64_t *num, uint64_t *gen, struct pdf_span *page)
{
	struct pdf_span v, kids;
	size_t pos;
	int depth;

	if (pdf_dict_get(d, catalog, "Pages", &v) != 0 || pdf_span_ref(d, v, num, gen) != 0)
		return -1;
	for (depth = 0; depth < PDF_MAX_DEPTH; depth++) {
		if (pdf_obj_get(d, *num, *gen, page) != 0)
			return -1;
		if (pdf_dict_name_is(d, *page, "Type", "/Page"))
			return 0;
		if (!pdf_dict_name_is(d, *page, "Type", "/Pages") ||
		    pdf_dict_get(d, *page, "Kids", &v) != 0 || pdf_array_items(d, v, &kids) != 0)
			return -1;
		pos = kids.a;
		if (pdf_val_next(d, kids.b, &pos, &v, 1) != 0 || pdf_span_ref(d, v, num, gen) != 0)
			return -1;
	}
	return -1;
}

/*
 * Append "/Key [ <old items> W 0 R ]" where the old items come from the
 * array value of /key in dict (direct or referenced), if any.
 */
static int put_merged_array(const struct pdf_doc *d, struct pdf_span dict, const char *key,
                            uint64_t add, struct sbuf *b)
{
	struct pdf_span v, items;
	int r = pdf_dict_get(d, dict, key, &v);

	if (r < 0 || (r == 0 && pdf_array_items(d, v, &items) != 0))
		return -1;
	sbuf_printf(b, "/%s [ ", key);
	if (r == 0)
		sbuf_add(b, d->p + items.a, items.b - items.a);
	sbuf_printf(b, " %llu 0 R ]\n", (unsigned long long)add);
	return 0;
}

/* Page dict with our widget added to /Annots. */
static int put_page(const struct pdf_doc *d, struct pdf_span page, uint64_t widget, struct sbuf *b)
{
	static const char *const skip[] = { "Annots", NULL };

	sbuf_adds(b, "<<\n");
	if (dict_copy_except(d, page, skip, b) != 0 || put_merged_array(d, page, "Annots", widget, b) != 0)
		return -1;
	sbuf_adds(b, ">>");
	return 0;
}

/* Catalog dict with /AcroForm merged and the ESIC extension declared. */
static int put_catalog(const struct pdf_doc *d, struct pdf_span cat, uint64_t widget, struct sbuf *b)
{
	static const char *const skip_cat[] = { "AcroForm", NULL };
	static const char *const skip_form[] = { "Fields", "SigFlags", NULL };
	struct pdf_span v, form;
	int r;

	sbuf_adds(b, "<<\n");
	if (dict_copy_except(d, cat, skip_cat, b) != 0)
		return -1;
	r = pdf_dict_get(d, cat, "AcroForm", &v);
	if (r < 0 || (r == 0 && pdf_val_resolve(d, v, &form) != 0))
		return -1;
	sbuf_adds(b, "/AcroForm <<\n");
	if (r == 0 && (dict_copy_except(d, form, skip_form, b) != 0 ||
	               put_merged_array(d, form, "Fields", widget, b) != 0))
		return -1;
	if (r != 0)
		sbuf_printf(b, "/Fields [ %llu 0 R ]\n", (unsigned long long)widget);
	sbuf_adds(b, "/SigFlags 3\n>>\n");
	/* ETSI.CAdES.detached is defined by the ESIC extension to PDF 1.7. */
	if (pdf_dict_get(d, cat, "Extensions", &v) == 1)
		sbuf_adds(b, "/Extensions << /ESIC << /BaseVersion /1.7 /ExtensionLevel 2 >> >>\n");
	if (pdf_dict_get(d, cat, "Version", &v) == 1)
		sbuf_adds(b, "/Version /1.7\n");
	sbuf_adds(b, ">>");
	return 0;
}

/* Where the placeholders of the /Sig dict sit in the output. */
struct sig_slots {
	size_t byterange;   /* offset of the /ByteRange array */
	size_t lt;          /* offset of '<' opening /Contents */
	size_t gt_end;      /* offset just past the closing '>' */
};

/* Room for this signer's CMS: its certificates, the signature, and a fixed
 * allowance for the signed attributes and ASN.1 framing; never more than
 * PDF_SIG_CONTENTS_MAX.  Reserving only what is needed keeps a certificate
 * PDF small (an EC officer key needs ~3 KB, not 8). */
static size_t sig_reserve(const struct pdf_signer *s)
{
	size_t need = 1536 + (size_t)EVP_PKEY_get_size(s->key);
	int n = i2d_X509(s->cert, NULL);
	need += n > 0 ? (size_t)n : PDF_SIG_CONTENTS_MAX;
	for (int i = 0; s->chain && i < sk_X509_num(s->chain); i++) {
		n = i2d_X509(sk_X509_value(s->chain, i), NULL);
		need += n > 0 ? (size_t)n : PDF_SIG_CONTENTS_MAX;
	}
	need = (need + 255) & ~(size_t)255;
	return need < PDF_SIG_CONTENTS_MAX ? need : PDF_SIG_CONTENTS_MAX;
}

/* Append the /Sig object with placeholders for reserve bytes of DER;
 * record their offsets. */
static int put_sig(struct sbuf *b, const struct pdf_sig_info *info, size_t reserve, struct sig_slots *slots)
{
	char date[32];
	struct tm tm;
	static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";
	size_t left, n;

	if (gmtime_r(&info->when, &tm) == NULL || tm.tm_year + 1900 < 1970 || tm.tm_year + 1900 > 9999 ||
	    strftime(date, sizeof date, "D:%Y%m%d%H%M%S+00'00'", &tm) == 0)
		return -1;
	sbuf_adds(b, "<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n/ByteRange ");
	slots->byterange = b->len;
	sbuf_printf(b, "%-*s", PDF_BYTERANGE_WIDTH, "[0 0 0 0]");
	sbuf_adds(b, "\n/Contents <");
	slots->lt = b->len - 1;
	for (left = 2 * reserve; left > 0; left -= n) {
		n = left < sizeof zeros - 1 ? left : sizeof zeros - 1;
		sbuf_add(b, zeros, n);
	}
	sbuf_adds(b, ">");
	slots->gt_end = b->len;
	sbuf_printf(b, "\n/M (%s)\n/Reason ", date);
	if (put_text(b, info->reason) != 0)
		return -1;
	sbuf_adds(b, "\n/Location ");
	if (put_text(b, info->location) != 0)
		return -1;
	sbuf_adds(b, "\n/Name ");
	if (put_text(b, info->name) != 0)
		return -1;
	sbuf_adds(b, "\n>>");
	return 0;
}

/*
 * Sign data[0..lt) + data[gt_end..len) with s and return the DER CMS.
 * *der is OpenSSL-allocated (OPENSSL_free).  Returns its length or -1.
 */
static int cms_sign_ranges(const struct pdf_signer *s, const unsigned char *data, size_t len,
                           const struct sig_slots *slots, time_t when, unsigned char **der)
{
	const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES;
	CMS_ContentInfo *cms = NULL;
	CMS_SignerInfo *si;
	ASN1_TIME *t = NULL;
	BIO *bio = NULL;
	int n = -1;

	cms = CMS_sign(s->cert, s->key, s->chain, NULL, flags | CMS_PARTIAL);
	if (cms == NULL || (si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0)) == NULL)
		goto fail;
	/* Our time, not the clock's: OpenSSL only adds signingTime if absent. */
	t = ASN1_TIME_adj(NULL, when, 0, 0);
	if (t == NULL || !CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1))
		goto fail;
	if ((bio = CMS_dataInit(cms, NULL)) == NULL ||
	    BIO_write(bio, data, (int)slots->lt) != (int)slots->lt ||
	    BIO_write(bio, data + slots->gt_end, (int)(len - slots->gt_end)) != (int)(len - slots->gt_end) ||
	    !CMS_dataFinal(cms, bio))
		goto fail;
	*der = NULL;
	n = i2d_CMS_ContentInfo(cms, der);
fail:
	BIO_free_all(bio);
	ASN1_TIME_free(t);
	CMS_ContentInfo_free(cms);
	return n;
}

static int sign_with(const unsigned char *pdf, size_t len, const struct pdf_signer *s,
                     const struct pdf_sig_info *info, size_t reserve, unsigned char **out, size_t *outlen)
{
	static const char *const skip_trailer[] = { "Size", "Prev", NULL };
	static const char hexd[] = "0123456789ABCDEF";
	struct pdf_doc d;
	struct sbuf b;
	struct pdf_span v, catalog, page;
	struct upd_obj objs[4];
	struct sig_slots slots;
	uint64_t size, root, root_gen, pg, pg_gen;
	unsigned char *der = NULL;
	size_t xref_at, i;
	char br[PDF_BYTERANGE_WIDTH + 1];
	int n, err = PDF_SIGN_EINVAL;

	sbuf_init(&b);
	if (pdf == NULL || s == NULL || s->key == NULL || s->cert == NULL || info == NULL ||
	    out == NULL || outlen == NULL || len > PDF_MAX_INPUT)
		goto fail;
	err = PDF_SIGN_EPARSE;
	if (pdf_doc_open(&d, pdf, len) != 0)
		goto fail;
	if (pdf_dict_get(&d, d.trailer, "Encrypt", &v) != 1 || pdf_dict_get(&d, d.trailer, "XRefStm", &v) != 1) {
		err = PDF_SIGN_EUNSUPPORTED;
		goto fail;
	}
	if (pdf_dict_get(&d, d.trailer, "Size", &v) != 0 || pdf_span_val_uint(&d, v, &size) != 0 ||
	    size == 0 || size > PDF_MAX_OBJECTS - 2 ||
	    pdf_dict_get(&d, d.trailer, "Root", &v) != 0 || pdf_span_ref(&d, v, &root, &root_gen) != 0 ||
	    pdf_obj_get(&d, root, root_gen, &catalog) != 0 || pdf_dict_open(&d, catalog, &i) != 0 ||
	    first_page(&d, catalog, &pg, &pg_gen, &page) != 0 || pg == root)
		goto fail;

	/* Original bytes, then the update.  Objects: sig, widget, page, catalog. */
	sbuf_add(&b, pdf, len);
	if (pdf[len - 1] != '\n' && pdf[len - 1] != '\r')
		sbuf_adds(&b, "\n");
	err = PDF_SIGN_EINVAL;
	objs[0] = (struct upd_obj){ size, 0, b.len };
	sbuf_printf(&b, "%llu 0 obj\n", (unsigned long long)size);
	if (put_sig(&b, info, reserve, &slots) != 0)
		goto fail;
	sbuf_adds(&b, "\nendobj\n");
	err = PDF_SIGN_EPARSE;
	objs[1] = (struct upd_obj){ size + 1, 0, b.len };
	sbuf_printf(&b, "%llu 0 obj\n<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (Signature%llu)\n"
	            "/V %llu 0 R\n/F 132\n/Rect [0 0 0 0]\n/P %llu %llu R\n>>\nendobj\n",
	            (unsigned long long)(size + 1), (unsigned long long)(size + 1),
	            (unsigned long long)size, (unsigned long long)pg, (unsigned long long)pg_gen);
	objs[2] = (struct upd_obj){ pg, pg_gen, b.len };
	sbuf_printf(&b, "%llu %llu obj\n", (unsigned long long)pg, (unsigned long long)pg_gen);
	if (put_page(&d, page, size + 1, &b) != 0)
		goto fail;
	sbuf_adds(&b, "\nendobj\n");
	objs[3] = (struct upd_obj){ root, root_gen, b.len };
	sbuf_printf(&b, "%llu %llu obj\n", (unsigned long long)root, (unsigned long long)root_gen);
	if (put_catalog(&d, catalog, size + 1, &b) != 0)
		goto fail;
	sbuf_adds(&b, "\nendobj\n");
	xref_at = b.len;
	put_xref(&b, objs, 4);
	sbuf_adds(&b, "trailer\n<<\n");
	if (dict_copy_except(&d, d.trailer, skip_trailer, &b) != 0)
		goto fail;
	sbuf_printf(&b, "/Size %llu\n/Prev %zu\n>>\nstartxref\n%zu\n%%%%EOF\n",
	            (unsigned long long)(size + 2), d.xref_off, xref_at);

	/* Fill /ByteRange (inside the signed bytes), then sign, then /Contents. */
	n = snprintf(br, sizeof br, "[0 %zu %zu %zu]", slots.lt, slots.gt_end, b.len - slots.gt_end);
	if (n < 0 || (size_t)n > PDF_BYTERANGE_WIDTH)
		goto fail;
	memcpy(b.data + slots.byterange, br, (size_t)n);
	err = PDF_SIGN_ECRYPTO;
	n = cms_sign_ranges(s, (const unsigned char *)b.data, b.len, &slots, info->when, &der);
	if (n <= 0)
		goto fail;
	err = PDF_SIGN_ETOOBIG;
	if ((size_t)n > reserve)
		goto fail;
	for (i = 0; i < (size_t)n; i++) {
		b.data[slots.lt + 1 + 2 * i] = hexd[der[i] >> 4];
		b.data[slots.lt + 2 + 2 * i] = hexd[der[i] & 15];
	}
	OPENSSL_free(der);
	*outlen = b.len;
	*out = (unsigned char *)sbuf_detach(&b);
	return PDF_SIGN_OK;
fail:
	OPENSSL_free(der);
	sbuf_free(&b);
	return err;
}

int pdf_sign(const unsigned char *pdf, size_t len, const struct pdf_signer *s,
             const struct pdf_sig_info *info, unsigned char **out, size_t *outlen)
{
	if (s == NULL || s->key == NULL || s->cert == NULL)
		return PDF_SIGN_EINVAL;
	/* the space the signer's certificates need; should its signed
	 * attributes come out larger than allowed for, once more with the most */
	int rc = sign_with(pdf, len, s, info, sig_reserve(s), out, outlen);
	if (rc == PDF_SIGN_ETOOBIG && sig_reserve(s) < PDF_SIG_CONTENTS_MAX)
		rc = sign_with(pdf, len, s, info, PDF_SIG_CONTENTS_MAX, out, outlen);
	return rc;
}

const char *pdf_sign_strerror(int err)
{
	switch (err) {
	case PDF_SIGN_OK: return "ok";
	case PDF_SIGN_EINVAL: return "invalid argument";
	case PDF_SIGN_EPARSE: return "not a PDF this signer understands";
	case PDF_SIGN_EUNSUPPORTED: return "unsupported PDF (encrypted or xref stream)";
	case PDF_SIGN_ECRYPTO: return "signing failed";
	case PDF_SIGN_ETOOBIG: return "signature larger than the reserved space";
	default: return "unknown error";
	}
}

/* ------------------------------------------------------------------ */
/* Offline verification.                                               */

const char *pdf_sig_status_str(enum pdf_sig_status st)
{
	switch (st) {
	case PDF_SIG_VALID: return "valid";
	case PDF_SIG_NONE: return "not signed";
	case PDF_SIG_MALFORMED: return "malformed signature";
	case PDF_SIG_INVALID: return "invalid signature";
	case PDF_SIG_DIGEST_MISMATCH: return "digest mismatch";
	case PDF_SIG_NOT_WHOLE: return "not whole document signed";
	case PDF_SIG_UNTRUSTED: return "untrusted signer";
	default: return "unknown";
	}
}

/* Last occurrence of needle in p[0..len), or SIZE_MAX. */
static size_t mem_rfind(const unsigned char *p, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	if (n > len)
		return SIZE_MAX;
	for (i = len - n + 1; i-- > 0;)
		if (p[i] == (unsigned char)needle[0] && memcmp(p + i, needle, n) == 0)
			return i;
	return SIZE_MAX;
}

/* Copy the signer's CN into r->signer_cn, control characters as '?'. */
static void result_set_cn(struct pdf_sig_result *r, X509 *signer)
{
	X509_NAME *nm = X509_get_subject_name(signer);
	X509_NAME_ENTRY *e;
	unsigned char *utf8 = NULL;
	int i, n;

	i = X509_NAME_get_index_by_NID(nm, NID_commonName, -1);
	if (i < 0 || (e = X509_NAME_get_entry(nm, i)) == NULL ||
	    (n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e))) < 0)
		return;
	if ((size_t)n >= sizeof r->signer_cn) {
		n = (int)sizeof r->signer_cn - 1;
		while (n > 0 && (utf8[n] & 0xc0) == 0x80)   /* do not cut a character */
			n--;
	}
	for (i = 0; i < n; i++)
		r->signer_cn[i] = utf8[i] < 0x20 || utf8[i] == 0x7f ? '?' : (char)utf8[i];
	r->signer_cn[n] = '\0';
	OPENSSL_free(utf8);
}

/* CMS signingTime as time_t, or 0. */
static time_t cms_signing_time(CMS_SignerInfo *si)
{
	int i = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	X509_ATTRIBUTE *a;
	ASN1_TYPE *at;
	struct tm tm;

	if (i < 0 || (a = CMS_signed_get_attr(si, i)) == NULL || X509_ATTRIBUTE_count(a) != 1 ||
	    (at = X509_ATTRIBUTE_get0_type(a, 0)) == NULL ||
	    (at->type != V_ASN1_UTCTIME && at->type != V_ASN1_GENERALIZEDTIME) ||
	    !ASN1_TIME_to_tm(at->value.utctime, &tm))
		return 0;
	return timegm(&tm);
}

/* Does the messageDigest attribute match the two ranges? 1, 0, or -1. */
static int cms_digest_matches(CMS_SignerInfo *si, const unsigned char *pdf, size_t r1, size_t r2, size_t r3)
{
	X509_ALGOR *alg = NULL;
	const EVP_MD *md;
	ASN1_OCTET_STRING *want;
	unsigned char got[EVP_MAX_MD_SIZE];
	unsigned int gotlen = 0;
	EVP_MD_CTX *ctx = NULL;
	int nid, ok = -1;

	CMS_SignerInfo_get0_algs(si, NULL, NULL, &alg, NULL);
	nid = alg != NULL ? OBJ_obj2nid(alg->algorithm) : NID_undef;
	if (nid != NID_sha256 && nid != NID_sha384 && nid != NID_sha512)
		goto fail;   /* nothing weaker, nothing exotic */
	want = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	if (want == NULL || (md = EVP_get_digestbynid(nid)) == NULL || (ctx = EVP_MD_CTX_new()) == NULL ||
	    !EVP_DigestInit_ex(ctx, md, NULL) || !EVP_DigestUpdate(ctx, pdf, r1) ||
	    !EVP_DigestUpdate(ctx, pdf + r2, r3) || !EVP_DigestFinal_ex(ctx, got, &gotlen))
		goto fail;
	ok = (size_t)ASN1_STRING_length(want) == gotlen &&
	     CRYPTO_memcmp(ASN1_STRING_get0_data(want), got, gotlen) == 0;
fail:
	EVP_MD_CTX_free(ctx);
	return ok;
}

/* Does signer chain to trust (with the CMS's certificates as helpers)? */
static int cms_signer_trusted(X509_STORE *trust, X509 *signer, STACK_OF(X509) *certs,
                              struct pdf_sig_result *r)
{
	X509_STORE_CTX *ctx = NULL;
	int ok = 0;

	if (trust == NULL) {
		snprintf(r->detail, sizeof r->detail, "no trust store");
		return 0;
	}
	if ((ctx = X509_STORE_CTX_new()) == NULL || !X509_STORE_CTX_init(ctx, trust, signer, certs) ||
	    !X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SMIME_SIGN))
		goto fail;
	ok = X509_verify_cert(ctx) == 1;
	if (!ok)
		snprintf(r->detail, sizeof r->detail, "certificate: %s",
		         X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
fail:
	X509_STORE_CTX_free(ctx);
	return ok;
}

int pdf_sig_verify(const unsigned char *pdf, size_t len, X509_STORE *trust, struct pdf_sig_result *r)
{
	struct pdf_doc d = { pdf, len, 0, { 0, 0 } };
	struct pdf_tok t;
	uint64_t br[4];
	size_t pos, i, derlen;
	unsigned char *der = NULL;
	const unsigned char *dp;
	CMS_ContentInfo *cms = NULL;
	STACK_OF(CMS_SignerInfo) *sis;
	CMS_SignerInfo *si;
	STACK_OF(X509) *certs = NULL;
	X509 *signer = NULL;
	const char *why;

	if (pdf == NULL || r == NULL)
		return -1;
	memset(r, 0, sizeof *r);
	r->status = PDF_SIG_NONE;
	why = "no /ByteRange";
	pos = mem_rfind(pdf, len, "/ByteRange");
	if (pos == SIZE_MAX)
		goto done;
	r->status = PDF_SIG_MALFORMED;
	why = "bad /ByteRange";
	pos += 10;
	if (pdf_tok_next(&d, len, &pos, &t) != PDF_TK_ARR)
		goto done;
	for (i = 0; i < 4; i++)
		if (pdf_tok_next(&d, len, &pos, &t) != PDF_TK_NUM || pdf_span_uint(&d, t.a, t.b, &br[i]) != 0 || br[i] > len)
			goto done;
	if (pdf_tok_next(&d, len, &pos, &t) != PDF_TK_ARR_END || br[0] != 0 || br[1] + 2 > br[2] ||
	    br[3] > len - br[2])
		goto done;
	why = "/ByteRange gap is not the /Contents hex string";
	if (pdf[br[1]] != '<' || pdf[br[2] - 1] != '>' || (br[2] - br[1] - 2) % 2 != 0 ||
	    br[2] - br[1] - 2 > 2 * PDF_VERIFY_MAX_DER)
		goto done;
	for (i = br[1]; i > 0 && pdf_is_ws(pdf[i - 1]); i--)
		;
	if (i < 9 || memcmp(pdf + i - 9, "/Contents", 9) != 0)
		goto done;
	derlen = (br[2] - br[1] - 2) / 2;
	der = xmalloc(derlen + 1);
	for (i = 0; i < derlen; i++) {
		const unsigned char *h = pdf + br[1] + 1 + 2 * i;

		if (!pdf_is_hex(h[0]) || !pdf_is_hex(h[1]))
			goto done;
		der[i] = (unsigned char)(OPENSSL_hexchar2int(h[0]) << 4 | OPENSSL_hexchar2int(h[1]));
	}
	r->whole = br[2] + br[3] == len;

	why = "/Contents is not a detached CMS with one signer";
	dp = der;
	cms = d2i_CMS_ContentInfo(NULL, &dp, (long)derlen);
	if (cms == NULL || OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed || !CMS_is_detached(cms) ||
	    (sis = CMS_get0_SignerInfos(cms)) == NULL || sk_CMS_SignerInfo_num(sis) != 1)
		goto done;
	si = sk_CMS_SignerInfo_value(sis, 0);
	why = "signer certificate missing from the signature";
	if (CMS_set1_signers_certs(cms, NULL, 0) != 1)
		goto done;
	CMS_SignerInfo_get0_algs(si, NULL, &signer, NULL, NULL);
	if (signer == NULL)
		goto done;
	result_set_cn(r, signer);
	r->signing_time = cms_signing_time(si);

	r->sig_ok = CMS_signed_get_attr_count(si) > 0 && CMS_SignerInfo_verify(si) == 1;
	r->digest_ok = r->sig_ok && cms_digest_matches(si, pdf, br[1], br[2], br[3]) == 1;
	certs = CMS_get1_certs(cms);
	r->trusted = r->sig_ok && r->digest_ok && cms_signer_trusted(trust, signer, certs, r);
	if (!r->sig_ok) {
		r->status = PDF_SIG_INVALID;
		why = "signature does not verify";
	} else if (!r->digest_ok) {
		r->status = PDF_SIG_DIGEST_MISMATCH;
		why = "document changed after signing";
	} else if (!r->whole) {
		r->status = PDF_SIG_NOT_WHOLE;
		why = "bytes after the signed range";
	} else if (!r->trusted) {
		r->status = PDF_SIG_UNTRUSTED;
		why = NULL;   /* detail set by cms_signer_trusted */
	} else {
		r->status = PDF_SIG_VALID;
		why = "";
	}
done:
	if (why != NULL)
		snprintf(r->detail, sizeof r->detail, "%s", why);
	ERR_clear_error();
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	free(der);
	return 0;
}
