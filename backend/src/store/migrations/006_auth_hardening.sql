-- Sign-in hardening.

-- When the session's holder passed the second step (a code, a recovery code, or activating 2-step). Tokens for an
-- organization that requires 2-step are issued only to sessions that have it (policies/twoStep.ts).
ALTER TABLE sessions ADD COLUMN two_step_at timestamptz;

-- Consecutive failed sign-in attempts per key (an account and client address, an account and known device, an
-- account): each failure beyond the free ones doubles the wait before the next try. Cleared by a right password.
CREATE TABLE sign_in_throttles (
  key             text PRIMARY KEY,
  failures        integer NOT NULL,
  last_failed_at  timestamptz NOT NULL
);
