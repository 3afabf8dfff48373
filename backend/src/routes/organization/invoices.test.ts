/** Monthly seat invoices: the arithmetic from the ledger, the printable page, and the emailed copy. */
import { randomUUID } from 'node:crypto';
import type { IssuedNumber, SeatPurchase, SeatReduction } from '../../store';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { invoiceFor, monthlyInvoices } from '../../commands/invoiceBuilder';

const buyer = { id: randomUUID(), name: 'Uma Manager', email: 'uma@clinic.example' };
const purchase = (iso: string, seats: number, unitPriceCents: number): SeatPurchase => ({
  id: randomUUID(), seats, unitPriceCents, purchasedAt: new Date(iso), purchasedBy: buyer,
});
const reduction = (askedIso: string, fromIso: string, seats: number): SeatReduction => ({
  id: randomUUID(), seats, effectiveFrom: new Date(fromIso), requestedAt: new Date(askedIso), requestedBy: buyer,
});

describe('invoice arithmetic', () => {
  const purchases = [purchase('2025-01-20T10:00:00Z', 5, 1000), purchase('2025-03-31T23:59:59Z', 2, 1500)];
  const numbers = new Map<string, IssuedNumber>([['2025-03', { number: 42, issuedAt: new Date('2025-04-01T00:05:00Z') }]]);
  const input = { organizationId: 'abcdef12-0000-4000-8000-000000000000', seatsPurchased: 8, purchases, reductions: [], now: new Date('2025-04-10T00:00:00Z'),
    taxRateBasisPoints: 825, dueDays: 14, numbers };

  test('when seats are bought in January and March, then each month bills every seat held at its recorded price', () => {
    const invoices = monthlyInvoices(input);
    expect(invoices.map((i) => [i.period, i.seats, i.amountCents, i.status])).toEqual([
      ['2025-04', 7, 8000, 'open'],
      ['2025-03', 7, 8000, 'closed'],
      ['2025-02', 5, 5000, 'closed'],
      ['2025-01', 5, 5000, 'closed'],
    ]);
    expect(invoices[0]!.includedSeats).toBe(1);
    expect(invoices[1]!.lines.map((l) => [l.seats, l.unitPriceCents, l.amountCents])).toEqual([[5, 1000, 5000], [2, 1500, 3000]]);
  });

  test('when a month closed and was numbered, then it carries the number, its issue day and a due date that many days later', () => {
    const [open, march] = monthlyInvoices(input);
    expect([open!.number, open!.issuedAt]).toEqual([null, null]);
    expect(open!.dueAt.toISOString()).toBe('2025-05-15T00:00:00.000Z');
    expect(march!.number).toBe('INV-000042');
    expect(march!.dueAt.toISOString()).toBe('2025-04-15T00:05:00.000Z');
  });

  test('when tax is configured, then it is added to the amount, rounded to the cent', () => {
    const march = invoiceFor(input, '2025-03')!;
    expect([march.amountCents, march.taxRateBasisPoints, march.taxCents, march.totalCents]).toEqual([8000, 825, 660, 8660]);
    expect(invoiceFor({ ...input, taxRateBasisPoints: 333 }, '2025-02')!.taxCents).toBe(167);
  });

  test('when seats are given up, then the months from the reduction bill fewer, taking back the newest seats bought before it', () => {
    // Asked for on April 5 (after both purchases) to take effect May 1; a purchase on April 20 is not what it gives up.
    const later = [...purchases, purchase('2025-04-20T00:00:00Z', 1, 2000)];
    const ledger = { ...input, purchases: later, seatsPurchased: 6, reductions: [reduction('2025-04-05T00:00:00Z', '2025-05-01T00:00:00Z', 3)],
      now: new Date('2025-05-02T00:00:00Z') };
    const [may, april] = monthlyInvoices(ledger);
    expect([april!.seats, april!.amountCents]).toEqual([8, 10_000]);
    expect(may!.lines.filter((l) => l.kind === 'reduction').map((l) => [l.seats, l.unitPriceCents, l.amountCents]))
      .toEqual([[-2, 1500, -3000], [-1, 1000, -1000]]);
    expect([may!.seats, may!.includedSeats, may!.amountCents]).toEqual([5, 1, 6000]);
  });

  test('when a month is before the first purchase, after now or not a month, then there is no invoice', () => {
    expect(invoiceFor(input, '2024-12')).toBeNull();
    expect(invoiceFor(input, '2025-05')).toBeNull();
    expect(invoiceFor(input, '2025-13')).toBeNull();
    expect(monthlyInvoices({ ...input, purchases: [] })).toEqual([]);
  });

  test('when purchases go back more than three years, then only the last 36 months are listed', () => {
    const long = monthlyInvoices({ ...input, purchases: [purchase('2015-06-01T00:00:00Z', 1, 100)] });
    expect(long).toHaveLength(36);
    expect(long[35]!.period).toBe('2022-05');
  });
});

describe('over HTTP', () => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestServer();
    cast = await castOrganization(t, '<script>alert(1)</script> & Partners');
    // A purchase from last year, at an older price, straight into the ledger.
    await t.store.db.query(
      'INSERT INTO seat_purchases (id, organization_id, purchased_by, seats, unit_price_cents, created_at) VALUES ($1, $2, $3, 3, 800, $4)',
      [randomUUID(), cast.organizationId, cast.userManager.accountId, new Date(Date.UTC(new Date().getUTCFullYear() - 1, 0, 15))],
    );
  });
  afterAll(async () => {
    await t.stop();
  });
  const thisMonth = () => new Date().toISOString().slice(0, 7);

  test('when invoices are listed, then the newest month is open and includes this month\'s purchases', async () => {
    const res = await t.api('GET', '/api/v1/invoices', { token: cast.userManager.accessToken });
    expect(res.status).toBe(200);
    const [current] = res.body.invoices;
    expect(current).toMatchObject({ period: thisMonth(), status: 'open', seats: 8, amountCents: 3 * 800 + 5 * 1000, currency: 'USD' });
    expect(current.lines.map((l: { by: { name: string } }) => l.by.name)).toEqual(['Uma Manager', 'Dana Reyes']);
    expect(res.body.invoices.length).toBeGreaterThanOrEqual(12);
  });

  test('when an invoice is printed, then it is escaped HTML with print CSS and a CSP that allows no script', async () => {
    const res = await fetch(`${t.url}/api/v1/invoices/${thisMonth()}/print`, { headers: { authorization: `Bearer ${cast.admin.accessToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src/);
    const page = await res.text();
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)![1];
    expect(page).toContain(`<style nonce="${nonce}">`);
    expect(page).toContain('@media print');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Partners');
    expect(page).not.toContain('<script>');
    expect(page).toContain('$50.00');
    expect(page).toContain('$74.00');
  });

  test('when an invoice is emailed, then it goes to the person who asked, and the audit log says so', async () => {
    const res = await t.api('POST', `/api/v1/invoices/${thisMonth()}/email`, { token: cast.userManager.accessToken });
    expect(res.status).toBe(202);
    expect(res.body.sentTo).toBe(cast.userManager.email);
    const [mail] = await t.mailTo(cast.userManager.email);
    expect(mail!.subject).toMatch(/^Sealpost invoice \(draft\) for <script>alert\(1\)<\/script> & Partners, /);
    expect(mail!.text).toContain('Total: $74.00');
    expect(mail!.html).toContain('&lt;script&gt;');
    expect(mail!.html).not.toContain('<script>');
    expect((await t.store.audit.list(cast.organizationId, { limit: 1 }))[0]!.action).toBe('invoice.emailed');
  });

  test.each([
    ['a month with no seats yet', '2001-01', 404],
    ['a month in the future', '2999-01', 404],
    ['not a month', '2025-13', 400],
    ['a path trick', '..%2F..%2Fetc', 400],
  ])('when the invoice asked for is %s, then it is %i', async (_label, period, status) => {
    const res = await t.api('GET', `/api/v1/invoices/${period}/print`, { token: cast.admin.accessToken });
    expect(res.status).toBe(status);
  });

  test('when a plain pro or a guest asks for invoices, then it is 403', async () => {
    for (const token of [cast.pro.accessToken, cast.guest.accessToken]) {
      expect((await t.api('GET', '/api/v1/invoices', { token })).status).toBe(403);
      expect((await t.api('POST', `/api/v1/invoices/${thisMonth()}/email`, { token })).status).toBe(403);
    }
  });
});
