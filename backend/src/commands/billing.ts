/**
 * Seats and what they cost: counting seats, buying them at the configured monthly price once per Idempotency-Key,
 * reducing them from the next month (never below the seats in use), and the monthly invoices computed from the
 * ledger — numbered when their month closes, listed, looked up and emailed to the asker within their mail budget.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { templates } from '../mail/templates';
import { authorize } from '../policies/authorize';
import { invoiceEmailContent } from '../presenters/invoices';
import type { BillingDetails, Organization, Repositories } from '../store';
import { canonicalJson } from '../store/auditHash';
import { writeOnce } from './idempotency';
import { closedPeriods, invoiceFor, monthlyAmountFrom, monthlyInvoices, nextPeriodStart, type Invoice, type Ledger } from './invoiceBuilder';
import { spendMailBudget } from './mailBudget';

export interface SeatCounts {
  organization: Organization;
  /** Seats paid for this month, including any that a reduction takes away from the next. */
  heldThisPeriod: number;
  used: number;
  unitPriceCents: number;
  taxRateBasisPoints: number;
  /** What the seats cost from next month on, before tax. */
  monthlyCents: number;
  /** Set while a reduction waits for the next month: from then on, `seats`. */
  nextPeriod: { from: Date; seats: number } | null;
}

/** Who sells, as invoices print it; its name or tax id also keys the gapless numbering. */
export interface Seller {
  name: string;
  address: string;
  taxId: string;
}

export const sellerOf = (deps: AppDeps): Seller => ({ name: deps.config.sellerName, address: deps.config.sellerAddress, taxId: deps.config.sellerTaxId });
const sellerKey = (seller: Seller) => (seller.taxId ? `tax:${seller.taxId}` : `name:${seller.name}`);

async function ledgerIn(q: Repositories, deps: AppDeps, organization: Organization, now: Date): Promise<Ledger> {
  return {
    organizationId: organization.id,
    seatsPurchased: organization.seatsPurchased,
    purchases: await q.invoices.seatPurchases(organization.id, now),
    reductions: await q.invoices.seatReductions(organization.id),
    now,
    taxRateBasisPoints: deps.config.taxRateBasisPoints,
    dueDays: deps.config.invoiceDueDays,
    numbers: await q.invoices.issuedNumbers(organization.id),
  };
}

async function countsIn(q: Repositories, deps: AppDeps, organization: Organization): Promise<SeatCounts> {
  const now = new Date();
  const ledger = await ledgerIn(q, deps, organization, now);
  const pending = ledger.reductions.filter((r) => r.effectiveFrom > now);
  const notYetReduced = pending.reduce((sum, r) => sum + r.seats, 0);
  return {
    organization,
    heldThisPeriod: organization.seatsPurchased + notYetReduced,
    used: await q.memberships.countSeatsUsed(organization.id),
    unitPriceCents: deps.config.seatPriceCents,
    taxRateBasisPoints: deps.config.taxRateBasisPoints,
    monthlyCents: monthlyAmountFrom(ledger, nextPeriodStart(now)),
    nextPeriod: pending.length ? { from: pending[pending.length - 1]!.effectiveFrom, seats: organization.seatsPurchased } : null,
  };
}

export async function countSeats(deps: AppDeps, actor: Actor): Promise<SeatCounts> {
  authorize(actor, 'organization.buySeats');
  const organization = (await deps.store.organizations.findById(actor.organization.id))!;
  return countsIn(deps.store, deps, organization);
}

/** Buys seats once per Idempotency-Key: a repeat answers the counts without a second charge, a reused key is 409. */
export async function buySeats(deps: AppDeps, actor: Actor, seats: number, idempotencyKey: string): Promise<SeatCounts & { replayed: boolean }> {
  authorize(actor, 'organization.buySeats');
  const requestHash = createHash('sha256').update(canonicalJson({ seats })).digest('hex');
  return writeOnce(
    {
      key: idempotencyKey,
      requestHash,
      what: 'seat purchase',
      findEarlier: (key) => deps.store.invoices.findPurchaseByKey(actor.organization.id, actor.account.id, key),
      replay: async () => ({ ...(await countSeats(deps, actor)), replayed: true as boolean }),
    },
    async () => {
      const unitPriceCents = deps.config.seatPriceCents;
      const organization = await deps.store.transaction(async (tx) => {
        await tx.invoices.recordPurchase({ organizationId: actor.organization.id, purchasedBy: actor.account.id, seats, unitPriceCents, idempotencyKey, requestHash });
        const updated = await tx.organizations.changeSeats(actor.organization.id, seats);
        await tx.audit.record(actor, 'seats.purchased', { type: 'organization', id: updated.id }, { seats, unitPriceCents });
        return updated;
      });
      return { ...(await countsIn(deps.store, deps, organization)), replayed: false as boolean };
    },
  );
}

/**
 * Gives up seats from the first of next month: the month already paid keeps them on its invoice, but no new pro may
 * take one meanwhile. Refused, changing nothing, when fewer seats would remain than are in use.
 */
export async function reduceSeats(deps: AppDeps, actor: Actor, seats: number): Promise<SeatCounts> {
  authorize(actor, 'organization.reduceSeats');
  const effectiveFrom = nextPeriodStart(new Date());
  const organization = await deps.store.transaction(async (tx) => {
    const current = (await tx.organizations.findForUpdate(actor.organization.id))!;
    const used = await tx.memberships.countSeatsUsed(current.id);
    const remaining = current.seatsPurchased - seats;
    if (remaining < Math.max(used, 1)) throw errors.seatsInUse(Math.max(used, 1));
    await tx.invoices.recordReduction({ organizationId: current.id, requestedBy: actor.account.id, seats, effectiveFrom });
    const updated = await tx.organizations.changeSeats(current.id, -seats);
    await tx.audit.record(actor, 'seats.reduced', { type: 'organization', id: current.id },
      { seats, from: effectiveFrom.toISOString(), seatsFrom: updated.seatsPurchased });
    return updated;
  });
  return countsIn(deps.store, deps, organization);
}

/** The ledger with every closed month numbered: numbers are issued here, the first time a closed month is looked at. */
async function numberedLedger(deps: AppDeps, actor: Actor) {
  authorize(actor, 'organization.buySeats');
  const now = new Date();
  const seller = sellerOf(deps);
  return deps.store.transaction(async (tx) => {
    const organization = (await tx.organizations.findById(actor.organization.id))!;
    const ledger = await ledgerIn(tx, deps, organization, now);
    const toNumber = closedPeriods(ledger).filter((p) => !ledger.numbers.has(p));
    if (toNumber.length) ledger.numbers = await tx.invoices.issueNumbers(organization.id, sellerKey(seller), toNumber);
    return { ledger, organization, seller, billing: await tx.invoices.billingDetails(organization.id) };
  });
}

/** Every month from the first purchase to now (the last three years), newest first. */
export async function listInvoices(deps: AppDeps, actor: Actor): Promise<Invoice[]> {
  return monthlyInvoices((await numberedLedger(deps, actor)).ledger);
}

export interface InvoiceDocument {
  invoice: Invoice;
  organizationName: string;
  billing: BillingDetails;
  seller: Seller;
}

export async function findInvoice(deps: AppDeps, actor: Actor, period: string): Promise<InvoiceDocument> {
  const { ledger, organization, seller, billing } = await numberedLedger(deps, actor);
  const invoice = invoiceFor(ledger, period);
  if (!invoice) throw errors.notFound(`An invoice for ${period}`);
  return { invoice, organizationName: organization.name, billing, seller };
}

/** Queues one month's invoice to the asker's own address, within their invoice-email budget; returns that address. */
export async function emailInvoice(deps: AppDeps, actor: Actor, period: string): Promise<string> {
  const document = await findInvoice(deps, actor, period);
  const link = `${deps.config.publicUrl}/api/v1/invoices/${document.invoice.period}/print`;
  const content = templates.invoice(invoiceEmailContent(document, actor.account.name, link));
  await deps.store.transaction(async (tx) => {
    await spendMailBudget(tx, deps, actor, 'invoice', 1);
    await enqueueEmail(tx, deps.secrets.keyring, { organizationId: actor.organization.id, template: 'invoice', to: actor.account.email, content });
    await tx.audit.record(actor, 'invoice.emailed', { type: 'invoice', id: document.invoice.number ?? document.invoice.period },
      { period: document.invoice.period, to: actor.account.email });
  });
  return actor.account.email;
}
