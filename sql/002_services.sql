-- 002_services: service definitions with versions, change history, and the
-- holiday calendar used for working-day SLAs.

CREATE TABLE services (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(10) NOT NULL,
  department_id INT UNSIGNED NOT NULL,
  status ENUM('active','retired') NOT NULL DEFAULT 'active',
  published_version_id INT UNSIGNED NULL,
  created_by INT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  retired_at DATETIME NULL,
  UNIQUE KEY uq_service_code (code),
  CONSTRAINT fk_service_dept FOREIGN KEY (department_id) REFERENCES departments(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A published version is never changed again: applications filed under it
-- keep it.  Editing a published service makes the next version as a draft.
CREATE TABLE service_versions (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  service_id INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  status ENUM('draft','published','superseded') NOT NULL,
  definition MEDIUMTEXT NOT NULL,
  name_en VARCHAR(200) NOT NULL,
  name_hi VARCHAR(200) NOT NULL,
  created_by INT UNSIGNED NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_by INT UNSIGNED NULL,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  published_by INT UNSIGNED NULL,
  published_at DATETIME NULL,
  UNIQUE KEY uq_service_version (service_id, version),
  CONSTRAINT fk_sv_service FOREIGN KEY (service_id) REFERENCES services(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE services ADD CONSTRAINT fk_service_published FOREIGN KEY (published_version_id) REFERENCES service_versions(id);

-- Who changed what in the designer (also in the audit trail).
CREATE TABLE service_changes (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  service_id INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  summary VARCHAR(255) NOT NULL,
  KEY k_sc_service (service_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Holidays for working-day SLAs: location NULL = the whole state; a
-- district's holidays apply to everything inside it.
CREATE TABLE holidays (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  location_id INT UNSIGNED NULL,
  day DATE NOT NULL,
  name_en VARCHAR(100) NOT NULL,
  name_hi VARCHAR(100) NOT NULL,
  UNIQUE KEY uq_holiday (location_id, day),
  KEY k_holiday_day (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
