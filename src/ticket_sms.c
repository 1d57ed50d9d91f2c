/*
 * ticket_sms.c — the acknowledgement and resolution SMS of tickets and
 * grievances in the recipient's language (issue 15): each sub type may
 * carry its own text in English and Hindi (catalogue CSV columns
 * sms_raised_en ... sms_resolved_hi); without one, the generic text of the
 * language (templates/lang: ticket.sms.raised, ticket.sms.resolved).
 */
#include "ticket.h"
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

bool ticket_sms_template_ok(const char *tpl)
{
	if (str_empty(tpl))
		return true;
	if (utf8_chars(tpl) > 300)
		return false;
	/* every {...} is one of ours: a typo would reach citizens verbatim */
	for (const char *p = strchr(tpl, '{'); p; p = strchr(p + 1, '{')) {
		bool known = false;
		for (size_t i = 0; i < ARRAY_LEN(sms_keys) && !known; i++)
			known = !strncmp(p, sms_keys[i], strlen(sms_keys[i]));
		if (!known)
			return false;
	}
	return true;
}
