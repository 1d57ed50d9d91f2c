/*
 * fieldedit.c — checking a field's properties as typed in a designer
 * (fieldedit.h).
 */
#include "fieldedit.h"
#include "money.h"

#include <string.h>

const char *fieldedit_text(struct arena *a, struct outcome *out, const char *field, const char *v, size_t max,
			   bool required)
{
	if (v)
		v = str_trim(arena_strdup(a, v));
	if ((required && str_empty(v)) || (v && utf8_chars(v) > max)) {
		out_field(out, field, required && str_empty(v) ? "form.err.required" : "svc.too_long", NULL);
		return NULL;
	}
	return str_empty(v) ? NULL : v;
}

bool fieldedit_number(struct outcome *out, const char *field, const char *v, long min, long max, long *n)
{
	if (str_empty(v)) {
		*n = 0;
		return true;
	}
	if (!parse_long(v, min, max, n)) {
		out_field(out, field, "svc.number_bad", NULL);
		return false;
	}
	return true;
}

/* Parses "value|English|Hindi" lines into options. */
static bool parse_options(struct arena *a, const char *text, struct opt **out, size_t *n)
{
	*n = 0;
	*out = NULL;
	if (str_empty(text))
		return true;
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	*out = arena_alloc(a, (cap + 1) * sizeof **out);
	char *copy = arena_strdup(a, text), *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line = str_trim(line);
		if (!*line)
			continue;
		char *b1 = strchr(line, '|'), *b2 = b1 ? strchr(b1 + 1, '|') : NULL;
		if (!b1 || !b2)
			return false;
		*b1 = *b2 = '\0';
		struct opt *o = &(*out)[(*n)++];
		o->value = str_trim(line);
		o->label.en = str_trim(b1 + 1);
		o->label.hi = str_trim(b2 + 1);
	}
	return true;
}

/* A money bound typed in rupees ("1,000.50"), kept in paise. */
static void money_bound(struct outcome *out, const char *field, const char *v, bool *has, long *paise)
{
	long long p = 0;
	*has = !str_empty(v);
	if (*has && !money_parse(v, true, &p)) {
		out_field(out, field, "form.err.money", NULL);
		*has = false;
	}
	*paise = (long)p;
}

/* "a, b  g.c" -> {"a", "b", "g.c"} (names checked by form_def_validate). */
static const char **name_list(struct arena *a, const char *text, size_t *n)
{
	*n = 0;
	if (str_empty(text))
		return NULL;
	const char **out = arena_alloc(a, (strlen(text) / 2 + 2) * sizeof *out);
	char *copy = arena_strdup(a, text), *save = NULL;
	for (char *w = strtok_r(copy, ", \t\r\n", &save); w; w = strtok_r(NULL, ", \t\r\n", &save))
		out[(*n)++] = w;
	return out;
}

void fieldedit_read(struct arena *a, const struct field_input *in, struct field *f, fieldedit_types_fn allowed,
		    struct outcome *out)
{
	int t = ftype_from(in->type);
	if (t < 0 || (allowed && !allowed((enum ftype)t))) {
		out_field(out, "type", "svc.type_bad", NULL);
		t = FT_TEXT;
	}
	f->type = (enum ftype)t;
	f->label.en = fieldedit_text(a, out, "label_en", in->label_en, 300, true);
	f->label.hi = fieldedit_text(a, out, "label_hi", in->label_hi, 300, true);
	f->help.en = fieldedit_text(a, out, "help_en", in->help_en, 500, false);
	f->help.hi = fieldedit_text(a, out, "help_hi", in->help_hi, 500, false);
	f->required = in->required;
	if (f->type == FT_MONEY) {
		money_bound(out, "min", in->min, &f->has_min, &f->min);
		money_bound(out, "max", in->max, &f->has_max, &f->max);
	} else {
		f->has_min = !str_empty(in->min);
		f->has_max = !str_empty(in->max);
		fieldedit_number(out, "min", in->min, -999999999999L, 999999999999L, &f->min);
		fieldedit_number(out, "max", in->max, -999999999999L, 999999999999L, &f->max);
	}
	fieldedit_number(out, "min_length", in->min_length, 0, 5000, &f->min_len);
	fieldedit_number(out, "max_length", in->max_length, 0, 5000, &f->max_len);
	f->pattern = fieldedit_text(a, out, "pattern", in->pattern, 200, false);
	f->min_date = fieldedit_text(a, out, "min_date", in->min_date, 10, false);
	f->max_date = fieldedit_text(a, out, "max_date", in->max_date, 10, false);
	f->def = fieldedit_text(a, out, "default", in->def, 200, false);
	f->show_field = fieldedit_text(a, out, "show_field", in->show_field, 40, false);
	f->show_equals = fieldedit_text(a, out, "show_equals", in->show_equals, 60, false);
	if (!parse_options(a, in->options, &f->opts, &f->nopts))
		out_field(out, "options", "svc.options_bad", NULL);
	if (f->type == FT_GROUP) {
		fieldedit_number(out, "min_items", in->min_items, 0, 50, &f->min_items);
		fieldedit_number(out, "max_items", in->max_items, 1, 50, &f->max_items);
		if (!f->max_items)
			f->max_items = 5;
	}
	if (f->type == FT_COMPUTED) {
		f->op = str_eq(in->compute_op, "count") ? FOP_COUNT : FOP_SUM;
		if (!str_empty(in->compute_op) && !str_eq(in->compute_op, "sum") && !str_eq(in->compute_op, "count"))
			out_field(out, "compute_op", "svc.compute_op_bad", NULL);
		f->of = name_list(a, in->compute_of, &f->nof);
		if (f->nof == 0 || f->nof > 50)
			out_field(out, "compute_of", "svc.compute_of_needed", NULL);
	}
	if (f->type == FT_GEOPOINT) {
		fieldedit_number(out, "accuracy_max", in->accuracy_max, 0, 100000, &f->accuracy_max);
		f->accuracy_flag = in->accuracy_flag;
	}
	if (f->type == FT_REF) {
		f->ref_kind = fieldedit_text(a, out, "ref_kind", in->ref_kind, 60, true);
	}
	if (f->type == FT_USER)
		f->scope = fieldedit_text(a, out, "scope", in->scope, 60, false);
	if (f->has_min && f->has_max && f->min > f->max)
		out_field(out, "max", "svc.min_max", NULL);
	bool choices = f->type == FT_SELECT || f->type == FT_MULTISELECT || f->type == FT_RADIO;
	if (choices && f->nopts == 0)
		out_field(out, "options", "svc.options_needed", NULL);
	if (f->max_len && f->min_len > f->max_len)
		out_field(out, "max_length", "svc.min_max", NULL);
}

/* Is name ("field" or "group.column") a field of form other than self? */
static bool source_known(const struct form_def *form, const char *name, const struct field *self)
{
	const char *dot = strchr(name, '.');
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field *f = &form->fields[i];
		if (f == self || !f->name)
			continue;
		if (!dot && str_eq(f->name, name))
			return true;
		if (dot && strlen(f->name) == (size_t)(dot - name) && !strncmp(f->name, name, (size_t)(dot - name)))
			for (size_t k = 0; k < f->nsub; k++)
				if (str_eq(f->sub[k].name, dot + 1))
					return true;
	}
	return false;
}

/* fieldedit_read, then what needs the whole form: a computed field's
 * sources are its other fields. */
static void read_in_form(struct arena *a, const struct form_def *form, const struct field_input *in, struct field *f,
			 const struct field *self, fieldedit_types_fn allowed, struct outcome *out)
{
	fieldedit_read(a, in, f, allowed, out);
	for (size_t k = 0; f->type == FT_COMPUTED && k < f->nof; k++)
		if (!source_known(form, f->of[k], self)) {
			out_field(out, "compute_of", "svc.compute_of_unknown", f->of[k]);
			break;
		}
}

bool fieldedit_ident(const char *s)
{
	return s && s[0] >= 'a' && s[0] <= 'z' && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

int fieldedit_add(struct arena *a, struct form_def *form, const struct field_input *in, fieldedit_types_fn allowed,
		  struct outcome *out)
{
	struct field f = { 0 };
	f.name = fieldedit_text(a, out, "name", in->name, 40, true);
	if (f.name && !fieldedit_ident(f.name))
		out_field(out, "name", "svc.ident_bad", NULL);
	if (f.name && form_field(form, f.name))
		out_field(out, "name", "svc.name_taken", NULL);
	read_in_form(a, form, in, &f, NULL, allowed, out);
	if (out->nerrs)
		return 422;
	if (f.type == FT_GROUP && f.nsub == 0) {
		/* a group starts with one text column; more are added on its page */
		f.sub = arena_alloc(a, sizeof(struct field));
		f.sub[0] = (struct field){ .name = "name", .type = FT_TEXT, .label = { "Name", "नाम" }, .required = true };
		f.nsub = 1;
	}
	struct field *nf = arena_alloc(a, (form->nfields + 1) * sizeof *nf);
	if (form->nfields)
		memcpy(nf, form->fields, form->nfields * sizeof *nf);
	nf[form->nfields] = f;
	form->fields = nf;
	form->nfields++;
	return 0;
}

int fieldedit_change(struct arena *a, struct form_def *form, const char *name, const char *action,
		     const struct field_input *props, fieldedit_types_fn allowed, struct outcome *out)
{
	const struct field *found = name ? form_field(form, name) : NULL;
	if (!found)
		return 404;
	size_t i = (size_t)(found - form->fields);
	if (str_eq(action, "up") || str_eq(action, "down")) {
		size_t j = str_eq(action, "up") ? i - 1 : i + 1;	/* i - 1 wraps past the end at the top */
		if (j < form->nfields) {
			struct field t = form->fields[i];
			form->fields[i] = form->fields[j];
			form->fields[j] = t;
		}
	} else if (str_eq(action, "delete")) {
		memmove(&form->fields[i], &form->fields[i + 1], (form->nfields - i - 1) * sizeof *form->fields);
		form->nfields--;
	} else if (str_eq(action, "save")) {
		struct field f = form->fields[i];
		read_in_form(a, form, props, &f, found, allowed, out);
		if (out->nerrs)
			return 422;
		form->fields[i] = f;
	} else {
		return 400;
	}
	return 0;
}
