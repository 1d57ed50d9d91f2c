-- 001_core: places, people, sessions, log-in throttles, audit trail, outbox.
-- All tables InnoDB, utf8mb4.  Times are IST (the connection sets +05:30).

CREATE TABLE locations (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  parent_id INT UNSIGNED NULL,
  type ENUM('state','division','district','subdivision','block','panchayat','village','ulb','ward') NOT NULL,
  ulb_kind ENUM('corporation','municipality','nagar_panchayat','nac') NULL,
  lgd_code VARCHAR(20) NULL,
  name_en VARCHAR(150) NOT NULL,
  name_hi VARCHAR(150) NULL,
  path VARCHAR(255) NOT NULL COMMENT 'materialised path of ids: /1/4/37/ (self included)',
  depth TINYINT UNSIGNED NOT NULL,
  lat DECIMAL(9,6) NULL,
  lon DECIMAL(9,6) NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_loc_code (type, lgd_code),
  UNIQUE KEY uq_loc_child (parent_id, type, name_en),
  KEY k_loc_path (path),
  KEY k_loc_type_path (type, path),
  KEY k_loc_code (lgd_code),
  KEY k_loc_name_en (name_en),
  KEY k_loc_name_hi (name_hi),
  CONSTRAINT fk_loc_parent FOREIGN KEY (parent_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE departments (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(20) NOT NULL UNIQUE,
  name_en VARCHAR(150) NOT NULL,
  name_hi VARCHAR(150) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE offices (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  location_id INT UNSIGNED NOT NULL,
  level ENUM('panchayat','circle','block','subdivision','district','ulb','hq') NOT NULL,
  name_en VARCHAR(200) NOT NULL,
  name_hi VARCHAR(200) NOT NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_office (location_id, level),
  CONSTRAINT fk_office_loc FOREIGN KEY (location_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NULL,
  user_type ENUM('citizen','staff','csc','sewak','jsk') NOT NULL,
  first_name VARCHAR(100) NOT NULL,
  middle_name VARCHAR(100) NULL,
  last_name VARCHAR(100) NULL,
  mobile VARCHAR(10) NULL,
  email VARCHAR(254) NULL,
  dob DATE NULL,
  designation VARCHAR(100) NULL,
  csc_id VARCHAR(20) NULL,
  pw_hash VARCHAR(255) NULL,
  lang CHAR(2) NOT NULL DEFAULT 'en',
  address_location_id INT UNSIGNED NULL,
  address_line VARCHAR(255) NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  failed_logins INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until DATETIME NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  citizen_mobile VARCHAR(10) AS (IF(user_type = 'citizen', mobile, NULL)) PERSISTENT,
  UNIQUE KEY uq_username (username),
  UNIQUE KEY uq_citizen_mobile (citizen_mobile),
  UNIQUE KEY uq_csc_id (csc_id),
  KEY k_user_mobile (mobile),
  CONSTRAINT fk_user_addr FOREIGN KEY (address_location_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A role held at an office (or over a location, for in-charges and admins)
-- for a date range.  Holdings may overlap; history is never deleted.
CREATE TABLE role_holdings (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  role VARCHAR(24) NOT NULL,
  office_id INT UNSIGNED NULL,
  location_id INT UNSIGNED NOT NULL COMMENT 'jurisdiction root: the office location, or the in-charge area',
  department_id INT UNSIGNED NULL,
  work_from DATE NOT NULL,
  work_to DATE NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  ended_reason VARCHAR(200) NULL,
  created_by INT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY k_rh_user (user_id, active),
  KEY k_rh_office (office_id, role, active),
  CONSTRAINT fk_rh_user FOREIGN KEY (user_id) REFERENCES users(id),
  CONSTRAINT fk_rh_office FOREIGN KEY (office_id) REFERENCES offices(id),
  CONSTRAINT fk_rh_loc FOREIGN KEY (location_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sessions (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  token_hash BINARY(32) NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  kind ENUM('web','api') NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  revoked_at DATETIME NULL,
  ip VARCHAR(45) NOT NULL,
  user_agent VARCHAR(200) NOT NULL DEFAULT '',
  UNIQUE KEY uq_sess_token (token_hash),
  KEY k_sess_user (user_id),
  CONSTRAINT fk_sess_user FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;

CREATE TABLE otps (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  mobile CHAR(10) NOT NULL,
  purpose ENUM('login','reset') NOT NULL,
  code_hash BINARY(32) NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  tries INT UNSIGNED NOT NULL DEFAULT 0,
  used_at DATETIME NULL,
  ip VARCHAR(45) NOT NULL,
  KEY k_otp_mobile (mobile, purpose, id)
) ENGINE=InnoDB;

-- Fixed-window counters for throttling (per mobile, per IP, per account).
CREATE TABLE throttles (
  k VARCHAR(100) NOT NULL PRIMARY KEY,
  window_start DATETIME NOT NULL,
  hits INT UNSIGNED NOT NULL,
  locked_until DATETIME NULL
) ENGINE=InnoDB;

-- Append-only audit trail, each row chained to the previous row's hash.
CREATE TABLE audit_log (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  actor_id INT UNSIGNED NULL,
  role VARCHAR(24) NULL,
  office_id INT UNSIGNED NULL,
  ip VARCHAR(45) NULL,
  request_id VARCHAR(20) NULL,
  action VARCHAR(48) NOT NULL,
  entity VARCHAR(24) NOT NULL,
  entity_id VARCHAR(64) NULL,
  remarks TEXT NULL,
  detail TEXT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL,
  KEY k_audit_entity (entity, entity_id),
  KEY k_audit_actor (actor_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row: the hash at the head of the chain.  Locking it orders writers.
CREATE TABLE audit_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  last_id BIGINT UNSIGNED NOT NULL,
  last_hash CHAR(64) NOT NULL
) ENGINE=InnoDB;
INSERT INTO audit_head VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';

-- Notification outbox, written in the same transaction as the event.
CREATE TABLE notifications (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  channel ENUM('sms','email') NOT NULL,
  recipient VARCHAR(254) NOT NULL,
  body TEXT NOT NULL,
  dlt_template_id VARCHAR(30) NULL,
  event VARCHAR(40) NOT NULL,
  ref VARCHAR(64) NULL,
  status ENUM('pending','sending','sent','failed') NOT NULL DEFAULT 'pending',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL,
  last_error VARCHAR(255) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at DATETIME NULL,
  KEY k_notif_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
