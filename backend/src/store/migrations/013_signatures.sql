-- Electronic signature requests (issue #15): a pro asks recipients of one of its messages to sign a PDF attached to
-- it. Field values, adopted signatures and reasons are sealed under the request's own data key (the database never
-- holds them in the clear); who did what and when, with the address and browser they used, is kept in the open
-- because the certificate of completion prints it.
CREATE TABLE signature_requests (
  id                  uuid PRIMARY KEY,
  organization_id     uuid NOT NULL REFERENCES organizations(id),
  message_id          uuid NOT NULL REFERENCES messages(id),
  file_id             uuid NOT NULL REFERENCES files(id),
  requester_id        uuid NOT NULL REFERENCES accounts(id),
  signing_order       text NOT NULL CHECK (signing_order IN ('parallel', 'sequential')),
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'declined', 'voided', 'expired')),
  data_key_id         text NOT NULL,
  data_key            text NOT NULL,
  expires_at          timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  closed_at           timestamptz,                       -- completed, declined or voided
  void_reason_sealed  text,
  completed_file_id   uuid REFERENCES files(id)
);
CREATE INDEX signature_requests_message ON signature_requests (message_id);

CREATE TABLE signature_signers (
  request_id             uuid NOT NULL REFERENCES signature_requests(id),
  account_id             uuid NOT NULL REFERENCES accounts(id),
  position               integer NOT NULL CHECK (position >= 1),
  status                 text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'viewed', 'signed', 'declined')),
  viewed_at              timestamptz,
  consented_at           timestamptz,
  consent_ip             text,
  consent_user_agent     text,
  signed_at              timestamptz,
  sign_ip                text,
  sign_user_agent        text,
  declined_at            timestamptz,
  decline_reason_sealed  text,
  PRIMARY KEY (request_id, account_id),
  UNIQUE (request_id, position)
);
CREATE INDEX signature_signers_account ON signature_signers (account_id);

CREATE TABLE signature_fields (
  id            uuid PRIMARY KEY,
  request_id    uuid NOT NULL REFERENCES signature_requests(id),
  signer_id     uuid NOT NULL REFERENCES accounts(id),
  position      integer NOT NULL,                      -- the field's order within the request
  kind          text NOT NULL CHECK (kind IN ('signature', 'initials', 'dateSigned', 'text', 'checkbox')),
  page          integer NOT NULL CHECK (page >= 1),
  x             double precision NOT NULL,
  y             double precision NOT NULL,
  width         double precision NOT NULL,
  height        double precision NOT NULL,
  required      boolean NOT NULL,
  value_sealed  text                                   -- JSON of the value, sealed; null until signed (or left empty)
);
CREATE INDEX signature_fields_request ON signature_fields (request_id, position);

-- The order of events printed on the certificate; the audit chain holds the same events with its hashes.
CREATE TABLE signature_events (
  id          bigserial PRIMARY KEY,
  request_id  uuid NOT NULL REFERENCES signature_requests(id),
  account_id  uuid REFERENCES accounts(id),
  action      text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  ip          text,
  user_agent  text
);
CREATE INDEX signature_events_request ON signature_events (request_id, id);

-- What a signer agrees to before signing electronically, as the organization words it; null means the default.
ALTER TABLE organizations ADD COLUMN signature_consent_text text;
