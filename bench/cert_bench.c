/*
 * cert_bench.c — certificate issue cost in-process, without HTTP or the
 * database: for each certificate, the signed QR record (Ed25519), the PDF
 * (HarfBuzz-shaped Hindi and English, vector QR, libharu) and the PAdES
 * signature (P-256 officer key) — what cert_issue() in src/cert.c does
 * besides its SQL.  The keys are a test CA and officer made with
 * ca_init/ca_issue and a QR key from qrkey_generate, in a temporary
 * directory that is removed at the end.
 *
 *   cert_bench [-n N] [-p PROCS] [-o LAST.pdf]
 *
 * Each of PROCS processes issues N certificates; prints certificates/s per
 * core (one process), the split between record, render and sign, the PDF
 * size, and with PROCS > 1 the total rate.  The last certificate's
 * signature is verified against the test CA as a sanity check.
 *
 * Built by bench/certs.sh against libgramsewa.a of the benchmark build.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cert.h"
#include "cert_pdf.h"
#include "keys.h"
#include "pdf_sign.h"
#include "util.h"

#define PASS "bench passphrase, not for production"

static const char *const names_hi[] = { "सुनीता देवी", "रमेश कुमार महतो", "बिरसा मुंडा", "कविता सिंह", "अनीता कुजूर",
					"मनोज मिंज", "फुलमनी हेम्ब्रम", "सुखराम उरांव", "मीना देवी", "अर्जुन सोरेन" };
static const char *const names_en[] = { "Sunita Devi", "Ramesh Kumar Mahto", "Birsa Munda", "Kavita Singh", "Anita Kujur",
					"Manoj Minz", "Phulmani Hembrom", "Sukhram Oraon", "Meena Devi", "Arjun Soren" };
static const char *const villages[] = { "पोखराहा कलां", "जमुने", "लहलहे", "सरजा", "चियांकी", "रेड़मा", "बैरिया", "सिंगरा" };

struct timing {
	double record, render, sign;
	size_t unsigned_bytes, signed_bytes;
};

static char *path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = path_in(dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* One certificate: record + QR signature, render, PAdES sign. */
static int issue_one(long i, const struct qrkey *qk, const struct pdf_signer *signer, struct timing *t,
		     unsigned char **last, size_t *last_len)
{
	struct arena a;
	arena_init(&a);
	int rc = -1;
	unsigned char *pdf = NULL, *signed_pdf = NULL;
	size_t plen = 0, slen = 0;
	double t0 = now_mono();
	char tail[9];
	cert_random_tail(tail);
	const char *number = arena_printf(&a, "JH-INC-2611-%s", tail);
	size_t who = (size_t)i % 10, vil = (size_t)(i / 10) % 8;
	const char *holder = arena_printf(&a, "%s / %s", names_hi[who], names_en[who]);
	const char *father = arena_printf(&a, "%s / %s", names_hi[(who + 3) % 10], names_en[(who + 3) % 10]);
	char *record = arena_printf(&a, "GS1|%s|%s|INC|%s|%s|2026-11-23|2027-11-22|%ld", qk->kid, number, names_en[who],
				    names_en[(who + 3) % 10], 5L);
	unsigned char sig[QRKEY_SIG_BYTES];
	if (qrkey_sign(qk, (const unsigned char *)record, strlen(record), sig) != KEYS_OK)
		goto out;
	const char *url = arena_printf(&a, "https://gramsewa.jharkhand.gov.in/v/%s?d=%s&s=%s", number,
				       b64url_encode(&a, (const unsigned char *)record, strlen(record)),
				       b64url_encode(&a, sig, sizeof sig));
	double t1 = now_mono();
	const struct cert_fact facts[] = {
		{ "Name of Applicant", "आवेदक का नाम", holder },
		{ "Father's / Husband's Name", "पिता / पति का नाम", father },
		{ "Address", "निवास / पता",
		  arena_printf(&a, "ग्राम %s, पंचायत जमुने, प्रखंड मेदिनीनगर, जिला पलामू, झारखण्ड 822101", villages[vil]) },
		{ "Occupation", "व्यवसाय", "कृषि (Agriculture)" },
		{ "Annual Income from all sources", "सभी स्रोतों से वार्षिक आय",
		  arena_printf(&a, "₹ %ld,000 (%ld हज़ार रुपये मात्र)", 60 + i % 300, 60 + i % 300) },
		{ "Purpose", "प्रयोजन", "छात्रवृत्ति हेतु / For scholarship" },
	};
	struct cert_layout cl = {
		.state = { "Government of Jharkhand", "झारखण्ड सरकार" },
		.department = { "Revenue, Registration and Land Reforms", "राजस्व, निबंधन एवं भूमि सुधार" },
		.office = { "Circle Office, Medininagar(Daltonganj)", "अंचल कार्यालय, मेदिनीनगर (डालटनगंज)" },
		.title = { "Income Certificate", "आय प्रमाण पत्र" },
		.statement = { "This is to certify that the particulars below have been verified from the records of this office.",
			       "प्रमाणित किया जाता है कि नीचे दिए गए विवरण इस कार्यालय के अभिलेखों से सत्यापित हैं।" },
		.facts = facts,
		.n_facts = sizeof facts / sizeof facts[0],
		.cert_no = number,
		.app_no = arena_printf(&a, "JH/358/INC/2026-27/%06ld", i + 1),
		.issue_date = "23-11-2026",
		.valid_until = "22-11-2027",
		.officer_name = "Kavita Singh",
		.officer_designation = "अंचल अधिकारी / Circle Officer",
		.verify_url = url,
		.verify_line = arena_printf(&a, "Verify at gramsewa.jharkhand.gov.in/v/%s", number),
		.issued_at = 1795400000,
	};
	if (cert_pdf_render(&cl, &pdf, &plen) != 0)
		goto out;
	double t2 = now_mono();
	struct pdf_sig_info info = { .reason = "Certificate issued under the Jharkhand Right to Service Act",
				     .location = "Circle Office, Medininagar(Daltonganj)", .name = "Kavita Singh",
				     .when = time(NULL) };
	int sr = pdf_sign(pdf, plen, signer, &info, &signed_pdf, &slen);
	if (sr != PDF_SIGN_OK) {
		fprintf(stderr, "pdf_sign: %s\n", pdf_sign_strerror(sr));
		goto out;
	}
	double t3 = now_mono();
	t->record += t1 - t0;
	t->render += t2 - t1;
	t->sign += t3 - t2;
	t->unsigned_bytes = plen;
	t->signed_bytes = slen;
	if (last) {
		free(*last);
		*last = signed_pdf;
		*last_len = slen;
		signed_pdf = NULL;
	}
	rc = 0;
out:
	free(pdf);
	free(signed_pdf);
	arena_free(&a);
	return rc;
}

int main(int argc, char **argv)
{
	long n = 200, procs = 1;
	const char *out_path = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "n:p:o:")) != -1) {
		if (opt == 'n')
			n = atol(optarg);
		else if (opt == 'p')
			procs = atol(optarg);
		else if (opt == 'o')
			out_path = optarg;
		else {
			fprintf(stderr, "usage: cert_bench [-n N] [-p PROCS] [-o LAST.pdf]\n");
			return 2;
		}
	}
	if (n < 1 || procs < 1 || procs > 256 || sodium_init() < 0)
		return 2;
	char dir[] = "/tmp/gsbench-certs.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	int rc = 1;
	char *key = path_in(dir, "officer.key.pem"), *crt = path_in(dir, "officer.cert.pem"), *ca = path_in(dir, "ca.cert.pem");
	struct pdf_signer signer;
	struct qrkey qk;
	char kid[QRKEY_KID_LEN + 1];
	memset(&signer, 0, sizeof signer);
	memset(&qk, 0, sizeof qk);
	int k;
	double t0 = now_mono();
	if ((k = ca_init(dir, PASS, "GramSewa Bench CA", 3650)) != KEYS_OK ||
	    (k = ca_issue(dir, PASS, "5", "Kavita Singh", "co@officers.example.org", 730, key, crt)) != KEYS_OK ||
	    (k = keys_load_signer(key, crt, ca, PASS, &signer)) != KEYS_OK || (k = qrkey_generate(dir, PASS, kid)) != KEYS_OK ||
	    (k = qrkey_load_active(dir, PASS, &qk)) != KEYS_OK) {
		fprintf(stderr, "keys: %s\n", keys_strerror(k));
		goto done;
	}
	double t_keys = now_mono() - t0;
	/* one certificate first: fonts, shaping caches, OpenSSL state */
	struct timing warm = { 0 };
	if (issue_one(0, &qk, &signer, &warm, NULL, NULL) != 0)
		goto done;

	/* one process: per core */
	struct timing t = { 0 };
	unsigned char *last = NULL;
	size_t last_len = 0;
	t0 = now_mono();
	for (long i = 1; i <= n; i++)
		if (issue_one(i, &qk, &signer, &t, &last, &last_len) != 0)
			goto done;
	double wall = now_mono() - t0;
	printf("cert issue in-process, 1 core: %.1f certificates/s (%ld in %.2f s; per certificate: QR record + Ed25519 %.3f ms, "
	       "render + shape + QR %.2f ms, PAdES sign %.2f ms); PDF %.1f kB unsigned, %.1f kB signed; keys set up in %.2f s\n",
	       (double)n / wall, n, wall, 1000 * t.record / (double)n, 1000 * t.render / (double)n, 1000 * t.sign / (double)n,
	       (double)t.unsigned_bytes / 1024, (double)t.signed_bytes / 1024, t_keys);
	fflush(stdout);

	X509_STORE *trust = NULL;
	struct pdf_sig_result vr;
	if (keys_load_trust(ca, &trust) == KEYS_OK && pdf_sig_verify(last, last_len, trust, &vr) == 0)
		printf("  last certificate's signature: %s (signer %s)\n", pdf_sig_status_str(vr.status), vr.signer_cn);
	X509_STORE_free(trust);
	if (out_path) {
		FILE *f = fopen(out_path, "wb");
		if (!f || fwrite(last, 1, last_len, f) != last_len || fclose(f) != 0)
			fprintf(stderr, "cannot write %s\n", out_path);
	}
	free(last);

	if (procs > 1) {
		t0 = now_mono();
		for (long p = 0; p < procs; p++) {
			pid_t pid = fork();
			if (pid < 0) {
				perror("fork");
				goto done;
			}
			if (pid == 0) {
				struct timing tc = { 0 };
				for (long i = 1; i <= n; i++)
					if (issue_one(i + p * n, &qk, &signer, &tc, NULL, NULL) != 0)
						_exit(1);
				_exit(0);
			}
		}
		int failed = 0, st;
		while (wait(&st) > 0)
			if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
				failed++;
		wall = now_mono() - t0;
		printf("cert issue in-process, %ld processes: %.1f certificates/s in all (%ld in %.2f s%s)\n", procs,
		       (double)(n * procs) / wall, n * procs, wall, failed ? ", SOME FAILED" : "");
	}
	rc = 0;
done:
	qrkey_wipe(&qk);
	pdf_signer_free(&signer);
	free(key);
	free(crt);
	free(ca);
	rm_dir(dir);
	return rc;
}
