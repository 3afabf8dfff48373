/**
 * Organization API tokens: an admin creates one with a name and scopes for a back-office system (a directory that
 * provisions members through SCIM), sees its secret once, lists the live ones with when each was last used, and
 * revokes one. Scopes name the routes a token may call; the session routes never take a token.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { displayText, uuid } from './text';

/** What a token may call: `scim` (the /scim/v2 provisioning routes), `members:read` (GET /api/v1/members). */
export const apiTokenScopes = ['scim', 'members:read'] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

export const apiTokenSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to tell tokens apart; the secret is never shown again.'),
  scopes: z.array(z.enum(apiTokenScopes)),
  createdAt: z.string().datetime(),
  lastUsedAt: z.string().datetime().nullable(),
  createdBy: z.object({ name: z.string(), email: z.string() }),
});

export const apiTokens = {
  list: endpoint({
    method: 'get',
    path: '/api/v1/organization/api-tokens',
    response: { status: 200, schema: z.object({ tokens: z.array(apiTokenSchema) }), description: 'The live tokens, newest first.' },
  }),
  create: endpoint({
    method: 'post',
    path: '/api/v1/organization/api-tokens',
    body: z.strictObject({
      name: displayText(100).min(1),
      scopes: z.array(z.enum(apiTokenScopes)).min(1).max(apiTokenScopes.length).refine((s) => new Set(s).size === s.length, 'names a scope twice'),
    }),
    response: {
      status: 201,
      schema: apiTokenSchema.extend({ token: z.string().describe('The whole token. Shown this once: only its hash is kept.') }),
      description: 'The new token, with its secret.',
    },
  }),
  revoke: endpoint({
    method: 'delete',
    path: '/api/v1/organization/api-tokens/:tokenId',
    params: z.strictObject({ tokenId: uuid }),
    response: { status: 204, description: 'Revoked: the next request with the token is refused.' },
  }),
};

export type ApiTokenView = z.output<typeof apiTokenSchema>;
