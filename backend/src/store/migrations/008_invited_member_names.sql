-- The name an organization knows a member by: the account's own once they joined; until then the name the
-- organization's pending invitation gave (else the address's local part). An account is global and may be named by
-- another organization or by the person, and inviting an address must not reveal that name. The member list sorts
-- and searches by it, so the sort keys of 004 follow the same rule (and memberQuery.ts shows the same name).
-- (Parameters are prefixed p_ so that no column, today's or tomorrow's, can shadow them.)
CREATE FUNCTION sealpost_member_name(p_org uuid, p_account uuid, p_status text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN p_status = 'invited'
           THEN COALESCE(
             (SELECT NULLIF(btrim(i.name), '') FROM invitations i
               WHERE i.organization_id = p_org AND i.account_id = p_account AND i.status = 'pending' LIMIT 1),
             split_part(a.email, '@', 1))
           ELSE a.name END
    FROM accounts a WHERE a.id = p_account
$$;

CREATE FUNCTION sealpost_refresh_member_sort_keys(p_org uuid, p_account uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE memberships m
     SET sort_name = lower(btrim(sealpost_member_name(m.organization_id, m.account_id, m.status))),
         sort_surname = regexp_replace(lower(btrim(sealpost_member_name(m.organization_id, m.account_id, m.status))), '^.*\s', ''),
         sort_email = (SELECT a.email FROM accounts a WHERE a.id = m.account_id)
   WHERE m.account_id = p_account AND (p_org IS NULL OR m.organization_id = p_org)
$$;

CREATE OR REPLACE FUNCTION sealpost_membership_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.sort_name := lower(btrim(sealpost_member_name(NEW.organization_id, NEW.account_id, NEW.status)));
  NEW.sort_surname := regexp_replace(NEW.sort_name, '^.*\s', '');
  SELECT a.email INTO NEW.sort_email FROM accounts a WHERE a.id = NEW.account_id;
  RETURN NEW;
END
$$;

-- Joining (status) changes the name shown, as does moving to another account.
DROP TRIGGER memberships_sort_keys ON memberships;
CREATE TRIGGER memberships_sort_keys BEFORE INSERT OR UPDATE OF account_id, status ON memberships
  FOR EACH ROW EXECUTE FUNCTION sealpost_membership_sort_keys();

CREATE OR REPLACE FUNCTION sealpost_account_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sealpost_refresh_member_sort_keys(NULL, NEW.id);
  RETURN NULL;
END
$$;

-- An invitation's name is the invited member's name; a corrected invitation may move to another account.
CREATE FUNCTION sealpost_invitation_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sealpost_refresh_member_sort_keys(NEW.organization_id, NEW.account_id);
  IF TG_OP = 'UPDATE' AND OLD.account_id IS DISTINCT FROM NEW.account_id THEN
    PERFORM sealpost_refresh_member_sort_keys(OLD.organization_id, OLD.account_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER invitations_sort_keys AFTER INSERT OR UPDATE OF name, account_id, status ON invitations
  FOR EACH ROW EXECUTE FUNCTION sealpost_invitation_sort_keys();

UPDATE memberships m
   SET sort_name = lower(btrim(sealpost_member_name(m.organization_id, m.account_id, m.status))),
       sort_surname = regexp_replace(lower(btrim(sealpost_member_name(m.organization_id, m.account_id, m.status))), '^.*\s', '')
 WHERE m.status = 'invited';
