/**
 * A long conversation in the portal, in Chromium: the server answers its latest messages, "Show earlier messages"
 * brings the rest, and a link to an old message pages back to it by itself.
 */
import type { Page } from 'playwright-core';
import { signUpOrganization } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister, sendAs } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';

async function signIn(page: Page, t: TestServer, email: string, password: string) {
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${t.url}/portal`);
}

describeBrowser('portal conversation pages', ({ newPage }) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when a conversation is longer than a page, then the latest show, earlier ones load on demand, and a link to an old one pages back to it', async () => {
    const pro = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    const guest = await inviteAndRegister(t, pro, { type: 'guest', name: 'Robin Client' });
    const first = await sendAs(t, pro.accessToken, { subject: 'Care plan', html: '<p>Message number 1</p>', to: [{ email: guest.email }] });
    const ids = [first.id];
    for (let n = 2; n <= 25; n += 1) {
      ids.push((await sendAs(t, pro.accessToken, { inReplyTo: first.id, html: `<p>Message number ${n}</p>`, to: [{ email: guest.email }] })).id);
    }
    const page = await newPage();
    await signIn(page, t, guest.email, guest.password);
    const cards = page.getByRole('list', { name: 'Messages in this conversation' }).getByRole('article');

    await page.goto(`${t.url}/portal/messages/${ids[24]}`);
    await page.getByText('Latest 20 messages').waitFor();
    await expect(cards.count()).resolves.toBe(20);
    await screenshot(page, 'portal-thread-latest');
    await expectAccessible(page, 'a conversation with earlier messages');
    await page.getByRole('button', { name: 'Show earlier messages' }).click();
    await page.getByText('25 messages', { exact: false }).waitFor();
    await expect(cards.count()).resolves.toBe(25);
    await expect(page.getByRole('button', { name: 'Show earlier messages' }).count()).resolves.toBe(0);

    // a link to the first message: the portal pages back until it has it, and opens it
    await page.goto(`${t.url}/portal/messages/${ids[0]}`);
    await page.getByText('25 messages', { exact: false }).waitFor();
    await expect(cards.first().locator('iframe').getAttribute('srcdoc')).resolves.toContain('Message number 1');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
