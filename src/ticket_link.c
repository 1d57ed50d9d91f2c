/*
 * ticket_link.c — the object a ticket is about (issue 15): an application,
 * a certificate, a wallet entry, a bill, a CSC, a training or an exam.  A
 * link is checked when the ticket is raised — the object exists and the
 * raiser may see it, so a ticket cannot be used to learn whether someone
 * else's application or bill exists — and the thread shows it with a link
 * for viewers who may open it.
 */
#include "ticket.h"
#include "application.h"
#include "db.h"
#include "exam.h"
#include "training.h"
#include "wallet.h"

#include <stdlib.h>

/* Does u see the certificate numbered ref: its holder, or whoever sees
 * the application it was issued on? */
static bool cert_seen(struct arena *a, const struct user *u, const char *ref)
{
	struct dbres *r = db_query(a, "SELECT c.holder_id, a.number FROM certificates c LEFT JOIN applications a ON a.id = c.app_id "
				      "WHERE c.number = ?", "s", ref);
	if (!r || r->nrows != 1)
		return false;
	if (db_int(r, 0, 0) == u->id)
		return true;
	struct app *ap = db_val(r, 0, 1) ? app_load(a, db_val(r, 0, 1), 0, false) : NULL;
	return ap && app_visible(u, ap);
}

/* Does u see the CSC with CSC ID ref: its own, or one whose operator works
 * within u's areas (an officer, a resolver), or any for a call-centre
 * agent (the caller is its VLE)? */
static bool csc_seen(struct arena *a, const struct user *u, const char *ref)
{
	const char *id = db_scalar(a, "SELECT id FROM users WHERE csc_id = ? AND active = 1", "s", ref);
	if (!id)
		return false;
	if (strtol(id, NULL, 10) == u->id)
		return true;
	struct user *vle = user_load(a, strtol(id, NULL, 10));
	if (!vle)
		return false;
	if (user_has(u, ROLE_CC_AGENT))
		return true;
	for (size_t i = 0; i < vle->nh; i++)
		if (juris_holding(u, RB_OFFICERS | TICKET_RESOLVERS, 0, vle->h[i].loc_path, 0))
			return true;
	return false;
}

/* Is exam `code` one u may sit (its audience)? */
static bool exam_seen(struct arena *a, const struct user *u, const char *code)
{
	struct dbres *r = exam_list_for(a, u);
	for (size_t i = 0; r && i < r->nrows; i++)
		if (str_eq(db_val(r, i, 0), code))
			return true;
	return false;
}

bool ticket_link_seen(struct arena *a, const struct user *u, const char *kind, const char *ref)
{
	long id = 0;
	if (!u || str_empty(kind) || str_empty(ref))
		return false;
	if (str_eq(kind, "application")) {
		struct app *ap = app_load(a, ref, 0, false);
		return ap && app_visible(u, ap);
	}
	if (str_eq(kind, "certificate"))
		return cert_seen(a, u, ref);
	if (str_eq(kind, "csc"))
		return csc_seen(a, u, ref);
	if (str_eq(kind, "exam"))
		return exam_seen(a, u, ref);
	if (!parse_long(ref, 1, 1L << 40, &id))
		return false;
	if (str_eq(kind, "wallet")) {
		/* an entry of u's own wallet */
		long wallet = wallet_account(a, u->id);
		return wallet && db_scalar(a, "SELECT txn_id FROM ledger_entries WHERE txn_id = ? AND account_id = ? LIMIT 1", "ii",
					   (long long)id, (long long)wallet) != NULL;
	}
	if (str_eq(kind, "bill"))
		return db_scalar(a, "SELECT id FROM bills WHERE id = ? AND operator_id = ?", "ii", (long long)id,
				 (long long)u->id) != NULL;
	if (str_eq(kind, "training"))
		return training_visible(a, u, id);
	return false;
}

const char *ticket_link_href(struct arena *a, const struct user *u, const char *kind, const char *ref)
{
	if (!ticket_link_seen(a, u, kind, ref))
		return NULL;
	if (str_eq(kind, "application"))
		return arena_printf(a, "%s/%s", (u->roles & RB_OFFICERS) ? "/desk/app" : "/my/app", ref);
	if (str_eq(kind, "certificate"))
		return arena_printf(a, "/verify?number=%s", ref);
	if (str_eq(kind, "wallet"))
		return "/csc/wallet";
	if (str_eq(kind, "bill"))
		return arena_printf(a, "/csc/bills/%s", ref);
	if (str_eq(kind, "training"))
		return arena_printf(a, "/training/%s", ref);
	if (str_eq(kind, "exam"))
		return "/exams";
	return NULL;	/* a CSC has no page of its own */
}
