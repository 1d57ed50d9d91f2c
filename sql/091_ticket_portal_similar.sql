-- 091_ticket_portal_similar: portal notifications through the outbox, and
-- the index of similar-ticket suggestions (issue 15, follow-ups).
--
-- A 'portal' message is for a user (recipient: the user's id): it is
-- written in the same transaction as its event, like an SMS, and shown on
-- the user's pages and in GET /api/v1/notifications; "delivering" it
-- sends nothing anywhere (it is marked sent).
ALTER TABLE notifications
  MODIFY channel ENUM('sms','email','portal') NOT NULL,
  ADD KEY k_notif_recipient (recipient, channel, id);

-- While raising (ticket_similar): the newest open tickets of the same sub
-- type at the same place, and of the same raiser, each read backwards in
-- id order (the primary key ends every secondary key) until enough open
-- ones are found, with no sort.
ALTER TABLE tickets
  ADD KEY k_ticket_similar (type_id, location_id),
  ADD KEY k_ticket_raiser_type (raised_by, type_id);
