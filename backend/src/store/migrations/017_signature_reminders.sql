-- Reminders of signature requests (issue #15): an organization sets how many days pass between emails to a signer
-- whose turn it is (0 turns reminders off), and each signer row remembers when that signer was last emailed about
-- the request (asked or reminded), which is what a reminder sweep on any instance claims, so it sends once.
ALTER TABLE organizations ADD COLUMN signature_reminder_days integer NOT NULL DEFAULT 2
  CHECK (signature_reminder_days BETWEEN 0 AND 30);
ALTER TABLE signature_signers ADD COLUMN last_emailed_at timestamptz;
-- the sweep looks only at open requests
CREATE INDEX signature_requests_open ON signature_requests (created_at) WHERE status = 'open';
