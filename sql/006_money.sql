-- 006_money: commissions, online payment orders (gateway and the test-only
-- sandbox), numbered receipts, billers and bill payments.

-- What a CSC operator earns per transaction (e-Mitra model: a fixed amount
-- per application or bill).  key_code NULL = the default for the kind.
CREATE TABLE commission_rules (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  kind ENUM('app','bill') NOT NULL,
  key_code VARCHAR(20) NULL,
  amount_paise INT UNSIGNED NOT NULL,
  UNIQUE KEY uq_commission (kind, key_code)
) ENGINE=InnoDB;

CREATE TABLE payment_orders (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  order_no VARCHAR(32) NOT NULL,
  purpose ENUM('app_fee','topup') NOT NULL,
  app_id BIGINT UNSIGNED NULL,
  user_id INT UNSIGNED NOT NULL,
  amount_paise BIGINT NOT NULL,
  status ENUM('pending','success','failed') NOT NULL DEFAULT 'pending',
  gateway_txn VARCHAR(64) NULL,
  settled_by ENUM('return','callback','reconcile') NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  settled_at DATETIME NULL,
  UNIQUE KEY uq_order_no (order_no),
  KEY k_order_pending (status, created_at),
  KEY k_order_app (app_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every callback or return seen, settled or not (replays, bad checksums).
CREATE TABLE payment_events (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  order_no VARCHAR(64) NOT NULL,
  source ENUM('return','callback','reconcile') NOT NULL,
  status VARCHAR(16) NULL,
  outcome VARCHAR(40) NOT NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ip VARCHAR(45) NULL,
  KEY k_payev_order (order_no)
) ENGINE=InnoDB;

CREATE TABLE receipts (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  receipt_no VARCHAR(32) NOT NULL,
  kind ENUM('payment','bill','topup') NOT NULL,
  ref VARCHAR(64) NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  app_id BIGINT UNSIGNED NULL,
  amount_paise BIGINT NOT NULL,
  details TEXT NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_receipt_no (receipt_no),
  UNIQUE KEY uq_receipt_ref (kind, ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE receipt_seq (
  fy CHAR(7) NOT NULL PRIMARY KEY,
  last INT UNSIGNED NOT NULL
) ENGINE=InnoDB;

CREATE TABLE billers (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(20) NOT NULL,
  name_en VARCHAR(100) NOT NULL,
  name_hi VARCHAR(100) NOT NULL,
  category VARCHAR(30) NOT NULL,
  fetch_label_en VARCHAR(100) NOT NULL,
  fetch_label_hi VARCHAR(100) NOT NULL,
  fetch_pattern VARCHAR(100) NOT NULL,
  min_paise INT UNSIGNED NOT NULL DEFAULT 100,
  max_paise INT UNSIGNED NOT NULL DEFAULT 5000000,
  adapter VARCHAR(200) NOT NULL COMMENT 'sandbox: or an https URL of the biller adapter',
  active TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY uq_biller (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE bills (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  biller_id INT UNSIGNED NOT NULL,
  consumer_no VARCHAR(40) NOT NULL,
  consumer_name VARCHAR(100) NULL,
  amount_paise BIGINT NOT NULL,
  due_date DATE NULL,
  bill_ref VARCHAR(64) NOT NULL,
  status ENUM('fetched','paid','confirmed','failed','refunded') NOT NULL DEFAULT 'fetched',
  operator_id INT UNSIGNED NOT NULL,
  biller_txn VARCHAR(64) NULL,
  idem_key VARCHAR(80) NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  paid_at DATETIME NULL,
  UNIQUE KEY uq_bill_idem (operator_id, idem_key),
  KEY k_bill_operator (operator_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The test-only sandbox gateway's own book of orders (off in production).
CREATE TABLE sandbox_orders (
  order_no VARCHAR(32) NOT NULL PRIMARY KEY,
  amount_paise BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  txn VARCHAR(64) NOT NULL
) ENGINE=InnoDB;

ALTER TABLE applications MODIFY status ENUM('draft','unpaid','pending','returned','approved','rejected') NOT NULL DEFAULT 'draft';
