/**
 * The last step of every sign-in (password login, registration from an invitation, sign-up confirmation):
 * starts the session, or, when 2-step verification applies, hands back a challenge instead.
 */
import type { AppDeps } from '../deps';
import { secondStepOwed, startSession, type ClientInfo, type IssuedTokens } from './sessionIssuer';
import { acceptRegistration, issueChallenge, type PendingRegistration, type TwoStepKind } from './twoStepChallenge';

export type SignInResult =
  | { kind: 'signed_in'; tokens: IssuedTokens }
  | { kind: 'two_step'; step: TwoStepKind; challengeToken: string; expiresIn: number };

/**
 * 2-step applies when the person has enrolled (in any organization: it is theirs), or when the organization they
 * sign in to requires it; then they enroll first (policies/twoStep.ts). The organization's setting is read at every
 * sign-in and every refresh, so turning it on reaches existing members within an access token's lifetime.
 * `registration` is an invitation to accept only once the second step is passed (see registration.ts).
 */
export async function completeSignIn(
  deps: AppDeps,
  input: { accountId: string; organizationId: string; client: ClientInfo; registration?: PendingRegistration },
): Promise<SignInResult> {
  const { owed: step } = await secondStepOwed(deps.store, { ...input, sessionPassedTwoStep: false });
  if (step) {
    const challenge = await issueChallenge(deps.store, {
      accountId: input.accountId,
      organizationId: input.organizationId,
      step,
      registration: input.registration,
    });
    return { kind: 'two_step', step, ...challenge };
  }
  const tokens = await deps.store.transaction(async (tx) => {
    if (input.registration) await acceptRegistration(tx, { ...input, registration: input.registration });
    return startSession(tx, deps, input);
  });
  return { kind: 'signed_in', tokens };
}
