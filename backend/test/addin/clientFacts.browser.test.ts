/**
 * The built add-in against what particular Outlook clients do (hostSimulator/clients.ts, each with its source), end to
 * end in Chromium with the real backend: a reply whose original Outlook on the web keeps collapsed and appends after
 * the send handler (office-js#1779), inline images listed only once the draft is saved (#4995), a plain-text body,
 * and Outlook on Mac, whose Mailbox 1.13 runs Smart Alerts but has no alert button (commandId is Mailbox 1.14).
 */
import type { Page } from 'playwright-core';
import { describeBrowser, pageProblems } from '../../src/testing/browser';
import { castOrganization, uniqueEmail, type Cast } from '../../src/testing/members';
import { startTestServer, type TestServer } from '../../src/testing/testServer';
import { MESSAGES, NEXT_STEPS } from '../../../addin/src/events/blockMessages';
import { SIGN_IN_ALERT, SIGN_IN_ALERT_FROM_RIBBON } from '../../../addin/src/events/testing/alertText';
import { ensureAddinBuild } from '../../../addin/test/hostSimulator/addinBuild';
import type { ClientName } from '../../../addin/test/hostSimulator/clients';
import { OutlookHost } from '../../../addin/test/hostSimulator/outlookHost';
import { until } from '../../../addin/test/hostSimulator/until';

jest.setTimeout(180_000);

describeBrowser('the add-in and each client\'s own behaviour (host simulator)', (suite) => {
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

  const guest = () => ({ displayName: 'Gus Guest', emailAddress: cast.guest.email, recipientType: 'externalUser' as const });

  async function send(host: OutlookHost, page: Page): Promise<'sent' | 'blocked'> {
    if (host.alert) await page.click('#alert-dismiss');
    const outcome = host.nextSendOutcome();
    await page.click('#send');
    return outcome;
  }

  /** A compose window of `client` whose first message asked to sign in and then went securely; a new message open. */
  async function signedIn(client: ClientName): Promise<{ host: OutlookHost; page: Page }> {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, { client, userEmail: cast.pro.email });
    await host.setRecipients('to', [guest()]);
    host.item.bodyHtml = '<p>first</p>';
    expect(await send(host, page)).toBe('blocked');
    await page.click('#alert-command');
    const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
    await pane.getByRole('button', { name: 'Sign in' }).click();
    const dialog: Page = await until('the sign-in dialog', () => host.dialog?.page);
    await dialog.getByLabel('Email').fill(cast.pro.email);
    await dialog.locator('input[name="password"]').fill(cast.pro.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await pane.getByRole('switch', { name: 'Send securely' }).waitFor();
    await page.click('#close-pane');
    // This send starts the handler's own device session from the pane's credential; later messages need no pane.
    expect(await send(host, page)).toBe('sent');
    await host.newMessage();
    await host.setRecipients('to', [guest()]);
    return { host, page };
  }

  const stored = async (body: string) => {
    const messageId = /\/portal\/messages\/([0-9a-f-]{36})/.exec(body)![1]!;
    return (await t.api('GET', `/api/v1/messages/${messageId}`, { token: cast.guest.accessToken })).body as { html: string; files: unknown[] };
  };

  test('when a web reply keeps its original collapsed, then Send asks to expand it; expanded, the secure copy holds it and only the notice leaves', async () => {
    const { host, page } = await signedIn('web');
    host.item.subject = 'Re: results';
    host.item.bodyHtml = '<p>Gus, your new result: HbA1c 9.1%.</p>';
    host.item.hiddenQuote = '<div id="divRplyFwdMsg"><p>From: Gus. Earlier: my diagnosis is attached.</p></div>';

    const sentBefore = host.sentBodies.length;
    expect(await send(host, page)).toBe('blocked');
    expect(host.alert).toMatchObject({ errorMessage: MESSAGES.collapsedQuote });
    expect(host.sentBodies).toHaveLength(sentBefore);

    host.item.expandQuote();
    expect(await send(host, page)).toBe('sent');
    const left = host.sentBodies.at(-1)!;
    expect(left).toContain('data-sealpost-notice');
    expect(left).not.toContain('diagnosis');
    expect(left).not.toContain('HbA1c');
    const copy = await stored(left);
    expect(copy.html).toContain('HbA1c 9.1%');
    expect(copy.html).toContain('my diagnosis is attached');
    expect(host.violations).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });

  test('when the web lists a pasted picture only after a save, then the draft is saved and the picture is stored, not left behind', async () => {
    const { host, page } = await signedIn('web');
    host.item.bodyHtml = '<p>The scan:</p>';
    host.item.addInlineImage('scan.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'scan001@harbor');
    expect(await host.item.answer('attachments.list', {})).toEqual([]);

    expect(await send(host, page)).toBe('sent');
    expect(host.item.attachments).toEqual([]);
    const copy = await stored(host.sentBodies.at(-1)!);
    expect(copy.files).toHaveLength(1);
    expect(host.violations).toEqual([]);
  });

  test('when classic Windows writes in plain text, then the notice goes in as text and the secure copy keeps the text', async () => {
    const { host, page } = await signedIn('classicWindows');
    host.item.bodyType = 'text';
    host.item.bodyHtml = 'Gus,\nyour ratio is 5 > 3.';
    expect(await send(host, page)).toBe('sent');
    const left = host.sentBodies.at(-1)!;
    expect(left).toContain('Read the secure message: http');
    expect(left).not.toContain('ratio');
    expect((await stored(left)).html).toContain('your ratio is 5 &gt; 3.');
    expect(host.violations).toEqual([]);
  });

  test('when Outlook on Mac (Mailbox 1.13) sends securely to someone new, then the send stops with the ribbon sentence and no button; confirmed, it is stored and only the notice leaves', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, { client: 'mac', userEmail: cast.pro.email });
    expect(host.smartAlertsLoaded).toBe(true);
    const newcomer = uniqueEmail('mona', 'faraway.example');
    host.item.bodyHtml = '<p>Mona, your result: HbA1c 9.1%.</p>';
    await host.setRecipients('to', [{ displayName: 'Mona Mac', emailAddress: newcomer, recipientType: 'externalUser' }]);

    expect(await send(host, page)).toBe('blocked');
    expect(host.alert).toEqual({ allowEvent: false, errorMessage: SIGN_IN_ALERT_FROM_RIBBON.firstSignIn });
    expect(await page.locator('#alert-command').isHidden()).toBe(true);
    await page.click('#alert-dismiss');

    // As the sentence says: the ribbon's "Send securely" opens Sealpost, where the sender signs in.
    await page.click('#addin-button');
    const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
    await pane.getByRole('button', { name: 'Sign in' }).click();
    const dialog: Page = await until('the sign-in dialog', () => host.dialog?.page);
    await dialog.getByLabel('Email').fill(cast.pro.email);
    await dialog.locator('input[name="password"]').fill(cast.pro.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await pane.getByRole('switch', { name: 'Send securely' }).waitFor();

    expect(await send(host, page)).toBe('blocked');
    expect(Object.keys(host.alert!).sort()).toEqual(['allowEvent', 'errorMessage']);
    expect(host.alert!.errorMessage).toContain(newcomer);
    expect(host.alert!.errorMessage?.endsWith(NEXT_STEPS.review.fromRibbon)).toBe(true);
    expect(host.alert!.errorMessage).not.toContain('Choose Review');
    expect(await page.locator('#alert-command').isHidden()).toBe(true);
    expect(host.sentBodies).toEqual([]);
    await page.click('#alert-dismiss');

    await pane.getByRole('button', { name: 'Review' }).click();
    const review = pane.getByTestId('review-panel');
    await review.getByRole('button', { name: `Invite ${newcomer}` }).click();
    await review.getByText('When you are done, press Send in Outlook again.').waitFor();
    await review.getByRole('button', { name: 'Done' }).click();

    expect(await send(host, page)).toBe('sent');
    const left = host.sentBodies.at(-1)!;
    expect(left).toContain('data-sealpost-notice');
    expect(left).not.toContain('HbA1c');
    const messageId = /\/portal\/messages\/([0-9a-f-]{36})/.exec(left)![1]!;
    const sent = await t.api('GET', '/api/v1/messages?box=sent', { token: cast.pro.accessToken });
    expect((sent.body.messages as { id: string }[]).map((m) => m.id)).toContain(messageId);
    expect(host.violations).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });
});

describeBrowser('a draft closed and reopened (host simulator)', (suite) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    await ensureAddinBuild();
    t = await startTestServer();
    // The organization lets senders choose: only the switch makes a message secure.
    cast = await castOrganization(t, 'Dune Accountants');
  }, 180_000);
  afterAll(() => t?.stop());

  test('when the sender turned secure sending on and the draft is reopened (sessionData gone), then Send does not let it out in clear', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, { client: 'web', userEmail: cast.pro.email });
    host.item.bodyHtml = '<p>Gus, your tax figures: 81,200.</p>';
    await host.setRecipients('to', [{ displayName: 'Gus Guest', emailAddress: cast.guest.email, recipientType: 'externalUser' }]);
    await page.click('#addin-button');
    const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
    await pane.getByRole('button', { name: 'Sign in' }).click();
    const dialog: Page = await until('the sign-in dialog', () => host.dialog?.page);
    await dialog.getByLabel('Email').fill(cast.pro.email);
    await dialog.locator('input[name="password"]').fill(cast.pro.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    const toggle = pane.getByRole('switch', { name: 'Send securely' });
    await toggle.click();
    await until('the switch kept on the draft', () => host.item.customProperties.get('sealpost.secure') === 'on');
    await page.click('#close-pane');

    await host.reopenDraft();
    expect(host.item.sessionData.size).toBe(0);
    const outcome = host.nextSendOutcome();
    await page.click('#send');
    expect(await outcome).toBe('blocked');
    expect(host.alert).toMatchObject({ errorMessage: SIGN_IN_ALERT.signIn, cancelLabel: 'Sign in' });
    expect(host.sentBodies).toEqual([]);
    expect(host.item.bodyHtml).toContain('81,200');
    expect(host.violations).toEqual([]);
  });
});
