/** The signed-in person, their active organization and all their memberships. */
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { presentPolicies, type Abilities } from '../policies/abilities';
import type { MembershipWithOrganization, Session } from '../store';

export const membershipSchema = z.object({
  organizationId: z.string().uuid(),
  organizationName: z.string(),
  type: z.enum(['pro', 'guest']),
  roles: z.array(z.enum(['admin', 'user_manager'])),
  status: z.enum(['invited', 'active', 'removed', 'blocked']),
});

export const meSchema = z.object({
  account: z.object({ id: z.string().uuid(), email: z.string(), name: z.string(), phone: z.string().nullable() }),
  organization: z.object({
    id: z.string().uuid(),
    name: z.string(),
    secureSendPolicy: z.enum(['user_choice', 'external_always']).describe('How the add-in sets "Send securely".'),
  }),
  membership: membershipSchema,
  memberships: z.array(membershipSchema),
  abilities: z
    .object({
      inviteGuests: z.boolean(),
      invitePros: z.boolean(),
      manageMembers: z.boolean().describe('The member list, member records, the export and bulk changes.'),
      readSettings: z.boolean(),
      changeSettings: z.boolean(),
      changeBranding: z.boolean(),
      buySeats: z.boolean().describe('See seats and invoices, and buy seats.'),
      readAudit: z.boolean(),
      listClients: z.boolean(),
      seeDomains: z.boolean(),
      manageDomains: z.boolean(),
      writeToAnyone: z.boolean().describe('Write to anyone, inviting newcomers; without it, only to the organization\'s pros.'),
      forwardMessages: z.boolean(),
      recallMessages: z.boolean(),
      shortenExpiry: z.boolean().describe('Set an expiry sooner than the one recipients were given (without it, only later or none).'),
    } satisfies Record<keyof Abilities, z.ZodBoolean>)
    .describe('What the signed-in person may do in this organization, from the server\'s own rules: pages show actions by these.'),
});

export const sessionSchema = z.object({
  id: z.string().uuid(),
  organizationId: z.string().uuid(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string().datetime(),
  lastSeenAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  current: z.boolean(),
});

export function presentMembership(m: MembershipWithOrganization): z.infer<typeof membershipSchema> {
  const roles: ('admin' | 'user_manager')[] = [];
  if (m.isAdmin) roles.push('admin');
  if (m.isUserManager) roles.push('user_manager');
  return { organizationId: m.organizationId, organizationName: m.organizationName, type: m.type, roles, status: m.status };
}

export function presentMe(actor: Actor, memberships: MembershipWithOrganization[]): z.infer<typeof meSchema> {
  return {
    account: { id: actor.account.id, email: actor.account.email, name: actor.account.name, phone: actor.account.phone },
    organization: { id: actor.organization.id, name: actor.organization.name, secureSendPolicy: actor.organization.secureSendPolicy },
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
