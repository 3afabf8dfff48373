/** Monthly seat invoices for user managers and admins: listed, as a printable page, and emailed to oneself. */
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { errors } from '../../errors';
import type { Actor } from '../../auth/actor';
import { defineRoute } from '../../http/route';
import { enqueueEmail } from '../../mail/outbox';
import { templates } from '../../mail/templates';
import { authorize } from '../../policies/authorize';
import { day, invoiceHtml, money, monthName, sendInvoicePage } from './invoicePage';
import { invoiceFor, monthlyInvoices, PERIOD, type Invoice } from './monthlyInvoices';

const lineSchema = z.object({
  purchasedAt: z.string().datetime(),
  purchasedBy: z.object({ name: z.string(), email: z.string() }),
  seats: z.number().int(),
  unitPriceCents: z.number().int(),
  amountCents: z.number().int(),
});
const invoiceSchema = z.object({
  period: z.string().describe('YYYY-MM (UTC calendar month).'),
  number: z.string(),
  periodStart: z.string().datetime(),
  periodEnd: z.string().datetime().describe('Exclusive: the first instant of the next month.'),
  status: z.enum(['open', 'closed']).describe('open: the current month, still taking purchases.'),
  seats: z.number().int().describe('Seats billed this month.'),
  includedSeats: z.number().int().describe('Seats the organization started with, at no charge.'),
  amountCents: z.number().int(),
  currency: z.string(),
  lines: z.array(lineSchema),
});
const periodParams = z.strictObject({ period: z.string().regex(PERIOD, 'is not a month like 2025-01') });

function present(invoice: Invoice): z.infer<typeof invoiceSchema> {
  return {
    ...invoice,
    periodStart: invoice.periodStart.toISOString(),
    periodEnd: invoice.periodEnd.toISOString(),
    lines: invoice.lines.map((l) => ({ ...l, purchasedAt: l.purchasedAt.toISOString() })),
  };
}

async function ledgerOf(deps: AppDeps, actor: Actor) {
  authorize(actor, 'organization.buySeats');
  const now = new Date();
  const organization = (await deps.store.organizations.findById(actor.organization.id))!;
  const purchases = await deps.store.invoices.seatPurchases(organization.id, now);
  return { organizationId: organization.id, organizationName: organization.name, seatsPurchased: organization.seatsPurchased, purchases, now };
}

async function oneInvoice(deps: AppDeps, actor: Actor, period: string) {
  const ledger = await ledgerOf(deps, actor);
  const invoice = invoiceFor(ledger, period);
  if (!invoice) throw errors.notFound(`An invoice for ${period}`);
  return { invoice, organizationName: ledger.organizationName };
}

export const invoiceRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/invoices',
    tag: 'seats',
    summary: 'Monthly seat invoices computed from the seat ledger, newest first (the last three years).',
    auth: 'session',
    response: { status: 200, schema: z.object({ invoices: z.array(invoiceSchema) }), description: 'Invoices.' },
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return { invoices: monthlyInvoices(await ledgerOf(deps, actor)).map(present) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/invoices/:period/print',
    tag: 'seats',
    summary: "One month's invoice as a printable HTML page (print CSS, no scripts).",
    auth: 'session',
    params: periodParams,
    response: { status: 200, contentType: 'text/html', description: 'The invoice page.' },
    errors: ['forbidden', 'not_found', 'invalid_request'],
    async handler({ actor, params, deps, res }) {
      const { invoice, organizationName } = await oneInvoice(deps, actor, params.period);
      sendInvoicePage(res, (styleNonce) => invoiceHtml(invoice, organizationName, styleNonce));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/invoices/:period/email',
    tag: 'seats',
    summary: "Email one month's invoice to yourself (queued; sent within seconds).",
    auth: 'session',
    params: periodParams,
    response: { status: 202, schema: z.object({ sentTo: z.string() }), description: 'The email is queued.' },
    errors: ['forbidden', 'not_found', 'invalid_request'],
    async handler({ actor, params, deps }) {
      const { invoice, organizationName } = await oneInvoice(deps, actor, params.period);
      const content = templates.invoice({
        name: actor.account.name,
        organizationName,
        number: invoice.number,
        period: monthName(invoice.periodStart),
        lines: invoice.lines.map((l) => ({ date: day(l.purchasedAt), buyer: l.purchasedBy.name, seats: l.seats,
          unitPrice: money(l.unitPriceCents, invoice.currency), amount: money(l.amountCents, invoice.currency) })),
        total: money(invoice.amountCents, invoice.currency),
        link: `${deps.config.publicUrl}/api/v1/invoices/${invoice.period}/print`,
      });
      await deps.store.transaction(async (tx) => {
        await enqueueEmail(tx, deps.secrets.keyring, { organizationId: actor.organization.id, template: 'invoice', to: actor.account.email, content });
        await tx.audit.append({ organizationId: actor.organization.id, actorId: actor.account.id, action: 'invoice.emailed',
          targetType: 'invoice', targetId: invoice.number, data: { period: invoice.period, to: actor.account.email } });
      });
      return { sentTo: actor.account.email };
    },
  }),
];
