/*
 * service.c — service definitions: JSON in and out, and the structural
 * checks run before a definition can be published or imported.
 */
#include "service.h"
#include "lengths.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

static const char *const ftype_codes[FT_COUNT] = {
	"text", "number", "date", "select", "multiselect", "radio", "checkbox", "mobile", "email",
	"aadhaar", "pin", "location", "file", "group",
};
static const char *const action_codes[ACT_COUNT] = { "forward", "field_verify", "return", "recall", "reject", "approve" };
static const char *const channel_codes[CH_COUNT] = { "online", "csc", "sewak", "jsk", "counter" };
static const char *const levels[] = { "panchayat", "circle", "block", "subdivision", "district", "hq" };

static int lookup(const char *const *tab, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(tab[i], s) == 0)
			return i;
	return -1;
}

const char *ftype_code(enum ftype t) { return (unsigned)t < FT_COUNT ? ftype_codes[t] : "?"; }
int ftype_from(const char *s) { return lookup(ftype_codes, FT_COUNT, s); }
const char *action_code(enum wf_action a) { return (unsigned)a < ACT_COUNT ? action_codes[a] : "?"; }
int action_from(const char *s) { return lookup(action_codes, ACT_COUNT, s); }
const char *channel_code(enum channel c) { return (unsigned)c < CH_COUNT ? channel_codes[c] : "?"; }
int channel_from(const char *s) { return lookup(channel_codes, CH_COUNT, s); }

const char *level_role_level(enum role r)
{
	switch (r) {
	case ROLE_PSEWAK: return "panchayat";
	case ROLE_KARMACHARI: case ROLE_CI: case ROLE_CO: return "circle";
	case ROLE_BDO: return "block";
	case ROLE_SDO: return "subdivision";
	case ROLE_DM: return "district";
	case ROLE_DEPT_ADMIN: return "hq";
	default: return NULL;
	}
}

const char *i18n_get(const struct i18n *t, const char *lang)
{
	if (str_eq(lang, "hi") && !str_empty(t->hi))
		return t->hi;
	return t->en ? t->en : "";
}

bool verhoeff_ok(const char *s)
{
	static const unsigned char d[10][10] = {
		{0,1,2,3,4,5,6,7,8,9},{1,2,3,4,0,6,7,8,9,5},{2,3,4,0,1,7,8,9,5,6},{3,4,0,1,2,8,9,5,6,7},
		{4,0,1,2,3,9,5,6,7,8},{5,9,8,7,6,0,4,3,2,1},{6,5,9,8,7,1,0,4,3,2},{7,6,5,9,8,2,1,0,4,3},
		{8,7,6,5,9,3,2,1,0,4},{9,8,7,6,5,4,3,2,1,0}};
	static const unsigned char p[8][10] = {
		{0,1,2,3,4,5,6,7,8,9},{1,5,7,6,2,8,3,0,9,4},{5,8,0,3,7,9,6,1,4,2},{8,9,1,6,0,4,3,5,2,7},
		{9,4,5,3,1,2,6,8,7,0},{4,2,8,6,5,7,3,9,0,1},{2,7,9,3,8,0,6,4,1,5},{7,0,4,6,9,1,3,2,5,8}};
	size_t n = strlen(s);
	if (n == 0)
		return false;
	unsigned c = 0;
	for (size_t i = 0; i < n; i++) {
		int digit = s[n - 1 - i] - '0';
		if (digit < 0 || digit > 9)
			return false;
		c = d[c][p[i % 8][digit]];
	}
	return c == 0;
}

/* ---- JSON -> struct ---- */

struct rd {
	struct arena *a;	/* output memory */
	struct sbuf *probs;	/* problems */
};

static void prob(struct rd *rd, const char *fmt, ...) GS_PRINTF(2, 3);
static void prob(struct rd *rd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = arena_vprintf(rd->a, fmt, ap);
	va_end(ap);
	sbuf_adds(rd->probs, m);
	sbuf_addc(rd->probs, '\n');
}

static const char *rstr(struct rd *rd, const struct jval *o, const char *key, const char *where)
{
	struct jval *v = json_get(o, key);
	if (!v || v->type == J_NULL)
		return NULL;
	if (v->type != J_STR) {
		prob(rd, "%s: '%s' must be text", where, key);
		return NULL;
	}
	return v->str;
}

static struct i18n ri18n(struct rd *rd, const struct jval *o, const char *key, const char *where)
{
	struct i18n t = { 0 };
	struct jval *v = json_get(o, key);
	if (!v || v->type == J_NULL)
		return t;
	if (v->type == J_STR) {	/* plain text is English */
		t.en = v->str;
		return t;
	}
	if (v->type != J_OBJ) {
		prob(rd, "%s: '%s' must be {\"en\": ..., \"hi\": ...}", where, key);
		return t;
	}
	const char *w = arena_printf(rd->a, "%s.%s", where, key);
	t.en = rstr(rd, v, "en", w);
	t.hi = rstr(rd, v, "hi", w);
	return t;
}

static long rlong(struct rd *rd, const struct jval *o, const char *key, long def, bool *has, const char *where)
{
	struct jval *v = json_get(o, key);
	long n;
	if (has)
		*has = false;
	if (!v || v->type == J_NULL)
		return def;
	if (!json_is_int(v, &n)) {
		prob(rd, "%s: '%s' must be a whole number", where, key);
		return def;
	}
	if (has)
		*has = true;
	return n;
}

static bool rbool(struct rd *rd, const struct jval *o, const char *key, bool def, const char *where)
{
	struct jval *v = json_get(o, key);
	if (!v || v->type == J_NULL)
		return def;
	if (v->type != J_BOOL) {
		prob(rd, "%s: '%s' must be true or false", where, key);
		return def;
	}
	return v->b;
}

/* An array member or NULL (reported when present but not an array). */
static struct jval *rarr(struct rd *rd, const struct jval *o, const char *key, const char *where)
{
	struct jval *v = json_get(o, key);
	if (!v || v->type == J_NULL)
		return NULL;
	if (v->type != J_ARR) {
		prob(rd, "%s: '%s' must be a list", where, key);
		return NULL;
	}
	return v;
}

static const char **rstrlist(struct rd *rd, const struct jval *o, const char *key, size_t *n, const char *where)
{
	struct jval *v = rarr(rd, o, key, where);
	*n = 0;
	if (!v)
		return NULL;
	const char **out = arena_alloc(rd->a, (v->n + 1) * sizeof *out);
	for (size_t i = 0; i < v->n; i++) {
		if (v->kids[i]->type != J_STR) {
			prob(rd, "%s: '%s' must be a list of text", where, key);
			continue;
		}
		out[(*n)++] = v->kids[i]->str;
	}
	return out;
}

static int rrole(struct rd *rd, const struct jval *o, const char *key, const char *where)
{
	const char *s = rstr(rd, o, key, where);
	if (!s)
		return -1;
	int r = role_from_code(s);
	if (r < 0)
		prob(rd, "%s: unknown role '%s'", where, s);
	return r;
}

static void read_fields(struct rd *rd, const struct jval *arr, struct field **out, size_t *n, const char *where,
			bool allow_group);

static void read_field(struct rd *rd, const struct jval *o, struct field *f, const char *where0, bool allow_group)
{
	f->name = rstr(rd, o, "name", where0);
	const char *where = arena_printf(rd->a, "%s '%s'", where0, f->name ? f->name : "?");
	const char *t = rstr(rd, o, "type", where);
	int ft = ftype_from(t);
	if (ft < 0 || (ft == FT_GROUP && !allow_group)) {
		prob(rd, "%s: %s type '%s'", where, ft == FT_GROUP ? "a group inside a group is not allowed:" : "unknown",
		     t ? t : "");
		ft = FT_TEXT;
	}
	f->type = (enum ftype)ft;
	f->label = ri18n(rd, o, "label", where);
	f->help = ri18n(rd, o, "help", where);
	f->required = rbool(rd, o, "required", false, where);
	f->min = rlong(rd, o, "min", 0, &f->has_min, where);
	f->max = rlong(rd, o, "max", 0, &f->has_max, where);
	f->min_len = rlong(rd, o, "min_length", 0, NULL, where);
	f->max_len = rlong(rd, o, "max_length", 0, NULL, where);
	f->pattern = rstr(rd, o, "pattern", where);
	f->min_date = rstr(rd, o, "min_date", where);
	f->max_date = rstr(rd, o, "max_date", where);
	f->def = rstr(rd, o, "default", where);
	const char *unit = rstr(rd, o, "unit", where);
	if (unit && !(str_eq(unit, "rupees") && f->type == FT_NUMBER))
		prob(rd, "%s: 'unit' may only be \"rupees\", on a number field", where);
	f->rupees = str_eq(unit, "rupees");
	f->print_label = ri18n(rd, o, "print_label", where);
	struct jval *si = json_get(o, "show_if");
	if (si && si->type == J_OBJ) {
		f->show_field = rstr(rd, si, "field", where);
		f->show_equals = rstr(rd, si, "equals", where);
	} else if (si && si->type != J_NULL) {
		prob(rd, "%s: 'show_if' must be {\"field\": ..., \"equals\": ...}", where);
	}
	struct jval *opts = rarr(rd, o, "options", where);
	if (opts) {
		f->opts = arena_alloc(rd->a, (opts->n + 1) * sizeof *f->opts);
		for (size_t i = 0; i < opts->n; i++) {
			struct jval *ov = opts->kids[i];
			if (ov->type != J_OBJ) {
				prob(rd, "%s: each option must be {\"value\": ..., \"label\": ...}", where);
				continue;
			}
			f->opts[f->nopts].value = rstr(rd, ov, "value", where);
			f->opts[f->nopts].label = ri18n(rd, ov, "label", where);
			f->nopts++;
		}
	}
	f->min_items = rlong(rd, o, "min_items", 0, NULL, where);
	f->max_items = rlong(rd, o, "max_items", 10, NULL, where);
	if (f->type == FT_GROUP)
		read_fields(rd, rarr(rd, o, "fields", where), &f->sub, &f->nsub, where, false);
}

static void read_fields(struct rd *rd, const struct jval *arr, struct field **out, size_t *n, const char *where,
			bool allow_group)
{
	*n = 0;
	*out = NULL;
	if (!arr)
		return;
	*out = arena_alloc(rd->a, (arr->n + 1) * sizeof **out);
	for (size_t i = 0; i < arr->n; i++) {
		if (arr->kids[i]->type != J_OBJ) {
			prob(rd, "%s: each field must be an object", where);
			continue;
		}
		read_field(rd, arr->kids[i], &(*out)[(*n)++], arena_printf(rd->a, "field %zu", i + 1), allow_group);
	}
}

struct svc *svc_from_json(struct arena *a, const struct jval *v, struct sbuf *probs)
{
	struct rd rd = { a, probs };
	if (!v || v->type != J_OBJ) {
		prob(&rd, "the definition must be a JSON object");
		return NULL;
	}
	const char *fmt = json_get_str(v, "format");
	if (!str_eq(fmt, SVC_FORMAT)) {
		prob(&rd, "unknown format '%s' (expected '%s')", fmt ? fmt : "", SVC_FORMAT);
		return NULL;
	}
	struct svc *s = arena_alloc(a, sizeof *s);
	s->code = rstr(&rd, v, "code", "service");
	s->name = ri18n(&rd, v, "name", "service");
	/* the name also goes to a column of service_versions: a draft longer
	 * than that could not even be stored */
	if ((s->name.en && utf8_chars(s->name.en) > LIM_SERVICE_NAME) || (s->name.hi && utf8_chars(s->name.hi) > LIM_SERVICE_NAME))
		prob(&rd, "service: the name may have at most %d characters in each language", LIM_SERVICE_NAME);
	s->desc = ri18n(&rd, v, "description", "service");
	s->elig = ri18n(&rd, v, "eligibility", "service");
	s->dept = rstr(&rd, v, "department", "service");
	size_t nch;
	const char **ch = rstrlist(&rd, v, "channels", &nch, "service");
	for (size_t i = 0; i < nch; i++) {
		int c = channel_from(ch[i]);
		if (c < 0)
			prob(&rd, "service: unknown channel '%s'", ch[i]);
		else
			s->channels |= 1u << c;
	}
	read_fields(&rd, rarr(&rd, v, "fields", "service"), &s->fields, &s->nfields, "form", true);

	struct jval *docs = rarr(&rd, v, "documents", "service");
	s->docs = arena_alloc(a, ((docs ? docs->n : 0) + 1) * sizeof *s->docs);
	for (size_t i = 0; docs && i < docs->n; i++) {
		struct jval *d = docs->kids[i];
		const char *w = arena_printf(a, "document %zu", i + 1);
		struct docreq *x = &s->docs[s->ndocs++];
		x->code = rstr(&rd, d, "code", w);
		x->label = ri18n(&rd, d, "label", w);
		x->required = rbool(&rd, d, "required", false, w);
		x->max_kb = rlong(&rd, d, "max_kb", 2048, NULL, w);
		size_t nt;
		const char **types = rstrlist(&rd, d, "types", &nt, w);
		for (size_t k = 0; k < nt; k++) {
			if (str_eq(types[k], "pdf")) x->types |= DOC_PDF;
			else if (str_eq(types[k], "jpeg")) x->types |= DOC_JPEG;
			else if (str_eq(types[k], "png")) x->types |= DOC_PNG;
			else prob(&rd, "%s: unknown file type '%s' (pdf, jpeg, png)", w, types[k]);
		}
	}

	struct jval *fees = json_get(v, "fees");
	s->fee_gov = rlong(&rd, fees, "government_paise", 0, NULL, "fees");
	s->fee_csc = rlong(&rd, fees, "csc_charge_paise", 0, NULL, "fees");
	s->fee_tatkal = rlong(&rd, fees, "tatkal_paise", 0, NULL, "fees");
	s->free_jsk = rbool(&rd, fees, "free_at_jsk", true, "fees");

	struct jval *p = json_get(v, "processing");
	s->level = rstr(&rd, p, "level", "processing");
	s->route_field = rstr(&rd, p, "route_field", "processing");
	if (!s->route_field)
		s->route_field = "address";
	s->rtps_days = rlong(&rd, p, "rtps_days", 0, NULL, "processing");
	struct jval *tk = json_get(p, "tatkal");
	s->tatkal = rbool(&rd, tk, "allowed", false, "processing.tatkal");
	s->tatkal_days = rlong(&rd, tk, "rtps_days", 0, NULL, "processing.tatkal");
	struct jval *cal = json_get(p, "calendar");
	struct jval *wo = rarr(&rd, cal, "weekly_off", "processing.calendar");
	for (size_t i = 0; wo && i < wo->n; i++) {
		long d;
		if (!json_is_int(wo->kids[i], &d) || d < 0 || d > 6)
			prob(&rd, "processing.calendar: weekly_off days are 0 (Sunday) to 6 (Saturday)");
		else
			s->weekly_off |= 1u << d;
	}
	s->designated = rrole(&rd, p, "designated_officer", "processing");
	size_t nap;
	const char **ap = rstrlist(&rd, p, "appellate", &nap, "processing");
	s->appeal1 = nap > 0 ? role_from_code(ap[0]) : -1;
	s->appeal2 = nap > 1 ? role_from_code(ap[1]) : -1;
	for (size_t i = 0; i < nap; i++)
		if (role_from_code(ap[i]) < 0)
			prob(&rd, "processing: unknown appellate role '%s'", ap[i]);
	struct jval *st = rarr(&rd, p, "stages", "processing");
	s->stages = arena_alloc(a, ((st ? st->n : 0) + 1) * sizeof *s->stages);
	for (size_t i = 0; st && i < st->n; i++) {
		struct jval *o = st->kids[i];
		const char *w = arena_printf(a, "stage %zu", i + 1);
		struct stage *x = &s->stages[s->nstages++];
		x->code = rstr(&rd, o, "code", w);
		x->name = ri18n(&rd, o, "name", w);
		int role = rrole(&rd, o, "role", w);
		x->role = role < 0 ? ROLE_COUNT : (enum role)role;
		size_t na;
		const char **acts = rstrlist(&rd, o, "actions", &na, w);
		for (size_t k = 0; k < na; k++) {
			int ac = action_from(acts[k]);
			if (ac < 0)
				prob(&rd, "%s: unknown action '%s'", w, acts[k]);
			else
				x->actions |= AB(ac);
		}
		x->editable = rbool(&rd, o, "form_editable", false, w);
		x->attach = rstrlist(&rd, o, "attachments", &x->nattach, w);
		x->sla_days = rlong(&rd, o, "sla_days", 0, NULL, w);
	}

	struct jval *out = json_get(v, "output");
	s->title = ri18n(&rd, out, "title", "output");
	s->print = rstrlist(&rd, out, "print_fields", &s->nprint, "output");
	s->validity_days = rlong(&rd, out, "validity_days", 0, NULL, "output");
	s->signing = rrole(&rd, out, "signing_role", "output");
	s->corrects = rbool(&rd, out, "corrects_certificate", false, "output");

	struct jval *ns = rarr(&rd, v, "notifications", "service");
	s->notifs = arena_alloc(a, ((ns ? ns->n : 0) + 1) * sizeof *s->notifs);
	for (size_t i = 0; ns && i < ns->n; i++) {
		struct jval *o = ns->kids[i];
		const char *w = arena_printf(a, "notification %zu", i + 1);
		struct notif *x = &s->notifs[s->nnotifs++];
		x->event = rstr(&rd, o, "event", w);
		x->sms = ri18n(&rd, o, "sms", w);
		x->dlt = rstr(&rd, o, "dlt_template_id", w);
		x->email = rbool(&rd, o, "email", false, w);
	}
	return s;
}

/* ---- struct -> JSON ---- */

static void w_i18n(struct jw *w, const char *key, const struct i18n *t)
{
	if (!t->en && !t->hi)
		return;
	jw_key(w, key);
	jw_obj(w);
	jw_kstr(w, "en", t->en ? t->en : "");
	jw_kstr(w, "hi", t->hi ? t->hi : "");
	jw_obj_end(w);
}

static void w_opt_str(struct jw *w, const char *key, const char *v)
{
	if (v)
		jw_kstr(w, key, v);
}

static void w_fields(struct jw *w, const struct field *f, size_t n);

static void w_field(struct jw *w, const struct field *f)
{
	jw_obj(w);
	jw_kstr(w, "name", f->name ? f->name : "");
	jw_kstr(w, "type", ftype_code(f->type));
	w_i18n(w, "label", &f->label);
	w_i18n(w, "help", &f->help);
	jw_kbool(w, "required", f->required);
	if (f->has_min)
		jw_kint(w, "min", f->min);
	if (f->has_max)
		jw_kint(w, "max", f->max);
	if (f->min_len)
		jw_kint(w, "min_length", f->min_len);
	if (f->max_len)
		jw_kint(w, "max_length", f->max_len);
	w_opt_str(w, "pattern", f->pattern);
	w_opt_str(w, "min_date", f->min_date);
	w_opt_str(w, "max_date", f->max_date);
	w_opt_str(w, "default", f->def);
	if (f->rupees)
		jw_kstr(w, "unit", "rupees");
	w_i18n(w, "print_label", &f->print_label);
	if (f->show_field) {
		jw_key(w, "show_if");
		jw_obj(w);
		jw_kstr(w, "field", f->show_field);
		jw_kstr(w, "equals", f->show_equals ? f->show_equals : "");
		jw_obj_end(w);
	}
	if (f->nopts) {
		jw_key(w, "options");
		jw_arr(w);
		for (size_t i = 0; i < f->nopts; i++) {
			jw_obj(w);
			jw_kstr(w, "value", f->opts[i].value ? f->opts[i].value : "");
			w_i18n(w, "label", &f->opts[i].label);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	if (f->type == FT_GROUP) {
		jw_kint(w, "min_items", f->min_items);
		jw_kint(w, "max_items", f->max_items);
		jw_key(w, "fields");
		w_fields(w, f->sub, f->nsub);
	}
	jw_obj_end(w);
}

static void w_fields(struct jw *w, const struct field *f, size_t n)
{
	jw_arr(w);
	for (size_t i = 0; i < n; i++)
		w_field(w, &f[i]);
	jw_arr_end(w);
}

static void w_role(struct jw *w, const char *key, int role)
{
	if (role >= 0 && role < ROLE_COUNT)
		jw_kstr(w, key, role_code((enum role)role));
}

void svc_to_json(const struct svc *s, struct sbuf *b)
{
	struct jw w;
	jw_init(&w, b);
	jw_obj(&w);
	jw_kstr(&w, "format", SVC_FORMAT);
	jw_kstr(&w, "code", s->code ? s->code : "");
	w_i18n(&w, "name", &s->name);
	w_i18n(&w, "description", &s->desc);
	w_i18n(&w, "eligibility", &s->elig);
	jw_kstr(&w, "department", s->dept ? s->dept : "");
	jw_key(&w, "channels");
	jw_arr(&w);
	for (int c = 0; c < CH_COUNT; c++)
		if (s->channels & (1u << c))
			jw_str(&w, channel_codes[c]);
	jw_arr_end(&w);
	jw_key(&w, "fields");
	w_fields(&w, s->fields, s->nfields);
	jw_key(&w, "documents");
	jw_arr(&w);
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct docreq *d = &s->docs[i];
		jw_obj(&w);
		jw_kstr(&w, "code", d->code ? d->code : "");
		w_i18n(&w, "label", &d->label);
		jw_kbool(&w, "required", d->required);
		jw_key(&w, "types");
		jw_arr(&w);
		if (d->types & DOC_PDF) jw_str(&w, "pdf");
		if (d->types & DOC_JPEG) jw_str(&w, "jpeg");
		if (d->types & DOC_PNG) jw_str(&w, "png");
		jw_arr_end(&w);
		jw_kint(&w, "max_kb", d->max_kb);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "fees");
	jw_obj(&w);
	jw_kint(&w, "government_paise", s->fee_gov);
	jw_kint(&w, "csc_charge_paise", s->fee_csc);
	jw_kint(&w, "tatkal_paise", s->fee_tatkal);
	jw_kbool(&w, "free_at_jsk", s->free_jsk);
	jw_obj_end(&w);
	jw_key(&w, "processing");
	jw_obj(&w);
	jw_kstr(&w, "level", s->level ? s->level : "");
	jw_kstr(&w, "route_field", s->route_field ? s->route_field : "address");
	jw_kint(&w, "rtps_days", s->rtps_days);
	jw_key(&w, "tatkal");
	jw_obj(&w);
	jw_kbool(&w, "allowed", s->tatkal);
	jw_kint(&w, "rtps_days", s->tatkal_days);
	jw_obj_end(&w);
	jw_key(&w, "calendar");
	jw_obj(&w);
	jw_key(&w, "weekly_off");
	jw_arr(&w);
	for (int d = 0; d < 7; d++)
		if (s->weekly_off & (1u << d))
			jw_int(&w, d);
	jw_arr_end(&w);
	jw_obj_end(&w);
	w_role(&w, "designated_officer", s->designated);
	jw_key(&w, "appellate");
	jw_arr(&w);
	if (s->appeal1 >= 0)
		jw_str(&w, role_code((enum role)s->appeal1));
	if (s->appeal2 >= 0)
		jw_str(&w, role_code((enum role)s->appeal2));
	jw_arr_end(&w);
	jw_key(&w, "stages");
	jw_arr(&w);
	for (size_t i = 0; i < s->nstages; i++) {
		const struct stage *x = &s->stages[i];
		jw_obj(&w);
		jw_kstr(&w, "code", x->code ? x->code : "");
		w_i18n(&w, "name", &x->name);
		w_role(&w, "role", (int)x->role);
		jw_key(&w, "actions");
		jw_arr(&w);
		for (int a = 0; a < ACT_COUNT; a++)
			if (x->actions & AB(a))
				jw_str(&w, action_codes[a]);
		jw_arr_end(&w);
		jw_kbool(&w, "form_editable", x->editable);
		jw_key(&w, "attachments");
		jw_arr(&w);
		for (size_t k = 0; k < x->nattach; k++)
			jw_str(&w, x->attach[k]);
		jw_arr_end(&w);
		jw_kint(&w, "sla_days", x->sla_days);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	jw_key(&w, "output");
	jw_obj(&w);
	w_i18n(&w, "title", &s->title);
	jw_key(&w, "print_fields");
	jw_arr(&w);
	for (size_t i = 0; i < s->nprint; i++)
		jw_str(&w, s->print[i]);
	jw_arr_end(&w);
	jw_kint(&w, "validity_days", s->validity_days);
	w_role(&w, "signing_role", s->signing);
	if (s->corrects)
		jw_kbool(&w, "corrects_certificate", true);
	jw_obj_end(&w);
	jw_key(&w, "notifications");
	jw_arr(&w);
	for (size_t i = 0; i < s->nnotifs; i++) {
		const struct notif *n = &s->notifs[i];
		jw_obj(&w);
		jw_kstr(&w, "event", n->event ? n->event : "");
		w_i18n(&w, "sms", &n->sms);
		jw_kstr(&w, "dlt_template_id", n->dlt ? n->dlt : "");
		jw_kbool(&w, "email", n->email);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
}

/* ---- validation ---- */

struct vd {
	struct arena a;		/* scratch */
	struct sbuf *probs;	/* output */
	int n;			/* problems found */
};

static void vprob(struct vd *v, const char *fmt, ...) GS_PRINTF(2, 3);
static void vprob(struct vd *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = arena_vprintf(&v->a, fmt, ap);
	va_end(ap);
	sbuf_adds(v->probs, m);
	sbuf_addc(v->probs, '\n');
	v->n++;
}

static bool ident_ok(const char *s, size_t max)
{
	if (str_empty(s) || strlen(s) > max || !islower((unsigned char)s[0]))
		return false;
	for (const char *p = s; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '_')
			return false;
	return true;
}

static void check_i18n(struct vd *v, const struct i18n *t, const char *what, bool required)
{
	if (required && (str_empty(t->en) || str_empty(t->hi)))
		vprob(v, "%s needs both English and Hindi text", what);
	if ((t->en && utf8_chars(t->en) > 2000) || (t->hi && utf8_chars(t->hi) > 2000))
		vprob(v, "%s is longer than 2000 characters", what);
}

static bool date_bound_ok(const char *s)
{
	int y, m, d;
	return !s || str_eq(s, "today") || parse_date(s, &y, &m, &d);
}

static void check_fields(struct vd *v, const struct field *f, size_t n, const char *where)
{
	for (size_t i = 0; i < n; i++) {
		const struct field *x = &f[i];
		const char *w = arena_printf(&v->a, "%s field '%s'", where, x->name ? x->name : "?");
		if (!ident_ok(x->name, 40))
			vprob(v, "%s: the name must start with a small letter and use small letters, digits and _", w);
		for (size_t k = 0; k < i; k++)
			if (str_eq(f[k].name, x->name))
				vprob(v, "%s: the name is used twice", w);
		check_i18n(v, &x->label, arena_printf(&v->a, "%s label", w), true);
		check_i18n(v, &x->help, arena_printf(&v->a, "%s help", w), false);
		if (x->has_min && x->has_max && x->min > x->max)
			vprob(v, "%s: min is greater than max", w);
		if (x->min_len < 0 || x->max_len < 0 || (x->max_len && x->min_len > x->max_len) || x->max_len > 5000)
			vprob(v, "%s: lengths must be 0 to 5000 with min_length <= max_length", w);
		if (x->pattern) {
			regex_t re;
			if (strlen(x->pattern) > 200 || regcomp(&re, x->pattern, REG_EXTENDED | REG_NOSUB) != 0)
				vprob(v, "%s: the pattern is not a valid regular expression", w);
			else
				regfree(&re);
		}
		if (!date_bound_ok(x->min_date) || !date_bound_ok(x->max_date))
			vprob(v, "%s: date bounds must be YYYY-MM-DD or \"today\"", w);
		bool choices = x->type == FT_SELECT || x->type == FT_MULTISELECT || x->type == FT_RADIO;
		if (choices && x->nopts == 0)
			vprob(v, "%s: a %s needs options", w, ftype_code(x->type));
		for (size_t k = 0; k < x->nopts; k++) {
			if (str_empty(x->opts[k].value) || strlen(x->opts[k].value) > 60)
				vprob(v, "%s: option %zu needs a value (up to 60 characters)", w, k + 1);
			check_i18n(v, &x->opts[k].label, arena_printf(&v->a, "%s option %zu", w, k + 1), true);
			for (size_t j = 0; j < k; j++)
				if (str_eq(x->opts[j].value, x->opts[k].value))
					vprob(v, "%s: option value '%s' is used twice", w, x->opts[k].value);
		}
		if (x->show_field) {
			const struct field *dep = NULL;
			for (size_t k = 0; k < i; k++)
				if (str_eq(f[k].name, x->show_field))
					dep = &f[k];
			if (!dep)
				vprob(v, "%s: shown only when '%s' ..., but no earlier field has that name", w, x->show_field);
			else if (dep->nopts) {
				bool found = false;
				for (size_t k = 0; k < dep->nopts; k++)
					found |= str_eq(dep->opts[k].value, x->show_equals);
				if (!found)
					vprob(v, "%s: '%s' has no option '%s'", w, dep->name, x->show_equals ? x->show_equals : "");
			}
		}
		if (x->type == FT_GROUP) {
			if (x->nsub == 0)
				vprob(v, "%s: a group needs fields", w);
			if (x->min_items < 0 || x->max_items < 1 || x->max_items > 50 || x->min_items > x->max_items)
				vprob(v, "%s: rows must be 0 <= min_items <= max_items <= 50", w);
			check_fields(v, x->sub, x->nsub, w);
		}
	}
}

int svc_validate(const struct svc *s, struct sbuf *probs)
{
	struct vd v = { .probs = probs };
	arena_init(&v.a);
	if (!s->code || strlen(s->code) < 2 || strlen(s->code) > 10 ||
	    strspn(s->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(s->code))
		vprob(&v, "the service code must be 2 to 10 capital letters or digits");
	check_i18n(&v, &s->name, "the service name", true);
	check_i18n(&v, &s->desc, "the description", false);
	check_i18n(&v, &s->elig, "the eligibility notes", false);
	if (str_empty(s->dept))
		vprob(&v, "choose a department");
	if (!s->channels)
		vprob(&v, "allow at least one channel");
	check_fields(&v, s->fields, s->nfields, "form");
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct docreq *d = &s->docs[i];
		const char *w = arena_printf(&v.a, "document '%s'", d->code ? d->code : "?");
		if (!ident_ok(d->code, 40))
			vprob(&v, "%s: the code must use small letters, digits and _", w);
		for (size_t k = 0; k < i; k++)
			if (str_eq(s->docs[k].code, d->code))
				vprob(&v, "%s: the code is used twice", w);
		check_i18n(&v, &d->label, arena_printf(&v.a, "%s label", w), true);
		if (!d->types)
			vprob(&v, "%s: accept at least one file type", w);
		if (d->max_kb < 10 || d->max_kb > 10240)
			vprob(&v, "%s: the size cap must be 10 to 10240 KB", w);
	}
	if (s->fee_gov < 0 || s->fee_csc < 0 || s->fee_tatkal < 0 || s->fee_gov > 10000000 || s->fee_csc > 10000000 ||
	    s->fee_tatkal > 10000000)
		vprob(&v, "fees must be 0 to 1,00,000 rupees (in paise)");
	bool level_ok = false;
	for (size_t i = 0; i < ARRAY_LEN(levels); i++)
		level_ok |= str_eq(s->level, levels[i]);
	if (!level_ok)
		vprob(&v, "choose the processing level (panchayat, circle, block, subdivision, district, hq)");
	const struct field *rf = svc_field(s, s->route_field);
	if (!rf || rf->type != FT_LOCATION)
		vprob(&v, "the form needs a location field '%s' to route applications by", s->route_field ? s->route_field : "address");
	if (s->rtps_days < 1 || s->rtps_days > 365)
		vprob(&v, "the RTPS time limit must be 1 to 365 working days");
	if (s->tatkal && (s->tatkal_days < 1 || s->tatkal_days >= s->rtps_days))
		vprob(&v, "the Tatkal limit must be at least 1 day and shorter than the RTPS limit");
	if (s->weekly_off == 0x7f)
		vprob(&v, "the calendar cannot make every day a weekly off");
	if (s->nstages == 0)
		vprob(&v, "the workflow needs at least one stage");
	long sla = 0;
	bool approves = false;
	for (size_t i = 0; i < s->nstages; i++) {
		const struct stage *x = &s->stages[i];
		const char *w = arena_printf(&v.a, "stage %zu '%s'", i + 1, x->code ? x->code : "?");
		if (!ident_ok(x->code, 30))
			vprob(&v, "%s: the code must use small letters, digits and _", w);
		for (size_t k = 0; k < i; k++)
			if (str_eq(s->stages[k].code, x->code))
				vprob(&v, "%s: the code is used twice", w);
		if (x->role >= ROLE_COUNT || !level_role_level(x->role))
			vprob(&v, "%s: has no workflow role (choose who acts here)", w);
		check_i18n(&v, &x->name, arena_printf(&v.a, "%s name", w), true);
		if (!x->actions)
			vprob(&v, "%s: allows no action", w);
		if (i > 0 && !(s->stages[i - 1].actions & AB(ACT_FORWARD)))
			vprob(&v, "%s: can never be reached (the stage before it has no forward action)", w);
		if (i + 1 < s->nstages && (x->actions & AB(ACT_APPROVE)))
			vprob(&v, "%s: only the last stage may approve", w);
		if (i + 1 == s->nstages && (x->actions & AB(ACT_FORWARD)))
			vprob(&v, "%s: the last stage cannot forward", w);
		if (i == 0 && (x->actions & AB(ACT_RECALL)))
			vprob(&v, "%s: the first stage has nothing to recall", w);
		approves |= (x->actions & AB(ACT_APPROVE)) != 0;
		if (x->sla_days < 1)
			vprob(&v, "%s: the stage time limit must be at least 1 working day", w);
		sla += x->sla_days;
		for (size_t k = 0; k < x->nattach; k++) {
			bool found = false;
			for (size_t j = 0; j < s->ndocs; j++)
				found |= str_eq(s->docs[j].code, x->attach[k]);
			if (!found && !ident_ok(x->attach[k], 40))
				vprob(&v, "%s: attachment '%s' is not a document code", w, x->attach[k]);
		}
	}
	if (s->nstages && !approves)
		vprob(&v, "the workflow has no approve action: the last stage must allow approve");
	if (sla > s->rtps_days && s->rtps_days > 0)
		vprob(&v, "the stage time limits add up to %ld days, more than the RTPS limit of %ld", sla, s->rtps_days);
	if (s->designated < 0 || !level_role_level((enum role)s->designated))
		vprob(&v, "choose the designated officer's role");
	if (s->appeal1 < 0)
		vprob(&v, "choose the first appellate authority");
	check_i18n(&v, &s->title, "the certificate title", true);
	for (size_t i = 0; i < s->nprint; i++) {
		const struct field *f = svc_field(s, s->print[i]);
		if (!f)
			vprob(&v, "the certificate prints '%s', which is not a field of the form", s->print[i]);
		else if (f->type == FT_FILE || f->type == FT_GROUP)
			vprob(&v, "the certificate cannot print '%s' (a %s)", s->print[i], ftype_code(f->type));
		for (size_t k = 0; k < i; k++)
			if (str_eq(s->print[k], s->print[i]))
				vprob(&v, "the certificate prints '%s' twice", s->print[i]);
	}
	if (s->validity_days < 0 || s->validity_days > 36500)
		vprob(&v, "validity must be 0 (no expiry) to 36500 days");
	bool signer_acts = false;
	for (size_t i = 0; i < s->nstages; i++)
		signer_acts |= (int)s->stages[i].role == s->signing && (s->stages[i].actions & AB(ACT_APPROVE));
	if (!signer_acts)
		vprob(&v, "the signing role must be the role that approves");
	static const char *const events[] = { "submit", "return", "reject", "approve", "escalate" };
	for (size_t i = 0; i < s->nnotifs; i++) {
		const struct notif *n = &s->notifs[i];
		bool ok = false;
		for (size_t k = 0; k < ARRAY_LEN(events); k++)
			ok |= str_eq(n->event, events[k]);
		if (!ok)
			vprob(&v, "notification %zu: unknown event '%s'", i + 1, n->event ? n->event : "");
		check_i18n(&v, &n->sms, arena_printf(&v.a, "notification '%s' text", n->event ? n->event : "?"), true);
		if (!str_digits(n->dlt, 10, 25))
			vprob(&v, "notification '%s': an SMS needs its DLT template id (digits)", n->event ? n->event : "?");
	}
	arena_free(&v.a);
	return v.n;
}

struct svc *svc_new(struct arena *a, const char *code, const char *en, const char *hi, const char *dept)
{
	struct svc *s = arena_alloc(a, sizeof *s);
	s->code = code;
	s->name.en = en;
	s->name.hi = hi;
	s->title = s->name;
	s->dept = dept;
	s->channels = (1u << CH_COUNT) - 1;
	s->free_jsk = true;
	s->level = "circle";
	s->route_field = "address";
	s->rtps_days = 15;
	s->weekly_off = 1;	/* Sunday */
	s->designated = ROLE_CO;
	s->appeal1 = ROLE_SDO;
	s->appeal2 = ROLE_DM;
	s->signing = ROLE_CO;
	return s;
}

const struct field *svc_field(const struct svc *s, const char *name)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (str_eq(s->fields[i].name, name))
			return &s->fields[i];
	return NULL;
}

const struct stage *svc_stage(const struct svc *s, size_t i)
{
	return i < s->nstages ? &s->stages[i] : NULL;
}
