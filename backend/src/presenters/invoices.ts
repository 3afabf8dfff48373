/**
 * Monthly seat invoices as the API, the printable page and the emailed copy show them: dates as ISO strings for the
 * API, and amounts, days and months formatted in US English (UTC) for people.
 */
import type { Invoice as InvoiceAnswer } from '../contract/organization';
import type { Invoice } from '../commands/invoiceBuilder';

export const money = (cents: number, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
export const day = (d: Date) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
export const monthName = (d: Date) => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);

export function presentInvoice(invoice: Invoice): InvoiceAnswer {
  return {
    ...invoice,
    periodStart: invoice.periodStart.toISOString(),
    periodEnd: invoice.periodEnd.toISOString(),
    lines: invoice.lines.map((l) => ({ ...l, purchasedAt: l.purchasedAt.toISOString() })),
  };
}

/** What the invoice email template is given: every amount and date already formatted. */
export function invoiceEmailContent(invoice: Invoice, recipientName: string, organizationName: string, link: string) {
  return {
    name: recipientName,
    organizationName,
    number: invoice.number,
    period: monthName(invoice.periodStart),
    lines: invoice.lines.map((l) => ({ date: day(l.purchasedAt), buyer: l.purchasedBy.name, seats: l.seats,
      unitPrice: money(l.unitPriceCents, invoice.currency), amount: money(l.amountCents, invoice.currency) })),
    total: money(invoice.amountCents, invoice.currency),
    link,
  };
}
