-- Foundation: identities, organizations, memberships, sessions, one-time links, outbox, audit trail, rate limits.

CREATE TABLE accounts (
  id              uuid PRIMARY KEY,
  email           text NOT NULL UNIQUE,           -- normalized: trimmed, lower-case, IDN domain as ASCII
  name            text NOT NULL,
  phone           text,
  password_hash   text,                           -- null until the person registers
  blocked_at      timestamptz,                    -- set by the platform operator
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  id              uuid PRIMARY KEY,
  name            text NOT NULL,
  seats_purchased integer NOT NULL DEFAULT 1 CHECK (seats_purchased >= 0),
  audit_seq       integer NOT NULL DEFAULT 0,     -- sequence number of the newest audit event
  audit_head      text,                           -- hash of the newest audit event (chain head)
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  account_id      uuid NOT NULL REFERENCES accounts(id),
  type            text NOT NULL CHECK (type IN ('pro', 'guest')),
  is_admin        boolean NOT NULL DEFAULT false,
  is_user_manager boolean NOT NULL DEFAULT false,
  status          text NOT NULL CHECK (status IN ('invited', 'active', 'removed', 'blocked')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  last_login_at   timestamptz,
  PRIMARY KEY (organization_id, account_id)
);
CREATE INDEX memberships_account ON memberships (account_id);

-- A session is one refresh-token family: every rotation stays in it, and reuse of a spent token kills it.
CREATE TABLE sessions (
  id              uuid PRIMARY KEY,
  account_id      uuid NOT NULL REFERENCES accounts(id),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  user_agent      text,
  ip              text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  revoked_reason  text
);
CREATE INDEX sessions_account ON sessions (account_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
  token_hash      text PRIMARY KEY,               -- SHA-256 of the opaque token, hex
  session_id      uuid NOT NULL REFERENCES sessions(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  spent_at        timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Single-use links sent by email (sign-up confirmation, password reset). Only the SHA-256 of the token is kept.
CREATE TABLE one_time_tokens (
  token_hash      text PRIMARY KEY,
  purpose         text NOT NULL CHECK (purpose IN ('signup', 'password_reset')),
  account_id      uuid REFERENCES accounts(id),
  email           text NOT NULL,
  payload         jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  used_at         timestamptz
);
CREATE INDEX one_time_tokens_email ON one_time_tokens (purpose, email) WHERE used_at IS NULL;

-- Transactional outbox: written in the same transaction as the change that causes the email.
-- Subject and bodies are sealed with the keyring because links in them are credentials.
CREATE TABLE outbox (
  id              uuid PRIMARY KEY,
  organization_id uuid REFERENCES organizations(id),
  template        text NOT NULL,
  to_address      text NOT NULL,
  sealed          text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';

-- Append-only, hash-chained per organization: each event stores the hash of the one before it.
CREATE TABLE audit_events (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  seq             integer NOT NULL,
  actor_id        uuid,
  action          text NOT NULL,
  target_type     text,
  target_id       text,
  data            jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL,
  prev_hash       text,
  hash            text NOT NULL,
  UNIQUE (organization_id, seq)
);

-- Fixed-window counters shared by every instance (login, sign-up, reset attempts per IP and per account).
CREATE TABLE rate_limits (
  key             text PRIMARY KEY,
  window_start    timestamptz NOT NULL,
  hits            integer NOT NULL
);
