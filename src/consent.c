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

/* The citizen registered with mobile, or 0 with the problem at "mobile"
 * (422), or -1 (503). */
static long citizen_of(struct arena *a, const char *mobile, struct outcome *out)
{
	long citizen = user_citizen_id(a, mobile);
	if (citizen < 0)
		out_fail(out, 503, NULL);
	else if (!citizen)
		out_field(out, "mobile", valid_mobile(mobile) ? "consent.no_locker" : "auth.mobile_bad", NULL);
	return citizen;
}

/* An active operator named by CSC ID or log-in name, or 0. */
static long operator_of(struct arena *a, const char *ref)
{
	if (str_empty(ref) || strlen(ref) > 64)
		return 0;
	const char *id = db_scalar(a, "SELECT id FROM users WHERE (csc_id = ? OR username = ?) AND user_type IN ('csc', 'sewak', 'jsk') "
				      "AND active = 1 ORDER BY csc_id = ? DESC LIMIT 1", "sss", ref, ref, ref);
	/* the account type is not enough: the operator role must be held today */
	struct user *u = id ? user_load(a, strtol(id, NULL, 10)) : NULL;
	return u && (u->roles & RB_OPERATORS) ? u->id : 0;
}

/* The OTP purpose of who's consent codes: the code's hash covers it, so
 * a code works only for the operator who asked. */
static const char *purpose_of(struct arena *a, const struct actor *who)
{
	return arena_printf(a, "consent:%ld", actor_id(who));
}

/* consent_ttl in words for the SMS: "24 hours", "90 minutes". */
static const char *ttl_words(struct arena *a)
{
	long t = cfg.consent_ttl, m = (t + 59) / 60;
	if (t % 3600 == 0)
		return arena_printf(a, "%ld hour%s", t / 3600, t == 3600 ? "" : "s");
	return arena_printf(a, "%ld minute%s", m, m == 1 ? "" : "s");
}

/* An auth.c answer as an outcome status (a wrong code at "otp"). */
static int auth_status(struct outcome *out, enum auth_result res)
{
	switch (res) {
	case AUTH_OK:
		return 0;
	case AUTH_FAIL:
		out_field(out, "otp", "consent.code_wrong", NULL);
		return out->status;
	case AUTH_THROTTLED:
		return out_fail(out, 429, NULL);
	default:
		return out_fail(out, 503, NULL);
	}
}

int consent_ask(struct arena *a, const struct actor *who, const char *mobile, long *citizen, struct outcome *out)
{
	*citizen = citizen_of(a, mobile, out);
	if (*citizen <= 0)
		return out->status;
	struct dbres *op = db_query(a, "SELECT TRIM(CONCAT_WS(' ', first_name, last_name)), IFNULL(csc_id, username) FROM users "
				       "WHERE id = ?", "i", (long long)actor_id(who));
	if (!op || op->nrows != 1)
		return out_fail(out, 503, NULL);
	/* the citizen hears who will see the documents, and for how long */
	const char *after = arena_printf(a, " is your GramSewa consent code. Give it to %s (%s) only if you agree that they "
					 "see all the documents in your locker for %s. - GramSewa",
					 db_val(op, 0, 0), db_val(op, 0, 1), ttl_words(a));
	return auth_status(out, auth_otp_send(a, who, mobile, purpose_of(a, who), after, cfg.consent_sms_dlt));
}

struct grant_ctx {
	struct arena *a;		/* for the audit row's text */
	const struct actor *who;	/* who grants (the citizen, or the operator with the citizen's code) */
	long citizen, operator;		/* who lets whom in */
	const char *via;		/* "otp" or "citizen" */
};

static int grant_txn(void *p)
{
	struct grant_ctx *c = p;
	if (db_exec("INSERT INTO locker_consents (citizen_id, operator_id, via, granted_at, expires_at) "
		    "VALUES (?, ?, ?, NOW(), NOW() + INTERVAL ? SECOND)", "iisi", (long long)c->citizen, (long long)c->operator,
		    c->via, (long long)cfg.consent_ttl) != 1)
		return -1;
	const char *until = db_scalar(c->a, "SELECT expires_at FROM locker_consents WHERE id = LAST_INSERT_ID()", NULL);
	if (!until)
		return -1;
	struct audit_entry e = { .action = "consent.grant", .entity = "locker", .entity_id = arena_printf(c->a, "%ld", c->citizen),
				 .remarks = arena_printf(c->a, "operator %ld via %s until %s", c->operator, c->via, until) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

/* Grants operator the citizen's whole locker for consent_ttl seconds, in
 * one transaction with the audit row.  Returns 0 or 503. */
static int grant(struct arena *a, const struct actor *who, long citizen, long operator, const char *via, struct outcome *out)
{
	struct grant_ctx c = { .a = a, .who = who, .citizen = citizen, .operator = operator, .via = via };
	return out_txn(out, grant_txn, &c);
}

int consent_confirm(struct arena *a, const struct actor *who, const char *mobile, const char *code, long *citizen,
		    struct outcome *out)
{
	*citizen = citizen_of(a, mobile, out);
	if (*citizen <= 0)
		return out->status;
	int st = auth_status(out, auth_otp_verify(a, who, mobile, purpose_of(a, who), code));
	return st ? st : grant(a, who, *citizen, actor_id(who), "otp", out);
}

int consent_grant(struct arena *a, const struct actor *who, const char *ref, long *operator, struct outcome *out)
{
	*operator = operator_of(a, ref);
	if (!*operator) {
		out_field(out, "operator", "consent.no_operator", NULL);
		return out->status;
	}
	return grant(a, who, actor_id(who), *operator, "citizen", out);
}

struct withdraw_ctx {
	struct arena *a;		/* for the audit row's text */
	const struct actor *who;	/* the citizen */
	long operator;			/* whose access ends */
	struct outcome *out;		/* 404 when nothing was running */
};

static int withdraw_txn(void *p)
{
	struct withdraw_ctx *c = p;
	long citizen = actor_id(c->who);
	long long n = db_exec("UPDATE locker_consents SET withdrawn_at = NOW() WHERE citizen_id = ? AND operator_id = ? "
			      "AND withdrawn_at IS NULL AND expires_at > NOW()", "ii", (long long)citizen, (long long)c->operator);
	if (n < 0)
		return -1;
	if (n == 0) {
		out_fail(c->out, 404, NULL);
		return 1;
	}
	struct audit_entry e = { .action = "consent.withdraw", .entity = "locker", .entity_id = arena_printf(c->a, "%ld", citizen),
				 .remarks = arena_printf(c->a, "operator %ld", c->operator) };
	return audit_write(c->who, &e) == 0 ? 0 : -1;
}

int consent_withdraw(struct arena *a, const struct actor *who, long operator, struct outcome *out)
{
	struct withdraw_ctx c = { .a = a, .who = who, .operator = operator, .out = out };
	return out_txn(out, withdraw_txn, &c);
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
