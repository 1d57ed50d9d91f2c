/*
 * page_service.c — the public services catalogue (what each service needs,
 * costs and how long it takes) and the JSON API for published services.
 */
#include "pages.h"
#include "apiutil.h"
#include "db.h"
#include "formview.h"
#include "money.h"
#include "svcstore.h"
#include "tmpl.h"

#include <string.h>

/* Sets Svc.* summary values of a definition for templates. */
void service_to_hdf(struct req *r, const struct svc *s, const char *prefix)
{
	hset(r, arena_printf(r->a, "%s.code", prefix), s->code);
	hset(r, arena_printf(r->a, "%s.name", prefix), i18n_get(&s->name, r->lang));
	hset(r, arena_printf(r->a, "%s.desc", prefix), i18n_get(&s->desc, r->lang));
	hset(r, arena_printf(r->a, "%s.elig", prefix), i18n_get(&s->elig, r->lang));
	hset(r, arena_printf(r->a, "%s.fee_gov", prefix), money_fmt(r->a, s->fee_gov));
	if (!s->fee_gov)
		hset(r, arena_printf(r->a, "%s.fee_gov_free", prefix), "1");
	hset(r, arena_printf(r->a, "%s.fee_csc", prefix), money_fmt(r->a, s->fee_csc));
	hset(r, arena_printf(r->a, "%s.fee_tatkal", prefix), money_fmt(r->a, s->fee_tatkal));
	hset_int(r, arena_printf(r->a, "%s.rtps_days", prefix), s->rtps_days);
	if (s->tatkal)
		hset_int(r, arena_printf(r->a, "%s.tatkal_days", prefix), s->tatkal_days);
	if (s->free_jsk)
		hset(r, arena_printf(r->a, "%s.free_jsk", prefix), "1");
	for (size_t i = 0; i < s->ndocs; i++) {
		const char *dp = arena_printf(r->a, "%s.docs.%zu", prefix, i);
		hset(r, arena_printf(r->a, "%s.label", dp), i18n_get(&s->docs[i].label, r->lang));
		if (s->docs[i].required)
			hset(r, arena_printf(r->a, "%s.required", dp), "1");
		hset_int(r, arena_printf(r->a, "%s.max_kb", dp), s->docs[i].max_kb);
	}
	for (int c = 0; c < CH_COUNT; c++)
		if (s->channels & (1u << c))
			hset(r, arena_printf(r->a, "%s.channels.%s", prefix, channel_code((enum channel)c)), "1");
	hset(r, arena_printf(r->a, "%s.office", prefix), tmpl_str(r->lang, arena_printf(r->a, "svc.level.%s", s->level)));
}

/* GET /services */
int page_services(struct req *r)
{
	struct dbres *rows = db_query(r->a, "SELECT s.code, s.published_version_id, d.name_en, d.name_hi FROM services s "
					    "JOIN departments d ON d.id = s.department_id "
					    "WHERE s.status = 'active' AND s.published_version_id IS NOT NULL ORDER BY s.code", NULL);
	if (!rows)
		return 503;
	size_t k = 0;
	for (size_t i = 0; i < rows->nrows; i++) {
		struct svc_ver *v = svcstore_version(r->a, (long)db_int(rows, i, 1));
		if (!v)
			continue;
		const char *p = arena_printf(r->a, "Services.%zu", k++);
		service_to_hdf(r, v->def, p);
		hset(r, arena_printf(r->a, "%s.dept", p), str_eq(r->lang, "hi") ? db_val(rows, i, 3) : db_val(rows, i, 2));
	}
	return tmpl_render(r, "services.cs");
}

/* GET /services/:code */
int page_service(struct req *r)
{
	struct svc_ver *v = svcstore_published(r->a, rp(r, 0));
	if (!v)
		return 404;
	service_to_hdf(r, v->def, "Svc");
	return tmpl_render(r, "service.cs");
}

static void i18n_json(struct jw *w, const char *key, const struct i18n *t)
{
	jw_key(w, key);
	jw_obj(w);
	jw_kstr(w, "en", t->en ? t->en : "");
	jw_kstr(w, "hi", t->hi ? t->hi : "");
	jw_obj_end(w);
}

/* GET /api/v1/services */
int api_services(struct req *r)
{
	struct dbres *rows = db_query(r->a, "SELECT published_version_id FROM services WHERE status = 'active' "
					    "AND published_version_id IS NOT NULL ORDER BY code", NULL);
	if (!rows)
		return 503;
	struct sbuf b;
	struct jw w;
	api_list_open(&b, &w);
	for (size_t i = 0; i < rows->nrows; i++) {
		struct svc_ver *v = svcstore_version(r->a, (long)db_int(rows, i, 0));
		if (!v)
			continue;
		jw_obj(&w);
		jw_kstr(&w, "code", v->def->code);
		i18n_json(&w, "name", &v->def->name);
		jw_kint(&w, "version", v->version);
		jw_kint(&w, "rtps_days", v->def->rtps_days);
		jw_key(&w, "fee");
		jw_obj(&w);
		jw_kint(&w, "government_paise", v->def->fee_gov);
		jw_kint(&w, "csc_charge_paise", v->def->fee_csc);
		jw_kint(&w, "tatkal_paise", v->def->fee_tatkal);
		jw_obj_end(&w);
		jw_obj_end(&w);
	}
	return api_list_send(r, &b, &w, NULL);
}

/* GET /api/v1/services/:code — the full definition of the current version */
int api_service(struct req *r)
{
	struct svc_ver *v = svcstore_published(r->a, rp(r, 0));
	if (!v)
		return 404;
	struct sbuf def, b;
	struct jw w;
	sbuf_init(&def);
	svc_to_json(v->def, &def);
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kint(&w, "version", v->version);
	jw_key(&w, "definition");
	jw_raw(&w, def.data);
	jw_obj_end(&w);
	sbuf_free(&def);
	return api_send(r, 200, &b);
}
