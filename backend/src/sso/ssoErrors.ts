/**
 * The refusals of single sign-on, each an AppError with a stable code: what went wrong at the identity provider or in
 * the token it sent, said so that the person knows whether to try again or to ask their administrator. The
 * token-check codes name the check that failed, so logs and tests can tell a forged token from a mismatched one.
 */
import { AppError } from '../errors';

const tryAgain = 'Start the sign-in again; if it keeps failing, tell your Sealpost administrator.';

/** Which check an ID token or access token failed. */
export type TokenCheck =
  | 'malformed'
  | 'algorithm'
  | 'unknown_key'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'nonce'
  | 'expired'
  | 'not_yet_valid'
  | 'tenant'
  | 'version'
  | 'scope'
  | 'claims';

const checkSentence: Record<TokenCheck, string> = {
  malformed: 'it is not a well-formed token',
  algorithm: 'it is unsigned or signed with an algorithm we do not accept',
  unknown_key: 'it is signed with a key the identity provider does not publish',
  signature: 'its signature does not match its content',
  issuer: 'it comes from another identity provider than the one your organization set up',
  audience: 'it was issued for another application',
  nonce: 'it belongs to another sign-in',
  expired: 'it has expired',
  not_yet_valid: 'it is not valid yet (check the clock of this computer)',
  tenant: 'it belongs to another Microsoft 365 organization (tenant) than the one your organization set up',
  version: 'it is not a version 2.0 Microsoft token',
  scope: 'it does not grant access to Sealpost',
  claims: 'it lacks the identity details Sealpost needs (subject, tenant or email)',
};

export const ssoErrors = {
  /** The identity provider's answer to an interactive sign-in failed a check. */
  idTokenRejected: (check: TokenCheck) =>
    new AppError(401, `sso_${check}`, `Your identity provider's answer was refused because ${checkSentence[check]}. ${tryAgain}`, {
      check,
    }),
  /** A Microsoft access token (nested app authentication) failed a check. */
  accessTokenRejected: (check: TokenCheck) =>
    new AppError(401, `entra_token_${check}`, `The Microsoft sign-in of Outlook was refused because ${checkSentence[check]}. Sign in to Sealpost with your email instead, or ask your administrator.`, {
      check,
    }),
  stateMismatch: () =>
    new AppError(400, 'sso_state_mismatch', `This sign-in answer does not belong to a sign-in started in this browser, or it was used already. ${tryAgain}`),
  signInExpired: (minutes: number) =>
    new AppError(400, 'sso_sign_in_expired', `The sign-in took longer than ${minutes} minutes. Start it again.`),
  providerRefused: (error: string) =>
    new AppError(
      401,
      'sso_provider_refused',
      `Your identity provider did not sign you in (it answered "${error.slice(0, 80)}"). ${tryAgain}`,
      { providerError: error.slice(0, 80) },
    ),
  providerUnreachable: () =>
    new AppError(
      502,
      'sso_provider_unreachable',
      'Sealpost could not reach your identity provider or understand its configuration. Try again in a minute; if it keeps failing, ask your administrator to check the issuer address.',
    ),
  keysUnavailable: () =>
    new AppError(
      503,
      'entra_keys_unavailable',
      'Sealpost could not fetch Microsoft\'s signing keys to check your sign-in. Try again in a minute, or sign in with your email.',
    ),
};
