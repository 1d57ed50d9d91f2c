-- 003_applications: the document locker, applications, their numbering,
-- events (history), appeals, feedback, API idempotency, and the CSC wallet
-- ledger that submissions charge.

CREATE TABLE documents (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  owner_id INT UNSIGNED NOT NULL COMMENT 'the citizen whose locker holds it',
  uploaded_by INT UNSIGNED NOT NULL,
  doc_type VARCHAR(40) NOT NULL,
  label VARCHAR(200) NOT NULL,
  mime ENUM('application/pdf','image/jpeg','image/png') NOT NULL,
  size INT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  source ENUM('upload','certificate') NOT NULL DEFAULT 'upload',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_doc_owner (owner_id, id),
  CONSTRAINT fk_doc_owner FOREIGN KEY (owner_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE applications (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  number VARCHAR(48) NULL COMMENT 'JH/<district>/<service>/<fy>/<seq>, set on submit',
  service_id INT UNSIGNED NOT NULL,
  version_id INT UNSIGNED NOT NULL COMMENT 'the service version it was filed under, for ever',
  applicant_id INT UNSIGNED NOT NULL,
  applicant_name VARCHAR(100) NOT NULL DEFAULT '',
  applicant_mobile VARCHAR(10) NOT NULL,
  channel ENUM('online','csc','sewak','jsk','counter') NOT NULL,
  filed_by INT UNSIGNED NOT NULL,
  address_location_id INT UNSIGNED NULL,
  district_id INT UNSIGNED NULL,
  office_id INT UNSIGNED NULL COMMENT 'designated office',
  office_path VARCHAR(255) NULL COMMENT 'path of the designated office location (jurisdiction filter)',
  status ENUM('draft','pending','returned','approved','rejected') NOT NULL DEFAULT 'draft',
  stage_idx TINYINT UNSIGNED NOT NULL DEFAULT 0,
  stage_office_id INT UNSIGNED NULL,
  stage_role VARCHAR(24) NULL,
  tatkal TINYINT(1) NOT NULL DEFAULT 0,
  form MEDIUMTEXT NOT NULL,
  submitted_at DATETIME NULL,
  queued_at DATETIME(6) NULL COMMENT 'arrival at the current stage: the FIFO key (kept across a return)',
  stage_due DATE NULL,
  due_date DATE NULL,
  overdue TINYINT(1) NOT NULL DEFAULT 0,
  escalated_stage TINYINT NULL,
  claimed_by INT UNSIGNED NULL,
  claimed_until DATETIME NULL,
  forwarded_by INT UNSIGNED NULL COMMENT 'who sent it to this stage (may recall)',
  stage_acted TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'the current stage has acted since arrival',
  return_remarks TEXT NULL,
  return_fields VARCHAR(2000) NULL,
  fee_paise INT NOT NULL DEFAULT 0,
  idem_key VARCHAR(80) NULL,
  decided_at DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_app_number (number),
  UNIQUE KEY uq_app_idem (filed_by, idem_key),
  KEY k_app_queue (stage_office_id, stage_role, status, tatkal, queued_at),
  KEY k_app_applicant (applicant_id, id),
  KEY k_app_filer (filed_by, id),
  KEY k_app_office_path (office_path),
  KEY k_app_due (status, stage_due),
  CONSTRAINT fk_app_version FOREIGN KEY (version_id) REFERENCES service_versions(id),
  CONSTRAINT fk_app_applicant FOREIGN KEY (applicant_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Gap-free sequence per district, service and financial year: the row is
-- locked by the submitting transaction and rolled back with it.
CREATE TABLE app_seq (
  district_id INT UNSIGNED NOT NULL,
  service_id INT UNSIGNED NOT NULL,
  fy CHAR(7) NOT NULL,
  last INT UNSIGNED NOT NULL,
  PRIMARY KEY (district_id, service_id, fy)
) ENGINE=InnoDB;

CREATE TABLE app_documents (
  app_id BIGINT UNSIGNED NOT NULL,
  doc_type VARCHAR(40) NOT NULL,
  document_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (app_id, doc_type),
  KEY k_appdoc_doc (document_id),
  CONSTRAINT fk_appdoc_app FOREIGN KEY (app_id) REFERENCES applications(id),
  CONSTRAINT fk_appdoc_doc FOREIGN KEY (document_id) REFERENCES documents(id)
) ENGINE=InnoDB;

CREATE TABLE app_events (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  app_id BIGINT UNSIGNED NOT NULL,
  at DATETIME(6) NOT NULL,
  actor_id INT UNSIGNED NULL,
  role VARCHAR(24) NULL,
  office_id INT UNSIGNED NULL,
  action VARCHAR(24) NOT NULL,
  from_stage TINYINT NULL,
  to_stage TINYINT NULL,
  from_status VARCHAR(12) NULL,
  to_status VARCHAR(12) NULL,
  remarks TEXT NULL,
  out_of_order_reason TEXT NULL,
  attachments VARCHAR(500) NULL,
  ip VARCHAR(45) NULL,
  KEY k_event_app (app_id, id),
  KEY k_event_actor (actor_id, at),
  CONSTRAINT fk_event_app FOREIGN KEY (app_id) REFERENCES applications(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE appeals (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  app_id BIGINT UNSIGNED NOT NULL,
  level TINYINT UNSIGNED NOT NULL,
  grounds TEXT NOT NULL,
  office_id INT UNSIGNED NOT NULL,
  role VARCHAR(24) NOT NULL,
  status ENUM('pending','allowed','dismissed') NOT NULL DEFAULT 'pending',
  filed_at DATETIME NOT NULL,
  filed_by INT UNSIGNED NOT NULL,
  decided_by INT UNSIGNED NULL,
  decided_at DATETIME NULL,
  order_text TEXT NULL,
  UNIQUE KEY uq_appeal (app_id, level),
  KEY k_appeal_queue (office_id, role, status, filed_at),
  CONSTRAINT fk_appeal_app FOREIGN KEY (app_id) REFERENCES applications(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE feedback (
  app_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  rating TINYINT UNSIGNED NOT NULL,
  comment VARCHAR(1000) NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_feedback_app FOREIGN KEY (app_id) REFERENCES applications(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Remembered answers of state-changing API calls by Idempotency-Key.
CREATE TABLE idempotency (
  user_id INT UNSIGNED NOT NULL,
  k VARCHAR(80) NOT NULL,
  request_hash CHAR(64) NOT NULL,
  status SMALLINT NOT NULL,
  body MEDIUMTEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (user_id, k)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Money: one account per wallet or book; every movement is a transaction
-- of entries that sum to zero.  Rows are never updated or deleted.
CREATE TABLE accounts (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('wallet','department','commission','gateway','cash','topup') NOT NULL,
  user_id INT UNSIGNED NULL,
  department_id INT UNSIGNED NULL,
  name VARCHAR(100) NOT NULL,
  balance_paise BIGINT NOT NULL DEFAULT 0 COMMENT 'cache of SUM(entries); checked by ledger-verify',
  UNIQUE KEY uq_account_user (kind, user_id),
  UNIQUE KEY uq_account_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ledger_txns (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('topup','debit','refund','commission','payment','bill') NOT NULL,
  idem_key VARCHAR(100) NOT NULL,
  app_id BIGINT UNSIGNED NULL,
  reference VARCHAR(100) NULL,
  created_by INT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_ledger_idem (idem_key),
  KEY k_ledger_app (app_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ledger_entries (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  txn_id BIGINT UNSIGNED NOT NULL,
  account_id INT UNSIGNED NOT NULL,
  amount_paise BIGINT NOT NULL,
  KEY k_entry_account (account_id, id),
  CONSTRAINT fk_entry_txn FOREIGN KEY (txn_id) REFERENCES ledger_txns(id),
  CONSTRAINT fk_entry_account FOREIGN KEY (account_id) REFERENCES accounts(id)
) ENGINE=InnoDB;

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger rows are never changed';
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ledger rows are never deleted';
