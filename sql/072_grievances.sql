-- 072_grievances: grievances are tickets of kind 'grievance' (issue 15,
-- item 5).  A CSC files one for a fee from its wallet and earns the
-- commission of kind 'grievance'; the citizen may appeal a resolution or
-- rejection to the next level.
ALTER TABLE commission_rules MODIFY kind ENUM('app','bill','grievance') NOT NULL;
ALTER TABLE tickets
  ADD fee_paise INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'paid from the filing CSC''s wallet',
  ADD appeals TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'appeals to the next level so far',
  ADD KEY k_ticket_kind (kind, status, created_at);
