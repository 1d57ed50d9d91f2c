-- 012_refunds: an owed payment is closed when the administrator records the
-- refund made at the gateway (its reference is kept).
ALTER TABLE payment_orders
  MODIFY status ENUM('pending','success','failed','refund_due','refunded') NOT NULL DEFAULT 'pending',
  ADD COLUMN refund_ref VARCHAR(100) NULL;
