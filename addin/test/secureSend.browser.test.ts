/**
 * Secure send end to end in Chromium: the real built task pane and launchevent.js inside the Outlook host
 * simulator, against the real backend (database, encryption, SMTP catcher). A pro composes to a known pro, a new
 * external address and a new same-domain address; Send stops naming the new ones; the alert's button opens the
 * review; after confirming, Send stores the message encrypted, invites the newcomers, replaces the body and drops
 * the attachment; a newcomer registers from the emailed link and reads the message.
 */
import type { Frame, Page } from 'playwright-core';
import { describeBrowser, pageProblems, screenshot } from '../../backend/src/testing/browser';
import { castOrganization, uniqueEmail, type Cast } from '../../backend/src/testing/members';
import { linkIn, startTestServer, tokenOf, type TestServer } from '../../backend/src/testing/testServer';
import { ensureAddinBuild } from './hostSimulator/addinBuild';
import { OutlookHost } from './hostSimulator/outlookHost';

jest.setTimeout(120_000);

async function until<T>(what: string, probe: () => T | null | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeBrowser('secure send from Outlook (host simulator)', (suite) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    await ensureAddinBuild();
    t = await startTestServer();
    cast = await castOrganization(t, 'Harbor Clinic');
  }, 180_000);
  afterAll(() => t?.stop());

  async function signIn(host: OutlookHost, pane: Frame): Promise<void> {
    await pane.getByRole('button', { name: 'Sign in' }).click();
    const dialog: Page = await until('the sign-in dialog', () => host.dialog?.page);
    await dialog.getByLabel('Email').fill(cast.pro.email);
    await dialog.locator('input[name="password"]').fill(cast.pro.password);
    await screenshot(dialog, 'addin-signin-dialog');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await pane.getByRole('switch', { name: 'Send securely' }).waitFor();
  }

  test('when new recipients are confirmed in the review, then the message goes through Sealpost and they can read it', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url);
    const newcomer = uniqueEmail('nora', 'faraway.example');
    const colleague = uniqueEmail('cole', cast.pro.email.split('@')[1]);
    host.item.subject = 'Your quarterly statement';
    host.item.bodyHtml = '<p>Dear Nora, your <b>statement</b> is attached.</p>';
    host.item.addAttachment('statement.pdf', Buffer.from('%PDF-1.4 quarterly statement'));
    await host.setRecipients('to', [
      { displayName: 'Uma Manager', emailAddress: cast.userManager.email, recipientType: 'user' },
      { displayName: 'Nora Newcomer', emailAddress: newcomer, recipientType: 'externalUser' },
    ]);
    await host.setRecipients('cc', [{ displayName: 'Cole Colleague', emailAddress: colleague, recipientType: 'user' }]);

    await page.click('#addin-button');
    const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
    await pane.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'addin-pane-signed-out');
    await signIn(host, pane);
    await pane.getByRole('switch', { name: 'Send securely' }).check();
    const list = pane.getByTestId('recipient-list');
    await list.locator('[data-status="new_unconfirmed"]').nth(1).waitFor();
    expect(await list.locator('li').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['member', 'new_unconfirmed', 'new_unconfirmed']);
    await screenshot(page, 'addin-pane-recipients');

    let outcome = host.nextSendOutcome();
    await page.click('#send');
    expect(await outcome).toBe('blocked');
    expect(host.alert).toMatchObject({ allowEvent: false, commandId: 'Sealpost.OpenTaskpane', cancelLabel: 'Review' });
    expect(host.alert!.errorMessage).toContain(newcomer);
    expect(host.alert!.errorMessage).toContain(colleague);
    expect(host.alert!.errorMessage).not.toContain(cast.userManager.email);
    await page.locator('#alert').waitFor();
    await screenshot(page, 'addin-alert-new-recipients');

    await page.click('#alert-command');
    const review = pane.getByTestId('review-panel');
    await review.waitFor();
    await screenshot(page, 'addin-review');
    await review.getByRole('button', { name: 'Invite all 2' }).click();
    await review.getByText('When you are done, press Send in Outlook again.').waitFor();
    await review.getByRole('button', { name: 'Done' }).click();

    outcome = host.nextSendOutcome();
    await page.click('#send');
    expect(await outcome).toBe('sent');
    await screenshot(page, 'addin-sent');
    expect(host.item.bodyHtml).toContain('data-sealpost-notice');
    expect(host.item.bodyHtml).not.toContain('Dear Nora');
    expect(host.item.attachments).toEqual([]);
    const portalUrl = /href="([^"]+\/portal\/messages\/[0-9a-f-]+)"/.exec(host.item.bodyHtml)![1]!;
    const messageId = portalUrl.split('/').pop()!;

    // Stored encrypted: neither subject nor body is in the database as text.
    const [row] = await t.store.db.query<Record<string, unknown>>('SELECT * FROM messages WHERE id = $1', [messageId]);
    const stored = JSON.stringify(Object.values(row!).map((v) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v)));
    expect(stored).not.toContain('Dear Nora');
    expect(stored).not.toContain('quarterly statement');
    const sent = await t.api('GET', '/api/v1/messages?box=sent', { token: cast.pro.accessToken });
    expect(sent.body.messages[0]).toMatchObject({ id: messageId, subject: 'Your quarterly statement' });

    // Both newcomers were invited; the invitation reaches the SMTP catcher; Nora registers and reads.
    const [invitation] = await t.mailTo(newcomer);
    expect(invitation).toBeDefined();
    expect((await t.mailTo(colleague)).length).toBe(1);
    const registered = await t.api('POST', '/api/v1/registration', {
      body: { token: tokenOf(linkIn(invitation!, '/register')), name: 'Nora Newcomer', password: 'nora reads securely' },
      ip: '198.51.100.77',
    });
    expect(registered.status).toBe(200);
    const read = await t.api('GET', `/api/v1/messages/${messageId}`, { token: registered.body.accessToken });
    expect(read.body).toMatchObject({ subject: 'Your quarterly statement', role: 'recipient' });
    expect(read.body.html).toContain('Dear Nora');
    expect(read.body.files).toHaveLength(1);
    const file = await fetch(`${t.url}/api/v1/files/${read.body.files[0].id}/content`, { headers: { authorization: `Bearer ${registered.body.accessToken}` } });
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4 quarterly statement');
    expect(file.headers.get('content-type')).toBe('application/pdf');

    expect(host.violations).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });
});
