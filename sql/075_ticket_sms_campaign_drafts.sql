-- 075_ticket_sms_campaign_drafts: the acknowledgement and resolution SMS of a sub
-- type in English and Hindi (issue 15, phase 2 item 4).  The text goes in
-- the recipient's language (users.lang; a caller or citizen by the user
-- who has that mobile); NULL falls back to the generic text of that
-- language (templates/lang: ticket.sms.*).  Placeholders: {number},
-- {subject}, {due}, {text}, {days}.
ALTER TABLE ticket_types
  ADD sms_raised_en VARCHAR(300) NULL COMMENT 'acknowledgement in English; NULL: the generic one',
  ADD sms_raised_hi VARCHAR(300) NULL COMMENT 'acknowledgement in Hindi; NULL: the generic one',
  ADD sms_resolved_en VARCHAR(300) NULL COMMENT 'resolution SMS in English; NULL: the generic one',
  ADD sms_resolved_hi VARCHAR(300) NULL COMMENT 'resolution SMS in Hindi; NULL: the generic one';

-- A campaign defined on its page (/admin/campaigns) starts as a draft:
-- nobody calls for it until it is made active with at least one question.
ALTER TABLE campaigns MODIFY status ENUM('draft','active','closed') NOT NULL DEFAULT 'active';
