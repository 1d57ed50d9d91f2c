-- 005_certificates: issued certificates with their signed QR record and
-- signed PDF, revocation and supersession, and verification counts.

CREATE TABLE certificates (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  number VARCHAR(32) NOT NULL,
  app_id BIGINT UNSIGNED NOT NULL,
  service_id INT UNSIGNED NOT NULL,
  holder_id INT UNSIGNED NOT NULL,
  holder_name VARCHAR(100) NOT NULL,
  holder_dob DATE NULL,
  record VARCHAR(800) NOT NULL COMMENT 'the signed compact record (GS1|...)',
  sig CHAR(86) NOT NULL COMMENT 'base64url Ed25519 signature over record',
  kid CHAR(8) NOT NULL,
  facts TEXT NOT NULL COMMENT 'JSON list of printed facts [{en, hi, value}]',
  title_en VARCHAR(200) NOT NULL,
  title_hi VARCHAR(200) NOT NULL,
  dept_code VARCHAR(20) NOT NULL,
  office_id INT UNSIGNED NOT NULL COMMENT 'issuing office',
  signer_role VARCHAR(24) NOT NULL,
  pdf_sha256 CHAR(64) NOT NULL,
  pdf_size INT UNSIGNED NOT NULL,
  issued_by INT UNSIGNED NOT NULL,
  issued_at DATETIME NOT NULL,
  valid_until DATE NULL,
  status ENUM('valid','revoked','superseded') NOT NULL DEFAULT 'valid',
  revoked_at DATETIME NULL,
  revoked_by INT UNSIGNED NULL,
  revoke_reason VARCHAR(500) NULL,
  superseded_by BIGINT UNSIGNED NULL,
  UNIQUE KEY uq_cert_number (number),
  KEY k_cert_app (app_id),
  KEY k_cert_holder (holder_id),
  CONSTRAINT fk_cert_app FOREIGN KEY (app_id) REFERENCES applications(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE verify_daily (
  day DATE NOT NULL,
  result VARCHAR(20) NOT NULL,
  n INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (day, result)
) ENGINE=InnoDB;
