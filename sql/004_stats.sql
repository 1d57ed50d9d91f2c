-- 004_stats: per-day summary rows for dashboards, kept in the same
-- transaction as each state change; `gramsewactl rebuild-stats` recomputes
-- them from applications and events and must give identical numbers.

CREATE TABLE stats_daily (
  day DATE NOT NULL,
  office_id INT UNSIGNED NOT NULL,
  service_id INT UNSIGNED NOT NULL,
  channel ENUM('online','csc','sewak','jsk','counter') NOT NULL,
  received INT UNSIGNED NOT NULL DEFAULT 0,
  tatkal INT UNSIGNED NOT NULL DEFAULT 0,
  approved INT UNSIGNED NOT NULL DEFAULT 0,
  rejected INT UNSIGNED NOT NULL DEFAULT 0,
  returned INT UNSIGNED NOT NULL DEFAULT 0,
  out_of_order INT UNSIGNED NOT NULL DEFAULT 0,
  appeals INT UNSIGNED NOT NULL DEFAULT 0,
  escalated INT UNSIGNED NOT NULL DEFAULT 0,
  disposed_in_sla INT UNSIGNED NOT NULL DEFAULT 0,
  days_sum INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'working days from submission to decision, summed over disposals',
  PRIMARY KEY (day, office_id, service_id, channel),
  KEY k_stats_office (office_id, day)
) ENGINE=InnoDB;

-- Disposals by working days taken, for p90.
CREATE TABLE stats_days (
  day DATE NOT NULL,
  office_id INT UNSIGNED NOT NULL,
  service_id INT UNSIGNED NOT NULL,
  days SMALLINT UNSIGNED NOT NULL,
  n INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (day, office_id, service_id, days)
) ENGINE=InnoDB;
