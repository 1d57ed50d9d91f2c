/*
 * digilocker.c — the rules of the DigiLocker issuer API (digilocker.h):
 * the HMAC and freshness checks, our URIs, and which certificate a Pull URI
 * or Pull Doc request gets, audited.
 */
#include "digilocker.h"
#include "audit.h"
#include "cert.h"
#include "config.h"
#include "db.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

bool dl_signed(const char *body, size_t len, const char *mac)
{
	if (str_empty(cfg.digilocker_key) || !mac)
		return false;
	unsigned char want[32];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)cfg.digilocker_key, strlen(cfg.digilocker_key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, want);
	unsigned char given[64];
	size_t n = 0;
	if (strlen(mac) == 64) {
		if (sodium_hex2bin(given, sizeof given, mac, 64, NULL, &n, NULL) != 0)
			return false;
	} else {
		long k = b64_decode(mac, strlen(mac), given, sizeof given);
		if (k < 0)
			return false;
		n = (size_t)k;
	}
	return n == 32 && sodium_memcmp(given, want, 32) == 0;
}

bool dl_fresh(struct arena *a, const char *ts)
{
	if (!ts || strlen(ts) < 19 || strlen(ts) > 40)
		return false;
	const char *ok = db_scalar(a, "SELECT ABS(TIMESTAMPDIFF(SECOND, CONVERT_TZ(STR_TO_DATE(LEFT(?, 19), '%Y-%m-%dT%H:%i:%s'), "
				      "IF(LENGTH(?) > 19 AND SUBSTR(?, 20, 1) <> 'Z', SUBSTR(?, 20, 6), '+00:00'), '+05:30'), NOW())) <= 900",
				   "ssss", ts, ts, ts, ts);
	return str_eq(ok, "1");
}

const char *dl_uri(struct arena *a, const char *doctype, const char *number)
{
	return arena_printf(a, "%s-%s-%s", cfg.digilocker_issuer, doctype, number);
}

bool dl_uri_read(struct arena *a, const char *uri, const char **doctype, const char **number)
{
	size_t il = strlen(cfg.digilocker_issuer);
	if (!uri || strncmp(uri, cfg.digilocker_issuer, il) != 0 || uri[il] != '-')
		return false;
	const char *rest = uri + il + 1, *dash = strchr(rest, '-');
	if (!dash)
		return false;
	*doctype = arena_strndup(a, rest, (size_t)(dash - rest));
	*number = dash + 1;
	return true;
}

/* Same name (case and spaces around it ignored) and date of birth
 * (dob DD-MM-YYYY against the holder's YYYY-MM-DD). */
static bool person_matches(struct arena *a, const char *holder, const char *holder_dob, const char *name, const char *dob)
{
	if (!name || !dob || !holder)
		return false;
	char *x = str_trim(arena_strdup(a, name)), *y = str_trim(arena_strdup(a, holder));
	if (strcasecmp(x, y) != 0)
		return false;
	const char *hd = holder_dob;
	return hd && strlen(dob) == 10 && strncmp(dob, hd + 8, 2) == 0 && strncmp(dob + 3, hd + 5, 2) == 0 &&
	       strncmp(dob + 6, hd, 4) == 0;
}

int dl_pull(struct arena *a, const struct actor *who, const struct dl_request *in, struct dl_doc *doc)
{
	memset(doc, 0, sizeof *doc);
	struct dbres *c = db_query(a, "SELECT c.number, s.code, c.holder_name, DATE_FORMAT(c.holder_dob, '%Y-%m-%d'), "
				      "DATE_FORMAT(c.issued_at, '%Y-%m-%d'), c.valid_until, c.status, c.facts FROM certificates c "
				      "JOIN services s ON s.id = c.service_id WHERE c.number = ?", "s", in->number);
	if (!c)
		return -1;
	bool found = c->nrows == 1 && str_eq(db_val(c, 0, 1), in->doctype) && str_eq(db_val(c, 0, 6), "valid");
	/* Pull URI is a search: the person must match.  Pull Doc names a URI
	 * DigiLocker got from us; the name/DOB are checked when sent. */
	if (found && (in->by_uri || in->name || in->dob) &&
	    !person_matches(a, db_val(c, 0, 2), db_val(c, 0, 3), in->name, in->dob))
		found = false;
	/* the answer is audited on its own: a failed audit row does not stop it */
	struct audit_entry e = { .action = in->by_uri ? "digilocker.pulluri" : "digilocker.pulldoc", .entity = "certificate",
				 .entity_id = in->number, .remarks = found ? "issued" : "refused" };
	if (db_begin() == 0) {
		if (audit_write(who, &e) == 0)
			db_commit();
		else
			db_rollback();
	}
	if (!found)
		return 0;
	doc->pdf = cert_pdf(a, in->number, &doc->pdf_len);
	if (!doc->pdf)
		return 0;
	doc->number = db_val(c, 0, 0);
	doc->service = db_val(c, 0, 1);
	doc->holder = db_val(c, 0, 2);
	doc->issued = db_val(c, 0, 4);
	doc->valid_until = db_val(c, 0, 5);
	doc->status = db_val(c, 0, 6);
	doc->facts = db_val(c, 0, 7);
	return 1;
}
