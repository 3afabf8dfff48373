/**
 * Exports leave a trace: a CSV of the members or of the audit log takes an organization's data out of the product,
 * so each one is an audit event of that organization naming the filter it used, recorded before the first row is
 * written. A download changes nothing else, so the event stands alone.
 */
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../deps';

type ExportDeps = Pick<AppDeps, 'store'>;

/** The member list is about to go out as CSV, filtered as given. */
export async function recordMembersExport(deps: ExportDeps, actor: Actor, filter: object): Promise<void> {
  await deps.store.audit.record(actor, 'members.exported', { type: 'organization', id: actor.organization.id }, { filter: { ...filter } });
}

/** The audit log is about to go out as CSV, filtered as given. */
export async function recordAuditExport(deps: ExportDeps, actor: Actor, filter: object): Promise<void> {
  await deps.store.audit.record(actor, 'audit.exported', { type: 'organization', id: actor.organization.id }, { filter: { ...filter } });
}
