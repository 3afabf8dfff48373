/**
 * The organization's name and policies: read with the count the admin page shows beside them (active members
 * without 2-step verification), and changed by admins with the change and its audit event in one transaction.
 */
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../deps';
import { authorize } from '../policies/authorize';
import type { BillingDetails, Organization } from '../store';
import { DEFAULT_CONSENT_TEXT } from './signatureAccess';

export type SettingsChange = Partial<Pick<Organization, 'name' | 'invitationExpiryDays' | 'autoProvision' | 'requireTwoStep' | 'secureSendPolicy' | 'noForwardingByDefault'>>;

export interface OrganizationSettings {
  organization: Organization;
  activeWithoutTwoStep: number;
  signatureConsentText: string;
  signatureReminderDays: number;
  billing: BillingDetails;
}

/** Who is billed: printed on the organization's invoices. */
export interface BillingChange {
  billingAddress?: string;
  taxId?: string;
}

async function withCounts(deps: AppDeps, organization: Organization): Promise<OrganizationSettings> {
  return {
    organization,
    activeWithoutTwoStep: await deps.store.memberships.countMembers(organization.id, { state: 'registered' }),
    signatureConsentText: (await deps.store.signatures.consentText(organization.id)) ?? DEFAULT_CONSENT_TEXT,
    signatureReminderDays: await deps.store.signatures.reminderDays(organization.id),
    billing: await deps.store.invoices.billingDetails(organization.id),
  };
}

export async function readSettings(deps: AppDeps, actor: Actor): Promise<OrganizationSettings> {
  authorize(actor, 'organization.readSettings');
  return withCounts(deps, actor.organization);
}

/** The signature settings live beside the organization's own columns (store/signatures.ts reads and writes them). */
export interface SignatureSettingsChange {
  signatureConsentText?: string | null;
  signatureReminderDays?: number;
}

export async function changeSettings(
  deps: AppDeps,
  actor: Actor,
  { signatureConsentText, signatureReminderDays, billingAddress, taxId, ...change }: SettingsChange & SignatureSettingsChange & BillingChange,
): Promise<OrganizationSettings> {
  authorize(actor, 'organization.changeSettings');
  const organization = await deps.store.transaction(async (tx) => {
    const updated = await tx.organizations.updateSettings(actor.organization.id, change);
    if (signatureConsentText !== undefined) await tx.signatures.setConsentText(actor.organization.id, signatureConsentText);
    if (signatureReminderDays !== undefined) await tx.signatures.setReminderDays(actor.organization.id, signatureReminderDays);
    // the consent wording itself is not copied into the log, only whether it changed
    const recorded: Record<string, unknown> = { ...change };
    if (signatureConsentText !== undefined) recorded.signatureConsentText = signatureConsentText === null ? 'default' : 'changed';
    if (signatureReminderDays !== undefined) recorded.signatureReminderDays = signatureReminderDays;
    if (billingAddress !== undefined || taxId !== undefined) await tx.invoices.setBillingDetails(actor.organization.id, { address: billingAddress, taxId });
    if (billingAddress !== undefined) recorded.billingAddress = billingAddress;
    if (taxId !== undefined) recorded.taxId = taxId;
    await tx.audit.record(actor, 'organization.settings_changed', { type: 'organization', id: updated.id }, recorded);
    return updated;
  });
  return withCounts(deps, organization);
}
