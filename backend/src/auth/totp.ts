/**
 * The codes of 2-step verification: TOTP secrets and codes (RFC 6238: SHA-1, 6 digits, 30 seconds, what every
 * authenticator app speaks), the otpauth:// link and its QR code, and one-time recovery codes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { openRecord, sealRecord } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';

export const TOTP_ISSUER = 'Sealpost';
const PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh 160-bit secret, base32: the key people type in when they cannot scan the QR code. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** Associated data binds a sealed secret to its account: copied to another row, it does not open. */
const aadOf = (accountId: string) => `account:${accountId}|two_step_secret`;

export function sealTotpSecret(keyring: Keyring, accountId: string, secret: string): string {
  return sealRecord(keyring, secret, aadOf(accountId));
}

export function openTotpSecret(keyring: Keyring, accountId: string, sealed: string): string {
  return openRecord(keyring, sealed, aadOf(accountId));
}

export function otpauthUrl(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The otpauth:// link as an SVG image, inline markup so the page needs neither JavaScript nor image URLs. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 });
}

/**
 * The time step of a right code, or null. One step of clock drift either way is accepted; steps at or before
 * `afterStep` are refused so a code that was used cannot be used again within its window.
 */
export async function checkTotpCode(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: PERIOD_SECONDS,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    // The TOTP result carries the step (the HOTP one of the shared type does not)
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    // otplib throws on malformed input; to the person that is just a wrong code
    return null;
  }
}

/** Ten codes of 80 random bits each, shown once as xxxx-xxxx-xxxx-xxxx (base32, lower case). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of bytes) {
      value = ((value << 8) | byte) & 0xffff; // only the unread bits matter
      bits += 8;
      while (bits >= 5) {
        out += BASE32[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    return out.match(/.{4}/g)!.join('-');
  });
}

/** What we store of a recovery code: SHA-256 of its letters, so case, spaces and dashes do not matter. */
export function hashRecoveryCode(code: string): string {
  const letters = code.toLowerCase().replace(/[^a-z2-7]/g, '');
  return createHash('sha256').update(letters, 'utf8').digest('hex');
}
