/** The hash that links audit events: SHA-256 over a canonical JSON of the event and the previous hash. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so the hash survives jsonb's key reordering. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditEventHash(event: {
  organizationId: string;
  seq: number;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  prevHash: string | null;
}): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}
