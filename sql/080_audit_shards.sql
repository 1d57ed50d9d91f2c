-- 080_audit_shards: the audit trail as several hash chains ("shards") so
-- that audited changes of unrelated offices and users no longer queue on
-- one head row, plus anchors that chain the shards' heads together.
--
-- Shard 0 is the single chain written before this migration: its rows keep
-- their hashes (seq = id, the old formula) and it is written no more.
-- Shards 1..64 are the live chains; audit_write picks one of the first
-- audit_shards (config) by office or user, and chains the row to that
-- shard's head.  An anchor (gramsewactl audit-anchor, every minute)
-- records each shard's head that moved since the last anchor and is itself
-- chained, so a shard whose tail was cut off or rewritten no longer matches
-- what an anchor saw.

ALTER TABLE audit_log
  ADD COLUMN shard TINYINT UNSIGNED NOT NULL DEFAULT 0 AFTER id,
  ADD COLUMN seq BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER shard;

-- the old rows' position in their chain is their id; the triggers refuse
-- every UPDATE, so they step aside for this one
DROP TRIGGER audit_no_update;
UPDATE audit_log SET seq = id;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';

ALTER TABLE audit_log ADD UNIQUE KEY uq_audit_chain (shard, seq);

-- one head per shard: id is the shard; last_id is now the shard's last seq
UPDATE audit_head SET id = 0 WHERE id = 1;
INSERT INTO audit_head (id, last_id, last_hash)
  WITH RECURSIVE s (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 64)
  SELECT n, 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM s;

-- the anchors: each one chained to the one before, over the shard heads it
-- records (only those that moved since the anchor before)
CREATE TABLE audit_anchors (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL
) ENGINE=InnoDB;

CREATE TABLE audit_anchor_heads (
  anchor_id BIGINT UNSIGNED NOT NULL,
  shard TINYINT UNSIGNED NOT NULL,
  seq BIGINT UNSIGNED NOT NULL,
  hash CHAR(64) NOT NULL,
  PRIMARY KEY (anchor_id, shard),
  KEY k_anchor_shard (shard, seq)
) ENGINE=InnoDB;

-- the one row anchor writers lock, so two runs never fork the anchor chain
CREATE TABLE audit_anchor_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  last_id BIGINT UNSIGNED NOT NULL,
  last_hash CHAR(64) NOT NULL
) ENGINE=InnoDB;
INSERT INTO audit_anchor_head VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE ON audit_anchors FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_anchors is append-only';
CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchors FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_anchors is append-only';
