-- 076_ticket_sums: summary rows of the ticket dashboards (issue 15), so a
-- dashboard reads a few thousand rows instead of every ticket in its area.
--
-- Each ticket counts once at every level of its place's path, from the
-- state down to the place itself (depth, loc_path: that ancestor; exact: it
-- is the ticket's own place), so a dashboard reads the rows of one level
-- under one place, however many tickets lie below.  Within a level a row is
-- keyed by the day raised, sub type, priority, assignee, (while its clock
-- runs) the day the ticket falls due and, at the state, division and
-- district levels, a slot (the id modulo 8, so a busy key there is eight
-- rows and raises at once do not queue on one); a resolved ticket also counts
-- in one of the row's 24 resolution-time buckets h1..h24.  Every change of
-- a ticket (ticket.c, ticket_sum.c) takes its old contribution away and
-- adds the new one in the same transaction, so the rows stay equal to a
-- count of the tickets; the keys spread the writes (no row for the whole
-- state: a state-level row is one day, sub type, priority and assignee).
-- `gramsewactl ticket-sums rebuild` recomputes them from the tickets.
--
-- hK: resolved tickets whose resolution time (raised → resolved) in minutes
-- m falls in bucket K = 1 when m < 15, else 2 + FLOOR(2 * LOG2(m / 15)), at
-- most 24 (buckets grow by √2: the median read from them is within one).
-- due_day: the day a running ticket (new, assigned, in progress) falls
-- due, so "overdue now" is the rows due before today plus the tickets due
-- earlier today (index k_ticket_due); 9999-12-31 for every other status.
CREATE TABLE ticket_sums (
  depth TINYINT UNSIGNED NOT NULL COMMENT 'the level: depth of the place in loc_path',
  loc_path VARCHAR(255) NOT NULL COMMENT 'the materialised path of the ticket place''s ancestor at that depth',
  exact TINYINT(1) NOT NULL COMMENT '1: that is the ticket''s own place',
  day DATE NOT NULL COMMENT 'raised on (IST)',
  type_id INT UNSIGNED NOT NULL,
  priority TINYINT UNSIGNED NOT NULL,
  assignee_id INT UNSIGNED NOT NULL COMMENT '0: nobody',
  due_day DATE NOT NULL COMMENT 'a running ticket''s due day; 9999-12-31 for the rest',
  slot TINYINT UNSIGNED NOT NULL COMMENT 'depth 0-2 (rows every block below shares): the ticket id modulo 8, so a busy key is eight rows; else 0',
  n INT NOT NULL COMMENT 'tickets',
  open INT NOT NULL COMMENT 'of them new, assigned, in progress or awaiting info',
  resolved INT NOT NULL COMMENT 'resolved (resolved_at set)',
  in_sla INT NOT NULL COMMENT 'resolved without a breach',
  reopened INT NOT NULL COMMENT 'resolved and reopened at least once',
  h1 INT NOT NULL DEFAULT 0,
  h2 INT NOT NULL DEFAULT 0,
  h3 INT NOT NULL DEFAULT 0,
  h4 INT NOT NULL DEFAULT 0,
  h5 INT NOT NULL DEFAULT 0,
  h6 INT NOT NULL DEFAULT 0,
  h7 INT NOT NULL DEFAULT 0,
  h8 INT NOT NULL DEFAULT 0,
  h9 INT NOT NULL DEFAULT 0,
  h10 INT NOT NULL DEFAULT 0,
  h11 INT NOT NULL DEFAULT 0,
  h12 INT NOT NULL DEFAULT 0,
  h13 INT NOT NULL DEFAULT 0,
  h14 INT NOT NULL DEFAULT 0,
  h15 INT NOT NULL DEFAULT 0,
  h16 INT NOT NULL DEFAULT 0,
  h17 INT NOT NULL DEFAULT 0,
  h18 INT NOT NULL DEFAULT 0,
  h19 INT NOT NULL DEFAULT 0,
  h20 INT NOT NULL DEFAULT 0,
  h21 INT NOT NULL DEFAULT 0,
  h22 INT NOT NULL DEFAULT 0,
  h23 INT NOT NULL DEFAULT 0,
  h24 INT NOT NULL DEFAULT 0,
  PRIMARY KEY (depth, loc_path, day, type_id, priority, assignee_id, due_day, exact, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the tickets already there (the same expressions as ticket_sum.c)
INSERT INTO ticket_sums (depth, loc_path, exact, day, type_id, priority, assignee_id, due_day, slot, n, open, resolved, in_sla,
                         reopened, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15, h16, h17, h18, h19, h20, h21, h22, h23, h24)
SELECT lv.seq, CONCAT(SUBSTRING_INDEX(t.loc_path, '/', lv.seq + 2), '/'), lv.seq = t.td, DATE(t.created_at), t.type_id,
       t.priority, IFNULL(t.assignee_id, 0), IF(t.status IN ('new','assigned','in_progress'), DATE(t.due_at), '9999-12-31'),
       IF(lv.seq < 3, t.id % 8, 0),
       COUNT(*), SUM(status IN ('new','assigned','in_progress','awaiting_info')), SUM(resolved_at IS NOT NULL),
       SUM(resolved_at IS NOT NULL AND breached = 0), SUM(resolved_at IS NOT NULL AND reopened > 0),
       SUM(b = 1), SUM(b = 2), SUM(b = 3), SUM(b = 4), SUM(b = 5), SUM(b = 6), SUM(b = 7), SUM(b = 8), SUM(b = 9), SUM(b = 10), SUM(b = 11), SUM(b = 12), SUM(b = 13), SUM(b = 14), SUM(b = 15), SUM(b = 16), SUM(b = 17), SUM(b = 18), SUM(b = 19), SUM(b = 20), SUM(b = 21), SUM(b = 22), SUM(b = 23), SUM(b = 24)
FROM (SELECT *, IF(resolved_at IS NULL, 0, IF(TIMESTAMPDIFF(MINUTE, created_at, resolved_at) < 15, 1,
        LEAST(24, 2 + FLOOR(2 * LOG2(TIMESTAMPDIFF(MINUTE, created_at, resolved_at) / 15))))) AS b,
        LENGTH(loc_path) - LENGTH(REPLACE(loc_path, '/', '')) - 2 AS td FROM tickets) t
JOIN seq_0_to_15 lv ON lv.seq <= t.td
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
