/**
 * A person signs out one of their own sessions (a lost phone, a shared computer) from the account page. Only their
 * own live sessions can be named; the end is recorded in the audit log of the session's organization.
 */
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { auditActor } from '../store';

export async function endOwnSession(deps: AppDeps, actor: Actor, sessionId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const session = (await tx.sessions.listLive(actor.account.id)).find((s) => s.id === sessionId);
    if (!session) throw errors.notFound('That session');
    await tx.sessions.revoke(session.id, 'revoked_by_user');
    await tx.audit.record(auditActor(session.organizationId, actor.account.id), 'session.ended', { type: 'account', id: actor.account.id }, {
      sessionId: session.id,
    });
  });
}
