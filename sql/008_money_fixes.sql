-- 008_money_fixes: a payment that arrives for an application already paid
-- is owed back to the payer; one default commission per kind.

-- 'refund_due': the gateway took the money but the application had been
-- paid already (a second order, or a success after we gave up on it).
ALTER TABLE payment_orders
  MODIFY status ENUM('pending','success','failed','refund_due') NOT NULL DEFAULT 'pending';

-- NULL key codes (the defaults) were never equal, so a second default could
-- be added; the unique key is now over the code with '' for the default.
DELETE c1 FROM commission_rules c1 JOIN commission_rules c2
  ON c1.kind = c2.kind AND c1.key_code IS NULL AND c2.key_code IS NULL AND c1.id > c2.id;
ALTER TABLE commission_rules
  ADD COLUMN key_norm VARCHAR(20) AS (IFNULL(key_code, '')) PERSISTENT,
  DROP INDEX uq_commission,
  ADD UNIQUE KEY uq_commission (kind, key_norm);
