/** Monthly seat invoices for user managers and admins: listed, as a printable page, and emailed to oneself. */
import { emailInvoice, findInvoice, listInvoices } from '../../commands/billing';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentInvoice } from '../../presenters/invoices';
import { invoiceHtml, sendInvoicePage } from './invoicePage';

export const invoiceRoutes = [
  defineRoute(contract.organization.invoices, {
    tag: 'seats',
    summary: 'Monthly seat invoices computed from the seat ledger, newest first (the last three years).',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return { invoices: (await listInvoices(deps, actor)).map(presentInvoice) };
    },
  }),
  defineRoute(contract.organization.printInvoice, {
    tag: 'seats',
    summary: "One month's invoice as a printable HTML page (print CSS, no scripts).",
    auth: 'session',
    errors: ['forbidden', 'not_found', 'invalid_request'],
    async handler({ actor, params, deps, res }) {
      const document = await findInvoice(deps, actor, params.period);
      sendInvoicePage(res, (styleNonce) => invoiceHtml(document, styleNonce));
    },
  }),
  defineRoute(contract.organization.emailInvoice, {
    tag: 'seats',
    summary: "Email one month's invoice to yourself (queued; sent within seconds).",
    auth: 'session',
    errors: ['forbidden', 'not_found', 'invalid_request', 'sending_limited'],
    async handler({ actor, params, deps }) {
      return { sentTo: await emailInvoice(deps, actor, params.period) };
    },
  }),
];
