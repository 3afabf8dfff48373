-- Single sign-on: each organization's OpenID Connect provider (Microsoft Entra ID, or any standard provider such as
-- Google Workspace or Okta) and which of its verified domains the provider covers. One provider per organization.
-- The client secret is sealed with the keyring (sso/clientSecret.ts); it is opened only to talk to the provider.

-- Lets a coverage row name the domain's organization along with the domain, so a provider covers only its own
-- organization's domains (the composite foreign key below).
CREATE UNIQUE INDEX org_domains_org_and_id ON org_domains (organization_id, id);

CREATE TABLE sso_providers (
  organization_id      uuid PRIMARY KEY REFERENCES organizations(id),
  kind                 text NOT NULL CHECK (kind IN ('entra', 'oidc')),
  display_name         text NOT NULL,                  -- the button says "Continue with <display_name>"
  issuer               text NOT NULL,                  -- exact issuer identifier; Entra: https://login.microsoftonline.com/<tenant>/v2.0
  client_id            text,                           -- null for Entra through Sealpost's own multi-tenant app
  client_secret_sealed text,
  entra_tenant_id      text CHECK (entra_tenant_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  pros_must_use_sso    boolean NOT NULL DEFAULT false, -- password sign-in refused for pros on covered domains
  trust_provider_mfa   boolean NOT NULL DEFAULT false, -- the provider's MFA (amr) meets the 2-step requirement
  created_by           uuid REFERENCES accounts(id),
  updated_by           uuid REFERENCES accounts(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((client_id IS NULL) = (client_secret_sealed IS NULL)),
  CHECK (kind <> 'entra' OR entra_tenant_id IS NOT NULL),
  CHECK (kind <> 'oidc' OR (client_id IS NOT NULL AND entra_tenant_id IS NULL))
);
-- Outlook's Microsoft sign-in names only a tenant; these find the organizations that pinned it.
CREATE INDEX sso_providers_entra_tenant ON sso_providers (entra_tenant_id) WHERE entra_tenant_id IS NOT NULL;

CREATE TABLE sso_provider_domains (
  organization_id uuid NOT NULL REFERENCES sso_providers(organization_id) ON DELETE CASCADE,
  domain_id       uuid NOT NULL,
  PRIMARY KEY (organization_id, domain_id),
  -- a removed domain claim is no longer covered
  FOREIGN KEY (organization_id, domain_id) REFERENCES org_domains(organization_id, id) ON DELETE CASCADE
);
CREATE INDEX sso_provider_domains_domain ON sso_provider_domains (domain_id);
