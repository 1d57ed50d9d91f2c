/*
 * ticket_sms.c — the acknowledgement and resolution SMS of tickets and
 * grievances in the recipient's language (issue 15): each sub type may
 * carry its own text in English and Hindi (catalogue CSV columns
 * sms_raised_en ... sms_resolved_hi); without one, the generic text of the
 * language (templates/lang: ticket.sms.raised, ticket.sms.resolved).  The
 * texts are kept by the state administrator on /admin/ticket-sms (checked
 * placeholders, a preview with sample values) or loaded with the catalogue.
 */
#include "ticket.h"
#include "audit.h"
#include "db.h"
#include "tmpl.h"

#include <string.h>

/* The placeholders a template may use, in the order of struct ticket_sms. */
static const char *const sms_keys[] = { "{number}", "{subject}", "{due}", "{text}", "{days}" };

const char *ticket_sms_lang(struct arena *a, long raised_by, const char *mobile)
{
	const char *lang = NULL;
	if (!str_empty(mobile))
		lang = db_scalar(a, "SELECT lang FROM users WHERE mobile = ? AND active = 1 ORDER BY user_type = 'citizen' DESC, id LIMIT 1",
				 "s", mobile);
	else if (raised_by)
		lang = db_scalar(a, "SELECT lang FROM users WHERE id = ?", "i", (long long)raised_by);
	return str_eq(lang, "hi") ? "hi" : "en";
}

const char *ticket_sms_text(struct arena *a, long type_id, bool resolved, const char *lang, const struct ticket_sms *v)
{
	bool hi = str_eq(lang, "hi");
	const struct ticket_subtype *t = ticket_subtype(a, NULL, type_id);
	const char *tpl = t ? t->sms[(resolved ? 2 : 0) + (hi ? 1 : 0)] : NULL;
	if (str_empty(tpl))
		tpl = tmpl_str(hi ? "hi" : "en", resolved ? "ticket.sms.resolved" : "ticket.sms.raised");
	const char *vals[] = { v->number, v->subject, v->due ? date_long(a, v->due, hi ? "hi" : "en") : "", v->text,
			       arena_printf(a, "%ld", v->days) };
	return str_fill(a, tpl, sms_keys, vals, ARRAY_LEN(sms_keys), false);
}

const char *ticket_sms_unknown(struct arena *a, const char *tpl)
{
	for (const char *p = tpl ? strchr(tpl, '{') : NULL; p; p = strchr(p + 1, '{')) {
		bool known = false;
		for (size_t i = 0; i < ARRAY_LEN(sms_keys) && !known; i++)
			known = !strncmp(p, sms_keys[i], strlen(sms_keys[i]));
		if (!known) {
			/* "{word}" as typed, or "{" and what follows, briefly */
			size_t n = strcspn(p + 1, "{} ");
			return arena_printf(a, "%.*s%s", (int)(n > 20 ? 21 : n + 1), p, p[1 + n] == '}' && n <= 20 ? "}" : "");
		}
	}
	return NULL;
}

bool ticket_sms_template_ok(const char *tpl)
{
	if (str_empty(tpl))
		return true;
	struct arena a;
	arena_init(&a);
	/* every {...} is one of ours: a typo would reach citizens verbatim */
	bool ok = utf8_chars(tpl) <= TICKET_SMS_MAX && !ticket_sms_unknown(&a, tpl);
	arena_free(&a);
	return ok;
}

const char *ticket_sms_sample(struct arena *a, const char *tpl, const char *lang)
{
	bool hi = str_eq(lang, "hi");
	const char *vals[] = { "TK0000123", hi ? "प्रिंटर काम नहीं कर रहा" : "Printer not working",
			       date_long(a, "2026-12-07 10:15:00", hi ? "hi" : "en"),
			       hi ? "ड्राइवर दोबारा लगाया गया" : "Driver reinstalled", "7" };
	return str_fill(a, tpl, sms_keys, vals, ARRAY_LEN(sms_keys), false);
}

/* ---- the texts kept per sub type (the admin page /admin/ticket-sms) ---- */

const char *const ticket_sms_fields[] = { "raised_en", "raised_hi", "resolved_en", "resolved_hi", NULL };

struct dbres *ticket_sms_list(struct arena *a)
{
	return db_query(a, "SELECT code, name_en, name_hi, kind, sms_raised_en, sms_raised_hi, sms_resolved_en, sms_resolved_hi "
			   "FROM ticket_types WHERE level = 'sub' AND active = 1 ORDER BY kind DESC, code", NULL);
}

struct sms_save_ctx {
	struct arena *a;
	const struct actor *who;
	const char *code;
	const char *t[4];
};

static int sms_save_txn(void *p)
{
	struct sms_save_ctx *c = p;
	if (db_exec("UPDATE ticket_types SET sms_raised_en = NULLIF(?, ''), sms_raised_hi = NULLIF(?, ''), "
		    "sms_resolved_en = NULLIF(?, ''), sms_resolved_hi = NULLIF(?, '') WHERE code = ? AND level = 'sub'", "sssss",
		    c->t[0], c->t[1], c->t[2], c->t[3], c->code) < 0)
		return -1;
	struct audit_entry e = { .action = "ticket.sms_templates", .entity = "ticket_type", .entity_id = c->code,
				 .remarks = arena_printf(c->a, "%s | %s | %s | %s", c->t[0], c->t[1], c->t[2], c->t[3]) };
	return audit_write(c->who, &e);
}

int ticket_sms_save(struct arena *a, const struct actor *who, const char *code, const char *const texts[4], struct outcome *out)
{
	if (!code || !db_scalar(a, "SELECT id FROM ticket_types WHERE code = ? AND level = 'sub'", "s", code))
		return out_fail(out, 404, NULL);
	struct sms_save_ctx c = { .a = a, .who = who, .code = code };
	for (int i = 0; i < 4; i++) {
		c.t[i] = texts[i] ? texts[i] : "";
		const char *bad = ticket_sms_unknown(a, c.t[i]);
		if (bad)
			out_field(out, ticket_sms_fields[i], "ticket.sms_admin.err_placeholder", bad);
		else
			out_max_len(out, ticket_sms_fields[i], c.t[i], TICKET_SMS_MAX);
	}
	if (out->status)
		return out->status;
	return out_txn(out, sms_save_txn, &c);
}
