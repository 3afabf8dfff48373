/**
 * Removal and its hand-over in Chromium against the real backend: the admin's removal dialog asks who takes over
 * a pro's conversations (starting on the admin), the client's reply then reaches the pro chosen, and the removed
 * pro's open portal says their access was revoked instead of dropping them on the sign-in page. A member signed
 * out by a manager is told so. Screenshots at 1280x800 and 390x844, checked with axe.
 */
import type { Page } from 'playwright-core';
import { signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { rowAction, signInTo, toast } from '../../../../src/testing/adminPages';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister, invitationToken, sendAs, type Member } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { buySeats } from '../../../../src/testing/seats';

/** Dialogs fade in: axe measures contrast only once every animation has finished. */
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

async function bothSizes(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await settled(page);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describeBrowser('removal hand-over and ended access', ({ newPage }) => {
  let t: TestServer;
  let admin: SignedUp;
  let leaving: Member;
  let taker: Member;
  let client: Member;
  let first: { id: string; threadId: string };
  beforeAll(async () => {
    t = await startTestServer();
    admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    await buySeats(t, admin.accessToken, 3);
    leaving = await inviteAndRegister(t, admin, { type: 'pro', name: 'Pat Okafor' });
    taker = await inviteAndRegister(t, admin, { type: 'pro', name: 'Nora Lind' });
    client = await inviteAndRegister(t, admin, { type: 'guest', name: 'Gil Brown' });
    first = await sendAs(t, leaving.accessToken, { subject: 'Your lab results', to: [{ email: client.email }] });
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  test('when an admin removes a pro, then the dialog asks who takes over, replies reach that pro, and the removed pro\'s open portal says access was revoked', async () => {
    const pro = await newPage();
    await signInTo(pro, t, leaving.email, leaving.password, '/portal');
    await pro.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();

    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInTo(page, t, admin.email, admin.password);
    await rowAction(page, 'Pat Okafor', 'Remove from organization');
    const dialog = page.getByRole('alertdialog', { name: 'Remove Pat Okafor?' });
    const chooser = dialog.getByRole('combobox', { name: 'Hand conversations to' });
    // starts on the person removing, as the server does when nobody is named
    await expect(chooser.innerText()).resolves.toContain('Dana Reyes (you)');
    await bothSizes(page, 'admin-remove-hand-over');
    await expectAccessible(page, 'the removal dialog with its hand-over chooser');

    await chooser.click();
    const options = await page.getByRole('option').allInnerTexts();
    // the pro being removed and the guest are not offered
    expect(options.map((o) => o.split(' · ')[0])).toEqual(expect.arrayContaining(['Dana Reyes (you)', 'Nora Lind']));
    expect(options.some((o) => o.startsWith('Pat Okafor') || o.startsWith('Gil Brown'))).toBe(false);
    await page.getByRole('option', { name: /^Nora Lind/ }).click();
    await expect(chooser.innerText()).resolves.toContain('Nora Lind');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await toast(page, 'Pat Okafor was removed.');

    // the client answers in the old thread: it reaches the pro chosen
    const reply = await sendAs(t, client.accessToken, { subject: 'Re: Your lab results', inReplyTo: first.id, to: [{ email: leaving.email }] });
    expect(reply.threadId).toBe(first.threadId);
    const inbox = await t.api('GET', '/api/v1/messages', { token: taker.accessToken });
    expect(inbox.body.messages.map((m: { id: string }) => m.id)).toContain(reply.id);

    // the removed pro, still on their portal, moves on: the portal says why it stopped
    await pro.getByRole('link', { name: 'Sent', exact: true }).click();
    await pro.getByRole('heading', { name: 'Your access to Harbor Clinic has been revoked.', level: 1 }).waitFor();
    await pro.getByText('An administrator of Harbor Clinic removed you').waitFor();
    expect(pro.url()).toContain('/portal');
    await bothSizes(pro, 'portal-access-revoked');
    await expectAccessible(pro, 'the access revoked page');
    await expect(pro.getByRole('link', { name: 'Sign in to another organization' }).getAttribute('href')).resolves.toBe('/login');
    // a full reload says the same
    await pro.reload();
    await pro.getByRole('heading', { name: 'Your access to Harbor Clinic has been revoked.' }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    expect(pageProblems(pro)).toEqual([]);
    await page.close();
    await pro.close();
  });

  test('when a manager signs a member out everywhere, then their open portal says who signed them out and offers to sign in again', async () => {
    const page = await newPage();
    await signInTo(page, t, client.email, client.password, '/portal');
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await t.api('POST', `/api/v1/members/${client.accountId}/sign-out`, { token: admin.accessToken });
    await page.getByRole('link', { name: 'Sent', exact: true }).click();
    await page.getByRole('heading', { name: 'You were signed out', level: 1 }).waitFor();
    await page.getByText('Harbor Clinic signed you out on all your devices.').waitFor();
    await bothSizes(page, 'portal-signed-out-by-manager');
    await expectAccessible(page, 'the signed-out page');
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.waitForURL(/\/login\?next=/);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when a member is removed while writing, then the draft saved as they typed waits for them in their other organization', async () => {
    // a client of another practice first, then of Harbor Clinic, where they sign in last
    const elsewhere = await signUpOrganization(t, { organizationName: 'Second Practice' });
    const writer = await inviteAndRegister(t, elsewhere, { type: 'guest', name: 'Wren Writer' });
    await t.api('POST', '/api/v1/invitations', { token: admin.accessToken, body: { email: writer.email, type: 'guest' } });
    const joined = await t.api('POST', '/api/v1/registration', { body: { token: await invitationToken(t, writer.email), password: writer.password } });
    const harborId = (await t.api('GET', '/api/v1/me', { token: joined.body.accessToken })).body.account.id as string;

    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInTo(page, t, writer.email, writer.password, '/portal/compose');
    await page.getByRole('heading', { name: 'New message', level: 1 }).waitFor();
    await expect(page.evaluate(() => document.title)).resolves.toBe('New message · Sealpost');
    // the session may have landed in either organization: make sure this one is Harbor Clinic
    if (!(await page.getByText('guest of Harbor Clinic').count())) throw new Error('expected to write in Harbor Clinic');
    await page.getByLabel('Subject').fill('Question about my bill');
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello, I was charged twice\nfor the March visit.');
    await page.getByText(/^Draft saved/).waitFor();
    await screenshot(page, 'portal-compose-draft-saved');

    expect((await t.api('DELETE', `/api/v1/members/${harborId}`, { token: admin.accessToken })).status).toBe(204);
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello, I was charged twice\nfor the March visit. Could you');
    await page.getByRole('heading', { name: 'Your access to Harbor Clinic has been revoked.' }).waitFor();
    await page.getByText('what you were writing is kept under New message').waitFor();

    await page.getByRole('link', { name: 'Sign in to another organization' }).click();
    await page.getByLabel('Email').fill(writer.email);
    await page.getByLabel('Password').fill(writer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${t.url}/portal/compose`);
    const drafts = page.getByRole('region', { name: 'Drafts' });
    await drafts.getByText('Question about my bill').waitFor();
    await drafts.getByText('written in Harbor Clinic, which you can no longer reach').waitFor();
    await drafts.getByRole('button', { name: 'Show text' }).click();
    await expect(drafts.getByRole('textbox').inputValue()).resolves.toBe('Hello, I was charged twice\nfor the March visit.');
    await bothSizes(page, 'portal-drafts-kept');
    await expectAccessible(page, 'the drafts kept from another organization');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });
});
