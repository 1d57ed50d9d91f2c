-- 089_cache_versions: a version number per table that workers copy into
-- memory (issue 15: a ticket's raise read its sub type, SLA, SMS texts and
-- working calendar from the database every time).  Triggers bump the row of
-- the table on every insert, update and delete, whoever writes (the
-- catalogue import, the holidays seed, SQL by hand), so a worker that reads
-- an unchanged version keeps its copy and one that reads a new one drops it
-- (src/ticket_cache.c: one read of the versions per request that uses them).
CREATE TABLE cache_versions (
  name VARCHAR(40) NOT NULL PRIMARY KEY COMMENT 'the table copied',
  version BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'bumped by the table''s triggers on every change'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO cache_versions (name) VALUES ('ticket_types'), ('holidays');

CREATE TRIGGER ticket_types_version_ins AFTER INSERT ON ticket_types FOR EACH ROW
  UPDATE cache_versions SET version = version + 1 WHERE name = 'ticket_types';
CREATE TRIGGER ticket_types_version_upd AFTER UPDATE ON ticket_types FOR EACH ROW
  UPDATE cache_versions SET version = version + 1 WHERE name = 'ticket_types';
CREATE TRIGGER ticket_types_version_del AFTER DELETE ON ticket_types FOR EACH ROW
  UPDATE cache_versions SET version = version + 1 WHERE name = 'ticket_types';
CREATE TRIGGER holidays_version_ins AFTER INSERT ON holidays FOR EACH ROW
  UPDATE cache_versions SET version = version + 1 WHERE name = 'holidays';
CREATE TRIGGER holidays_version_upd AFTER UPDATE ON holidays FOR EACH ROW
  UPDATE cache_versions SET version = version + 1 WHERE name = 'holidays';
CREATE TRIGGER holidays_version_del AFTER DELETE ON holidays FOR EACH ROW
  UPDATE cache_versions SET version = version + 1 WHERE name = 'holidays';
