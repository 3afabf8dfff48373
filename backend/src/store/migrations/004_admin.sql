-- The admin page: member search with keyset pages, the secure-send policy, audit lookups, organization branding.

-- Each membership carries its person's lower-cased name, surname (last word of the name) and email, kept in step
-- with accounts by the triggers below, so one organization's members can be searched by prefix and paged in name,
-- email, joining or sign-in order straight from an index, however many members and organizations there are.
-- COLLATE "C" (byte order) makes prefix LIKE index-backed and the order the same on PGlite and any server locale.
ALTER TABLE memberships
  ADD COLUMN sort_name text COLLATE "C",
  ADD COLUMN sort_surname text COLLATE "C",
  ADD COLUMN sort_email text COLLATE "C";

UPDATE memberships m
   SET sort_name = lower(btrim(a.name)),
       sort_surname = regexp_replace(lower(btrim(a.name)), '^.*\s', ''),
       sort_email = a.email
  FROM accounts a
 WHERE a.id = m.account_id;

CREATE FUNCTION sealpost_membership_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT lower(btrim(a.name)), regexp_replace(lower(btrim(a.name)), '^.*\s', ''), a.email
    INTO NEW.sort_name, NEW.sort_surname, NEW.sort_email
    FROM accounts a WHERE a.id = NEW.account_id;
  RETURN NEW;
END
$$;

CREATE TRIGGER memberships_sort_keys BEFORE INSERT OR UPDATE OF account_id ON memberships
  FOR EACH ROW EXECUTE FUNCTION sealpost_membership_sort_keys();

CREATE FUNCTION sealpost_account_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships
     SET sort_name = lower(btrim(NEW.name)),
         sort_surname = regexp_replace(lower(btrim(NEW.name)), '^.*\s', ''),
         sort_email = NEW.email
   WHERE account_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER accounts_sort_keys AFTER UPDATE OF name, email ON accounts
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION sealpost_account_sort_keys();

ALTER TABLE memberships
  ALTER COLUMN sort_name SET NOT NULL,
  ALTER COLUMN sort_surname SET NOT NULL,
  ALTER COLUMN sort_email SET NOT NULL;

-- One index per sort order; the trailing account_id makes every key unique, which keyset pages need.
CREATE INDEX memberships_by_name ON memberships (organization_id, sort_name, account_id);
CREATE INDEX memberships_by_email ON memberships (organization_id, sort_email, account_id);
CREATE INDEX memberships_by_surname ON memberships (organization_id, sort_surname);
CREATE INDEX memberships_by_joined ON memberships (organization_id, created_at, account_id);
-- Never signed in sorts as 1970-01-01: a finite key, so cursors need no special case.
CREATE INDEX memberships_by_login ON memberships
  (organization_id, (COALESCE(last_login_at, 'epoch'::timestamptz)), account_id);
-- Rare statuses (removed, blocked, invited) and the few people with roles are found without walking everyone.
CREATE INDEX memberships_by_status ON memberships (organization_id, status, sort_name, account_id);
CREATE INDEX memberships_admins ON memberships (organization_id, sort_name, account_id) WHERE is_admin;
CREATE INDEX memberships_user_managers ON memberships (organization_id, sort_name, account_id) WHERE is_user_manager;

-- Whether the add-in leaves "Send securely" to the sender or turns it on whenever a recipient is external.
ALTER TABLE organizations
  ADD COLUMN secure_send_policy text NOT NULL DEFAULT 'user_choice'
    CHECK (secure_send_policy IN ('user_choice', 'external_always'));

-- The audit view filters by actor and by target (a member's history) while walking newest first.
CREATE INDEX audit_events_actor ON audit_events (organization_id, actor_id, seq);
CREATE INDEX audit_events_target ON audit_events (organization_id, target_id, seq);

-- An organization's look in emails, the portal header and the add-in notice. The logo is small (≤ 512 KB) and
-- checked by its magic bytes before it is stored; its hash names it in URLs so caches never show a stale one.
CREATE TABLE org_branding (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id),
  accent_color    text CHECK (accent_color ~ '^#[0-9a-f]{6}$'),
  logo            bytea,
  logo_type       text CHECK (logo_type IN ('image/png', 'image/jpeg')),
  logo_sha256     text,
  updated_by      uuid REFERENCES accounts(id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((logo IS NULL) = (logo_type IS NULL) AND (logo IS NULL) = (logo_sha256 IS NULL)),
  CHECK (logo IS NULL OR octet_length(logo) <= 524288)
);
