/** Following up on invitations: resend (new link, old one dies), withdraw, and correct an invited person's details. */
import { normalizeEmail } from '../auth/email';
import { hashToken, newOpaqueToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { authorize } from '../policies/authorize';
import type { Invitation, Repositories } from '../store';
import { expiryFor, sendInvitationEmail } from './invitationSender';
import { spendMailBudget } from './mailBudget';

async function pendingInvitation(tx: Repositories, actor: Actor, invitationId: string): Promise<Invitation> {
  const invitation = await tx.invitations.find(actor.organization.id, invitationId);
  if (!invitation) throw errors.notFound('That invitation');
  if (invitation.status !== 'pending') throw errors.invitationNotPending();
  return invitation;
}

/** Resends are mail sent in our name to someone who did not ask: a few per invitation, and a bounded number per sender. */
export const RESEND_LIMITS = {
  perInvitation: { name: 'invitation-resend', max: 3, windowSeconds: 60 * 60 },
  perSender: { name: 'invitation-resend-sender', max: 100, windowSeconds: 60 * 60 },
};

/** Counts a resend in the same transaction, so a refused one (or any later failure) counts nothing. */
async function spendResend(tx: Repositories, limit: { name: string; max: number; windowSeconds: number }, subject: string, why: 'invitation' | 'sender') {
  const { hits, windowStart } = await tx.rateLimits.hit(`${limit.name}:${subject}`, limit.windowSeconds);
  if (hits > limit.max) {
    throw errors.resendLimited(Math.max(1, Math.ceil((windowStart.getTime() + limit.windowSeconds * 1000 - Date.now()) / 1000)), why);
  }
}

export async function resendInvitation(deps: AppDeps, actor: Actor, invitationId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const invitation = await pendingInvitation(tx, actor, invitationId);
    authorize(actor, 'members.followUpInvitation', invitation);
    await spendResend(tx, RESEND_LIMITS.perInvitation, invitation.id, 'invitation');
    await spendResend(tx, RESEND_LIMITS.perSender, actor.account.id, 'sender');
    await relink(tx, deps, actor, invitation, {});
    await tx.audit.record(actor, 'invitation.resent', { type: 'invitation', id: invitation.id });
  });
}

export async function revokeInvitation(deps: AppDeps, actor: Actor, invitationId: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const invitation = await pendingInvitation(tx, actor, invitationId);
    authorize(actor, 'members.followUpInvitation', invitation);
    await tx.invitations.revoke(actor.organization.id, invitation.id);
    await tx.memberships.deleteInvited(actor.organization.id, invitation.accountId);
    await tx.audit.record(actor, 'invitation.revoked', { type: 'invitation', id: invitation.id });
  });
}

/**
 * User managers may correct an invited person's email, name or phone before they register. A new email gets a
 * new link at the new address, and the old link stops working.
 */
export async function editInvitation(
  deps: AppDeps,
  actor: Actor,
  invitationId: string,
  changes: { email?: string; name?: string | null; phone?: string | null },
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const invitation = await pendingInvitation(tx, actor, invitationId);
    const membership = (await tx.memberships.find(actor.organization.id, invitation.accountId))!;
    authorize(actor, 'members.editInvited', membership);
    await tx.invitations.updateDetails(actor.organization.id, invitation.id, { name: changes.name, phone: changes.phone });
    const email = changes.email === undefined ? invitation.email : normalizeEmail(changes.email);
    if (!email) throw errors.invalidEmail();
    if (email !== invitation.email) {
      const corrected = { ...invitation, name: changes.name ?? invitation.name };
      const accountId = await accountForNewEmail(tx, actor, corrected, email);
      await relink(tx, deps, actor, corrected, { email, accountId });
    }
    await tx.audit.record(actor, 'invitation.edited', { type: 'invitation', id: invitation.id },
      { emailChanged: email !== invitation.email, phoneChanged: changes.phone !== undefined });
  });
}

/**
 * The account the corrected address belongs to: its existing account, or a new one. Only this organization's invited
 * membership moves to it (the invitation follows in relink). The account first invited is left as it is: it may hold
 * other organizations' messages, receipts and audit entries, so renaming it would hand those to the new address.
 */
async function accountForNewEmail(tx: Repositories, actor: Actor, invitation: Invitation, email: string): Promise<string> {
  const existing = await tx.accounts.findByEmail(email);
  if (existing) {
    const membership = await tx.memberships.find(actor.organization.id, existing.id);
    if (membership?.status === 'active') throw errors.alreadyMember(email);
    if (membership?.status === 'invited') throw errors.alreadyInvited(email);
    if (membership) throw errors.memberRemoved(email);
  }
  const target = existing ?? (await tx.accounts.create({ email, name: invitation.name ?? email.split('@')[0]!, passwordHash: null }));
  await tx.memberships.moveToAccount(actor.organization.id, invitation.accountId, target.id);
  return target.id;
}

async function relink(
  tx: Repositories,
  deps: AppDeps,
  actor: Actor,
  invitation: Invitation,
  moved: { email?: string; accountId?: string },
): Promise<void> {
  await spendMailBudget(tx, deps, actor, 'invitation', 1);
  const organization = (await tx.organizations.findById(actor.organization.id))!;
  const token = newOpaqueToken();
  await tx.invitations.replaceLink(organization.id, invitation.id, { tokenHash: hashToken(token), expiresAt: expiryFor(organization), ...moved });
  // as when first invited: a blocked account gets no mail, and nothing tells the inviter why
  if ((await tx.accounts.findById(moved.accountId ?? invitation.accountId))?.blockedAt) return;
  await sendInvitationEmail(tx, deps, {
    invitation: { email: moved.email ?? invitation.email, name: invitation.name },
    organization,
    inviterName: actor.account.name,
    token,
  });
}
