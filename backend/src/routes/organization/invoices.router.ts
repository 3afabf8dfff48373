/** Monthly seat invoices for user managers and admins: listed, as a printable page, and emailed to oneself. */
import { z } from 'zod';
import { emailInvoice, findInvoice, listInvoices } from '../../commands/billing';
import { PERIOD } from '../../commands/invoiceBuilder';
import { defineRoute } from '../../http/route';
import { invoiceSchema, presentInvoice } from '../../presenters/invoices';
import { invoiceHtml, sendInvoicePage } from './invoicePage';

const periodParams = z.strictObject({ period: z.string().regex(PERIOD, 'is not a month like 2025-01') });

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
      return { invoices: (await listInvoices(deps, actor)).map(presentInvoice) };
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
      const { invoice, organizationName } = await findInvoice(deps, actor, params.period);
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
      return { sentTo: await emailInvoice(deps, actor, params.period) };
    },
  }),
];
