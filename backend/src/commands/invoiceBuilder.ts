/**
 * Monthly invoices from the seat ledger. Seats are billed for every calendar month (UTC) they are held, at the
 * unit price recorded when they were bought; seats bought during a month are billed for that whole month. A
 * reduction counts from the month it takes effect (always the first of a month) and takes back the newest seats
 * bought before it was asked for, at their price. The seats an organization starts with are included at no charge.
 * Amounts are computed, not stored (the ledger is append-only, so a closed month never changes); a month's invoice
 * is numbered when it closes, in the seller's own gapless sequence, and is due a configured number of days later.
 */
// The month format is part of the API contract, where the invoice routes' parameters use it.
import { PERIOD } from '../contract/organization';
import type { IssuedNumber, SeatPurchase, SeatReduction } from '../store';

export interface InvoiceLine {
  kind: 'purchase' | 'reduction';
  /** When the seats were bought, or when a reduction took effect. */
  at: Date;
  by: { name: string; email: string };
  /** Negative for a reduction. */
  seats: number;
  unitPriceCents: number;
  amountCents: number;
}

export interface Invoice {
  /** YYYY-MM */
  period: string;
  /** Null while the month is open: the number is issued when it closes. */
  number: string | null;
  issuedAt: Date | null;
  dueAt: Date;
  periodStart: Date;
  periodEnd: Date;
  /** The current month is open: seats bought before it ends are added. */
  status: 'open' | 'closed';
  seats: number;
  includedSeats: number;
  /** Before tax. */
  amountCents: number;
  taxRateBasisPoints: number;
  taxCents: number;
  totalCents: number;
  currency: string;
  lines: InvoiceLine[];
}

export interface Ledger {
  organizationId: string;
  /** The organization's seat total now (reductions already taken off, even those not yet in effect). */
  seatsPurchased: number;
  purchases: SeatPurchase[];
  reductions: SeatReduction[];
  now: Date;
  taxRateBasisPoints: number;
  dueDays: number;
  numbers: Map<string, IssuedNumber>;
}

export const CURRENCY = 'USD';
const MAX_MONTHS = 36;
const DAY_MS = 86_400_000;

export const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
export const periodOf = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
/** The first instant of the month after the one `d` falls in: when a reduction asked for at `d` takes effect. */
export const nextPeriodStart = (d: Date) => monthStart(d.getUTCFullYear(), d.getUTCMonth() + 1);

export function formatInvoiceNumber(n: number): string {
  return `INV-${String(n).padStart(6, '0')}`;
}

export const taxOf = (amountCents: number, basisPoints: number) => Math.round((amountCents * basisPoints) / 10_000);

/** Seats included at sign-up: today's total with every purchase taken off and every reduction given back. */
function includedAtStart(ledger: Ledger): number {
  const bought = ledger.purchases.reduce((sum, p) => sum + p.seats, 0);
  const reduced = ledger.reductions.reduce((sum, r) => sum + r.seats, 0);
  return Math.max(0, ledger.seatsPurchased - bought + reduced);
}

/** What the month from `start` to `end` bills: purchases held, and reductions in effect priced newest-first. */
function billFor(ledger: Ledger, start: Date, end: Date) {
  const held = ledger.purchases.filter((p) => p.purchasedAt < end);
  const left = new Map(held.map((p) => [p.id, p.seats]));
  const lines: InvoiceLine[] = held.map((p) => ({
    kind: 'purchase', at: p.purchasedAt, by: { name: p.purchasedBy.name, email: p.purchasedBy.email },
    seats: p.seats, unitPriceCents: p.unitPriceCents, amountCents: p.seats * p.unitPriceCents,
  }));
  let included = includedAtStart(ledger);
  for (const r of ledger.reductions.filter((x) => x.effectiveFrom <= start)) {
    let toTake = r.seats;
    const byPrice = new Map<number, number>();
    for (const p of [...held].reverse()) {
      if (toTake === 0) break;
      if (p.purchasedAt > r.requestedAt) continue;
      const taken = Math.min(toTake, left.get(p.id)!);
      left.set(p.id, left.get(p.id)! - taken);
      byPrice.set(p.unitPriceCents, (byPrice.get(p.unitPriceCents) ?? 0) + taken);
      toTake -= taken;
    }
    included = Math.max(0, included - toTake);
    for (const [unitPriceCents, seats] of byPrice) {
      if (seats > 0) lines.push({ kind: 'reduction', at: r.effectiveFrom, by: { name: r.requestedBy.name, email: r.requestedBy.email }, seats: -seats, unitPriceCents, amountCents: -seats * unitPriceCents });
    }
  }
  return { lines, included, seats: lines.reduce((sum, l) => sum + l.seats, 0), amountCents: lines.reduce((sum, l) => sum + l.amountCents, 0) };
}

/** The recurring amount (before tax) for the month starting at `start`, as the ledger stands: what the next months cost. */
export function monthlyAmountFrom(ledger: Ledger, start: Date): number {
  return billFor(ledger, start, monthStart(start.getUTCFullYear(), start.getUTCMonth() + 1)).amountCents;
}

/** One month's invoice, or null when nothing was bought by the end of it. */
export function invoiceFor(ledger: Ledger, period: string): Invoice | null {
  const match = PERIOD.exec(period);
  if (!match) return null;
  const start = monthStart(Number(match[1]), Number(match[2]) - 1);
  const end = monthStart(Number(match[1]), Number(match[2]));
  if (start > ledger.now) return null;
  if (!ledger.purchases.some((p) => p.purchasedAt < end)) return null;
  const bill = billFor(ledger, start, end);
  const issued = ledger.numbers.get(period) ?? null;
  const taxCents = taxOf(bill.amountCents, ledger.taxRateBasisPoints);
  return {
    period,
    number: issued && formatInvoiceNumber(issued.number),
    issuedAt: issued?.issuedAt ?? null,
    dueAt: new Date((issued?.issuedAt ?? end).getTime() + ledger.dueDays * DAY_MS),
    periodStart: start,
    periodEnd: end,
    status: end > ledger.now ? 'open' : 'closed',
    seats: bill.seats,
    includedSeats: bill.included,
    amountCents: bill.amountCents,
    taxRateBasisPoints: ledger.taxRateBasisPoints,
    taxCents,
    totalCents: bill.amountCents + taxCents,
    currency: CURRENCY,
    lines: bill.lines,
  };
}

/** The months that have an invoice, from the first purchase to now (at most the last three years), newest first. */
export function invoicePeriods(ledger: Pick<Ledger, 'purchases' | 'now'>): string[] {
  const first = ledger.purchases[0];
  if (!first) return [];
  const periods: string[] = [];
  const firstMonth = monthStart(first.purchasedAt.getUTCFullYear(), first.purchasedAt.getUTCMonth());
  let cursor = monthStart(ledger.now.getUTCFullYear(), ledger.now.getUTCMonth());
  while (cursor >= firstMonth && periods.length < MAX_MONTHS) {
    periods.push(periodOf(cursor));
    cursor = monthStart(cursor.getUTCFullYear(), cursor.getUTCMonth() - 1);
  }
  return periods;
}

/** Closed months that have an invoice: the ones to number. */
export function closedPeriods(ledger: Pick<Ledger, 'purchases' | 'now'>): string[] {
  return invoicePeriods(ledger).filter((p) => p !== periodOf(ledger.now));
}

export function monthlyInvoices(ledger: Ledger): Invoice[] {
  return invoicePeriods(ledger).map((p) => invoiceFor(ledger, p)).filter((i): i is Invoice => i !== null);
}
