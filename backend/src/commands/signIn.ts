/**
 * Signing in with email and password. Wrong email and wrong password look the same (same answer, same time);
 * only after the password is right do we say that access was revoked or the account is blocked. Guessing is
 * throttled per account and client address, never for a browser the account signed in from (http/rateLimit.ts). The answer is
 * a session, or a 2-step challenge when the organization or the person asks for one (see signInCompleter.ts). Pros
 * whose organization has them sign in with its identity provider are sent there instead.
 */
import { normalizeEmail } from '../auth/email';
import { verifyPassword } from '../auth/passwords';
import { knownDeviceId } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { assertMayUse, assertMayUsePassword } from '../policies/sessions';
import { guardPasswordAttempt } from './attemptLimits';
import type { MembershipWithOrganization } from '../store';
import type { ClientInfo } from './sessionIssuer';
import { completeSignIn, type SignInResult } from './signInCompleter';

export async function signIn(
  deps: AppDeps,
  input: { email: string; password: string; organizationId?: string; client: ClientInfo; deviceToken?: string },
): Promise<SignInResult> {
  const { store } = deps;
  const email = normalizeEmail(input.email) ?? input.email.trim().toLowerCase();

  const account = await store.accounts.findByEmail(email);
  const attempt = await guardPasswordAttempt(store, {
    email,
    ip: input.client.ip,
    knownDeviceId: account ? knownDeviceId(deps.secrets.jwtSecret, account.id, input.deviceToken) : null,
  });
  if (!(await verifyPassword(account?.passwordHash ?? null, input.password)) || !account) {
    throw errors.invalidCredentials();
  }
  await attempt.succeeded();
  if (account.blockedAt) throw errors.accountBlocked();

  const membership = chooseMembership(await store.memberships.listForAccount(account.id), input.organizationId);
  assertMayUse(account, membership, membership.organizationName);
  // After the password is checked, so only the address's owner learns that the organization wants its provider.
  assertMayUsePassword(membership, await store.ssoProviders.findByEmailDomain(email.slice(email.lastIndexOf('@') + 1)));
  return completeSignIn(deps, { accountId: account.id, organizationId: membership.organizationId, client: input.client });
}

/** The organization asked for, else the most recently used active one; else the reason there is none. */
function chooseMembership(memberships: MembershipWithOrganization[], organizationId?: string): MembershipWithOrganization {
  if (organizationId) {
    const asked = memberships.find((m) => m.organizationId === organizationId);
    if (!asked || asked.status === 'invited') throw errors.notAMember();
    return asked;
  }
  const active = memberships.find((m) => m.status === 'active');
  if (active) return active;
  const blocked = memberships.find((m) => m.status === 'blocked');
  if (blocked) return blocked;
  const removed = memberships.find((m) => m.status === 'removed');
  if (removed) return removed;
  throw errors.noOrganization();
}
