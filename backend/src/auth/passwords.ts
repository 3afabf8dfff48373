/**
 * Password rules and hashing. Rules follow NIST SP 800-63B: length 8–128, not one of the most common
 * passwords, no composition rules. Hashes are argon2id.
 */
import argon2 from 'argon2';
import { errors } from '../errors';
import commonPasswords from './common-passwords.json';

const COMMON = new Set<string>(commonPasswords);
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Throws `weak_password` with a sentence saying what to change. */
export function checkPasswordPolicy(password: string, context: { email?: string } = {}): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN) throw errors.weakPassword(`Use at least ${PASSWORD_MIN} characters.`);
  if (length > PASSWORD_MAX) throw errors.weakPassword(`Use at most ${PASSWORD_MAX} characters.`);
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) {
    throw errors.weakPassword('That password is one of the most common ones and easy to guess. Choose another.');
  }
  if (context.email && lower === context.email.toLowerCase()) {
    throw errors.weakPassword('Your password cannot be your email address.');
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    await burnHashTime(password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so a response time does not tell whether an account exists. */
export async function burnHashTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('sealpost-timing-equalizer');
  await argon2.verify(await dummyHash, password).catch(() => false);
}
