/** Attempt limits shared by every instance (the counters live in the database). */
import type { Store } from '../store';
import { errors } from '../errors';

export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}

export const limits = {
  loginPerIp: { name: 'login-ip', max: 30, windowSeconds: 15 * 60 },
  loginPerAccount: { name: 'login-account', max: 10, windowSeconds: 15 * 60 },
  signupPerIp: { name: 'signup-ip', max: 10, windowSeconds: 60 * 60 },
  signupPerEmail: { name: 'signup-email', max: 3, windowSeconds: 60 * 60 },
  resetPerIp: { name: 'reset-ip', max: 10, windowSeconds: 60 * 60 },
  resetPerEmail: { name: 'reset-email', max: 3, windowSeconds: 60 * 60 },
  refreshPerIp: { name: 'refresh-ip', max: 300, windowSeconds: 15 * 60 },
  // Every code tried counts against the account, whichever challenge carries it, so new sign-ins buy no new guesses.
  twoStepPerAccount: { name: 'two-step-account', max: 5, windowSeconds: 15 * 60 },
  twoStepPerIp: { name: 'two-step-ip', max: 60, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

/** Counts an attempt; throws `rate_limited` (with Retry-After) once the window's budget is spent. */
export async function spendAttempt(store: Store, limit: Limit, subject: string): Promise<void> {
  const { hits, windowStart } = await store.rateLimits.hit(`${limit.name}:${subject}`, limit.windowSeconds);
  if (hits > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + limit.windowSeconds * 1000 - Date.now()) / 1000));
    throw errors.rateLimited(retryAfter);
  }
}

export async function clearAttempts(store: Store, limit: Limit, subject: string): Promise<void> {
  await store.rateLimits.reset(`${limit.name}:${subject}`);
}
