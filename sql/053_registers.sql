-- 053_registers: the panchayat's registers (JPRA 2001) kept digitally.
-- A register is a definition (format gramsewa.register/1: columns, totals,
-- balances, sign-off chain) versioned like a service; a book is one
-- register for one gram panchayat for one financial year; an entry is one
-- row of a book.  Once an entry is submitted it is in the book for good:
-- its serial, data and hash never change, a correction is a new entry
-- pointing at it (corrects_entry_id), and the rows of a book form a hash
-- chain that `gramsewactl register-verify` walks.

CREATE TABLE register_defs (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(20) NOT NULL,
  kind ENUM('register','mpr','survey','amenity','checklist') NOT NULL DEFAULT 'register',
  published_version_id INT UNSIGNED NULL COMMENT 'the version in force; NULL until one is published',
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_rdef_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Versions as for services: a draft is edited, publishing freezes it and
-- supersedes the version in force.  Books keep the version they opened
-- with, so a new version never changes the columns of an open book.
CREATE TABLE register_versions (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  def_id INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  status ENUM('draft','published','superseded') NOT NULL DEFAULT 'draft',
  definition MEDIUMTEXT NOT NULL COMMENT 'canonical gramsewa.register/1 JSON',
  name_en VARCHAR(120) NOT NULL,
  name_hi VARCHAR(120) NOT NULL,
  created_by INT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  published_at DATETIME NULL,
  UNIQUE KEY uq_rver (def_id, version),
  CONSTRAINT fk_rver_def FOREIGN KEY (def_id) REFERENCES register_defs(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One register of one GP for one financial year, opened on first use.
-- last_serial and head_hash move only under this row's lock (SELECT ...
-- FOR UPDATE), which is what makes serials gap-free and the chain linear;
-- balances (JSON: paise per named balance) are the running balances of the
-- submitted, uncorrected entries, opened with the previous year's closing.
CREATE TABLE register_books (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  def_id INT UNSIGNED NOT NULL,
  version_id INT UNSIGNED NOT NULL,
  location_id INT UNSIGNED NOT NULL COMMENT 'the gram panchayat',
  fy CHAR(7) NOT NULL COMMENT 'financial year, 2026-27',
  status ENUM('open','closed') NOT NULL DEFAULT 'open',
  last_serial INT UNSIGNED NOT NULL DEFAULT 0,
  head_hash CHAR(64) NOT NULL DEFAULT '' COMMENT 'hash of the entry with serial last_serial',
  opening VARCHAR(400) NOT NULL DEFAULT '{}' COMMENT 'carried forward: balances at the start of the year',
  balances VARCHAR(400) NOT NULL DEFAULT '{}',
  closed_through DATE NULL COMMENT 'daily close: no entry dated on or before this day may join the book',
  last_entry_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  closed_by INT UNSIGNED NULL,
  closed_at DATETIME NULL,
  pdf_sha256 CHAR(64) NULL,
  UNIQUE KEY uq_rbook (def_id, location_id, fy),
  KEY k_rbook_loc (location_id, fy),
  CONSTRAINT fk_rbook_def FOREIGN KEY (def_id) REFERENCES register_defs(id),
  CONSTRAINT fk_rbook_ver FOREIGN KEY (version_id) REFERENCES register_versions(id),
  CONSTRAINT fk_rbook_loc FOREIGN KEY (location_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An entry.  A draft has no serial and no hash and may be changed or
-- deleted by its maker; submitting gives it the book's next serial and
-- chains it (hash = SHA-256 of prev_hash, a newline and the canonical
-- entry JSON, see register.c reg_entry_hash).  amounts holds the entry's
-- effect on each balance (JSON, paise), counted while the entry stands
-- (submitted, verified or signed, and not corrected by a standing entry).
CREATE TABLE register_entries (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  book_id INT UNSIGNED NOT NULL,
  serial INT UNSIGNED NULL COMMENT 'gap-free per book from 1; NULL while a draft',
  entry_date DATE NOT NULL,
  data MEDIUMTEXT NOT NULL COMMENT 'the answers, normalised JSON in column order',
  amounts VARCHAR(400) NOT NULL DEFAULT '{}',
  status ENUM('draft','submitted','verified','signed','returned') NOT NULL DEFAULT 'draft',
  corrects_entry_id BIGINT UNSIGNED NULL,
  entered_by INT UNSIGNED NOT NULL,
  entered_at DATETIME NOT NULL,
  submitted_at DATETIME NULL,
  verified_by INT UNSIGNED NULL,
  verified_at DATETIME NULL,
  signed_by INT UNSIGNED NULL,
  signed_at DATETIME NULL,
  returned_by INT UNSIGNED NULL,
  returned_at DATETIME NULL,
  return_note VARCHAR(500) NULL,
  prev_hash CHAR(64) NULL,
  hash CHAR(64) NULL,
  UNIQUE KEY uq_rentry_serial (book_id, serial),
  KEY k_rentry_book (book_id, status),
  KEY k_rentry_corr (corrects_entry_id),
  CONSTRAINT fk_rentry_book FOREIGN KEY (book_id) REFERENCES register_books(id),
  CONSTRAINT fk_rentry_corr FOREIGN KEY (corrects_entry_id) REFERENCES register_entries(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The database's own guard of the paper rule "no erasures": once chained,
-- what the hash covers never changes and the row is never deleted.  (A
-- database administrator can still drop these; register-verify finds
-- what was done then.)
CREATE TRIGGER register_entries_frozen BEFORE UPDATE ON register_entries FOR EACH ROW
  IF OLD.hash IS NOT NULL AND (NOT (NEW.hash <=> OLD.hash) OR NOT (NEW.prev_hash <=> OLD.prev_hash)
      OR NOT (NEW.serial <=> OLD.serial) OR NEW.data <> OLD.data OR NEW.book_id <> OLD.book_id
      OR NEW.entry_date <> OLD.entry_date OR NOT (NEW.corrects_entry_id <=> OLD.corrects_entry_id)
      OR NEW.entered_by <> OLD.entered_by) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a register entry in the book cannot be changed';
  END IF;
CREATE TRIGGER register_entries_kept BEFORE DELETE ON register_entries FOR EACH ROW
  IF OLD.hash IS NOT NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a register entry in the book cannot be deleted';
  END IF;
