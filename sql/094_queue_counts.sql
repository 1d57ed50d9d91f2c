-- 094_queue_counts: how many applications wait at each desk, kept as they
-- move instead of counted per desk page.  Counting the queue read a key
-- entry per waiting application: at 4,000 waiting that was ~3 ms of
-- mariadbd for every view of the desk (bench/mixed.sh, issue 17).
--
-- A row per (office, role, service, Tatkal or not, shard) holds a count of
-- the pending applications at that stage.  The triggers below change it in
-- the same statement (so the same transaction) that moves an application
-- in or out, whatever moved it: filing, every workflow action, escalation,
-- gramsewactl, a test's own UPDATE.  The shard (the application's id mod
-- 4) keeps one busy desk from being one row every filing and forward
-- waits on until its commit.  A desk's count is the sum of its rows
-- (workflow.c wf_counts); the service in the key lets a department's
-- officer count their department's applications only.
CREATE TABLE queue_counts (
  office_id INT UNSIGNED NOT NULL,
  role VARCHAR(24) NOT NULL,
  service_id INT UNSIGNED NOT NULL,
  tatkal TINYINT(1) NOT NULL,
  shard TINYINT UNSIGNED NOT NULL,
  n INT NOT NULL DEFAULT 0,
  PRIMARY KEY (office_id, role, service_id, tatkal, shard)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO queue_counts (office_id, role, service_id, tatkal, shard, n)
  SELECT stage_office_id, stage_role, service_id, tatkal, id % 4, COUNT(*) FROM applications
  WHERE status = 'pending' AND stage_office_id IS NOT NULL AND stage_role IS NOT NULL
  GROUP BY stage_office_id, stage_role, service_id, tatkal, id % 4;

CREATE TRIGGER queue_counts_ins AFTER INSERT ON applications FOR EACH ROW
  IF NEW.status = 'pending' AND NEW.stage_office_id IS NOT NULL AND NEW.stage_role IS NOT NULL THEN
    INSERT INTO queue_counts (office_id, role, service_id, tatkal, shard, n)
      VALUES (NEW.stage_office_id, NEW.stage_role, NEW.service_id, NEW.tatkal, NEW.id % 4, 1)
      ON DUPLICATE KEY UPDATE n = n + 1;
  END IF;

-- only a change of what the key holds touches the counts (a claim, a
-- remark, a due date do not)
CREATE TRIGGER queue_counts_upd AFTER UPDATE ON applications FOR EACH ROW
  IF NOT (OLD.status <=> NEW.status AND OLD.stage_office_id <=> NEW.stage_office_id AND OLD.stage_role <=> NEW.stage_role
          AND OLD.service_id <=> NEW.service_id AND OLD.tatkal <=> NEW.tatkal) THEN
    IF OLD.status = 'pending' AND OLD.stage_office_id IS NOT NULL AND OLD.stage_role IS NOT NULL THEN
      UPDATE queue_counts SET n = n - 1 WHERE office_id = OLD.stage_office_id AND role = OLD.stage_role
        AND service_id = OLD.service_id AND tatkal = OLD.tatkal AND shard = OLD.id % 4;
    END IF;
    IF NEW.status = 'pending' AND NEW.stage_office_id IS NOT NULL AND NEW.stage_role IS NOT NULL THEN
      INSERT INTO queue_counts (office_id, role, service_id, tatkal, shard, n)
        VALUES (NEW.stage_office_id, NEW.stage_role, NEW.service_id, NEW.tatkal, NEW.id % 4, 1)
        ON DUPLICATE KEY UPDATE n = n + 1;
    END IF;
  END IF;

CREATE TRIGGER queue_counts_del AFTER DELETE ON applications FOR EACH ROW
  IF OLD.status = 'pending' AND OLD.stage_office_id IS NOT NULL AND OLD.stage_role IS NOT NULL THEN
    UPDATE queue_counts SET n = n - 1 WHERE office_id = OLD.stage_office_id AND role = OLD.stage_role
      AND service_id = OLD.service_id AND tatkal = OLD.tatkal AND shard = OLD.id % 4;
  END IF;
