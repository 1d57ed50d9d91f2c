-- 060_exams: the online exam of Digital Panchayat (PHASE2 §(c)) and
-- certificates that stand for something other than an application (an
-- exam pass, a training attended).  Marks are DECIMAL(6,2): negative marks
-- are fractions (0.25, 0.33) and must add up exactly.

-- Categories of the question bank (a tree: parent_id).
CREATE TABLE qb_categories (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  parent_id INT UNSIGNED NULL,
  code VARCHAR(40) NOT NULL,
  name_en VARCHAR(200) NOT NULL,
  name_hi VARCHAR(200) NOT NULL,
  UNIQUE KEY uq_qbc_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Questions, versioned: a change is a new row with the same qkey and the
-- next version; an attempt's layout names the row it showed, so a later
-- edit never changes a running or finished attempt.
CREATE TABLE questions (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  qkey VARCHAR(40) NOT NULL COMMENT 'stable name across versions',
  version SMALLINT UNSIGNED NOT NULL,
  category_id INT UNSIGNED NOT NULL,
  type ENUM('single','multi','tf','numeric') NOT NULL,
  body_en TEXT NOT NULL,
  body_hi TEXT NOT NULL,
  options TEXT NULL COMMENT 'JSON [{"en","hi"}] for single/multi',
  answer VARCHAR(200) NOT NULL COMMENT 'canonical: option indices "0,2", "true"/"false", or "value:tolerance"',
  marks DECIMAL(6,2) NOT NULL,
  neg_marks DECIMAL(6,2) NOT NULL DEFAULT 0,
  difficulty TINYINT UNSIGNED NOT NULL DEFAULT 2,
  status ENUM('draft','active','retired') NOT NULL DEFAULT 'active',
  created_by INT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_q_version (qkey, version),
  KEY k_q_cat (category_id, status),
  CONSTRAINT fk_q_cat FOREIGN KEY (category_id) REFERENCES qb_categories(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Exams (Moodle's quiz settings).  layout_rules: JSON [{"category": code,
-- "n": N}] drawn at random per attempt, or [{"question": qkey}] fixed.
CREATE TABLE exams (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(40) NOT NULL,
  title_en VARCHAR(200) NOT NULL,
  title_hi VARCHAR(200) NOT NULL,
  audience VARCHAR(200) NOT NULL COMMENT 'role codes, comma-separated',
  opens_at DATETIME NOT NULL,
  closes_at DATETIME NOT NULL,
  time_limit_s INT UNSIGNED NOT NULL,
  pass_pct DECIMAL(5,2) NOT NULL,
  max_attempts SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  delay1_s INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'wait between attempts 1 and 2',
  delay2_s INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'wait between later attempts',
  grading ENUM('highest','last') NOT NULL DEFAULT 'highest',
  nav ENUM('free','seq') NOT NULL DEFAULT 'free',
  shuffle_q TINYINT NOT NULL DEFAULT 1,
  shuffle_opts TINYINT NOT NULL DEFAULT 1,
  layout_rules TEXT NOT NULL,
  validity_days INT UNSIGNED NOT NULL DEFAULT 730,
  status ENUM('draft','active','closed') NOT NULL DEFAULT 'active',
  created_by INT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_exam_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Per-person exceptions (extra time, another attempt, a later close).
CREATE TABLE exam_overrides (
  exam_id INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  time_limit_s INT UNSIGNED NULL,
  max_attempts SMALLINT UNSIGNED NULL,
  closes_at DATETIME NULL,
  PRIMARY KEY (exam_id, user_id)
) ENGINE=InnoDB;

-- Attempts.  The layout (question rows and option orders) is frozen at the
-- start; deadline_at is the server's and every save checks it.  open_exam
-- makes "one open attempt per person and exam" a unique key, so two
-- starts at once give one attempt.
CREATE TABLE exam_attempts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  exam_id INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  attempt_no SMALLINT UNSIGNED NOT NULL,
  layout TEXT NOT NULL COMMENT 'JSON [{"q": question id, "o": [option order]}]',
  started_at DATETIME NOT NULL,
  deadline_at DATETIME NOT NULL,
  state ENUM('inprogress','overdue','finished','abandoned') NOT NULL DEFAULT 'inprogress',
  finished_at DATETIME NULL,
  finished_how ENUM('submitted','deadline') NULL COMMENT 'by the candidate, or closed at the deadline',
  score DECIMAL(8,2) NULL,
  max_score DECIMAL(8,2) NULL,
  pct DECIMAL(5,2) NULL,
  passed TINYINT NULL,
  certificate_id BIGINT UNSIGNED NULL,
  refresher TINYINT NOT NULL DEFAULT 0 COMMENT 'failed the last allowed attempt: to be invited to a refresher training',
  ip VARCHAR(45) NOT NULL,
  user_agent VARCHAR(255) NOT NULL,
  open_exam INT UNSIGNED AS (IF(state IN ('inprogress','overdue'), exam_id, NULL)) PERSISTENT,
  UNIQUE KEY uq_attempt_no (exam_id, user_id, attempt_no),
  UNIQUE KEY uq_attempt_open (user_id, open_exam),
  KEY k_attempt_due (state, deadline_at),
  CONSTRAINT fk_attempt_exam FOREIGN KEY (exam_id) REFERENCES exams(id)
) ENGINE=InnoDB;

-- One row per slot of an attempt, made at the start; the response is the
-- canonical answer text (option indices of the question, not of the shown
-- order), saved_at the server's time of the last accepted save.
CREATE TABLE exam_answers (
  attempt_id BIGINT UNSIGNED NOT NULL,
  slot SMALLINT UNSIGNED NOT NULL,
  question_id BIGINT UNSIGNED NOT NULL,
  response VARCHAR(200) NULL,
  mark DECIMAL(6,2) NULL,
  saved_at DATETIME(3) NULL,
  PRIMARY KEY (attempt_id, slot),
  KEY k_answer_q (question_id),
  CONSTRAINT fk_answer_attempt FOREIGN KEY (attempt_id) REFERENCES exam_attempts(id)
) ENGINE=InnoDB;

-- Certificates of an exam pass or a training: no application behind them.
ALTER TABLE certificates
  MODIFY app_id BIGINT UNSIGNED NULL,
  MODIFY service_id INT UNSIGNED NULL,
  MODIFY office_id INT UNSIGNED NULL COMMENT 'issuing office; NULL for the PMU',
  ADD source_kind ENUM('application','exam','training') NOT NULL DEFAULT 'application',
  ADD source_id BIGINT UNSIGNED NULL COMMENT 'applications.id, exam_attempts.id or trainings.id',
  ADD KEY k_cert_source (source_kind, source_id);
UPDATE certificates SET source_id = app_id WHERE source_id IS NULL;
