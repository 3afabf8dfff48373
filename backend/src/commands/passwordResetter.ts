/**
 * Forgotten passwords: a single-use link valid for 30 minutes; using it sets the new password and signs the
 * account out everywhere. The request answers the same whether or not the email has an account.
 */
import { normalizeEmail } from '../auth/email';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { limits, spendAttempt } from '../http/rateLimit';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';

export const RESET_LINK_MINUTES = 30;

export async function requestPasswordReset(deps: AppDeps, input: { email: string; ip: string | null }): Promise<void> {
  const { store, config } = deps;
  await spendAttempt(store, limits.resetPerIp, input.ip ?? 'unknown');
  const email = normalizeEmail(input.email);
  if (!email) return;
  await spendAttempt(store, limits.resetPerEmail, email);
  const account = await store.accounts.findByEmail(email);
  if (!account?.passwordHash || account.blockedAt) return;

  const token = newOpaqueToken();
  await store.transaction(async (tx) => {
    await tx.oneTimeTokens.invalidateForEmail('password_reset', email);
    await tx.oneTimeTokens.create({
      tokenHash: hashToken(token),
      purpose: 'password_reset',
      accountId: account.id,
      email,
      expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
    });
    const content = templates.passwordReset({
      name: account.name,
      link: `${config.publicUrl}/reset-password?token=${token}`,
      minutes: RESET_LINK_MINUTES,
    });
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: null, template: 'password_reset', to: email, content });
  });
}

/** True when the link can still be used (the page shows the form only then). */
export async function isResetLinkUsable(deps: AppDeps, token: string): Promise<boolean> {
  return (await deps.store.oneTimeTokens.findUsable(hashToken(token), 'password_reset')) !== null;
}

export async function resetPassword(deps: AppDeps, input: { token: string; password: string }): Promise<void> {
  const link = await deps.store.oneTimeTokens.findUsable(hashToken(input.token), 'password_reset');
  if (!link) throw errors.invalidLink();
  // Check the new password before using the link, so a refused password leaves the link usable.
  checkPasswordPolicy(input.password, { email: link.email });
  const passwordHash = await hashPassword(input.password);
  await deps.store.transaction(async (tx) => {
    const used = await tx.oneTimeTokens.consume(hashToken(input.token), 'password_reset');
    if (!used?.accountId) throw errors.invalidLink();
    await tx.accounts.setPassword(used.accountId, passwordHash);
    await tx.sessions.revokeAllForAccount(used.accountId, 'password_reset');
  });
}
