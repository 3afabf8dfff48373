/**
 * Refresh-token rotation. Each refresh token works once; presenting a spent one means it was copied,
 * so the whole session (the token family) is revoked and both holders must sign in again.
 */
import { hashToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { assertMayUse, endedSessionError } from '../policies/sessions';
import { issueTokens, type IssuedTokens } from './sessionIssuer';

export async function refreshSession(deps: AppDeps, refreshToken: string): Promise<IssuedTokens> {
  const { store } = deps;
  const outcome = await store.transaction(async (tx) => {
    const spend = await tx.sessions.spendRefreshToken(hashToken(refreshToken));
    if (spend.outcome !== 'spent') return spend;
    const context = await tx.sessions.findLiveContext(spend.sessionId);
    if (!context) return { outcome: 'dead' as const, sessionId: spend.sessionId };
    assertMayUse(context.account, context.membership, context.organization.name);
    return { outcome: 'issued' as const, tokens: await issueTokens(tx, deps, context.session) };
  });
  switch (outcome.outcome) {
    case 'issued':
      return outcome.tokens;
    case 'reused':
      // Outside the transaction above on purpose: the revocation must stick even though we answer with an error.
      await store.sessions.revoke(outcome.sessionId, 'refresh_token_reused');
      deps.logger.warn({ sessionId: outcome.sessionId }, 'spent refresh token presented again; session revoked');
      throw errors.refreshTokenReused();
    case 'dead': {
      // removed or blocked since: say so (access_revoked, account_blocked) rather than "expired"
      const ended = await store.sessions.findEnded(outcome.sessionId);
      const error = endedSessionError(ended, ended?.accountId ?? '');
      throw error.code === 'session_revoked' ? errors.invalidRefreshToken() : error;
    }
    default:
      throw errors.invalidRefreshToken();
  }
}
