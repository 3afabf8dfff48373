/** Attempt limits shared by every instance (the counters live in the database). */
import type { Store } from '../store';
import type { ThrottleRule } from '../store/rateLimits';
import { errors } from '../errors';

export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}

export const limits = {
  loginPerIp: { name: 'login-ip', max: 30, windowSeconds: 15 * 60 },
  signupPerIp: { name: 'signup-ip', max: 10, windowSeconds: 60 * 60 },
  // Mail to one address is limited per requesting address, so a stranger spending their budget does not spend the
  // owner's; the daily ceiling per address only keeps a mailbox from being flooded from many addresses.
  signupPerEmailAndIp: { name: 'signup-email-ip', max: 3, windowSeconds: 60 * 60 },
  signupPerEmail: { name: 'signup-email', max: 20, windowSeconds: 24 * 60 * 60 },
  resetPerIp: { name: 'reset-ip', max: 10, windowSeconds: 60 * 60 },
  resetPerEmailAndIp: { name: 'reset-email-ip', max: 3, windowSeconds: 60 * 60 },
  resetPerEmail: { name: 'reset-email', max: 20, windowSeconds: 24 * 60 * 60 },
  refreshPerIp: { name: 'refresh-ip', max: 300, windowSeconds: 15 * 60 },
  // Every code tried counts against the account, whichever challenge carries it, so new sign-ins buy no new guesses.
  twoStepPerAccount: { name: 'two-step-account', max: 5, windowSeconds: 15 * 60 },
  twoStepPerIp: { name: 'two-step-ip', max: 60, windowSeconds: 15 * 60 },
  // A stolen session must not become a way to guess the password it was opened with.
  passwordChangePerAccount: { name: 'password-change-account', max: 10, windowSeconds: 15 * 60 },
  // Subjects are sealed, so each search opens up to SEARCH_SCAN_LIMIT of them; a person searches far less often.
  searchPerAccount: { name: 'search-account', max: 20, windowSeconds: 60 },
} satisfies Record<string, Limit>;

/** Counts an attempt; throws `rate_limited` (with Retry-After) once the window's budget is spent. */
export async function spendAttempt(store: Store, limit: Limit, subject: string): Promise<void> {
  const { hits, windowStart } = await store.rateLimits.hit(`${limit.name}:${subject}`, limit.windowSeconds);
  if (hits > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + limit.windowSeconds * 1000 - Date.now()) / 1000));
    throw errors.rateLimited(retryAfter);
  }
}

const DAY = 24 * 3600;
/**
 * Password guessing (NIST SP 800-63B §5.2.2): wrong passwords slow down the pair that typed them (account and client
 * address) with waits that double after a few; a browser where the account signed in before has its own allowance,
 * so the owner gets in while someone elsewhere guesses; and a ceiling per account of 100 consecutive failures from
 * unknown browsers, beyond which those too wait. A known browser is also spared the limit per client address (a
 * clinic behind one address shares it). No one can lock an owner out of a browser they used before.
 */
export const passwordThrottles = {
  pair: { free: 5, maxDelaySeconds: 15 * 60, forgetSeconds: DAY },
  knownDevice: { free: 10, maxDelaySeconds: 15 * 60, forgetSeconds: DAY },
  account: { free: 100, maxDelaySeconds: 15 * 60, forgetSeconds: DAY },
} satisfies Record<string, ThrottleRule>;

/**
 * Counts a password attempt before the password is checked (so parallel guesses queue as well); throws
 * `rate_limited` while a wait is owed. Call `succeeded` when the password was right: the pair's failures are
 * forgotten, and the account's, since failures count only while consecutive.
 */
export async function guardPasswordAttempt(
  store: Store,
  input: { email: string; ip: string | null; knownDeviceId: string | null },
): Promise<{ succeeded(): Promise<void> }> {
  if (!input.knownDeviceId) await spendAttempt(store, limits.loginPerIp, input.ip ?? 'unknown');
  const keys = input.knownDeviceId
    ? [{ key: `password-device:${input.email}|${input.knownDeviceId}`, rule: passwordThrottles.knownDevice }]
    : [
        { key: `password-account:${input.email}`, rule: passwordThrottles.account },
        { key: `password-pair:${input.email}|${input.ip ?? 'unknown'}`, rule: passwordThrottles.pair },
      ];
  for (const { key, rule } of keys) {
    const { waitSeconds } = await store.rateLimits.throttle(key, rule);
    if (waitSeconds > 0) throw errors.rateLimited(waitSeconds);
  }
  return {
    async succeeded() {
      for (const { key } of keys) await store.rateLimits.clearThrottle(key);
      if (input.knownDeviceId) await store.rateLimits.clearThrottle(`password-account:${input.email}`);
    },
  };
}

export async function clearAttempts(store: Store, limit: Limit, subject: string): Promise<void> {
  await store.rateLimits.reset(`${limit.name}:${subject}`);
}
