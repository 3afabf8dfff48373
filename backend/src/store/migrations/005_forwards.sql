-- Forwarding a message to colleagues, and the housekeeping of uploads nobody sent.

-- A forward is a message of its own whose content comes from another: forwarded_from names that message. A recall
-- or expiry of the message forwarded stops its forwards too (see commands/messageAccess.ts).
ALTER TABLE messages ADD COLUMN forwarded_from uuid REFERENCES messages(id);
CREATE INDEX messages_forwarded_from ON messages (forwarded_from) WHERE forwarded_from IS NOT NULL;

-- Which messages carry which files. A file is sealed once, bound to its own id, so a forward links the same file
-- instead of copying it; files.message_id keeps naming the message the file was first sent with (its origin).
CREATE TABLE message_files (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  message_id      uuid NOT NULL REFERENCES messages(id),
  file_id         uuid NOT NULL REFERENCES files(id),
  PRIMARY KEY (message_id, file_id)
);
CREATE INDEX message_files_file ON message_files (file_id);

INSERT INTO message_files (organization_id, message_id, file_id)
SELECT organization_id, message_id, id FROM files WHERE message_id IS NOT NULL;

-- The last time an upload made progress: an upload is abandoned once it has been idle too long, not merely old.
ALTER TABLE files ADD COLUMN updated_at timestamptz;
-- Unsent files start with a full grace period: their real last progress was not recorded before this column.
UPDATE files SET updated_at = CASE WHEN message_id IS NULL THEN now() ELSE COALESCE(completed_at, created_at) END;
ALTER TABLE files ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
-- The sweep for abandoned uploads walks only files that never reached a message.
CREATE INDEX files_unattached ON files (updated_at) WHERE message_id IS NULL;

-- List cursors carry a message's time in milliseconds (what a JavaScript Date holds). Stored finer, a page would skip
-- the messages sent later in the same millisecond as the last one it showed, so times are kept to the millisecond.
UPDATE messages SET created_at = date_trunc('milliseconds', created_at) WHERE created_at <> date_trunc('milliseconds', created_at);
ALTER TABLE messages ALTER COLUMN created_at SET DEFAULT date_trunc('milliseconds', now());
