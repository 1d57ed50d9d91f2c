-- 009_queue_order: the desk queue is read in serving order (Tatkal first,
-- then by arrival) straight from the index, without sorting the queue.
-- MariaDB 10.8+ keeps descending key parts.
ALTER TABLE applications
  DROP KEY k_app_queue,
  ADD KEY k_app_queue (stage_office_id, stage_role, status, tatkal DESC, queued_at, id);
