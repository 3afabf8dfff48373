/**
 * The last step of every sign-in (password login, registration from an invitation, sign-up confirmation):
 * starts the session, or, when 2-step verification applies, hands back a challenge instead.
 */
import type { AppDeps } from '../deps';
import { startSession, type ClientInfo, type IssuedTokens } from './sessionIssuer';
import { issueChallenge, twoStepOwed, type TwoStepKind } from './twoStepChallenge';

export type SignInResult =
  | { kind: 'signed_in'; tokens: IssuedTokens }
  | { kind: 'two_step'; step: TwoStepKind; challengeToken: string; expiresIn: number };

/**
 * 2-step applies when the person has enrolled (in any organization: it is theirs), or when the organization they
 * sign in to requires it; then they enroll first. The organization's setting is read here, at every sign-in, so
 * turning it on reaches existing members at their next sign-in without ending their sessions.
 */
export async function completeSignIn(
  deps: AppDeps,
  input: { accountId: string; organizationId: string; client: ClientInfo },
): Promise<SignInResult> {
  const step = await twoStepOwed(deps.store, input.accountId, input.organizationId);
  if (step) {
    const challenge = await issueChallenge(deps.store, { accountId: input.accountId, organizationId: input.organizationId, step });
    return { kind: 'two_step', step, ...challenge };
  }
  const tokens = await deps.store.transaction((tx) => startSession(tx, deps, input));
  return { kind: 'signed_in', tokens };
}
