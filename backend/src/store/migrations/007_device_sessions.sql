-- A device session (the Outlook send handler's own session) stands for the sign-in that started it: it records that
-- parent, is revoked with it, and is live only while the parent is.
ALTER TABLE sessions ADD COLUMN parent_session_id uuid REFERENCES sessions(id);
CREATE INDEX sessions_parent ON sessions (parent_session_id) WHERE parent_session_id IS NOT NULL;
