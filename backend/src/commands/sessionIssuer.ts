/** Starts sessions and issues their tokens: a short-lived access JWT and a rotating opaque refresh token. */
import { hashToken, newOpaqueToken, signAccessToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import type { Repositories, Session } from '../store';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  sessionId: string;
  sessionExpiresAt: Date;
  organizationId: string;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

/** Adds a fresh refresh token to the session's family and signs an access token for its organization. */
export async function issueTokens(tx: Repositories, deps: AppDeps, session: Session): Promise<IssuedTokens> {
  const refreshToken = newOpaqueToken();
  await tx.sessions.addRefreshToken(session.id, hashToken(refreshToken));
  const expiresIn = deps.config.accessTokenSeconds;
  return {
    accessToken: signAccessToken(
      deps.secrets.jwtSecret,
      { sub: session.accountId, sid: session.id, org: session.organizationId },
      expiresIn,
    ),
    refreshToken,
    expiresIn,
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
    organizationId: session.organizationId,
  };
}

export async function startSession(
  tx: Repositories,
  deps: AppDeps,
  input: { accountId: string; organizationId: string; client: ClientInfo; expiresAt?: Date },
): Promise<IssuedTokens> {
  const session = await tx.sessions.create({
    accountId: input.accountId,
    organizationId: input.organizationId,
    userAgent: input.client.userAgent?.slice(0, 300) ?? null,
    ip: input.client.ip,
    expiresAt: input.expiresAt ?? new Date(Date.now() + deps.config.sessionDays * 86_400_000),
  });
  await tx.memberships.recordLogin(input.organizationId, input.accountId);
  await tx.audit.append({
    organizationId: input.organizationId,
    actorId: input.accountId,
    action: 'session.started',
    targetType: 'session',
    targetId: session.id,
    data: { ip: input.client.ip },
  });
  return issueTokens(tx, deps, session);
}
