/*
 * page_core.c — the home page, the statements every footer links to,
 * language switch and health check.
 */
#include "pages.h"
#include "config.h"
#include "db.h"
#include "json.h"
#include "server.h"
#include "tmpl.h"

#include <unistd.h>

/* GET / — what GramSewa offers: apply, track, verify. */
int page_home(struct req *r)
{
	return tmpl_render(r, "home.cs");
}

/* GET /accessibility, GET /privacy — the accessibility statement and the
 * privacy notice every page's footer links to: fixed text in both
 * languages, with the helpline (Site.*) to call. */
int page_info(struct req *r)
{
	return tmpl_render(r, str_eq(r->path, "/privacy") ? "privacy.cs" : "accessibility.cs");
}

/* GET /healthz — 200 {db: ok, version, uptime} only when the DB answers. */
int page_healthz(struct req *r)
{
	bool ok = db_ping();
	struct sbuf b;
	struct jw w;
	sbuf_init(&b);
	jw_init(&w, &b);
	jw_obj(&w);
	jw_kstr(&w, "db", ok ? "ok" : "down");
	jw_kstr(&w, "version", GS_VERSION);
	jw_kint(&w, "uptime", (long long)(time(NULL) - server_started));
	jw_kint(&w, "pid", (long long)getpid());
	jw_obj_end(&w);
	resp_json(r, ok ? 200 : 503, &b);
	sbuf_free(&b);
	return 0;
}

/* GET /lang?lang=hi&next=/path — the switch link; server.c already set the
 * cookie from ?lang=, so only redirect back (to a local path only). */
int page_lang(struct req *r)
{
	const char *next = req_query(r, "next");
	resp_redirect(r, url_is_local(next) ? next : "/");
	return 0;
}
