/**
 * The add-in as each Outlook client runs it (host simulator profiles in hostSimulator/clients.ts), end to end in
 * Chromium against the real backend: the organization requires secure external mail and the pane was never opened.
 * The first Send asks to sign in once; after that, messages with the pane closed are stored securely by the
 * handler's own device session. A reply quoting an earlier notice is stored like any other content, a distribution
 * list stops the send, and a shared mailbox that is not the signed-in person stops it with a sentence.
 */
import type { Frame, Page } from 'playwright-core';
import { describeBrowser, pageProblems, screenshot } from '../../src/testing/browser';
import { castOrganization, type Cast } from '../../src/testing/members';
import { startTestServer, type TestServer } from '../../src/testing/testServer';
import { SIGN_IN_ALERT } from '../../../addin/src/events/testing/alertText';
import { deviceKeys } from '../../../addin/src/events/handlerSession';
import { noticeHtml } from '../../../addin/src/events/notice';
import { ensureAddinBuild } from '../../../addin/test/hostSimulator/addinBuild';
import type { ClientName } from '../../../addin/test/hostSimulator/clients';
import { OutlookHost } from '../../../addin/test/hostSimulator/outlookHost';
import { until } from '../../../addin/test/hostSimulator/until';

jest.setTimeout(180_000);

describeBrowser('the add-in in each Outlook client (host simulator)', (suite) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    await ensureAddinBuild();
    t = await startTestServer();
    cast = await castOrganization(t, 'Harbor Clinic');
    const set = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { secureSendPolicy: 'external_always' } });
    if (set.status !== 200) throw new Error(`the policy change answered ${set.status}`);
  }, 180_000);
  afterAll(() => t?.stop());

  async function send(host: OutlookHost, page: Page): Promise<'sent' | 'blocked'> {
    // The person reads the last alert and chooses "Don't send" before trying again.
    if (host.alert) await page.click('#alert-dismiss');
    const outcome = host.nextSendOutcome();
    await page.click('#send');
    return outcome;
  }

  async function signInFromAlert(host: OutlookHost, page: Page): Promise<Frame> {
    await page.click('#alert-command');
    const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
    await pane.getByRole('button', { name: 'Sign in' }).click();
    const dialog: Page = await until('the sign-in dialog', () => host.dialog?.page);
    await dialog.getByLabel('Email').fill(cast.pro.email);
    await dialog.locator('input[name="password"]').fill(cast.pro.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await pane.getByRole('switch', { name: 'Send securely' }).waitFor();
    return pane;
  }

  const guest = () => ({ displayName: 'Gus Guest', emailAddress: cast.guest.email, recipientType: 'externalUser' as const });

  // Outlook on Mac (Mailbox 1.13) runs the same check with no alert button: clientFacts.browser.test.ts.
  test.each(['web', 'classicWindows'] as ClientName[])(
    'when %s sends under the secure-external policy with the pane closed, then it asks to sign in once and never lets content out in clear',
    async (client) => {
      const page = await suite.newPage();
      const host = await OutlookHost.open(page, t.url, { client, userEmail: cast.pro.email });

      // A reply: new confidential text above a quoted earlier notice. Nothing was ever set on the item.
      host.item.subject = `Re: results (${client})`;
      host.item.bodyHtml = `<p>Gus, your new result: HbA1c 9.1% (${client}).</p><blockquote>${noticeHtml(`${t.url}/portal/messages/earlier`)}</blockquote>`;
      host.item.addAttachment('labs.pdf', Buffer.from('%PDF-1.4 labs'));
      await host.setRecipients('to', [guest()]);

      expect(await send(host, page)).toBe('blocked');
      expect(host.alert).toMatchObject({ errorMessage: SIGN_IN_ALERT.firstSignIn, cancelLabel: 'Sign in' });
      expect(host.item.bodyHtml).toContain('HbA1c');

      await signInFromAlert(host, page);
      await page.click('#close-pane');
      expect(await send(host, page)).toBe('sent');
      expect(host.item.bodyHtml).toContain('data-sealpost-notice');
      expect(host.item.bodyHtml).not.toContain('HbA1c');
      expect(host.item.bodyHtml).not.toContain('/portal/messages/earlier');
      expect(host.item.attachments).toEqual([]);
      const messageId = /\/portal\/messages\/([0-9a-f-]{36})/.exec(host.item.bodyHtml)![1]!;
      const read = await t.api('GET', `/api/v1/messages/${messageId}`, { token: cast.guest.accessToken });
      expect(read.body.html).toContain(`HbA1c 9.1% (${client})`);
      expect(read.body.files).toHaveLength(1);
      expect(host.device.has(deviceKeys(cast.pro.email).session)).toBe(true);

      // A new message, pane never opened on it: a distribution list stops the send.
      await host.newMessage();
      host.item.bodyHtml = '<p>Clinic news</p>';
      await host.setRecipients('to', [guest(), { displayName: 'All Patients', emailAddress: 'patients@harbor-lists.example', recipientType: 'distributionList' }]);
      expect(await send(host, page)).toBe('blocked');
      expect(host.alert!.errorMessage).toContain('All Patients (patients@harbor-lists.example) is a list');
      expect(host.alert).toMatchObject({ cancelLabel: 'Review' });
      await screenshot(page, `addin-${client}-list-stopped`);

      // Written in a shared mailbox of someone else: stopped with a sentence.
      await host.setRecipients('to', [guest()]);
      host.item.sharedOwner = 'front.desk@harbor-shared.example';
      expect(await send(host, page)).toBe('blocked');
      expect(host.alert!.errorMessage).toContain('This message goes from front.desk@harbor-shared.example');

      // Back in the own mailbox: stored securely with the handler's own session, no pane, no sign-in.
      host.item.sharedOwner = null;
      expect(await send(host, page)).toBe('sent');
      expect(host.item.bodyHtml).toContain('data-sealpost-notice');
      expect(host.item.bodyHtml).not.toContain('Clinic news');

      // The alert's Review button opens the pane on the list's row, which says what to do.
      await host.newMessage();
      // A list some clients type "other" (office-js#3249, #5035, #1909) is new to Sealpost: its row warns before any invite.
      await host.setRecipients('to', [
        guest(),
        { displayName: 'Family', emailAddress: '', recipientType: 'distributionList' },
        { displayName: 'Clinic Everyone', emailAddress: 'everyone@harbor-lists.example', recipientType: 'other' },
      ]);
      expect(await send(host, page)).toBe('blocked');
      await page.click('#alert-command');
      const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
      const review = pane.getByTestId('review-panel');
      await review.locator('li', { hasText: 'Family' }).getByText('Sealpost never invites a list').waitFor();
      await review.locator('li', { hasText: 'Clinic Everyone' }).getByText('one person or a list', { exact: false }).waitFor();
      await screenshot(page, `addin-${client}-list-review`);

      expect(host.violations).toEqual([]);
      expect(pageProblems(page)).toEqual([]);
    },
  );
});
