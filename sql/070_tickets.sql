-- 070_tickets: smart support tickets (issue 15).  The catalogue (type →
-- main type → sub type) is configuration, loaded by `gramsewactl
-- ticket-catalogue import FILE.csv`; a ticket always names a sub type and
-- takes its resolver role, priority, SLA hours and SMS templates from it.

CREATE TABLE ticket_types (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  parent_id INT UNSIGNED NULL COMMENT 'the main type of a sub type, the type of a main type',
  level ENUM('type','main','sub') NOT NULL,
  code VARCHAR(32) NOT NULL,
  kind ENUM('support','grievance') NOT NULL DEFAULT 'support',
  name_en VARCHAR(150) NOT NULL,
  name_hi VARCHAR(150) NOT NULL,
  department_id INT UNSIGNED NULL COMMENT 'owning team (a department); NULL: Digital Panchayat itself',
  resolver_role VARCHAR(24) NOT NULL DEFAULT 'bi' COMMENT 'role that resolves a sub type: bi, di, pmu or resolver',
  default_priority TINYINT UNSIGNED NOT NULL DEFAULT 3 COMMENT '1 critical .. 4 low',
  sla_p1 SMALLINT UNSIGNED NOT NULL DEFAULT 4 COMMENT 'working hours to resolve at priority 1',
  sla_p2 SMALLINT UNSIGNED NOT NULL DEFAULT 8,
  sla_p3 SMALLINT UNSIGNED NOT NULL DEFAULT 24,
  sla_p4 SMALLINT UNSIGNED NOT NULL DEFAULT 48,
  auto_close_days SMALLINT UNSIGNED NOT NULL DEFAULT 7 COMMENT 'a resolved ticket closes itself after this many days',
  form_fields MEDIUMTEXT NULL COMMENT 'extra fields: a JSON array in the service field model (form.c)',
  sms_raised_dlt VARCHAR(40) NULL COMMENT 'DLT template of the acknowledgement; NULL: ticket_raised_dlt',
  sms_resolved_dlt VARCHAR(40) NULL COMMENT 'DLT template of the resolution SMS; NULL: ticket_resolved_dlt',
  active TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY uq_ticket_type_code (code),
  KEY k_ticket_type_parent (parent_id, active)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per ticket.  loc_path is the place's materialised path, copied so
-- that jurisdiction lists are one index range; due_at moves on when a pause
-- (awaiting_info) ends by the working time it lasted.
CREATE TABLE tickets (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  number VARCHAR(20) NULL COMMENT 'TK0000123 (support) or GR0000123 (grievance), from the id',
  kind ENUM('support','grievance') NOT NULL,
  type_id INT UNSIGNED NOT NULL COMMENT 'the sub type',
  priority TINYINT UNSIGNED NOT NULL,
  location_id INT UNSIGNED NOT NULL,
  loc_path VARCHAR(255) NOT NULL,
  raised_by INT UNSIGNED NOT NULL,
  raised_for_mobile VARCHAR(10) NULL COMMENT 'the caller or citizen it was raised for',
  channel ENUM('web','app','call','csc','sewak') NOT NULL DEFAULT 'web',
  subject VARCHAR(150) NOT NULL,
  body TEXT NOT NULL,
  answers MEDIUMTEXT NULL COMMENT 'the sub type''s extra fields, checked (form_check)',
  link_kind ENUM('application','certificate','wallet','bill') NULL,
  link_ref VARCHAR(64) NULL,
  assignee_id INT UNSIGNED NULL,
  resolver_role VARCHAR(24) NOT NULL COMMENT 'role the ticket sits with now: the sub type''s, then each escalation''s',
  status ENUM('new','assigned','in_progress','awaiting_info','resolved','closed','rejected','duplicate') NOT NULL DEFAULT 'new',
  created_at DATETIME NOT NULL,
  due_at DATETIME NOT NULL,
  paused_at DATETIME NULL COMMENT 'set while awaiting_info',
  paused_s INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'working seconds spent paused, in all',
  escalation_level TINYINT UNSIGNED NOT NULL DEFAULT 0,
  breached TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'missed its due time at least once',
  reassigned TINYINT UNSIGNED NOT NULL DEFAULT 0,
  reopened TINYINT UNSIGNED NOT NULL DEFAULT 0,
  resolution_code VARCHAR(32) NULL,
  resolved_at DATETIME NULL,
  closed_at DATETIME NULL,
  rating TINYINT UNSIGNED NULL,
  parent_id BIGINT UNSIGNED NULL COMMENT 'a duplicate: the ticket it was merged into',
  updated_at DATETIME NOT NULL,
  UNIQUE KEY uq_ticket_number (number),
  KEY k_ticket_assignee (assignee_id, status),
  KEY k_ticket_raiser (raised_by, status),
  KEY k_ticket_due (status, due_at),
  KEY k_ticket_place (loc_path, status),
  KEY k_ticket_mobile (raised_for_mobile),
  CONSTRAINT fk_ticket_type FOREIGN KEY (type_id) REFERENCES ticket_types(id),
  CONSTRAINT fk_ticket_location FOREIGN KEY (location_id) REFERENCES locations(id),
  CONSTRAINT fk_ticket_raiser FOREIGN KEY (raised_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The thread: every change and every message.  internal = 1 is a note the
-- raiser never sees.
CREATE TABLE ticket_events (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT UNSIGNED NOT NULL,
  at DATETIME(6) NOT NULL,
  actor_id INT UNSIGNED NULL COMMENT 'NULL: the system (escalation, auto-close)',
  action VARCHAR(24) NOT NULL,
  from_status VARCHAR(16) NULL,
  to_status VARCHAR(16) NULL,
  assignee_from INT UNSIGNED NULL,
  assignee_to INT UNSIGNED NULL,
  body TEXT NULL,
  internal TINYINT(1) NOT NULL DEFAULT 0,
  KEY k_ticket_event (ticket_id, id),
  CONSTRAINT fk_ticket_event FOREIGN KEY (ticket_id) REFERENCES tickets(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
