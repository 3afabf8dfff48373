/**
 * Seats and what they cost: counting seats used, buying seats at the configured monthly price (recorded in the
 * seat ledger), and the monthly invoices computed from that ledger, listed, looked up and emailed to the asker.
 */
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { authorize } from '../policies/authorize';
import { invoiceEmailContent } from '../presenters/invoices';
import type { Organization } from '../store';
import { invoiceFor, monthlyInvoices, type Invoice } from './invoiceBuilder';

export interface SeatCounts {
  organization: Organization;
  used: number;
  unitPriceCents: number;
}

export async function countSeats(deps: AppDeps, actor: Actor): Promise<SeatCounts> {
  authorize(actor, 'organization.buySeats');
  const used = await deps.store.memberships.countSeatsUsed(actor.organization.id);
  return { organization: actor.organization, used, unitPriceCents: deps.config.seatPriceCents };
}

export async function buySeats(deps: AppDeps, actor: Actor, seats: number): Promise<SeatCounts> {
  authorize(actor, 'organization.buySeats');
  const organization = await deps.store.transaction(async (tx) => {
    const organization = await tx.organizations.addSeats({
      organizationId: actor.organization.id,
      purchasedBy: actor.account.id,
      seats,
      unitPriceCents: deps.config.seatPriceCents,
    });
    await tx.audit.record(actor, 'seats.purchased', { type: 'organization', id: organization.id }, { seats, unitPriceCents: deps.config.seatPriceCents });
    return organization;
  });
  const used = await deps.store.memberships.countSeatsUsed(organization.id);
  return { organization, used, unitPriceCents: deps.config.seatPriceCents };
}

async function ledgerOf(deps: AppDeps, actor: Actor) {
  authorize(actor, 'organization.buySeats');
  const now = new Date();
  const organization = (await deps.store.organizations.findById(actor.organization.id))!;
  const purchases = await deps.store.invoices.seatPurchases(organization.id, now);
  return { organizationId: organization.id, organizationName: organization.name, seatsPurchased: organization.seatsPurchased, purchases, now };
}

/** Every month from the first purchase to now (the last three years), newest first. */
export async function listInvoices(deps: AppDeps, actor: Actor): Promise<Invoice[]> {
  return monthlyInvoices(await ledgerOf(deps, actor));
}

export async function findInvoice(deps: AppDeps, actor: Actor, period: string): Promise<{ invoice: Invoice; organizationName: string }> {
  const ledger = await ledgerOf(deps, actor);
  const invoice = invoiceFor(ledger, period);
  if (!invoice) throw errors.notFound(`An invoice for ${period}`);
  return { invoice, organizationName: ledger.organizationName };
}

/** Queues one month's invoice to the asker's own address; returns that address. */
export async function emailInvoice(deps: AppDeps, actor: Actor, period: string): Promise<string> {
  const { invoice, organizationName } = await findInvoice(deps, actor, period);
  const link = `${deps.config.publicUrl}/api/v1/invoices/${invoice.period}/print`;
  const content = templates.invoice(invoiceEmailContent(invoice, actor.account.name, organizationName, link));
  await deps.store.transaction(async (tx) => {
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: actor.organization.id, template: 'invoice', to: actor.account.email, content });
    await tx.audit.record(actor, 'invoice.emailed', { type: 'invoice', id: invoice.number }, { period: invoice.period, to: actor.account.email });
  });
  return actor.account.email;
}
