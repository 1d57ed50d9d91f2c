/*
 * consent.c — a citizen's consent that one operator may see their whole
 * locker for a visit: asked by a code to the citizen's mobile, or given by
 * the citizen logged in; listed and withdrawn by the citizen.  The rule
 * that uses it is LOCKER_SEES in locker.c.
 */
#include "consent.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "user.h"

#include <stdlib.h>
#include <string.h>

long consent_citizen(struct arena *a, const char *mobile)
{
	if (!valid_mobile(mobile))
		return 0;
	const char *id = db_scalar(a, "SELECT id FROM users WHERE citizen_mobile = ?", "s", mobile);
	return id ? strtol(id, NULL, 10) : 0;
}

long consent_operator(struct arena *a, const char *ref)
{
	if (str_empty(ref) || strlen(ref) > 64)
		return 0;
	const char *id = db_scalar(a, "SELECT id FROM users WHERE (csc_id = ? OR username = ?) AND user_type IN ('csc', 'sewak', 'jsk') "
				      "AND active = 1 ORDER BY csc_id = ? DESC LIMIT 1", "sss", ref, ref, ref);
	/* the account type is not enough: the operator role must be held today */
	struct user *u = id ? user_load(a, strtol(id, NULL, 10)) : NULL;
	return u && (u->roles & RB_OPERATORS) ? u->id : 0;
}

/* The OTP purpose of r->user's consent codes: the code's hash covers it, so
 * a code works only for the operator who asked. */
static const char *purpose_of(struct req *r)
{
	return arena_printf(r->a, "consent:%ld", r->user->id);
}

/* consent_ttl in words for the SMS: "24 hours", "90 minutes". */
static const char *ttl_words(struct arena *a)
{
	long t = cfg.consent_ttl, m = (t + 59) / 60;
	if (t % 3600 == 0)
		return arena_printf(a, "%ld hour%s", t / 3600, t == 3600 ? "" : "s");
	return arena_printf(a, "%ld minute%s", m, m == 1 ? "" : "s");
}

enum auth_result consent_ask(struct req *r, const char *mobile)
{
	struct dbres *op = db_query(r->a, "SELECT TRIM(CONCAT_WS(' ', first_name, last_name)), IFNULL(csc_id, username) FROM users "
					  "WHERE id = ?", "i", (long long)r->user->id);
	if (!op || op->nrows != 1)
		return AUTH_ERROR;
	/* the citizen hears who will see the documents, and for how long */
	const char *after = arena_printf(r->a, " is your GramSewa consent code. Give it to %s (%s) only if you agree that they "
					 "see all the documents in your locker for %s. - GramSewa",
					 db_val(op, 0, 0), db_val(op, 0, 1), ttl_words(r->a));
	return auth_otp_send(r, mobile, purpose_of(r), after, cfg.consent_sms_dlt);
}

enum auth_result consent_confirm(struct req *r, const char *mobile, const char *code)
{
	enum auth_result res = auth_otp_verify(r, mobile, purpose_of(r), code);
	if (res != AUTH_OK)
		return res;
	long citizen = consent_citizen(r->a, mobile);
	if (!citizen)
		return AUTH_FAIL;	/* no code is sent for an unregistered mobile */
	return consent_grant(r, citizen, r->user->id, "otp") == 0 ? AUTH_OK : AUTH_ERROR;
}

struct grant_ctx {
	struct req *r;			/* request (arena, audit) */
	long citizen, operator;		/* who lets whom in */
	const char *via;		/* "otp" or "citizen" */
};

static int grant_txn(void *p)
{
	struct grant_ctx *c = p;
	struct req *r = c->r;
	if (db_exec("INSERT INTO locker_consents (citizen_id, operator_id, via, granted_at, expires_at) "
		    "VALUES (?, ?, ?, NOW(), NOW() + INTERVAL ? SECOND)", "iisi", (long long)c->citizen, (long long)c->operator,
		    c->via, (long long)cfg.consent_ttl) != 1)
		return -1;
	const char *until = db_scalar(r->a, "SELECT expires_at FROM locker_consents WHERE id = LAST_INSERT_ID()", NULL);
	if (!until)
		return -1;
	struct audit_entry e = { .action = "consent.grant", .entity = "locker", .entity_id = arena_printf(r->a, "%ld", c->citizen),
				 .remarks = arena_printf(r->a, "operator %ld via %s until %s", c->operator, c->via, until) };
	return audit_write(req_actor(r), &e) == 0 ? 0 : -1;
}

int consent_grant(struct req *r, long citizen, long operator, const char *via)
{
	struct grant_ctx c = { .r = r, .citizen = citizen, .operator = operator, .via = via };
	return db_txn(grant_txn, &c) == 0 ? 0 : 503;
}

struct withdraw_ctx {
	struct req *r;			/* request (arena, audit) */
	long citizen, operator;		/* whose grant to whom */
	int status;			/* out: 404 when nothing was running */
};

static int withdraw_txn(void *p)
{
	struct withdraw_ctx *c = p;
	long long n = db_exec("UPDATE locker_consents SET withdrawn_at = NOW() WHERE citizen_id = ? AND operator_id = ? "
			      "AND withdrawn_at IS NULL AND expires_at > NOW()", "ii", (long long)c->citizen, (long long)c->operator);
	if (n < 0)
		return -1;
	if (n == 0) {
		c->status = 404;
		return 1;
	}
	struct audit_entry e = { .action = "consent.withdraw", .entity = "locker",
				 .entity_id = arena_printf(c->r->a, "%ld", c->citizen),
				 .remarks = arena_printf(c->r->a, "operator %ld", c->operator) };
	return audit_write(req_actor(c->r), &e) == 0 ? 0 : -1;
}

int consent_withdraw(struct req *r, long citizen, long operator)
{
	struct withdraw_ctx c = { .r = r, .citizen = citizen, .operator = operator };
	int rc = db_txn(withdraw_txn, &c);
	return rc == 0 ? 0 : c.status ? c.status : 503;
}

struct dbres *consent_list(struct arena *a, long citizen, long operator)
{
	return db_query(a, "SELECT c.citizen_id, cu.mobile, c.operator_id, TRIM(CONCAT_WS(' ', o.first_name, o.last_name)), o.csc_id, "
			   "o.username, MAX(c.expires_at), SUBSTRING_INDEX(GROUP_CONCAT(c.via ORDER BY c.id DESC), ',', 1) "
			   "FROM locker_consents c JOIN users cu ON cu.id = c.citizen_id JOIN users o ON o.id = c.operator_id "
			   "WHERE (c.citizen_id = ? OR ? = 0) AND (c.operator_id = ? OR ? = 0) "
			   "AND c.withdrawn_at IS NULL AND c.expires_at > NOW() "
			   "GROUP BY c.citizen_id, c.operator_id ORDER BY MAX(c.expires_at) DESC LIMIT 100",
			"iiii", (long long)citizen, (long long)citizen, (long long)operator, (long long)operator);
}
