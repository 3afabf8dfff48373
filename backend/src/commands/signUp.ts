/**
 * Sign-up creates an organization and its first member (pro, admin, user manager) once the email is proven.
 * The request always answers the same way: an email that already has an account gets a note instead of a link,
 * so the answer never tells a stranger whether someone has an account.
 */
import { normalizeEmail } from '../auth/email';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { limits, spendAttempt } from '../http/rateLimit';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { startSession, type ClientInfo, type IssuedTokens } from './sessionIssuer';

const SIGNUP_LINK_HOURS = 24;

export async function requestSignUp(
  deps: AppDeps,
  input: { organizationName: string; name: string; email: string; password: string; client: ClientInfo },
): Promise<void> {
  const { store, config } = deps;
  const email = normalizeEmail(input.email);
  if (!email) throw errors.validation('Enter a valid email address.', [{ path: 'email', code: 'invalid_email' }]);
  checkPasswordPolicy(input.password, { email });
  await spendAttempt(store, limits.signupPerIp, input.client.ip ?? 'unknown');
  await spendAttempt(store, limits.signupPerEmail, email);

  // Hash in both branches so the answer takes the same time either way.
  const passwordHash = await hashPassword(input.password);
  const existing = await store.accounts.findByEmail(email);
  await store.transaction(async (tx) => {
    if (existing) {
      const content = templates.accountExists({
        signInLink: `${config.publicUrl}/`,
        resetLink: `${config.publicUrl}/forgot-password`,
      });
      await enqueueEmail(tx, deps.secrets.keyring, { organizationId: null, template: 'account_exists', to: email, content });
      return;
    }
    const token = newOpaqueToken();
    await tx.oneTimeTokens.invalidateForEmail('signup', email);
    await tx.oneTimeTokens.create({
      tokenHash: hashToken(token),
      purpose: 'signup',
      accountId: null,
      email,
      payload: { organizationName: input.organizationName, name: input.name, passwordHash },
      expiresAt: new Date(Date.now() + SIGNUP_LINK_HOURS * 3_600_000),
    });
    const content = templates.signupConfirmation({
      name: input.name,
      organizationName: input.organizationName,
      link: `${config.publicUrl}/signup/confirm?token=${token}`,
    });
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: null, template: 'signup_confirmation', to: email, content });
  });
}

/** Uses the emailed link: creates account, organization and admin membership, and signs the person in. */
export async function confirmSignUp(deps: AppDeps, token: string, client: ClientInfo): Promise<IssuedTokens> {
  return deps.store.transaction(async (tx) => {
    const link = await tx.oneTimeTokens.consume(hashToken(token), 'signup');
    if (!link) throw errors.invalidLink();
    if (await tx.accounts.findByEmail(link.email)) throw errors.emailTaken();
    const payload = link.payload as { organizationName: string; name: string; passwordHash: string };
    const account = await tx.accounts.create({ email: link.email, name: payload.name, passwordHash: payload.passwordHash });
    const organization = await tx.organizations.create({ name: payload.organizationName, seatsPurchased: 1 });
    await tx.memberships.create({
      organizationId: organization.id,
      accountId: account.id,
      type: 'pro',
      status: 'active',
      isAdmin: true,
      isUserManager: true,
    });
    await tx.audit.append({
      organizationId: organization.id,
      actorId: account.id,
      action: 'organization.created',
      targetType: 'organization',
      targetId: organization.id,
    });
    return startSession(tx, deps, { accountId: account.id, organizationId: organization.id, client });
  });
}
