/** Organizations (tenants). */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import type { Organization } from './types';

export interface OrganizationRepository {
  create(input: { name: string; seatsPurchased?: number }): Promise<Organization>;
  findById(id: string): Promise<Organization | null>;
}

export function toOrganization(row: Record<string, unknown>, prefix = ''): Organization {
  return {
    id: row[`${prefix}id`] as string,
    name: row[`${prefix}name`] as string,
    seatsPurchased: row[`${prefix}seats_purchased`] as number,
    createdAt: row[`${prefix}created_at`] as Date,
  };
}

export function organizationRepository(q: Queryable): OrganizationRepository {
  return {
    async create(input) {
      const rows = await q.query(
        'INSERT INTO organizations (id, name, seats_purchased) VALUES ($1, $2, $3) RETURNING id, name, seats_purchased, created_at',
        [randomUUID(), input.name, input.seatsPurchased ?? 1],
      );
      return toOrganization(rows[0]!);
    },
    async findById(id) {
      const rows = await q.query('SELECT id, name, seats_purchased, created_at FROM organizations WHERE id = $1', [id]);
      return rows[0] ? toOrganization(rows[0]) : null;
    },
  };
}
