/** Test shortcuts for 2-step verification: codes from a secret, the organization's switch, an enrolled person. */
import { generate } from 'otplib';
import { login, signUpOrganization, type SignedUp } from '../../testing/accounts';
import type { TestServer } from '../../testing/testServer';

const PERIOD_MS = 30_000;

/**
 * The current time step, after waiting out the last seconds of one: a test that uses the codes of the steps
 * around "now" must not see the clock move on halfway through.
 */
export async function freshStep(): Promise<number> {
  const left = PERIOD_MS - (Date.now() % PERIOD_MS);
  if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 250));
  return Math.floor(Date.now() / PERIOD_MS);
}

/** The code an authenticator app with this secret shows during the given time step. */
export function codeAt(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * (PERIOD_MS / 1000) });
}

/** A code of the right shape that is not the right one. */
export function wrongCode(code: string): string {
  return String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
}

/** An admin flips the organization's "require 2-step verification" setting. */
export async function requireTwoStep(t: TestServer, admin: { accessToken: string }, on: boolean): Promise<void> {
  const res = await t.api('PATCH', '/api/v1/organization/settings', { token: admin.accessToken, body: { requireTwoStep: on } });
  if (res.status !== 200 || res.body.requireTwoStep !== on) throw new Error(`settings answered ${res.status}: ${JSON.stringify(res.body)}`);
}

export interface Enrolled extends SignedUp {
  secret: string;
  recoveryCodes: string[];
  /** The time step whose code activated enrollment; the next usable code is of a later step. */
  usedStep: number;
}

/**
 * An organization that requires 2-step and its owner, enrolled through sign-in. Activation uses the code of the
 * previous step, which leaves the current and the next step free for the test (one step of drift is allowed).
 */
export async function enrolledOwner(t: TestServer, ip: string): Promise<Enrolled> {
  const owner = await signUpOrganization(t);
  await requireTwoStep(t, owner, true);
  const { body: challenge } = await login(t, owner.email, owner.password);
  if (challenge.twoStep !== 'enroll') throw new Error(`expected an enrollment challenge, got ${JSON.stringify(challenge)}`);
  const enroll = await t.api('POST', '/api/v1/auth/two-step/enroll', { ip, body: { challengeToken: challenge.challengeToken } });
  const step = (await freshStep()) - 1;
  const activated = await t.api('POST', '/api/v1/auth/two-step/activate', {
    ip,
    body: { challengeToken: challenge.challengeToken, code: await codeAt(enroll.body.secret, step) },
  });
  if (activated.status !== 200) throw new Error(`activate answered ${activated.status}: ${JSON.stringify(activated.body)}`);
  return { ...owner, secret: enroll.body.secret, recoveryCodes: activated.body.recoveryCodes, usedStep: step };
}

export function verify(t: TestServer, ip: string, body: Record<string, unknown>) {
  return t.api('POST', '/api/v1/auth/two-step/verify', { ip, body });
}
