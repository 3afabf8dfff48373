/**
 * Inviting a person into an organization: their account (created if new, without a password), a membership in
 * status `invited`, an invitation with a single-use link, and the email — all in the caller's transaction.
 */
import { normalizeEmail } from '../auth/email';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { ActingMember } from '../auth/actor';
import { emailBrandOf } from '../mail/brand';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { authorize } from '../policies/authorize';
import { spendMailBudget } from './mailBudget';
import type { Account, Invitation, MembershipType, Organization, Repositories } from '../store';

export type RequestedType = MembershipType | 'auto';

export interface InviteInput {
  email: string;
  name?: string | null;
  phone?: string | null;
  type: RequestedType;
  /** A portal path to open once registered: the message the invitation came with. */
  next?: string;
  /** The caller already counted this invitation against the mail budgets (a send counts all its newcomers at once). */
  budgeted?: boolean;
  /**
   * A person invites someone removed earlier, who comes back as a new membership. Directory provisioning (SCIM)
   * leaves this off: a directory that deactivated someone re-activates nothing by creating them again.
   */
  removedMayReturn?: boolean;
}

export async function inviteRecipient(tx: Repositories, deps: AppDeps, actor: ActingMember, input: InviteInput): Promise<Invitation> {
  authorize(actor, 'members.invite');
  if (input.type === 'pro') authorize(actor, 'members.invitePros');
  const email = normalizeEmail(input.email);
  if (!email) throw errors.invalidEmail();
  // counted whether or not mail goes out (a blocked account gets none), so the budget tells the inviter nothing
  if (!input.budgeted) await spendMailBudget(tx, deps, actor, 'invitation', 1);

  const organization = (await tx.organizations.findForUpdate(actor.organization.id))!;
  const account = (await tx.accounts.findByEmail(email)) ??
    (await tx.accounts.create({ email, name: input.name?.trim() || email.split('@')[0]!, passwordHash: null, phone: input.phone ?? null }));
  const returning = input.removedMayReturn === true && (await tx.memberships.find(organization.id, account.id))?.status === 'removed';
  if (!returning) await assertInvitable(tx, organization.id, account, email);

  const type = await resolveType(tx, deps, organization, email, input.type);
  if (returning) await startOver(tx, organization.id, account.id, type);
  else await tx.memberships.create({ organizationId: organization.id, accountId: account.id, type, status: 'invited' });
  const token = newOpaqueToken();
  const invitation = await tx.invitations.create({
    organizationId: organization.id,
    accountId: account.id,
    email,
    name: input.name?.trim() || null,
    phone: input.phone ?? null,
    type,
    invitedBy: actor.account.id,
    tokenHash: hashToken(token),
    expiresAt: expiryFor(organization),
  });
  // An account the platform blocked is invited like any other, so the inviter learns nothing, but gets no mail from us.
  if (!account.blockedAt) await sendInvitationEmail(tx, deps, { invitation, organization, inviterName: actor.account.name, token, next: input.next });
  await tx.audit.record(actor, 'member.invited', { type: 'account', id: account.id }, { type, invitationId: invitation.id, ...(returning ? { returning } : {}) });
  return invitation;
}

/**
 * A person removed once comes back as a new membership (a returning employee or client): removal stays final for
 * the old one, whose messages leave their view for good; the conversations handed over at removal stay with the
 * pro who took them over.
 */
async function startOver(tx: Repositories, organizationId: string, accountId: string, type: MembershipType): Promise<void> {
  await tx.memberships.renewRemoved(organizationId, accountId, type);
  await tx.messages.clearViewOf(organizationId, accountId);
}

/** Decided by this organization's own membership only: whether the account is blocked elsewhere is not its business. */
export async function assertInvitable(tx: Repositories, organizationId: string, account: Account, email: string): Promise<void> {
  const existing = await tx.memberships.find(organizationId, account.id);
  if (!existing) return;
  if (existing.status === 'active') throw errors.alreadyMember(email);
  if (existing.status === 'invited') throw errors.alreadyInvited(email);
  if (existing.status === 'removed') throw errors.memberRemoved(email);
  throw errors.memberBlocked(email);
}

/**
 * 'auto' follows the domain policy: a verified domain with provisioning "as pro" gives a pro while a seat is free,
 * otherwise a guest (and the admins hear about it). An explicit pro needs a free seat.
 */
export async function resolveType(tx: Repositories, deps: AppDeps, organization: Organization, email: string, requested: RequestedType): Promise<MembershipType> {
  const seatFree = async () => (await tx.memberships.countSeatsUsed(organization.id)) < organization.seatsPurchased;
  if (requested === 'pro') {
    if (!(await seatFree())) throw errors.noSeatsAvailable(organization.seatsPurchased);
    return 'pro';
  }
  if (requested === 'guest' || organization.autoProvision !== 'pro') return 'guest';
  const facts = await tx.recipients.factsFor(organization.id, [email]);
  if (!facts.recipients[0]?.domainVerified) return 'guest';
  if (facts.seatsUsed < facts.seatsPurchased) return 'pro';
  await tellAdminsNoSeat(tx, deps, organization, email);
  return 'guest';
}

async function tellAdminsNoSeat(tx: Repositories, deps: AppDeps, organization: Organization, email: string): Promise<void> {
  const admins = (await tx.memberships.listMembers(organization.id, { role: 'admin', limit: 1000 })).filter((m) => m.status === 'active');
  for (const admin of admins) {
    const content = templates.seatShortage({ organizationName: organization.name, email, link: `${deps.config.publicUrl}/admin` });
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: organization.id, template: 'seat_shortage', to: admin.email, content });
  }
}

export function expiryFor(organization: Organization): Date {
  return new Date(Date.now() + organization.invitationExpiryDays * 86_400_000);
}

export async function sendInvitationEmail(
  tx: Repositories,
  deps: AppDeps,
  input: { invitation: Pick<Invitation, 'email' | 'name'>; organization: Organization; inviterName: string; token: string; next?: string },
): Promise<void> {
  const content = templates.invitation({
    name: input.invitation.name,
    inviterName: input.inviterName,
    organizationName: input.organization.name,
    link: `${deps.config.publicUrl}/register?token=${input.token}${input.next ? `&next=${encodeURIComponent(input.next)}` : ''}`,
    expiresDays: input.organization.invitationExpiryDays,
    brand: emailBrandOf(deps.config.publicUrl, input.organization, await tx.branding.get(input.organization.id)),
    // `next` is the message the invitation came with (see InviteInput)
    withMessage: input.next !== undefined,
  });
  await enqueueEmail(tx, deps.secrets.keyring, {
    organizationId: input.organization.id,
    template: 'invitation',
    to: input.invitation.email,
    content,
  });
}
