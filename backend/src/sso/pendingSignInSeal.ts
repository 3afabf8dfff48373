/**
 * The pending sign-in (state, nonce, PKCE verifier) between sending a person to their provider and their return,
 * sealed with the keyring for a short-lived HttpOnly cookie: the browser holds it but can neither read nor change
 * it, and it names the organization whose provider the sign-in started with, so a callback is only ever finished
 * against that provider. Anything that does not open is treated as no sign-in at all.
 */
import { openRecord, sealRecord } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';
import type { PendingSignIn } from './relyingParty';

export interface PendingSsoSignIn {
  organizationId: string;
  /** The address the person typed, lower-case: the provider must vouch for this one. */
  email: string;
  pending: PendingSignIn;
  /** Where in the portal to land after (checked again with redirectTarget when used), e.g. back to a document to sign. */
  next?: string;
}

const AAD = 'sso_pending_sign_in';

export function sealPendingSignIn(keyring: Keyring, value: PendingSsoSignIn): string {
  return Buffer.from(sealRecord(keyring, JSON.stringify(value), AAD)).toString('base64url');
}

export function openPendingSignIn(keyring: Keyring, sealed: string | undefined): PendingSsoSignIn | null {
  if (!sealed || sealed.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(sealed)) return null;
  try {
    const value = JSON.parse(openRecord(keyring, Buffer.from(sealed, 'base64url').toString('utf8'), AAD)) as PendingSsoSignIn;
    return typeof value.organizationId === 'string' && typeof value.email === 'string' && typeof value.pending?.state === 'string' ? value : null;
  } catch {
    // Tampered, sealed under a retired key, or not ours: all the same to the person, who starts again.
    return null;
  }
}
