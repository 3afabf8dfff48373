/** Monthly seat invoices for user managers and admins: listed, as a printable page, and emailed to oneself. */
import type { AppDeps } from '../../deps';
import { errors } from '../../errors';
import type { Actor } from '../../auth/actor';
import { contract } from '../../contract';
import type { Invoice as InvoiceAnswer } from '../../contract/organization';
import { defineRoute } from '../../http/route';
import { enqueueEmail } from '../../mail/outbox';
import { templates } from '../../mail/templates';
import { authorize, memberPolicy } from '../../policies/members';
import { day, invoiceHtml, money, monthName, sendInvoicePage } from './invoicePage';
import { invoiceFor, monthlyInvoices, type Invoice } from './monthlyInvoices';

function present(invoice: Invoice): InvoiceAnswer {
  return {
    ...invoice,
    periodStart: invoice.periodStart.toISOString(),
    periodEnd: invoice.periodEnd.toISOString(),
    lines: invoice.lines.map((l) => ({ ...l, purchasedAt: l.purchasedAt.toISOString() })),
  };
}

async function ledgerOf(deps: AppDeps, actor: Actor) {
  authorize(memberPolicy.buySeats(actor), 'the admin or user manager role');
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
  defineRoute(contract.organization.invoices, {
    tag: 'seats',
    summary: 'Monthly seat invoices computed from the seat ledger, newest first (the last three years).',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return { invoices: monthlyInvoices(await ledgerOf(deps, actor)).map(present) };
    },
  }),
  defineRoute(contract.organization.printInvoice, {
    tag: 'seats',
    summary: "One month's invoice as a printable HTML page (print CSS, no scripts).",
    auth: 'session',
    errors: ['forbidden', 'not_found', 'invalid_request'],
    async handler({ actor, params, deps, res }) {
      const { invoice, organizationName } = await oneInvoice(deps, actor, params.period);
      sendInvoicePage(res, (styleNonce) => invoiceHtml(invoice, organizationName, styleNonce));
    },
  }),
  defineRoute(contract.organization.emailInvoice, {
    tag: 'seats',
    summary: "Email one month's invoice to yourself (queued; sent within seconds).",
    auth: 'session',
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
