/**
 * The sign-in challenge of 2-step verification: after the password (or an invitation, or a sign-up link) is
 * accepted, a short-lived single-use token stands for "this person, this organization, second step pending".
 * It is 256 random bits, stored as SHA-256 only, and becomes a session only together with a right code.
 */
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { assertMayUse } from '../policies/sessions';
import { limits, spendAttempt } from './attemptLimits';
import type { TwoStepOwed } from '../policies/twoStep';
import { auditActor, type Repositories, type Store } from '../store';
import { startSession, type ClientInfo, type IssuedTokens } from './sessionIssuer';

export type TwoStepKind = TwoStepOwed;

/** Long enough to open an authenticator app (or install one), short enough that a stolen token goes stale. */
export const CHALLENGE_SECONDS = 10 * 60;

/** An invitation whose acceptance waits for the second step: the membership turns active only with it. */
export interface PendingRegistration {
  invitationId: string;
  existingAccount: boolean;
}

export interface OpenChallenge {
  tokenHash: string;
  accountId: string;
  organizationId: string;
  email: string;
  registration?: PendingRegistration;
}

/** Uses the invitation (single use: of two racing registrations one gets past this) and activates the membership. */
export async function acceptRegistration(
  tx: Repositories,
  input: { accountId: string; organizationId: string; registration: PendingRegistration },
): Promise<void> {
  const { accountId, organizationId, registration } = input;
  if (!(await tx.invitations.accept(registration.invitationId))) throw errors.invitationInvalid();
  await tx.memberships.setStatus(organizationId, accountId, 'active');
  await tx.audit.record(auditActor(organizationId, accountId), 'member.registered', { type: 'invitation', id: registration.invitationId },
    { existingAccount: registration.existingAccount });
}

export async function issueChallenge(
  store: Store,
  input: { accountId: string; organizationId: string; step: TwoStepKind; registration?: PendingRegistration },
): Promise<{ challengeToken: string; expiresIn: number }> {
  const account = await store.accounts.findById(input.accountId);
  if (!account) throw errors.invalidCredentials();
  const challengeToken = newOpaqueToken();
  await store.oneTimeTokens.create({
    tokenHash: hashToken(challengeToken),
    purpose: 'two_step_challenge',
    accountId: account.id,
    email: account.email,
    payload: { accountId: account.id, organizationId: input.organizationId, step: input.step, registration: input.registration ?? null },
    expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
  });
  return { challengeToken, expiresIn: CHALLENGE_SECONDS };
}

/** The live challenge behind a token, without using it up: a wrong code may be followed by a right one. */
export async function openChallenge(store: Store, challengeToken: string): Promise<OpenChallenge> {
  const tokenHash = hashToken(challengeToken);
  const record = await store.oneTimeTokens.findUsable(tokenHash, 'two_step_challenge');
  const payload = record?.payload as { accountId?: unknown; organizationId?: unknown; registration?: PendingRegistration | null } | undefined;
  if (!record || typeof payload?.accountId !== 'string' || typeof payload.organizationId !== 'string') {
    throw errors.invalidChallenge();
  }
  const registration = payload.registration ?? undefined;
  return { tokenHash, accountId: payload.accountId, organizationId: payload.organizationId, email: record.email, registration };
}

/**
 * Counts one code attempt against the account (and the client address). When the account's budget is spent the
 * challenge dies too, so the person has to start over with their password.
 */
export async function spendCodeAttempt(store: Store, accountId: string, ip: string | null, challenge?: OpenChallenge): Promise<void> {
  await spendAttempt(store, limits.twoStepPerIp, ip ?? 'unknown');
  try {
    await spendAttempt(store, limits.twoStepPerAccount, accountId);
  } catch (err) {
    if (challenge) await store.oneTimeTokens.consume(challenge.tokenHash, 'two_step_challenge');
    throw err;
  }
}

/**
 * Uses the challenge and starts the session, inside the caller's transaction together with using the code.
 * Access is checked again: the account may have been blocked or removed while the person fetched their phone.
 */
export async function finishChallenge(
  tx: Repositories,
  deps: AppDeps,
  challenge: OpenChallenge,
  client: ClientInfo,
): Promise<IssuedTokens> {
  if (!(await tx.oneTimeTokens.consume(challenge.tokenHash, 'two_step_challenge'))) throw errors.invalidChallenge();
  if (challenge.registration) await acceptRegistration(tx, { ...challenge, registration: challenge.registration });
  const account = await tx.accounts.findById(challenge.accountId);
  const membership = (await tx.memberships.listForAccount(challenge.accountId)).find(
    (m) => m.organizationId === challenge.organizationId,
  );
  if (!account || !membership) throw errors.notAMember();
  assertMayUse(account, membership, membership.organizationName);
  return startSession(tx, deps, { accountId: challenge.accountId, organizationId: challenge.organizationId, client, twoStepPassed: true });
}
