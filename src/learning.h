/*
 * learning.h — the e-learning library (PHASE2 §(b)): videos (MP4), slides
 * (PPT/PPTX), PDFs and SOPs in Hindi or English, with tags, an audience by
 * role, a mandatory mark and versions, and each person's progress (the
 * furthest point reached; done at 100).  Files are blobs by digest under
 * data_dir/blobs; a video is handed to nginx (X-Accel-Redirect to an
 * internal location) after the access check, so range requests and
 * seeking are nginx's.
 */
#ifndef GS_LEARNING_H
#define GS_LEARNING_H
#include "domain.h"
#include <stdio.h>

struct dbres;
struct user;

/* Who adds items and reads the completion report of the whole place. */
#define LEARN_ADMINS (RB(ROLE_STATE_ADMIN) | RB(ROLE_MASTER_TRAINER))
/* Who reads the completion report of their area: officers (not a
 * department administrator: no department's) and master trainers. */
#define LEARN_REPORTERS ((RB_OFFICERS & ~RB(ROLE_DEPT_ADMIN)) | RB(ROLE_MASTER_TRAINER))

/* An item as added: text as typed or sent. */
struct learn_input {
	const char *key;	/* stable name across versions ([a-z0-9_-], 1-40) */
	const char *kind;	/* video, ppt, pdf, sop */
	const char *lang;	/* en, hi */
	const char *title;	/* 1-200 characters */
	const char *description;	/* optional, up to 1000 */
	const char *tags;	/* comma-separated, up to 200 */
	const char *audience;	/* role codes, comma-separated */
	bool mandatory;		/* everyone in the audience must complete it */
	const unsigned char *data;	/* the file */
	size_t len;
};
/* Adds an item, or the next version of key (the older one retired): the
 * file must be what the kind says (MP4 for a video; PDF for pdf/sop; PPT
 * or PPTX for ppt).  422 per field ("file" for the content); *id set. */
int learning_add(struct arena *a, const struct actor *who, const struct learn_input *in, long *id, struct outcome *out);
/* The acting person's progress on item id: pct 0-100, never going back;
 * 100 completes it.  404 when the item is not for them. */
int learning_progress(struct arena *a, const struct actor *who, long id, long pct, struct outcome *out);

/* The rendition job: for each active video not tried yet (up to limit),
 * a 360-line MP4 made by ffmpeg is stored as a blob beside the original
 * and recorded in learning_items.renditions ({"360p": {"sha256", "size"}};
 * {} when ffmpeg made nothing, not tried again).  Progress lines to log.
 * Returns the renditions made, or -1. */
long learning_renditions(struct arena *a, long limit, FILE *log);

/* Reads. */
/* Does u keep the library (LEARN_ADMINS: sees every item)? */
bool learning_admin(const struct user *u);
/* May u open item id (its audience, or a state administrator)? */
bool learning_visible(struct arena *a, const struct user *u, long id);
/* Active items for u (audience), optionally of one language and tag:
 * id, kind, lang, title, description, tags, mandatory, version, pct,
 * completed_at, size. */
struct dbres *learning_list(struct arena *a, const struct user *u, const char *lang, const char *tag);
/* One item: id, kind, lang, title, description, tags, mandatory, version,
 * sha256, size, mime, ikey, status, the 360p rendition's sha256 and size
 * (NULL when none). */
struct dbres *learning_get(struct arena *a, long id);
/* Completion of the active mandatory items by the people holding an
 * audience role at or under path: item id, title, lang, people, completed. */
struct dbres *learning_report(struct arena *a, const char *path);
#endif
