-- 054_mpr: monthly progress reports (MPRs) of the gram panchayats.
-- An MPR is a register definition of kind 'mpr' (register_defs, versioned
-- and designed like any register); a report is one GP's answers for one
-- month.  Reports live here rather than in register_entries because a
-- report is revised until it is approved (a return sends it back to the
-- VLE), while a register entry is frozen once it is in its book; and
-- because its approvers are the block and district in-charges, not the
-- GP's own secretary.  The approved figures are added to mpr_sums in the
-- approving transaction, for the GP and every place above it, so a
-- consolidation at any level reads a few summary rows and never the
-- reports.

CREATE TABLE mpr_reports (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  def_id INT UNSIGNED NOT NULL,
  version_id INT UNSIGNED NOT NULL COMMENT 'the definition the answers were checked against',
  location_id INT UNSIGNED NOT NULL COMMENT 'the gram panchayat',
  period DATE NOT NULL COMMENT 'the month reported on: its first day',
  data MEDIUMTEXT NOT NULL COMMENT 'the answers, normalised JSON (form engine)',
  status ENUM('draft','submitted','returned','bi_approved','approved') NOT NULL DEFAULT 'draft',
  late TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'first submitted after the due day (IST)',
  entered_by INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  submitted_by INT UNSIGNED NULL,
  first_submitted_at DATETIME NULL COMMENT 'decides late; a resubmission after a return keeps it',
  submitted_at DATETIME NULL,
  bi_by INT UNSIGNED NULL,
  bi_at DATETIME NULL,
  di_by INT UNSIGNED NULL,
  di_at DATETIME NULL,
  returned_by INT UNSIGNED NULL,
  returned_at DATETIME NULL,
  return_note VARCHAR(500) NULL,
  UNIQUE KEY uq_mpr (def_id, location_id, period),
  KEY k_mpr_period (def_id, period, status),
  CONSTRAINT fk_mpr_def FOREIGN KEY (def_id) REFERENCES register_defs(id),
  CONSTRAINT fk_mpr_ver FOREIGN KEY (version_id) REFERENCES register_versions(id),
  CONSTRAINT fk_mpr_loc FOREIGN KEY (location_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The approved figures, per place at every level (GP, block, subdivision,
-- district, division, state) and month.  item is a number field's name
-- (summed), "field=option" for a choice (GPs that chose it), or
-- "_reports" (approved reports counted).
CREATE TABLE mpr_sums (
  def_id INT UNSIGNED NOT NULL,
  period DATE NOT NULL,
  location_id INT UNSIGNED NOT NULL,
  item VARCHAR(120) NOT NULL,
  n BIGINT NOT NULL DEFAULT 0 COMMENT 'the sum or the count',
  PRIMARY KEY (def_id, period, location_id, item)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Reminders sent by `gramsewactl mpr-remind`: one row per (report, kind,
-- VLE), written in the transaction that queues the SMS, so a second run
-- of the job sends nothing.
CREATE TABLE mpr_reminders (
  def_id INT UNSIGNED NOT NULL,
  period DATE NOT NULL,
  location_id INT UNSIGNED NOT NULL COMMENT 'the gram panchayat',
  kind ENUM('before','after') NOT NULL COMMENT 'D-2 or D+1 of the due day',
  user_id INT UNSIGNED NOT NULL,
  sent_at DATETIME NOT NULL,
  PRIMARY KEY (def_id, period, location_id, kind, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
