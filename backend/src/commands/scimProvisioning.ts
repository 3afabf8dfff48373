/**
 * SCIM provisioning of members by a directory, acting through an API token with its creating admin's standing.
 * Create invites the person (or, where the organization's single sign-on covers the address, makes them an active
 * member who signs in through it); `active: false` and DELETE remove them with the product's removal (immediate,
 * sessions ended, final: a removed person cannot be provisioned again); userType changes pro ↔ guest under the seat
 * rules. Each change is checked whole before it is written, and recorded with the token that made it.
 */
import { normalizeEmail } from '../auth/email';
import type { ApiTokenActor } from '../auth/apiTokenActor';
import type { ScimPatchInput, ScimUserInput } from '../contract/scim';
import { SCIM_MAX_PAGE } from '../contract/scim';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { authorize } from '../policies/authorize';
import type { Repositories, ScimUserRow } from '../store';
import { assertInvitable, inviteRecipient, resolveType } from './invitationSender';
import { changeMemberType, removeMember } from './memberManager';
import { parseFilter, patchToChange, userToChange, type ScimChange } from './scimRequests';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const tokenFacts = (actor: ApiTokenActor) => ({ tokenId: actor.token.id, tokenName: actor.token.name });

async function userOf(deps: AppDeps, actor: ApiTokenActor, userId: string): Promise<ScimUserRow> {
  const row = UUID.test(userId) ? await deps.store.scimUsers.find(actor.organization.id, userId.toLowerCase()) : null;
  if (!row) throw errors.notFound('That user');
  return row;
}

export async function scimListUsers(
  deps: AppDeps,
  actor: ApiTokenActor,
  query: { filter?: string; startIndex: number; count: number },
): Promise<{ total: number; startIndex: number; rows: ScimUserRow[] }> {
  authorize(actor, 'members.manage');
  const filter: { userName?: string; externalId?: string } = query.filter?.trim() ? parseFilter(query.filter) : {};
  const startIndex = Math.max(1, query.startIndex);
  const count = Math.min(SCIM_MAX_PAGE, Math.max(0, query.count));
  const userName = filter.userName === undefined ? undefined : (normalizeEmail(filter.userName) ?? filter.userName.toLowerCase());
  const externalId = filter.externalId;
  const page = await deps.store.scimUsers.list(actor.organization.id, { userName, externalId, offset: startIndex - 1, limit: count });
  return { total: page.total, startIndex, rows: page.rows };
}

export async function scimGetUser(deps: AppDeps, actor: ApiTokenActor, userId: string): Promise<ScimUserRow> {
  authorize(actor, 'members.manage');
  return userOf(deps, actor, userId);
}

/** The name people see: the directory's display name, else its given and family names, else what we had. */
function nameFrom(change: ScimChange, row: { givenName: string | null; familyName: string | null } | null): string | null {
  if (change.displayName) return change.displayName.slice(0, 120);
  const given = change.givenName !== undefined ? change.givenName : (row?.givenName ?? null);
  const family = change.familyName !== undefined ? change.familyName : (row?.familyName ?? null);
  const joined = [given, family].filter(Boolean).join(' ').slice(0, 120);
  return joined || null;
}

export async function scimCreateUser(deps: AppDeps, actor: ApiTokenActor, input: ScimUserInput): Promise<ScimUserRow> {
  authorize(actor, 'members.invite');
  const change = userToChange(input);
  const email = normalizeEmail(change.userName ?? '');
  if (!email) throw errors.scimInvalidValue('userName must be the person\'s email address.');
  if (change.active === false) throw errors.scimInvalidValue('A user is created active; send active: false later to remove them.');
  const name = nameFrom(change, null);
  const accountId = await deps.store.transaction(async (tx) => {
    const provider = await tx.ssoProviders.findByEmailDomain(email.split('@')[1]!);
    let id: string;
    if (provider?.organizationId === actor.organization.id) {
      id = await provisionActive(tx, deps, actor, email, name, change.type ?? 'auto');
    } else {
      id = (await inviteRecipient(tx, deps, actor, { email, name, type: change.type ?? 'auto' })).accountId;
    }
    await tx.scimUsers.saveIdentity(actor.organization.id, id, {
      externalId: change.externalId ?? null,
      givenName: change.givenName ?? null,
      familyName: change.familyName ?? null,
    });
    await tx.audit.record(actor, 'scim.user_created', { type: 'account', id }, { ...tokenFacts(actor), viaSingleSignOn: provider?.organizationId === actor.organization.id });
    return id;
  });
  return userOf(deps, actor, accountId);
}

/** Single sign-on covers the address: an active member at once, who signs in through the provider (no password). */
async function provisionActive(tx: Repositories, deps: AppDeps, actor: ApiTokenActor, email: string, name: string | null, requested: 'pro' | 'guest' | 'auto'): Promise<string> {
  if (requested === 'pro') authorize(actor, 'members.invitePros');
  const organization = (await tx.organizations.findForUpdate(actor.organization.id))!;
  const account = (await tx.accounts.findByEmail(email)) ?? (await tx.accounts.create({ email, name: name ?? email.split('@')[0]!, passwordHash: null }));
  await assertInvitable(tx, organization.id, account, email);
  const type = await resolveType(tx, deps, organization, email, requested);
  await tx.memberships.create({ organizationId: organization.id, accountId: account.id, type, status: 'active' });
  await tx.audit.record(actor, 'member.provisioned', { type: 'account', id: account.id }, { type, ...tokenFacts(actor) });
  return account.id;
}

export async function scimReplaceUser(deps: AppDeps, actor: ApiTokenActor, userId: string, input: ScimUserInput): Promise<ScimUserRow> {
  return applyChange(deps, actor, userId, userToChange(input));
}

export async function scimPatchUser(deps: AppDeps, actor: ApiTokenActor, userId: string, patch: ScimPatchInput): Promise<ScimUserRow> {
  return applyChange(deps, actor, userId, patchToChange(patch));
}

/**
 * Checks the whole change first (the address cannot change, a removed member cannot come back), then writes the
 * type (which a seat can refuse), then the directory's facts and the name, then the removal: each through the command
 * that owns it.
 */
async function applyChange(deps: AppDeps, actor: ApiTokenActor, userId: string, change: ScimChange): Promise<ScimUserRow> {
  authorize(actor, 'members.manage');
  const row = await userOf(deps, actor, userId);
  if (change.userName !== undefined && normalizeEmail(change.userName) !== row.email) {
    throw errors.scimImmutable('userName is the member\'s email address and cannot be changed here; provision the new address as a new user.');
  }
  const removed = row.status === 'removed' || row.status === 'blocked';
  if (removed && change.active !== false) throw errors.memberRemoved(row.email);
  if (removed) return row;
  const name = nameFrom(change, row);
  // the type first: it is what a seat can refuse, and then nothing else has been written
  if (change.type && change.type !== row.type) await changeMemberType(deps, actor, row.accountId, change.type);
  await deps.store.transaction(async (tx) => {
    await tx.scimUsers.saveIdentity(actor.organization.id, row.accountId, {
      externalId: change.externalId,
      givenName: change.givenName,
      familyName: change.familyName,
    });
    // the account's name is the person's across organizations: only a directory that alone holds them renames it
    const memberships = await tx.memberships.listForAccount(row.accountId);
    if (name && name !== row.name && memberships.every((m) => m.organizationId === actor.organization.id)) {
      await tx.accounts.updateProfile(row.accountId, { name });
    }
    // an invited person is shown by the name on their invitation until they register
    const pending = name && name !== row.name ? await tx.invitations.findPendingForAccount(actor.organization.id, row.accountId) : null;
    if (pending) await tx.invitations.updateDetails(actor.organization.id, pending.id, { name });
    await tx.audit.record(actor, 'scim.user_updated', { type: 'account', id: row.accountId }, {
      ...tokenFacts(actor),
      attributes: Object.keys(change).filter((key) => change[key as keyof ScimChange] !== undefined),
    });
  });
  if (change.active === false) await removeMember(deps, actor, row.accountId);
  return userOf(deps, actor, row.accountId);
}

/** DELETE is removal, as `active: false` is; a member already removed is gone for SCIM (404). */
export async function scimDeleteUser(deps: AppDeps, actor: ApiTokenActor, userId: string): Promise<void> {
  authorize(actor, 'members.manage');
  const row = await userOf(deps, actor, userId);
  if (row.status === 'removed' || row.status === 'blocked') throw errors.notFound('That user');
  await removeMember(deps, actor, row.accountId);
}
