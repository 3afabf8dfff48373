/** The registration and 2-step calls the registration page makes, typed as the API documents them. */
import { postJson } from '../shared/api';

export interface Invitation {
  organizationName: string;
  /** Null when the inviter's account is gone. */
  inviterName: string | null;
  email: string;
  name: string | null;
  phone: string | null;
  hasAccount: boolean;
  requiresTwoStep: boolean;
}

export interface SignedIn {
  tokenType: 'Bearer';
  expiresIn: number;
  sessionId: string;
  organizationId: string;
}

/** Registration either signs the person in or asks for a second step first. */
export interface TwoStepRequired {
  twoStep: 'enroll' | 'verify';
  challengeToken: string;
  expiresIn: number;
}

export interface Enrollment {
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

export interface Activated extends SignedIn {
  recoveryCodes: string[];
}

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
