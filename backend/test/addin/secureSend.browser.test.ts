/**
 * Secure send end to end in Chromium: the real built task pane and launchevent.js inside the Outlook host
 * simulator, against the real backend (database, encryption, SMTP catcher). A pro composes to a known pro, a new
 * external address and a new same-domain address; Send stops naming the new ones; the alert's button opens the
 * review; after confirming, Send stores the message encrypted, invites the newcomers, replaces the body and drops
 * the attachment, in the organization's brand; a newcomer registers from the emailed link and reads the message.
 * The pane is checked with axe-core in each of its main states (signed out, recipients, review).
 */
import type { Frame, Page } from 'playwright-core';
import { pngImage } from '../../src/testing/images';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../src/testing/browser';
import { castOrganization, uniqueEmail, type Cast } from '../../src/testing/members';
import { linkIn, startTestServer, tokenOf, type TestServer } from '../../src/testing/testServer';
import { ensureAddinBuild } from '../../../addin/test/hostSimulator/addinBuild';
import { OutlookHost } from '../../../addin/test/hostSimulator/outlookHost';
import { until } from '../../../addin/test/hostSimulator/until';

jest.setTimeout(120_000);

describeBrowser('secure send from Outlook (host simulator)', (suite) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    await ensureAddinBuild();
    t = await startTestServer();
    cast = await castOrganization(t, 'Harbor Clinic');
    // The organization's brand, which the notice replacing the body must carry.
    await t.api('PATCH', '/api/v1/branding', { token: cast.admin.accessToken, body: { accentColor: '#7a1f5c' } });
    const logo = await fetch(`${t.url}/api/v1/branding/logo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${cast.admin.accessToken}`, 'content-type': 'image/png' },
      body: new Uint8Array(pngImage(120, 36, [122, 31, 92])),
    });
    if (logo.status !== 200) throw new Error(`the logo upload answered ${logo.status}`);
  }, 180_000);
  afterAll(() => t?.stop());

  async function signIn(host: OutlookHost, pane: Frame): Promise<void> {
    await pane.getByRole('button', { name: 'Sign in' }).click();
    const dialog: Page = await until('the sign-in dialog', () => host.dialog?.page);
    await dialog.getByLabel('Email').fill(cast.pro.email);
    await dialog.locator('input[name="password"]').fill(cast.pro.password);
    await screenshot(dialog, 'addin-signin-dialog');
    await expectAccessible(dialog, 'the sign-in dialog');
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
    await expectAccessible(pane, 'the task pane, signed out');
    // The pane's Help link is the manifest's SupportUrl, answered by Sealpost.
    const help = await pane.getByRole('link', { name: 'Help' }).getAttribute('href');
    expect(help).toBe(host.facts.supportUrl);
    expect((await fetch(help!)).status).toBe(200);
    await signIn(host, pane);
    await pane.getByRole('switch', { name: 'Send securely' }).check();
    const list = pane.getByTestId('recipient-list');
    await list.locator('[data-status="new_unconfirmed"]').nth(1).waitFor();
    expect(await list.locator('li').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['member', 'new_unconfirmed', 'new_unconfirmed']);
    await screenshot(page, 'addin-pane-recipients');
    await expectAccessible(pane, 'the task pane with its recipient list');

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
    await expectAccessible(pane, 'the task pane review panel');
    await review.getByRole('button', { name: 'Invite all 2' }).click();
    await review.getByText('When you are done, press Send in Outlook again.').waitFor();
    await review.getByRole('button', { name: 'Done' }).click();

    outcome = host.nextSendOutcome();
    await page.click('#send');
    expect(await outcome).toBe('sent');
    await screenshot(page, 'addin-sent');
    expect(host.item.bodyHtml).toContain('data-sealpost-notice');
    expect(host.item.bodyHtml).toContain('Secure message from Harbor Clinic');
    expect(host.item.bodyHtml).toContain('background:#7a1f5c');
    expect(host.item.bodyHtml).toMatch(new RegExp(`<img src="${t.url}/api/v1/branding/logo/${cast.organizationId}\\?v=[0-9a-f]{16}" alt="Harbor Clinic"`));
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
