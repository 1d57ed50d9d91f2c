/*
 * formtext.c — answers as display text (formtext.h).
 */
#include "formtext.h"
#include "form.h"
#include "money.h"
#include "tmpl.h"

#include <stdio.h>
#include <string.h>

static const char *opt_label(const struct field *f, const char *value, const char *lang)
{
	for (size_t i = 0; i < f->nopts; i++)
		if (str_eq(f->opts[i].value, value))
			return i18n_get(&f->opts[i].label, lang);
	return value;
}

/* A whole number of paise, or 0 (the checker stores nothing else). */
static long long paise(const struct jval *v)
{
	long n;
	return json_is_int(v, &n) ? n : 0;
}

static const char *num_member(const struct jval *o, const char *key)
{
	const struct jval *v = json_get(o, key);
	return v && v->type == J_NUM ? v->str : NULL;
}

const char *form_answer_text(struct arena *a, const struct form_def *d, const struct field *f, const struct jval *v,
			     const char *lang)
{
	if (!v || v->type == J_NULL)
		return "—";
	long long rs;
	switch (f->type) {
	case FT_MONEY:
		return v->type == J_NUM ? money_fmt(a, paise(v)) : "—";
	case FT_NUMBER:	/* an amount in whole rupees ("unit": "rupees") reads ₹1,20,000 */
		if (f->rupees && (v->type == J_NUM || v->type == J_STR) && money_parse(v->str, false, &rs))
			return money_fmt(a, rs);
		return v->type == J_STR || v->type == J_NUM ? v->str : "—";
	case FT_COMPUTED:
		if (v->type != J_NUM)
			return "—";
		return d && form_computed_money(d, f) ? money_fmt(a, paise(v)) : v->str;
	case FT_DATE:
		return v->type == J_STR ? date_long(a, v->str, lang) : "—";
	case FT_SELECT:
	case FT_RADIO:
		return v->type == J_STR ? opt_label(f, v->str, lang) : "—";
	case FT_MULTISELECT:
	case FT_CHECKBOX:
		if (v->type == J_BOOL)
			return tmpl_str(lang, v->b ? "form.yes" : "form.no");
		if (v->type == J_ARR) {
			struct sbuf b;
			sbuf_init(&b);
			for (size_t i = 0; i < v->n; i++)
				if (v->kids[i]->type == J_STR)
					sbuf_printf(&b, "%s%s", b.len ? ", " : "", opt_label(f, v->kids[i]->str, lang));
			char *s = arena_strdup(a, b.len ? b.data : "—");
			sbuf_free(&b);
			return s;
		}
		return "—";
	case FT_LOCATION:
	case FT_USER:
		return v->type == J_OBJ && json_get_str(v, "name") ? json_get_str(v, "name") : "—";
	case FT_REF:
		return v->type == J_OBJ && json_get_str(v, "label") ? json_get_str(v, "label") : "—";
	case FT_AADHAAR: {	/* never shown whole, as it is never stored whole */
		if (v->type != J_STR)
			return "—";
		if (strncmp(v->str, "XXXXXXXX", 8) == 0)
			return v->str;
		char dg[16];
		size_t k = 0;
		for (const char *p = v->str; *p && k < sizeof dg - 1; p++)
			if (*p >= '0' && *p <= '9')
				dg[k++] = *p;
		dg[k] = '\0';
		return aadhaar_mask(a, dg);
	}
	case FT_FILE:
		return v->type == J_NUM ? tmpl_str_n(a, lang, "form.doc_n", v->str) : "—";
	case FT_GEOPOINT: {
		const char *lat = num_member(v, "lat"), *lon = num_member(v, "lon"), *acc = num_member(v, "accuracy_m");
		const char *src = json_get_str(v, "source");
		if (!lat || !lon)
			return "—";
		const char *t = arena_printf(a, "%s, %s", lat, lon);
		if (acc)
			t = arena_printf(a, "%s (±%s m)", t, acc);
		if (src)
			t = arena_printf(a, "%s, %s", t, tmpl_str(lang, arena_printf(a, "form.geo_src.%s", src)));
		if (json_get(v, "accuracy_ok") && !json_get_bool(v, "accuracy_ok", true))
			t = arena_printf(a, "%s — %s", t, tmpl_str(lang, "form.geo_flagged"));
		return t;
	}
	case FT_PHOTO: {
		const char *id = num_member(v, "doc_id"), *at = json_get_str(v, "exif_at");
		if (!id)
			return "—";
		const char *t = tmpl_str_n(a, lang, "form.photo_n", id);
		if (at)
			t = arena_printf(a, "%s, %s %s", t, tmpl_str(lang, "form.photo_taken"), date_long(a, at, lang));
		if (json_get(v, "in_window") && !json_get_bool(v, "in_window", true))
			t = arena_printf(a, "%s — %s", t, tmpl_str(lang, "form.photo_outside"));
		return t;
	}
	case FT_GROUP: {
		if (v->type != J_ARR)
			return "—";
		struct sbuf b;
		sbuf_init(&b);
		for (size_t r = 0; r < v->n; r++) {
			if (r)
				sbuf_adds(&b, "; ");
			size_t before = b.len;
			for (size_t k = 0; k < f->nsub; k++) {
				const struct jval *x = json_get(v->kids[r], f->sub[k].name);
				if (!x)
					continue;
				sbuf_printf(&b, "%s%s: %s", b.len > before ? ", " : "", i18n_get(&f->sub[k].label, lang),
					    form_answer_text(a, NULL, &f->sub[k], x, lang));
			}
		}
		char *s = arena_strdup(a, b.len ? b.data : "—");
		sbuf_free(&b);
		return s;
	}
	default:
		return v->type == J_STR || v->type == J_NUM ? v->str : "—";
	}
}
