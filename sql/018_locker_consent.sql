-- 018_locker_consent: a citizen's consent that one operator (CSC, Swayam
-- Sewak, JSK) may see every document in the citizen's locker for a visit
-- (consent_ttl seconds).  Without a live row here an operator sees only the
-- documents they uploaded for that citizen (locker.c LOCKER_SEES).

-- Consent codes travel as OTPs with the purpose 'consent:<operator id>', so
-- a code is bound to the operator who asked (the stored hash covers the
-- purpose) and its tries and lock are apart from the citizen's log-in.
ALTER TABLE otps MODIFY purpose VARCHAR(32) NOT NULL COMMENT 'login, reset or consent:<operator id>';

-- One row per consent given; history is kept (withdrawn or expired rows stay).
CREATE TABLE locker_consents (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  citizen_id INT UNSIGNED NOT NULL COMMENT 'whose locker',
  operator_id INT UNSIGNED NOT NULL COMMENT 'who may see all of it',
  via ENUM('otp','citizen') NOT NULL COMMENT 'a code read out at the counter, or the citizen logged in',
  granted_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL COMMENT 'granted_at + consent_ttl',
  withdrawn_at DATETIME NULL COMMENT 'set when the citizen withdrew it early',
  KEY k_consent_pair (citizen_id, operator_id, expires_at),
  KEY k_consent_operator (operator_id, expires_at),
  CONSTRAINT fk_consent_citizen FOREIGN KEY (citizen_id) REFERENCES users(id),
  CONSTRAINT fk_consent_operator FOREIGN KEY (operator_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
