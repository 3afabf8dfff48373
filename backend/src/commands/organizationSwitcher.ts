/** Moving a session to another organization of the same person, and starting a new organization. */
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { assertMayUse } from '../policies/sessions';
import type { Actor } from '../auth/actor';
import { auditActor, type Organization } from '../store';
import { issueTokens, type IssuedTokens } from './sessionIssuer';

/** New tokens name the new organization; the old refresh tokens stop working and old access tokens go stale. */
export async function switchOrganization(deps: AppDeps, actor: Actor, organizationId: string): Promise<IssuedTokens> {
  return deps.store.transaction(async (tx) => {
    const membership = await tx.memberships.find(organizationId, actor.account.id);
    const organization = membership && (await tx.organizations.findById(organizationId));
    if (!membership || !organization || membership.status === 'invited') throw errors.notAMember();
    assertMayUse(actor.account, membership, organization.name);
    await tx.sessions.switchOrganization(actor.session.id, organizationId);
    await tx.sessions.dropUnspentRefreshTokens(actor.session.id);
    await tx.memberships.recordLogin(organizationId, actor.account.id);
    return issueTokens(tx, deps, { ...actor.session, organizationId });
  });
}

export async function createOrganization(deps: AppDeps, actor: Actor, name: string): Promise<Organization> {
  return deps.store.transaction(async (tx) => {
    const organization = await tx.organizations.create({ name, seatsPurchased: 1 });
    await tx.memberships.create({
      organizationId: organization.id,
      accountId: actor.account.id,
      type: 'pro',
      status: 'active',
      isAdmin: true,
      isUserManager: true,
    });
    // the actor's new organization, not the one they are signed in to
    await tx.audit.record(auditActor(organization.id, actor.account.id), 'organization.created', { type: 'organization', id: organization.id });
    return organization;
  });
}
