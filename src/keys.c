/*
 * keys.c - the deployment's signing keys (see keys.h).
 *
 * One module owns every private key so that the storage can change (files
 * today, a PKCS#11 token tomorrow) without the callers noticing: they get
 * an EVP_PKEY inside a struct pdf_signer, or an opaque struct qrkey.
 *
 * Choices, and why:
 * - X.509 keys are P-256 ECDSA: ~0.1 ms per signature against ~0.3 ms for
 *   RSA-2048, and pdfsig/NSS and Acrobat verify them.  ECDSA in OpenSSL 3.0
 *   is randomised (no RFC 6979), so two signatures of one PDF differ.
 * - Private keys at rest: PKCS#8 EncryptedPrivateKeyInfo with PBES2
 *   (PBKDF2-HMAC-SHA256, KEYS_PBKDF2_ITER rounds, AES-256-CBC), readable by
 *   `openssl pkey`.  Only encrypted keys are accepted when loading.
 * - Officer certificates carry extendedKeyUsage emailProtection: NSS
 *   (pdfsig) verifies PDF signatures as an e-mail signer and rejects
 *   codeSigning-only certificates; emailProtection also keeps the key from
 *   passing as a TLS client certificate.
 * - QR keys are Ed25519 (libsodium).  The secret key file holds the 32-byte
 *   seed sealed with crypto_secretbox under an Argon2id key derived from the
 *   passphrase; the cost parameters are stored in the file so they can grow.
 *   A kid is the first 6 bytes of SHA-256(public key) in base64url (8 chars),
 *   so it can be recomputed from the published key and is checked on load.
 */
#include "keys.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#ifndef OPENSSL_NO_ENGINE
#include <openssl/engine.h>
#endif
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <sodium.h>

#include "json.h"
#include "util.h"

/* PBKDF2-HMAC-SHA256 rounds for PKCS#8 key files (~0.1 s per load). */
#define KEYS_PBKDF2_ITER     200000
/* Longest passphrase accepted. */
#define KEYS_PASS_MAX        1024
/* Longest path we build. */
#define KEYS_PATH_MAX        4096
/* Longest CN in characters (X.520 ub-common-name). */
#define KEYS_CN_MAX          64
/* Validity bounds for certificates, in days. */
#define KEYS_DAYS_MAX        36500
/* Largest PEM or key-set file we read. */
#define KEYS_FILE_MAX        (1024 * 1024)
/* Certificates are back-dated this much against clock skew between hosts. */
#define KEYS_BACKDATE_SEC    300

/* QR secret key file: magic | opslimit | memlimit | salt | nonce | box(seed). */
#define QRK_MAGIC            "GSQRK01\n"
#define QRK_MAGIC_LEN        8
#define QRK_OPSLIMIT         3ULL                 /* Argon2id passes */
#define QRK_MEMLIMIT         (64ULL << 20)        /* 64 MiB */
#define QRK_MEMLIMIT_MAX     (1ULL << 30)         /* refuse files asking for more */
#define QRK_OFF_OPS          QRK_MAGIC_LEN
#define QRK_OFF_MEM          (QRK_OFF_OPS + 8)
#define QRK_OFF_SALT         (QRK_OFF_MEM + 8)
#define QRK_OFF_NONCE        (QRK_OFF_SALT + crypto_pwhash_SALTBYTES)
#define QRK_OFF_BOX          (QRK_OFF_NONCE + crypto_secretbox_NONCEBYTES)
#define QRK_FILE_LEN         (QRK_OFF_BOX + crypto_secretbox_MACBYTES + crypto_sign_SEEDBYTES)

const char *keys_strerror(int err)
{
	switch (err) {
	case KEYS_OK: return "ok";
	case KEYS_EINVAL: return "invalid argument";
	case KEYS_EEXIST: return "file exists; refusing to overwrite";
	case KEYS_EIO: return "file could not be read or written";
	case KEYS_EPASS: return "wrong passphrase";
	case KEYS_EFORMAT: return "malformed key, certificate or key set file";
	case KEYS_EMISMATCH: return "key and certificate do not belong together";
	case KEYS_ECRYPTO: return "crypto library failure";
	case KEYS_ENOKEY: return "no such key (or the token refused the PIN)";
	case KEYS_EBADSIG: return "signature does not verify";
	case KEYS_EUNSUPPORTED: return "not supported in this build";
	default: return "unknown error";
	}
}

/* ------------------------------------------------------------------ */
/* Small helpers: memory, paths, files, input checks.                  */

/* buf = dir "/" name; 0 or -1 if it does not fit. */
static int path_join(char *buf, size_t cap, const char *dir, const char *name)
{
	int n = snprintf(buf, cap, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* Create path exclusively with mode; *fd on success.  enum keys_err. */
static int file_create(const char *path, mode_t mode, int *fd)
{
	*fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (*fd >= 0)
		return KEYS_OK;
	return errno == EEXIST ? KEYS_EEXIST : KEYS_EIO;
}

/* Write all of buf to fd, fsync and close it.  enum keys_err. */
static int file_finish(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	return close(fd) == 0 ? KEYS_OK : KEYS_EIO;
fail:
	close(fd);
	return KEYS_EIO;
}

/*
 * Read a whole file of at most KEYS_FILE_MAX bytes into a malloc'd,
 * NUL-terminated buffer (*buf, caller frees).  KEYS_ENOKEY if it does not
 * exist, KEYS_EIO otherwise.
 */
static int file_read(const char *path, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = KEYS_EIO;
	size_t cap = 4096;
	ssize_t n;

	*buf = NULL;
	*len = 0;
	if (fd < 0)
		return errno == ENOENT ? KEYS_ENOKEY : KEYS_EIO;
	*buf = xrealloc(NULL, cap);
	for (;;) {
		if (*len + 1 >= cap) {
			if (cap > KEYS_FILE_MAX)
				goto fail;
			cap *= 2;
			*buf = xrealloc(*buf, cap);
		}
		n = read(fd, *buf + *len, cap - 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	(*buf)[*len] = '\0';
	close(fd);
	return KEYS_OK;
fail:
	close(fd);
	free(*buf);
	*buf = NULL;
	*len = 0;
	return err;
}

/* Non-empty, bounded passphrase? */
static int pass_ok(const char *pass)
{
	return pass != NULL && pass[0] != '\0' && strlen(pass) <= KEYS_PASS_MAX;
}

/* Valid UTF-8 of 1..maxchars characters, no ASCII control characters? */
static int text_ok(const char *s, size_t maxchars)
{
	size_t n = s != NULL ? strlen(s) : 0, i;

	if (n == 0 || n > 4 * maxchars || !utf8_valid(s, n) || utf8_chars(s) > maxchars)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* Every byte of s in the set `allowed`, length 1..maxlen? */
static int chars_ok(const char *s, size_t maxlen, const char *allowed)
{
	size_t n = s != NULL ? strlen(s) : 0;

	return n > 0 && n <= maxlen && strspn(s, allowed) == n;
}

#define CH_ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/* A plain addr-spec: local@domain, ASCII, no quoting or comments. */
static int email_ok(const char *s)
{
	const char *at = s != NULL ? strchr(s, '@') : NULL;
	size_t n = s != NULL ? strlen(s) : 0;
	char local[65];

	if (at == NULL || at == s || (size_t)(at - s) >= sizeof local || n > 254 ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	memcpy(local, s, (size_t)(at - s));
	local[at - s] = '\0';
	return chars_ok(local, 64, CH_ALNUM ".!#$%&'*+/=?^_`{|}~-") &&
	       chars_ok(at + 1, 253, CH_ALNUM ".-") && strchr(at + 1, '.') != NULL &&
	       at[1] != '.' && at[1] != '-' && s[n - 1] != '.';
}

/* ------------------------------------------------------------------ */
/* X.509 keys and certificates.                                        */

/* A fresh key of the kind every X.509 key here is (see banner). */
static EVP_PKEY *key_generate(void)
{
	return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
}

/* What pem_create() writes: an encrypted key, or a certificate. */
struct pem_item {
	EVP_PKEY *key;        /* key to write encrypted, or NULL */
	const char *pass;     /* its passphrase */
	X509 *cert;           /* certificate to write when key is NULL */
};

/* Create path (must not exist) holding item as PEM.  enum keys_err. */
static int pem_create(const char *path, mode_t mode, const struct pem_item *item)
{
	PKCS8_PRIV_KEY_INFO *p8 = NULL;
	X509_SIG *enc = NULL;
	BIO *mem = NULL;
	char *data;
	long n;
	int fd = -1, err;

	err = KEYS_ECRYPTO;
	if ((mem = BIO_new(BIO_s_mem())) == NULL)
		goto fail;
	if (item->key != NULL) {
		if ((p8 = EVP_PKEY2PKCS8(item->key)) == NULL ||
		    (enc = PKCS8_encrypt(-1, EVP_aes_256_cbc(), item->pass, (int)strlen(item->pass),
		                         NULL, 0, KEYS_PBKDF2_ITER, p8)) == NULL ||
		    !PEM_write_bio_PKCS8(mem, enc))
			goto fail;
	} else if (!PEM_write_bio_X509(mem, item->cert)) {
		goto fail;
	}
	n = BIO_get_mem_data(mem, &data);
	if (n <= 0 || (err = file_create(path, mode, &fd)) != KEYS_OK)
		goto fail;
	if ((err = file_finish(fd, data, (size_t)n)) != KEYS_OK)
		unlink(path);
fail:
	BIO_free(mem);
	X509_SIG_free(enc);
	PKCS8_PRIV_KEY_INFO_free(p8);
	return err;
}

/* Load an encrypted PKCS#8 PEM key.  *key is the caller's.  enum keys_err. */
static int key_read(const char *path, const char *pass, EVP_PKEY **key)
{
	PKCS8_PRIV_KEY_INFO *p8 = NULL;
	X509_SIG *enc = NULL;
	BIO *in;
	int err = KEYS_EIO;

	*key = NULL;
	if ((in = BIO_new_file(path, "r")) == NULL)
		goto fail;
	err = KEYS_EFORMAT;
	if ((enc = PEM_read_bio_PKCS8(in, NULL, NULL, NULL)) == NULL)
		goto fail;
	err = KEYS_EPASS;
	if ((p8 = PKCS8_decrypt(enc, pass, (int)strlen(pass))) == NULL)
		goto fail;
	err = KEYS_EFORMAT;
	if ((*key = EVP_PKCS82PKEY(p8)) == NULL)
		goto fail;
	err = KEYS_OK;
fail:
	ERR_clear_error();
	PKCS8_PRIV_KEY_INFO_free(p8);
	X509_SIG_free(enc);
	BIO_free(in);
	return err;
}

/*
 * Read every certificate in a PEM file into a new stack (*out, caller
 * frees with sk_X509_pop_free).  Requires at least one, and exactly one
 * when `one` is set.  enum keys_err.
 */
static int certs_read(const char *path, int one, STACK_OF(X509) **out)
{
	BIO *in = NULL;
	X509 *c;
	unsigned long e;
	int err = KEYS_EIO;

	*out = NULL;
	if ((in = BIO_new_file(path, "r")) == NULL)
		goto fail;
	err = KEYS_EFORMAT;
	if ((*out = sk_X509_new_null()) == NULL)
		goto fail;
	while ((c = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
		if (sk_X509_push(*out, c) <= 0) {
			X509_free(c);
			goto fail;
		}
	}
	/* Running out of PEM blocks is the normal end; anything else is not. */
	e = ERR_peek_last_error();
	if (ERR_GET_LIB(e) != ERR_LIB_PEM || ERR_GET_REASON(e) != PEM_R_NO_START_LINE)
		goto fail;
	if (sk_X509_num(*out) == 0 || (one && sk_X509_num(*out) != 1))
		goto fail;
	err = KEYS_OK;
fail:
	ERR_clear_error();
	if (err != KEYS_OK) {
		sk_X509_pop_free(*out, X509_free);
		*out = NULL;
	}
	BIO_free(in);
	return err;
}

/* The single certificate in a PEM file (*cert caller's).  enum keys_err. */
static int cert_read(const char *path, X509 **cert)
{
	STACK_OF(X509) *sk;
	int err = certs_read(path, 1, &sk);

	*cert = err == KEYS_OK ? sk_X509_shift(sk) : NULL;
	sk_X509_pop_free(sk, X509_free);
	return err;
}

/* What to put in a new certificate. */
struct cert_req {
	const char *cn;        /* subject CN, UTF-8 */
	const char *uid;       /* subject UID, or NULL */
	const char *email;     /* subjectAltName e-mail, or NULL */
	int days;              /* validity from now */
	int ca;                /* 1: the deployment CA, 0: an officer */
};

/* Fixed extensions by certificate kind.  Values are constants, never input. */
static const struct {
	int nid;               /* extension */
	const char *ca;        /* value in the CA certificate, or NULL */
	const char *officer;   /* value in an officer certificate, or NULL */
} cert_exts[] = {
	{ NID_basic_constraints, "critical,CA:TRUE", "critical,CA:FALSE" },
	{ NID_key_usage, "critical,keyCertSign,cRLSign", "critical,digitalSignature,nonRepudiation" },
	{ NID_ext_key_usage, NULL, "emailProtection" },
	{ NID_subject_key_identifier, "hash", "hash" },      /* before AKI: AKI copies it */
	{ NID_authority_key_identifier, "keyid:always", "keyid:always" },
};

/* Add an rfc822Name subjectAltName built directly (no config-string parsing). */
static int cert_add_email(X509 *x, const char *email)
{
	GENERAL_NAMES *gens = GENERAL_NAMES_new();
	GENERAL_NAME *gn = GENERAL_NAME_new();
	ASN1_IA5STRING *ia5 = ASN1_IA5STRING_new();
	int ok = 0;

	if (gens == NULL || gn == NULL || ia5 == NULL || !ASN1_STRING_set(ia5, email, -1))
		goto fail;
	GENERAL_NAME_set0_value(gn, GEN_EMAIL, ia5);
	ia5 = NULL;
	if (!sk_GENERAL_NAME_push(gens, gn))
		goto fail;
	gn = NULL;
	ok = X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0, X509V3_ADD_DEFAULT) == 1;
fail:
	ASN1_IA5STRING_free(ia5);
	GENERAL_NAME_free(gn);
	GENERAL_NAMES_free(gens);
	return ok;
}

/*
 * Make a certificate for key as described by rq, signed by issuer_key on
 * behalf of issuer (both NULL: self-signed).  Returns it (caller frees) or
 * NULL.
 */
static X509 *cert_make(EVP_PKEY *key, const struct cert_req *rq, X509 *issuer, EVP_PKEY *issuer_key)
{
	X509 *x = X509_new();
	X509_NAME *nm = X509_NAME_new();
	X509_EXTENSION *ext;
	BIGNUM *bn = NULL;
	X509V3_CTX ctx;
	unsigned char serial[16];
	const char *val;
	size_t i;

	if (x == NULL || nm == NULL || !X509_set_version(x, X509_VERSION_3))
		goto fail;
	/* 128 random bits, top bit clear (positive), next set (fixed length). */
	if (RAND_bytes(serial, sizeof serial) != 1)
		goto fail;
	serial[0] = (unsigned char)((serial[0] & 0x7f) | 0x40);
	if ((bn = BN_bin2bn(serial, sizeof serial, NULL)) == NULL ||
	    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL)
		goto fail;
	if (!X509_NAME_add_entry_by_NID(nm, NID_commonName, MBSTRING_UTF8,
	                                (const unsigned char *)rq->cn, -1, -1, 0) ||
	    (rq->uid != NULL && !X509_NAME_add_entry_by_NID(nm, NID_userId, MBSTRING_UTF8,
	                                                    (const unsigned char *)rq->uid, -1, -1, 0)) ||
	    !X509_set_subject_name(x, nm) ||
	    !X509_set_issuer_name(x, issuer != NULL ? X509_get_subject_name(issuer) : nm) ||
	    X509_gmtime_adj(X509_getm_notBefore(x), -KEYS_BACKDATE_SEC) == NULL ||
	    X509_time_adj_ex(X509_getm_notAfter(x), rq->days, 0, NULL) == NULL ||
	    !X509_set_pubkey(x, key))
		goto fail;
	X509V3_set_ctx(&ctx, issuer != NULL ? issuer : x, x, NULL, NULL, 0);
	for (i = 0; i < sizeof cert_exts / sizeof cert_exts[0]; i++) {
		val = rq->ca ? cert_exts[i].ca : cert_exts[i].officer;
		if (val == NULL)
			continue;
		ext = X509V3_EXT_conf_nid(NULL, &ctx, cert_exts[i].nid, val);
		if (ext == NULL || !X509_add_ext(x, ext, -1)) {
			X509_EXTENSION_free(ext);
			goto fail;
		}
		X509_EXTENSION_free(ext);
	}
	if (rq->email != NULL && !cert_add_email(x, rq->email))
		goto fail;
	if (X509_sign(x, issuer_key != NULL ? issuer_key : key, EVP_sha256()) <= 0)
		goto fail;
	BN_free(bn);
	X509_NAME_free(nm);
	return x;
fail:
	BN_free(bn);
	X509_NAME_free(nm);
	X509_free(x);
	return NULL;
}

/*
 * Generate a key, certify it per rq (by issuer/issuer_key, or self-signed)
 * and write key (encrypted, 0600) and certificate (0644) to new files.
 * Nothing is left behind on failure.  enum keys_err.
 */
static int key_and_cert_create(const char *key_path, const char *cert_path, const char *pass,
                               const struct cert_req *rq, X509 *issuer, EVP_PKEY *issuer_key)
{
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	struct pem_item ki, ci;
	int err = KEYS_ECRYPTO;

	if ((key = key_generate()) == NULL || (cert = cert_make(key, rq, issuer, issuer_key)) == NULL)
		goto fail;
	ki = (struct pem_item){ key, pass, NULL };
	ci = (struct pem_item){ NULL, NULL, cert };
	if ((err = pem_create(key_path, 0600, &ki)) != KEYS_OK)
		goto fail;
	if ((err = pem_create(cert_path, 0644, &ci)) != KEYS_OK)
		unlink(key_path);
fail:
	X509_free(cert);
	EVP_PKEY_free(key);
	return err;
}

int ca_init(const char *dir, const char *passphrase, const char *subject_cn, int days)
{
	char kp[KEYS_PATH_MAX], cp[KEYS_PATH_MAX];
	struct cert_req rq = { subject_cn, NULL, NULL, days, 1 };
	int err = KEYS_EINVAL;

	if (dir == NULL || !pass_ok(passphrase) || !text_ok(subject_cn, KEYS_CN_MAX) || days < 1 ||
	    days > KEYS_DAYS_MAX || path_join(kp, sizeof kp, dir, "ca.key.pem") != 0 ||
	    path_join(cp, sizeof cp, dir, "ca.cert.pem") != 0)
		goto fail;
	err = KEYS_EIO;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto fail;
	err = key_and_cert_create(kp, cp, passphrase, &rq, NULL, NULL);
fail:
	ERR_clear_error();
	return err;
}

int ca_issue(const char *dir, const char *passphrase, const char *user_id,
             const char *common_name, const char *email, int days,
             const char *out_key_path, const char *out_cert_path)
{
	char kp[KEYS_PATH_MAX], cp[KEYS_PATH_MAX];
	struct cert_req rq = { common_name, user_id, NULL, days, 0 };
	EVP_PKEY *ca_key = NULL;
	X509 *ca_cert = NULL;
	int err = KEYS_EINVAL;

	if (email != NULL && email[0] != '\0') {
		if (!email_ok(email))
			goto fail;
		rq.email = email;
	}
	if (dir == NULL || !pass_ok(passphrase) || !chars_ok(user_id, 64, CH_ALNUM "._-") ||
	    !text_ok(common_name, KEYS_CN_MAX) || days < 1 || days > KEYS_DAYS_MAX ||
	    out_key_path == NULL || out_cert_path == NULL ||
	    path_join(kp, sizeof kp, dir, "ca.key.pem") != 0 ||
	    path_join(cp, sizeof cp, dir, "ca.cert.pem") != 0)
		goto fail;
	if ((err = cert_read(cp, &ca_cert)) != KEYS_OK || (err = key_read(kp, passphrase, &ca_key)) != KEYS_OK)
		goto fail;
	err = KEYS_EMISMATCH;
	if (X509_check_private_key(ca_cert, ca_key) != 1 || X509_check_ca(ca_cert) == 0)
		goto fail;
	err = key_and_cert_create(out_key_path, out_cert_path, passphrase, &rq, ca_cert, ca_key);
fail:
	ERR_clear_error();
	EVP_PKEY_free(ca_key);
	X509_free(ca_cert);
	return err;
}

/*
 * Copy the RFC 7512 query attribute `name` of uri (after '?', '&'-separated,
 * percent-decoded) into out[cap].  1 found, 0 absent, -1 malformed/too long.
 */
static int uri_query_attr(const char *uri, const char *name, char *out, size_t cap)
{
	const char *p = strchr(uri, '?'), *end;
	size_t n = strlen(name), k;
	int hi, lo;

	for (; p != NULL; p = strchr(p + 1, '&')) {
		if (strncmp(p + 1, name, n) != 0 || p[1 + n] != '=')
			continue;
		p += n + 2;
		end = p + strcspn(p, "&");
		for (k = 0; p < end; k++) {
			if (k + 1 >= cap)
				return -1;
			if (*p == '%') {
				if (end - p < 3 || (hi = OPENSSL_hexchar2int((unsigned char)p[1])) < 0 ||
				    (lo = OPENSSL_hexchar2int((unsigned char)p[2])) < 0 || (hi == 0 && lo == 0))
					return -1;
				out[k] = (char)(hi << 4 | lo);
				p += 3;
			} else {
				out[k] = *p++;
			}
		}
		out[k] = '\0';
		return 1;
	}
	return 0;
}

/*
 * PKCS#11 keys go through libp11's "pkcs11" engine (Debian 12:
 * libengine-pkcs11-openssl; there is no pkcs11-provider for OpenSSL 3 in
 * bookworm).  The ENGINE API is deprecated in OpenSSL 3, so the warning is
 * silenced here and only here.  TODO(pkcs11): move to a provider and
 * OSSL_STORE_open() once Debian ships pkcs11-provider.
 */
#if !defined(OPENSSL_NO_ENGINE) && defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

/*
 * Load a private key from a token by "pkcs11:" URI, logging in with pin.
 * An optional "?module-path=/path/to/module.so" picks the PKCS#11 module
 * (default: p11-kit-proxy, which loads the registered modules, SoftHSM2
 * among them).  *token receives the engine, released by token_release().
 * enum keys_err: KEYS_EUNSUPPORTED without the engine, KEYS_ENOKEY when
 * the token refuses (no such object, or wrong PIN).
 */
static int key_load_pkcs11(const char *uri, const char *pin, EVP_PKEY **key, void **token)
{
#ifdef OPENSSL_NO_ENGINE
	(void)uri;
	(void)pin;
	*key = NULL;
	*token = NULL;
	return KEYS_EUNSUPPORTED;
#else
	char module[KEYS_PATH_MAX], *base = NULL;
	ENGINE *e = NULL;
	int r, inited = 0, err = KEYS_EUNSUPPORTED;

	*key = NULL;
	*token = NULL;
	if ((e = ENGINE_by_id("pkcs11")) == NULL)
		goto fail;
	err = KEYS_EINVAL;
	if ((r = uri_query_attr(uri, "module-path", module, sizeof module)) < 0 ||
	    (r == 1 && !ENGINE_ctrl_cmd_string(e, "MODULE_PATH", module, 0)))
		goto fail;
	/* libp11 does not know query attributes: hand it the path part only. */
	base = OPENSSL_strndup(uri, strcspn(uri, "?"));
	err = KEYS_ECRYPTO;
	if (base == NULL || !ENGINE_ctrl_cmd_string(e, "PIN", pin, 0) || !ENGINE_init(e))
		goto fail;
	inited = 1;
	err = KEYS_ENOKEY;
	if ((*key = ENGINE_load_private_key(e, base, NULL, NULL)) == NULL)
		goto fail;
	*token = e;
	OPENSSL_free(base);
	return KEYS_OK;
fail:
	OPENSSL_free(base);
	if (inited)
		ENGINE_finish(e);
	ENGINE_free(e);
	return err;
#endif
}

/* Release what key_load_pkcs11() put in *token (after the key is freed). */
static void token_release(void *token)
{
#ifndef OPENSSL_NO_ENGINE
	if (token != NULL) {
		ENGINE_finish(token);
		ENGINE_free(token);
	}
#else
	(void)token;
#endif
}

#if !defined(OPENSSL_NO_ENGINE) && defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

int keys_load_signer(const char *key_path, const char *cert_path, const char *chain_path,
                     const char *passphrase, struct pdf_signer *out)
{
	int err = KEYS_EINVAL;

	if (out == NULL)
		return KEYS_EINVAL;
	memset(out, 0, sizeof *out);
	if (key_path == NULL || cert_path == NULL || !pass_ok(passphrase))
		goto fail;
	if (str_starts(key_path, "pkcs11:"))
		err = key_load_pkcs11(key_path, passphrase, &out->key, &out->token);
	else
		err = key_read(key_path, passphrase, &out->key);
	if (err != KEYS_OK || (err = cert_read(cert_path, &out->cert)) != KEYS_OK ||
	    (chain_path != NULL && (err = certs_read(chain_path, 0, &out->chain)) != KEYS_OK))
		goto fail;
	err = KEYS_EMISMATCH;
	if (X509_check_private_key(out->cert, out->key) != 1 ||
	    (X509_get_key_usage(out->cert) & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0)
		goto fail;
	ERR_clear_error();
	return KEYS_OK;
fail:
	ERR_clear_error();
	pdf_signer_free(out);
	return err;
}

void pdf_signer_free(struct pdf_signer *s)
{
	if (s == NULL)
		return;
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	token_release(s->token);
	memset(s, 0, sizeof *s);
}

int keys_load_trust(const char *ca_cert_path, X509_STORE **out)
{
	STACK_OF(X509) *certs = NULL;
	int i, err = KEYS_EINVAL;

	if (out == NULL)
		return KEYS_EINVAL;
	*out = NULL;
	if (ca_cert_path == NULL || (err = certs_read(ca_cert_path, 0, &certs)) != KEYS_OK)
		goto fail;
	err = KEYS_ECRYPTO;
	if ((*out = X509_STORE_new()) == NULL)
		goto fail;
	for (i = 0; i < sk_X509_num(certs); i++)
		if (!X509_STORE_add_cert(*out, sk_X509_value(certs, i)))
			goto fail;
	err = KEYS_OK;
fail:
	if (err != KEYS_OK) {
		X509_STORE_free(*out);
		*out = NULL;
	}
	ERR_clear_error();
	sk_X509_pop_free(certs, X509_free);
	return err;
}

/* ------------------------------------------------------------------ */
/* QR keys: key ids, the encrypted secret key file.                    */

/* kid = base64url(SHA-256(pk)[0..6)), 8 characters. */
static void qrk_kid(const unsigned char pk[QRKEY_PUB_BYTES], char kid[QRKEY_KID_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, pk, QRKEY_PUB_BYTES);
	sodium_bin2base64(kid, QRKEY_KID_LEN + 1, h, 6, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static int kid_ok(const char *kid)
{
	return kid != NULL && strlen(kid) == QRKEY_KID_LEN &&
	       chars_ok(kid, QRKEY_KID_LEN, CH_ALNUM "-_");
}

static void put_u64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

static uint64_t get_u64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* Secretbox key from the passphrase.  0 or -1 (out of memory in Argon2). */
static int qrk_derive(unsigned char key[crypto_secretbox_KEYBYTES], const char *pass,
                      const unsigned char *salt, uint64_t ops, uint64_t mem)
{
	return crypto_pwhash(key, crypto_secretbox_KEYBYTES, pass, strlen(pass), salt,
	                     (unsigned long long)ops, (size_t)mem, crypto_pwhash_ALG_ARGON2ID13);
}

/* Path of the secret key file for kid. */
static int qrk_path(char *buf, size_t cap, const char *dir, const char *kid)
{
	char name[QRKEY_KID_LEN + 8];

	snprintf(name, sizeof name, "qr-%s.key", kid);
	return path_join(buf, cap, dir, name);
}

/* Seal seed under pass into a new dir/qr-<kid>.key.  enum keys_err. */
static int qrk_file_write(const char *dir, const char *kid, const unsigned char *seed, const char *pass)
{
	unsigned char f[QRK_FILE_LEN], key[crypto_secretbox_KEYBYTES];
	char path[KEYS_PATH_MAX];
	int fd, err = KEYS_EINVAL;

	if (qrk_path(path, sizeof path, dir, kid) != 0)
		goto fail;
	memcpy(f, QRK_MAGIC, QRK_MAGIC_LEN);
	put_u64(f + QRK_OFF_OPS, QRK_OPSLIMIT);
	put_u64(f + QRK_OFF_MEM, QRK_MEMLIMIT);
	randombytes_buf(f + QRK_OFF_SALT, crypto_pwhash_SALTBYTES);
	randombytes_buf(f + QRK_OFF_NONCE, crypto_secretbox_NONCEBYTES);
	err = KEYS_ECRYPTO;
	if (qrk_derive(key, pass, f + QRK_OFF_SALT, QRK_OPSLIMIT, QRK_MEMLIMIT) != 0 ||
	    crypto_secretbox_easy(f + QRK_OFF_BOX, seed, crypto_sign_SEEDBYTES, f + QRK_OFF_NONCE, key) != 0)
		goto fail;
	if ((err = file_create(path, 0600, &fd)) != KEYS_OK)
		goto fail;
	if ((err = file_finish(fd, f, sizeof f)) != KEYS_OK)
		unlink(path);
fail:
	sodium_memzero(key, sizeof key);
	return err;
}

/* Open dir/qr-<kid>.key with pass into seed.  enum keys_err. */
static int qrk_file_read(const char *dir, const char *kid, const char *pass, unsigned char *seed)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	const unsigned char *f;
	char path[KEYS_PATH_MAX], *buf = NULL;
	size_t len;
	uint64_t ops, mem;
	int err = KEYS_EINVAL;

	if (qrk_path(path, sizeof path, dir, kid) != 0)
		goto fail;
	if ((err = file_read(path, &buf, &len)) != KEYS_OK)
		goto fail;
	f = (const unsigned char *)buf;
	err = KEYS_EFORMAT;
	if (len != QRK_FILE_LEN || memcmp(f, QRK_MAGIC, QRK_MAGIC_LEN) != 0)
		goto fail;
	ops = get_u64(f + QRK_OFF_OPS);
	mem = get_u64(f + QRK_OFF_MEM);
	if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
	    mem < crypto_pwhash_MEMLIMIT_MIN || mem > QRK_MEMLIMIT_MAX)
		goto fail;
	err = KEYS_ECRYPTO;
	if (qrk_derive(key, pass, f + QRK_OFF_SALT, ops, mem) != 0)
		goto fail;
	err = KEYS_EPASS;
	if (crypto_secretbox_open_easy(seed, f + QRK_OFF_BOX, QRK_FILE_LEN - QRK_OFF_BOX,
	                               f + QRK_OFF_NONCE, key) != 0)
		goto fail;
	err = KEYS_OK;
fail:
	sodium_memzero(key, sizeof key);
	free(buf);
	return err;
}

/* ------------------------------------------------------------------ */
/* QR key set: qr-keys.json, read with the one JSON reader (json.h).   */

/* Copies string member name of o into out[cap]; absent is "".  0, or -1
 * when it is not a string or does not fit. */
static int member_str(const struct jval *o, const char *name, char *out, size_t cap)
{
	const struct jval *v = json_get(o, name);

	out[0] = '\0';
	if (v == NULL)
		return 0;
	if (v->type != J_STR || strlen(v->str) >= cap)
		return -1;
	memcpy(out, v->str, strlen(v->str) + 1);
	return 0;
}

/* Reads one key object into e; *keep is 0 for an alg we do not know.  0/-1. */
static int key_entry(const struct jval *o, struct qrkey_pub *e, int *keep)
{
	char alg[32], pub[64], kid[QRKEY_KID_LEN + 1];
	const struct jval *active = json_get(o, "active");
	size_t binlen;

	memset(e, 0, sizeof *e);
	if (o->type != J_OBJ || member_str(o, "kid", e->kid, sizeof e->kid) != 0 ||
	    member_str(o, "alg", alg, sizeof alg) != 0 || member_str(o, "pub", pub, sizeof pub) != 0 ||
	    member_str(o, "created", e->created, sizeof e->created) != 0 || (active != NULL && active->type != J_BOOL))
		return -1;
	if (json_get(o, "kid") != NULL && !kid_ok(e->kid))
		return -1;
	e->active = active != NULL && active->b;
	*keep = strcmp(alg, "Ed25519") == 0;
	if (!*keep)
		return 0;
	/* A published key must decode and its kid must be the one we derive. */
	if (!kid_ok(e->kid) || sodium_base642bin(e->pk, sizeof e->pk, pub, strlen(pub), NULL, &binlen, NULL,
	                                         sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    binlen != sizeof e->pk)
		return -1;
	qrk_kid(e->pk, kid);
	return strcmp(kid, e->kid) == 0 ? 0 : -1;
}

/* The entry of set with this kid, or NULL. */
static const struct qrkey_pub *set_find(const struct qrkey_set *set, const char *kid)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->keys[i].kid, kid) == 0)
			return &set->keys[i];
	return NULL;
}

int qrkey_set_parse(const char *json, size_t len, struct qrkey_set *out)
{
	struct arena a;
	const struct jval *root, *keys;
	struct qrkey_pub e;
	const char *perr;
	size_t i, nkeys = 0;
	int keep, err = KEYS_EINVAL;

	if (out == NULL)
		return KEYS_EINVAL;
	memset(out, 0, sizeof *out);
	arena_init(&a);
	if (json == NULL || sodium_init() < 0)
		goto fail;
	err = KEYS_EFORMAT;
	root = json_parse(&a, json, len, &perr);
	if (root == NULL || root->type != J_OBJ)
		goto fail;
	for (i = 0; i < root->n; i++)
		nkeys += strcmp(root->keys[i], "keys") == 0;
	keys = json_get(root, "keys");
	if (nkeys != 1 || keys->type != J_ARR)
		goto fail;   /* exactly one list of keys: a second could hide the first */
	for (i = 0; i < keys->n; i++) {
		if (key_entry(keys->kids[i], &e, &keep) != 0)
			goto fail;
		if (!keep)
			continue;
		if (out->n >= QRKEY_SET_MAX || set_find(out, e.kid) != NULL)
			goto fail;
		out->keys = xrealloc(out->keys, (out->n + 1) * sizeof *out->keys);
		out->keys[out->n++] = e;
	}
	arena_free(&a);
	return KEYS_OK;
fail:
	arena_free(&a);
	qrkey_set_free(out);
	return err;
}

int qrkey_set_load(const char *path, struct qrkey_set *out)
{
	char *buf = NULL;
	size_t len;
	int err;

	if (out == NULL)
		return KEYS_EINVAL;
	memset(out, 0, sizeof *out);
	if (path == NULL)
		return KEYS_EINVAL;
	err = file_read(path, &buf, &len);
	if (err == KEYS_OK)
		err = qrkey_set_parse(buf, len, out);
	free(buf);
	return err;
}

void qrkey_set_free(struct qrkey_set *set)
{
	if (set == NULL)
		return;
	free(set->keys);
	memset(set, 0, sizeof *set);
}

/* Replace dir/qr-keys.json with set, atomically (temp file + rename). */
static int set_write(const char *dir, const struct qrkey_set *set)
{
	char path[KEYS_PATH_MAX], tmp[KEYS_PATH_MAX], pub[64];
	struct sbuf text;
	struct jw w;
	size_t i;
	int fd, err = KEYS_EINVAL;

	sbuf_init(&text);
	if (path_join(path, sizeof path, dir, QRKEY_SET_FILE) != 0 ||
	    path_join(tmp, sizeof tmp, dir, QRKEY_SET_FILE ".tmp") != 0)
		goto fail;
	jw_init(&w, &text);
	jw_obj(&w);
	jw_key(&w, "keys");
	jw_arr(&w);
	for (i = 0; i < set->n; i++) {
		sodium_bin2base64(pub, sizeof pub, set->keys[i].pk, QRKEY_PUB_BYTES,
		                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		jw_obj(&w);
		jw_kstr(&w, "kid", set->keys[i].kid);
		jw_kstr(&w, "alg", "Ed25519");
		jw_kstr(&w, "pub", pub);
		jw_kstr(&w, "created", set->keys[i].created);
		jw_kbool(&w, "active", set->keys[i].active);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	sbuf_addc(&text, '\n');
	err = KEYS_EIO;
	unlink(tmp);   /* a leftover from a crash; we hold the lock */
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0 ||
	    file_finish(fd, text.data, text.len) != KEYS_OK)
		goto fail;
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		goto fail;
	}
	err = KEYS_OK;
fail:
	sbuf_free(&text);
	return err;
}

/* Take the key-set lock of dir; *fd to close afterwards.  enum keys_err. */
static int set_lock(const char *dir, int *fd)
{
	char path[KEYS_PATH_MAX];

	*fd = -1;
	if (path_join(path, sizeof path, dir, "qr-keys.lock") != 0)
		return KEYS_EINVAL;
	if ((*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return KEYS_EIO;
	while (flock(*fd, LOCK_EX) != 0)
		if (errno != EINTR)
			return KEYS_EIO;
	return KEYS_OK;
}

int qrkey_generate(const char *dir, const char *passphrase, char kid_out[QRKEY_KID_LEN + 1])
{
	struct qrkey_set set = { 0, NULL };
	struct qrkey_pub *e;
	unsigned char seed[crypto_sign_SEEDBYTES], pk[QRKEY_PUB_BYTES], sk[64];
	char path[KEYS_PATH_MAX], kid[QRKEY_KID_LEN + 1];
	struct tm tm;
	time_t now = time(NULL);
	size_t i;
	int tries, lock = -1, err = KEYS_EINVAL;

	if (dir == NULL || !pass_ok(passphrase) || kid_out == NULL ||
	    path_join(path, sizeof path, dir, QRKEY_SET_FILE) != 0 || gmtime_r(&now, &tm) == NULL)
		goto fail;
	err = KEYS_ECRYPTO;
	if (sodium_init() < 0)
		goto fail;
	err = KEYS_EIO;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto fail;
	if ((err = set_lock(dir, &lock)) != KEYS_OK)
		goto fail;
	err = qrkey_set_load(path, &set);
	if (err == KEYS_ENOKEY)   /* first key of this deployment */
		err = KEYS_OK;
	if (err != KEYS_OK)
		goto fail;
	err = KEYS_EFORMAT;
	if (set.n >= QRKEY_SET_MAX)
		goto fail;
	for (tries = 0; tries < 8; tries++) {   /* 48-bit kids: a clash is news */
		randombytes_buf(seed, sizeof seed);
		crypto_sign_seed_keypair(pk, sk, seed);
		qrk_kid(pk, kid);
		if (set_find(&set, kid) == NULL)
			break;
	}
	if (tries == 8 || (err = qrk_file_write(dir, kid, seed, passphrase)) != KEYS_OK)
		goto fail;
	for (i = 0; i < set.n; i++)
		set.keys[i].active = 0;
	set.keys = xrealloc(set.keys, (set.n + 1) * sizeof *set.keys);
	e = &set.keys[set.n++];
	memset(e, 0, sizeof *e);
	memcpy(e->kid, kid, sizeof e->kid);
	memcpy(e->pk, pk, sizeof e->pk);
	strftime(e->created, sizeof e->created, "%Y-%m-%dT%H:%M:%SZ", &tm);
	e->active = 1;
	if ((err = set_write(dir, &set)) != KEYS_OK) {
		qrk_path(path, sizeof path, dir, kid);
		unlink(path);
		goto fail;
	}
	memcpy(kid_out, kid, QRKEY_KID_LEN + 1);
fail:
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(sk, sizeof sk);
	if (lock >= 0)
		close(lock);
	qrkey_set_free(&set);
	return err;
}

int qrkey_load_active(const char *dir, const char *passphrase, struct qrkey *out)
{
	struct qrkey_set set = { 0, NULL };
	const struct qrkey_pub *active = NULL;
	unsigned char seed[crypto_sign_SEEDBYTES];
	char path[KEYS_PATH_MAX];
	size_t i;
	int err = KEYS_EINVAL;

	if (out == NULL)
		return KEYS_EINVAL;
	memset(out, 0, sizeof *out);
	if (dir == NULL || !pass_ok(passphrase) || path_join(path, sizeof path, dir, QRKEY_SET_FILE) != 0)
		goto fail;
	if ((err = qrkey_set_load(path, &set)) != KEYS_OK)
		goto fail;
	err = KEYS_EFORMAT;
	for (i = 0; i < set.n; i++) {
		if (!set.keys[i].active)
			continue;
		if (active != NULL)
			goto fail;   /* two active keys: someone edited the set */
		active = &set.keys[i];
	}
	err = KEYS_ENOKEY;
	if (active == NULL || (err = qrk_file_read(dir, active->kid, passphrase, seed)) != KEYS_OK)
		goto fail;
	crypto_sign_seed_keypair(out->pk, out->sk, seed);
	err = KEYS_EMISMATCH;
	if (sodium_memcmp(out->pk, active->pk, sizeof out->pk) != 0)
		goto fail;
	memcpy(out->kid, active->kid, sizeof out->kid);
	err = KEYS_OK;
fail:
	if (err != KEYS_OK)
		qrkey_wipe(out);
	sodium_memzero(seed, sizeof seed);
	qrkey_set_free(&set);
	return err;
}

void qrkey_wipe(struct qrkey *k)
{
	if (k != NULL)
		sodium_memzero(k, sizeof *k);
}

int qrkey_sign(const struct qrkey *k, const unsigned char *record, size_t len,
               unsigned char sig[QRKEY_SIG_BYTES])
{
	if (k == NULL || (record == NULL && len != 0) || sig == NULL || !kid_ok(k->kid))
		return KEYS_EINVAL;
	return crypto_sign_detached(sig, NULL, record, len, k->sk) == 0 ? KEYS_OK : KEYS_ECRYPTO;
}

/* Signatures this process verified lately.  A certificate's QR is scanned
 * again and again (at a counter, by a bank), and an Ed25519 verification
 * was a fifth of the worker's time on the verify page (bench/mixed.sh
 * --perf).  An entry answers only the same public key, record and
 * signature, so a hit says exactly what crypto_sign_verify_detached said;
 * only successes are kept.  Slot by the signature's first bytes (uniform). */
#define VERIFIED_SLOTS 256
#define VERIFIED_MAX_RECORD 1024	/* longer records are verified every time */
static struct verified {
	unsigned char pk[QRKEY_PUB_BYTES];	/* the key that verified it */
	unsigned char sig[QRKEY_SIG_BYTES];	/* the signature */
	size_t len;				/* record bytes; 0: empty slot */
	unsigned char rec[VERIFIED_MAX_RECORD];	/* the record as signed */
} *verified;

static struct verified *verified_slot(const unsigned char *sig)
{
	if (!verified)
		verified = calloc(VERIFIED_SLOTS, sizeof *verified);
	if (!verified)
		return NULL;
	return &verified[(sig[0] | sig[1] << 8) % VERIFIED_SLOTS];
}

int qrkey_verify(const struct qrkey_set *set, const char *kid, const unsigned char *record,
                 size_t len, const unsigned char sig[QRKEY_SIG_BYTES])
{
	const struct qrkey_pub *e;

	if (set == NULL || kid == NULL || (record == NULL && len != 0) || sig == NULL)
		return KEYS_EINVAL;
	if ((e = set_find(set, kid)) == NULL)
		return KEYS_ENOKEY;
	struct verified *v = len > 0 && len <= VERIFIED_MAX_RECORD ? verified_slot(sig) : NULL;
	if (v && v->len == len && memcmp(v->sig, sig, QRKEY_SIG_BYTES) == 0 &&
	    memcmp(v->pk, e->pk, QRKEY_PUB_BYTES) == 0 && memcmp(v->rec, record, len) == 0)
		return KEYS_OK;
	if (crypto_sign_verify_detached(sig, record, len, e->pk) != 0)
		return KEYS_EBADSIG;
	if (v) {
		memcpy(v->pk, e->pk, QRKEY_PUB_BYTES);
		memcpy(v->sig, sig, QRKEY_SIG_BYTES);
		memcpy(v->rec, record, len);
		v->len = len;
	}
	return KEYS_OK;
}
