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

// An argon2id hash with the parameters above, of random bytes no one kept. Written out rather than computed on first
// use, so that the first sign-in with an unknown address does not take a hash longer than the next ones.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$+MX9tbxbDOM67Ac2MzNZnA$zXb5iyLk8606SiVII8A7VASzVs5RbcAHtOSTvKtrepM';

/** Spends the same time as a real check, so a response time does not tell whether an account exists. */
export async function burnHashTime(password: string): Promise<void> {
  await argon2.verify(DUMMY_HASH, password).catch(() => false);
}
