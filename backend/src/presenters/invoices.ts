/**
 * Monthly seat invoices as the API, the printable page and the emailed copy show them: dates as ISO strings for the
 * API, and amounts, days, months and tax rates formatted in US English (UTC) for people.
 */
import type { Invoice as InvoiceAnswer } from '../contract/organization';
import type { InvoiceDocument } from '../commands/billing';
import type { Invoice, InvoiceLine } from '../commands/invoiceBuilder';

export const money = (cents: number, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
export const day = (d: Date) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
export const monthName = (d: Date) => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
export const percent = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;

/** What a line is, in words: a purchase, or a reduction from the day it took effect. */
export const lineLabel = (l: InvoiceLine) => (l.kind === 'purchase' ? 'Seats bought' : 'Seats given up');

export function presentInvoice(invoice: Invoice): InvoiceAnswer {
  return {
    ...invoice,
    issuedAt: invoice.issuedAt?.toISOString() ?? null,
    dueAt: invoice.dueAt.toISOString(),
    periodStart: invoice.periodStart.toISOString(),
    periodEnd: invoice.periodEnd.toISOString(),
    lines: invoice.lines.map((l) => ({ ...l, at: l.at.toISOString() })),
  };
}

/** What the invoice email template is given: every amount and date already formatted. */
export function invoiceEmailContent({ invoice, organizationName, billing, seller }: InvoiceDocument, recipientName: string, link: string) {
  const cur = invoice.currency;
  return {
    name: recipientName,
    organizationName,
    number: invoice.number,
    period: monthName(invoice.periodStart),
    seller,
    billedTo: { name: organizationName, address: billing.address, taxId: billing.taxId },
    due: day(invoice.dueAt),
    lines: invoice.lines.map((l) => ({ date: day(l.at), what: lineLabel(l), by: l.by.name, seats: l.seats,
      unitPrice: money(l.unitPriceCents, cur), amount: money(l.amountCents, cur) })),
    subtotal: money(invoice.amountCents, cur),
    tax: { rate: percent(invoice.taxRateBasisPoints), amount: money(invoice.taxCents, cur) },
    total: money(invoice.totalCents, cur),
    link,
  };
}
