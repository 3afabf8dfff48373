/**
 * Seats and invoices in Chromium against the real backend: a user manager buys seats through a confirmation that
 * shows the monthly total with tax (nothing is charged before it is confirmed, and the form is cleared after), gives
 * seats up from next month (never more than are free), opens this month's invoice as a printable page and emails it.
 * Screenshots at 1280x800 and 390x844.
 */
import type { Page } from 'playwright-core';
import { signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister, type Member } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { signInTo, toast } from '../../../../src/testing/adminPages';
import { buySeats } from '../../../../src/testing/seats';

const firstOfNextMonth = () => {
  const now = new Date();
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
};

describeBrowser('admin page: seats and invoices', ({ newPage }) => {
  let t: TestServer;
  let admin: SignedUp;
  let manager: Member;
  beforeAll(async () => {
    t = await startTestServer({ env: { TAX_RATE_PERCENT: '8.25', SELLER_NAME: 'Sealpost Inc.', SELLER_TAX_ID: 'US12-3456789' } });
    admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    await buySeats(t, admin.accessToken, 2);
    manager = await inviteAndRegister(t, admin, { type: 'pro', name: 'Uma Manager' });
    await t.api('PATCH', `/api/v1/members/${manager.accountId}`, { token: admin.accessToken, body: { roles: { userManager: true } } });
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  const purchases = async () => (await t.store.db.query('SELECT id FROM seat_purchases')).length;
  const bothSizes = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, `${name}-390`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, `${name}-1280`);
  };

  test('when a user manager buys seats, then a confirmation shows the new monthly total with tax first, and the form is cleared after', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInTo(page, t, manager.email, manager.password, '/admin#seats');
    await page.getByRole('heading', { name: 'Seats and invoices', level: 1 }).waitFor();
    const stats = page.getByRole('region', { name: 'Seats' });
    await stats.getByText('Purchased').waitFor();
    await expect(stats.locator('dl').innerText()).resolves.toMatch(/Purchased\s+3\s+Used\s+2\s+Free\s+1/);

    const before = await purchases();
    await page.getByLabel('Seats to buy').fill('4');
    await page.getByRole('button', { name: 'Buy 4 seats…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Buy 4 seats?' });
    await dialog.waitFor();
    const said = await dialog.innerText();
    expect(said).toContain('4 seats × $10.00 = $40.00 a month before tax');
    expect(said).toContain('New monthly total: $64.95 a month ($60.00 plus 8.25% tax, $4.95)');
    expect(said).toContain('You will have 7 seats; 2 are in use.');
    expect(await purchases()).toBe(before);
    await expectAccessible(page, 'the purchase confirmation');
    await bothSizes(page, 'admin-seats-confirm');

    await dialog.getByRole('button', { name: 'Buy 4 seats' }).click();
    await toast(page, 'Bought 4 seats. 5 seats are free now.');
    await expect(stats.locator('dl').innerText()).resolves.toMatch(/Purchased\s+7\s+Used\s+2\s+Free\s+5/);
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Seats to buy').inputValue()).toBe('');
    expect(await page.getByRole('button', { name: 'Buy seats…' }).isDisabled()).toBe(true);
    expect(await purchases()).toBe(before + 1);

    // Cancelling a confirmation buys nothing.
    await page.getByLabel('Seats to buy').fill('2');
    await page.getByRole('button', { name: 'Buy 2 seats…' }).click();
    await page.getByRole('dialog', { name: 'Buy 2 seats?' }).getByRole('button', { name: 'Cancel' }).click();
    expect(await purchases()).toBe(before + 1);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when a user manager gives seats up, then no more than are free can be asked for, and the page says how many remain from when', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInTo(page, t, manager.email, manager.password, '/admin#seats');
    const stats = page.getByRole('region', { name: 'Seats' });
    await stats.getByText('Purchased').waitFor();
    await page.getByLabel('Seats to give up').fill('6');
    await page.getByText('You can give up at most 5 seats: 2 are in use by active and invited pros.').waitFor();
    expect(await page.getByRole('button', { name: 'Give up seats…' }).isDisabled()).toBe(true);

    await page.getByLabel('Seats to give up').fill('3');
    await page.getByRole('button', { name: 'Give up 3 seats…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Give up 3 seats?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`From ${firstOfNextMonth()} the organization will have 4 seats.`);
    await bothSizes(page, 'admin-seats-reduce-confirm');
    await dialog.getByRole('button', { name: 'Give up 3 seats' }).click();
    await toast(page, `From ${firstOfNextMonth()} you will have 4 seats.`);
    await dialog.waitFor({ state: 'detached' });
    await stats.getByText(`From ${firstOfNextMonth()}: 4 seats, $30.00 a month before tax.`).waitFor();
    // This month keeps what was paid for; no new pro may take a seat that is going away.
    await expect(stats.locator('dl').innerText()).resolves.toMatch(/Purchased\s+7\s+Used\s+2\s+Free\s+2/);
    // Checked on a fresh load: a closed Fluent dialog leaves its focus-trap placeholders at the page's edges, which
    // axe reports though focus never rests on them.
    await page.reload();
    await stats.getByText(`From ${firstOfNextMonth()}: 4 seats, $30.00 a month before tax.`).waitFor();
    await expectAccessible(page, 'seats with a reduction waiting');
    await bothSizes(page, 'admin-seats-reduced');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when the invoice is printed and emailed, then both show the seller, the tax and the due date', async () => {
    const page = await newPage();
    await signInTo(page, t, manager.email, manager.password, '/admin#seats');
    const invoices = page.getByRole('table', { name: 'Invoices' });
    await invoices.getByText('$64.95').waitFor();
    expect(await invoices.getByRole('row').nth(1).innerText()).toMatch(/Draft/);

    const month = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    const popup = page.waitForEvent('popup');
    await page.getByRole('link', { name: `Print the invoice for ${month} (opens in a new tab)` }).click();
    const printable = await popup;
    await printable.waitForLoadState();
    await printable.getByRole('heading', { name: 'Invoice' }).waitFor();
    const text = await printable.locator('main').innerText();
    expect(text).toContain('Harbor Clinic');
    expect(text).toContain('Sealpost Inc.');
    expect(text).toContain('Tax id: US12-3456789');
    expect(text).toMatch(/Tax \(8\.25%\)\s+\$4\.95/);
    expect(text).toMatch(/Total due by .*\$64\.95/);
    await expectAccessible(printable, 'the printable invoice');
    await bothSizes(printable, 'admin-invoice');
    await printable.emulateMedia({ media: 'print' });
    await screenshot(printable, 'admin-invoice-print');
    expect(await printable.getByText("use your browser's Print command").isVisible()).toBe(false);
    await printable.close();

    await page.getByRole('button', { name: `Email to me the invoice for ${month}` }).click();
    await toast(page, `Invoice for ${month} sent to ${manager.email}.`);
    const [mail] = await t.mailTo(manager.email);
    expect(mail!.subject).toContain('Sealpost invoice (draft)');
    expect(mail!.text).toContain('Total: $64.95');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when the admin saves billing details in Settings, then the printed invoice bills them', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signInTo(page, t, admin.email, admin.password, '/admin#settings');
    const card = page.getByRole('region', { name: 'Billing details' });
    await card.getByLabel('Billing address').fill('5 Quay Rd, Bristol BS1 4DJ, United Kingdom');
    await card.getByLabel('Tax id').fill('GB123456789');
    await card.getByRole('button', { name: 'Save billing details' }).click();
    await toast(page, 'Billing details saved.');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-settings-billing-390');
    expect(await card.getByRole('button', { name: 'Save billing details' }).isDisabled()).toBe(true);
    const [event] = await t.store.audit.list(admin.organizationId, { limit: 1 });
    expect(event).toMatchObject({ action: 'organization.settings_changed', data: { billingAddress: '5 Quay Rd, Bristol BS1 4DJ, United Kingdom', taxId: 'GB123456789' } });

    const printable = await newPage();
    await signInTo(printable, t, admin.email, admin.password, `/api/v1/invoices/${new Date().toISOString().slice(0, 7)}/print`);
    const text = await printable.locator('main').innerText();
    expect(text).toMatch(/Billed to\s+Harbor Clinic\s+5 Quay Rd, Bristol BS1 4DJ, United Kingdom\s+Tax id: GB123456789/i);
    expect(pageProblems(page)).toEqual([]);
    await printable.close();
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
