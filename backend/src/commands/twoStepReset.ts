/**
 * A user manager or admin resets a member's 2-step verification, for a person who lost both their phone and their
 * recovery codes: the secret and the codes are forgotten, the member's sessions in this organization end, and at
 * their next sign-in they set up an authenticator again (where the organization requires it) or sign in without.
 * The reset and who made it are in the audit log.
 */
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { authorize } from '../policies/authorize';

export async function resetMemberTwoStep(deps: AppDeps, actor: Actor, accountId: string): Promise<number> {
  return deps.store.transaction(async (tx) => {
    const member = await tx.memberships.find(actor.organization.id, accountId);
    if (!member) throw errors.notFound('That member');
    authorize(actor, 'members.resetTwoStep', member);
    if (!(await tx.twoStep.remove(accountId))) throw errors.memberTwoStepNotSetUp();
    const sessions = await tx.sessions.revokeAllForAccount(accountId, 'two_step_reset', actor.organization.id);
    await tx.audit.record(actor, 'member.two_step_reset', { type: 'account', id: accountId }, { sessionsRevoked: sessions });
    return sessions;
  });
}
