/**
 * An invoice as a printable page: server-rendered HTML with every value escaped, one stylesheet under a
 * per-response nonce (no scripts at all), and print CSS that drops the on-screen hint and fits A4 and Letter.
 */
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { Html, html } from '../pages/layout';
import type { InvoiceDocument } from '../../commands/billing';
import { day, lineLabel, money, monthName, percent } from '../../presenters/invoices';

const CSS = `
*{box-sizing:border-box}body{margin:0;background:#eef3f3;color:#1b2a2a;font:15px/1.5 "Segoe UI",system-ui,-apple-system,sans-serif}
.sheet{background:#fff;max-width:820px;margin:32px auto;padding:48px 56px;border-radius:8px;box-shadow:0 2px 14px rgba(0,40,40,.12)}
.hint{max-width:820px;margin:24px auto 0;color:#3d4f4f;font-size:14px}
header{display:flex;justify-content:space-between;align-items:flex-start;gap:24px;border-bottom:3px solid #0b6e69;padding-bottom:16px}
.brand{color:#0b6e69;font-weight:700;font-size:20px;letter-spacing:.02em;margin:0}h1{font-size:26px;margin:0 0 4px}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:0}dt{color:#3d4f4f}dd{margin:0;font-weight:600}
table{width:100%;border-collapse:collapse;margin-top:28px}th,td{text-align:left;padding:9px 8px;border-bottom:1px solid #d5e0e0;vertical-align:top}
th{font-size:13px;color:#3d4f4f;font-weight:600;border-bottom:2px solid #9bb0b0}.num{text-align:right;white-space:nowrap}
tfoot td{font-weight:700;border-bottom:0;font-size:17px}.muted{color:#3d4f4f;font-size:13px}.status{display:inline-block;padding:2px 10px;border-radius:10px;background:#fdf3d8;color:#6b4e00;font-size:13px;font-weight:600}
footer{margin-top:32px;color:#3d4f4f;font-size:13px}
.parties{display:flex;gap:24px;margin-top:20px}.parties>div{flex:1}h2{font-size:13px;color:#3d4f4f;font-weight:600;margin:0 0 4px;text-transform:uppercase;letter-spacing:.04em}
.party{margin:0;overflow-wrap:anywhere}tfoot .sub td{font-weight:600;font-size:15px}
@media (max-width:600px){.hint{margin:12px 12px 0}.sheet{margin:12px;padding:20px 12px}header,.parties{flex-direction:column}table{font-size:12px}th,td{padding:6px 3px}th.num{white-space:normal}.muted{overflow-wrap:anywhere}tfoot td{font-size:14px}}
@page{size:auto;margin:16mm}
@media print{body{background:#fff}.hint{display:none}.sheet{box-shadow:none;margin:0;padding:0;max-width:none}}
`;

const party = (who: { name: string; address: string; taxId: string }) =>
  html`<p class="party"><strong>${who.name}</strong>${who.address ? html`<br>${who.address}` : ''}${who.taxId ? html`<br>Tax id: ${who.taxId}` : ''}</p>`;

/** The page for one response: the style nonce goes in as a value, so no text on the page can take its place. */
export function invoiceHtml({ invoice, organizationName, billing, seller }: InvoiceDocument, styleNonce: string): string {
  const cur = invoice.currency;
  const lastDay = day(new Date(invoice.periodEnd.getTime() - 86_400_000));
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Invoice ${invoice.number ?? 'draft'} · ${organizationName} · Sealpost</title><style nonce="${styleNonce}">${new Html(CSS)}</style></head>
<body><p class="hint">To print this invoice or save it as a PDF, use your browser's Print command (Ctrl+P, or ⌘P on a Mac).</p>
<main class="sheet"><header><div><p class="brand">${seller.name}</p><h1>Invoice</h1><p class="muted">Seats for ${monthName(invoice.periodStart)}</p></div>
<dl><dt>Invoice</dt><dd>${invoice.number ?? 'Draft — numbered when the month closes'}</dd>
<dt>Issued</dt><dd>${invoice.issuedAt ? day(invoice.issuedAt) : 'When the month closes'}</dd>
<dt>Due</dt><dd>${day(invoice.dueAt)}</dd>
<dt>Period</dt><dd>${day(invoice.periodStart)} – ${lastDay}</dd>
<dt>Status</dt><dd>${invoice.status === 'open' ? html`<span class="status">Open — month in progress</span>` : 'Closed'}</dd></dl></header>
<section class="parties"><div><h2>From</h2>${party(seller)}</div><div><h2>Billed to</h2>${party({ name: organizationName, ...billing })}</div></section>
<table><thead><tr><th scope="col">Date</th><th scope="col">Seats</th><th scope="col" class="num">Count</th><th scope="col" class="num">Price per seat and month</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>${invoice.lines.map((l) => html`<tr><td>${day(l.at)}</td><td>${lineLabel(l)}<br><span class="muted">${l.by.name} · ${l.by.email}</span></td>
<td class="num">${l.seats}</td><td class="num">${money(l.unitPriceCents, cur)}</td><td class="num">${money(l.amountCents, cur)}</td></tr>`)}
${invoice.includedSeats > 0 ? html`<tr><td>With the organization</td><td class="muted">Included</td><td class="num">${invoice.includedSeats}</td><td class="num">${money(0, cur)}</td><td class="num">${money(0, cur)}</td></tr>` : ''}
</tbody><tfoot><tr class="sub"><td colspan="2">Subtotal for ${monthName(invoice.periodStart)}</td><td class="num">${invoice.seats + invoice.includedSeats}</td><td></td><td class="num">${money(invoice.amountCents, cur)}</td></tr>
<tr class="sub"><td colspan="4">Tax (${percent(invoice.taxRateBasisPoints)})</td><td class="num">${money(invoice.taxCents, cur)}</td></tr>
<tr><td colspan="4">Total due by ${day(invoice.dueAt)}</td><td class="num">${money(invoice.totalCents, cur)}</td></tr></tfoot></table>
<footer><p>Seats are billed for each month they are held, at the price recorded when they were bought; seats bought during a month are billed for that whole month. Seats given up count from the first of the month after.</p></footer>
</main></body></html>`.value}`;
}

/** Sends the page with its own CSP: no scripts, styles only under this response's nonce, which `render` puts in. */
export function sendInvoicePage(res: Response, render: (styleNonce: string) => string): void {
  const nonce = randomBytes(18).toString('base64');
  res
    .status(200)
    .type('html')
    .set({
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    })
    .send(render(nonce));
}
