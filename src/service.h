/*
 * service.h — a service definition: what a department configures in the
 * designer (form fields, documents, fees, workflow, output, notifications).
 * Definitions are stored as JSON (format "gramsewa.service/1") in
 * service_versions, and embed the form engine's field list ("fields",
 * formdef.h) as their application form; this module turns that JSON into structs, back into
 * JSON (canonical: parse -> write -> parse gives the same text), and checks a
 * definition for structural problems.
 */
#ifndef GS_SERVICE_H
#define GS_SERVICE_H
#include "formdef.h"
#include "user.h"

#define SVC_FORMAT "gramsewa.service/1"

struct docreq {
	const char *code;	/* document type code, e.g. "aadhaar_card" */
	struct i18n label;	/* name shown */
	bool required;		/* mandatory */
	unsigned types;		/* DOC_PDF | DOC_JPEG | DOC_PNG */
	long max_kb;		/* size cap */
};
#define DOC_PDF 1u
#define DOC_JPEG 2u
#define DOC_PNG 4u

enum wf_action { ACT_FORWARD, ACT_VERIFY, ACT_RETURN, ACT_RECALL, ACT_REJECT, ACT_APPROVE, ACT_COUNT };
#define AB(x) (1u << (x))

struct stage {
	const char *code;	/* stage id, [a-z_]+ */
	struct i18n name;	/* shown on the desk */
	enum role role;		/* who acts */
	unsigned actions;	/* AB() mask */
	bool editable;		/* the officer may correct form fields here */
	const char **attach;	/* documents the officer must attach (codes) */
	size_t nattach;
	long sla_days;		/* working days allowed at this stage */
};

struct notif {
	const char *event;	/* submit, return, reject, approve, escalate */
	struct i18n sms;	/* text with {number} {service} {due} {status} */
	const char *dlt;	/* DLT template id */
	bool email;		/* also e-mail when the applicant has one */
};

enum channel { CH_ONLINE, CH_CSC, CH_SEWAK, CH_JSK, CH_COUNTER, CH_COUNT };

struct svc {
	const char *code;	/* short code used in application numbers (INC) */
	struct i18n name, desc, elig;	/* general */
	const char *dept;	/* department code */
	unsigned channels;	/* 1u << enum channel */
	struct form_def form;	/* the application form (formdef.h) */
	struct docreq *docs;
	size_t ndocs;
	long fee_gov, fee_csc, fee_tatkal;	/* paise */
	bool free_jsk;		/* no fee at a Jan Suvidha Kendra */
	const char *level;	/* office level of the designated officer */
	const char *route_field;	/* the location field applications are routed by */
	long rtps_days;		/* Right to Service limit, working days */
	bool tatkal;		/* Tatkal offered */
	long tatkal_days;	/* Tatkal limit */
	unsigned weekly_off;	/* bit per weekday, 0 = Sunday */
	int designated;		/* role (enum role) of the designated officer */
	int appeal1, appeal2;	/* first and second appellate roles */
	struct stage *stages;
	size_t nstages;
	struct i18n title;	/* certificate title */
	const char **print;	/* field names printed, in order */
	size_t nprint;
	long validity_days;	/* 0 = no expiry */
	int signing;		/* role that signs */
	bool corrects;		/* a "correction of certificate" service */
	bool reg_extract;	/* a certified extract of a panchayat register entry: the form names
				 * it (fields register, fy, serial; the GP is the routed office's) and
				 * the certificate prints it (register.h reg_extract_app) */
	struct notif *notifs;
	size_t nnotifs;
};

const char *action_code(enum wf_action a);
int action_from(const char *s);
const char *channel_code(enum channel c);
int channel_from(const char *s);
const char *level_role_level(enum role r);	/* office level a role works at, or NULL */

/* JSON -> struct.  Missing optional parts get defaults; wrong types are
 * reported.  Returns NULL with problems appended to probs when the JSON is
 * not a service definition at all (wrong format). */
struct svc *svc_from_json(struct arena *a, const struct jval *v, struct sbuf *probs);
/* struct -> canonical JSON (appended to b). */
void svc_to_json(const struct svc *s, struct sbuf *b);
/* Structural problems, one per line (empty when valid).  Returns count. */
int svc_validate(const struct svc *s, struct sbuf *probs);
/* A new minimal draft. */
struct svc *svc_new(struct arena *a, const char *code, const char *en, const char *hi, const char *dept);
/* May a service form use fields of type t?  Photos, users and references
 * are for registers and surveys: a citizen's application brings pictures
 * as locker documents (re-encoded the same way), and has no list of staff
 * or register entries to choose from. */
bool svc_type_allowed(enum ftype t);
const struct field *svc_field(const struct svc *s, const char *name);
const struct stage *svc_stage(const struct svc *s, size_t i);

/* Verhoeff checksum over a digit string (Aadhaar). */
bool verhoeff_ok(const char *digits);
#endif
