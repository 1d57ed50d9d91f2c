-- 057_register_health: the summary rows behind the register-health figures
-- on the dashboards (open books, days since the last entry, entries not
-- yet verified/signed, per GP and rolled up the location tree).
--
-- Kept up to date in the same transactions that open books, put entries
-- into a book, verify, sign, return them and close a year (register.c
-- health_*), so a dashboard over a district or the state reads a few
-- thousand summary rows and never counts register_entries.
--
-- "waiting" = entries in the book whose sign-off is not finished: submitted
-- ones, and verified ones of a register that is also signed.

ALTER TABLE register_books
  ADD COLUMN waiting INT NOT NULL DEFAULT 0 COMMENT 'entries submitted and not yet verified/signed (final)' AFTER last_entry_at;

-- One row per place that keeps books (a GP; a block or district for
-- block- and district-level registers).
CREATE TABLE register_health (
  location_id INT UNSIGNED NOT NULL PRIMARY KEY,
  open_books INT NOT NULL DEFAULT 0 COMMENT 'books with status open',
  waiting INT NOT NULL DEFAULT 0 COMMENT 'SUM(register_books.waiting) of its books',
  last_entry_at DATETIME NULL COMMENT 'the latest entry put into any of its books',
  CONSTRAINT fk_rhealth_loc FOREIGN KEY (location_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- what is there already
UPDATE register_books b JOIN register_versions v ON v.id = b.version_id
  SET b.waiting = (SELECT COUNT(*) FROM register_entries e WHERE e.book_id = b.id
                   AND (e.status = 'submitted'
                        OR (e.status = 'verified' AND JSON_EXTRACT(v.definition, '$.signoff.sign') IS NOT NULL)));

INSERT INTO register_health (location_id, open_books, waiting, last_entry_at)
  SELECT location_id, SUM(status = 'open'), SUM(waiting), MAX(last_entry_at) FROM register_books GROUP BY location_id;
