-- 071_call_centre: the call centre (issue 15, item 4).  Telephony is a
-- provider: we ask it to connect an agent to a number (click-to-call) and
-- it tells us what happened in signed CDR webhooks (POST /cc/cdr).

-- One row per call, inbound or outbound.  provider_ref is the provider's
-- call id: an outbound call has it from the click-to-call answer, an
-- inbound one from its first CDR.
CREATE TABLE call_logs (
  id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  direction ENUM('inbound','outbound') NOT NULL,
  number VARCHAR(15) NOT NULL COMMENT 'the caller''s or callee''s number',
  agent_id INT UNSIGNED NULL,
  status ENUM('requested','ringing','answered','completed','missed','failed') NOT NULL DEFAULT 'requested',
  requested_at DATETIME NULL COMMENT 'outbound: when the agent asked for the call',
  started_at DATETIME NULL,
  answered_at DATETIME NULL,
  ended_at DATETIME NULL,
  duration_s INT UNSIGNED NULL,
  disposition VARCHAR(24) NULL COMMENT 'the agent''s outcome: see telephony.c dispositions',
  note VARCHAR(500) NULL,
  ticket_id BIGINT UNSIGNED NULL,
  recording_url VARCHAR(255) NULL,
  provider_ref VARCHAR(64) NULL,
  cdr_count INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'distinct CDR events received',
  created_at DATETIME NOT NULL,
  UNIQUE KEY uq_call_provider (provider_ref),
  KEY k_call_number (number, id),
  KEY k_call_agent (agent_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every CDR event received once: a provider retrying a webhook sends the
-- same event_id again, which is answered but counted once.
CREATE TABLE call_cdr_events (
  event_id VARCHAR(64) NOT NULL PRIMARY KEY,
  call_id BIGINT UNSIGNED NOT NULL,
  received_at DATETIME NOT NULL,
  body TEXT NOT NULL COMMENT 'the signed body as received'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
