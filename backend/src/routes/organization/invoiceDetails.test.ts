/**
 * What an invoice says besides the amounts: the seller (configuration), the organization's billing address and tax
 * id (its settings, audited), the tax, a number from the seller's gapless sequence issued when the month closes even
 * when many organizations ask at once, and a due date; and invoice emails counted against their own hourly budget.
 * On PGlite and, with TEST_DATABASE_URL, on the PostgreSQL server.
 */
import { randomUUID } from 'node:crypto';
import { signUpOrganization, type SignedUp } from '../../testing/accounts';
import { buySeats } from '../../testing/seats';
import { testDatabaseKinds } from '../../store/testing/testStore';
import { startTestServer, type TestServer } from '../../testing/testServer';

const SELLER = { SELLER_NAME: 'Sealpost Inc.', SELLER_ADDRESS: '1 Harbour St, Portland, ME 04101, USA', SELLER_TAX_ID: 'US12-3456789' };
const monthsAgo = (n: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 10));
};
const periodOf = (d: Date) => d.toISOString().slice(0, 7);

describe.each(testDatabaseKinds())('invoice details on %s', (database) => {
  let t: TestServer;
  let owners: SignedUp[];
  beforeAll(async () => {
    t = await startTestServer({ database, env: { ...SELLER, TAX_RATE_PERCENT: '20', INVOICE_DUE_DAYS: '30', INVOICE_EMAILS_PER_HOUR: '2' } });
    owners = [];
    for (let i = 0; i < 4; i += 1) {
      const owner = await signUpOrganization(t, { organizationName: `Numbered Clinic ${i}` });
      // Seats held for the last three months, straight into the ledger: two closed months to number.
      await t.store.db.query(
        'INSERT INTO seat_purchases (id, organization_id, purchased_by, seats, unit_price_cents, created_at) SELECT $1, $2, m.account_id, 2, 1000, $3 FROM memberships m WHERE m.organization_id = $2',
        [randomUUID(), owner.organizationId, monthsAgo(2)],
      );
      owners.push(owner);
    }
  }, 180_000);
  afterAll(async () => {
    await t.stop();
  });

  const numbers = async () =>
    (await t.store.db.query('SELECT organization_id, period, number FROM invoice_numbers ORDER BY number')) as { organization_id: string; period: string; number: number }[];

  test('when several organizations list their invoices at once, twice over, then closed months get numbers 1…n with no gap and no repeat', async () => {
    expect(await numbers()).toHaveLength(0);
    const lists = await Promise.all([...owners, ...owners].map((o) => t.api('GET', '/api/v1/invoices', { token: o.accessToken })));
    expect(lists.map((l) => l.status)).toEqual(Array(8).fill(200));
    const issued = await numbers();
    expect(issued.map((n) => Number(n.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const owner of owners) {
      const own = issued.filter((n) => n.organization_id === owner.organizationId);
      // Within one organization, the older month has the smaller number.
      expect(own.map((n) => n.period)).toEqual([periodOf(monthsAgo(2)), periodOf(monthsAgo(1))]);
    }
    // Each answer names the numbers the database holds; the open month has none yet.
    const [first] = owners;
    const answer = lists[0]!.body.invoices as { period: string; number: string | null; status: string }[];
    expect(answer[0]).toMatchObject({ period: periodOf(new Date()), number: null, status: 'open' });
    const mine = issued.filter((n) => n.organization_id === first!.organizationId);
    expect(answer.slice(1).map((i) => i.number)).toEqual(mine.reverse().map((n) => `INV-${String(n.number).padStart(6, '0')}`));
  });

  test('when a closed invoice is looked at again, then it keeps its number, tax and due date', async () => {
    const before = await numbers();
    const res = await t.api('GET', '/api/v1/invoices', { token: owners[1]!.accessToken });
    expect(await numbers()).toEqual(before);
    const closed = res.body.invoices[1];
    expect(closed).toMatchObject({ status: 'closed', amountCents: 2000, taxRateBasisPoints: 2000, taxCents: 400, totalCents: 2400 });
    expect(new Date(closed.dueAt).getTime() - new Date(closed.issuedAt).getTime()).toBe(30 * 86_400_000);
  });

  test('when the admin sets a billing address and tax id, then they are audited and printed with the seller on the invoice', async () => {
    const owner = owners[2]!;
    const set = await t.api('PATCH', '/api/v1/organization/settings', { token: owner.accessToken,
      body: { billingAddress: ' 5 Quay Rd,\u202E Bristol BS1 ', taxId: 'GB123456789' } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ billingAddress: '5 Quay Rd, Bristol BS1', taxId: 'GB123456789' });
    const [event] = await t.store.audit.list(owner.organizationId, { limit: 1 });
    expect(event).toMatchObject({ action: 'organization.settings_changed', data: { billingAddress: '5 Quay Rd, Bristol BS1', taxId: 'GB123456789' } });
    const page = await (await fetch(`${t.url}/api/v1/invoices/${periodOf(monthsAgo(1))}/print`, { headers: { authorization: `Bearer ${owner.accessToken}` } })).text();
    expect(page).toContain('<p class="party"><strong>Sealpost Inc.</strong><br>1 Harbour St, Portland, ME 04101, USA<br>Tax id: US12-3456789</p>');
    expect(page).toContain('<p class="party"><strong>Numbered Clinic 2</strong><br>5 Quay Rd, Bristol BS1<br>Tax id: GB123456789</p>');
    expect(page).toMatch(/<dt>Invoice<\/dt><dd>INV-\d{6}<\/dd>/);
    expect(page).toContain('Tax (20%)</td><td class="num">$4.00');
    expect(page).toContain('<td class="num">$24.00</td>');
  });

  test.each([
    ['a line break', { billingAddress: 'a\nb' }, 'invalid_request'],
    ['a NUL', { taxId: 'x\u0000' }, 'invalid_text'],
    ['an address over 300 characters', { billingAddress: 'x'.repeat(301) }, 'invalid_request'],
    ['a tax id over 40 characters', { taxId: '1'.repeat(41) }, 'invalid_request'],
  ])('when the billing details hold %s, then it is 400 and nothing changes', async (_label, body, code) => {
    const owner = owners[3]!;
    const before = (await t.api('GET', '/api/v1/organization/settings', { token: owner.accessToken })).body;
    const res = await t.api('PATCH', '/api/v1/organization/settings', { token: owner.accessToken, body });
    expect([res.status, res.body.code]).toEqual([400, code]);
    expect((await t.api('GET', '/api/v1/organization/settings', { token: owner.accessToken })).body).toEqual(before);
  });

  test('when an emailed invoice goes out, then it shows the seller, the tax and the due date, and a third within the hour is 429', async () => {
    const owner = owners[0]!;
    const period = periodOf(monthsAgo(1));
    for (let i = 0; i < 2; i += 1) expect((await t.api('POST', `/api/v1/invoices/${period}/email`, { token: owner.accessToken })).status).toBe(202);
    const invoiceMails = async () => (await t.mailTo(owner.email)).filter((m) => m.subject.startsWith('Sealpost invoice'));
    const [mail] = await invoiceMails();
    expect(mail!.subject).toMatch(/^Sealpost invoice INV-\d{6} for Numbered Clinic 0, /);
    expect(mail!.text).toContain('From: Sealpost Inc., 1 Harbour St, Portland, ME 04101, USA, Tax id: US12-3456789');
    expect(mail!.text).toContain('Tax (20%): $4.00');
    expect(mail!.text).toContain('Total: $24.00');
    const third = await t.api('POST', `/api/v1/invoices/${period}/email`, { token: owner.accessToken });
    expect([third.status, third.body.code]).toEqual([429, 'sending_limited']);
    expect(third.body.detail).toMatch(/^You can send 0 more invoice emails this hour \(at most 2 an hour per person\), and this would need 1, so nothing was sent\. Print the invoice instead, or try again in /);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await invoiceMails()).toHaveLength(2);
  });

  test('when seats are bought now, then the open month shows them and the confirmation figures include the tax rate', async () => {
    const owner = owners[3]!;
    const bought = await buySeats(t, owner.accessToken, 1);
    expect(bought.body).toMatchObject({ taxRateBasisPoints: 2000, monthlyCents: 3000 });
  });
});
