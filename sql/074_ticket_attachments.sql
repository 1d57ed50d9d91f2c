-- 074_ticket_attachments: files on tickets, replies and grievances, and
-- more kinds of linked object (issue 15, items 1 and 2 of phase 2).
--
-- A file is checked by content and stored as a blob by SHA-256 under
-- data_dir/blobs (locker.c), outside the web root; this row says whose
-- ticket it belongs to and whether it came with an internal note (then
-- the raiser never sees it).
CREATE TABLE ticket_attachments (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT UNSIGNED NOT NULL,
  event_id BIGINT UNSIGNED NULL COMMENT 'the thread row it came with (the raising, a reply or a note)',
  uploaded_by INT UNSIGNED NOT NULL,
  internal TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'came with an internal note: handlers and agents only',
  label VARCHAR(100) NOT NULL COMMENT 'the client''s file name, display only',
  mime VARCHAR(40) NOT NULL COMMENT 'as checked by content (upcheck.c), never as declared',
  size INT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  created_at DATETIME NOT NULL,
  KEY k_ticket_attachment (ticket_id, id),
  CONSTRAINT fk_ticket_attachment FOREIGN KEY (ticket_id) REFERENCES tickets(id),
  CONSTRAINT fk_ticket_attachment_event FOREIGN KEY (event_id) REFERENCES ticket_events(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- a ticket may also be about a CSC (by its CSC ID), a training or an exam
ALTER TABLE tickets MODIFY link_kind ENUM('application','certificate','wallet','bill','csc','training','exam') NULL;
