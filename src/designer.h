/*
 * designer.h — the service designer's rules: department administrators
 * build services without programming.  Every change edits the service's
 * draft version (made from the published one on the first change) and is
 * saved whole, in one transaction, with a change line and an audit row;
 * it goes live only when publishing finds no structural problems.  Who may
 * write a definition is svcstore_may_write's ownership rule, checked before
 * and after each change (a JSON edit may name another department).
 *
 * The inputs are the designer forms' values as typed (text, not yet
 * checked): these functions check them (lengths, numbers, codes, roles)
 * and report each problem at its input in the outcome, so the pages only
 * read the form and show the answer.
 */
#ifndef GS_DESIGNER_H
#define GS_DESIGNER_H
#include "domain.h"
#include "fieldedit.h"
#include "svcstore.h"

/* The services and departments who may design: a state administrator all,
 * a department administrator those of their holdings.  Arena memory. */
const struct svc_actor *designer_actor(struct arena *a, const struct actor *who);
/* May who write service code's definition naming department dept (the
 * ownership rule, svcstore_may_write)?  0, 403 or 503. */
int designer_may_write(struct arena *a, const struct actor *who, const char *code, const char *dept);
/* The version the designer shows: the draft when there is one, else the
 * published one; NULL when there is no such service. */
struct svc_ver *designer_current(struct arena *a, const char *code);

/* Values as typed, several for a multiple choice (ticked boxes). */
struct designer_list {
	const char **v;		/* the values */
	size_t n;		/* how many */
};

/* The general section. */
struct designer_general {
	const char *name_en, *name_hi, *desc_en, *desc_hi, *elig_en, *elig_hi;	/* texts */
	struct designer_list channels;	/* channel codes (online, csc, ...) */
};

/* A change to one existing field (action save, up, down, delete, print). */
struct designer_field_change {
	const char *name;		/* the field */
	const char *action;		/* what to do */
	const char *position;		/* print: 1-based place on the certificate, 0 = not printed */
	struct field_input props;	/* save: the new properties (fieldedit.h) */
};

/* A required document: added, or (action "delete") removed. */
struct designer_doc {
	const char *action;		/* "delete", or anything else: add */
	const char *doc;		/* delete: its code */
	const char *code, *label_en, *label_hi, *max_kb;	/* add */
	bool required;			/* add: mandatory */
	struct designer_list types;	/* add: pdf, jpeg, png */
};

/* Fees, processing and output. */
struct designer_settings {
	const char *fee_gov, *fee_csc, *fee_tatkal;	/* rupees as typed ("30.50") */
	bool free_jsk;			/* free at a Jan Suvidha Kendra */
	const char *level, *route_field, *rtps_days;	/* processing */
	bool tatkal;			/* Tatkal offered */
	const char *tatkal_days;	/* its time limit */
	struct designer_list weekly_off;	/* 0 (Sunday) .. 6 */
	const char *designated, *appeal1, *appeal2, *signing;	/* role codes */
	const char *title_en, *title_hi, *validity;	/* the certificate */
};

/* A workflow stage: added or saved, or (action up, down, delete) moved or
 * removed. */
struct designer_stage {
	const char *action;		/* add, save, up, down, delete */
	const char *stage;		/* the existing stage, or NULL when adding */
	const char *code;		/* a new stage's code */
	const char *name_en, *name_hi, *role, *sla;	/* as typed */
	struct designer_list actions;	/* action codes */
	bool editable;			/* the officer may correct answers */
};

/* The applicant's notifications, one per event of designer_events. */
#define DESIGNER_NEVENTS 5
extern const char *const designer_events[DESIGNER_NEVENTS];	/* submit, return, reject, approve, escalate */
struct designer_notif {
	const char *en, *hi, *dlt;	/* SMS texts and the DLT template id */
	bool email;			/* also by e-mail */
};

/* Each returns 0 when the change is saved; 403 (not who's to write), 404
 * (no such service, field, document or stage), 400 (an unknown action),
 * 422 (problems at the inputs, in out) or 503. */
int designer_general(struct arena *a, const struct actor *who, const char *code, const struct designer_general *in,
		     struct outcome *out);
int designer_field_add(struct arena *a, const struct actor *who, const char *code, const struct field_input *in,
		       struct outcome *out);
int designer_field_change(struct arena *a, const struct actor *who, const char *code,
			  const struct designer_field_change *in, struct outcome *out);
int designer_docs(struct arena *a, const struct actor *who, const char *code, const struct designer_doc *in,
		  struct outcome *out);
int designer_settings(struct arena *a, const struct actor *who, const char *code, const struct designer_settings *in,
		      struct outcome *out);
int designer_stages(struct arena *a, const struct actor *who, const char *code, const struct designer_stage *in,
		    struct outcome *out);
int designer_notifs(struct arena *a, const struct actor *who, const char *code,
		    const struct designer_notif in[DESIGNER_NEVENTS], struct outcome *out);
/* The whole definition as JSON (the advanced editor); its problems as one
 * text at the input "definition". */
int designer_json(struct arena *a, const struct actor *who, const char *code, const char *definition,
		  struct outcome *out);

/* A new service with a first draft.  0; 403; 422 (code, name_en, name_hi,
 * dept; a code already taken at "code"); 503. */
int designer_create(struct arena *a, const struct actor *who, const char *code, const char *name_en, const char *name_hi,
		    const char *dept, struct outcome *out);
/* Publishes the draft.  0; 403; 404; 422 (structural problems: the page
 * lists svc_validate's); 503. */
int designer_publish(struct arena *a, const struct actor *who, const char *code, struct outcome *out);
/* Retires a service: no new applications.  0; 403; 404; 503. */
int designer_retire(struct arena *a, const struct actor *who, const char *code, struct outcome *out);
/* Imports a definition file (JSON) as the service's draft, published when
 * publish, for who writing as as (NULL: designer_actor(who); the command
 * line passes the department it acts for).  0; 422 (malformed, unknown
 * format, invalid) or 403 (the ownership rule), with the reasons in probs;
 * 503. */
int designer_import(struct arena *a, const struct actor *who, const struct svc_actor *as, const char *json, size_t len,
		    bool publish, struct sbuf *probs, struct outcome *out);
#endif
