/**
 * Seats and invoices in Chromium against the real backend: a user manager buys seats, sees the counts change, opens
 * this month's invoice as a printable page (screen and print media) and emails it to themselves.
 */
import { signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister, type Member } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { signInTo, toast } from '../../../../src/testing/adminPages';
import { buySeats } from '../../../../src/testing/seats';

describeBrowser('admin page: seats and invoices', ({ newPage }) => {
  let t: TestServer;
  let admin: SignedUp;
  let manager: Member;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    await buySeats(t, admin.accessToken, 2);
    manager = await inviteAndRegister(t, admin, { type: 'pro', name: 'Uma Manager' });
    await t.api('PATCH', `/api/v1/members/${manager.accountId}`, { token: admin.accessToken, body: { roles: { userManager: true } } });
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  test('when a user manager buys seats and prints and emails the invoice, then the counts, the page and the email agree', async () => {
    const page = await newPage();
    await signInTo(page, t, manager.email, manager.password, '/admin#seats');
    await page.getByRole('heading', { name: 'Seats and invoices', level: 1 }).waitFor();
    const stats = page.getByRole('region', { name: 'Seats' });
    await stats.getByText('Purchased').waitFor();
    await expect(stats.locator('dl').innerText()).resolves.toMatch(/Purchased\s+3\s+Used\s+2\s+Free\s+1/);

    await page.getByLabel('Seats to buy').fill('4');
    await page.getByRole('button', { name: 'Buy 4 seats for $40.00 a month' }).click();
    await toast(page, 'Bought 4 seats. 5 seats are free now.');
    await expect(stats.locator('dl').innerText()).resolves.toMatch(/Purchased\s+7\s+Used\s+2\s+Free\s+5/);
    const invoices = page.getByRole('table', { name: 'Invoices' });
    await invoices.getByText('$60.00').waitFor();
    await screenshot(page, 'admin-seats');
    await expectAccessible(page, 'seats and invoices');

    const month = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    const popup = page.waitForEvent('popup');
    await page.getByRole('link', { name: `Print the invoice for ${month} (opens in a new tab)` }).click();
    const printable = await popup;
    await printable.waitForLoadState();
    await printable.getByRole('heading', { name: 'Invoice' }).waitFor();
    const text = await printable.locator('main').innerText();
    expect(text).toContain('Harbor Clinic');
    expect(text).toContain('Uma Manager');
    expect(text).toMatch(/Total for .*\$60\.00/);
    await screenshot(printable, 'admin-invoice');
    await expectAccessible(printable, 'the printable invoice');
    await printable.emulateMedia({ media: 'print' });
    await screenshot(printable, 'admin-invoice-print');
    expect(await printable.getByText("use your browser's Print command").isVisible()).toBe(false);
    await printable.close();

    await page.getByRole('button', { name: `Email to me the invoice for ${month}` }).click();
    await toast(page, `Invoice for ${month} sent to ${manager.email}.`);
    const [mail] = await t.mailTo(manager.email);
    expect(mail!.subject).toContain('Sealpost invoice');
    expect(mail!.text).toContain('Total: $60.00');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
