-- 030_attendance: GIS attendance of VLEs (CSC operators).  Point events
-- only: a row per check-in the VLE chose to make, never a track.  Times are
-- IST wall times like every other table.

-- The reference point of a gram panchayat's office: captured on site by the
-- block in-charge (BI), in force once the district in-charge (DI) approves
-- it.  A new capture waits beside the approved point (p_*) until approved,
-- so check-ins keep the point in force meanwhile.
CREATE TABLE geofences (
  location_id INT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'the gram panchayat (locations.type = panchayat)',
  lat DECIMAL(9,6) NULL COMMENT 'approved point; NULL until a DI approves one',
  lon DECIMAL(9,6) NULL,
  radius_m SMALLINT UNSIGNED NULL,
  approved_by INT UNSIGNED NULL,
  approved_at DATETIME NULL,
  p_lat DECIMAL(9,6) NULL COMMENT 'captured point awaiting approval',
  p_lon DECIMAL(9,6) NULL,
  p_accuracy_m SMALLINT UNSIGNED NULL,
  p_radius_m SMALLINT UNSIGNED NULL,
  captured_by INT UNSIGNED NULL,
  captured_at DATETIME NULL,
  CONSTRAINT fk_gf_loc FOREIGN KEY (location_id) REFERENCES locations(id)
) ENGINE=InnoDB;

-- Phones enrolled by a BI for a VLE.  The HMAC key signing offline
-- check-ins is made on the server, shown once, and kept sealed
-- (XSalsa20-Poly1305) under a key derived from the deployment secret: the
-- server must read it back to check signatures.  A device serves one VLE
-- at a time (active_uid is unique while not unbound).
CREATE TABLE attendance_devices (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  device_uid VARCHAR(64) NOT NULL,
  key_box VARBINARY(96) NOT NULL COMMENT 'nonce (24) || secretbox of the 32-byte HMAC key (48)',
  bound_by INT UNSIGNED NOT NULL,
  bound_at DATETIME NOT NULL,
  unbound_by INT UNSIGNED NULL,
  unbound_at DATETIME NULL,
  active_uid VARCHAR(64) AS (IF(unbound_at IS NULL, device_uid, NULL)) PERSISTENT,
  UNIQUE KEY uq_dev_active (active_uid),
  KEY k_dev_user (user_id),
  KEY k_dev_uid (device_uid),
  CONSTRAINT fk_dev_user FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;

-- Check-ins: one row per event (page, app, offline record, "no GPS" button,
-- or an on-duty event from a training, camp or survey task).  status is the
-- rule's verdict; flagged rows wait for a BI (review).  A device's nonce is
-- used once (a replayed offline record is refused).
CREATE TABLE checkins (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  gp_id INT UNSIGNED NULL COMMENT 'the VLE''s gram panchayat when it was made',
  day DATE NOT NULL COMMENT 'IST day of event_at',
  source ENUM('web','app','offline','no_gps','training','camp','survey') NOT NULL,
  source_ref VARCHAR(64) NULL COMMENT 'on duty: the training, camp or task id',
  server_at DATETIME(3) NOT NULL COMMENT 'when the server received it (authoritative)',
  event_at DATETIME NOT NULL COMMENT 'when the VLE was there: server time, or the signed fix time of an offline record',
  fix_at DATETIME NULL,
  lat DECIMAL(9,6) NULL,
  lon DECIMAL(9,6) NULL,
  accuracy_m INT UNSIGNED NULL,
  distance_m INT UNSIGNED NULL COMMENT 'from the approved reference point',
  is_mock TINYINT(1) NOT NULL DEFAULT 0,
  device_uid VARCHAR(64) NULL,
  device_id INT UNSIGNED NULL COMMENT 'the enrolment the record was checked against',
  nonce VARCHAR(64) NULL,
  elapsed_ms BIGINT NULL COMMENT 'device monotonic clock at the fix (offline records)',
  status ENUM('accepted','offline_verified','flagged','rejected') NOT NULL,
  late TINYINT(1) NOT NULL DEFAULT 0,
  reasons VARCHAR(255) NOT NULL DEFAULT '' COMMENT 'comma-separated flag reasons',
  evidence TEXT NULL COMMENT 'JSON: what each flag saw',
  review ENUM('pending','accepted','rejected') NULL,
  reviewed_by INT UNSIGNED NULL,
  reviewed_at DATETIME NULL,
  review_note VARCHAR(500) NULL,
  UNIQUE KEY uq_ci_nonce (device_id, nonce),
  KEY k_ci_user (user_id, event_at),
  KEY k_ci_review (review, gp_id),
  KEY k_ci_server (server_at),
  KEY k_ci_device (device_uid, server_at),
  CONSTRAINT fk_ci_user FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB;

-- One row per VLE and day: the summary the muster, the map and the monthly
-- figures read.  Written in the transaction of the check-in, review or leave
-- decision that changes it; 'absent' and 'holiday' by the day's roll-up.
CREATE TABLE attendance_days (
  user_id INT UNSIGNED NOT NULL,
  day DATE NOT NULL,
  gp_id INT UNSIGNED NOT NULL,
  block_id INT UNSIGNED NOT NULL,
  status ENUM('present','late','on_duty','flagged','leave','holiday','absent') NOT NULL,
  first_at DATETIME NULL COMMENT 'first check-in that counts',
  PRIMARY KEY (user_id, day),
  KEY k_days_block (day, block_id, status),
  KEY k_days_gp (day, gp_id)
) ENGINE=InnoDB;

-- The roster: every VLE with an active CSC holding at a gram panchayat (or
-- a village of one), with the place and the last check-in.  Refreshed by
-- `attendance-rollup` and by each VLE's own check-in.
CREATE TABLE attendance_vles (
  user_id INT UNSIGNED NOT NULL PRIMARY KEY,
  gp_id INT UNSIGNED NOT NULL,
  block_id INT UNSIGNED NOT NULL,
  gp_path VARCHAR(255) NOT NULL,
  last_at DATETIME NULL,
  KEY k_vles_block (block_id),
  KEY k_vles_gp (gp_id),
  KEY k_vles_path (gp_path)
) ENGINE=InnoDB;

-- Each block's outline on the maps: the convex hull of its panchayats'
-- points as "lat lon,lat lon,...", recomputed when a point changes (a DI's
-- approval, attendance-points), so a state's map reads 263 short rows
-- instead of 4,398 points.
CREATE TABLE attendance_outlines (
  block_id INT UNSIGNED NOT NULL PRIMARY KEY,
  hull TEXT NOT NULL,
  gps INT UNSIGNED NOT NULL COMMENT 'panchayats with a point',
  updated_at DATETIME NOT NULL,
  CONSTRAINT fk_outline_block FOREIGN KEY (block_id) REFERENCES locations(id)
) ENGINE=InnoDB;

-- Leave and on-duty requests, decided by the BI of the VLE's block.
CREATE TABLE leave_requests (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  kind ENUM('leave','on_duty') NOT NULL,
  from_day DATE NOT NULL,
  to_day DATE NOT NULL,
  reason VARCHAR(300) NOT NULL,
  status ENUM('pending','approved','refused') NOT NULL DEFAULT 'pending',
  requested_at DATETIME NOT NULL,
  decided_by INT UNSIGNED NULL,
  decided_at DATETIME NULL,
  decision_note VARCHAR(300) NULL,
  KEY k_leave_user (user_id, from_day),
  KEY k_leave_status (status),
  CONSTRAINT fk_leave_user FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Messages of the daily job sent once: (kind, day, user) is taken before
-- queuing, so a second run the same day sends nothing again.
CREATE TABLE attendance_sent (
  kind ENUM('absent','digest') NOT NULL,
  day DATE NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (kind, day, user_id)
) ENGINE=InnoDB;
