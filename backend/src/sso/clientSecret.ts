/**
 * The client secret an organization gives for its OpenID provider, sealed with the keyring for storage. The
 * associated data names the organization, so a sealed secret copied to another organization's row does not open.
 * It is opened only to talk to the provider, and never sent back to a person after it is saved.
 */
import { aadFor, openRecord, sealRecord } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';

const aadOf = (organizationId: string) => aadFor(organizationId, 'sso_provider', organizationId, 'client_secret');

export function sealClientSecret(keyring: Keyring, organizationId: string, secret: string): string {
  return sealRecord(keyring, secret, aadOf(organizationId));
}

/** Throws DecryptionError when the sealed value was tampered with or belongs to another organization. */
export function openClientSecret(keyring: Keyring, organizationId: string, sealed: string): string {
  return openRecord(keyring, sealed, aadOf(organizationId));
}
