/** Sessions and their rotating refresh tokens (one session = one token family). */
import { randomUUID } from 'node:crypto';
import { ACCOUNT_COLUMNS, toAccount } from './accounts';
import type { Queryable } from './db';
import { MEMBERSHIP_COLUMNS, toMembership } from './memberships';
import { ORGANIZATION_COLUMNS, toOrganization } from './organizations';
import type { MembershipStatus, Session, SessionContext } from './types';

export type SpendOutcome =
  | { outcome: 'spent'; sessionId: string }
  | { outcome: 'reused'; sessionId: string }
  | { outcome: 'unknown' };

export interface EndedSession {
  accountId: string;
  organizationName: string;
  membershipStatus: MembershipStatus;
  accountBlocked: boolean;
  /** removed, signed_out_by_manager, two_step_reset, password_reset, revoked_by_user, …; null when it expired. */
  revokedReason: string | null;
}

export interface SessionRepository {
  create(input: {
    accountId: string;
    organizationId: string;
    userAgent: string | null;
    ip: string | null;
    expiresAt: Date;
    /** The second step of sign-in was passed (default: no). */
    twoStepPassed?: boolean;
    /** A device session's parent: the session that started it, which it never outlives. */
    parentSessionId?: string | null;
    /** The organization's identity provider vouched for the person just now (default: no). */
    providerSignIn?: boolean;
  }): Promise<Session>;
  /** The live session (not revoked, not expired, its parent if any live too) with its account, organization and membership. */
  findLiveContext(sessionId: string): Promise<SessionContext | null>;
  /** Why a session that is no longer live ended: read only after findLiveContext found nothing, so never on the hot path. */
  findEnded(sessionId: string): Promise<EndedSession | null>;
  listLive(accountId: string): Promise<Session[]>;
  addRefreshToken(sessionId: string, tokenHash: string): Promise<void>;
  /** Marks a refresh token spent, atomically: a second spend of the same token reports `reused`. */
  spendRefreshToken(tokenHash: string): Promise<SpendOutcome>;
  /** Forgets the unspent refresh tokens of a session (org switch): they become unknown, not reused. */
  dropUnspentRefreshTokens(sessionId: string): Promise<void>;
  switchOrganization(sessionId: string, organizationId: string): Promise<void>;
  /** Records that the session's holder has just proven the second step (activated 2-step while signed in). */
  markTwoStepPassed(sessionId: string): Promise<void>;
  /** The session a refresh token belongs to, spent or not, without spending it (to check the CSRF token first). */
  sessionOfRefreshToken(tokenHash: string): Promise<string | null>;
  touch(sessionId: string): Promise<void>;
  /** Revokes a session and the device sessions it started. */
  revoke(sessionId: string, reason: string): Promise<void>;
  /** Revokes an account's sessions (those of one organization when given) and the device sessions they started. */
  revokeAllForAccount(accountId: string, reason: string, organizationId?: string): Promise<number>;
  /** Ends every session of the account except `keepSessionId` and the device sessions it started. */
  revokeOthersForAccount(accountId: string, keepSessionId: string, reason: string): Promise<number>;
}

const SESSION_COLUMNS =
  's.id, s.account_id, s.organization_id, s.user_agent, s.ip, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, s.two_step_at, s.parent_session_id, s.provider_sign_in_at';

function toSession(row: Record<string, unknown>): Session {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    organizationId: row.organization_id as string,
    userAgent: (row.user_agent as string | null) ?? null,
    ip: (row.ip as string | null) ?? null,
    createdAt: row.created_at as Date,
    lastSeenAt: row.last_seen_at as Date,
    expiresAt: row.expires_at as Date,
    revokedAt: (row.revoked_at as Date | null) ?? null,
    twoStepAt: (row.two_step_at as Date | null) ?? null,
    parentSessionId: (row.parent_session_id as string | null) ?? null,
    providerSignInAt: (row.provider_sign_in_at as Date | null) ?? null,
  };
}

// Every authenticated request runs this, so it is built once and prepared once per connection (primary-key lookups:
// the plan never depends on the value).
const LIVE_CONTEXT_SQL = `SELECT ${SESSION_COLUMNS}, ${ACCOUNT_COLUMNS.replace(/a\.(\w+)/g, 'a.$1 AS a_$1')},
         ${MEMBERSHIP_COLUMNS.replace(/m\.(\w+)/g, 'm.$1 AS m_$1')}, ${ORGANIZATION_COLUMNS.replace(/o\.(\w+)/g, 'o.$1 AS o_$1')}
  FROM sessions s
  JOIN accounts a ON a.id = s.account_id
  JOIN organizations o ON o.id = s.organization_id
  JOIN memberships m ON m.account_id = s.account_id AND m.organization_id = s.organization_id
  LEFT JOIN sessions p ON p.id = s.parent_session_id
  WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
    AND (s.parent_session_id IS NULL OR (p.revoked_at IS NULL AND p.expires_at > now()))`;

export function sessionRepository(q: Queryable): SessionRepository {
  return {
    async create(input) {
      const rows = await q.query(
        `INSERT INTO sessions AS s (id, account_id, organization_id, user_agent, ip, expires_at, two_step_at, parent_session_id, provider_sign_in_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::boolean THEN now() END, $8, CASE WHEN $9::boolean THEN now() END) RETURNING ${SESSION_COLUMNS}`,
        [
          randomUUID(),
          input.accountId,
          input.organizationId,
          input.userAgent,
          input.ip,
          input.expiresAt,
          input.twoStepPassed ?? false,
          input.parentSessionId ?? null,
          input.providerSignIn ?? false,
        ],
      );
      return toSession(rows[0]!);
    },
    async findLiveContext(sessionId) {
      const rows = await q.query(LIVE_CONTEXT_SQL, [sessionId], 'sessions_live_context');
      const row = rows[0];
      if (!row) return null;
      return {
        session: toSession(row),
        account: toAccount(row, 'a_'),
        organization: toOrganization(row, 'o_'),
        membership: toMembership(row, 'm_'),
      };
    },
    async findEnded(sessionId) {
      const rows = await q.query(
        `SELECT s.account_id, s.revoked_reason, o.name AS organization_name, m.status, (a.blocked_at IS NOT NULL) AS account_blocked
         FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN organizations o ON o.id = s.organization_id
         JOIN memberships m ON m.account_id = s.account_id AND m.organization_id = s.organization_id
         WHERE s.id = $1`,
        [sessionId],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        accountId: row.account_id as string,
        organizationName: row.organization_name as string,
        membershipStatus: row.status as MembershipStatus,
        accountBlocked: row.account_blocked as boolean,
        revokedReason: (row.revoked_reason as string | null) ?? null,
      };
    },
    async listLive(accountId) {
      const rows = await q.query(
        `SELECT ${SESSION_COLUMNS} FROM sessions s
         LEFT JOIN sessions p ON p.id = s.parent_session_id
         WHERE s.account_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
           AND (s.parent_session_id IS NULL OR (p.revoked_at IS NULL AND p.expires_at > now()))
         ORDER BY s.last_seen_at DESC`,
        [accountId],
      );
      return rows.map(toSession);
    },
    async addRefreshToken(sessionId, tokenHash) {
      await q.query('INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)', [tokenHash, sessionId]);
    },
    async spendRefreshToken(tokenHash) {
      const spent = await q.query<{ session_id: string }>(
        'UPDATE refresh_tokens SET spent_at = now() WHERE token_hash = $1 AND spent_at IS NULL RETURNING session_id',
        [tokenHash],
      );
      if (spent[0]) return { outcome: 'spent', sessionId: spent[0].session_id };
      const known = await q.query<{ session_id: string }>('SELECT session_id FROM refresh_tokens WHERE token_hash = $1', [
        tokenHash,
      ]);
      return known[0] ? { outcome: 'reused', sessionId: known[0].session_id } : { outcome: 'unknown' };
    },
    async dropUnspentRefreshTokens(sessionId) {
      await q.query('DELETE FROM refresh_tokens WHERE session_id = $1 AND spent_at IS NULL', [sessionId]);
    },
    async switchOrganization(sessionId, organizationId) {
      // another organization's provider never vouched for the person: a provider sign-in confirms nothing there
      await q.query('UPDATE sessions SET organization_id = $2, last_seen_at = now(), provider_sign_in_at = NULL WHERE id = $1', [
        sessionId,
        organizationId,
      ]);
    },
    async markTwoStepPassed(sessionId) {
      await q.query('UPDATE sessions SET two_step_at = now() WHERE id = $1', [sessionId]);
    },
    async sessionOfRefreshToken(tokenHash) {
      const rows = await q.query<{ session_id: string }>('SELECT session_id FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
      return rows[0]?.session_id ?? null;
    },
    async touch(sessionId) {
      await q.query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [sessionId]);
    },
    async revoke(sessionId, reason) {
      await q.query(
        'UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE (id = $1 OR parent_session_id = $1) AND revoked_at IS NULL',
        [sessionId, reason],
      );
    },
    async revokeOthersForAccount(accountId, keepSessionId, reason) {
      const rows = await q.query(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = $3
         WHERE account_id = $1 AND revoked_at IS NULL AND id <> $2 AND parent_session_id IS DISTINCT FROM $2
         RETURNING id`,
        [accountId, keepSessionId, reason],
      );
      return rows.length;
    },
    async revokeAllForAccount(accountId, reason, organizationId) {
      const rows = await q.query(
        `UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE account_id = $1 AND revoked_at IS NULL
           AND ($3::uuid IS NULL OR organization_id = $3::uuid
                -- a device session dies with its parent, even after the parent switched organization
                OR parent_session_id IN (SELECT id FROM sessions WHERE account_id = $1 AND revoked_at IS NULL AND organization_id = $3::uuid))
         RETURNING id`,
        [accountId, reason, organizationId ?? null],
      );
      return rows.length;
    },
  };
}
