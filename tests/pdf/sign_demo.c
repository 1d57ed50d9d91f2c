/*
 * sign_demo.c - a small command-line driver for keys.c and pdf_sign.c,
 * used by tests/pdf/check_sign.sh to check our signatures with pdfsig/NSS,
 * and to measure signing cost.  Not shipped; gramsewactl has the real CLI.
 *
 *   sign_demo init-ca DIR                 CA in DIR
 *   sign_demo issue DIR USER              DIR/USER.key.pem + DIR/USER.cert.pem
 *   sign_demo mkpdf OUT.pdf               a one-page libharu PDF
 *   sign_demo sign DIR IN.pdf OUT.pdf [USER]
 *   sign_demo verify DIR FILE.pdf         exit 0 only if valid and trusted
 *   sign_demo bench DIR IN.pdf N [USER]   time N signatures with the key loaded
 *
 * The passphrase (or token PIN) comes from $SIGN_DEMO_PASS (a fixed demo
 * value if unset).  $SIGN_DEMO_KEY, if set, replaces DIR/USER.key.pem as the
 * signing key: e.g. "pkcs11:token=gs;object=officer;type=private".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>
#include <openssl/err.h>

#include "keys.h"
#include "pdf_sign.h"

#define DEMO_PATH_MAX 4096

static const char *demo_pass(void)
{
	const char *p = getenv("SIGN_DEMO_PASS");

	return p != NULL && *p != '\0' ? p : "demo passphrase, not for production";
}

static void demo_path(char *buf, const char *dir, const char *user, const char *suffix)
{
	if (snprintf(buf, DEMO_PATH_MAX, "%s/%s%s", dir, user, suffix) >= DEMO_PATH_MAX) {
		fprintf(stderr, "path too long\n");
		exit(2);
	}
}

/* Read a whole file (malloc'd; caller frees).  NULL on failure. */
static unsigned char *demo_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)n + 1)) == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	} else {
		*len = (size_t)n;
	}
	if (f != NULL)
		fclose(f);
	return buf;
}

static int demo_write(const char *path, const unsigned char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok = f != NULL && fwrite(buf, 1, len, f) == len;

	if (f != NULL && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

static int cmd_mkpdf(const char *out)
{
	HPDF_Doc d = HPDF_New(NULL, NULL);
	HPDF_Page p;
	HPDF_Font f;
	int rc = 1;

	if (d == NULL)
		return 1;
	p = HPDF_AddPage(d);
	f = HPDF_GetFont(d, "Helvetica", NULL);
	HPDF_Page_BeginText(p);
	HPDF_Page_SetFontAndSize(p, f, 14);
	HPDF_Page_TextOut(p, 60, 760, "GramSewa demo certificate");
	HPDF_Page_EndText(p);
	if (HPDF_SaveToFile(d, out) == HPDF_OK)
		rc = 0;
	HPDF_Free(d);
	return rc;
}

/* Load DIR/USER.{key,cert}.pem with the CA as chain. */
static int demo_signer(const char *dir, const char *user, struct pdf_signer *s)
{
	char kp[DEMO_PATH_MAX], cp[DEMO_PATH_MAX], ca[DEMO_PATH_MAX];
	int err;

	const char *key = getenv("SIGN_DEMO_KEY");

	demo_path(kp, dir, user, ".key.pem");
	demo_path(cp, dir, user, ".cert.pem");
	demo_path(ca, dir, "ca", ".cert.pem");
	err = keys_load_signer(key != NULL && *key != '\0' ? key : kp, cp, ca, demo_pass(), s);
	if (err != KEYS_OK)
		fprintf(stderr, "load signer: %s\n", keys_strerror(err));
	return err;
}

static int cmd_sign(const char *dir, const char *in, const char *out, const char *user, long n)
{
	const struct pdf_sig_info info = {
		"Certificate issued under the RTPS Act", "Block office, Ranchi", "Demo Officer", time(NULL)
	};
	struct pdf_signer s;
	struct timespec t0, t1;
	unsigned char *pdf = NULL, *signed_pdf = NULL;
	size_t len = 0, outlen = 0;
	long i;
	int err, rc = 1;

	if ((pdf = demo_read(in, &len)) == NULL) {
		fprintf(stderr, "cannot read %s\n", in);
		return 1;
	}
	if (demo_signer(dir, user, &s) != KEYS_OK)
		goto done;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		free(signed_pdf);
		signed_pdf = NULL;
		err = pdf_sign(pdf, len, &s, &info, &signed_pdf, &outlen);
		if (err != PDF_SIGN_OK) {
			fprintf(stderr, "sign: %s\n", pdf_sign_strerror(err));
			ERR_print_errors_fp(stderr);
			goto done;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (out != NULL && demo_write(out, signed_pdf, outlen) != 0) {
		fprintf(stderr, "cannot write %s\n", out);
		goto done;
	}
	if (n > 1)
		printf("signed %ld x: %.1f us per PDF (in %zu bytes, out %zu bytes, +%zu)\n", n,
		       ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / 1e3 / (double)n,
		       len, outlen, outlen - len);
	rc = 0;
done:
	pdf_signer_free(&s);
	free(pdf);
	free(signed_pdf);
	return rc;
}

static int cmd_verify(const char *dir, const char *file)
{
	char ca[DEMO_PATH_MAX];
	X509_STORE *trust = NULL;
	struct pdf_sig_result r;
	unsigned char *pdf;
	size_t len = 0;
	int err, rc = 1;

	if ((pdf = demo_read(file, &len)) == NULL) {
		fprintf(stderr, "cannot read %s\n", file);
		return 1;
	}
	demo_path(ca, dir, "ca", ".cert.pem");
	if ((err = keys_load_trust(ca, &trust)) != KEYS_OK) {
		fprintf(stderr, "trust store: %s\n", keys_strerror(err));
		goto done;
	}
	if (pdf_sig_verify(pdf, len, trust, &r) != 0)
		goto done;
	printf("status: %s\nsigner: %s\nsigning time: %lld\ndetail: %s\n", pdf_sig_status_str(r.status),
	       r.signer_cn, (long long)r.signing_time, r.detail);
	rc = r.status == PDF_SIG_VALID ? 0 : 1;
done:
	X509_STORE_free(trust);
	free(pdf);
	return rc;
}

int main(int argc, char **argv)
{
	char kp[DEMO_PATH_MAX], cp[DEMO_PATH_MAX], email[128];
	int err;

	if (argc == 3 && strcmp(argv[1], "init-ca") == 0) {
		err = ca_init(argv[2], demo_pass(), "GramSewa Demo CA", 3650);
	} else if (argc == 4 && strcmp(argv[1], "issue") == 0) {
		demo_path(kp, argv[2], argv[3], ".key.pem");
		demo_path(cp, argv[2], argv[3], ".cert.pem");
		snprintf(email, sizeof email, "%.64s@officers.example.org", argv[3]);
		err = ca_issue(argv[2], demo_pass(), argv[3], "Demo Officer", email, 730, kp, cp);
	} else if (argc == 3 && strcmp(argv[1], "mkpdf") == 0) {
		return cmd_mkpdf(argv[2]);
	} else if ((argc == 5 || argc == 6) && strcmp(argv[1], "sign") == 0) {
		return cmd_sign(argv[2], argv[3], argv[4], argc == 6 ? argv[5] : "user1", 1);
	} else if ((argc == 5 || argc == 6) && strcmp(argv[1], "bench") == 0) {
		return cmd_sign(argv[2], argv[3], NULL, argc == 6 ? argv[5] : "user1", atol(argv[4]) > 0 ? atol(argv[4]) : 1);
	} else if (argc == 4 && strcmp(argv[1], "verify") == 0) {
		return cmd_verify(argv[2], argv[3]);
	} else {
		fprintf(stderr, "usage: sign_demo init-ca DIR | issue DIR USER | mkpdf OUT | "
		        "sign DIR IN OUT [USER] | verify DIR FILE | bench DIR IN N [USER]\n");
		return 2;
	}
	if (err != KEYS_OK)
		fprintf(stderr, "%s: %s\n", argv[1], keys_strerror(err));
	return err == KEYS_OK ? 0 : 1;
}
