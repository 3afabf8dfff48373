/**
 * Organization API tokens: admins create them (the secret is returned once and only its SHA-256 is kept), list the
 * live ones and revoke them; `authenticateApiToken` turns a presented token into the actor it stands for. A token
 * is `sp_<prefix>_<secret>`: the prefix finds the row, the 256-bit secret is compared by hash in constant time.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ApiTokenScope } from '../contract/apiTokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import type { ApiTokenActor } from '../auth/apiTokenActor';
import { allows, authorize } from '../policies/authorize';
import type { ApiToken } from '../store';

const TOKEN_SHAPE = /^sp_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function listApiTokens(deps: AppDeps, actor: Actor): Promise<ApiToken[]> {
  authorize(actor, 'organization.manageApiTokens');
  return deps.store.apiTokens.listLive(actor.organization.id);
}

export async function createApiToken(
  deps: AppDeps,
  actor: Actor,
  input: { name: string; scopes: ApiTokenScope[]; actingFor?: string; expiresInDays?: number },
): Promise<{ token: ApiToken; secret: string }> {
  authorize(actor, 'organization.manageApiTokens');
  if (input.actingFor !== undefined) await assertCanActFor(deps, actor.organization.id, input.actingFor);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const prefix = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const id = randomUUID();
  return deps.store.transaction(async (tx) => {
    await tx.apiTokens.create({
      id,
      organizationId: actor.organization.id,
      name: input.name,
      prefix,
      secretHash: hashSecret(secret),
      scopes: input.scopes,
      createdBy: actor.account.id,
      actingFor: input.actingFor ?? null,
      expiresAt,
    });
    await tx.audit.record(actor, 'api_token.created', { type: 'api_token', id },
      { name: input.name, prefix, scopes: input.scopes, actingFor: input.actingFor ?? null, expiresAt: expiresAt?.toISOString() ?? null });
    const token = (await tx.apiTokens.findByPrefix(prefix))!;
    return { token, secret: `sp_${prefix}_${secret}` };
  });
}

export async function revokeApiToken(deps: AppDeps, actor: Actor, tokenId: string): Promise<void> {
  authorize(actor, 'organization.manageApiTokens');
  await deps.store.transaction(async (tx) => {
    const revoked = await tx.apiTokens.revoke(actor.organization.id, tokenId);
    if (!revoked) throw errors.notFound('That API token');
    await tx.audit.record(actor, 'api_token.revoked', { type: 'api_token', id: tokenId }, { name: revoked.name, prefix: revoked.prefix });
  });
}

/** A messages:send token sends as an active pro of the organization: someone who could send the message themselves. */
async function assertCanActFor(deps: AppDeps, organizationId: string, accountId: string): Promise<void> {
  const member = await deps.store.memberships.find(organizationId, accountId);
  if (!member || member.type !== 'pro' || member.status !== 'active') {
    throw errors.validation('Choose an active staff member (pro) of your organization for the token to send as.', [{ path: 'actingFor' }]);
  }
}

/**
 * The actor a presented token stands for, or 401 `invalid_api_token`: unknown, wrong secret, revoked, expired, or its
 * creator no longer an active admin of the organization (the token never holds more standing than the person who
 * made it). A token without the scope the route needs is 403 `api_token_scope`. A messages:send token stands for the
 * pro it names, read afresh: a pro removed, blocked or made a guest since stops it at once.
 */
export async function authenticateApiToken(deps: AppDeps, presented: string, scope: ApiTokenScope): Promise<ApiTokenActor> {
  const shape = TOKEN_SHAPE.exec(presented);
  if (!shape) throw errors.invalidApiToken();
  const token = await deps.store.apiTokens.findByPrefix(shape[1]!);
  const expected = Buffer.from(token?.secretHash ?? hashSecret('no such token'), 'hex');
  const given = Buffer.from(hashSecret(shape[2]!), 'hex');
  if (!token || !timingSafeEqual(expected, given) || token.revokedAt) throw errors.invalidApiToken();
  if (token.expiresAt && token.expiresAt <= new Date()) throw errors.invalidApiToken();
  const [organization, account, membership] = await Promise.all([
    deps.store.organizations.findById(token.organizationId),
    deps.store.accounts.findById(token.createdBy.id),
    deps.store.memberships.find(token.organizationId, token.createdBy.id),
  ]);
  if (!organization || !account || !membership || account.blockedAt) throw errors.invalidApiToken();
  const creator: ApiTokenActor = { account, organization, membership, token: { id: token.id, name: token.name, scopes: token.scopes } };
  if (!allows(creator, 'organization.manageApiTokens')) throw errors.invalidApiToken();
  if (!token.scopes.includes(scope)) throw errors.apiTokenScope(scope);
  return scope === 'messages:send' ? actingPro(deps, creator, token) : creator;
}

/** The named pro's own standing, for sending as them; refused once they are no longer an active, unblocked pro. */
async function actingPro(deps: AppDeps, creator: ApiTokenActor, token: ApiToken): Promise<ApiTokenActor> {
  if (!token.actingFor) throw errors.invalidApiToken();
  const [account, membership] = await Promise.all([
    deps.store.accounts.findById(token.actingFor.id),
    deps.store.memberships.find(token.organizationId, token.actingFor.id),
  ]);
  if (!account || account.blockedAt || !membership || membership.type !== 'pro' || membership.status !== 'active') throw errors.apiTokenActingForGone();
  return { ...creator, account, membership };
}

/** Notes that a token was used, once its request succeeded: a refused request leaves every table as it was. */
export async function noteApiTokenUse(deps: AppDeps, actor: ApiTokenActor, route: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    await tx.apiTokens.touch(actor.token.id);
    // every use: which token, which route, as whom (the actor: its creator, or the pro a sending token names)
    await tx.audit.record(actor, 'api_token.used', { type: 'api_token', id: actor.token.id }, { name: actor.token.name, route });
  });
}
