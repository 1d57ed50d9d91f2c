/*
 * regdesign.c — the register designer's rules and writes (regdesign.h).
 * Each change is a function that checks its inputs against the draft's
 * definition and applies them (apply_*); edit() runs one in a transaction
 * on the latest version (a draft, or the next version made as one), with
 * the canonical save and the audit row.
 */
#include "regdesign.h"
#include "audit.h"
#include "db.h"

#include <string.h>

bool regdesign_may(struct arena *a, const struct actor *who)
{
	const struct user *u = who->user;
	if (!u)
		return false;
	if (user_has(u, ROLE_STATE_ADMIN))
		return true;
	for (size_t i = 0; i < u->nh; i++)
		if (u->h[i].role == ROLE_DEPT_ADMIN &&
		    db_scalar(a, "SELECT id FROM departments WHERE id = ? AND code = 'PRD'", "i", (long long)u->h[i].department_id))
			return true;
	return false;
}

bool regdesign_type_ok(enum ftype t)
{
	return t < FT_COUNT && t != FT_FILE && t != FT_LOCATION && t != FT_GROUP;
}

struct regdef *regdesign_latest(struct arena *a, const char *code, long *version, const char **status)
{
	struct dbres *r = db_query(a, "SELECT v.definition, v.version, v.status FROM register_versions v "
				      "JOIN register_defs d ON d.id = v.def_id WHERE d.code = ? ORDER BY v.version DESC LIMIT 1",
				   "s", code);
	if (!r || r->nrows != 1)
		return NULL;
	struct jval *j = json_parse(a, db_val(r, 0, 0), strlen(db_val(r, 0, 0)), NULL);
	struct sbuf probs;
	sbuf_init(&probs);
	struct regdef *d = j ? regdef_from_json(a, j, &probs) : NULL;
	sbuf_free(&probs);
	*version = (long)db_int(r, 0, 1);
	*status = db_val(r, 0, 2);
	return d;
}

static int audit_reg(const struct actor *who, const char *action, const char *code, const char *remarks)
{
	const char *role = who->user && user_has(who->user, ROLE_STATE_ADMIN) ? "state_admin" : "dept_admin";
	struct audit_entry e = { .action = action, .entity = "register", .entity_id = code, .role = role, .remarks = remarks };
	return audit_write(who, &e);
}

/* The definition written canonically (arena). */
static const char *canon(struct arena *a, const struct regdef *d)
{
	struct sbuf b;
	sbuf_init(&b);
	regdef_to_json(d, &b);
	const char *s = arena_strdup(a, b.data);
	sbuf_free(&b);
	return s;
}

/* ---- a new register ---- */

struct create_ctx {
	struct arena *a;
	const struct actor *who;
	const struct regdef *d;
	struct outcome *out;
};

static int create_txn(void *p)
{
	struct create_ctx *c = p;
	int n = db_exec("INSERT IGNORE INTO register_defs (code, kind, created_at) VALUES (?, 'register', NOW())", "s", c->d->code);
	if (n < 0)
		return -1;
	if (n == 0) {
		out_field(c->out, "code", "register.err.code_taken", NULL);
		return 1;
	}
	if (db_exec("INSERT INTO register_versions (def_id, version, definition, name_en, name_hi, created_by, created_at) "
		    "VALUES (?, 1, ?, ?, ?, NULLIF(?, 0), NOW())", "isssi", (long long)db_last_id(), canon(c->a, c->d), c->d->name.en,
		    c->d->name.hi, (long long)actor_id(c->who)) != 1)
		return -1;
	return audit_reg(c->who, "register.create", c->d->code, "version 1 (draft)") == 0 ? 0 : -1;
}

int regdesign_create(struct arena *a, const struct actor *who, const char *code, const char *name_en, const char *name_hi,
		     struct outcome *out)
{
	struct regdef *d = arena_alloc(a, sizeof *d);
	d->code = fieldedit_text(a, out, "code", code, 20, true);
	if (d->code && (strlen(d->code) < 2 || strspn(d->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(d->code)))
		out_field(out, "code", "register.err.code", NULL);
	d->name.en = fieldedit_text(a, out, "name_en", name_en, 120, true);
	d->name.hi = fieldedit_text(a, out, "name_hi", name_hi, 120, true);
	if (out->nerrs)
		return 422;
	d->kind = "register";
	d->level = "panchayat";
	d->periodicity = "continuous";
	d->enter_roles = RB(ROLE_CSC) | RB(ROLE_PSEWAK);
	d->verify_role = ROLE_PSEWAK;
	d->sign_role = -1;
	d->paper = "A4";
	d->landscape = true;
	struct create_ctx c = { a, who, d, out };
	return out_txn(out, create_txn, &c);
}

/* ---- one change to the draft, in one transaction ---- */

/* Applies in to the draft d: 0, or a status with the problems in out;
 * sets the change line. */
typedef int (*apply_fn)(struct arena *a, struct regdef *d, const void *in, struct outcome *out, const char **summary);

struct edit {
	struct arena *a;
	const struct actor *who;
	const char *code;
	apply_fn apply;
	const void *in;
	struct outcome *out;
};

static int edit_txn(void *p)
{
	struct edit *e = p;
	struct dbres *r = db_query(e->a, "SELECT d.id, v.id, v.version, v.status, v.definition FROM register_defs d "
					 "JOIN register_versions v ON v.def_id = d.id WHERE d.code = ? "
					 "ORDER BY v.version DESC LIMIT 1 FOR UPDATE", "s", e->code);
	if (!r)
		return -1;
	struct jval *j = r->nrows == 1 ? json_parse(e->a, db_val(r, 0, 4), strlen(db_val(r, 0, 4)), NULL) : NULL;
	struct sbuf probs;
	sbuf_init(&probs);
	struct regdef *d = j ? regdef_from_json(e->a, j, &probs) : NULL;
	sbuf_free(&probs);
	if (!d) {
		out_fail(e->out, 404, NULL);
		return 1;
	}
	const char *summary = NULL;
	int rc = e->apply(e->a, d, e->in, e->out, &summary);
	if (rc) {
		if (!e->out->status)
			out_fail(e->out, rc, NULL);
		return 1;
	}
	d->cols = d->form.fields;
	d->ncols = d->form.nfields;
	long version = (long)db_int(r, 0, 2);
	const char *text = canon(e->a, d);
	if (str_eq(db_val(r, 0, 3), "draft")) {
		if (db_exec("UPDATE register_versions SET definition = ?, name_en = ?, name_hi = ? WHERE id = ?", "sssi", text,
			    d->name.en, d->name.hi, db_int(r, 0, 1)) < 0)
			return -1;
	} else if (db_exec("INSERT INTO register_versions (def_id, version, definition, name_en, name_hi, created_by, created_at) "
			   "VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), NOW())", "iisssi", db_int(r, 0, 0), (long long)++version, text,
			   d->name.en, d->name.hi, (long long)actor_id(e->who)) != 1) {
		return -1;
	}
	return audit_reg(e->who, "register.edit", e->code, arena_printf(e->a, "version %ld: %s", version, summary)) == 0 ? 0 : -1;
}

static int edit(struct arena *a, const struct actor *who, const char *code, apply_fn apply, const void *in, struct outcome *out)
{
	struct edit e = { a, who, code, apply, in, out };
	return out_txn(out, edit_txn, &e);
}

/* ---- the header ---- */

static bool one_of(const char *v, const char *const *list)
{
	for (; *list; list++)
		if (str_eq(v, *list))
			return true;
	return false;
}

/* A column list as typed: each must be a column, a figure one when figure. */
static const char **columns(struct arena *a, const struct regdef *d, const struct designer_list *in, bool figure,
			    const char *at, size_t *n, struct outcome *out)
{
	const char **v = arena_alloc(a, (in->n + 1) * sizeof *v);
	*n = 0;
	for (size_t i = 0; i < in->n; i++) {
		const struct field *f = regdef_col(d, in->v[i]);
		if (!f || (figure && f->type != FT_NUMBER && f->type != FT_MONEY && f->type != FT_COMPUTED)) {
			out_field(out, at, figure ? "register.err.not_figure" : "register.err.choose", NULL);
			break;
		}
		v[(*n)++] = f->name;
	}
	return v;
}

static int apply_header(struct arena *a, struct regdef *d, const void *p, struct outcome *out, const char **summary)
{
	const struct regdesign_header *in = p;
	static const char *const levels[] = { "panchayat", "block", "district", NULL };
	static const char *const periods[] = { "continuous", "daily", "monthly", "fy", NULL };
	static const char *const papers[] = { "A4", "A3", NULL };
	d->name.en = fieldedit_text(a, out, "name_en", in->name_en, 120, true);
	d->name.hi = fieldedit_text(a, out, "name_hi", in->name_hi, 120, true);
	d->basis.en = fieldedit_text(a, out, "basis_en", in->basis_en, 300, false);
	d->basis.hi = fieldedit_text(a, out, "basis_hi", in->basis_hi, 300, false);
	if (!one_of(in->level, levels))
		out_field(out, "level", "register.err.choose", NULL);
	else
		d->level = in->level;
	if (!one_of(in->periodicity, periods))
		out_field(out, "periodicity", "register.err.choose", NULL);
	else
		d->periodicity = in->periodicity;
	d->public_ = in->public_;
	d->confirmed = in->confirmed;
	d->date_col = NULL;
	const struct field *dc = str_empty(in->date_col) ? NULL : regdef_col(d, in->date_col);
	if (!str_empty(in->date_col) && (!dc || dc->type != FT_DATE))
		out_field(out, "date_column", "register.err.not_date", NULL);
	else if (dc)
		d->date_col = dc->name;
	d->totals = columns(a, d, &in->totals, true, "totals", &d->ntotals, out);
	d->print_cols = columns(a, d, &in->print, false, "print", &d->nprint, out);
	d->carry_forward = in->carry_forward;
	d->never_negative = in->never_negative;
	if (d->never_negative && !d->nbal)
		out_field(out, "never_negative", "register.err.needs_balances", NULL);
	d->daily_close = in->daily_close;
	if (d->daily_close && !d->date_col)
		out_field(out, "daily_close", "register.err.needs_date", NULL);
	/* who keeps the level's books */
	unsigned keepers = str_eq(d->level, "block") ? RB(ROLE_BDO) | RB(ROLE_BI)
			 : str_eq(d->level, "district") ? RB(ROLE_DM) | RB(ROLE_DI)
			 : RB(ROLE_CSC) | RB(ROLE_PSEWAK) | RB(ROLE_MUKHIYA);
	d->enter_roles = 0;
	for (size_t i = 0; i < in->enter.n; i++) {
		int r = role_from_code(in->enter.v[i]);
		if (r >= 0)
			d->enter_roles |= RB(r);
	}
	if (!d->enter_roles || (d->enter_roles & ~keepers))
		out_field(out, "enter", "register.err.enter", NULL);
	d->verify_role = role_from_code(in->verify);
	if (d->verify_role < 0)
		out_field(out, "verify", "svc.role_bad", NULL);
	d->sign_role = str_empty(in->sign) ? -1 : role_from_code(in->sign);
	if (!str_empty(in->sign) && d->sign_role < 0)
		out_field(out, "sign", "svc.role_bad", NULL);
	else if (d->sign_role >= 0 && d->sign_role == d->verify_role)
		out_field(out, "sign", "register.err.sign_same", NULL);
	if (!one_of(in->paper, papers))
		out_field(out, "paper", "register.err.choose", NULL);
	else
		d->paper = in->paper;
	d->landscape = in->landscape;
	*summary = "header changed";
	return out->nerrs ? 422 : 0;
}

int regdesign_header(struct arena *a, const struct actor *who, const char *code, const struct regdesign_header *in,
		     struct outcome *out)
{
	return edit(a, who, code, apply_header, in, out);
}

/* ---- columns ---- */

/* The register's own rule for the column f, at its input. */
static void col_rule(const struct field *f, struct outcome *out)
{
	const char *at;
	if (!regdef_col_ok(f, &at))
		out_field(out, at, arena_printf(out->a, "register.err.col_%s", at), NULL);
}

static int apply_col_add(struct arena *a, struct regdef *d, const void *p, struct outcome *out, const char **summary)
{
	int rc = fieldedit_add(a, &d->form, p, regdesign_type_ok, out);
	if (rc)
		return rc;
	const struct field *f = &d->form.fields[d->form.nfields - 1];
	col_rule(f, out);
	*summary = arena_printf(a, "column '%s' added", f->name);
	return out->nerrs ? 422 : 0;
}

int regdesign_col_add(struct arena *a, const struct actor *who, const char *code, const struct field_input *in,
		      struct outcome *out)
{
	return edit(a, who, code, apply_col_add, in, out);
}

struct col_change {
	const char *name, *action;
	const struct field_input *props;
};

/* Does anything else in d name the column name (the date column, a
 * balance, another column's sources or condition)? */
static bool col_used(const struct regdef *d, const char *name)
{
	if (str_eq(d->date_col, name))
		return true;
	for (size_t i = 0; i < d->nbal; i++)
		for (size_t k = 0; k < d->bal[i].nin + d->bal[i].nout; k++)
			if (str_eq(k < d->bal[i].nin ? d->bal[i].in[k] : d->bal[i].out[k - d->bal[i].nin], name))
				return true;
	for (size_t i = 0; i < d->form.nfields; i++) {
		const struct field *f = &d->form.fields[i];
		if (str_eq(f->show_field, name))
			return true;
		for (size_t k = 0; k < f->nof; k++)
			if (str_eq(f->of[k], name))
				return true;
	}
	return false;
}

/* names without name */
static size_t drop(const char **names, size_t n, const char *name)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!str_eq(names[i], name))
			names[k++] = names[i];
	return k;
}

static int apply_col_change(struct arena *a, struct regdef *d, const void *p, struct outcome *out, const char **summary)
{
	const struct col_change *in = p;
	bool del = str_eq(in->action, "delete");
	if (del && form_field(&d->form, in->name) && col_used(d, in->name))
		return out_fail(out, 409, "register.err.col_used");
	int rc = fieldedit_change(a, &d->form, in->name, in->action, in->props, regdesign_type_ok, out);
	if (rc)
		return rc;
	if (del) {	/* no longer totalled or printed */
		d->ntotals = drop(d->totals, d->ntotals, in->name);
		d->nprint = drop(d->print_cols, d->nprint, in->name);
	} else if (str_eq(in->action, "save")) {
		col_rule(form_field(&d->form, in->name), out);
	}
	*summary = arena_printf(a, "column '%s': %s", in->name, in->action);
	return out->nerrs ? 422 : 0;
}

int regdesign_col_change(struct arena *a, const struct actor *who, const char *code, const char *name, const char *action,
			 const struct field_input *props, struct outcome *out)
{
	struct col_change c = { name, action, props };
	return edit(a, who, code, apply_col_change, &c, out);
}
