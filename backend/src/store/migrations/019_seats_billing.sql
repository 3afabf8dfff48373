-- Seats bought once per Idempotency-Key: the key and the request's hash stay with the purchase, so a repeat finds it
-- and two racing requests with one key meet at the unique index instead of both charging.
ALTER TABLE seat_purchases ADD COLUMN idempotency_key text;
ALTER TABLE seat_purchases ADD COLUMN request_hash text;
CREATE UNIQUE INDEX seat_purchases_idempotency ON seat_purchases (organization_id, purchased_by, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- Fewer seats from the next period: organizations.seats_purchased drops at once (no new pro may take a seat that is
-- going away), while the month already paid keeps billing them; invoices subtract a reduction from effective_from on.
CREATE TABLE seat_reductions (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  requested_by    uuid NOT NULL REFERENCES accounts(id),
  seats           integer NOT NULL CHECK (seats > 0),
  effective_from  timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seat_reductions_org ON seat_reductions (organization_id, effective_from);

-- Who is billed: the organization's billing address and tax id, printed on its invoices.
CREATE TABLE organization_billing (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id),
  address         text NOT NULL DEFAULT '',
  tax_id          text NOT NULL DEFAULT ''
);

-- Invoice numbers run without gaps per seller: one counter row per seller, locked while a closed month takes the next
-- number, so concurrent issuers queue and a rolled-back issue gives its number back.
CREATE TABLE invoice_counters (
  seller      text PRIMARY KEY,
  last_number integer NOT NULL DEFAULT 0
);
CREATE TABLE invoice_numbers (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  period          text NOT NULL,
  seller          text NOT NULL,
  number          integer NOT NULL,
  issued_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, period),
  UNIQUE (seller, number)
);
