-- 007_dash_indexes: indexes the dashboards' range queries need.
ALTER TABLE app_events ADD KEY k_event_at (at);
ALTER TABLE applications ADD KEY k_app_submitted (submitted_at);
ALTER TABLE certificates ADD KEY k_cert_issued (issued_at);
ALTER TABLE feedback ADD KEY k_feedback_at (at);
