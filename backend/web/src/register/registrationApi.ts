/** The registration and 2-step calls the registration page makes, typed by the API contract (@contract/*). */
import type { Tokens as SignedIn, TwoStepChallenge as TwoStepRequired } from '@contract/auth';
import type { InvitationPreview as Invitation } from '@contract/registration';
import type { Enrollment } from '@contract/twoStep';
import { postJson } from '../shared/api';

export type { Enrollment, Invitation, SignedIn, TwoStepRequired };

/** Activation signs in and shows the recovery codes once. */
export type Activated = SignedIn & { recoveryCodes: string[] };

export const lookupInvitation = (token: string) => postJson<Invitation>('/api/v1/registration/lookup', { token });

export const register = (input: { token: string; name?: string; password: string; phone?: string }) =>
  postJson<SignedIn | TwoStepRequired>('/api/v1/registration', { ...input, delivery: 'cookie' });


export const enrollTwoStep = (challengeToken: string) => postJson<Enrollment>('/api/v1/auth/two-step/enroll', { challengeToken });

export const activateTwoStep = (challengeToken: string, code: string) =>
  postJson<Activated>('/api/v1/auth/two-step/activate', { challengeToken, code, delivery: 'cookie' });

export const verifyTwoStep = (challengeToken: string, proof: { code: string } | { recoveryCode: string }) =>
  postJson<SignedIn>('/api/v1/auth/two-step/verify', { challengeToken, ...proof, delivery: 'cookie' });

export function needsTwoStep(result: SignedIn | TwoStepRequired): result is TwoStepRequired {
  return 'twoStep' in result;
}
