/**
 * The second step of sign-in: a code from the authenticator app (each time step once, one step of clock drift
 * either way) or one of the recovery codes (each once). A right code turns the challenge into a session.
 */
import { checkTotpCode, hashRecoveryCode, openTotpSecret } from '../auth/totp';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { clearAttempts, limits } from './attemptLimits';
import { auditActor, type Repositories } from '../store';
import type { ClientInfo, IssuedTokens } from './sessionIssuer';
import { finishChallenge, openChallenge, spendCodeAttempt } from './twoStepChallenge';

export async function verifyTwoStep(
  deps: AppDeps,
  input: { challengeToken: string; code?: string; recoveryCode?: string; client: ClientInfo },
): Promise<IssuedTokens> {
  const { store } = deps;
  const challenge = await openChallenge(store, input.challengeToken);
  const { accountId, organizationId } = challenge;
  await spendCodeAttempt(store, accountId, input.client.ip, challenge);
  const secret = await store.twoStep.find(accountId);
  if (!secret?.enabledAt) throw errors.twoStepNotSetUp();

  let useCode: (tx: Repositories) => Promise<boolean>;
  if (input.code !== undefined) {
    const totp = openTotpSecret(deps.secrets.keyring, accountId, secret.secretSealed);
    const step = await checkTotpCode(totp, input.code, secret.lastUsedStep);
    if (step === null) throw errors.invalidTwoStepCode();
    // Checked again in the UPDATE: of two requests racing with the same code, one wins.
    useCode = (tx) => tx.twoStep.useStep(accountId, step);
  } else {
    const hash = hashRecoveryCode(input.recoveryCode ?? '');
    useCode = async (tx) => {
      if (!(await tx.twoStep.useRecoveryCode(accountId, hash))) return false;
      const left = await tx.twoStep.countUnusedRecoveryCodes(accountId);
      await tx.audit.record(auditActor(organizationId, accountId), 'two_step.recovery_code_used', { type: 'account', id: accountId }, { left });
      return true;
    };
  }

  const tokens = await store.transaction(async (tx) => {
    if (!(await useCode(tx))) throw errors.invalidTwoStepCode();
    return finishChallenge(tx, deps, challenge, input.client);
  });
  await clearAttempts(store, limits.twoStepPerAccount, accountId);
  return tokens;
}
