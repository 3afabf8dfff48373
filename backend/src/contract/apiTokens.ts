/**
 * Organization API tokens: an admin creates one with a name and scopes for a back-office system (a directory that
 * provisions members through SCIM), sees its secret once, lists the live ones with when each was last used, and
 * revokes one. Scopes name the routes a token may call; a session route takes a token only when it names its scope.
 * A `messages:send` token sends as one named pro (a clinic's records system writing as the doctor), with that pro's
 * standing and rules; any token may be given an expiry.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { displayText, uuid } from './text';

/**
 * What a token may call: `scim` (the /scim/v2 provisioning routes), `members:read` (GET /api/v1/members),
 * `messages:send` (POST /api/v1/messages, as the pro the token names).
 */
export const apiTokenScopes = ['scim', 'members:read', 'messages:send'] as const;

/** Longest a token may be given to live, in days (about two years). */
export const API_TOKEN_MAX_DAYS = 730;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

export const apiTokenSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to tell tokens apart; the secret is never shown again.'),
  scopes: z.array(z.enum(apiTokenScopes)),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime().nullable().describe('After this the token is refused; null: until revoked.'),
  lastUsedAt: z.string().datetime().nullable(),
  createdBy: z.object({ name: z.string(), email: z.string() }),
  actingFor: z.object({ id: uuid, name: z.string(), email: z.string() }).nullable().describe('The pro a messages:send token sends as.'),
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
    body: z
      .strictObject({
        name: displayText(100).min(1),
        scopes: z.array(z.enum(apiTokenScopes)).min(1).max(apiTokenScopes.length).refine((s) => new Set(s).size === s.length, 'names a scope twice'),
        actingFor: uuid.optional().describe('messages:send only: the active pro of the organization the token sends as.'),
        expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).optional().describe('Days until the token stops working; absent: until revoked.'),
      })
      .refine((b) => b.scopes.includes('messages:send') === (b.actingFor !== undefined), {
        message: 'a token that sends messages names the pro it sends as (actingFor), and only such a token does',
        path: ['actingFor'],
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
