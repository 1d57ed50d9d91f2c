/*
 * tmpl.c — template cache and rendering on ClearSilver 0.10.
 */
#include "tmpl.h"
#include "config.h"
#include "db.h"
#include "log.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tmpl {
	char *name;		/* file name relative to the template dir */
	CSPARSE *cs;		/* parsed once */
};

static struct tmpl *tmpls;
static size_t ntmpls;
static HDF *init_hdf;		/* config for parsing (escape mode, load path) */
static HDF *lang_hdf[2];	/* 0 = en, 1 = hi (hi falls back to en) */

static void log_nerr(const char *what, NEOERR *err)
{
	STRING s;
	string_init(&s);
	nerr_error_string(err, &s);
	log_error("%s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
}

static int load_lang(HDF **out, const char *dir, const char *first, const char *second)
{
	char path[1024];
	NEOERR *err = hdf_init(out);
	if (err)
		goto fail;
	const char *files[2] = { first, second };
	for (int i = 0; i < 2 && files[i]; i++) {
		snprintf(path, sizeof path, "%s/lang/%s", dir, files[i]);
		err = hdf_read_file(*out, path);
		if (err)
			goto fail;
	}
	return 0;
fail:
	log_nerr("language file", err);
	return -1;
}

/* The deployment's facts the layout shows on every page (the helpline in
 * the footer), set beside the language strings so that every render, the
 * error pages too, finds them as Site.* in either language. */
static void site_facts(void)
{
	const char *h = cfg.helpline ? cfg.helpline : "";
	char tel[32];
	size_t n = 0;
	for (const char *p = h; *p && n + 1 < sizeof tel; p++)
		if ((*p >= '0' && *p <= '9') || (*p == '+' && n == 0))
			tel[n++] = *p;
	tel[n] = '\0';
	for (int i = 0; i < 2; i++) {
		NEOERR *err = hdf_set_value(lang_hdf[i], "Site.helpline", h);
		if (!err)
			err = hdf_set_value(lang_hdf[i], "Site.helpline_tel", tel);
		if (err)
			log_nerr("site facts", err);
	}
}

static int is_cs(const char *n)
{
	size_t l = strlen(n);
	return l > 3 && strcmp(n + l - 3, ".cs") == 0 && n[0] != '.';
}

static int parse_one(const char *name)
{
	CSPARSE *cs = NULL;
	NEOERR *err = cs_init(&cs, init_hdf);
	if (!err)
		err = cgi_register_strfuncs(cs);
	if (!err)
		err = cs_parse_file(cs, name);
	if (err) {
		log_nerr(name, err);
		if (cs)
			cs_destroy(&cs);
		return -1;
	}
	tmpls = xrealloc(tmpls, (ntmpls + 1) * sizeof *tmpls);
	tmpls[ntmpls].name = xstrdup(name);
	tmpls[ntmpls].cs = cs;
	ntmpls++;
	return 0;
}

int tmpl_init(const char *dir)
{
	static int nerr_ready;
	if (!nerr_ready) {
		nerr_init();
		nerr_ready = 1;
	}
	tmpl_free();
	NEOERR *err = hdf_init(&init_hdf);
	if (!err)
		err = hdf_set_value(init_hdf, "Config.VarEscapeMode", "html");
	if (!err)
		err = hdf_set_value(init_hdf, "hdf.loadpaths.0", dir);
	if (err) {
		log_nerr("template init", err);
		return -1;
	}
	if (load_lang(&lang_hdf[0], dir, "en.hdf", NULL) || load_lang(&lang_hdf[1], dir, "en.hdf", "hi.hdf"))
		return -1;
	site_facts();
	DIR *d = opendir(dir);
	if (!d) {
		log_error("template dir %s: cannot open", dir);
		return -1;
	}
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d)))
		if (is_cs(e->d_name) && parse_one(e->d_name) != 0)
			rc = -1;
	closedir(d);
	return rc;
}

void tmpl_free(void)
{
	for (size_t i = 0; i < ntmpls; i++) {
		free(tmpls[i].name);
		cs_destroy(&tmpls[i].cs);
	}
	free(tmpls);
	tmpls = NULL;
	ntmpls = 0;
	for (int i = 0; i < 2; i++)
		if (lang_hdf[i])
			hdf_destroy(&lang_hdf[i]);
	if (init_hdf)
		hdf_destroy(&init_hdf);
}

static NEOERR *out_cb(void *ctx, char *s)
{
	sbuf_adds(ctx, s);
	return STATUS_OK;
}

static HDF *lang_of(const char *lang)
{
	return lang_hdf[str_eq(lang, "hi") ? 1 : 0];
}

int tmpl_render(struct req *r, const char *name)
{
	for (size_t i = 0; i < ntmpls; i++) {
		if (strcmp(tmpls[i].name, name) != 0)
			continue;
		CSPARSE *cs = tmpls[i].cs;
		sbuf_reset(&r->out);
		cs->hdf = r->hdf;
		cs->global_hdf = lang_of(r->lang);
		NEOERR *err = cs_render(cs, &r->out, out_cb);
		cs->hdf = init_hdf;
		cs->global_hdf = NULL;
		if (err) {
			log_nerr(name, err);
			sbuf_reset(&r->out);
			return 500;
		}
		if (!r->status)
			r->status = 200;
		r->out_ctype = "text/html; charset=utf-8";
		r->sent = true;
		return 0;
	}
	log_error("template %s not found", name);
	return 500;
}

const char *tmpl_str(const char *lang, const char *key)
{
	/* looked up under the L node (no "L.key" name made and walked from
	 * the top for each of the 30-odd strings of a page) */
	HDF *h = lang_of(lang);
	HDF *l = h ? hdf_get_obj(h, "L") : NULL;
	const char *v = l ? hdf_get_value(l, key, NULL) : NULL;
	return v ? v : key;
}

const char *tmpl_site(const char *lang, const char *name)
{
	HDF *h = lang_of(lang);
	return h ? hdf_get_value(h, name, "") : "";
}

void hset(struct req *r, const char *key, const char *val)
{
	NEOERR *err = hdf_set_value(r->hdf, key, val ? val : "");
	if (err)
		log_nerr("hdf_set_value", err);
}

void hsetf(struct req *r, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *v = arena_vprintf(r->a, fmt, ap);
	va_end(ap);
	hset(r, key, v);
}

void hset_int(struct req *r, const char *key, long long v)
{
	hsetf(r, key, "%lld", v);
}

void row_key(struct row_key *k, const char *prefix, size_t i)
{
	int n = snprintf(k->buf, sizeof k->buf, "%s.%zu.", prefix, i);
	k->n = n > 0 && (size_t)n < sizeof k->buf ? (size_t)n : 0;
	k->prefix = prefix;
	k->i = i;
}

void row_set(struct req *r, struct row_key *k, const char *name, const char *val)
{
	size_t l = strlen(name);
	if (!k->n || k->n + l >= sizeof k->buf) {
		hset(r, arena_printf(r->a, "%s.%zu.%s", k->prefix, k->i, name), val);
		return;
	}
	memcpy(k->buf + k->n, name, l + 1);
	hset(r, k->buf, val);
}

void hset_rows(struct req *r, const char *prefix, const struct dbres *res, const char *const *cols)
{
	struct row_key k;
	for (size_t i = 0; res && i < res->nrows; i++) {
		row_key(&k, prefix, i);
		for (size_t c = 0; c < res->ncols && cols[c]; c++) {
			const char *v = db_val(res, i, c);
			if (v)
				row_set(r, &k, cols[c], v);
		}
	}
}

void hset_lines(struct req *r, const char *prefix, const char *text)
{
	size_t k = 0;
	for (const char *p = text; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n)
			hset(r, arena_printf(r->a, "%s.%zu", prefix, k++), arena_strndup(r->a, p, n));
		p = e ? e + 1 : p + n;
	}
}

void hset_words(struct req *r, const char *prefix, const char *name, const char *text)
{
	size_t k = 0;
	for (const char *p = text; p && *p;) {
		size_t n = strcspn(p, " ");
		if (n)
			hset(r, arena_printf(r->a, "%s.%zu.%s", prefix, k++, name), arena_strndup(r->a, p, n));
		p += n + (p[n] == ' ');
	}
}

void hset_rows_date(struct req *r, const char *prefix, const struct dbres *res, size_t col, const char *name)
{
	for (size_t i = 0; res && i < res->nrows; i++) {
		const char *v = db_val(res, i, col);
		if (v)
			hset(r, arena_printf(r->a, "%s.%zu.%s", prefix, i, name), date_long(r->a, v, r->lang));
	}
}

void form_error(struct req *r, const char *field, const char *msg_key)
{
	hset(r, arena_printf(r->a, "Form.err.%s", field), tmpl_str(r->lang, msg_key));
	hset(r, "Form.has_errors", "1");
}

const char *tmpl_str_n(struct arena *a, const char *lang, const char *key, const char *n)
{
	const char *msg = tmpl_str(lang, key);
	const char *at = n ? strstr(msg, "{n}") : NULL;
	return at ? arena_printf(a, "%.*s%s%s", (int)(at - msg), msg, n, at + 3) : msg;
}

bool form_max_len(struct req *r, const char *field, const char *value, long max)
{
	if (!value || (long)utf8_chars(value) <= max)
		return true;
	hset(r, arena_printf(r->a, "Form.err.%s", field),
	     tmpl_str_n(r->a, r->lang, "form.err.too_long", arena_printf(r->a, "%ld", max)));
	hset(r, "Form.has_errors", "1");
	return false;
}

int page_outcome(struct req *r, const struct outcome *o)
{
	for (size_t i = 0; i < o->nerrs; i++) {
		const struct field_err *e = &o->errs[i];
		const char *text = tmpl_str_n(r->a, r->lang, e->key, e->arg);
		hset(r, arena_printf(r->a, "Form.err.%s", e->field), text);
		hset(r, arena_printf(r->a, "Form.errs.%zu.field", i), e->field);
		hset(r, arena_printf(r->a, "Form.errs.%zu.text", i), text);
	}
	if (o->nerrs)
		hset(r, "Form.has_errors", "1");
	if (o->key)
		r->err_detail = tmpl_str(r->lang, o->key);
	if (o->code)
		r->err_code = o->code;
	return o->status;
}

bool form_has_errors(const struct req *r)
{
	return hdf_get_int_value(r->hdf, "Form.has_errors", 0) != 0;
}

void form_keep(struct req *r, const char *const *fields)
{
	static const char *const box[] = { "day", "month", "year" };
	for (size_t i = 0; fields[i]; i++) {
		const char *v = req_form(r, fields[i]);
		if (v)
			hset(r, arena_printf(r->a, "Form.val.%s", fields[i]), v);
		/* a date's three boxes come back as they were typed */
		for (size_t k = 0; k < 3; k++) {
			const char *name = arena_printf(r->a, "%s-%s", fields[i], box[k]);
			if ((v = req_form(r, name)))
				hset(r, arena_printf(r->a, "Form.val.%s", name), v);
		}
	}
}

int page_confirm(struct req *r, const struct confirm *c)
{
	hset(r, "Page.title", c->title);
	hset(r, "Confirm.title", c->title);
	for (size_t i = 0; c->what && c->what[i]; i++)
		hset(r, arena_printf(r->a, "Confirm.what.%zu", i), c->what[i]);
	if (!str_empty(c->said)) {
		hset(r, "Confirm.said_label", c->said_label);
		hset(r, "Confirm.said", c->said);
	}
	hset(r, "Confirm.action", c->action);
	hset(r, "Confirm.yes", c->yes);
	hset(r, "Confirm.back", c->back);
	size_t k = 0;
	for (size_t i = 0; c->keep && c->keep[i]; i++) {
		const char *vals[64];
		size_t n = req_form_all(r, c->keep[i], vals, 64);
		for (size_t j = 0; j < n; j++, k++) {
			hset(r, arena_printf(r->a, "Confirm.keep.%zu.name", k), c->keep[i]);
			hset(r, arena_printf(r->a, "Confirm.keep.%zu.value", k), vals[j]);
		}
	}
	return tmpl_render(r, "confirm.cs");
}

bool page_confirmed(const struct req *r)
{
	return str_eq(req_form(r, "confirm"), "yes");
}
