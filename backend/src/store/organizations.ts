/** Organizations (tenants). */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import type { AutoProvision, Organization, SecureSendPolicy } from './types';

export const ORGANIZATION_COLUMNS =
  'o.id, o.name, o.seats_purchased, o.invitation_expiry_days, o.auto_provision, o.require_two_step, o.secure_send_policy, o.no_forwarding_by_default, o.created_at';

export interface OrganizationRepository {
  create(input: { name: string; seatsPurchased?: number }): Promise<Organization>;
  findById(id: string): Promise<Organization | null>;
  /** Reads the organization and locks its row until the transaction ends (seat checks, last-admin checks). */
  findForUpdate(id: string): Promise<Organization | null>;
  updateSettings(
    id: string,
    settings: Partial<Pick<Organization, 'name' | 'invitationExpiryDays' | 'autoProvision' | 'requireTwoStep' | 'secureSendPolicy' | 'noForwardingByDefault'>>,
  ): Promise<Organization>;
  /** Adds seats to (or, negative, takes them from) the running total; the ledger row is the caller's (store/invoices.ts). */
  changeSeats(organizationId: string, delta: number): Promise<Organization>;
}

export function toOrganization(row: Record<string, unknown>, prefix = ''): Organization {
  return {
    id: row[`${prefix}id`] as string,
    name: row[`${prefix}name`] as string,
    seatsPurchased: row[`${prefix}seats_purchased`] as number,
    invitationExpiryDays: row[`${prefix}invitation_expiry_days`] as number,
    autoProvision: row[`${prefix}auto_provision`] as AutoProvision,
    requireTwoStep: row[`${prefix}require_two_step`] as boolean,
    secureSendPolicy: row[`${prefix}secure_send_policy`] as SecureSendPolicy,
    noForwardingByDefault: row[`${prefix}no_forwarding_by_default`] as boolean,
    createdAt: row[`${prefix}created_at`] as Date,
  };
}

export function organizationRepository(q: Queryable): OrganizationRepository {
  return {
    async create(input) {
      const rows = await q.query(
        `INSERT INTO organizations AS o (id, name, seats_purchased) VALUES ($1, $2, $3) RETURNING ${ORGANIZATION_COLUMNS}`,
        [randomUUID(), input.name, input.seatsPurchased ?? 1],
      );
      return toOrganization(rows[0]!);
    },
    async findById(id) {
      const rows = await q.query(`SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE o.id = $1`, [id]);
      return rows[0] ? toOrganization(rows[0]) : null;
    },
    async findForUpdate(id) {
      // NO KEY UPDATE: writers that count seats or admins still take turns, but rows that merely reference the
      // organization (a message, an audit event) keep their foreign-key share lock, so a send that inserted one
      // before inviting cannot deadlock another doing the same.
      const rows = await q.query(`SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE o.id = $1 FOR NO KEY UPDATE`, [id]);
      return rows[0] ? toOrganization(rows[0]) : null;
    },
    async updateSettings(id, settings) {
      const rows = await q.query(
        `UPDATE organizations o SET
           name = COALESCE($2, o.name),
           invitation_expiry_days = COALESCE($3, o.invitation_expiry_days),
           auto_provision = COALESCE($4, o.auto_provision),
           require_two_step = COALESCE($5, o.require_two_step),
           secure_send_policy = COALESCE($6, o.secure_send_policy),
           no_forwarding_by_default = COALESCE($7, o.no_forwarding_by_default)
         WHERE o.id = $1 RETURNING ${ORGANIZATION_COLUMNS}`,
        [id, settings.name ?? null, settings.invitationExpiryDays ?? null, settings.autoProvision ?? null, settings.requireTwoStep ?? null,
          settings.secureSendPolicy ?? null, settings.noForwardingByDefault ?? null],
      );
      return toOrganization(rows[0]!);
    },
    async changeSeats(organizationId, delta) {
      const rows = await q.query(
        `UPDATE organizations o SET seats_purchased = o.seats_purchased + $2 WHERE o.id = $1 RETURNING ${ORGANIZATION_COLUMNS}`,
        [organizationId, delta],
      );
      return toOrganization(rows[0]!);
    },
  };
}
