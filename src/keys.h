/*
 * keys.h - the deployment's signing keys: the CA, officers' PDF signing
 * keys, and the Ed25519 keys that sign QR records.
 *
 * Every private key GramSewa uses is created and loaded here and nowhere
 * else, so that a PKCS#11 token can replace the files without touching the
 * callers.  On disk every private key is encrypted with a passphrase:
 * X.509 keys as PKCS#8 (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC), QR keys
 * with libsodium (Argon2id + XSalsa20-Poly1305).
 *
 * Files in a key directory:
 *   ca.key.pem, ca.cert.pem   deployment CA (ca_init)
 *   qr-keys.json              published QR key set, served as
 *                             /.well-known/gramsewa-keys.json
 *   qr-<kid>.key              encrypted QR secret key, one per kid
 * Officer keys and certificates go wherever ca_issue() is told.
 */
#ifndef GRAMSEWA_KEYS_H
#define GRAMSEWA_KEYS_H

#include <stddef.h>

#include <openssl/x509.h>

#include "pdf_sign.h"

/* Results of every keys.c function that can fail.  0 is success. */
enum keys_err {
	KEYS_OK = 0,
	KEYS_EINVAL,        /* bad argument (empty passphrase, bad CN, e-mail, days...) */
	KEYS_EEXIST,        /* refusing to overwrite an existing key or certificate */
	KEYS_EIO,           /* a file could not be opened, read or written */
	KEYS_EPASS,         /* wrong passphrase (or the encrypted key was altered) */
	KEYS_EFORMAT,       /* a file is not what it should be (PEM, key set, key file) */
	KEYS_EMISMATCH,     /* key and certificate (or key and key set) do not belong together */
	KEYS_ECRYPTO,       /* the crypto library failed (OpenSSL error queue has more) */
	KEYS_ENOKEY,        /* no such kid, no active QR key, or the token refused (object/PIN) */
	KEYS_EBADSIG,       /* QR signature does not verify */
	KEYS_EUNSUPPORTED   /* e.g. a pkcs11: URI without the PKCS#11 engine installed */
};

/* Short English text for an enum keys_err value (static storage). */
const char *keys_strerror(int err);

/* ---------------- Deployment CA and officer certificates ---------------- */

/*
 * Create the deployment CA in dir (created 0700 if missing): a P-256 key in
 * dir/ca.key.pem (0600, encrypted with passphrase) and a self-signed
 * certificate dir/ca.cert.pem valid for `days` days (CN = subject_cn,
 * basicConstraints CA:TRUE critical, keyUsage keyCertSign,cRLSign critical,
 * subject key id, random 128-bit serial).  Refuses (KEYS_EEXIST) if either
 * file exists.  Returns an enum keys_err.
 */
int ca_init(const char *dir, const char *passphrase, const char *subject_cn, int days);

/*
 * Issue an officer's PDF signing key and certificate, signed by the CA in
 * dir (unlocked with passphrase).  The new P-256 key is written encrypted
 * with the same passphrase to out_key_path (0600) and the certificate to
 * out_cert_path; neither may exist.  Subject CN = common_name (UTF-8, up
 * to 64 characters) and UID = user_id ([A-Za-z0-9._-], up to 64); email,
 * if not NULL/empty, goes into subjectAltName.  keyUsage
 * digitalSignature,nonRepudiation (critical), extendedKeyUsage
 * emailProtection (what NSS/pdfsig and Acrobat accept for documents),
 * authority and subject key ids, random 128-bit serial.
 * Returns an enum keys_err.
 */
int ca_issue(const char *dir, const char *passphrase, const char *user_id,
             const char *common_name, const char *email, int days,
             const char *out_key_path, const char *out_cert_path);

/*
 * Load a signer for pdf_sign(): the private key at key_path, the
 * certificate at cert_path and, if chain_path is not NULL, the CA
 * certificates in chain_path (PEM, one or more) to embed in signatures.
 * key_path is an encrypted PEM file (passphrase decrypts it) or an RFC 7512
 * URI "pkcs11:token=...;object=...;type=private[?module-path=/x.so]" for a
 * key on a PKCS#11 token (passphrase is the user PIN); tokens need the
 * libengine-pkcs11-openssl package, else KEYS_EUNSUPPORTED.
 * Checks that key and certificate match and that the certificate may sign.
 * On success *out owns everything; release it with pdf_signer_free().
 * Returns an enum keys_err; on failure *out is zeroed.
 */
int keys_load_signer(const char *key_path, const char *cert_path, const char *chain_path,
                     const char *passphrase, struct pdf_signer *out);

/* Release what keys_load_signer() loaded and zero *s.  NULL-safe. */
void pdf_signer_free(struct pdf_signer *s);

/*
 * Build a trust store holding the certificates in ca_cert_path, for
 * pdf_sig_verify().  *out is the caller's: X509_STORE_free() it.
 * Returns an enum keys_err.
 */
int keys_load_trust(const char *ca_cert_path, X509_STORE **out);

/* ---------------- Ed25519 keys for QR records ---------------- */

#define QRKEY_KID_LEN   8     /* key id: base64url of SHA-256(pub), 8 chars */
#define QRKEY_SIG_BYTES 64    /* Ed25519 signature */
#define QRKEY_PUB_BYTES 32
#define QRKEY_SET_FILE  "qr-keys.json"
#define QRKEY_SET_MAX   256   /* keys one set may hold */

/* A loaded QR signing key.  Wipe with qrkey_wipe() when done. */
struct qrkey {
	char kid[QRKEY_KID_LEN + 1];          /* its key id */
	unsigned char pk[QRKEY_PUB_BYTES];    /* public key */
	unsigned char sk[64];                 /* libsodium secret key (seed || pk) */
};

/* One published public key. */
struct qrkey_pub {
	char kid[QRKEY_KID_LEN + 1];          /* key id */
	unsigned char pk[QRKEY_PUB_BYTES];    /* Ed25519 public key */
	char created[24];                     /* "YYYY-MM-DDTHH:MM:SSZ" */
	int active;                           /* the one new records are signed with */
};

/* The published key set (qr-keys.json), parsed. */
struct qrkey_set {
	size_t n;                             /* number of keys */
	struct qrkey_pub *keys;               /* malloc'd array; qrkey_set_free() */
};

/*
 * Generate a new QR key in dir (created 0700 if missing): the secret key
 * goes encrypted to dir/qr-<kid>.key (0600) and the public key is appended
 * to dir/qr-keys.json as the active key; earlier keys stay published but
 * become inactive (this is rotation).  The key set is replaced atomically
 * under a lock.  Writes the new kid to kid_out.  Returns an enum keys_err.
 */
int qrkey_generate(const char *dir, const char *passphrase, char kid_out[QRKEY_KID_LEN + 1]);

/*
 * Load the active QR key of dir, decrypting it with passphrase, and check
 * it against the published key set.  Returns an enum keys_err; *out holds
 * secret material: qrkey_wipe() it.
 */
int qrkey_load_active(const char *dir, const char *passphrase, struct qrkey *out);

/* Zero a loaded key.  NULL-safe. */
void qrkey_wipe(struct qrkey *k);

/* Sign record[0..len) with k into sig.  Returns an enum keys_err. */
int qrkey_sign(const struct qrkey *k, const unsigned char *record, size_t len,
               unsigned char sig[QRKEY_SIG_BYTES]);

/*
 * Parse a key set (JSON as written by qrkey_generate) from json[0..len) or
 * from the file at path.  Unknown members are ignored; entries with an alg
 * other than Ed25519 are skipped.  *out is the caller's: qrkey_set_free().
 * Returns an enum keys_err.
 */
int qrkey_set_parse(const char *json, size_t len, struct qrkey_set *out);
int qrkey_set_load(const char *path, struct qrkey_set *out);

/* Release a parsed key set and zero it.  NULL-safe. */
void qrkey_set_free(struct qrkey_set *set);

/*
 * Verify sig over record[0..len) with the key `kid` of set, active or not
 * (old certificates stay verifiable after rotation).  Returns KEYS_OK,
 * KEYS_ENOKEY for an unknown kid, KEYS_EBADSIG, or KEYS_EINVAL.
 */
int qrkey_verify(const struct qrkey_set *set, const char *kid, const unsigned char *record,
                 size_t len, const unsigned char sig[QRKEY_SIG_BYTES]);

#endif /* GRAMSEWA_KEYS_H */
