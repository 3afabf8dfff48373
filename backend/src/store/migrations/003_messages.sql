-- Messages, their recipients and files. Subjects, bodies, file names and recall reasons are sealed with per-record
-- data keys (see backend/src/crypto/README.md); the database never holds them in the clear.

CREATE TABLE messages (
  id                  uuid PRIMARY KEY,
  organization_id     uuid NOT NULL REFERENCES organizations(id),
  thread_id           uuid NOT NULL,                 -- the id of the thread's first message
  in_reply_to         uuid REFERENCES messages(id),
  sender_id           uuid NOT NULL REFERENCES accounts(id),
  data_key_id         text NOT NULL,                 -- keyring key that wraps data_key
  data_key            text NOT NULL,                 -- wrapped 256-bit data key (base64)
  subject_sealed      text NOT NULL,
  body_sealed         text NOT NULL,
  delivered_by_client boolean NOT NULL DEFAULT false, -- the sender's mail client sent the notice (add-in path)
  idempotency_key     text,
  request_hash        text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  expires_at          timestamptz,
  recalled_at         timestamptz,
  recalled_by         uuid REFERENCES accounts(id),
  recall_reason_sealed text,
  sender_deleted_at   timestamptz
);
CREATE UNIQUE INDEX messages_idempotency ON messages (organization_id, sender_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX messages_thread ON messages (thread_id, created_at);
CREATE INDEX messages_sender ON messages (sender_id, created_at DESC) WHERE sender_deleted_at IS NULL;

CREATE TABLE message_recipients (
  message_id      uuid NOT NULL REFERENCES messages(id),
  account_id      uuid NOT NULL REFERENCES accounts(id),
  kind            text NOT NULL CHECK (kind IN ('to', 'cc', 'bcc')),
  notified_at     timestamptz,
  first_opened_at timestamptz,
  last_opened_at  timestamptz,
  open_count      integer NOT NULL DEFAULT 0,
  deleted_at      timestamptz,                       -- deleted from this recipient's view only
  PRIMARY KEY (message_id, account_id)
);
CREATE INDEX message_recipients_inbox ON message_recipients (account_id, message_id) WHERE deleted_at IS NULL;

-- Files are uploaded in chunks into the blob store through the segmented AEAD, then attached to a message.
CREATE TABLE files (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  uploader_id     uuid NOT NULL REFERENCES accounts(id),
  message_id      uuid REFERENCES messages(id),
  name_sealed     text NOT NULL,
  content_type    text NOT NULL DEFAULT 'application/octet-stream',
  size            bigint NOT NULL CHECK (size >= 0),  -- declared plaintext size
  received        bigint NOT NULL DEFAULT 0,          -- plaintext bytes received so far (the upload offset)
  data_key_id     text NOT NULL,
  data_key        text NOT NULL,
  blob_key        text NOT NULL,
  status          text NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'complete')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz
);
CREATE INDEX files_message ON files (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX files_uploader ON files (organization_id, uploader_id, created_at);

ALTER TABLE organizations ADD COLUMN max_file_bytes bigint NOT NULL DEFAULT 5000000000;
