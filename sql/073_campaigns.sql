-- 073_campaigns: Jan Samvad campaigns (issue 15, item 6): outbound calls to
-- a sample of a scheme's beneficiaries to ask a questionnaire.  The
-- questionnaire is a service definition (gramsewa.service/1): its fields,
-- with their show-when branching, are the questions, checked by form.c.

CREATE TABLE campaigns (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(32) NOT NULL,
  name_en VARCHAR(150) NOT NULL,
  name_hi VARCHAR(150) NOT NULL,
  scheme_code VARCHAR(32) NOT NULL,
  consent_en VARCHAR(500) NOT NULL COMMENT 'read out before the first question',
  consent_hi VARCHAR(500) NOT NULL,
  questionnaire MEDIUMTEXT NOT NULL COMMENT 'gramsewa.service/1 JSON',
  max_attempts TINYINT UNSIGNED NOT NULL DEFAULT 3,
  retry_gap_min SMALLINT UNSIGNED NOT NULL DEFAULT 120 COMMENT 'minutes between two attempts',
  sample_per_gp SMALLINT UNSIGNED NOT NULL DEFAULT 10,
  grievance_type VARCHAR(32) NULL COMMENT 'sub type of the grievance an answer opens',
  grievance_field VARCHAR(40) NULL COMMENT '... when this question',
  grievance_value VARCHAR(60) NULL COMMENT '... has this answer',
  status ENUM('active','closed') NOT NULL DEFAULT 'active',
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_campaign_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The call list: one row per beneficiary (de-duplicated by mobile and
-- scheme reference), sampled per gram panchayat.
CREATE TABLE campaign_contacts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  campaign_id INT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  mobile VARCHAR(10) NOT NULL,
  location_id INT UNSIGNED NOT NULL COMMENT 'the village',
  gp_id INT UNSIGNED NOT NULL COMMENT 'its gram panchayat: the sampling stratum',
  loc_path VARCHAR(255) NOT NULL,
  scheme_ref VARCHAR(40) NOT NULL,
  benefit_date DATE NULL,
  benefit_paise BIGINT NULL,
  sampled TINYINT(1) NOT NULL DEFAULT 0,
  status ENUM('pending','calling','done','exhausted','excluded') NOT NULL DEFAULT 'pending',
  assignee_id INT UNSIGNED NULL,
  attempts TINYINT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NULL,
  disposition VARCHAR(24) NULL,
  answers MEDIUMTEXT NULL,
  ticket_id BIGINT UNSIGNED NULL COMMENT 'the grievance an answer opened',
  updated_at DATETIME NOT NULL,
  UNIQUE KEY uq_contact (campaign_id, mobile, scheme_ref),
  KEY k_contact_queue (campaign_id, sampled, status, next_attempt_at),
  KEY k_contact_gp (campaign_id, gp_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE campaign_attempts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  contact_id BIGINT UNSIGNED NOT NULL,
  agent_id INT UNSIGNED NOT NULL,
  at DATETIME NOT NULL,
  disposition VARCHAR(24) NOT NULL,
  callback_at DATETIME NULL,
  KEY k_attempt_contact (contact_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Numbers never to call (a beneficiary's "do not call", or added by an
-- administrator); imports skip them.
CREATE TABLE dnc (
  mobile VARCHAR(10) NOT NULL PRIMARY KEY,
  added_at DATETIME NOT NULL,
  reason VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
