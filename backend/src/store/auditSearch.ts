/**
 * The audit log as the admin page reads it: newest first, filtered by who acted, what they did, on what and when,
 * with names for actors and targets, a page at a time (the last seq is the cursor).
 */
import type { Queryable } from './db';
import type { AuditEvent } from './types';
import { prefixPattern } from './memberQuery';

export interface AuditQuery {
  /** Start of the actor's name or email. */
  actor?: string;
  /** An action (`member.removed`) or its family (`member.`). */
  action?: string;
  /** The target's id, or the start of the target person's name or email, the domain, or the invited address. */
  target?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit?: number;
}

export interface AuditListing extends AuditEvent {
  actorName: string | null;
  actorEmail: string | null;
  /** A person's name and email, a domain or an invited address; null when the target has no readable name. */
  targetLabel: string | null;
}

export interface AuditSearchRepository {
  search(organizationId: string, query: AuditQuery): Promise<AuditListing[]>;
}

/** A target person's name as this organization knows them: its invitation's until they join (migration 007). */
const TARGET_NAME = 'sealpost_member_name(e.organization_id, ta.id, tm.status)';
const uuidOf = (type: string) => `CASE WHEN e.target_type = '${type}' AND e.target_id ~ '^[0-9a-f-]{36}$' THEN e.target_id::uuid END`;

/** `linkPending` chains committed events first, so the page shows them with their seq. */
export function auditSearchRepository(q: Queryable, linkPending: () => Promise<void>): AuditSearchRepository {
  return {
    async search(organizationId, query) {
      await linkPending();
      const params: unknown[] = [organizationId];
      const where = ['e.organization_id = $1', 'e.seq IS NOT NULL'];
      const add = (value: unknown, sql: (p: string) => string) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      if (query.actor?.trim()) add(prefixPattern(query.actor), (p) => `(lower(actor.name) LIKE ${p} OR actor.email LIKE ${p})`);
      if (query.action?.trim()) {
        const action = query.action.trim();
        if (action.endsWith('.')) add(prefixPattern(action), (p) => `e.action LIKE ${p}`);
        else add(action, (p) => `e.action = ${p}`);
      }
      if (query.target?.trim()) {
        params.push(query.target.trim());
        const exact = `$${params.length}`;
        add(prefixPattern(query.target), (p) =>
          `(e.target_id = ${exact} OR lower(${TARGET_NAME}) LIKE ${p} OR ta.email LIKE ${p} OR d.domain LIKE ${p} OR i.email LIKE ${p})`);
      }
      if (query.from) add(query.from, (p) => `e.created_at >= ${p}`);
      if (query.to) add(query.to, (p) => `e.created_at < ${p}`);
      if (query.beforeSeq !== undefined) add(query.beforeSeq, (p) => `e.seq < ${p}`);
      params.push(Math.min(Math.max(query.limit ?? 100, 1), 1000));
      const rows = await q.query(
        `SELECT e.id, e.organization_id, e.seq, e.actor_id, e.action, e.target_type, e.target_id, e.data, e.created_at,
                e.prev_hash, e.hash, actor.name AS actor_name, actor.email AS actor_email,
                COALESCE(${TARGET_NAME} || ' <' || ta.email || '>', d.domain, i.email, o.name) AS target_label
         FROM audit_events e
         LEFT JOIN accounts actor ON actor.id = e.actor_id
         LEFT JOIN accounts ta ON ta.id = ${uuidOf('account')}
         LEFT JOIN memberships tm ON tm.organization_id = e.organization_id AND tm.account_id = ta.id
         LEFT JOIN org_domains d ON d.id = ${uuidOf('domain')} AND d.organization_id = e.organization_id
         LEFT JOIN invitations i ON i.id = ${uuidOf('invitation')} AND i.organization_id = e.organization_id
         LEFT JOIN organizations o ON o.id = ${uuidOf('organization')} AND o.id = e.organization_id
         WHERE ${where.join(' AND ')}
         ORDER BY e.seq DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map((row) => ({
        id: row.id as string,
        organizationId: row.organization_id as string,
        seq: row.seq as number,
        actorId: (row.actor_id as string | null) ?? null,
        action: row.action as string,
        targetType: (row.target_type as string | null) ?? null,
        targetId: (row.target_id as string | null) ?? null,
        data: (row.data as Record<string, unknown>) ?? {},
        createdAt: row.created_at as Date,
        prevHash: (row.prev_hash as string | null) ?? null,
        hash: row.hash as string,
        actorName: (row.actor_name as string | null) ?? null,
        actorEmail: (row.actor_email as string | null) ?? null,
        targetLabel: (row.target_label as string | null) ?? null,
      }));
    },
  };
}
