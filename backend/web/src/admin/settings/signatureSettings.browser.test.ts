/**
 * The admin page's signature settings in Chromium against the real backend: the reminder frequency (bounded, 0 for
 * none) and the consent wording (own words, then the default again) reach the server; a user manager only sees them.
 */
import { signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { signInTo, toast } from '../../../../src/testing/adminPages';
import { buySeats } from '../../../../src/testing/seats';

describeBrowser('admin page: signature settings', ({ newPage }) => {
  let t: TestServer;
  let admin: SignedUp;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  const settings = async () => (await t.api('GET', '/api/v1/organization/settings', { token: admin.accessToken })).body;

  test('when an admin changes the reminder frequency and the consent wording, then the server has them, and the default comes back', async () => {
    const page = await newPage();
    await signInTo(page, t, admin.email, admin.password, '/admin#settings');
    const card = page.getByRole('region', { name: 'Signature requests' });
    const days = card.getByLabel('Remind signers every (days)');
    await expect(days.inputValue()).resolves.toBe('2');

    await days.fill('45');
    await card.getByText('Enter a whole number of days from 0 to 30.').waitFor();
    await expect(card.getByRole('button', { name: 'Save reminders' }).isDisabled()).resolves.toBe(true);
    await days.fill('0');
    await card.getByRole('button', { name: 'Save reminders' }).click();
    await toast(page, 'Signature reminders are off.');
    expect((await settings()).signatureReminderDays).toBe(0);
    await days.fill('5');
    await card.getByRole('button', { name: 'Save reminders' }).click();
    await toast(page, 'Reminder frequency saved.');

    const consent = card.getByLabel('What signers agree to before signing electronically');
    const defaultWording = await consent.inputValue();
    expect(defaultWording).toMatch(/^I agree to use electronic records and signatures/);
    await consent.fill('');
    await card.getByText('Write the consent, or use the default wording.').waitFor();
    const words = 'I agree to sign Harbor Clinic’s forms electronically. I can ask for paper copies at the front desk.';
    await consent.fill(words);
    await card.getByRole('button', { name: 'Save wording' }).click();
    await toast(page, 'Consent wording saved.');
    await page.setViewportSize({ width: 1280, height: 800 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-settings-signatures');
    await expectAccessible(page, 'the signature settings');
    expect(await settings()).toMatchObject({ signatureReminderDays: 5, signatureConsentText: words });

    await page.setViewportSize({ width: 390, height: 844 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-settings-signatures-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    await card.getByRole('button', { name: 'Use the default wording' }).click();
    await toast(page, 'Consent wording is back to the default.');
    await expect(consent.inputValue()).resolves.toBe(defaultWording);
    expect((await settings()).signatureConsentText).toBe(defaultWording);

    await page.reload();
    await expect(page.getByRole('region', { name: 'Signature requests' }).getByLabel('Remind signers every (days)').inputValue()).resolves.toBe('5');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when a user manager opens the settings, then the signature settings are shown but cannot be changed', async () => {
    await buySeats(t, admin.accessToken, 1);
    const manager = await inviteAndRegister(t, admin, { type: 'pro', name: 'Uma Manager' });
    await t.api('PATCH', `/api/v1/members/${manager.accountId}`, { token: admin.accessToken, body: { roles: { userManager: true } } });
    const page = await newPage();
    await signInTo(page, t, manager.email, manager.password, '/admin#settings');
    const card = page.getByRole('region', { name: 'Signature requests' });
    await expect(card.getByLabel('Remind signers every (days)').isDisabled()).resolves.toBe(true);
    await expect(card.getByLabel('What signers agree to before signing electronically').isDisabled()).resolves.toBe(true);
    await expect(card.getByRole('button', { name: 'Use the default wording' }).isDisabled()).resolves.toBe(true);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
