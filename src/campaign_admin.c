/*
 * campaign_admin.c — Jan Samvad administration without SQL (issue 15): the
 * do-not-call list (add and remove a number with a reason, load many from
 * CSV; each change audited, and a number added is taken off every call
 * list still waiting) and a campaign's definition edited on pages
 * (settings, questions through the form engine's field editor, status).
 */
#include "campaign.h"
#include "audit.h"
#include "csv.h"
#include "db.h"
#include "fieldedit.h"
#include "json.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

/* ---- do not call ---- */

/* The reason typed: 3 to 100 characters (problems at "reason"). */
static const char *dnc_reason(struct arena *a, struct outcome *out, const char *reason)
{
	const char *r = fieldedit_text(a, out, "reason", reason, 100, true);
	if (r && utf8_chars(r) < 3)
		out_field(out, "reason", "campaign.err.reason", NULL);
	return r;
}

/* Puts mobile on the list (or gives it the new reason) and leaves it out
 * of every call list still waiting to be called; inside a transaction. */
static int dnc_put(const char *mobile, const char *reason)
{
	if (db_exec("INSERT INTO dnc (mobile, added_at, reason) VALUES (?, NOW(), ?) ON DUPLICATE KEY UPDATE reason = VALUES(reason)",
		    "ss", mobile, reason) < 0)
		return -1;
	return db_exec("UPDATE campaign_contacts SET status = 'excluded', updated_at = NOW() WHERE mobile = ? AND status = 'pending'",
		       "s", mobile) < 0 ? -1 : 0;
}

struct dnc_ctx {
	const struct actor *who;
	const char *mobile, *reason;
	bool add;
	struct arena *a;
	const char *csv;	/* import: the file */
	size_t len;
	long added, bad;	/* import: numbers listed, rows refused */
};

static int dnc_txn(void *p)
{
	struct dnc_ctx *c = p;
	if (c->add ? dnc_put(c->mobile, c->reason) != 0
		   : db_exec("DELETE FROM dnc WHERE mobile = ?", "s", c->mobile) < 0)
		return -1;
	struct audit_entry e = { .action = c->add ? "campaign.dnc_add" : "campaign.dnc_remove", .entity = "dnc",
				 .entity_id = c->mobile, .remarks = c->reason };
	return audit_write(c->who, &e);
}

int campaign_dnc_change(struct arena *a, const struct actor *who, bool add, const char *mobile, const char *reason,
			struct outcome *out)
{
	struct dnc_ctx c = { .who = who, .mobile = mobile, .add = add, .a = a };
	if (!valid_mobile(mobile))
		out_field(out, "mobile", "auth.mobile_bad", NULL);
	c.reason = dnc_reason(a, out, reason);
	if (out->status)
		return out->status;
	if (!add && !db_scalar(a, "SELECT mobile FROM dnc WHERE mobile = ?", "s", mobile)) {
		out_field(out, "mobile", "campaign.err.not_listed", NULL);
		return out->status;
	}
	return out_txn(out, dnc_txn, &c);
}

static int dnc_import_txn(void *p)
{
	struct dnc_ctx *c = p;
	struct csv in;
	char **f;
	size_t nf;
	int rc;
	csv_init(&in, c->csv, c->len);
	c->added = c->bad = 0;
	if (csv_next(&in, c->a, &f, &nf) != 1)
		return 1;
	int im = -1, ir = -1;
	for (size_t j = 0; j < nf; j++) {
		if (str_eq(str_trim(f[j]), "mobile"))
			im = (int)j;
		if (str_eq(str_trim(f[j]), "reason"))
			ir = (int)j;
	}
	if (im < 0)
		return 1;
	while ((rc = csv_next(&in, c->a, &f, &nf)) != 0) {
		const char *m = rc > 0 && (size_t)im < nf ? str_trim(f[im]) : NULL;
		const char *why = ir >= 0 && (size_t)ir < nf && !str_empty(str_trim(f[ir])) ? str_trim(f[ir]) : c->reason;
		if (!m || !valid_mobile(m) || utf8_chars(why) > 100) {
			c->bad++;
			continue;
		}
		if (dnc_put(m, why) != 0)
			return -1;
		c->added++;
	}
	struct audit_entry e = { .action = "campaign.dnc_import", .entity = "dnc", .entity_id = "*",
				 .remarks = arena_printf(c->a, "%ld listed, %ld refused: %s", c->added, c->bad, c->reason) };
	return audit_write(c->who, &e);
}

int campaign_dnc_import(struct arena *a, const struct actor *who, const char *csv, size_t len, const char *reason,
			long *added, long *bad, struct outcome *out)
{
	struct dnc_ctx c = { .who = who, .a = a, .csv = csv, .len = len };
	c.reason = dnc_reason(a, out, reason);
	if (!csv || !len)
		out_field(out, "file", "campaign.err.dnc_header", NULL);
	if (out->status)
		return out->status;
	int rc = db_txn(dnc_import_txn, &c);
	if (rc > 0) {
		out_field(out, "file", "campaign.err.dnc_header", NULL);
		return out->status;
	}
	if (rc < 0)
		return out_fail(out, 503, NULL);
	*added = c.added;
	*bad = c.bad;
	return 0;
}

struct dbres *campaign_dnc_list(struct arena *a, const char *prefix)
{
	return db_query(a, "SELECT mobile, added_at, reason FROM dnc WHERE ? = '' OR mobile LIKE CONCAT(?, '%') "
			   "ORDER BY added_at DESC, mobile LIMIT 100", "ss", prefix ? prefix : "", prefix ? prefix : "");
}
