-- When a pro is removed, the conversations they had pass to another pro of the organization. A row says: replies
-- in threads of `from_account_id` written before `handed_over_at` go to `to_account_id` instead. The messages
-- themselves are not rewritten (their sender and recipients stay what they were); the map is applied when a
-- reply's recipients are resolved, so the client's thread carries on unbroken and the removed address gets nothing.
CREATE TABLE conversation_handovers (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  from_account_id uuid NOT NULL REFERENCES accounts(id),
  to_account_id   uuid NOT NULL REFERENCES accounts(id),
  handed_over_by  uuid REFERENCES accounts(id),
  handed_over_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, from_account_id),
  CHECK (from_account_id <> to_account_id)
);
-- Handing over the conversations of someone who had received others' re-points those rows (see handovers.ts).
CREATE INDEX conversation_handovers_to ON conversation_handovers (organization_id, to_account_id);

-- Drafts saved as they are typed. They belong to the person, not to one membership: removed from the organization
-- they wrote in, they still find what they typed when signed in to another. The whole draft (subject, body,
-- recipients) is one record sealed with the keyring, bound to its id; the database never holds it in the clear.
CREATE TABLE drafts (
  id              uuid PRIMARY KEY,
  account_id      uuid NOT NULL REFERENCES accounts(id),
  organization_id uuid NOT NULL REFERENCES organizations(id),  -- where it was written
  content_sealed  text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX drafts_account ON drafts (account_id, updated_at DESC);
