/*
 * svcstore.h — service definitions in the database: drafts, publishing,
 * retiring, import/export, and a per-worker cache of published versions
 * (immutable once published, so caching them is safe).
 */
#ifndef GS_SVCSTORE_H
#define GS_SVCSTORE_H
#include "service.h"

struct svc_ver {
	long id;		/* service_versions.id */
	long service_id;	/* services.id */
	long version;		/* 1, 2, ... */
	const char *status;	/* draft, published, superseded */
	const char *svc_status;	/* active, retired */
	struct svc *def;	/* parsed definition */
};

/* The version applications are filed under now (NULL if none/retired). */
struct svc_ver *svcstore_published(struct arena *a, const char *code);
/* A version by id, parsed (cached when not a draft). */
struct svc_ver *svcstore_version(struct arena *a, long version_id);
/* The draft of a service, made from the published version when there is
 * none yet (call inside a transaction).  NULL if the service is unknown. */
struct svc_ver *svcstore_draft(struct arena *a, const char *code, long user_id);
/* Writes a draft's definition and a change line.  0 or -1. */
int svcstore_save(struct svc_ver *v, long user_id, const char *summary);
/* Publishes the draft if it validates; problems go to probs.  0, 1 (invalid)
 * or -1 (DB). */
int svcstore_publish(struct arena *a, const char *code, long user_id, struct sbuf *probs);
/* Creates a service with a first draft.  0, 1 (code taken / bad input), -1. */
int svcstore_create(struct arena *a, struct svc *def, long user_id, struct sbuf *probs);
/* Who writes service definitions, for the ownership rule below. */
struct svc_actor {
	bool state;		/* state administrator: every department */
	const long *depts;	/* departments.id this actor administers */
	size_t ndepts;		/* entries in depts */
};
/* Does who administer department dept_id (0: unknown department, never)? */
bool svcstore_actor_has(const struct svc_actor *who, long dept_id);
/* The ownership rule for every write of a definition (import, designer):
 * the department that owns an existing code decides, never the file.  A
 * department administrator may write only codes that are new or owned by
 * one of their departments, and only naming one of them as the department
 * (dept: the code the definition names).  A state administrator may write
 * anything, which is how a service moves to another department.  0 when
 * allowed; 1 with the reason on why; -1 on DB error. */
int svcstore_may_write(struct arena *a, const struct svc_actor *who, const char *code, const char *dept, struct sbuf *why);
/* Imports a definition (JSON text) for who: refused with problems when
 * malformed, unknown format or invalid (1), or when the ownership rule
 * does not allow it (2, the reason in probs); else it becomes the
 * service's draft (created if new), published when publish is true (0).
 * -1 on DB error.  Call inside a transaction. */
int svcstore_import(struct arena *a, const char *json, size_t len, bool publish, long user_id,
		    const struct svc_actor *who, struct sbuf *probs);
int svcstore_retire(const char *code, long user_id);
/* Department id for a code, 0 if unknown. */
long svcstore_dept(struct arena *a, const char *code);
#endif
