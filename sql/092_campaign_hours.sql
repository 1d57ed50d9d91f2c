-- 092_campaign_hours: each Jan Samvad campaign's own calling window (issue
-- 15, follow-up): the hours of the day (IST) and the days of the week its
-- beneficiaries are called, retried and called back.  NULL hours: the
-- campaign_hours setting, as before.
ALTER TABLE campaigns
  ADD call_from TIME NULL COMMENT 'calls from this time of day (IST); NULL: campaign_hours',
  ADD call_to TIME NULL COMMENT '... until this time (after call_from); NULL: campaign_hours',
  ADD call_days TINYINT UNSIGNED NOT NULL DEFAULT 127 COMMENT 'days of the week called: bit 0 Sunday ... bit 6 Saturday';
