/**
 * Attachments go to Sealpost as they are attached, so that Send only confirms: the real built launchevent.js in the
 * Outlook host simulator, against the real backend. A file attached to a secure message is uploaded by
 * OnMessageAttachmentsChanged; at Send the handler makes no upload request and the stored message carries the file.
 */
import type { Request } from 'playwright-core';
import { KEYS } from '../../../addin/src/item/itemState';
import { describeBrowser, pageProblems } from '../../src/testing/browser';
import { castOrganization, type Cast } from '../../src/testing/members';
import { startTestServer, type TestServer } from '../../src/testing/testServer';
import { ensureAddinBuild } from '../../../addin/test/hostSimulator/addinBuild';
import { OutlookHost } from '../../../addin/test/hostSimulator/outlookHost';

jest.setTimeout(120_000);

describeBrowser('attachments uploaded ahead of Send (host simulator)', (suite) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    await ensureAddinBuild();
    t = await startTestServer();
    cast = await castOrganization(t, 'Harbor Clinic');
  }, 180_000);
  afterAll(() => t?.stop());

  test('when a file is attached to a secure message, then it is uploaded at once and Send makes no upload request', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url);
    // What the pane leaves on a secure message (sign-in and the switch are covered by secureSend.browser.test.ts).
    host.item.sessionData.set(KEYS.secure, 'on');
    host.item.sessionData.set(KEYS.credential, JSON.stringify({ accessToken: cast.pro.accessToken, expiresAt: Date.now() + 600_000, apiBase: t.url }));
    host.item.subject = 'Lab results';
    host.item.bodyHtml = '<p>Your results are attached.</p>';
    await host.setRecipients('to', [{ displayName: 'Uma Manager', emailAddress: cast.userManager.email, recipientType: 'user' }]);

    await host.attachFile('results.pdf', Buffer.from('%PDF-1.4 lab results'));
    const recorded = JSON.parse(host.item.sessionData.get(KEYS.uploadedFiles) ?? '{}') as Record<string, { fileId: string }>;
    const fileIds = Object.values(recorded).map((f) => f.fileId);
    expect(fileIds).toHaveLength(1);

    const atSend: string[] = [];
    const onRequest = (request: Request) => atSend.push(`${request.method()} ${new URL(request.url()).pathname}`);
    page.context().on('request', onRequest);
    const outcome = host.nextSendOutcome();
    await page.click('#send');
    expect(await outcome).toBe('sent');
    page.context().off('request', onRequest);
    expect(atSend.filter((r) => r.includes('/api/v1/uploads'))).toEqual([]);
    expect(atSend).toContain('POST /api/v1/messages');

    const messageId = /\/portal\/messages\/([0-9a-f-]+)/.exec(host.item.bodyHtml)![1]!;
    const read = await t.api('GET', `/api/v1/messages/${messageId}`, { token: cast.userManager.accessToken });
    expect(read.body.files.map((f: { id: string }) => f.id)).toEqual(fileIds);
    expect(host.item.attachments).toEqual([]);
    expect(host.violations).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
  });
});
