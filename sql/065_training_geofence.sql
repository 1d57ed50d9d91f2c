-- 065_training_geofence: where a participant's phone said it was at a QR
-- check-in (issue 14): the point, its accuracy and the distance to the
-- venue.  NULL when the check-in came without a point (no JavaScript, or
-- the venue has none) or was marked by the organiser; the organiser's
-- page shows those so a doubtful one can be asked about.

ALTER TABLE training_attendance
  ADD COLUMN lat DECIMAL(9,6) NULL COMMENT 'the phone''s point at a QR check-in',
  ADD COLUMN lon DECIMAL(9,6) NULL,
  ADD COLUMN accuracy_m INT UNSIGNED NULL COMMENT 'as the phone reported it',
  ADD COLUMN distance_m INT UNSIGNED NULL COMMENT 'to the venue''s point, when both are known';
