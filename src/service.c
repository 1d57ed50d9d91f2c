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

static int rrole(struct def_rd *rd, const struct jval *o, const char *key, const char *where)
{
	const char *s = def_str(rd, o, key, where);
	if (!s)
		return -1;
	int r = role_from_code(s);
	if (r < 0)
		def_prob(rd, "%s: unknown role '%s'", where, s);
	return r;
}

struct svc *svc_from_json(struct arena *a, const struct jval *v, struct sbuf *probs)
{
	struct def_rd rd = { a, probs };
	if (!def_format(&rd, v, SVC_FORMAT, "definition"))
		return NULL;
	struct svc *s = arena_alloc(a, sizeof *s);
	s->code = def_str(&rd, v, "code", "service");
	s->name = def_i18n(&rd, v, "name", "service");
	/* the name also goes to a column of service_versions: a draft longer
	 * than that could not even be stored */
	if ((s->name.en && utf8_chars(s->name.en) > LIM_SERVICE_NAME) || (s->name.hi && utf8_chars(s->name.hi) > LIM_SERVICE_NAME))
		def_prob(&rd, "service: the name may have at most %d characters in each language", LIM_SERVICE_NAME);
	s->desc = def_i18n(&rd, v, "description", "service");
	s->elig = def_i18n(&rd, v, "eligibility", "service");
	s->dept = def_str(&rd, v, "department", "service");
	size_t nch;
	const char **ch = def_strlist(&rd, v, "channels", &nch, "service");
	for (size_t i = 0; i < nch; i++) {
		int c = channel_from(ch[i]);
		if (c < 0)
			def_prob(&rd, "service: unknown channel '%s'", ch[i]);
		else
			s->channels |= 1u << c;
	}
	def_fields(&rd, def_arr(&rd, v, "fields", "service"), &s->form);

	struct jval *docs = def_arr(&rd, v, "documents", "service");
	s->docs = arena_alloc(a, ((docs ? docs->n : 0) + 1) * sizeof *s->docs);
	for (size_t i = 0; docs && i < docs->n; i++) {
		struct jval *d = docs->kids[i];
		const char *w = arena_printf(a, "document %zu", i + 1);
		struct docreq *x = &s->docs[s->ndocs++];
		x->code = def_str(&rd, d, "code", w);
		x->label = def_i18n(&rd, d, "label", w);
		x->required = def_bool(&rd, d, "required", false, w);
		x->max_kb = def_long(&rd, d, "max_kb", 2048, NULL, w);
		size_t nt;
		const char **types = def_strlist(&rd, d, "types", &nt, w);
		for (size_t k = 0; k < nt; k++) {
			if (str_eq(types[k], "pdf")) x->types |= DOC_PDF;
			else if (str_eq(types[k], "jpeg")) x->types |= DOC_JPEG;
			else if (str_eq(types[k], "png")) x->types |= DOC_PNG;
			else def_prob(&rd, "%s: unknown file type '%s' (pdf, jpeg, png)", w, types[k]);
		}
	}

	struct jval *fees = json_get(v, "fees");
	s->fee_gov = def_long(&rd, fees, "government_paise", 0, NULL, "fees");
	s->fee_csc = def_long(&rd, fees, "csc_charge_paise", 0, NULL, "fees");
	s->fee_tatkal = def_long(&rd, fees, "tatkal_paise", 0, NULL, "fees");
	s->free_jsk = def_bool(&rd, fees, "free_at_jsk", true, "fees");

	struct jval *p = json_get(v, "processing");
	s->level = def_str(&rd, p, "level", "processing");
	s->route_field = def_str(&rd, p, "route_field", "processing");
	if (!s->route_field)
		s->route_field = "address";
	s->rtps_days = def_long(&rd, p, "rtps_days", 0, NULL, "processing");
	struct jval *tk = json_get(p, "tatkal");
	s->tatkal = def_bool(&rd, tk, "allowed", false, "processing.tatkal");
	s->tatkal_days = def_long(&rd, tk, "rtps_days", 0, NULL, "processing.tatkal");
	struct jval *cal = json_get(p, "calendar");
	struct jval *wo = def_arr(&rd, cal, "weekly_off", "processing.calendar");
	for (size_t i = 0; wo && i < wo->n; i++) {
		long d;
		if (!json_is_int(wo->kids[i], &d) || d < 0 || d > 6)
			def_prob(&rd, "processing.calendar: weekly_off days are 0 (Sunday) to 6 (Saturday)");
		else
			s->weekly_off |= 1u << d;
	}
	s->designated = rrole(&rd, p, "designated_officer", "processing");
	size_t nap;
	const char **ap = def_strlist(&rd, p, "appellate", &nap, "processing");
	s->appeal1 = nap > 0 ? role_from_code(ap[0]) : -1;
	s->appeal2 = nap > 1 ? role_from_code(ap[1]) : -1;
	for (size_t i = 0; i < nap; i++)
		if (role_from_code(ap[i]) < 0)
			def_prob(&rd, "processing: unknown appellate role '%s'", ap[i]);
	struct jval *st = def_arr(&rd, p, "stages", "processing");
	s->stages = arena_alloc(a, ((st ? st->n : 0) + 1) * sizeof *s->stages);
	for (size_t i = 0; st && i < st->n; i++) {
		struct jval *o = st->kids[i];
		const char *w = arena_printf(a, "stage %zu", i + 1);
		struct stage *x = &s->stages[s->nstages++];
		x->code = def_str(&rd, o, "code", w);
		x->name = def_i18n(&rd, o, "name", w);
		int role = rrole(&rd, o, "role", w);
		x->role = role < 0 ? ROLE_COUNT : (enum role)role;
		size_t na;
		const char **acts = def_strlist(&rd, o, "actions", &na, w);
		for (size_t k = 0; k < na; k++) {
			int ac = action_from(acts[k]);
			if (ac < 0)
				def_prob(&rd, "%s: unknown action '%s'", w, acts[k]);
			else
				x->actions |= AB(ac);
		}
		x->editable = def_bool(&rd, o, "form_editable", false, w);
		x->attach = def_strlist(&rd, o, "attachments", &x->nattach, w);
		x->sla_days = def_long(&rd, o, "sla_days", 0, NULL, w);
	}

	struct jval *out = json_get(v, "output");
	s->title = def_i18n(&rd, out, "title", "output");
	s->print = def_strlist(&rd, out, "print_fields", &s->nprint, "output");
	s->validity_days = def_long(&rd, out, "validity_days", 0, NULL, "output");
	s->signing = rrole(&rd, out, "signing_role", "output");
	s->corrects = def_bool(&rd, out, "corrects_certificate", false, "output");
	s->reg_extract = def_bool(&rd, out, "register_extract", false, "output");

	struct jval *ns = def_arr(&rd, v, "notifications", "service");
	s->notifs = arena_alloc(a, ((ns ? ns->n : 0) + 1) * sizeof *s->notifs);
	for (size_t i = 0; ns && i < ns->n; i++) {
		struct jval *o = ns->kids[i];
		const char *w = arena_printf(a, "notification %zu", i + 1);
		struct notif *x = &s->notifs[s->nnotifs++];
		x->event = def_str(&rd, o, "event", w);
		x->sms = def_i18n(&rd, o, "sms", w);
		x->dlt = def_str(&rd, o, "dlt_template_id", w);
		x->email = def_bool(&rd, o, "email", false, w);
	}
	return s;
}

/* ---- struct -> JSON ---- */

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
	def_w_i18n(&w, "name", &s->name);
	def_w_i18n(&w, "description", &s->desc);
	def_w_i18n(&w, "eligibility", &s->elig);
	jw_kstr(&w, "department", s->dept ? s->dept : "");
	jw_key(&w, "channels");
	jw_arr(&w);
	for (int c = 0; c < CH_COUNT; c++)
		if (s->channels & (1u << c))
			jw_str(&w, channel_codes[c]);
	jw_arr_end(&w);
	jw_key(&w, "fields");
	def_w_fields(&w, &s->form);
	jw_key(&w, "documents");
	jw_arr(&w);
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct docreq *d = &s->docs[i];
		jw_obj(&w);
		jw_kstr(&w, "code", d->code ? d->code : "");
		def_w_i18n(&w, "label", &d->label);
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
		def_w_i18n(&w, "name", &x->name);
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
	def_w_i18n(&w, "title", &s->title);
	jw_key(&w, "print_fields");
	jw_arr(&w);
	for (size_t i = 0; i < s->nprint; i++)
		jw_str(&w, s->print[i]);
	jw_arr_end(&w);
	jw_kint(&w, "validity_days", s->validity_days);
	w_role(&w, "signing_role", s->signing);
	if (s->corrects)
		jw_kbool(&w, "corrects_certificate", true);
	if (s->reg_extract)
		jw_kbool(&w, "register_extract", true);
	jw_obj_end(&w);
	jw_key(&w, "notifications");
	jw_arr(&w);
	for (size_t i = 0; i < s->nnotifs; i++) {
		const struct notif *n = &s->notifs[i];
		jw_obj(&w);
		jw_kstr(&w, "event", n->event ? n->event : "");
		def_w_i18n(&w, "sms", &n->sms);
		jw_kstr(&w, "dlt_template_id", n->dlt ? n->dlt : "");
		jw_kbool(&w, "email", n->email);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
}

/* ---- validation ---- */

bool svc_type_allowed(enum ftype t)
{
	return t != FT_PHOTO && t != FT_USER && t != FT_REF && t < FT_COUNT;
}

static void svc_hidden_types(struct def_vd *v, const struct field *f)
{
	if (!svc_type_allowed(f->type))
		def_vprob(v, "form field '%s': a %s field cannot be used in a service form", f->name ? f->name : "?",
			  ftype_code(f->type));
	for (size_t k = 0; k < f->nsub; k++)
		svc_hidden_types(v, &f->sub[k]);
}

int svc_validate(const struct svc *s, struct sbuf *probs)
{
	struct def_vd v = { .probs = probs };
	arena_init(&v.a);
	if (!s->code || strlen(s->code) < 2 || strlen(s->code) > 10 ||
	    strspn(s->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(s->code))
		def_vprob(&v, "the service code must be 2 to 10 capital letters or digits");
	def_check_i18n(&v, &s->name, "the service name", true);
	def_check_i18n(&v, &s->desc, "the description", false);
	def_check_i18n(&v, &s->elig, "the eligibility notes", false);
	if (str_empty(s->dept))
		def_vprob(&v, "choose a department");
	if (!s->channels)
		def_vprob(&v, "allow at least one channel");
	def_check_fields(&v, &s->form, "form");
	for (size_t i = 0; i < s->form.nfields; i++)
		svc_hidden_types(&v, &s->form.fields[i]);
	for (size_t i = 0; i < s->ndocs; i++) {
		const struct docreq *d = &s->docs[i];
		const char *w = arena_printf(&v.a, "document '%s'", d->code ? d->code : "?");
		if (!def_ident_ok(d->code, 40))
			def_vprob(&v, "%s: the code must use small letters, digits and _", w);
		for (size_t k = 0; k < i; k++)
			if (str_eq(s->docs[k].code, d->code))
				def_vprob(&v, "%s: the code is used twice", w);
		def_check_i18n(&v, &d->label, arena_printf(&v.a, "%s label", w), true);
		if (!d->types)
			def_vprob(&v, "%s: accept at least one file type", w);
		if (d->max_kb < 10 || d->max_kb > 10240)
			def_vprob(&v, "%s: the size cap must be 10 to 10240 KB", w);
	}
	if (s->fee_gov < 0 || s->fee_csc < 0 || s->fee_tatkal < 0 || s->fee_gov > 10000000 || s->fee_csc > 10000000 ||
	    s->fee_tatkal > 10000000)
		def_vprob(&v, "fees must be 0 to 1,00,000 rupees (in paise)");
	bool level_ok = false;
	for (size_t i = 0; i < ARRAY_LEN(levels); i++)
		level_ok |= str_eq(s->level, levels[i]);
	if (!level_ok)
		def_vprob(&v, "choose the processing level (panchayat, circle, block, subdivision, district, hq)");
	const struct field *rf = svc_field(s, s->route_field);
	if (!rf || rf->type != FT_LOCATION)
		def_vprob(&v, "the form needs a location field '%s' to route applications by", s->route_field ? s->route_field : "address");
	if (s->rtps_days < 1 || s->rtps_days > 365)
		def_vprob(&v, "the RTPS time limit must be 1 to 365 working days");
	if (s->tatkal && (s->tatkal_days < 1 || s->tatkal_days >= s->rtps_days))
		def_vprob(&v, "the Tatkal limit must be at least 1 day and shorter than the RTPS limit");
	if (s->weekly_off == 0x7f)
		def_vprob(&v, "the calendar cannot make every day a weekly off");
	if (s->nstages == 0)
		def_vprob(&v, "the workflow needs at least one stage");
	long sla = 0;
	bool approves = false;
	for (size_t i = 0; i < s->nstages; i++) {
		const struct stage *x = &s->stages[i];
		const char *w = arena_printf(&v.a, "stage %zu '%s'", i + 1, x->code ? x->code : "?");
		if (!def_ident_ok(x->code, 30))
			def_vprob(&v, "%s: the code must use small letters, digits and _", w);
		for (size_t k = 0; k < i; k++)
			if (str_eq(s->stages[k].code, x->code))
				def_vprob(&v, "%s: the code is used twice", w);
		if (x->role >= ROLE_COUNT || !level_role_level(x->role))
			def_vprob(&v, "%s: has no workflow role (choose who acts here)", w);
		def_check_i18n(&v, &x->name, arena_printf(&v.a, "%s name", w), true);
		if (!x->actions)
			def_vprob(&v, "%s: allows no action", w);
		if (i > 0 && !(s->stages[i - 1].actions & AB(ACT_FORWARD)))
			def_vprob(&v, "%s: can never be reached (the stage before it has no forward action)", w);
		if (i + 1 < s->nstages && (x->actions & AB(ACT_APPROVE)))
			def_vprob(&v, "%s: only the last stage may approve", w);
		if (i + 1 == s->nstages && (x->actions & AB(ACT_FORWARD)))
			def_vprob(&v, "%s: the last stage cannot forward", w);
		if (i == 0 && (x->actions & AB(ACT_RECALL)))
			def_vprob(&v, "%s: the first stage has nothing to recall", w);
		approves |= (x->actions & AB(ACT_APPROVE)) != 0;
		if (x->sla_days < 1)
			def_vprob(&v, "%s: the stage time limit must be at least 1 working day", w);
		sla += x->sla_days;
		for (size_t k = 0; k < x->nattach; k++) {
			bool found = false;
			for (size_t j = 0; j < s->ndocs; j++)
				found |= str_eq(s->docs[j].code, x->attach[k]);
			if (!found && !def_ident_ok(x->attach[k], 40))
				def_vprob(&v, "%s: attachment '%s' is not a document code", w, x->attach[k]);
		}
	}
	if (s->nstages && !approves)
		def_vprob(&v, "the workflow has no approve action: the last stage must allow approve");
	if (sla > s->rtps_days && s->rtps_days > 0)
		def_vprob(&v, "the stage time limits add up to %ld days, more than the RTPS limit of %ld", sla, s->rtps_days);
	if (s->designated < 0 || !level_role_level((enum role)s->designated))
		def_vprob(&v, "choose the designated officer's role");
	if (s->appeal1 < 0)
		def_vprob(&v, "choose the first appellate authority");
	def_check_i18n(&v, &s->title, "the certificate title", true);
	for (size_t i = 0; i < s->nprint; i++) {
		const struct field *f = svc_field(s, s->print[i]);
		if (!f)
			def_vprob(&v, "the certificate prints '%s', which is not a field of the form", s->print[i]);
		else if (f->type == FT_FILE || f->type == FT_GROUP)
			def_vprob(&v, "the certificate cannot print '%s' (a %s)", s->print[i], ftype_code(f->type));
		for (size_t k = 0; k < i; k++)
			if (str_eq(s->print[k], s->print[i]))
				def_vprob(&v, "the certificate prints '%s' twice", s->print[i]);
	}
	if (s->validity_days < 0 || s->validity_days > 36500)
		def_vprob(&v, "validity must be 0 (no expiry) to 36500 days");
	if (s->reg_extract) {
		/* the entry is named by these answers; the book is the routed GP's */
		const struct field *regf = svc_field(s, "register"), *ff = svc_field(s, "fy"), *sf = svc_field(s, "serial");
		if (!regf || (regf->type != FT_SELECT && regf->type != FT_TEXT) || !regf->required || !ff || ff->type != FT_TEXT ||
		    !ff->required || !sf || sf->type != FT_NUMBER || !sf->required)
			def_vprob(&v, "a register extract needs required fields 'register' (select or text), 'fy' (text) and "
				  "'serial' (number)");
		if (!str_eq(s->level, "panchayat"))
			def_vprob(&v, "a register extract is decided at the gram panchayat (processing level 'panchayat')");
		if (s->corrects)
			def_vprob(&v, "a register extract cannot also correct a certificate");
	}
	bool signer_acts = false;
	for (size_t i = 0; i < s->nstages; i++)
		signer_acts |= (int)s->stages[i].role == s->signing && (s->stages[i].actions & AB(ACT_APPROVE));
	if (!signer_acts)
		def_vprob(&v, "the signing role must be the role that approves");
	static const char *const events[] = { "submit", "return", "reject", "approve", "escalate" };
	for (size_t i = 0; i < s->nnotifs; i++) {
		const struct notif *n = &s->notifs[i];
		bool ok = false;
		for (size_t k = 0; k < ARRAY_LEN(events); k++)
			ok |= str_eq(n->event, events[k]);
		if (!ok)
			def_vprob(&v, "notification %zu: unknown event '%s'", i + 1, n->event ? n->event : "");
		def_check_i18n(&v, &n->sms, arena_printf(&v.a, "notification '%s' text", n->event ? n->event : "?"), true);
		if (!str_digits(n->dlt, 10, 25))
			def_vprob(&v, "notification '%s': an SMS needs its DLT template id (digits)", n->event ? n->event : "?");
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
	return form_field(&s->form, name);
}

const struct stage *svc_stage(const struct svc *s, size_t i)
{
	return i < s->nstages ? &s->stages[i] : NULL;
}
