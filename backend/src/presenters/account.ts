/** The signed-in person, their active organization and all their memberships. */
import type { z } from 'zod';
import type { meSchema, membershipSchema } from '../contract/me';
import type { sessionSchema } from '../contract/auth';
import type { Actor } from '../auth/actor';
import { presentPolicies } from '../policies/abilities';
import type { MembershipWithOrganization, Session } from '../store';

export function presentMembership(m: MembershipWithOrganization): z.infer<typeof membershipSchema> {
  const roles: ('admin' | 'user_manager')[] = [];
  if (m.isAdmin) roles.push('admin');
  if (m.isUserManager) roles.push('user_manager');
  return { organizationId: m.organizationId, organizationName: m.organizationName, type: m.type, roles, status: m.status };
}

export function presentMe(actor: Actor, memberships: MembershipWithOrganization[]): z.infer<typeof meSchema> {
  return {
    account: { id: actor.account.id, email: actor.account.email, name: actor.account.name, phone: actor.account.phone },
    organization: {
      id: actor.organization.id,
      name: actor.organization.name,
      secureSendPolicy: actor.organization.secureSendPolicy,
      noForwardingByDefault: actor.organization.noForwardingByDefault,
    },
    membership: presentMembership({ ...actor.membership, organizationName: actor.organization.name }),
    // Removed and blocked memberships stay hidden: they are history, not places the person can go.
    memberships: memberships.filter((m) => m.status === 'active').map(presentMembership),
    abilities: presentPolicies(actor),
  };
}

export function presentSession(session: Session, currentId: string): z.infer<typeof sessionSchema> {
  return {
    id: session.id,
    organizationId: session.organizationId,
    userAgent: session.userAgent,
    ip: session.ip,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    current: session.id === currentId,
  };
}
