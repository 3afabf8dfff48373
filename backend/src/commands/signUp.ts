/**
 * Sign-up creates an organization and its first member (pro, admin, user manager) once the email is proven.
 * An address whose account is an active member somewhere gets a note instead of a link; any other address gets the
 * link, including one that an invitation left without a password or whose memberships all ended: whoever reads its
 * mail may take it up. The request answers the same and does the same work either way (one lookup, one hash, one
 * link stored, one email queued), so neither the answer nor its timing tells a stranger whether an account exists.
 */
import { normalizeEmail } from '../auth/email';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { limits, spendAttempt } from './attemptLimits';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import type { Account, Repositories } from '../store';
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
  await spendAttempt(store, limits.signupPerEmailAndIp, `${email}|${input.client.ip ?? 'unknown'}`);
  await spendAttempt(store, limits.signupPerEmail, email);

  const passwordHash = await hashPassword(input.password);
  const found = await store.accounts.findForSignUp(email);
  const mayTakeUp = !found || (!found.account.blockedAt && !found.activeSomewhere);
  const token = newOpaqueToken();
  await store.transaction(async (tx) => {
    await tx.oneTimeTokens.invalidateForEmail('signup', email);
    // Stored either way; confirming refuses an address that is in use, and the note never carries it.
    await tx.oneTimeTokens.create({
      tokenHash: hashToken(token),
      purpose: 'signup',
      accountId: null,
      email,
      payload: { organizationName: input.organizationName, name: input.name, passwordHash },
      expiresAt: new Date(Date.now() + SIGNUP_LINK_HOURS * 3_600_000),
    });
    const mail = mayTakeUp
      ? {
          template: 'signup_confirmation',
          content: templates.signupConfirmation({
            name: input.name,
            organizationName: input.organizationName,
            link: `${config.publicUrl}/signup/confirm?token=${token}`,
          }),
        }
      : {
          template: 'account_exists',
          content: templates.accountExists({ signInLink: `${config.publicUrl}/`, resetLink: `${config.publicUrl}/forgot-password` }),
        };
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: null, to: email, ...mail });
  });
}

/** Uses the emailed link: creates account, organization and admin membership, and signs the person in. */
export async function confirmSignUp(deps: AppDeps, token: string, client: ClientInfo): Promise<IssuedTokens> {
  return deps.store.transaction(async (tx) => {
    const link = await tx.oneTimeTokens.consume(hashToken(token), 'signup');
    if (!link) throw errors.invalidLink();
    const found = await tx.accounts.findForSignUp(link.email);
    if (found && (found.account.blockedAt || found.activeSomewhere)) throw errors.emailTaken();
    const payload = link.payload as { organizationName: string; name: string; passwordHash: string };
    const account = found
      ? await takeUp(tx, found.account, payload)
      : await tx.accounts.create({ email: link.email, name: payload.name, passwordHash: payload.passwordHash });
    const organization = await tx.organizations.create({ name: payload.organizationName, seatsPurchased: 1 });
    await tx.memberships.create({
      organizationId: organization.id,
      accountId: account.id,
      type: 'pro',
      status: 'active',
      isAdmin: true,
      isUserManager: true,
    });
    await tx.audit.record({ organization, account }, 'organization.created', { type: 'organization', id: organization.id });
    return startSession(tx, deps, { accountId: account.id, organizationId: organization.id, client });
  });
}

/** An account no one uses (an invitation's leftover, or one whose memberships all ended) passes to whoever proved the address. */
async function takeUp(tx: Repositories, account: Account, payload: { name: string; passwordHash: string }): Promise<Account> {
  await tx.accounts.setPassword(account.id, payload.passwordHash);
  await tx.accounts.updateProfile(account.id, { name: payload.name });
  await tx.sessions.revokeAllForAccount(account.id, 'address_taken_up');
  await tx.oneTimeTokens.invalidateForEmail('password_reset', account.email);
  return account;
}
