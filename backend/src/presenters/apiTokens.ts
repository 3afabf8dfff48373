/** API tokens as the contract shows them: never the hash, the secret only in the answer that creates the token. */
import type { ApiTokenView } from '../contract/apiTokens';
import type { ApiToken } from '../store';

export function presentApiToken(token: ApiToken): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: `sp_${token.prefix}`,
    scopes: token.scopes as ApiTokenView['scopes'],
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    createdBy: { name: token.createdBy.name, email: token.createdBy.email },
    actingFor: token.actingFor,
  };
}
