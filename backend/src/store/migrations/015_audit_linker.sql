-- The audit chain off the write path: a change appends its event unlinked (no seq, no hash) in its own transaction,
-- numbered by append_id from a sequence, so concurrent writers of one organization no longer queue on its chain head.
-- One linker at a time (advisory lock) takes committed unlinked events in append order and gives each its seq,
-- prev_hash and hash, advancing organizations.audit_seq/audit_head; linked rows never change again.
ALTER TABLE audit_events ADD COLUMN append_id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE audit_events ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL;
-- An event is either fully linked or not linked at all.
ALTER TABLE audit_events ADD CONSTRAINT audit_events_linked_whole CHECK ((seq IS NULL) = (hash IS NULL));
CREATE UNIQUE INDEX audit_events_append_order ON audit_events (append_id);
-- The linker's queue: small, because linking empties it within moments.
CREATE INDEX audit_events_unlinked ON audit_events (append_id) WHERE seq IS NULL;
