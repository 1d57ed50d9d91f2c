-- 062_learning: the e-learning library (PHASE2 §(b)): videos, slides, PDFs
-- and SOPs in Hindi or English, with tags, an audience, versions, and each
-- person's progress.

-- Items, versioned: ikey names an item across versions, one version
-- active; progress is per version (a new version is a new thing to watch).
CREATE TABLE learning_items (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  ikey VARCHAR(40) NOT NULL,
  version SMALLINT UNSIGNED NOT NULL,
  kind ENUM('video','ppt','pdf','sop') NOT NULL,
  lang ENUM('en','hi') NOT NULL,
  title VARCHAR(200) NOT NULL,
  description VARCHAR(1000) NULL,
  tags VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'comma-separated',
  audience VARCHAR(200) NOT NULL COMMENT 'role codes, comma-separated',
  mandatory TINYINT NOT NULL DEFAULT 0,
  sha256 CHAR(64) NOT NULL COMMENT 'the file in data_dir/blobs',
  size BIGINT UNSIGNED NOT NULL,
  mime VARCHAR(100) NOT NULL,
  status ENUM('active','retired') NOT NULL DEFAULT 'active',
  created_by INT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_li_version (ikey, version),
  KEY k_li_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE learning_progress (
  item_id INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  pct TINYINT UNSIGNED NOT NULL COMMENT 'furthest point reached, 0-100',
  updated_at DATETIME NOT NULL,
  completed_at DATETIME NULL,
  PRIMARY KEY (item_id, user_id),
  KEY k_lp_user (user_id),
  CONSTRAINT fk_lp_item FOREIGN KEY (item_id) REFERENCES learning_items(id)
) ENGINE=InnoDB;
