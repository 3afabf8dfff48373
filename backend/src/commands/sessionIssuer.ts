/**
 * Starts sessions and issues their tokens: a short-lived access JWT and a rotating opaque refresh token. Every token
 * leaves through issueTokens, which first asks the organization's 2-step rule (policies/twoStep.ts).
 */
import { csrfTokenFor, hashToken, newDeviceToken, newOpaqueToken, signAccessToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { twoStepOwed, type TwoStepOwed } from '../policies/twoStep';
import { auditActor, type Repositories, type Session } from '../store';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** What web pages echo in X-CSRF-Token: bound to the session, the same for all its tokens. */
  csrfToken: string;
  /** Marks the browser as one this account signed in from (sign-in throttling lets it through). */
  deviceToken: string;
  expiresIn: number;
  sessionId: string;
  sessionExpiresAt: Date;
  organizationId: string;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

/** The second step owed before tokens for this organization, given what the session (if any yet) has passed. */
export async function secondStepOwed(
  repos: Repositories,
  input: { accountId: string; organizationId: string; sessionPassedTwoStep: boolean },
): Promise<{ owed: TwoStepOwed | null; organizationName: string }> {
  // One after the other: inside a transaction both go over the same connection anyway.
  const organization = await repos.organizations.findById(input.organizationId);
  const secret = await repos.twoStep.find(input.accountId);
  if (!organization) throw errors.notAMember();
  const owed = twoStepOwed({
    organizationRequiresTwoStep: organization.requireTwoStep,
    accountEnrolled: !!secret?.enabledAt,
    sessionPassedTwoStep: input.sessionPassedTwoStep,
  });
  return { owed, organizationName: organization.name };
}

/**
 * Adds a fresh refresh token to the session's family and signs an access token for its organization, unless the
 * session has not passed the second step that organization (or the person's own 2-step) asks for.
 */
export async function issueTokens(tx: Repositories, deps: AppDeps, session: Session): Promise<IssuedTokens> {
  const { owed, organizationName } = await secondStepOwed(tx, { ...session, sessionPassedTwoStep: session.twoStepAt !== null });
  if (owed) throw errors.twoStepRequired(organizationName);
  const refreshToken = newOpaqueToken();
  await tx.sessions.addRefreshToken(session.id, hashToken(refreshToken));
  const expiresIn = deps.config.accessTokenSeconds;
  return {
    accessToken: signAccessToken(
      deps.secrets.jwtSecret,
      { sub: session.accountId, sid: session.id, org: session.organizationId },
      expiresIn,
    ),
    refreshToken,
    csrfToken: csrfTokenFor(deps.secrets.jwtSecret, session.id),
    deviceToken: newDeviceToken(deps.secrets.jwtSecret, session.accountId),
    expiresIn,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    organizationId: session.organizationId,
  };
}

export async function startSession(
  tx: Repositories,
  deps: AppDeps,
  input: {
    accountId: string;
    organizationId: string;
    client: ClientInfo;
    twoStepPassed?: boolean;
    expiresAt?: Date;
    parentSessionId?: string;
    /** Started by the organization's identity provider (single sign-on, or Microsoft from Outlook). */
    providerSignIn?: boolean;
  },
): Promise<IssuedTokens> {
  const session = await tx.sessions.create({
    parentSessionId: input.parentSessionId ?? null,
    twoStepPassed: input.twoStepPassed ?? false,
    providerSignIn: input.providerSignIn ?? false,
    accountId: input.accountId,
    organizationId: input.organizationId,
    userAgent: input.client.userAgent?.slice(0, 300) ?? null,
    ip: input.client.ip,
    expiresAt: input.expiresAt ?? new Date(Date.now() + deps.config.sessionDays * 86_400_000),
  });
  await tx.memberships.recordLogin(input.organizationId, input.accountId);
  await tx.audit.record(auditActor(input.organizationId, input.accountId), 'session.started', { type: 'session', id: session.id }, { ip: input.client.ip });
  return issueTokens(tx, deps, session);
}
