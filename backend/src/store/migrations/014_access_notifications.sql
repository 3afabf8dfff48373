-- Every instance keeps the live sessions it has checked in memory; these triggers tell all of them, through
-- NOTIFY on the channel sealpost_access, when a row that decides access changes. pg_notify inside a transaction is
-- delivered on commit and dropped on rollback, so a listener never forgets an entry for a change that did not happen,
-- and no change that commits goes untold, whichever code path made it. The payload names what to forget:
-- session:<id>, account:<id> (its account row or one of its memberships) or organization:<id>.
-- Columns written on every request or every send (last_seen_at, last_login_at, the audit chain head) are left out,
-- so the hot paths send nothing.
CREATE FUNCTION sealpost_notify_access() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('sealpost_access', 'session:' || changed.id);
  ELSIF TG_TABLE_NAME = 'memberships' THEN
    PERFORM pg_notify('sealpost_access', 'account:' || changed.account_id);
  ELSIF TG_TABLE_NAME = 'accounts' THEN
    PERFORM pg_notify('sealpost_access', 'account:' || changed.id);
  ELSIF TG_TABLE_NAME = 'organizations' THEN
    PERFORM pg_notify('sealpost_access', 'organization:' || changed.id);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER sessions_access_changed AFTER UPDATE ON sessions FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_seen_at'))
  EXECUTE FUNCTION sealpost_notify_access();
CREATE TRIGGER sessions_access_removed AFTER DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION sealpost_notify_access();

CREATE TRIGGER memberships_access_changed AFTER UPDATE ON memberships FOR EACH ROW
  WHEN ((to_jsonb(OLD) - '{last_login_at,updated_at}'::text[]) IS DISTINCT FROM (to_jsonb(NEW) - '{last_login_at,updated_at}'::text[]))
  EXECUTE FUNCTION sealpost_notify_access();
CREATE TRIGGER memberships_access_removed AFTER DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION sealpost_notify_access();

CREATE TRIGGER accounts_access_changed AFTER UPDATE ON accounts FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at'))
  EXECUTE FUNCTION sealpost_notify_access();
CREATE TRIGGER accounts_access_removed AFTER DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION sealpost_notify_access();

CREATE TRIGGER organizations_access_changed AFTER UPDATE ON organizations FOR EACH ROW
  WHEN ((to_jsonb(OLD) - '{audit_seq,audit_head}'::text[]) IS DISTINCT FROM (to_jsonb(NEW) - '{audit_seq,audit_head}'::text[]))
  EXECUTE FUNCTION sealpost_notify_access();
CREATE TRIGGER organizations_access_removed AFTER DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION sealpost_notify_access();
