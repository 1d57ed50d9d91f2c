/*
 * fuzz_parsers.c — libFuzzer targets for every parser that reads untrusted
 * bytes.  One binary per target, chosen at compile time with -DTARGET_x:
 * query strings, cookies, multipart bodies, JSON, CSV imports, the
 * DigiLocker XML, uploaded documents (PDF cross-reference sections, PNG
 * and JPEG decoding), a certificate's QR text and signed record, and a
 * citizen's answers to a form of every field type (form_check, with
 * money, computed, geopoint, photo, user and ref), form definitions, and
 * register definitions (regdef_from_json, regdef_validate).  Each target also
 * checks an invariant of a successful parse (valid UTF-8 out, counts
 * within limits, problems well formed).
 */
#include "../../src/util.h"
#include "../../src/req.h"
#include "../../src/json.h"
#include "../../src/csv.h"
#include "../../src/xmlmini.h"
#include "../../src/upcheck.h"
#include "../../src/photo.h"
#include "../../src/form.h"
#include "../../src/service.h"
#include "../../src/cert_qr.h"
#include "../../src/register.h"
#include "../../src/lengths.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#if defined(TARGET_form) || defined(TARGET_formdef)
/* Every field type, a conditional field and a group: the declaration the
 * answers are checked against. */
static const char FIELDS[] = "[{\"name\":\"name\",\"type\":\"text\",\"required\":true,\"min_length\":2,\"max_length\":40,\"pattern\":\"[A-Za-z ]+\",\"label\":\"N\"},"
	"{\"name\":\"age\",\"type\":\"number\",\"min\":0,\"max\":120,\"label\":\"A\"},"
	"{\"name\":\"dob\",\"type\":\"date\",\"min_date\":\"1900-01-01\",\"max_date\":\"today\",\"label\":\"D\"},"
	"{\"name\":\"occ\",\"type\":\"select\",\"label\":\"O\",\"options\":[{\"value\":\"farm\",\"label\":\"F\"},{\"value\":\"job\",\"label\":\"J\"}]},"
	"{\"name\":\"employer\",\"type\":\"text\",\"required\":true,\"label\":\"E\",\"show_if\":{\"field\":\"occ\",\"equals\":\"job\"}},"
	"{\"name\":\"sex\",\"type\":\"radio\",\"label\":\"S\",\"options\":[{\"value\":\"f\",\"label\":\"F\"},{\"value\":\"m\",\"label\":\"M\"}]},"
	"{\"name\":\"langs\",\"type\":\"multiselect\",\"label\":\"L\",\"options\":[{\"value\":\"hi\",\"label\":\"H\"},{\"value\":\"en\",\"label\":\"E\"}]},"
	"{\"name\":\"ok\",\"type\":\"checkbox\",\"required\":true,\"label\":\"K\"},"
	"{\"name\":\"mobile\",\"type\":\"mobile\",\"label\":\"M\"},{\"name\":\"email\",\"type\":\"email\",\"label\":\"E\"},"
	"{\"name\":\"aadhaar\",\"type\":\"aadhaar\",\"label\":\"A\"},{\"name\":\"pin\",\"type\":\"pin\",\"label\":\"P\"},"
	"{\"name\":\"address\",\"type\":\"location\",\"label\":\"L\"},{\"name\":\"proof\",\"type\":\"file\",\"label\":\"F\"},"
	"{\"name\":\"family\",\"type\":\"group\",\"min_items\":0,\"max_items\":4,\"label\":\"F\",\"fields\":["
	"{\"name\":\"name\",\"type\":\"text\",\"required\":true,\"label\":\"N\"},{\"name\":\"income\",\"type\":\"number\",\"label\":\"I\"},"
	"{\"name\":\"paid\",\"type\":\"money\",\"label\":\"P\"},{\"name\":\"here\",\"type\":\"checkbox\",\"label\":\"H\"}]},"
	"{\"name\":\"fee\",\"type\":\"money\",\"min\":-500,\"max\":10000000,\"label\":\"M\"},"
	"{\"name\":\"total\",\"type\":\"computed\",\"label\":\"T\",\"min\":0,\"compute\":{\"op\":\"sum\",\"of\":[\"fee\",\"family.paid\"]}},"
	"{\"name\":\"n\",\"type\":\"computed\",\"label\":\"C\",\"compute\":{\"op\":\"count\",\"of\":[\"family\",\"family.here\",\"langs\"]}},"
	"{\"name\":\"at\",\"type\":\"geopoint\",\"accuracy_max_m\":20,\"label\":\"G\"},"
	"{\"name\":\"at2\",\"type\":\"geopoint\",\"accuracy_max_m\":20,\"accuracy_flag_only\":true,\"label\":\"G\"},"
	"{\"name\":\"pic\",\"type\":\"photo\",\"label\":\"P\"},{\"name\":\"by\",\"type\":\"user\",\"label\":\"U\"},"
	"{\"name\":\"entry\",\"type\":\"ref\",\"ref_kind\":\"register:x\",\"label\":\"R\"}]";

/* The look-ups: villages below 1000, even document ids. */
static bool fz_location(void *ctx, long id, const char **name)
{
	(void)ctx;
	*name = "Village";
	return id < 1000;
}

static bool fz_document(void *ctx, long id)
{
	(void)ctx;
	return id % 2 == 0;
}

/* Photos, users and entries: ids divisible by 3; odd photos have EXIF. */
static bool fz_photo(void *ctx, long id, struct form_photo *m)
{
	(void)ctx;
	if (id % 2) {
		m->exif_at = "2026-11-20 10:00:00";
		m->has_gps = true;
		m->lat = 23.5;
		m->lon = 85.25;
	}
	return id % 3 == 0;
}

static bool fz_pick(void *ctx, const struct field *f, long id, const char **name)
{
	(void)ctx;
	(void)f;
	*name = "Someone";
	return id % 3 == 0;
}

#endif

#if defined(TARGET_form) || defined(TARGET_formdef) || defined(TARGET_regdef)
/* What form.c and service.c use of user.c, which cannot be linked here
 * without its database: the mobile rule (as user.c words it; tested there
 * in test_people) and the two role look-ups of a definition, which are not
 * what is fuzzed. */
bool valid_mobile(const char *s)
{
	return str_digits(s, 10, 10) && s[0] >= '6';
}

/* user.c's e-mail rule, as it words it (tested there in test_people). */
bool valid_email(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	return at && at > s && strchr(at, '.') && !strpbrk(s, " \"'<>") && strlen(s) <= LIM_EMAIL;
}


/* domain.c's transaction helper, which the answer check never reaches:
 * linked without db.c (and its database). */
int db_txn(int (*fn)(void *ctx), void *ctx);
int db_txn(int (*fn)(void *ctx), void *ctx)
{
	(void)fn;
	(void)ctx;
	abort();
}

#endif

#if defined(TARGET_form)
/* A problem names its answer and carries a message key, never text. */
static void form_problems_ok(const struct outcome *o, size_t before)
{
	for (size_t i = before; i < o->nerrs; i++)
		if (str_empty(o->errs[i].field) || !(str_starts(o->errs[i].key, "form.err.") || str_eq(o->errs[i].key, "auth.mobile_bad") ||
						      str_eq(o->errs[i].key, "hr.email_bad")))
			abort();
	if ((o->status == 422) != (o->nerrs > 0))
		abort();
}
#endif

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	/* NUL-terminated copy, as the server hands parsers */
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
#if defined(TARGET_query)
	struct param *p;
	size_t n;
	if (parse_urlencoded(&a, s, size, 100, &p, &n) == PARSE_OK)
		for (size_t i = 0; i < n; i++)
			if (!utf8_valid(p[i].value, strlen(p[i].value)) || n > 100)
				abort();
#elif defined(TARGET_cookie)
	struct param *p;
	size_t n;
	if (parse_cookies(&a, s, 64, &p, &n) == PARSE_OK && n > 64)
		abort();
#elif defined(TARGET_multipart)
	/* first line is the Content-Type, the rest the body */
	char *nl = memchr(s, '\n', size);
	if (nl) {
		*nl = '\0';
		struct param *f;
		struct upload *u;
		size_t nf, nu;
		size_t off = (size_t)(nl + 1 - s);
		if (parse_multipart(&a, s, nl + 1, size - off, 50, &f, &nf, &u, &nu) == PARSE_OK)
			for (size_t i = 0; i < nu; i++)
				if (u[i].data < (unsigned char *)nl + 1 || u[i].data + u[i].len > (unsigned char *)s + size)
					abort();
	}
#elif defined(TARGET_json)
	const char *err;
	struct jval *v = json_parse(&a, s, size, &err);
	if (v) {
		struct sbuf b;
		struct jw w;
		sbuf_init(&b);
		jw_init(&w, &b);
		jw_value(&w, v);
		if (!json_parse(&a, b.data, b.len, &err))	/* what we write, we can read */
			abort();
		sbuf_free(&b);
	}
#elif defined(TARGET_csv)
	struct csv c;
	csv_init(&c, s, size);
	char **f;
	size_t nf;
	int rc, guard = 0;
	while ((rc = csv_next(&c, &a, &f, &nf)) != 0 && guard++ < 100000)
		if (rc > 0 && nf > 65)
			abort();
#elif defined(TARGET_xml)
	const char *t = xml_text_of(&a, s, size, "URI");
	const char *v = xml_attr(&a, s, size, "PullDocRequest", "ts");
	if ((t && !utf8_valid(t, strlen(t))) || (v && !utf8_valid(v, strlen(v))))
		abort();
#elif defined(TARGET_upload)
	/* accepted or refused with a rule, never both, never neither */
	const char *rule = NULL;
	const char *mime = upcheck_file(data, size, &rule);
	if ((mime == NULL) == (rule == NULL))
		abort();
	/* a picture the locker accepts is stored re-encoded without metadata
	 * (photo.c, libexif + libjpeg).  A file the decoder tolerated but the
	 * lossless rewrite cannot take is refused by locker_add
	 * ("locker.bad_type"); what it does store must pass the same check
	 * and carry no EXIF */
	if (mime && !str_eq(mime, "application/pdf")) {
		unsigned char *clean;
		size_t clen;
		struct photo_meta m;
		if (!photo_clean(data, size, mime, &clean, &clen, &m))
			goto done_upload;
		if (!upcheck_file(clean, clen, &rule))
			abort();
		struct photo_meta again;
		photo_exif(clean, clen, &again);
		if (again.taken_at[0] || again.has_gps)
			abort();
		free(clean);
	}
done_upload:;
#elif defined(TARGET_qr)
	/* the text a camera read: the URL, then its record; a record read
	 * back is valid UTF-8 for the URL's certificate, and its nine parts
	 * build the same record again */
	const char *number, *d, *sg;
	struct cert_record rec;
	const unsigned char *raw;
	size_t rawlen;
	unsigned char sig[64];
	if (cert_parse_qr(&a, s, &number, &d, &sg) && cert_record_read(&a, number, d, sg, &rec, &raw, &rawlen, sig)) {
		if (!str_eq(rec.number, number) || !utf8_valid((const char *)raw, rawlen))
			abort();
		/* (a newline in the name or fact is written as a space) */
		if (!memchr(raw, '\n', rawlen) &&
		    !str_eq(cert_record_text(&a, &rec, 2 * rawlen), arena_strndup(&a, (const char *)raw, rawlen)))
			abort();
	}
#elif defined(TARGET_form)
	/* the answers, against a declaration of every field type (the
	 * declarations come from administrators and are validated when a
	 * version is published; the answers come from anyone) */
	const char *err;
	char *def = arena_printf(&a, "{\"format\":\"gramsewa.service/1\",\"fields\":%s}", FIELDS);
	/* the same list reads as a standalone form too */
	char *fdef = arena_printf(&a, "{\"format\":\"gramsewa.form/1\",\"fields\":%s}", FIELDS);
	struct sbuf fprobs;
	sbuf_init(&fprobs);
	struct form_def *fd = form_def_parse(&a, json_parse(&a, fdef, strlen(fdef), &err), &fprobs);
	if (!fd || fprobs.len || fd->nfields != 23)
		abort();
	sbuf_free(&fprobs);
	struct sbuf probs;
	sbuf_init(&probs);
	struct svc *sv = svc_from_json(&a, json_parse(&a, def, strlen(def), &err), &probs);
	if (!sv || probs.len)
		abort();
	sbuf_free(&probs);
	struct jval *ans = json_parse(&a, s, size, &err);
	struct form_env env = { .today = "2026-11-23", .location_ok = fz_location, .document_ok = fz_document,
				.photo_ok = fz_photo, .photo_from = "2026-11-20 09:00:00", .user_ok = fz_pick, .ref_ok = fz_pick };
	struct outcome o;
	out_init(&o, &a);
	const char *norm;
	size_t n = form_check(&a, &sv->form, ans, &env, &o, &norm);
	struct jval *back = json_parse(&a, norm, strlen(norm), &err);
	if (n != o.nerrs || !back || back->type != J_OBJ)	/* what it keeps, we can read */
		abort();
	form_problems_ok(&o, 0);
	/* again as a correction: the first answers are the ones accepted before */
	env.prior = back;
	struct jval *m = form_merge(&a, &sv->form, back, ans, NULL);
	if (m->n > sv->form.nfields)
		abort();
	out_init(&o, &a);
	form_check(&a, &sv->form, m, &env, &o, &norm);
	form_problems_ok(&o, 0);
	out_init(&o, &a);
	form_check_lengths(&a, &sv->form, ans, &o);
	form_problems_ok(&o, 0);
#elif defined(TARGET_regdef)
	/* a register definition (from a state administrator's import): read,
	 * checked, and when it has no problems written back to the text that
	 * reads the same again */
	const char *err;
	struct jval *v = json_parse(&a, s, size, &err);
	struct sbuf probs, once, twice;
	sbuf_init(&probs);
	sbuf_init(&once);
	sbuf_init(&twice);
	struct regdef *d = v ? regdef_from_json(&a, v, &probs) : NULL;
	if (d && regdef_validate(d, &probs) == 0 && probs.len == 0) {
		regdef_to_json(d, &once);
		struct regdef *d2 = regdef_from_json(&a, json_parse(&a, once.data, once.len, &err), &probs);
		if (!d2 || probs.len)
			abort();
		regdef_to_json(d2, &twice);
		if (strcmp(once.data, twice.data) != 0 || !utf8_valid(once.data, once.len))
			abort();
	}
	if (probs.len && !utf8_valid(probs.data, probs.len))
		abort();
	sbuf_free(&probs);
	sbuf_free(&once);
	sbuf_free(&twice);
#elif defined(TARGET_formdef)
	/* a form definition (registers' and surveys' designers import them):
	 * whatever parses writes back to text that parses to the same text,
	 * and validating it never crashes */
	const char *err;
	struct sbuf probs;
	sbuf_init(&probs);
	struct form_def *d = form_def_parse(&a, json_parse(&a, s, size, &err), &probs);
	if (d) {
		form_def_validate(d, &probs);
		struct sbuf b1, b2;
		sbuf_init(&b1);
		sbuf_init(&b2);
		struct jw w;
		jw_init(&w, &b1);
		form_def_write(d, &w);
		struct form_def *d2 = form_def_parse(&a, json_parse(&a, b1.data, b1.len, &err), &probs);
		if (!d2)
			abort();
		jw_init(&w, &b2);
		form_def_write(d2, &w);
		if (strcmp(b1.data, b2.data) != 0)
			abort();
		sbuf_free(&b1);
		sbuf_free(&b2);
	}
	sbuf_free(&probs);
#else
#error "define TARGET_query, TARGET_cookie, TARGET_multipart, TARGET_json, TARGET_csv, TARGET_xml, TARGET_upload, TARGET_qr, TARGET_form, TARGET_formdef or TARGET_regdef"
#endif
	free(s);
	arena_free(&a);
	return 0;
}
