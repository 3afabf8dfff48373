/**
 * The registration page in Chromium, from the invitation email to the portal home: a new guest, an organization
 * that requires 2-step verification, someone who already has an account, and links that no longer work.
 * Every state is screenshotted (.test-artifacts/screenshots/) and checked with axe.
 */
import fs from 'node:fs';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { signUpOrganization, type SignedUp } from '../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../src/testing/browser';
import { uniqueEmail } from '../../../src/testing/members';
import { linkIn, startTestServer, tokenOf, type TestServer } from '../../../src/testing/testServer';

/** Invites a guest through the API and returns the /register link from the email they receive. */
async function inviteGuest(t: TestServer, admin: SignedUp, email: string, name?: string): Promise<string> {
  const invited = await t.api('POST', '/api/v1/invitations', { token: admin.accessToken, body: { email, ...(name ? { name } : {}), type: 'guest' } });
  if (invited.status !== 201) throw new Error(`invite answered ${invited.status}: ${JSON.stringify(invited.body)}`);
  const [mail] = await t.mailTo(email);
  if (!mail) throw new Error(`no invitation email for ${email}`);
  return linkIn(mail, '/register');
}

/** Waits for the portal home the server renders at / after sign-in. */
async function expectPortalHome(page: Page, t: TestServer, organizationName: string) {
  await page.waitForURL(`${t.url}/portal`);
  await page.getByRole('banner').getByText(organizationName).waitFor();
}

describeBrowser('registration page', ({ newPage }) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when a guest opens the invitation link and registers, then they land signed in at the portal home', async () => {
    const admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    const email = uniqueEmail('robin');
    const link = await inviteGuest(t, admin, email, 'Robin Client');
    const page = await newPage();

    const response = await page.goto(link);
    expect(response?.headers()['content-security-policy']).toMatch(/style-src 'self' 'nonce-[^']+'/);
    await page.getByRole('heading', { name: 'Create your Sealpost account' }).waitFor();
    // Fluent's run-time styles got past the CSP: the primary button has the Sealpost teal.
    const submitColor = await page.getByRole('button', { name: 'Create account' }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(submitColor).toBe('rgb(11, 110, 105)');
    const intro = await page.locator('main').innerText();
    expect(intro).toContain('Dana Reyes invited you');
    expect(intro).toContain('Harbor Clinic');
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(email);
    await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Robin Client');
    await screenshot(page, 'register-form');
    await expectAccessible(page, 'the registration form');
    // Invitations are often opened on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'register-form-phone');
    await page.setViewportSize({ width: 1100, height: 900 });

    // Too short a password is caught on the page, with the rule in words.
    await page.getByLabel('Choose a password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    await screenshot(page, 'register-form-invalid');
    await expectAccessible(page, 'the registration form with errors');

    // A password the server refuses shows the server's sentence under the field.
    await page.getByLabel('Choose a password').fill('password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('one of the most common ones').waitFor();

    await page.getByLabel('Choose a password').fill('a long and sturdy passphrase');
    await page.getByLabel('Mobile phone (optional)').fill('+1 555 010 0199');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectPortalHome(page, t, 'Harbor Clinic');
    await screenshot(page, 'register-done-portal-home');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when the organization requires 2-step verification, then the guest sets it up, saves recovery codes and lands signed in', async () => {
    const admin = await signUpOrganization(t, { organizationName: 'Lakeside Dental', name: 'Sam Ortiz' });
    await t.store.db.query('UPDATE organizations SET require_two_step = true WHERE id = $1', [admin.organizationId]);
    const email = uniqueEmail('casey');
    const link = await inviteGuest(t, admin, email);
    const page = await newPage();

    await page.goto(link);
    await page.getByText('asks everyone to use 2-step verification').waitFor();
    await page.getByLabel('Your name').fill('Casey Lin');
    await page.getByLabel('Choose a password').fill('tide pools at low noon');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Set up 2-step verification' }).waitFor();
    await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor();
    const secret = (await page.getByTestId('manual-key').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshot(page, 'two-step-enroll');
    await expectAccessible(page, 'the 2-step set-up');

    await page.getByLabel('6-digit code from the app').fill('12345');
    await page.getByRole('button', { name: 'Turn on 2-step verification' }).click();
    await page.getByText('Enter the 6 digits the app shows.').waitFor();
    await screenshot(page, 'two-step-enroll-invalid');

    await page.getByLabel('6-digit code from the app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on 2-step verification' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    const codes = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);
    await screenshot(page, 'two-step-recovery-codes');
    await expectAccessible(page, 'the recovery codes');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('sealpost-recovery-codes.txt');
    const saved = fs.readFileSync(await download.path(), 'utf8');
    for (const code of codes) expect(saved).toContain(code);

    await page.getByRole('button', { name: 'I saved them, continue' }).click();
    await expectPortalHome(page, t, 'Lakeside Dental');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when someone who already has an account is invited, then they confirm with their password and no name field', async () => {
    const first = await signUpOrganization(t, { organizationName: 'North Accounting' });
    const second = await signUpOrganization(t, { organizationName: 'Bayview Law', name: 'Lee Park' });
    const link = await inviteGuest(t, second, first.email);
    const page = await newPage();

    await page.goto(link);
    await page.getByText('You already have a Sealpost account; enter its password').waitFor();
    await expect(page.getByLabel('Your name').count()).resolves.toBe(0);
    await screenshot(page, 'register-existing-account');
    await expectAccessible(page, 'the form for an existing account');

    await page.getByLabel('Your Sealpost password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in and join' }).click();
    await page.getByText('That email and password do not match').waitFor();
    await screenshot(page, 'register-existing-account-wrong-password');

    await page.getByLabel('Your Sealpost password').fill(first.password);
    await page.getByRole('button', { name: 'Sign in and join' }).click();
    await expectPortalHome(page, t, 'Bayview Law');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when someone with 2-step verification is invited, then after the password a recovery code also lets them in', async () => {
    const first = await signUpOrganization(t, { organizationName: 'Pine Pharmacy' });
    await t.store.db.query('UPDATE organizations SET require_two_step = true WHERE id = $1', [first.organizationId]);
    const email = uniqueEmail('jo');
    const password = 'a secret garden gate';
    const started = await t.api('POST', '/api/v1/registration', {
      body: { token: tokenOf(await inviteGuest(t, first, email)), name: 'Jo Park', password, delivery: 'bearer' },
    });
    const { challengeToken } = started.body;
    const { secret } = (await t.api('POST', '/api/v1/auth/two-step/enroll', { body: { challengeToken } })).body;
    const activated = await t.api('POST', '/api/v1/auth/two-step/activate', {
      body: { challengeToken, code: await generate({ secret }), delivery: 'bearer' },
    });
    expect(activated.status).toBe(200);
    const second = await signUpOrganization(t, { organizationName: 'Elm Street Physio' });
    const page = await newPage();

    await page.goto(await inviteGuest(t, second, email));
    await page.getByLabel('Your Sealpost password').fill(password);
    await page.getByRole('button', { name: 'Sign in and join' }).click();
    await page.getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
    await page.getByLabel('6-digit code from the app').fill('000 000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('That code is not right').waitFor();
    await screenshot(page, 'two-step-verify-wrong-code');
    await expectAccessible(page, 'the 2-step check with a wrong code');

    await page.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(activated.body.recoveryCodes[0]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectPortalHome(page, t, 'Elm Street Physio');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when the link was already used, then a friendly page says so and to ask for a new one', async () => {
    const admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic' });
    const email = uniqueEmail('used');
    const link = await inviteGuest(t, admin, email, 'Uma Used');
    const registered = await t.api('POST', '/api/v1/registration', {
      body: { token: tokenOf(link), name: 'Uma Used', password: 'first come first served', delivery: 'bearer' },
    });
    expect(registered.status).toBe(200);
    const page = await newPage();

    await page.goto(link);
    await page.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/expired, was already used or was withdrawn/);
    expect(text).not.toMatch(/invitation_invalid|"code"|stack/);
    await screenshot(page, 'register-link-used');
    await expectAccessible(page, 'the page for a used link');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when the server cannot be reached, then the page says so and Try again loads the invitation', async () => {
    const admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    const link = await inviteGuest(t, admin, uniqueEmail('offline'), 'Otto Offline');
    const page = await newPage();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/registration/lookup', async (route) => {
      await held;
      await route.abort('internetdisconnected');
    });

    await page.goto(link);
    await page.getByText('Checking your invitation…').waitFor();
    await screenshot(page, 'register-loading');
    await expectAccessible(page, 'the loading state');
    release();
    await page.getByRole('heading', { name: 'We could not open your invitation' }).waitFor();
    await page.getByText('Check your internet connection').waitFor();
    await screenshot(page, 'register-unreachable');
    await expectAccessible(page, 'the unreachable state');

    await page.unroute('**/api/v1/registration/lookup');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Create your Sealpost account' }).waitFor();
    await page.close();
  });

  test('when the link is cut short or has no token, then the page says to open the whole link from the email', async () => {
    const page = await newPage();
    await page.goto(`${t.url}/register?token=abc`);
    await page.getByText('This link is incomplete').waitFor();
    await page.goto(`${t.url}/register`);
    await page.getByText('This link is incomplete').waitFor();
    await screenshot(page, 'register-link-incomplete');
    await expectAccessible(page, 'the page for an incomplete link');
    await page.close();
  });
});
