/*
 * ticket_file.c — files on tickets and grievances (issue 15): an
 * attachment comes with the raising or with a message (reply, note,
 * resolution ...), is checked by content and kept by the locker's
 * machinery (locker_store: upcheck.c, pictures without metadata, blobs
 * under data_dir/blobs outside the web root, max_upload bytes at most),
 * and is read only by those who see the ticket: a file that came with an
 * internal note is the handlers' and agents', never the raiser's.
 */
#include "ticket.h"
#include "config.h"
#include "db.h"
#include "locker.h"
#include "photo.h"

#include <stdlib.h>

int ticket_file_check(struct arena *a, const struct ticket_file *f, struct ticket_blob *b, struct outcome *out)
{
	const char *err = NULL;
	struct photo_meta m;
	size_t kept = 0;
	b->sha = locker_store(a, f->data, f->len, (size_t)cfg.max_upload, &b->mime, &kept, &m, &err);
	if (!b->sha) {
		if (str_eq(err, "locker.store_failed"))
			return out_fail(out, 503, NULL);
		out_field(out, "file", err, NULL);
		return out_fail(out, str_eq(err, "locker.too_big") ? 413 : 422, NULL);
	}
	b->size = kept;
	b->label = locker_label(a, f->label);
	return 0;
}

int ticket_file_add(long ticket, const char *action, long uploader, bool internal, const struct ticket_blob *b)
{
	/* the thread row just written for the action: the ticket row is
	 * locked by the change, so nobody else wrote one since */
	return db_exec("INSERT INTO ticket_attachments (ticket_id, event_id, uploaded_by, internal, label, mime, size, sha256, "
		       "created_at) SELECT ?, MAX(id), ?, ?, ?, ?, ?, ?, NOW() FROM ticket_events WHERE ticket_id = ? AND action = ?",
		       "iiissisis", (long long)ticket, (long long)uploader, (long long)internal, b->label, b->mime,
		       (long long)b->size, b->sha, (long long)ticket, action) == 1 ? 0 : -1;
}

struct dbres *ticket_files(struct arena *a, const struct ticket *t, bool with_internal)
{
	return db_query(a, "SELECT f.id, f.label, f.mime, ROUND(f.size / 1024), f.internal, f.created_at, "
			   "TRIM(CONCAT_WS(' ', u.first_name, u.last_name)) FROM ticket_attachments f "
			   "JOIN users u ON u.id = f.uploaded_by WHERE f.ticket_id = ? AND (f.internal = 0 OR ? = 1) ORDER BY f.id",
			"ii", (long long)t->id, (long long)with_internal);
}

unsigned char *ticket_file_read(struct arena *a, const struct ticket *t, enum ticket_seat seat, long id, size_t *len,
				const char **mime, const char **label)
{
	if (seat == TS_NONE)
		return NULL;
	struct dbres *r = db_query(a, "SELECT sha256, mime, label FROM ticket_attachments WHERE id = ? AND ticket_id = ? "
				      "AND (internal = 0 OR ? = 1)", "iii", (long long)id, (long long)t->id,
				   (long long)(seat != TS_RAISER));
	if (!r || r->nrows != 1)
		return NULL;
	*mime = db_val(r, 0, 1);
	*label = db_val(r, 0, 2);
	return locker_read_blob(db_val(r, 0, 0), len);
}
