/*
 * regdef.c — a register's definition (gramsewa.register/1) without a
 * database: reading it (problems as text, one per line), writing it back
 * canonically, its structural rules, and the hash that chains a book's
 * entries.  Kept apart from register.c so the parser can be fuzzed and
 * unit-tested on its own.
 */
#include "register.h"
#include "mpr_source.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* ---- reading a definition (the form engine's def_* readers) ---- */

/* A role named at key, or -1 when absent (an unknown one is reported). */
static int drole(struct def_rd *r, const struct jval *o, const char *key, const char *where)
{
	const char *s = def_str(r, o, key, where);
	int role = s ? role_from_code(s) : -1;
	if (s && role < 0)
		def_prob(r, "%s: unknown role '%s'", where, s);
	return role;
}

/* Text at key, or def when absent. */
static const char *dstr_or(struct def_rd *r, const struct jval *o, const char *key, const char *where, const char *def)
{
	const char *s = def_str(r, o, key, where);
	return s ? s : def;
}

/* An MPR's "sources": an object of field name → {source, register?,
 * column?, editable?}. */
static void read_sources(struct def_rd *r, const struct jval *o, struct regdef *d)
{
	if (!o)
		return;
	if (o->type != J_OBJ) {
		def_prob(r, "sources: an object of column name -> {source, register?, column?, editable?}");
		return;
	}
	d->sources = arena_alloc(r->a, (o->n + 1) * sizeof *d->sources);
	for (size_t i = 0; i < o->n; i++) {
		struct reg_source *s = &d->sources[d->nsources++];
		const char *w = arena_printf(r->a, "sources.%s", o->keys[i]);
		s->field = o->keys[i];
		s->source = def_str(r, o->kids[i], "source", w);
		s->src = s->source ? mpr_source_find(s->source) : -1;
		s->reg = def_str(r, o->kids[i], "register", w);
		s->col = def_str(r, o->kids[i], "column", w);
		s->editable = def_bool(r, o->kids[i], "editable", false, w);
	}
}

struct regdef *regdef_from_json(struct arena *a, const struct jval *v, struct sbuf *probs)
{
	struct def_rd r = { a, probs };
	if (!def_format(&r, v, REG_FORMAT, "register definition"))
		return NULL;
	const char *w = "register";
	struct regdef *d = arena_alloc(a, sizeof *d);
	d->code = def_str(&r, v, "code", w);
	d->kind = dstr_or(&r, v, "kind", w, "register");
	d->name = def_i18n(&r, v, "name", w);
	d->basis = def_i18n(&r, v, "legal_basis", w);
	d->level = dstr_or(&r, v, "level", w, "panchayat");
	d->periodicity = dstr_or(&r, v, "periodicity", w, "continuous");
	d->confirmed = def_bool(&r, v, "confirmed", false, w);
	d->public_ = def_bool(&r, v, "public", false, w);
	def_fields(&r, def_arr(&r, v, "columns", w), &d->form);
	d->cols = d->form.fields;
	d->ncols = d->form.nfields;
	d->date_col = def_str(&r, v, "date_column", w);
	d->totals = def_strlist(&r, v, "totals", &d->ntotals, w);
	const struct jval *bals = def_arr(&r, v, "balances", w);
	for (size_t i = 0; bals && i < bals->n; i++) {
		if (d->nbal == REG_MAX_BALANCES) {
			def_prob(&r, "at most %d balances", REG_MAX_BALANCES);
			break;
		}
		struct reg_balance *b = &d->bal[d->nbal++];
		const char *bw = arena_printf(a, "balance %zu", i + 1);
		b->name = def_str(&r, bals->kids[i], "name", bw);
		b->label = def_i18n(&r, bals->kids[i], "label", bw);
		b->in = def_strlist(&r, bals->kids[i], "in", &b->nin, bw);
		b->out = def_strlist(&r, bals->kids[i], "out", &b->nout, bw);
	}
	d->never_negative = def_bool(&r, v, "never_negative", false, w);
	d->carry_forward = def_bool(&r, v, "carry_forward", d->nbal > 0, w);
	d->daily_close = def_bool(&r, v, "daily_close", false, w);
	const struct jval *so = json_get(v, "signoff");
	size_t ne;
	const char **enter = def_strlist(&r, so, "enter", &ne, "signoff");
	for (size_t i = 0; i < ne; i++) {
		int role = role_from_code(enter[i]);
		if (role < 0)
			def_prob(&r, "signoff.enter: unknown role '%s'", enter[i]);
		else
			d->enter_roles |= RB(role);
	}
	if (!ne)
		d->enter_roles = RB(ROLE_CSC) | RB(ROLE_PSEWAK);
	d->verify_role = drole(&r, so, "verify", "signoff.verify");
	if (d->verify_role < 0)
		d->verify_role = ROLE_PSEWAK;
	d->sign_role = drole(&r, so, "sign", "signoff.sign");
	const struct jval *pr = json_get(v, "print");
	d->paper = dstr_or(&r, pr, "paper", "print", "A4");
	d->landscape = def_bool(&r, pr, "landscape", true, "print");
	d->print_cols = def_strlist(&r, pr, "columns", &d->nprint, "print");
	read_sources(&r, json_get(v, "sources"), d);
	return d;
}

static void w_names(struct jw *w, const char *key, const char *const *names, size_t n)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t i = 0; i < n; i++)
		jw_str(w, names[i]);
	jw_arr_end(w);
}

void regdef_to_json(const struct regdef *d, struct sbuf *b)
{
	struct jw w;
	jw_init(&w, b);
	jw_obj(&w);
	jw_kstr(&w, "format", REG_FORMAT);
	jw_kstr(&w, "code", d->code);
	jw_kstr(&w, "kind", d->kind);
	def_w_i18n(&w, "name", &d->name);
	def_w_i18n(&w, "legal_basis", &d->basis);
	jw_kstr(&w, "level", d->level);
	jw_kstr(&w, "periodicity", d->periodicity);
	jw_kbool(&w, "confirmed", d->confirmed);
	jw_kbool(&w, "public", d->public_);
	jw_key(&w, "columns");
	def_w_fields(&w, &d->form);
	if (d->date_col)
		jw_kstr(&w, "date_column", d->date_col);
	w_names(&w, "totals", d->totals, d->ntotals);
	jw_key(&w, "balances");
	jw_arr(&w);
	for (size_t i = 0; i < d->nbal; i++) {
		jw_obj(&w);
		jw_kstr(&w, "name", d->bal[i].name);
		def_w_i18n(&w, "label", &d->bal[i].label);
		w_names(&w, "in", d->bal[i].in, d->bal[i].nin);
		w_names(&w, "out", d->bal[i].out, d->bal[i].nout);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_kbool(&w, "never_negative", d->never_negative);
	jw_kbool(&w, "carry_forward", d->carry_forward);
	jw_kbool(&w, "daily_close", d->daily_close);
	jw_key(&w, "signoff");
	jw_obj(&w);
	jw_key(&w, "enter");
	jw_arr(&w);
	for (int i = 0; i < ROLE_COUNT; i++)
		if (d->enter_roles & RB(i))
			jw_str(&w, role_code((enum role)i));
	jw_arr_end(&w);
	jw_kstr(&w, "verify", role_code((enum role)d->verify_role));
	if (d->sign_role >= 0)
		jw_kstr(&w, "sign", role_code((enum role)d->sign_role));
	jw_obj_end(&w);
	jw_key(&w, "print");
	jw_obj(&w);
	jw_kstr(&w, "paper", d->paper);
	jw_kbool(&w, "landscape", d->landscape);
	w_names(&w, "columns", d->print_cols, d->nprint);
	jw_obj_end(&w);
	if (d->nsources) {
		jw_key(&w, "sources");
		jw_obj(&w);
		for (size_t i = 0; i < d->nsources; i++) {
			const struct reg_source *s = &d->sources[i];
			jw_key(&w, s->field);
			jw_obj(&w);
			jw_kstr(&w, "source", s->source);
			if (s->reg)
				jw_kstr(&w, "register", s->reg);
			if (s->col)
				jw_kstr(&w, "column", s->col);
			jw_kbool(&w, "editable", s->editable);
			jw_obj_end(&w);
		}
		jw_obj_end(&w);
	}
	jw_obj_end(&w);
}

const struct field *regdef_col(const struct regdef *d, const char *name)
{
	for (size_t i = 0; i < d->ncols; i++)
		if (str_eq(d->cols[i].name, name))
			return &d->cols[i];
	return NULL;
}

bool regdef_is_amount(const struct regdef *d, const char *name)
{
	const struct field *f = regdef_col(d, name);
	return f && f->type == FT_MONEY;
}

bool regdef_col_ok(const struct field *c, const char **at)
{
	*at = c->type == FT_FILE || c->type == FT_LOCATION ? "type"
	    : c->type == FT_USER && !str_eq(c->scope, "gp_staff") && !str_eq(c->scope, "officers") ? "scope"
	    : c->type == FT_REF && (!c->ref_kind || strncmp(c->ref_kind, "register:", 9) != 0) ? "ref_kind"
	    : NULL;
	return !*at;
}

/* Each name must be a column of type t (FT_COUNT: any). */
static int check_names(struct arena *a, const struct regdef *d, const char *what, const char *const *names, size_t n,
		       enum ftype t, struct sbuf *probs)
{
	int bad = 0;
	for (size_t i = 0; i < n; i++) {
		const struct field *f = regdef_col(d, names[i]);
		/* FT_NUMBER asks for a figure: a number, money or a computed sum */
		bool figure = f && (f->type == FT_NUMBER || f->type == FT_MONEY || f->type == FT_COMPUTED);
		if (!f || (t == FT_NUMBER ? !figure : t != FT_COUNT && f->type != t)) {
			sbuf_adds(probs, arena_printf(a, "%s: '%s' is not a %scolumn\n", what, names[i],
						      t == FT_NUMBER ? "number " : t == FT_DATE ? "date " : ""));
			bad++;
		}
	}
	return bad;
}

/* The problems of an MPR's sources (one line each into probs): a known
 * source filling a number column (money for a sum of money), with the
 * register and column it needs and nothing it does not take. */
static int check_sources(struct arena *a, const struct regdef *d, struct sbuf *probs)
{
	int n = 0;
	for (size_t i = 0; i < d->nsources; i++) {
		const struct reg_source *s = &d->sources[i];
		const struct field *f = regdef_col(d, s->field);
		const struct mpr_source_info *m = s->src >= 0 ? &mpr_sources[s->src] : NULL;
		const char *why = NULL;
		if (!m) {
			struct sbuf known;
			sbuf_init(&known);
			for (int k = 0; k < MS_COUNT; k++)
				sbuf_printf(&known, "%s%s", k ? ", " : "", mpr_sources[k].name);
			why = arena_printf(a, "unknown source '%s' (known: %s)", s->source ? s->source : "", known.data);
			sbuf_free(&known);
		} else if (!f || f->type != (m->money ? FT_MONEY : FT_NUMBER))
			why = m->money ? "fills a money column" : "fills a number column";
		else if ((m->needs_register && str_empty(s->reg)) || (!m->takes_register && s->reg))
			why = m->needs_register ? "needs 'register' (a register code)" : "takes no 'register'";
		else if (m->takes_column != (s->col != NULL))
			why = m->takes_column ? "needs 'column' (a money column of the register)" : "takes no 'column'";
		else if (s->col && (str_empty(s->col) || strspn(s->col, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(s->col)))
			why = "'column' is a column's name (small letters, digits, _)";
		for (size_t k = 0; !why && k < i; k++)
			if (str_eq(d->sources[k].field, s->field))
				why = "is named twice";
		if (why) {
			sbuf_adds(probs, arena_printf(a, "sources.%s: %s", s->field, why));
			sbuf_addc(probs, '\n');
			n++;
		}
	}
	return n;
}

int regdef_validate(const struct regdef *d, struct sbuf *probs)
{
	struct arena a;
	arena_init(&a);
	int n = 0;
#define P(...) (sbuf_adds(probs, arena_printf(&a, __VA_ARGS__)), sbuf_addc(probs, '\n'), n++)
	if (!d->code || strlen(d->code) < 2 || strlen(d->code) > 20 ||
	    strspn(d->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(d->code))
		P("the register code must be 2 to 20 capital letters, digits or _");
	if (str_empty(d->name.en) || str_empty(d->name.hi) || utf8_chars(d->name.en) > 120 || utf8_chars(d->name.hi) > 120)
		P("the name needs English and Hindi text of at most 120 characters");
	bool mpr = str_eq(d->kind, "mpr");
	if (!str_eq(d->kind, "register") && !mpr)
		P("kind: 'register' or 'mpr' (a monthly progress report, mpr.h)");
	/* an MPR is one report a place a month: a GP's approved by verify
	 * then sign (BI then DI), a block's or a district's by the level
	 * above (verify, then sign when named); no book rules apply to it */
	if (mpr && (!str_eq(d->periodicity, "monthly") || (str_eq(d->level, "panchayat") && d->sign_role < 0) || d->nbal ||
		    d->date_col || d->daily_close))
		P("kind mpr: periodicity 'monthly', signoff.verify and (for a panchayat's) signoff.sign (the two approvers), no "
		  "balances, date_column or daily_close");
	if (mpr && !str_eq(d->level, "panchayat")) {
		/* a block's report goes to the district or the state, a district's to the state */
		unsigned above = RB(ROLE_PMU) | RB(ROLE_STATE_ADMIN) | (str_eq(d->level, "block") ? RB(ROLE_DI) | RB(ROLE_DM) : 0);
		if (!(above & RB(d->verify_role)) || (d->sign_role >= 0 && !(above & RB(d->sign_role))))
			P("kind mpr: a block's report is approved by di, dm, pmu or state_admin; a district's by pmu or state_admin");
	}
	if (d->nsources && !mpr)
		P("sources: only an MPR fills figures from the system");
	n += check_sources(&a, d, probs);
	if (!str_eq(d->level, "panchayat") && !str_eq(d->level, "block") && !str_eq(d->level, "district"))
		P("level: registers are kept by a gram panchayat, a block or a district ('panchayat', 'block', 'district')");
	if (!str_eq(d->periodicity, "continuous") && !str_eq(d->periodicity, "daily") && !str_eq(d->periodicity, "monthly") &&
	    !str_eq(d->periodicity, "fy"))
		P("periodicity: continuous, daily, monthly or fy");
	if (d->ncols == 0)
		P("a register needs columns");
	struct def_vd v = { .probs = probs };
	arena_init(&v.a);
	def_check_fields(&v, &d->form, "column");
	arena_free(&v.a);
	n += v.n;
	for (size_t i = 0; i < d->ncols; i++) {
		const struct field *c = &d->cols[i];
		const char *at = NULL;
		if (!regdef_col_ok(c, &at) && str_eq(at, "type"))
			P("column '%s': %s columns are not kept in registers (a photo column takes pictures)", c->name,
			  ftype_code(c->type));
		else if (str_eq(at, "scope"))
			P("column '%s': a user column's scope is gp_staff or officers", c->name);
		else if (str_eq(at, "ref_kind"))
			P("column '%s': a reference column's ref_kind is register:CODE", c->name);
	}
	if (d->date_col) {
		const char *one[] = { d->date_col };
		n += check_names(&a, d, "date_column", one, 1, FT_DATE, probs);
	}
	n += check_names(&a, d, "totals", d->totals, d->ntotals, FT_NUMBER, probs);
	n += check_names(&a, d, "print.columns", d->print_cols, d->nprint, FT_COUNT, probs);
	for (size_t i = 0; i < d->nbal; i++) {
		const struct reg_balance *b = &d->bal[i];
		if (!b->name || strlen(b->name) > 20 || strspn(b->name, "abcdefghijklmnopqrstuvwxyz_") != strlen(b->name))
			P("balance %zu: the name must be 1 to 20 small letters or _", i + 1);
		for (size_t k = 0; k < i; k++)
			if (str_eq(d->bal[k].name, b->name))
				P("balance '%s' is named twice", b->name);
		for (size_t k = 0; k < b->nin + b->nout; k++) {
			const char *c = k < b->nin ? b->in[k] : b->out[k - b->nin];
			if (!regdef_is_amount(d, c))
				P("balance '%s': '%s' is not an amount column", b->name ? b->name : "?", c);
		}
	}
	if (d->never_negative && d->nbal == 0)
		P("never_negative needs balances");
	if (d->daily_close && !d->date_col)
		P("daily_close needs a date_column");
	/* the keepers of the level's books */
	unsigned keepers = str_eq(d->level, "block") ? RB(ROLE_BDO) | RB(ROLE_BI)
			 : str_eq(d->level, "district") ? RB(ROLE_DM) | RB(ROLE_DI)
			 : RB(ROLE_CSC) | RB(ROLE_PSEWAK) | RB(ROLE_MUKHIYA);
	if (d->enter_roles & ~keepers)
		P("signoff.enter: a panchayat's entries are made by csc, panchayat_sewak or mukhiya; a block's by bdo or bi; "
		  "a district's by dm or di");
	if (d->sign_role == d->verify_role)
		P("signoff: who signs must differ from who verifies");
	if (!str_eq(d->paper, "A4") && !str_eq(d->paper, "A3"))
		P("print.paper: A4 or A3");
#undef P
	arena_free(&a);
	return n;
}

/* ---- the chain ---- */

const char *reg_entry_hash(struct arena *a, const char *prev, long book, long serial, const char *date, long corrects,
			   long by, const char *data)
{
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	sbuf_adds(&b, prev ? prev : "");
	sbuf_addc(&b, '\n');
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "book", book);
	jw_kint(&w, "serial", serial);
	jw_kstr(&w, "date", date);
	jw_key(&w, "corrects");
	if (corrects)
		jw_int(&w, corrects);
	else
		jw_null(&w);
	jw_kint(&w, "by", by);
	jw_key(&w, "data");
	jw_raw(&w, data);
	jw_obj_end(&w);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)b.data, b.len);
	sbuf_free(&b);
	return hex_encode(a, h, sizeof h);
}
