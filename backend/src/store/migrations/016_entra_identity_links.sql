-- Which Microsoft user (tenant id + object id, `tid` + `oid`) a Sealpost account signed in as, per organization,
-- recorded at its first Microsoft sign-in. Later sign-ins are matched by this link before the address in the token,
-- which is mutable and can be reassigned to someone else (id-token-claims-reference, "Use claims to reliably
-- identify a user"). One link per account and organization; a Microsoft user links to at most one account there.
CREATE TABLE entra_identity_links (
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  account_id      uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  tenant_id       text NOT NULL CHECK (tenant_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  object_id       text NOT NULL CHECK (object_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, account_id),
  UNIQUE (organization_id, tenant_id, object_id)
);
