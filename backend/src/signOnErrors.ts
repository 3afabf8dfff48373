/**
 * The refusals of single sign-on, beside errors.ts (the only other place an AppError is made): what went wrong at the
 * identity provider or in the token it sent, said so that the person knows whether to try again or to ask their
 * administrator.
 */
import type { TokenCheck } from './contract/errors';
import { AppError } from './errors';

const tryAgain = 'Start the sign-in again; if it keeps failing, tell your Sealpost administrator.';

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
  client: 'it was asked for by another application than Sealpost',
};

/** The refusals of single sign-on: the token-check codes name the check that failed, so a forged token and a mismatched one differ in logs and tests. */
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
  entraNotConfigured: () =>
    new AppError(
      503,
      'sso_entra_not_configured',
      'Microsoft sign-in is not set up on this Sealpost server yet. Sign in with your email and password, and tell your administrator.',
    ),
  /** The provider settings do not fit together (the sentence says which field and why). */
  invalidSettings: (sentence: string) => new AppError(400, 'invalid_sso_settings', sentence),
  domainNotCoverable: (domainIds: string[]) =>
    new AppError(
      400,
      'sso_domain_not_coverable',
      'A provider can cover only verified domains of your organization. Verify the domain first (Domains), then choose it again.',
      { domainIds: domainIds.slice(0, 20) },
    ),
  /** Password sign-in of a pro whose organization has them sign in with its provider. */
  ssoRequired: (providerName: string) =>
    new AppError(
      403,
      'sso_required',
      `Your organization signs you in with ${providerName}. On the sign-in page, enter your email and choose "Continue with ${providerName}".`,
      { providerName },
    ),
  /** Single sign-on was asked for an address no provider covers. */
  notCovered: () =>
    new AppError(400, 'sso_not_covered', 'Your email address does not sign in through an identity provider. Sign in with your email and password.'),
  /** The provider vouched for another address than the one typed, an unverified one, or one this organization does not cover. */
  emailMismatch: () =>
    new AppError(
      403,
      'sso_email_mismatch',
      `Your identity provider signed you in with another email address than the one you entered, or one it has not verified. Sign out of your identity provider and sign in with your work address. ${tryAgain}`,
    ),
  noInvitation: (organizationName: string) =>
    new AppError(
      403,
      'sso_no_invitation',
      `You do not have a Sealpost account at ${organizationName} yet. Ask your administrator for an invitation, then sign in again.`,
    ),
  /** A Microsoft token of a tenant that no organization has pinned in its single sign-on settings. */
  tenantNotConnected: () =>
    new AppError(
      403,
      'entra_tenant_not_connected',
      "Your Microsoft 365 organization is not connected to Sealpost. Sign in with the Sealpost sign-in window instead, or ask your administrator to set up Microsoft sign-in in Sealpost's admin page.",
    ),
  /**
   * The Microsoft token is good, but a session cannot come from it: the organization's 2-step rule is not met by the
   * provider's MFA, or the person is a guest. The add-in falls back to its sign-in window.
   */
  dialogSignInRequired: (reason: 'two_step' | 'guest', organizationName: string) =>
    new AppError(
      403,
      'entra_dialog_sign_in_required',
      reason === 'two_step'
        ? `Signing in to ${organizationName} needs 2-step verification, and your Microsoft sign-in does not count for it. Sign in with the Sealpost sign-in window instead.`
        : `Guests of ${organizationName} sign in with their Sealpost password. Sign in with the Sealpost sign-in window instead.`,
      { reason },
    ),
  /** The address belongs to a Sealpost account already tied to another Microsoft user (e.g. a reassigned mailbox). */
  identityMismatch: () =>
    new AppError(
      403,
      'entra_identity_mismatch',
      'Your Microsoft account is not the one this Sealpost account was first signed in with (the address may have belonged to someone else). Ask your Sealpost administrator.',
    ),
  keysUnavailable: () =>
    new AppError(
      503,
      'entra_keys_unavailable',
      'Sealpost could not fetch Microsoft\'s signing keys to check your sign-in. Try again in a minute, or sign in with your email.',
    ),
};
