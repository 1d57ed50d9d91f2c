/*
 * wallet.c — the ledger, wallet top-ups and the commission schedule.
 */
#include "wallet.h"
#include "audit.h"
#include "db.h"
#include "lengths.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long wallet_account(struct arena *a, long user_id)
{
	const char *id = db_scalar(a, "SELECT id FROM accounts WHERE kind = 'wallet' AND user_id = ?", "i", (long long)user_id);
	if (id)
		return strtol(id, NULL, 10);
	if (db_exec("INSERT IGNORE INTO accounts (kind, user_id, name) VALUES ('wallet', ?, ?)", "is", (long long)user_id,
		    arena_printf(a, "wallet:%ld", user_id)) < 0)
		return 0;
	id = db_scalar(a, "SELECT id FROM accounts WHERE kind = 'wallet' AND user_id = ?", "i", (long long)user_id);
	return id ? strtol(id, NULL, 10) : 0;
}

long book_account(struct arena *a, const char *kind, const char *name, long department_id)
{
	const char *id = db_scalar(a, "SELECT id FROM accounts WHERE name = ?", "s", name);
	if (id)
		return strtol(id, NULL, 10);
	if (db_exec("INSERT IGNORE INTO accounts (kind, name, department_id) VALUES (?, ?, NULLIF(?, 0))", "ssi", kind, name,
		    (long long)department_id) < 0)
		return 0;
	id = db_scalar(a, "SELECT id FROM accounts WHERE name = ?", "s", name);
	return id ? strtol(id, NULL, 10) : 0;
}

enum wallet_rc ledger_move(struct arena *a, const char *kind, const char *idem, long from, long to, long amount,
			   long app_id, const char *reference, long by, bool from_wallet)
{
	if (amount <= 0 || amount > 100000000L || !from || !to || from == to || str_empty(idem))
		return WALLET_BAD;
	if (db_scalar(a, "SELECT id FROM ledger_txns WHERE idem_key = ?", "s", idem))
		return WALLET_REPEAT;
	/* Only wallets keep a cached balance (it is checked before a debit) and
	 * are locked, in id order so concurrent moves cannot deadlock.  Book
	 * accounts (department fees, commissions, gateway) take every CSC's
	 * movements: their balance is the sum of their entries, so they are
	 * never a row every transaction in the state waits on. */
	struct dbres *k = db_query(a, "SELECT id, kind = 'wallet' FROM accounts WHERE id IN (?, ?) ORDER BY id", "ii",
				   (long long)from, (long long)to);
	if (!k || k->nrows != 2)
		return k ? WALLET_BAD : WALLET_ERROR;
	bool wallet_from = false, wallet_to = false;
	for (size_t i = 0; i < 2; i++) {
		if (db_int(k, i, 1) != 1)
			continue;
		long id = (long)db_int(k, i, 0);
		struct dbres *l = db_query(a, "SELECT balance_paise FROM accounts WHERE id = ? FOR UPDATE", "i", (long long)id);
		if (!l || l->nrows != 1)
			return WALLET_ERROR;
		if (id == from) {
			wallet_from = true;
			if (from_wallet && db_int(l, 0, 0) < amount)
				return WALLET_SHORT;
		} else {
			wallet_to = true;
		}
	}
	if (from_wallet && !wallet_from)
		return WALLET_BAD;
	if (db_exec("INSERT INTO ledger_txns (kind, idem_key, app_id, reference, created_by) VALUES (?, ?, NULLIF(?, 0), ?, NULLIF(?, 0))",
		    "ssisi", kind, idem, (long long)app_id, reference, (long long)by) != 1)
		return db_err_dup() ? WALLET_REPEAT : WALLET_ERROR;
	long long txn = db_last_id();
	if (db_exec("INSERT INTO ledger_entries (txn_id, account_id, amount_paise) VALUES (?, ?, ?), (?, ?, ?)", "iiiiii",
		    txn, (long long)from, (long long)-amount, txn, (long long)to, (long long)amount) != 2 ||
	    (wallet_from && db_exec("UPDATE accounts SET balance_paise = balance_paise - ? WHERE id = ?", "ii", (long long)amount,
				    (long long)from) != 1) ||
	    (wallet_to && db_exec("UPDATE accounts SET balance_paise = balance_paise + ? WHERE id = ?", "ii", (long long)amount,
				  (long long)to) != 1))
		return WALLET_ERROR;
	return WALLET_OK;
}

long wallet_balance(struct arena *a, long user_id)
{
	const char *b = db_scalar(a, "SELECT IFNULL(SUM(e.amount_paise), 0) FROM ledger_entries e JOIN accounts ac "
				     "ON ac.id = e.account_id WHERE ac.kind = 'wallet' AND ac.user_id = ?", "i", (long long)user_id);
	return b ? strtol(b, NULL, 10) : 0;
}

long ledger_verify(FILE *out)
{
	struct arena a;
	arena_init(&a);
	long bad = -1;
	/* wallets carry a cached balance; book accounts are only their entries */
	struct dbres *acc = db_query(&a, "SELECT ac.id, ac.name, ac.balance_paise, IFNULL(SUM(e.amount_paise), 0) "
					 "FROM accounts ac LEFT JOIN ledger_entries e ON e.account_id = ac.id WHERE ac.kind = 'wallet' "
					 "GROUP BY ac.id HAVING ac.balance_paise <> IFNULL(SUM(e.amount_paise), 0)", NULL);
	struct dbres *txn = db_query(&a, "SELECT txn_id, SUM(amount_paise) FROM ledger_entries GROUP BY txn_id "
					 "HAVING SUM(amount_paise) <> 0", NULL);
	struct dbres *neg = db_query(&a, "SELECT id, name, balance_paise FROM accounts WHERE kind = 'wallet' AND balance_paise < 0", NULL);
	if (!acc || !txn || !neg)
		goto out;
	for (size_t i = 0; i < acc->nrows; i++)
		fprintf(out, "account %s (%s): cached %s paise, entries sum to %s\n", db_val(acc, i, 0), db_val(acc, i, 1),
			db_val(acc, i, 2), db_val(acc, i, 3));
	for (size_t i = 0; i < txn->nrows; i++)
		fprintf(out, "transaction %s does not balance (%s paise)\n", db_val(txn, i, 0), db_val(txn, i, 1));
	for (size_t i = 0; i < neg->nrows; i++)
		fprintf(out, "wallet %s is negative: %s paise\n", db_val(neg, i, 1), db_val(neg, i, 2));
	bad = (long)(acc->nrows + txn->nrows + neg->nrows);
out:
	arena_free(&a);
	return bad;
}

bool wallet_reference_ok(const char *ref)
{
	if (!ref || !utf8_valid(ref, strlen(ref)))
		return false;
	size_t n = utf8_chars(ref);
	return n >= 3 && n <= LIM_REFERENCE;
}

/* wallet_topup's transaction. */
struct topup_ctx {
	struct arena *a;		/* memory */
	const struct actor *who;	/* who credits */
	const struct topup *in;		/* what */
	enum wallet_rc wr;		/* ledger_move's answer */
};

static int topup_txn(void *p)
{
	struct topup_ctx *c = p;
	const struct topup *in = c->in;
	long to = wallet_account(c->a, in->user_id), from = book_account(c->a, "topup", "topups", 0);
	if (!to || !from)
		return -1;
	/* the deposit reference is the key: one slip credits one wallet once,
	 * whoever enters it and however (hashed: a reference is free text) */
	unsigned char h[32];
	crypto_hash_sha256(h, (const unsigned char *)in->reference, strlen(in->reference));
	c->wr = ledger_move(c->a, "topup", arena_printf(c->a, "topup:%ld:%s", in->user_id, hex_encode(c->a, h, 16)), from, to,
			    (long)in->paise, 0, in->reference, actor_id(c->who), false);
	if (c->wr == WALLET_REPEAT)
		return 0;
	if (c->wr != WALLET_OK)
		return -1;
	struct audit_entry e = { .action = "wallet.topup", .entity = "user", .entity_id = arena_printf(c->a, "%ld", in->user_id),
				 .remarks = arena_printf(c->a, "%lld paise, %s", in->paise, in->reference) };
	return audit_write(c->who, &e);
}

int wallet_topup(struct arena *a, const struct actor *who, const struct topup *in, bool *credited, struct outcome *out)
{
	*credited = false;
	if (in->paise < 1 || in->paise > 10000000)
		out_field(out, "amount_paise", "wallet.amount_bad", NULL);
	if (!wallet_reference_ok(in->reference))
		out_field(out, "reference", "wallet.reference_bad", NULL);
	if (out->status)
		return out->status;
	if (!db_scalar(a, "SELECT id FROM users WHERE id = ? AND user_type = 'csc'", "i", (long long)in->user_id))
		return out_fail(out, 404, NULL);
	struct topup_ctx c = { .a = a, .who = who, .in = in };
	if (db_txn(topup_txn, &c) != 0)
		return out_fail(out, 503, NULL);
	*credited = c.wr == WALLET_OK;
	return 0;
}

/* wallet_commission_set's transaction. */
struct commission_ctx {
	const struct actor *who;	/* who sets it */
	const char *kind, *code;	/* app|bill; service or biller code, NULL for the default */
	long paise;			/* the amount */
};

static int commission_txn(void *p)
{
	struct commission_ctx *c = p;
	/* the default (NULL code) is unique per kind too (key_norm) */
	long long n = db_exec("INSERT INTO commission_rules (kind, key_code, amount_paise) VALUES (?, NULLIF(?, ''), ?) "
			      "ON DUPLICATE KEY UPDATE amount_paise = VALUES(amount_paise)", "ssi", c->kind, c->code ? c->code : "",
			      (long long)c->paise);
	struct audit_entry e = { .action = "commission.set", .entity = "commission", .entity_id = c->code ? c->code : "default",
				 .remarks = c->kind };
	return n < 0 || audit_write(c->who, &e) != 0 ? -1 : 0;
}

int wallet_commission_set(const struct actor *who, const char *kind, const char *code, long paise, struct outcome *out)
{
	if (!str_eq(kind, "app") && !str_eq(kind, "bill") && !str_eq(kind, "grievance"))
		out_field(out, "kind", "form.err.choice", NULL);
	if (paise < 0 || paise > 1000000)
		out_field(out, "amount_paise", "wallet.amount_bad", NULL);
	if (out->status)
		return out->status;
	struct commission_ctx c = { .who = who, .kind = kind, .code = code, .paise = paise };
	return db_txn(commission_txn, &c) == 0 ? 0 : out_fail(out, 503, NULL);
}
