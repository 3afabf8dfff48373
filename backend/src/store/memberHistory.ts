/**
 * What the admin page's member drawer shows beyond the list row: the person's invitations to this organization
 * (who invited them, when, how often it was sent), their live sessions here, and the audit events about them.
 */
import type { Queryable } from './db';
import type { InvitationListing } from './invitations';
import type { MembershipType } from './types';

export interface MemberEvent {
  seq: number;
  action: string;
  actorName: string | null;
  createdAt: Date;
  data: Record<string, unknown>;
}

export interface MemberHistoryRepository {
  /** Every invitation of the person to the organization, newest first. */
  invitations(organizationId: string, accountId: string): Promise<InvitationListing[]>;
  liveSessions(organizationId: string, accountId: string): Promise<number>;
  /**
   * Audit events about the person (targeting them or one of their invitations) and their own milestones
   * (registering, signing in, setting up 2-step verification), newest first.
   */
  events(organizationId: string, subject: { accountId: string; invitationIds: string[] }, limit: number): Promise<MemberEvent[]>;
}

/** `linkPending` chains committed audit events first, so the history shows them with their seq. */
export function memberHistoryRepository(q: Queryable, linkPending: () => Promise<void>): MemberHistoryRepository {
  return {
    async invitations(organizationId, accountId) {
      const rows = await q.query(
        `SELECT i.id, i.organization_id, i.account_id, i.email, i.name, i.phone, i.type, i.invited_by, i.expires_at,
                i.status, i.send_count, i.first_sent_at, i.last_sent_at, i.accepted_at, inviter.name AS inviter_name,
                (a.password_hash IS NOT NULL) AS registered, (t.enabled_at IS NOT NULL) AS two_step_verified
         FROM invitations i
         JOIN accounts a ON a.id = i.account_id
         LEFT JOIN accounts inviter ON inviter.id = i.invited_by
         LEFT JOIN two_step_secrets t ON t.account_id = i.account_id
         WHERE i.organization_id = $1 AND i.account_id = $2
         ORDER BY i.created_at DESC LIMIT 50`,
        [organizationId, accountId],
      );
      return rows.map((row) => ({
        id: row.id as string,
        organizationId: row.organization_id as string,
        accountId: row.account_id as string,
        email: row.email as string,
        name: (row.name as string | null) ?? null,
        phone: (row.phone as string | null) ?? null,
        type: row.type as MembershipType,
        invitedBy: (row.invited_by as string | null) ?? null,
        expiresAt: row.expires_at as Date,
        status: row.status as InvitationListing['status'],
        sendCount: row.send_count as number,
        firstSentAt: row.first_sent_at as Date,
        lastSentAt: row.last_sent_at as Date,
        acceptedAt: (row.accepted_at as Date | null) ?? null,
        inviterName: (row.inviter_name as string | null) ?? null,
        registered: row.registered as boolean,
        twoStepVerified: row.two_step_verified as boolean,
      }));
    },
    async liveSessions(organizationId, accountId) {
      const rows = await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM sessions
         WHERE account_id = $1 AND organization_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
        [accountId, organizationId],
      );
      return rows[0]!.n;
    },
    async events(organizationId, subject, limit) {
      await linkPending();
      const rows = await q.query(
        `SELECT e.seq, e.action, e.created_at, e.data, actor.name AS actor_name
         FROM audit_events e LEFT JOIN accounts actor ON actor.id = e.actor_id
         WHERE e.organization_id = $1 AND e.seq IS NOT NULL
           AND (e.target_id = ANY($2::text[])
                OR (e.actor_id = $3 AND e.action IN ('member.registered', 'session.started', 'two_step.enabled')))
         ORDER BY e.seq DESC LIMIT $4`,
        [organizationId, [subject.accountId, ...subject.invitationIds], subject.accountId, Math.min(limit, 200)],
      );
      return rows.map((row) => ({
        seq: row.seq as number,
        action: row.action as string,
        actorName: (row.actor_name as string | null) ?? null,
        createdAt: row.created_at as Date,
        data: (row.data as Record<string, unknown>) ?? {},
      }));
    },
  };
}
