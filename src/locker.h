/*
 * locker.h — a citizen's document locker.  Files are checked by content
 * (parsed as PDF, JPEG or PNG by upcheck.c; never the name or declared type),
 * size-capped, stored outside the web root under data_dir/blobs by SHA-256
 * (so the same file is stored once), and reusable across applications.
 * Pictures are stored without metadata (photo.h: re-encoded, EXIF time
 * and GPS kept as columns), so the stored bytes and their SHA-256 are not
 * the uploaded ones.
 */
#ifndef GS_LOCKER_H
#define GS_LOCKER_H
#include "domain.h"
#include "form.h"

/* Stores bytes as a document of owner (uploaded by uploader).  Call inside
 * a transaction; the blob is written before the row, so a crash leaves at
 * most an unreferenced blob.  Returns the id, or 0 with *err a lang key
 * (for a refused file, the rule it broke: upcheck.h). */
long locker_add(struct arena *a, long owner, long uploader, const char *doc_type, const char *label,
		const unsigned char *p, size_t n, size_t max, const char **err);
struct photo_meta;
/* Checks bytes as locker_add does (empty, larger than max, not the PDF,
 * JPEG or PNG they start like) and stores them as a blob, pictures without
 * their metadata (what the camera recorded goes to *m).  For other modules
 * that keep files of their own (ticket attachments).  Returns the blob's
 * hex digest (arena) with *mime and *stored (the byte count kept), or NULL
 * with *err a lang key.  Not transactional: a failure after it leaves at
 * most an unreferenced blob. */
const char *locker_store(struct arena *a, const unsigned char *p, size_t n, size_t max, const char **mime,
			 size_t *stored, struct photo_meta *m, const char **err);
/* A client's file name fit for display: valid UTF-8, at most 100 bytes,
 * "document" otherwise (arena). */
const char *locker_label(struct arena *a, const char *label);
/* Files a certificate we issued (a signed PDF already stored as blob
 * sha_hex, size bytes) in owner's locker as issued by issuer, inside the
 * caller's transaction.  Returns the document id, or 0. */
long locker_add_issued(long owner, long issuer, const char *label, const char *sha_hex, size_t size);
struct user;
struct dbres;
/* The documents of owner's locker that u sees: all of them for the citizen
 * and for an operator with the citizen's live consent (consent.h), else
 * only those u uploaded.  Newest first, at most 100; columns id, doc_type,
 * mime, size, sha256, the file's name, size in KB (rounded up), date added.  Arena result; NULL on DB error. */
struct dbres *locker_list(struct arena *a, const struct user *u, long owner);
/* May u attach document id of owner's locker to an application (the same
 * rule as locker_list)? */
bool locker_may_use(struct arena *a, const struct user *u, long owner, long id);
/* May user u read document id?  Whoever sees it in the locker (above), and
 * officers whose jurisdiction covers an application that uses it. */
bool locker_may_read(struct arena *a, const struct user *u, long id);
/* Whose locker u works on: a citizen's own; an operator's villager named
 * by mobile.  Returns the user id, -1 for a valid mobile not registered
 * yet (the first upload registers it), or 0 when not allowed or the mobile
 * is not valid. */
long locker_owner(struct arena *a, const struct user *u, const char *mobile);

/* One upload into a locker. */
struct locker_file {
	const char *mobile;		/* operators: the villager's mobile */
	const char *doc_type;		/* what the document is: [a-z0-9_], at most 40 */
	const char *label;		/* the client's file name (display only) */
	const unsigned char *data;	/* the bytes, or NULL when no file came */
	size_t len;			/* byte count */
	const char *lang;		/* language of a villager this upload registers */
};

/* Adds a document to the locker the acting user works on (locker_owner),
 * registering an operator's villager on the first upload, in one
 * transaction with its audit row.  Returns the document id, or 0 with
 * out: problems with mobile (locker.mobile_needed), file (locker.empty,
 * locker.too_big with status 413, the upload rule it broke: upcheck.h)
 * or doc_type (locker.type_missing); 503 when the database or the file
 * store failed (retried first when the connection was lost or a deadlock
 * hit). */
long locker_upload(struct arena *a, const struct actor *who, const struct locker_file *in, struct outcome *out);
/* The facts of photo id (a JPEG or PNG document) for a form's photo answer:
 * its EXIF time and place as read when it was stored (arena memory).  The
 * caller decides who may use it (locker_may_use).  false when id is not a
 * picture. */
bool locker_photo(struct arena *a, long id, struct form_photo *m);
/* Reads a stored blob (malloc'd) by id; NULL if missing. */
unsigned char *locker_read(struct arena *a, long id, size_t *len, const char **mime, const char **label);
/* Reads a stored blob (malloc'd) by its digest; NULL if missing. */
unsigned char *locker_read_blob(const char *sha_hex, size_t *len);
/* Path of a blob for a digest (malloc'd). */
char *locker_blob_path(const char *sha_hex);
/* Writes bytes content-addressed; returns the hex digest (arena) or NULL. */
char *locker_put_blob(struct arena *a, const unsigned char *p, size_t n);
#endif
