/**
 * A signed-in person changes their own password: the current one is asked for (so a session left open on a shared
 * computer is not enough), the new one meets the same rules as at sign-up, every other session of the person ends,
 * the change is audited in each organization they belong to, and a "your password was changed" email goes out
 * through the outbox (no secret in it). Attempts are limited per account, so a stolen session cannot guess.
 */
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../auth/passwords';
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { auditActor, type Repositories } from '../store';
import { limits, spendAttempt } from './attemptLimits';

/** Security events about an account belong to every organization that sees the account. */
export async function recordForAccount(tx: Repositories, accountId: string, action: string, data?: Record<string, unknown>): Promise<void> {
  for (const membership of await tx.memberships.listForAccount(accountId)) {
    if (membership.status !== 'active') continue;
    await tx.audit.record(auditActor(membership.organizationId, accountId), action, { type: 'account', id: accountId }, data);
  }
}

export async function queuePasswordChangedEmail(tx: Repositories, deps: AppDeps, account: { email: string; name: string }): Promise<void> {
  const content = templates.passwordChanged({ name: account.name, when: new Date(), resetLink: `${deps.config.publicUrl}/forgot-password` });
  await enqueueEmail(tx, deps.secrets.keyring, { organizationId: null, to: account.email, template: 'password_changed', content });
}

export async function changePassword(deps: AppDeps, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<number> {
  const { store } = deps;
  await spendAttempt(store, limits.passwordChangePerAccount, actor.account.id);
  const account = await store.accounts.findById(actor.account.id);
  if (!account?.passwordHash || !(await verifyPassword(account.passwordHash, input.currentPassword))) throw errors.currentPasswordIncorrect();
  checkPasswordPolicy(input.newPassword, { email: account.email });
  const passwordHash = await hashPassword(input.newPassword);
  return store.transaction(async (tx) => {
    // Two changes racing from the same old password: the second finds the hash moved on and must re-check.
    if (!(await tx.accounts.replacePassword(account.id, account.passwordHash!, passwordHash))) throw errors.currentPasswordIncorrect();
    const ended = await tx.sessions.revokeOthersForAccount(account.id, actor.session.id, 'password_changed');
    await tx.oneTimeTokens.invalidateForEmail('two_step_challenge', account.email);
    await tx.oneTimeTokens.invalidateForEmail('password_reset', account.email);
    await recordForAccount(tx, account.id, 'account.password_changed', { sessionsRevoked: ended });
    await queuePasswordChangedEmail(tx, deps, account);
    return ended;
  });
}
