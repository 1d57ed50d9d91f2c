-- 076_ticket_sums: summary rows of the ticket dashboards (issue 15), so a
-- dashboard reads a few thousand rows instead of every ticket in its area.
--
-- Each ticket counts in exactly one row, keyed by its place, the day it was
-- raised, sub type, priority, assignee, resolution-time bucket and (while
-- its clock runs) the day it falls due.  Every change of a ticket (ticket.c,
-- ticket_sum.c) takes its old contribution away and adds the new one in the
-- same transaction, so the rows stay equal to a count of the tickets; the
-- many keys spread the writes (no row for the whole state).
-- `gramsewactl ticket-sums rebuild` recomputes them from the tickets.
--
-- rbucket: 0 while unresolved; else the resolution time (raised → resolved)
-- in minutes m: 1 when m < 15, else 2 + FLOOR(2 * LOG2(m / 15)), at most 24
-- (buckets grow by √2: the median read from them is within one bucket).
-- due_day: the day a running ticket (new, assigned, in progress) falls
-- due, so "overdue now" is the rows due before today plus the tickets due
-- earlier today (index k_ticket_due); 9999-12-31 for every other status.
CREATE TABLE ticket_sums (
  loc_path VARCHAR(255) NOT NULL COMMENT 'the ticket place''s materialised path',
  day DATE NOT NULL COMMENT 'raised on (IST)',
  type_id INT UNSIGNED NOT NULL,
  priority TINYINT UNSIGNED NOT NULL,
  assignee_id INT UNSIGNED NOT NULL COMMENT '0: nobody',
  rbucket TINYINT UNSIGNED NOT NULL,
  due_day DATE NOT NULL,
  location_id INT UNSIGNED NOT NULL,
  n INT NOT NULL COMMENT 'tickets',
  open INT NOT NULL COMMENT 'of them new, assigned, in progress or awaiting info',
  resolved INT NOT NULL COMMENT 'resolved (resolved_at set)',
  in_sla INT NOT NULL COMMENT 'resolved without a breach',
  reopened INT NOT NULL COMMENT 'resolved and reopened at least once',
  PRIMARY KEY (loc_path, day, type_id, priority, assignee_id, rbucket, due_day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the tickets already there (the same expressions as ticket_sum.c)
INSERT INTO ticket_sums (loc_path, day, type_id, priority, assignee_id, rbucket, due_day, location_id, n, open, resolved,
                         in_sla, reopened)
SELECT loc_path, DATE(created_at), type_id, priority, IFNULL(assignee_id, 0),
       IF(resolved_at IS NULL, 0, IF(TIMESTAMPDIFF(MINUTE, created_at, resolved_at) < 15, 1,
          LEAST(24, 2 + FLOOR(2 * LOG2(TIMESTAMPDIFF(MINUTE, created_at, resolved_at) / 15))))),
       IF(status IN ('new','assigned','in_progress'), DATE(due_at), '9999-12-31'), MIN(location_id), COUNT(*),
       SUM(status IN ('new','assigned','in_progress','awaiting_info')), SUM(resolved_at IS NOT NULL),
       SUM(resolved_at IS NOT NULL AND breached = 0), SUM(resolved_at IS NOT NULL AND reopened > 0)
FROM tickets GROUP BY 1, 2, 3, 4, 5, 6, 7;
