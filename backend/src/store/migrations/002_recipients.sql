-- Recipients: organization policies, invitations, claimed domains, seat purchases and 2-step verification.

ALTER TABLE organizations
  ADD COLUMN invitation_expiry_days integer NOT NULL DEFAULT 7 CHECK (invitation_expiry_days BETWEEN 1 AND 30),
  ADD COLUMN auto_provision text NOT NULL DEFAULT 'off' CHECK (auto_provision IN ('off', 'guest', 'pro')),
  ADD COLUMN require_two_step boolean NOT NULL DEFAULT false;

-- Pros with status active or invited hold seats; this index makes counting them cheap.
CREATE INDEX memberships_seats ON memberships (organization_id) WHERE type = 'pro' AND status IN ('active', 'invited');

-- One row per invitation of a person to an organization. The link's token is stored as SHA-256 only, and only
-- while the link is live: resending replaces it, using or revoking clears it.
CREATE TABLE invitations (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  account_id      uuid NOT NULL REFERENCES accounts(id),
  email           text NOT NULL,
  name            text,
  phone           text,
  type            text NOT NULL CHECK (type IN ('pro', 'guest')),
  invited_by      uuid REFERENCES accounts(id),
  token_hash      text UNIQUE,
  expires_at      timestamptz NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked')),
  send_count      integer NOT NULL DEFAULT 1,
  first_sent_at   timestamptz NOT NULL DEFAULT now(),
  last_sent_at    timestamptz NOT NULL DEFAULT now(),
  accepted_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX invitations_one_pending ON invitations (organization_id, account_id) WHERE status = 'pending';
CREATE INDEX invitations_org ON invitations (organization_id, created_at DESC);

-- Domains an organization claims; proven by a DNS TXT record. A domain is verified by one organization at most.
CREATE TABLE org_domains (
  id                 uuid PRIMARY KEY,
  organization_id    uuid NOT NULL REFERENCES organizations(id),
  domain             text NOT NULL,
  verification_token text NOT NULL,
  created_by         uuid REFERENCES accounts(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  verified_at        timestamptz,
  UNIQUE (organization_id, domain)
);
CREATE UNIQUE INDEX org_domains_verified_once ON org_domains (domain) WHERE verified_at IS NOT NULL;

-- The seat ledger: every purchase is a row; organizations.seats_purchased is its running total.
CREATE TABLE seat_purchases (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organizations(id),
  purchased_by     uuid NOT NULL REFERENCES accounts(id),
  seats            integer NOT NULL CHECK (seats > 0),
  unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seat_purchases_org ON seat_purchases (organization_id, created_at);

-- 2-step verification (TOTP) belongs to the person, not to one organization. The secret is sealed with the keyring.
CREATE TABLE two_step_secrets (
  account_id      uuid PRIMARY KEY REFERENCES accounts(id),
  secret_sealed   text NOT NULL,
  enabled_at      timestamptz,                    -- null while enrollment is not confirmed
  last_used_step  bigint,                         -- a code's time step can be used once
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recovery_codes (
  account_id      uuid NOT NULL REFERENCES accounts(id),
  code_hash       text NOT NULL,
  used_at         timestamptz,
  PRIMARY KEY (account_id, code_hash)
);

-- Sign-in that still needs its second step hands out a short-lived challenge token of this purpose.
ALTER TABLE one_time_tokens DROP CONSTRAINT one_time_tokens_purpose_check;
ALTER TABLE one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check
  CHECK (purpose IN ('signup', 'password_reset', 'two_step_challenge'));
