/**
 * Monthly invoices from the seat ledger. Seats are billed for every calendar month (UTC) they are held, at the
 * unit price recorded when they were bought; seats bought during a month are billed for that whole month. The
 * seats an organization starts with are included at no charge. Invoices are computed, not stored: the ledger is
 * append-only, so a closed month's invoice never changes.
 */
// The month format is part of the API contract, where the invoice routes' parameters use it.
import { PERIOD } from '../contract/organization';
import type { SeatPurchase } from '../store';

export interface InvoiceLine {
  purchasedAt: Date;
  purchasedBy: { name: string; email: string };
  seats: number;
  unitPriceCents: number;
  amountCents: number;
}

export interface Invoice {
  /** YYYY-MM */
  period: string;
  number: string;
  periodStart: Date;
  periodEnd: Date;
  /** The current month is open: seats bought before it ends are added. */
  status: 'open' | 'closed';
  seats: number;
  includedSeats: number;
  amountCents: number;
  currency: string;
  lines: InvoiceLine[];
}

export const CURRENCY = 'USD';
const MAX_MONTHS = 36;

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const periodOf = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

export function invoiceNumber(organizationId: string, period: string): string {
  return `SP-${organizationId.slice(0, 8).toUpperCase()}-${period.replace('-', '')}`;
}

/** One month's invoice, or null when nothing was bought by the end of it. */
export function invoiceFor(
  input: { organizationId: string; seatsPurchased: number; purchases: SeatPurchase[]; now: Date },
  period: string,
): Invoice | null {
  const match = PERIOD.exec(period);
  if (!match) return null;
  const start = monthStart(Number(match[1]), Number(match[2]) - 1);
  const end = monthStart(Number(match[1]), Number(match[2]));
  if (start > input.now) return null;
  const held = input.purchases.filter((p) => p.purchasedAt < end);
  if (held.length === 0) return null;
  const lines = held.map((p) => ({
    purchasedAt: p.purchasedAt,
    purchasedBy: { name: p.purchasedBy.name, email: p.purchasedBy.email },
    seats: p.seats,
    unitPriceCents: p.unitPriceCents,
    amountCents: p.seats * p.unitPriceCents,
  }));
  const ledgerSeats = input.purchases.reduce((sum, p) => sum + p.seats, 0);
  return {
    period,
    number: invoiceNumber(input.organizationId, period),
    periodStart: start,
    periodEnd: end,
    status: end > input.now ? 'open' : 'closed',
    seats: lines.reduce((sum, l) => sum + l.seats, 0),
    includedSeats: Math.max(0, input.seatsPurchased - ledgerSeats),
    amountCents: lines.reduce((sum, l) => sum + l.amountCents, 0),
    currency: CURRENCY,
    lines,
  };
}

/** Every month from the first purchase to now (at most the last three years), newest first. */
export function monthlyInvoices(input: { organizationId: string; seatsPurchased: number; purchases: SeatPurchase[]; now: Date }): Invoice[] {
  const first = input.purchases[0];
  if (!first) return [];
  const invoices: Invoice[] = [];
  let cursor = monthStart(input.now.getUTCFullYear(), input.now.getUTCMonth());
  while (cursor >= monthStart(first.purchasedAt.getUTCFullYear(), first.purchasedAt.getUTCMonth()) && invoices.length < MAX_MONTHS) {
    const invoice = invoiceFor(input, periodOf(cursor));
    if (invoice) invoices.push(invoice);
    cursor = monthStart(cursor.getUTCFullYear(), cursor.getUTCMonth() - 1);
  }
  return invoices;
}
