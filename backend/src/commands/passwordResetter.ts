/**
 * Forgotten passwords: a single-use link valid for 30 minutes; using it sets the new password and signs the
 * account out everywhere. An account without a password (invited, never registered) gets a link too: whoever reads
 * the address's mail may take it up. The request answers the same and does the same work whether or not the email
 * has an account: one lookup, one link stored, one email queued (a note instead of a link when there is none).
 * A reset is audited in the person's organizations and followed by a "your password was changed" email.
 */
import { normalizeEmail } from '../auth/email';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { limits, spendAttempt } from './attemptLimits';
import { queuePasswordChangedEmail, recordForAccount } from './passwordChanger';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';

export const RESET_LINK_MINUTES = 30;

export async function requestPasswordReset(deps: AppDeps, input: { email: string; ip: string | null }): Promise<void> {
  const { store, config } = deps;
  await spendAttempt(store, limits.resetPerIp, input.ip ?? 'unknown');
  const email = normalizeEmail(input.email);
  if (!email) return;
  await spendAttempt(store, limits.resetPerEmailAndIp, `${email}|${input.ip ?? 'unknown'}`);
  await spendAttempt(store, limits.resetPerEmail, email);
  const found = await store.accounts.findByEmail(email);
  const account = found && !found.blockedAt ? found : null;

  const token = newOpaqueToken();
  await store.transaction(async (tx) => {
    await tx.oneTimeTokens.invalidateForEmail('password_reset', email);
    // Stored either way; without an account it names none, so it could not reset anything even if it were sent.
    await tx.oneTimeTokens.create({
      tokenHash: hashToken(token),
      purpose: 'password_reset',
      accountId: account?.id ?? null,
      email,
      expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
    });
    const mail = account
      ? {
          template: 'password_reset',
          content: templates.passwordReset({
            name: account.name,
            link: `${config.publicUrl}/reset-password?token=${token}`,
            minutes: RESET_LINK_MINUTES,
          }),
        }
      : { template: 'password_reset_unavailable', content: templates.passwordResetUnavailable({ signUpLink: `${config.publicUrl}/signup` }) };
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: null, to: email, ...mail });
  });
}

/** True when the link can still be used (the page shows the form only then). */
export async function isResetLinkUsable(deps: AppDeps, token: string): Promise<boolean> {
  const link = await deps.store.oneTimeTokens.findUsable(hashToken(token), 'password_reset');
  return link?.accountId != null;
}

export async function resetPassword(deps: AppDeps, input: { token: string; password: string }): Promise<void> {
  const link = await deps.store.oneTimeTokens.findUsable(hashToken(input.token), 'password_reset');
  if (!link?.accountId) throw errors.invalidLink();
  // Check the new password before using the link, so a refused password leaves the link usable.
  checkPasswordPolicy(input.password, { email: link.email });
  const passwordHash = await hashPassword(input.password);
  await deps.store.transaction(async (tx) => {
    const used = await tx.oneTimeTokens.consume(hashToken(input.token), 'password_reset');
    if (!used?.accountId) throw errors.invalidLink();
    await tx.accounts.setPassword(used.accountId, passwordHash);
    await tx.sessions.revokeAllForAccount(used.accountId, 'password_reset');
    // A sign-in half done with the old password (waiting for its code) must not finish either.
    await tx.oneTimeTokens.invalidateForEmail('two_step_challenge', used.email);
    // The owner hears of it even when someone else read the reset link in their mailbox.
    await recordForAccount(tx, used.accountId, 'account.password_reset');
    const account = await tx.accounts.findById(used.accountId);
    if (account) await queuePasswordChangedEmail(tx, deps, account);
  });
}
