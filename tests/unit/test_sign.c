/*
 * test_sign.c - unit tests for keys.c (CA, officer keys, QR keys) and
 * pdf_sign.c (PAdES signing and offline verification).
 *
 * Prints one line per test ("ok - name" / "not ok - name: reason"), then
 * "N passed, N failed", and exits non-zero on any failure.  For valgrind,
 * run with CK_FORK=no so leaks are seen in one process.
 *
 * Build (from the repository root):
 *   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow \
 *       -Wmissing-prototypes -Werror -O2 -g -Isrc -o test_sign \
 *       tests/unit/test_sign.c src/pdf_sign.c src/keys.c src/util.c \
 *       -lhpdf $(pkg-config --libs libcrypto libsodium check)
 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <hpdf.h>
#include <openssl/x509v3.h>
#include <sodium.h>

#include "keys.h"
#include "pdf_sign.h"

#define PASS      "test passphrase 123"
#define PATH_CAP  4096

/* ------------------------------------------------------------------ */
/* Helpers.                                                            */

/* Environment trouble outside any test (setup): say so and stop. */
static void die(const char *what)
{
	fprintf(stderr, "test_sign: %s\n", what);
	exit(EXIT_FAILURE);
}

/* A fresh temporary directory; path written to buf. */
static void tmpdir_new(char *buf, size_t cap)
{
	const char *base = getenv("TMPDIR");

	if (snprintf(buf, cap, "%s/gs-sign-XXXXXX", base != NULL ? base : "/tmp") >= (int)cap ||
	    mkdtemp(buf) == NULL)
		die("cannot make a temporary directory");
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void tmpdir_free(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void path_of(char *buf, const char *dir, const char *name)
{
	if (snprintf(buf, PATH_CAP, "%s/%s", dir, name) >= PATH_CAP)
		die("path too long");
}

static int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* What mk_pdf() puts in the document. */
enum { MK_ANNOT = 1, MK_ENCRYPT = 2, MK_PAGES = 4 };

/* A libharu PDF in memory (malloc'd; caller frees). */
static unsigned char *mk_pdf(int flags, size_t *len)
{
	HPDF_Doc d = HPDF_New(NULL, NULL);
	HPDF_Rect r = { 50, 50, 150, 150 };
	HPDF_UINT32 size, got, total = 0;
	HPDF_Page p;
	unsigned char *buf;
	int i;

	ck_assert_ptr_nonnull(d);
	for (i = 0; i < ((flags & MK_PAGES) ? 3 : 1); i++) {
		p = HPDF_AddPage(d);
		HPDF_Page_BeginText(p);
		HPDF_Page_SetFontAndSize(p, HPDF_GetFont(d, "Helvetica", NULL), 12);
		HPDF_Page_TextOut(p, 50, 700, "Residence certificate JH/RAN/RC/2024-25/000123");
		HPDF_Page_EndText(p);
		if ((flags & MK_ANNOT) && i == 0)
			HPDF_Page_CreateTextAnnot(p, r, "existing note", NULL);
	}
	if (flags & MK_ENCRYPT)
		ck_assert_int_eq(HPDF_SetPassword(d, "owner", "user"), HPDF_OK);
	ck_assert_int_eq(HPDF_SaveToStream(d), HPDF_OK);
	size = HPDF_GetStreamSize(d);
	buf = malloc(size);
	ck_assert_ptr_nonnull(buf);
	while (total < size) {
		got = size - total;
		HPDF_ReadFromStream(d, buf + total, &got);
		ck_assert_uint_gt(got, 0);
		total += got;
	}
	HPDF_Free(d);
	*len = size;
	return buf;
}

/* Shared across tests (set up once): a CA, an officer, a loaded signer. */
static char g_dir[PATH_CAP];
static struct pdf_signer g_signer;
static X509_STORE *g_trust;
static const struct pdf_sig_info g_info = {
	"Certificate issued under the RTPS Act", "Block office, Kanke", "Asha Kumari", 1767225600
};

static void shared_setup(void)
{
	char kp[PATH_CAP], cp[PATH_CAP], ca[PATH_CAP];

	tmpdir_new(g_dir, sizeof g_dir);
	path_of(kp, g_dir, "officer.key.pem");
	path_of(cp, g_dir, "officer.cert.pem");
	path_of(ca, g_dir, "ca.cert.pem");
	if (ca_init(g_dir, PASS, "GramSewa Test CA", 3650) != KEYS_OK ||
	    ca_issue(g_dir, PASS, "officer.7", "Asha Kumari", "asha@example.org", 365, kp, cp) != KEYS_OK ||
	    keys_load_signer(kp, cp, ca, PASS, &g_signer) != KEYS_OK || keys_load_trust(ca, &g_trust) != KEYS_OK)
		die("shared setup (CA, officer, signer) failed");
}

static void shared_teardown(void)
{
	pdf_signer_free(&g_signer);
	X509_STORE_free(g_trust);
	tmpdir_free(g_dir);
}

/* Sign with the shared officer; the result must succeed. */
static unsigned char *sign_ok(const unsigned char *pdf, size_t len, size_t *outlen)
{
	unsigned char *out = NULL;
	int err = pdf_sign(pdf, len, &g_signer, &g_info, &out, outlen);

	ck_assert_msg(err == PDF_SIGN_OK, "pdf_sign: %s", pdf_sign_strerror(err));
	return out;
}

static enum pdf_sig_status verify_status(const unsigned char *pdf, size_t len)
{
	struct pdf_sig_result r;

	ck_assert_int_eq(pdf_sig_verify(pdf, len, g_trust, &r), 0);
	return r.status;
}

/* Offset of the last occurrence of s in p[0..len); -1 if none. */
static long find_last(const unsigned char *p, size_t len, const char *s)
{
	size_t n = strlen(s), i;

	for (i = len >= n ? len - n + 1 : 0; i-- > 0;)
		if (memcmp(p + i, s, n) == 0)
			return (long)i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* CA and officer keys.                                                */

START_TEST(ca_init_refuses_overwrite)
{
	char dir[PATH_CAP], kp[PATH_CAP];
	struct stat st;

	tmpdir_new(dir, sizeof dir);
	ck_assert_int_eq(ca_init(dir, PASS, "Second CA", 30), KEYS_OK);
	path_of(kp, dir, "ca.key.pem");
	ck_assert_int_eq(stat(kp, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(ca_init(dir, PASS, "Second CA", 30), KEYS_EEXIST);
	ck_assert_int_eq(ca_init(dir, "other pass", "Third CA", 30), KEYS_EEXIST);
	/* The original CA still opens with the original passphrase. */
	path_of(kp, dir, "o.key");
	{
		char cp[PATH_CAP];

		path_of(cp, dir, "o.cert");
		ck_assert_int_eq(ca_issue(dir, PASS, "u1", "U One", NULL, 10, kp, cp), KEYS_OK);
		ck_assert_int_eq(ca_issue(dir, PASS, "u1", "U One", NULL, 10, kp, cp), KEYS_EEXIST);
	}
	tmpdir_free(dir);
}
END_TEST

/* Is extension nid present with the given criticality? */
static int ext_critical(X509 *x, int nid)
{
	int i = X509_get_ext_by_NID(x, nid, -1);

	return i < 0 ? -1 : X509_EXTENSION_get_critical(X509_get_ext(x, i));
}

START_TEST(ca_cert_extensions)
{
	X509 *ca = sk_X509_value(g_signer.chain, 0);

	ck_assert_ptr_nonnull(ca);
	ck_assert(X509_get_extension_flags(ca) & EXFLAG_CA);
	ck_assert_int_eq(ext_critical(ca, NID_basic_constraints), 1);
	ck_assert_int_eq(ext_critical(ca, NID_key_usage), 1);
	ck_assert_uint_eq(X509_get_key_usage(ca), KU_KEY_CERT_SIGN | KU_CRL_SIGN);
	ck_assert_ptr_nonnull(X509_get0_subject_key_id(ca));
	ck_assert_int_eq(X509_check_issued(ca, ca), X509_V_OK);
}
END_TEST

START_TEST(officer_cert_extensions)
{
	X509 *x = g_signer.cert, *ca = sk_X509_value(g_signer.chain, 0);
	GENERAL_NAMES *san;
	GENERAL_NAME *gn;
	ASN1_STRING *email;
	char cn[64];

	ck_assert(!(X509_get_extension_flags(x) & EXFLAG_CA));
	ck_assert_int_eq(ext_critical(x, NID_key_usage), 1);
	ck_assert_uint_eq(X509_get_key_usage(x), KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION);
	ck_assert_uint_eq(X509_get_extended_key_usage(x), XKU_SMIME);
	ck_assert_int_eq(ext_critical(x, NID_ext_key_usage), 0);
	ck_assert_ptr_nonnull(X509_get0_subject_key_id(x));
	ck_assert_int_eq(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(x), X509_get0_subject_key_id(ca)), 0);
	ck_assert_int_eq(ASN1_STRING_length(X509_get0_serialNumber(x)), 16);
	ck_assert_int_eq(X509_verify(x, X509_get0_pubkey(ca)), 1);
	ck_assert_int_eq(X509_NAME_cmp(X509_get_issuer_name(x), X509_get_subject_name(ca)), 0);
	ck_assert_int_gt(X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, cn, sizeof cn), 0);
	ck_assert_str_eq(cn, "Asha Kumari");
	san = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	ck_assert_ptr_nonnull(san);
	ck_assert_int_eq(sk_GENERAL_NAME_num(san), 1);
	gn = sk_GENERAL_NAME_value(san, 0);
	email = GENERAL_NAME_get0_value(gn, NULL);
	ck_assert_int_eq(gn->type, GEN_EMAIL);
	ck_assert_int_eq(ASN1_STRING_length(email), 16);
	ck_assert_mem_eq(ASN1_STRING_get0_data(email), "asha@example.org", 16);
	GENERAL_NAMES_free(san);
	ck_assert_int_eq(EVP_PKEY_get_base_id(g_signer.key), EVP_PKEY_EC);
}
END_TEST

START_TEST(wrong_passphrase)
{
	char kp[PATH_CAP], cp[PATH_CAP], ca[PATH_CAP];
	struct pdf_signer s;

	path_of(kp, g_dir, "wp.key.pem");
	path_of(cp, g_dir, "wp.cert.pem");
	ck_assert_int_eq(ca_issue(g_dir, "not the passphrase", "u2", "U Two", NULL, 10, kp, cp), KEYS_EPASS);
	ck_assert(!file_exists(kp) && !file_exists(cp));
	path_of(kp, g_dir, "officer.key.pem");
	path_of(cp, g_dir, "officer.cert.pem");
	path_of(ca, g_dir, "ca.cert.pem");
	memset(&s, 0xa5, sizeof s);
	ck_assert_int_eq(keys_load_signer(kp, cp, ca, "not the passphrase", &s), KEYS_EPASS);
	ck_assert_ptr_null(s.key);
	ck_assert_ptr_null(s.cert);
	ck_assert_int_eq(keys_load_signer(kp, cp, ca, "", &s), KEYS_EINVAL);
	/* A certificate that is not the key's. */
	ck_assert_int_eq(keys_load_signer(kp, ca, ca, PASS, &s), KEYS_EMISMATCH);
	/* A certificate where the key should be. */
	ck_assert_int_eq(keys_load_signer(cp, cp, ca, PASS, &s), KEYS_EFORMAT);
	path_of(kp, g_dir, "missing.pem");
	ck_assert_int_eq(keys_load_signer(kp, cp, ca, PASS, &s), KEYS_EIO);
}
END_TEST

START_TEST(issue_rejects_bad_input)
{
	char kp[PATH_CAP], cp[PATH_CAP];

	path_of(kp, g_dir, "bad.key.pem");
	path_of(cp, g_dir, "bad.cert.pem");
	/* A comma would add a DNS name if the SAN were built from a config string. */
	ck_assert_int_eq(ca_issue(g_dir, PASS, "u3", "U", "a@b.org,DNS:evil.org", 10, kp, cp), KEYS_EINVAL);
	ck_assert_int_eq(ca_issue(g_dir, PASS, "u3", "U", "no-at-sign", 10, kp, cp), KEYS_EINVAL);
	ck_assert_int_eq(ca_issue(g_dir, PASS, "u 3", "U", NULL, 10, kp, cp), KEYS_EINVAL);
	ck_assert_int_eq(ca_issue(g_dir, PASS, "u3", "", NULL, 10, kp, cp), KEYS_EINVAL);
	ck_assert_int_eq(ca_issue(g_dir, PASS, "u3", "bad\xff utf8", NULL, 10, kp, cp), KEYS_EINVAL);
	ck_assert_int_eq(ca_issue(g_dir, PASS, "u3", "x1234567890123456789012345678901234567890123456789012345678901234",
	                          NULL, 10, kp, cp), KEYS_EINVAL);   /* 65 characters */
	ck_assert_int_eq(ca_issue(g_dir, PASS, "u3", "U", NULL, 0, kp, cp), KEYS_EINVAL);
	ck_assert_int_eq(ca_issue(g_dir, "", "u3", "U", NULL, 10, kp, cp), KEYS_EINVAL);
	ck_assert(!file_exists(kp) && !file_exists(cp));
	/* Hindi names are fine. */
	ck_assert_int_eq(ca_issue(g_dir, PASS, "u3", "आशा कुमारी", NULL, 10, kp, cp), KEYS_OK);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Signing and verification.                                           */

START_TEST(sign_verify_valid)
{
	struct pdf_sig_result r;
	unsigned char *pdf, *out;
	size_t len, outlen;

	pdf = mk_pdf(0, &len);
	out = sign_ok(pdf, len, &outlen);
	ck_assert_mem_eq(out, pdf, len);   /* incremental: original bytes untouched */
	ck_assert_int_eq(pdf_sig_verify(out, outlen, g_trust, &r), 0);
	ck_assert_msg(r.status == PDF_SIG_VALID, "status %s: %s", pdf_sig_status_str(r.status), r.detail);
	ck_assert(r.sig_ok && r.digest_ok && r.whole && r.trusted);
	ck_assert_str_eq(r.signer_cn, "Asha Kumari");
	ck_assert_int_eq((long long)r.signing_time, (long long)g_info.when);
	ck_assert_int_ge(find_last(out, outlen, "/SubFilter /ETSI.CAdES.detached"), (long)len);
	ck_assert_int_ge(find_last(out, outlen, "/SigFlags 3"), (long)len);
	ck_assert_int_ge(find_last(out, outlen, "/M (D:20260101000000+00'00')"), (long)len);
	/* Without a trust store it verifies but is not trusted. */
	ck_assert_int_eq(pdf_sig_verify(out, outlen, NULL, &r), 0);
	ck_assert_int_eq(r.status, PDF_SIG_UNTRUSTED);
	/* An unsigned PDF has no signature. */
	ck_assert_int_eq(verify_status(pdf, len), PDF_SIG_NONE);
	free(out);
	free(pdf);
}
END_TEST

START_TEST(sign_is_deterministic_outside_contents)
{
	unsigned char *pdf, *a, *b;
	size_t len, alen, blen;
	long lt, gt;

	pdf = mk_pdf(0, &len);
	a = sign_ok(pdf, len, &alen);
	b = sign_ok(pdf, len, &blen);
	ck_assert_uint_eq(alen, blen);
	lt = find_last(a, alen, "/Contents <");
	gt = lt + 11;
	while ((size_t)gt < alen && a[gt] != '>')
		gt++;
	ck_assert_int_gt(lt, 0);
	ck_assert_mem_eq(a, b, (size_t)lt);
	ck_assert_mem_eq(a + gt, b + gt, alen - (size_t)gt);
	free(a);
	free(b);
	free(pdf);
}
END_TEST

START_TEST(flip_byte_digest_mismatch)
{
	unsigned char *pdf, *out;
	size_t len, outlen;

	pdf = mk_pdf(0, &len);
	out = sign_ok(pdf, len, &outlen);
	out[len / 2] ^= 0x01;   /* inside the original page content */
	ck_assert_int_eq(verify_status(out, outlen), PDF_SIG_DIGEST_MISMATCH);
	out[len / 2] ^= 0x01;
	out[outlen - 10] ^= 0x01;   /* inside the second range (trailer) */
	ck_assert_int_eq(verify_status(out, outlen), PDF_SIG_DIGEST_MISMATCH);
	free(out);
	free(pdf);
}
END_TEST

START_TEST(append_not_whole)
{
	unsigned char *pdf, *out;
	size_t len, outlen;

	pdf = mk_pdf(0, &len);
	out = sign_ok(pdf, len, &outlen);
	out = realloc(out, outlen + 16);
	ck_assert_ptr_nonnull(out);
	memcpy(out + outlen, "\n% appended\n", 12);
	ck_assert_int_eq(verify_status(out, outlen + 12), PDF_SIG_NOT_WHOLE);
	free(out);
	free(pdf);
}
END_TEST

START_TEST(contents_tamper_invalid)
{
	unsigned char *pdf, *out;
	size_t len, outlen;
	unsigned long derlen;
	long lt, last;

	pdf = mk_pdf(0, &len);
	out = sign_ok(pdf, len, &outlen);
	lt = find_last(out, outlen, "/Contents <");
	/* DER "30 82 hi lo": the last byte is the end of the ECDSA value s. */
	ck_assert_int_eq(sscanf((char *)out + lt + 11, "3082%4lx", &derlen), 1);
	last = lt + 11 + 2 * (long)(derlen + 4) - 1;
	out[last] = out[last] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(verify_status(out, outlen), PDF_SIG_INVALID);
	/* Non-hex in /Contents. */
	out[lt + 12] = 'x';
	ck_assert_int_eq(verify_status(out, outlen), PDF_SIG_MALFORMED);
	free(out);
	free(pdf);
}
END_TEST

START_TEST(untrusted_signer)
{
	char dir[PATH_CAP], ca[PATH_CAP];
	X509_STORE *other = NULL;
	struct pdf_sig_result r;
	unsigned char *pdf, *out;
	size_t len, outlen;

	tmpdir_new(dir, sizeof dir);
	ck_assert_int_eq(ca_init(dir, PASS, "Some Other CA", 30), KEYS_OK);
	path_of(ca, dir, "ca.cert.pem");
	ck_assert_int_eq(keys_load_trust(ca, &other), KEYS_OK);
	pdf = mk_pdf(0, &len);
	out = sign_ok(pdf, len, &outlen);
	ck_assert_int_eq(pdf_sig_verify(out, outlen, other, &r), 0);
	ck_assert_int_eq(r.status, PDF_SIG_UNTRUSTED);
	ck_assert(r.sig_ok && r.digest_ok && r.whole && !r.trusted);
	ck_assert_msg(strstr(r.detail, "certificate") != NULL, "detail: %s", r.detail);
	X509_STORE_free(other);
	free(out);
	free(pdf);
	tmpdir_free(dir);
}
END_TEST

START_TEST(merge_existing_annots_and_countersign)
{
	unsigned char *pdf, *once, *twice;
	size_t len, l1, l2, i;
	long pos;
	int refs;

	pdf = mk_pdf(MK_ANNOT | MK_PAGES, &len);
	ck_assert_int_ge(find_last(pdf, len, "/Annots [ "), 0);
	once = sign_ok(pdf, len, &l1);
	ck_assert_int_eq(verify_status(once, l1), PDF_SIG_VALID);
	/* The rewritten page keeps the old annotation and adds the widget. */
	pos = find_last(once, l1, "/Annots [ ");
	ck_assert_int_gt(pos, (long)len);
	for (refs = 0, i = (size_t)pos; i < l1 && once[i] != ']'; i++)
		refs += once[i] == 'R';
	ck_assert_int_eq(refs, 2);
	/* Signing the signed file: a second update, the last signature checks. */
	twice = sign_ok(once, l1, &l2);
	ck_assert_mem_eq(twice, once, l1);
	ck_assert_int_eq(verify_status(twice, l2), PDF_SIG_VALID);
	/* The first revision, cut out of the new file, still verifies. */
	ck_assert_int_eq(verify_status(twice, l1), PDF_SIG_VALID);
	pos = find_last(twice, l2, "/Fields [ ");
	ck_assert_int_gt(pos, (long)l1);
	free(twice);
	free(once);
	free(pdf);
}
END_TEST

START_TEST(hindi_reason_is_utf16)
{
	struct pdf_sig_info info = g_info;
	unsigned char *pdf, *out = NULL;
	size_t len, outlen;

	info.reason = "प्रमाण पत्र जारी";   /* starts with U+092A */
	pdf = mk_pdf(0, &len);
	ck_assert_int_eq(pdf_sign(pdf, len, &g_signer, &info, &out, &outlen), PDF_SIGN_OK);
	ck_assert_int_gt(find_last(out, outlen, "/Reason <FEFF092A094D0930"), 0);
	ck_assert_int_eq(verify_status(out, outlen), PDF_SIG_VALID);
	free(out);
	out = NULL;
	info.reason = "bad \xc0\xaf overlong";
	ck_assert_int_eq(pdf_sign(pdf, len, &g_signer, &info, &out, &outlen), PDF_SIGN_EINVAL);
	info.reason = "paren ) and \\ escaped";
	ck_assert_int_eq(pdf_sign(pdf, len, &g_signer, &info, &out, &outlen), PDF_SIGN_OK);
	ck_assert_int_gt(find_last(out, outlen, "/Reason (paren \\) and \\\\ escaped)"), 0);
	free(out);
	free(pdf);
}
END_TEST

START_TEST(encrypted_pdf_unsupported)
{
	unsigned char *pdf, *out = NULL;
	size_t len, outlen;

	pdf = mk_pdf(MK_ENCRYPT, &len);
	ck_assert_int_eq(pdf_sign(pdf, len, &g_signer, &g_info, &out, &outlen), PDF_SIGN_EUNSUPPORTED);
	ck_assert_ptr_null(out);
	free(pdf);
}
END_TEST

/*
 * Sign a damaged document: it must fail with PDF_SIGN_EPARSE, or succeed
 * with a valid signature (a cut can leave an earlier, complete revision
 * followed by junk, which is a readable PDF).
 */
static void sign_or_eparse(const unsigned char *pdf, size_t len)
{
	unsigned char *out = NULL;
	size_t outlen;
	int err = pdf_sign(pdf, len, &g_signer, &g_info, &out, &outlen);

	ck_assert_msg(err == PDF_SIGN_OK || err == PDF_SIGN_EPARSE || err == PDF_SIGN_EUNSUPPORTED,
	              "len %zu: %s", len, pdf_sign_strerror(err));
	if (err == PDF_SIGN_OK)
		ck_assert_int_eq(verify_status(out, outlen), PDF_SIG_VALID);
	else
		ck_assert_ptr_null(out);
	free(out);
}

START_TEST(truncated_inputs)
{
	struct pdf_sig_result r;
	unsigned char *pdf, *signed_pdf, *cut;
	size_t len, slen, n;

	pdf = mk_pdf(MK_ANNOT, &len);
	signed_pdf = sign_ok(pdf, len, &slen);
	for (n = 0; n < len; n += 97) {
		/* An exact-size copy, so ASan/valgrind catch any read past the end. */
		cut = malloc(n ? n : 1);
		memcpy(cut, pdf, n);
		sign_or_eparse(cut, n);
		free(cut);
	}
	for (n = 0; n < slen; n += 97) {
		cut = malloc(n ? n : 1);
		memcpy(cut, signed_pdf, n);
		ck_assert_int_eq(pdf_sig_verify(cut, n, g_trust, &r), 0);
		ck_assert_msg(r.status != PDF_SIG_VALID, "truncated at %zu verified", n);
		sign_or_eparse(cut, n);
		free(cut);
	}
	free(signed_pdf);
	free(pdf);
}
END_TEST

START_TEST(garbage_trailer_and_missing_startxref)
{
	unsigned char *pdf, *out = NULL;
	size_t len, outlen;
	long t, i;

	pdf = mk_pdf(0, &len);
	t = find_last(pdf, len, "trailer");
	ck_assert_int_gt(t, 0);
	for (i = t + 8; i < t + 30; i++)
		pdf[i] = "(<[/)>]\\%"[i % 9];
	ck_assert_int_eq(pdf_sign(pdf, len, &g_signer, &g_info, &out, &outlen), PDF_SIGN_EPARSE);
	free(pdf);

	pdf = mk_pdf(0, &len);
	t = find_last(pdf, len, "startxref");
	pdf[t + 8] = 'X';
	ck_assert_int_eq(pdf_sign(pdf, len, &g_signer, &g_info, &out, &outlen), PDF_SIGN_EPARSE);
	free(pdf);

	pdf = mk_pdf(0, &len);   /* startxref pointing past the end */
	t = find_last(pdf, len, "startxref");
	pdf = realloc(pdf, (size_t)t + 40);
	ck_assert_ptr_nonnull(pdf);
	memcpy(pdf + t, "startxref\n99999999\n%%EOF\n", 25);
	ck_assert_int_eq(pdf_sign(pdf, (size_t)t + 25, &g_signer, &g_info, &out, &outlen), PDF_SIGN_EPARSE);
	free(pdf);

	ck_assert_int_eq(pdf_sign((const unsigned char *)"%PDF-1.3", 8, &g_signer, &g_info, &out, &outlen),
	                 PDF_SIGN_EPARSE);
	ck_assert_int_eq(pdf_sign(NULL, 0, &g_signer, &g_info, &out, &outlen), PDF_SIGN_EINVAL);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(prev_loop_fails_cleanly)
{
	unsigned char *pdf, *once, *bad, *out = NULL;
	size_t len, l1, outlen, blen;
	size_t ndig;
	long prev, sx, eol;
	char self[32];

	pdf = mk_pdf(0, &len);
	once = sign_ok(pdf, len, &l1);
	/* Point the newest trailer's /Prev at its own xref section. */
	sx = find_last(once, l1, "startxref\n");
	prev = find_last(once, l1, "/Prev ");
	ck_assert(sx > 0 && prev > 0 && prev < sx);
	for (eol = prev; once[eol] != '\n'; eol++)
		;
	for (ndig = 0; (size_t)sx + 10 + ndig < l1 && once[sx + 10 + (long)ndig] != '\n'; ndig++)
		;
	snprintf(self, sizeof self, "/Prev %.*s", (int)ndig, (char *)once + sx + 10);
	blen = (size_t)prev + strlen(self) + (l1 - (size_t)eol);
	bad = malloc(blen);
	memcpy(bad, once, (size_t)prev);
	memcpy(bad + prev, self, strlen(self));
	memcpy(bad + prev + strlen(self), once + eol, l1 - (size_t)eol);
	ck_assert_int_eq(pdf_sign(bad, blen, &g_signer, &g_info, &out, &outlen), PDF_SIGN_EPARSE);
	ck_assert_ptr_null(out);
	free(bad);
	free(once);
	free(pdf);
}
END_TEST

START_TEST(random_corruption_no_crash)
{
	unsigned char *pdf, *copy;
	size_t len;
	unsigned seed = 12345;
	int i, k;

	pdf = mk_pdf(MK_ANNOT, &len);
	copy = malloc(len);
	for (i = 0; i < 2000; i++) {
		memcpy(copy, pdf, len);
		for (k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			copy[(seed >> 8) % len] = (unsigned char)(seed >> 20);
		}
		sign_or_eparse(copy, len);
	}
	free(copy);
	free(pdf);
}
END_TEST

/* ------------------------------------------------------------------ */
/* QR keys.                                                            */

static const unsigned char rec1[] = "1|JH/RAN/RC/2024-25/000123|Asha Kumari|2026-01-01";

START_TEST(qr_generate_sign_verify)
{
	char dir[PATH_CAP], set_path[PATH_CAP], kid[QRKEY_KID_LEN + 1], keyfile[PATH_CAP];
	struct qrkey k;
	struct qrkey_set set;
	unsigned char sig[QRKEY_SIG_BYTES];
	struct stat st;

	tmpdir_new(dir, sizeof dir);
	ck_assert_int_eq(qrkey_generate(dir, PASS, kid), KEYS_OK);
	ck_assert_uint_eq(strlen(kid), QRKEY_KID_LEN);
	snprintf(set_path, sizeof set_path, "qr-%s.key", kid);
	path_of(keyfile, dir, set_path);
	ck_assert_int_eq(stat(keyfile, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(qrkey_load_active(dir, PASS, &k), KEYS_OK);
	ck_assert_str_eq(k.kid, kid);
	ck_assert_int_eq(qrkey_sign(&k, rec1, sizeof rec1 - 1, sig), KEYS_OK);
	path_of(set_path, dir, QRKEY_SET_FILE);
	ck_assert_int_eq(qrkey_set_load(set_path, &set), KEYS_OK);
	ck_assert_uint_eq(set.n, 1);
	ck_assert(set.keys[0].active);
	ck_assert_int_eq(qrkey_verify(&set, kid, rec1, sizeof rec1 - 1, sig), KEYS_OK);
	ck_assert_int_eq(qrkey_load_active(dir, "wrong passphrase", &k), KEYS_EPASS);
	ck_assert_uint_eq(k.kid[0], 0);
	qrkey_set_free(&set);
	tmpdir_free(dir);
}
END_TEST

START_TEST(qr_rotate_old_kid_unknown_kid_tamper)
{
	char dir[PATH_CAP], set_path[PATH_CAP], kid1[QRKEY_KID_LEN + 1], kid2[QRKEY_KID_LEN + 1];
	unsigned char sig1[QRKEY_SIG_BYTES], sig2[QRKEY_SIG_BYTES], bad[sizeof rec1];
	struct qrkey k;
	struct qrkey_set set;

	tmpdir_new(dir, sizeof dir);
	ck_assert_int_eq(qrkey_generate(dir, PASS, kid1), KEYS_OK);
	ck_assert_int_eq(qrkey_load_active(dir, PASS, &k), KEYS_OK);
	ck_assert_int_eq(qrkey_sign(&k, rec1, sizeof rec1 - 1, sig1), KEYS_OK);
	qrkey_wipe(&k);
	ck_assert_int_eq(qrkey_generate(dir, PASS, kid2), KEYS_OK);   /* rotation */
	ck_assert_str_ne(kid1, kid2);
	ck_assert_int_eq(qrkey_load_active(dir, PASS, &k), KEYS_OK);
	ck_assert_str_eq(k.kid, kid2);
	ck_assert_int_eq(qrkey_sign(&k, rec1, sizeof rec1 - 1, sig2), KEYS_OK);
	qrkey_wipe(&k);
	path_of(set_path, dir, QRKEY_SET_FILE);
	ck_assert_int_eq(qrkey_set_load(set_path, &set), KEYS_OK);
	ck_assert_uint_eq(set.n, 2);
	ck_assert(!set.keys[0].active && set.keys[1].active);
	/* Old records still verify with the old kid, new ones with the new. */
	ck_assert_int_eq(qrkey_verify(&set, kid1, rec1, sizeof rec1 - 1, sig1), KEYS_OK);
	ck_assert_int_eq(qrkey_verify(&set, kid2, rec1, sizeof rec1 - 1, sig2), KEYS_OK);
	/* verified signatures are remembered: the same again is still good,
	 * and what is remembered answers no other record, key or length */
	ck_assert_int_eq(qrkey_verify(&set, kid1, rec1, sizeof rec1 - 1, sig1), KEYS_OK);
	ck_assert_int_eq(qrkey_verify(&set, kid1, rec1, sizeof rec1 - 2, sig1), KEYS_EBADSIG);
	ck_assert_int_eq(qrkey_verify(&set, kid2, rec1, sizeof rec1 - 1, sig1), KEYS_EBADSIG);
	ck_assert_int_eq(qrkey_verify(&set, "AAAAAAAA", rec1, sizeof rec1 - 1, sig1), KEYS_ENOKEY);
	ck_assert_int_eq(qrkey_verify(&set, "", rec1, sizeof rec1 - 1, sig1), KEYS_ENOKEY);
	memcpy(bad, rec1, sizeof rec1);
	bad[5] ^= 1;
	ck_assert_int_eq(qrkey_verify(&set, kid1, bad, sizeof rec1 - 1, sig1), KEYS_EBADSIG);
	sig1[0] ^= 1;
	ck_assert_int_eq(qrkey_verify(&set, kid1, rec1, sizeof rec1 - 1, sig1), KEYS_EBADSIG);
	qrkey_set_free(&set);
	tmpdir_free(dir);
}
END_TEST

START_TEST(qr_keyset_hostile_json)
{
	static const char good[] =
		"{\"keys\":[{\"kid\":\"%s\",\"alg\":\"Ed25519\",\"pub\":\"%s\",\"created\":\"x\",\"active\":true,"
		"\"extra\":[1,{\"a\":null}]}],\"comment\":\"\\u00e9\"}";
	static const char *const bad[] = {
		"", "{", "{}", "[]", "{\"keys\":{}}", "{\"keys\":[1]}", "{\"keys\":[]} x",
		"{\"keys\":[{\"kid\":\"ABCDEFGH\",\"alg\":\"Ed25519\",\"pub\":\"AAAA\"}]}",
		"{\"keys\":[{\"kid\":\"../../etc\",\"alg\":\"Ed25519\",\"pub\":\"\"}]}",
		"{\"keys\":[],\"keys\":[]}", "{\"keys\":[\"\\u0000\"]}", "{\"keys\":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}",
	};
	unsigned char pk[QRKEY_PUB_BYTES], sk[64], h[32];
	char kid[QRKEY_KID_LEN + 1], pub[64], json[512];
	struct qrkey_set set;
	size_t i, n;

	ck_assert_int_ge(sodium_init(), 0);
	crypto_sign_keypair(pk, sk);
	crypto_hash_sha256(h, pk, sizeof pk);
	sodium_bin2base64(kid, sizeof kid, h, 6, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_bin2base64(pub, sizeof pub, pk, sizeof pk, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	n = (size_t)snprintf(json, sizeof json, good, kid, pub);
	ck_assert_int_eq(qrkey_set_parse(json, n, &set), KEYS_OK);
	ck_assert_uint_eq(set.n, 1);
	qrkey_set_free(&set);
	/* Every prefix of a good set is bad and must fail cleanly. */
	for (i = 0; i < n; i++)
		ck_assert_int_eq(qrkey_set_parse(json, i, &set), KEYS_EFORMAT);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(qrkey_set_parse(bad[i], strlen(bad[i]), &set) == KEYS_EFORMAT, "accepted %s", bad[i]);
	/* A kid that is not the hash of its key is refused. */
	kid[0] = kid[0] == 'A' ? 'B' : 'A';
	n = (size_t)snprintf(json, sizeof json, good, kid, pub);
	ck_assert_int_eq(qrkey_set_parse(json, n, &set), KEYS_EFORMAT);
	ck_assert_ptr_null(set.keys);
}
END_TEST

/* ------------------------------------------------------------------ */

static void add(Suite *s, const char *name, const TTest *t)
{
	TCase *tc = tcase_create(name);

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, t);
	suite_add_tcase(s, tc);
}

int main(void)
{
	Suite *s = suite_create("sign");
	SRunner *sr;
	TestResult **res;
	int i, n, failed = 0;

	shared_setup();
	add(s, "ca_init_refuses_overwrite", ca_init_refuses_overwrite);
	add(s, "ca_cert_extensions", ca_cert_extensions);
	add(s, "officer_cert_extensions", officer_cert_extensions);
	add(s, "wrong_passphrase", wrong_passphrase);
	add(s, "issue_rejects_bad_input", issue_rejects_bad_input);
	add(s, "sign_verify_valid", sign_verify_valid);
	add(s, "sign_is_deterministic_outside_contents", sign_is_deterministic_outside_contents);
	add(s, "flip_byte_digest_mismatch", flip_byte_digest_mismatch);
	add(s, "append_not_whole", append_not_whole);
	add(s, "contents_tamper_invalid", contents_tamper_invalid);
	add(s, "untrusted_signer", untrusted_signer);
	add(s, "merge_existing_annots_and_countersign", merge_existing_annots_and_countersign);
	add(s, "hindi_reason_is_utf16", hindi_reason_is_utf16);
	add(s, "encrypted_pdf_unsupported", encrypted_pdf_unsupported);
	add(s, "truncated_inputs", truncated_inputs);
	add(s, "garbage_trailer_and_missing_startxref", garbage_trailer_and_missing_startxref);
	add(s, "prev_loop_fails_cleanly", prev_loop_fails_cleanly);
	add(s, "random_corruption_no_crash", random_corruption_no_crash);
	add(s, "qr_generate_sign_verify", qr_generate_sign_verify);
	add(s, "qr_rotate_old_kid_unknown_kid_tamper", qr_rotate_old_kid_unknown_kid_tamper);
	add(s, "qr_keyset_hostile_json", qr_keyset_hostile_json);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_SILENT);
	res = srunner_results(sr);
	n = srunner_ntests_run(sr);
	for (i = 0; i < n; i++) {
		if (tr_rtype(res[i]) == CK_PASS) {
			printf("ok - %s\n", tr_tcname(res[i]));
		} else {
			printf("not ok - %s: %s (line %d)\n", tr_tcname(res[i]), tr_msg(res[i]), tr_lno(res[i]));
			failed++;
		}
	}
	printf("%d passed, %d failed\n", n - failed, failed);
	free(res);
	srunner_free(sr);
	shared_teardown();
	return failed == 0 && n > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
