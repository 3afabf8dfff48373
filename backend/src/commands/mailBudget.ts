/**
 * Mail Sealpost sends to people on an organization's behalf — invitations and new-message notices — comes out of
 * budgets, so that free sign-up cannot turn our sending domain into a spam cannon: per person (hourly, whoever
 * sends), and per organization for its staff (daily, and much smaller while the organization is new). Guests write
 * only to the organization's own pros, so their sending counts against their own budget, not the organization's
 * (which a guest must not be able to use up). The counters live in the database, so every instance counts alike,
 * and are spent in the caller's transaction: a refused request, a failed one or an idempotent replay spends nothing.
 */
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { ActingMember } from '../auth/actor';
import { allows } from '../policies/authorize';
import type { Repositories } from '../store';

/** Invoice emails go to the asker alone, so only their own hourly budget counts them. */
export type MailKind = 'invitation' | 'notice' | 'invoice';

export interface MailBudget {
  key: string;
  max: number;
  windowSeconds: number;
  scope: 'sender' | 'organization';
}

const HOUR = 3600;
const DAY = 24 * HOUR;

export function isNewOrganization(deps: AppDeps, organization: ActingMember['organization'], now = Date.now()): boolean {
  return now - organization.createdAt.getTime() < deps.config.newOrganizationDays * DAY * 1000;
}

/** The budgets a mail of this kind, caused by this actor, is counted against. */
export function mailBudgets(deps: AppDeps, actor: ActingMember, kind: MailKind): MailBudget[] {
  const c = deps.config;
  if (kind === 'invoice') return [{ key: `mail-invoice-sender:${actor.account.id}`, max: c.invoiceEmailsPerHour, windowSeconds: HOUR, scope: 'sender' }];
  const budgets: MailBudget[] = [
    { key: `mail-${kind}-sender:${actor.account.id}`, max: kind === 'invitation' ? c.senderInvitationsPerHour : c.senderNoticesPerHour, windowSeconds: HOUR, scope: 'sender' },
  ];
  if (!allows(actor, 'organization.spendMailAllowance')) return budgets;
  const isNew = isNewOrganization(deps, actor.organization);
  const perDay = kind === 'invitation'
    ? (isNew ? c.newOrganizationInvitationsPerDay : c.organizationInvitationsPerDay)
    : (isNew ? c.newOrganizationNoticesPerDay : c.organizationNoticesPerDay);
  budgets.push({ key: `mail-${kind}-organization:${actor.organization.id}`, max: perDay, windowSeconds: DAY, scope: 'organization' });
  return budgets;
}

/** Counts `count` mails of this kind; throws `sending_limited` (429, Retry-After) when any budget would be overspent. */
export async function spendMailBudget(tx: Repositories, deps: AppDeps, actor: ActingMember, kind: MailKind, count: number): Promise<void> {
  if (count <= 0) return;
  for (const budget of mailBudgets(deps, actor, kind)) {
    const { hits, windowStart } = await tx.rateLimits.hit(budget.key, budget.windowSeconds, count);
    if (hits <= budget.max) continue;
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + budget.windowSeconds * 1000 - Date.now()) / 1000));
    throw errors.sendingLimited(retryAfter, {
      kind,
      scope: budget.scope,
      max: budget.max,
      left: Math.max(0, budget.max - (hits - count)),
      asked: count,
      newOrganization: budget.scope === 'organization' && isNewOrganization(deps, actor.organization),
    });
  }
}
