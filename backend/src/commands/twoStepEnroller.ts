/**
 * Setting up 2-step verification: a new TOTP secret is stored sealed and pending, shown once as a QR code and a
 * manual key, and becomes active only when the person proves their app has it by entering a first code. Activation
 * hands out ten recovery codes, shown once. Happens during sign-in (the organization requires it) or later, signed in.
 */
import {
  checkTotpCode,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  openTotpSecret,
  otpauthUrl,
  qrSvg,
  sealTotpSecret,
} from '../auth/totp';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { clearAttempts, limits, spendAttempt } from './attemptLimits';
import { auditActor, type Repositories } from '../store';
import type { ClientInfo, IssuedTokens } from './sessionIssuer';
import { finishChallenge, openChallenge, spendCodeAttempt } from './twoStepChallenge';

export interface Enrollment {
  /** Base32, for typing into the app by hand. */
  secret: string;
  otpauthUrl: string;
  qrSvg: string;
}

/**
 * A pending secret for the account. `reusePending` shows the one already pending instead of replacing it (a page
 * shown again after a wrong code must keep the key the person already scanned).
 */
async function startEnrollment(
  deps: AppDeps,
  account: { id: string; email: string },
  reusePending = false,
): Promise<Enrollment> {
  const { store, secrets } = deps;
  const existing = await store.twoStep.find(account.id);
  if (existing?.enabledAt) throw errors.twoStepAlreadySetUp();
  let secret: string;
  if (reusePending && existing) {
    secret = openTotpSecret(secrets.keyring, account.id, existing.secretSealed);
  } else {
    secret = newTotpSecret();
    if (!(await store.twoStep.savePending(account.id, sealTotpSecret(secrets.keyring, account.id, secret)))) {
      throw errors.twoStepAlreadySetUp();
    }
  }
  const url = otpauthUrl(account.email, secret);
  return { secret, otpauthUrl: url, qrSvg: await qrSvg(url) };
}

/** Checks a first code against the pending secret; answers what `enable` needs to activate exactly that secret. */
async function confirmPending(deps: AppDeps, accountId: string, code: string): Promise<{ sealed: string; step: number }> {
  const pending = await deps.store.twoStep.find(accountId);
  if (pending?.enabledAt) throw errors.twoStepAlreadySetUp();
  if (!pending) throw errors.twoStepNotSetUp();
  const step = await checkTotpCode(openTotpSecret(deps.secrets.keyring, accountId, pending.secretSealed), code, null);
  if (step === null) throw errors.invalidTwoStepCode();
  return { sealed: pending.secretSealed, step };
}

async function enable(
  tx: Repositories,
  input: { accountId: string; organizationId: string; sealed: string; step: number },
): Promise<string[]> {
  // Refused if another enrollment replaced the secret after the code was checked against it.
  if (!(await tx.twoStep.enable(input.accountId, input.sealed, input.step))) throw errors.twoStepNotSetUp();
  const recoveryCodes = newRecoveryCodes();
  await tx.twoStep.replaceRecoveryCodes(input.accountId, recoveryCodes.map(hashRecoveryCode));
  await tx.audit.record(auditActor(input.organizationId, input.accountId), 'two_step.enabled', { type: 'account', id: input.accountId });
  return recoveryCodes;
}

/** During sign-in: the challenge stands for the password already given. */
export async function enrollWithChallenge(
  deps: AppDeps,
  input: { challengeToken: string; ip: string | null; reusePending?: boolean },
): Promise<Enrollment> {
  const challenge = await openChallenge(deps.store, input.challengeToken);
  await spendAttempt(deps.store, limits.twoStepPerIp, input.ip ?? 'unknown');
  return startEnrollment(deps, { id: challenge.accountId, email: challenge.email }, input.reusePending);
}

export async function activateWithChallenge(
  deps: AppDeps,
  input: { challengeToken: string; code: string; client: ClientInfo },
): Promise<{ recoveryCodes: string[]; tokens: IssuedTokens }> {
  const { store } = deps;
  const challenge = await openChallenge(store, input.challengeToken);
  await spendCodeAttempt(store, challenge.accountId, input.client.ip, challenge);
  const confirmed = await confirmPending(deps, challenge.accountId, input.code);
  const result = await store.transaction(async (tx) => {
    const recoveryCodes = await enable(tx, { ...challenge, ...confirmed });
    return { recoveryCodes, tokens: await finishChallenge(tx, deps, challenge, input.client) };
  });
  await clearAttempts(store, limits.twoStepPerAccount, challenge.accountId);
  return result;
}

/** Signed in, of the person's own accord. */
export async function enrollSignedIn(deps: AppDeps, actor: Actor, ip: string | null): Promise<Enrollment> {
  await spendAttempt(deps.store, limits.twoStepPerIp, ip ?? 'unknown');
  return startEnrollment(deps, actor.account);
}

export async function activateSignedIn(deps: AppDeps, actor: Actor, input: { code: string; ip: string | null }): Promise<string[]> {
  const accountId = actor.account.id;
  await spendCodeAttempt(deps.store, accountId, input.ip);
  const confirmed = await confirmPending(deps, accountId, input.code);
  const recoveryCodes = await deps.store.transaction(async (tx) => {
    const codes = await enable(tx, { accountId, organizationId: actor.organization.id, ...confirmed });
    // The code just given is the second step: this session keeps its tokens, the person's other sessions do not.
    await tx.sessions.markTwoStepPassed(actor.session.id);
    return codes;
  });
  await clearAttempts(deps.store, limits.twoStepPerAccount, accountId);
  return recoveryCodes;
}
