-- When a session was started by the organization's identity provider (single sign-on): a fresh one confirms who is
-- there again, as a password or a 2-step code does, for someone who has neither (agreeing to sign electronically).
ALTER TABLE sessions ADD COLUMN provider_sign_in_at timestamptz;
