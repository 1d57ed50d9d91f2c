-- 017_revoked_status: an application whose certificate has been revoked says
-- so itself (status 'revoked', set with the certificate's revocation in one
-- transaction), so /my, the desk, /track and the API show it without
-- looking at the certificate.  Existing revocations are marked too.
ALTER TABLE applications
  MODIFY status ENUM('draft','unpaid','pending','returned','approved','rejected','revoked') NOT NULL DEFAULT 'draft';
UPDATE applications a JOIN certificates c ON c.app_id = a.id
  SET a.status = 'revoked' WHERE c.status = 'revoked' AND a.status = 'approved';
