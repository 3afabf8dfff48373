-- Organization API tokens: a back-office system (a directory provisioning through SCIM, for a start) calls with one.
-- Only the SHA-256 of the secret is kept; the prefix (shown in lists) finds the row. A token works with the
-- standing of the admin who created it and only on the routes its scopes name; revoking it takes effect at once.
CREATE TABLE api_tokens (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  name            text NOT NULL,
  prefix          text NOT NULL UNIQUE,
  secret_hash     text NOT NULL,
  scopes          text[] NOT NULL,
  created_by      uuid NOT NULL REFERENCES accounts(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  revoked_at      timestamptz
);
CREATE INDEX api_tokens_organization ON api_tokens (organization_id, created_at);

-- What a directory says of a member it provisions through SCIM, per organization: its own id of the person
-- (externalId, which Entra matches on after the first sync) and the name parts it sends one by one.
CREATE TABLE scim_identities (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  account_id      uuid NOT NULL REFERENCES accounts(id),
  external_id     text,
  given_name      text,
  family_name     text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, account_id)
);
