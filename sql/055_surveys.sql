-- 055_surveys: amenities and survey tasks (the CHiPS model of Digital
-- Panchayat).  An amenity is a typed point of a gram panchayat (school,
-- handpump ...) with a geopoint and a photo; a survey project is a form of
-- the form engine (gramsewa.form/1) with targets and a window; a task is
-- one target given to one VLE.  Task states follow CHiPS's report states:
-- allocated -> in_progress -> pending_approval -> completed, or returned
-- (to be filled again) or cancelled.

-- The kinds of amenity, as data: a new kind is a row, not code.
CREATE TABLE amenity_types (
  code VARCHAR(20) NOT NULL PRIMARY KEY,
  name_en VARCHAR(80) NOT NULL,
  name_hi VARCHAR(80) NOT NULL,
  colour CHAR(7) NOT NULL COMMENT 'the dot on the maps, #rrggbb',
  sort SMALLINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO amenity_types (code, name_en, name_hi, colour, sort) VALUES
  ('school', 'School', 'विद्यालय', '#1d70b8', 10),
  ('anganwadi', 'Anganwadi centre', 'आंगनबाड़ी केंद्र', '#d53880', 20),
  ('hsc', 'Health sub-centre', 'स्वास्थ्य उप-केंद्र', '#d4351c', 30),
  ('phc', 'Primary health centre', 'प्राथमिक स्वास्थ्य केंद्र', '#942514', 40),
  ('handpump', 'Handpump', 'चापाकल', '#28a197', 50),
  ('pds_shop', 'PDS shop', 'जन वितरण प्रणाली दुकान', '#f47738', 60),
  ('bc_point', 'Banking correspondent point', 'बैंक मित्र केंद्र', '#4c2c92', 70),
  ('community_hall', 'Community hall', 'सामुदायिक भवन', '#85994b', 80),
  ('solar_light', 'Solar street light', 'सौर स्ट्रीट लाइट', '#ffdd00', 90),
  ('panchayat_bhawan', 'Panchayat bhawan', 'पंचायत भवन', '#0b0c0c', 100);

-- A point on the ground.  The point and photo were checked by the form
-- engine when it was added (geopoint range, photo re-encoded without its
-- metadata: documents.exif_* keep the camera's time and place).
CREATE TABLE amenities (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  type_code VARCHAR(20) NOT NULL,
  location_id INT UNSIGNED NOT NULL COMMENT 'the gram panchayat or one of its villages',
  gp_id INT UNSIGNED NOT NULL COMMENT 'the gram panchayat (location_id itself or its parent)',
  name VARCHAR(150) NOT NULL,
  lat DECIMAL(9,6) NOT NULL,
  lon DECIMAL(9,6) NOT NULL,
  accuracy_m INT UNSIGNED NULL,
  photo_doc_id BIGINT UNSIGNED NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_by INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  last_surveyed_at DATETIME NULL COMMENT 'when a survey visit of it was last approved',
  KEY k_amen_gp (gp_id, type_code),
  KEY k_amen_type (type_code),
  CONSTRAINT fk_amen_type FOREIGN KEY (type_code) REFERENCES amenity_types(code),
  CONSTRAINT fk_amen_loc FOREIGN KEY (location_id) REFERENCES locations(id),
  CONSTRAINT fk_amen_gp FOREIGN KEY (gp_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A survey project: the form every task fills (canonical gramsewa.form/1
-- JSON, frozen once tasks exist), what its tasks point at (one per GP, or
-- one per amenity of the listed types in each GP) and the window in which
-- photos must be taken.
CREATE TABLE survey_projects (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(20) NOT NULL,
  title_en VARCHAR(150) NOT NULL,
  title_hi VARCHAR(150) NOT NULL,
  form MEDIUMTEXT NOT NULL COMMENT 'canonical gramsewa.form/1 JSON',
  target_kind ENUM('gp','amenity') NOT NULL DEFAULT 'gp',
  amenity_types VARCHAR(400) NOT NULL DEFAULT '' COMMENT 'comma list of amenity_types.code for target_kind amenity',
  window_from DATETIME NOT NULL,
  window_to DATETIME NOT NULL,
  status ENUM('open','closed') NOT NULL DEFAULT 'open',
  created_by INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_survey_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One target of a project given to one VLE.  answers holds the form
-- engine's normalised answers of the last submission; flags the reasons a
-- submission needs a closer look (accuracy over the form's threshold, a
-- photo taken outside the window); it is accepted all the same.
CREATE TABLE tasks (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  project_id INT UNSIGNED NOT NULL,
  target_kind ENUM('gp','amenity') NOT NULL,
  target_id INT UNSIGNED NOT NULL COMMENT 'locations.id or amenities.id',
  gp_id INT UNSIGNED NOT NULL COMMENT 'the gram panchayat the task is in (jurisdiction)',
  assignee_id INT UNSIGNED NOT NULL,
  due_date DATE NOT NULL,
  status ENUM('allocated','in_progress','pending_approval','completed','returned','cancelled') NOT NULL DEFAULT 'allocated',
  answers MEDIUMTEXT NULL,
  flags SET('accuracy','photo_time') NOT NULL DEFAULT '',
  lat DECIMAL(9,6) NULL,
  lon DECIMAL(9,6) NULL,
  accuracy_m INT UNSIGNED NULL,
  photo_doc_id BIGINT UNSIGNED NULL,
  allocated_by INT UNSIGNED NOT NULL,
  allocated_at DATETIME NOT NULL,
  started_at DATETIME NULL,
  submitted_at DATETIME NULL,
  submissions SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  decided_by INT UNSIGNED NULL,
  decided_at DATETIME NULL,
  return_note VARCHAR(500) NULL,
  UNIQUE KEY uq_task_target (project_id, target_kind, target_id),
  KEY k_task_assignee (assignee_id, status),
  KEY k_task_gp (gp_id, project_id),
  CONSTRAINT fk_task_project FOREIGN KEY (project_id) REFERENCES survey_projects(id),
  CONSTRAINT fk_task_gp FOREIGN KEY (gp_id) REFERENCES locations(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
