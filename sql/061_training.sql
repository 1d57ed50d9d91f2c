-- 061_training: the training calendar of Digital Panchayat (PHASE2 §(b)):
-- trainings and their states, invitations, attendance (QR or marked),
-- photos with their EXIF time, feedback, and the monthly SMS sent once.

CREATE TABLE trainings (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  type ENUM('orientation','workshop','tot','hands_on','refresher','need_based','elearning','personality') NOT NULL,
  title_en VARCHAR(200) NOT NULL,
  title_hi VARCHAR(200) NOT NULL,
  organiser_id INT UNSIGNED NOT NULL COMMENT 'the DI or BI it counts for',
  organiser_role VARCHAR(24) NOT NULL COMMENT 'di or bi (or state_admin): the holding it was organised in',
  location_id INT UNSIGNED NOT NULL COMMENT 'audience place: invitees hold an audience role at or under it',
  audience VARCHAR(200) NOT NULL COMMENT 'role codes, comma-separated',
  venue VARCHAR(200) NOT NULL,
  lat DECIMAL(9,6) NULL,
  lon DECIMAL(9,6) NULL,
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  trainers VARCHAR(300) NOT NULL,
  materials VARCHAR(1000) NULL,
  status ENUM('planned','published','held','reported','closed','cancelled','postponed') NOT NULL DEFAULT 'planned',
  status_reason VARCHAR(300) NULL COMMENT 'why cancelled or postponed',
  report TEXT NULL,
  created_at DATETIME NOT NULL,
  KEY k_tr_org (organiser_id, starts_at),
  KEY k_tr_start (starts_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE training_invites (
  training_id INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  role VARCHAR(24) NOT NULL,
  invited_at DATETIME NOT NULL,
  PRIMARY KEY (training_id, user_id),
  KEY k_ti_user (user_id),
  CONSTRAINT fk_ti_training FOREIGN KEY (training_id) REFERENCES trainings(id)
) ENGINE=InnoDB;

-- One row per participant present: by the rotating QR (with the 60 s slot
-- of the code they scanned) or marked by the organiser.
CREATE TABLE training_attendance (
  training_id INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  method ENUM('qr','marked') NOT NULL,
  qr_slot BIGINT NULL COMMENT 'minute (unix time / 60) of the code scanned',
  at DATETIME NOT NULL,
  ip VARCHAR(45) NOT NULL,
  marked_by INT UNSIGNED NULL,
  certificate_id BIGINT UNSIGNED NULL COMMENT 'participation certificate',
  PRIMARY KEY (training_id, user_id),
  CONSTRAINT fk_ta_training FOREIGN KEY (training_id) REFERENCES trainings(id)
) ENGINE=InnoDB;

CREATE TABLE training_photos (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  training_id INT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  size INT UNSIGNED NOT NULL,
  exif_at DATETIME NULL COMMENT 'DateTimeOriginal as the camera wrote it (IST assumed)',
  in_session TINYINT NOT NULL COMMENT 'exif_at within starts_at..ends_at',
  uploaded_by INT UNSIGNED NOT NULL,
  uploaded_at DATETIME NOT NULL,
  UNIQUE KEY uq_tp (training_id, sha256),
  CONSTRAINT fk_tp_training FOREIGN KEY (training_id) REFERENCES trainings(id)
) ENGINE=InnoDB;

CREATE TABLE training_feedback (
  training_id INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  answers TEXT NOT NULL COMMENT 'JSON {"rating": "1".."5", "comment": text}',
  rating TINYINT UNSIGNED NOT NULL,
  at DATETIME NOT NULL,
  PRIMARY KEY (training_id, user_id),
  CONSTRAINT fk_tf_training FOREIGN KEY (training_id) REFERENCES trainings(id)
) ENGINE=InnoDB;

-- The reminder on the 20th and the month-end shortfall SMS, once per
-- person, month, kind and organiser it is about (a supervisor hears of
-- each organiser short of trainings).
CREATE TABLE training_sms_sent (
  kind ENUM('remind','shortfall') NOT NULL,
  month CHAR(7) NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  about_id INT UNSIGNED NOT NULL COMMENT 'the organiser the message is about',
  sent_at DATETIME NOT NULL,
  PRIMARY KEY (kind, month, user_id, about_id)
) ENGINE=InnoDB;
