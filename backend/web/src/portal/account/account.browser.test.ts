/**
 * The portal's account page in Chromium: reached from the account menu, it lists where the person is signed in
 * (this browser marked) and signs another session out; the password form refuses a wrong current password in place,
 * then changes it, after which the other browser is signed out. Desktop and phone widths, axe-checked.
 */
import type { Page } from 'playwright-core';
import { login } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { castOrganization, inviteAndRegister } from '../../../../src/testing/members';
import { codeAt, freshStep } from '../../../../src/routes/twoStep/testSupport';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';

async function signIn(page: Page, t: TestServer, email: string, password: string) {
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${t.url}/portal`);
}

const toast = (page: Page, text: string) => page.getByRole('status', { name: 'Notifications' }).getByText(text, { exact: false }).first().waitFor();
const sessionItems = (page: Page) => page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem');
const sessionCount = (page: Page, n: number) =>
  page.waitForFunction((count) => document.querySelectorAll('ul[aria-label="Your sessions"] > li').length === count, n);

describeBrowser('account page', ({ newPage }) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when a client opens their account page, then they see their sessions, sign one out and change their password, which signs out their other browser', async () => {
    const cast = await castOrganization(t, 'Harbor Clinic');
    const client = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Robin Client', password: 'the first passphrase' });
    await login(t, client.email, 'the first passphrase');
    const other = await newPage();
    await signIn(other, t, client.email, 'the first passphrase');
    const page = await newPage();
    await signIn(page, t, client.email, 'the first passphrase');

    await page.locator('button[title="Your account"]').click();
    await page.getByRole('menuitem', { name: 'Your account' }).click();
    await page.waitForURL(`${t.url}/portal/account`);
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await page.getByText('Guest · Harbor Clinic').waitFor();
    // registration, the API sign-in, the other browser and this one
    await sessionCount(page, 4);
    await expect(sessionItems(page).filter({ hasText: 'This browser' }).count()).resolves.toBe(1);
    await page.reload();
    await page.getByRole('list', { name: 'Your sessions' }).waitFor();
    await screenshot(page, 'portal-account');
    await expectAccessible(page, 'the account page');

    // The API sign-ins name no browser (their user agent is node): sign one out.
    await page.getByRole('button', { name: /^Sign out node/ }).first().click();
    await toast(page, 'Signed out node.');
    await sessionCount(page, 3);

    await page.getByLabel('Current password').fill('not my passphrase');
    await page.getByLabel(/^New password\s*\*?$/).fill('a second sturdy passphrase');
    await page.getByLabel('New password again').fill('a second sturdy passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your current password is not right.').waitFor();
    await screenshot(page, 'portal-account-wrong-password');

    await page.getByLabel('Current password').fill('the first passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await toast(page, 'Password changed. 2 other sessions were signed out.');
    await sessionCount(page, 1);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'portal-account-phone');

    // The other browser's session is gone: its next request says why, and leads to the sign-in page.
    await other.reload();
    await other.getByRole('heading', { name: 'You were signed out' }).waitFor();
    await other.getByText('Your password was changed, so you were signed out here.').waitFor();
    await other.getByRole('link', { name: 'Sign in again' }).click();
    await other.waitForURL(/\/login/);
    const mail = (await t.mailTo(client.email)).find((m) => m.subject === 'Your Sealpost password was changed');
    expect(mail).toBeDefined();
    expect(pageProblems(page)).toEqual([]);
    await page.close();
    await other.close();
  }, 90_000);
});

describeBrowser('account page: 2-step verification', ({ newPage }) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when a client sets up 2-step from their account page, then the registration screens guide them and the recovery codes are shown once', async () => {
    const cast = await castOrganization(t, 'Harbor Clinic');
    const client = await inviteAndRegister(t, cast.admin, { type: 'guest', name: 'Robin Client', password: 'the first passphrase' });
    const page = await newPage();
    await signIn(page, t, client.email, 'the first passphrase');
    await page.goto(`${t.url}/portal/account`);
    await page.getByRole('button', { name: 'Set up 2-step verification' }).click();
    const key = (await page.getByTestId('manual-key').innerText()).replace(/\s/g, '');
    await page.getByLabel(/6-digit code from the app/).fill(await codeAt(key, (await freshStep()) - 1));
    await screenshot(page, 'portal-account-two-step');
    await page.getByRole('button', { name: 'Turn on 2-step verification' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'portal-account-recovery-codes-phone');
    await page.getByRole('button', { name: 'I saved them, continue' }).click();
    await page.getByText('2-step verification is on. You will be asked').waitFor();
    // The next sign-in asks for a code.
    expect((await login(t, client.email, 'the first passphrase')).body.twoStep).toBe('verify');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  }, 90_000);
});
