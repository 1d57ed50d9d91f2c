-- 063_exam_scope: the rest of the exam settings of PHASE2 §(c) — an
-- audience by place as well as role (a DI's exam for the district, a BI's
-- for the block), per-person overrides that say who set them and why, a
-- DI's one reset of a person's attempts, and the slot a sequential attempt
-- has reached.

-- place_id: people sit the exam only through a holding at or under this
-- place (NULL: anywhere in the state).
ALTER TABLE exams
  ADD place_id INT UNSIGNED NULL COMMENT 'audience place (locations.id); NULL = the whole state' AFTER audience;

ALTER TABLE exam_overrides
  ADD reason VARCHAR(300) NULL,
  ADD set_by INT UNSIGNED NULL,
  ADD set_at DATETIME NULL;

-- cur_slot: with nav = 'seq' the only slot that may be answered; a save
-- there moves it on, and nothing before it can be shown or changed.
ALTER TABLE exam_attempts
  ADD cur_slot SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'seq navigation: the slot reached';

-- One reset per person and exam (the primary key says "one"):
-- attempts_before is how many attempts the person had used, and no longer
-- count against max_attempts.
CREATE TABLE exam_resets (
  exam_id INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NOT NULL,
  attempts_before SMALLINT UNSIGNED NOT NULL,
  reason VARCHAR(300) NOT NULL,
  reset_by INT UNSIGNED NOT NULL,
  reset_at DATETIME NOT NULL,
  PRIMARY KEY (exam_id, user_id),
  CONSTRAINT fk_reset_exam FOREIGN KEY (exam_id) REFERENCES exams(id)
) ENGINE=InnoDB;
