-- 083_mpr_levels_sources: MPRs of blocks and districts, and figures the
-- system fills itself (issue 13 item 5).
--
-- A report's place is now a place of its definition's level (a gram
-- panchayat, a block or a district); the approvals keep their columns:
-- bi_* is the first of two approvals (a GP's: the block in-charge), di_*
-- the final one (a GP's: the district in-charge; a block's: the
-- district; a district's: the state).
--
-- computed: the figures the definition's sources gave when the report was
-- last saved ({"field": n}), kept beside the answers so a figure the
-- filer changed (where the definition lets them) shows what the system
-- had counted.  NULL for a report without sources.
ALTER TABLE mpr_reports
  MODIFY location_id INT UNSIGNED NOT NULL COMMENT 'the place: a GP, block or district (the definition''s level)',
  ADD COLUMN computed TEXT NULL COMMENT 'figures from the system when last saved, JSON {field: n}' AFTER data;

-- One query per source and month (mpr.c, source_value), each from the
-- place to its rows of the month: the entries put in each of the place's
-- books in a month are a range of the first index; a VLE's applications
-- submitted in a month of the second; a person's attendances are found by
-- the third (the primary key starts with the training); a place's tickets
-- raised in a month are read from the fourth alone.
ALTER TABLE register_entries ADD KEY k_rentry_submitted (book_id, submitted_at);
ALTER TABLE applications ADD KEY k_app_filer_submitted (filed_by, submitted_at);
ALTER TABLE training_attendance ADD KEY k_ta_user (user_id);
ALTER TABLE tickets ADD KEY k_ticket_place_created (loc_path, created_at);
