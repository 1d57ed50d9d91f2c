-- 086_survey_reminders: `gramsewactl survey-remind` (survey.c
-- survey_remind_run) reminds the VLE of each open task due within
-- survey_remind_days or overdue, once a day, and sends each block's BI a
-- digest of the block's overdue tasks, once a day.  The marks below are
-- written in the same transaction as the queued SMS: a run that finds the
-- mark already there (another run, or an earlier one today) sends nothing.

ALTER TABLE tasks
  ADD COLUMN reminded_on DATE NULL COMMENT 'the IST day the assignee was last reminded of this task',
  ADD KEY k_task_due (status, due_date);

CREATE TABLE survey_digests (
  block_id INT UNSIGNED NOT NULL,
  user_id INT UNSIGNED NOT NULL COMMENT 'the BI sent the digest',
  day DATE NOT NULL COMMENT 'the IST day of the run',
  tasks INT UNSIGNED NOT NULL COMMENT 'overdue tasks counted in the digest',
  sent_at DATETIME NOT NULL,
  PRIMARY KEY (block_id, user_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
