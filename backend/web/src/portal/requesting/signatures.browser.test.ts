/**
 * Signatures end to end in Chromium: a pro writes to two guests, marks the attached PDF for signature in order with
 * a signature and a date field for each (placed with the mouse for one, the keyboard for the other), and sends; the
 * first guest signs on the page with a typed signature, the second draws one on a phone; the pro watches their
 * statuses move and downloads the completed PDF, which poppler's pdfsig verifies. A third request, made from the
 * conversation, is declined on the page with a reason, and a fourth is voided with one.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { signUpOrganization } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister, type Member } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { agreementPdf } from '../../../../src/signatures/testing/samplePdf';
import { pdfsig } from '../../../../src/signatures/testing/independentReaders';
import { agreeToSign, drawSignature, pageDrawn } from '../signing/testSupport';

async function signIn(page: Page, t: TestServer, email: string, password: string) {
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${t.url}/portal`);
}

const toast = (page: Page, text: string) => page.getByRole('status', { name: 'Notifications' }).getByText(text, { exact: false }).first().waitFor();
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

/** Screenshots at desktop and phone width, then back to desktop. */
async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await settled(page);
  await screenshot(page, `${name}-1280x800`);
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  await screenshot(page, `${name}-390x844`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describeBrowser('requesting signatures in the portal', ({ newPage }) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  test('when a pro asks two guests to sign in order, then the statuses move as they sign, the signed PDF verifies, and another request is voided with a reason', async () => {
    const pro = await signUpOrganization(t, { organizationName: 'Harbor Law', name: 'Dana Reyes' });
    const first = await inviteAndRegister(t, pro, { type: 'guest', name: 'Robin First' });
    const second = await inviteAndRegister(t, pro, { type: 'guest', name: 'Sam Second' });
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, t, pro.email, pro.password);

    await page.getByRole('button', { name: 'New message' }).click();
    const to = page.getByLabel('To', { exact: true });
    for (const person of [first, second]) {
      await to.fill(person.email);
      await to.press('Enter');
    }
    await page.getByLabel('Subject').fill('Retainer agreement');
    await page.getByLabel('Message', { exact: true }).fill('Please sign the retainer.');
    await page.locator('input[type=file]').setInputFiles({ name: 'Retainer.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await agreementPdf(2)) });
    await page.getByText('Uploaded').waitFor();
    await page.getByRole('button', { name: 'Request signatures' }).click();
    const setup = page.getByRole('region', { name: 'Signatures on Retainer.pdf' });
    for (const person of [first, second]) await setup.getByRole('checkbox', { name: person.email }).check();
    await expect(setup.getByRole('checkbox', { name: first.email }).isChecked()).resolves.toBe(true);

    // Sending with no field yet names what is missing, and sends nothing.
    await page.getByRole('button', { name: 'Send and request signatures' }).click();
    await setup.getByText(`Place a signature or initials field for ${first.email}.`).waitFor();
    expect((await t.api('GET', '/api/v1/messages?box=sent', { token: pro.accessToken })).body.messages).toEqual([]);

    // The first signer's fields with the mouse: a click places, a drag moves.
    const page1 = setup.locator('[data-placement-page="1"]');
    await page1.waitFor();
    await page1.click({ position: { x: 150, y: 500 } });
    const signature = setup.getByRole('button', { name: /^Signature for .* page 1$/ });
    const box = (await signature.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 50, { steps: 5 });
    await page.mouse.up();
    const moved = (await signature.boundingBox())!;
    expect([Math.round(moved.x - box.x), Math.round(moved.y - box.y)]).toEqual([40, 40]);
    await setup.getByLabel('Kind', { exact: true }).selectOption('dateSigned');
    await page1.click({ position: { x: 420, y: 560 } });

    // The second signer's with the keyboard: added at the centre of page 2, moved with the arrow keys.
    await setup.getByLabel('Field for').selectOption({ label: second.email });
    await setup.getByLabel('Page', { exact: true }).selectOption('2');
    await setup.getByLabel('Kind', { exact: true }).selectOption('signature');
    await setup.getByRole('button', { name: 'Add at page centre' }).click();
    // the new field takes focus once it is drawn (a moment later on a busy machine)
    const focusOn = (label: RegExp) => page.waitForFunction((source) => new RegExp(source).test(document.activeElement?.getAttribute('aria-label') ?? ''), label.source);
    await focusOn(/^Signature for .* page 2$/);
    const focused = page.locator(':focus');
    for (let i = 0; i < 5; i += 1) await focused.press('Shift+ArrowDown');
    await setup.getByLabel('Kind', { exact: true }).selectOption('dateSigned');
    await setup.getByRole('button', { name: 'Add at page centre' }).click();
    await focusOn(/^Date signed for .* page 2$/);
    await page.locator(':focus').press('Shift+ArrowRight');
    await setup.getByText('Place a signature or initials field').waitFor({ state: 'detached' });
    await expectAccessible(page, 'compose with fields placed for signature');
    await bothWidths(page, 'signatures-placement');

    await page.getByRole('button', { name: 'Send and request signatures' }).click();
    await toast(page, 'Message sent. Signatures requested.');
    await page.getByRole('heading', { name: 'Retainer agreement', level: 1 }).waitFor();
    const messageId = (await t.api('GET', '/api/v1/messages?box=sent', { token: pro.accessToken })).body.messages[0].id as string;
    const [request] = (await t.api('GET', `/api/v1/messages/${messageId}/signature-requests`, { token: pro.accessToken })).body.requests;
    expect(request).toMatchObject({ order: 'sequential', status: 'open', documentName: 'Retainer.pdf' });
    expect(request.signers.map((s: { email: string }) => s.email)).toEqual([first.email, second.email]);
    const placed = request.fields.map((f: { signer: string; kind: string; page: number }) => `${f.signer === first.email ? 'first' : 'second'} ${f.kind} ${f.page}`);
    expect(placed.sort()).toEqual(['first dateSigned 1', 'first signature 1', 'second dateSigned 2', 'second signature 2']);
    for (const f of request.fields) expect(f.x >= 0 && f.y >= 0 && f.x + f.width <= 612 && f.y + f.height <= 792).toBe(true);

    const status = page.getByRole('region', { name: 'Signatures on Retainer.pdf' });
    await status.getByText('Waiting for signatures').waitFor();
    const signerRow = (person: Member) => status.getByRole('listitem').filter({ hasText: person.email });
    await signerRow(second).getByText('Waiting for the signers before them').waitFor();

    /** A signer opens the request on the page, agrees, adopts a signature (typed or drawn) and signs. */
    const signOnThePage = async (person: Member, how: 'typed' | 'drawn', width: number) => {
      const signer = await newPage();
      await signer.setViewportSize({ width, height: width < 500 ? 844 : 800 });
      await signIn(signer, t, person.email, person.password);
      await signer.goto(`${t.url}/portal/signatures/${request.id}`);
      await signer.getByText('Your signature is requested').waitFor();
      await pageDrawn(signer, 1);
      await agreeToSign(signer, person.password);
      await signer.getByRole('button', { name: 'Next field' }).click();
      if (how === 'drawn') await drawSignature(signer);
      await signer.getByRole('dialog', { name: 'Adopt your signature' }).getByRole('button', { name: 'Adopt signature' }).click();
      await signer.getByText('All required fields are filled').waitFor();
      await screenshot(signer, `signatures-e2e-${how}-ready-${width}`);
      await signer.getByRole('toolbar', { name: 'Signing' }).getByRole('button', { name: 'Sign', exact: true }).click();
      await signer.getByText(how === 'typed' ? 'Signed — waiting for others' : 'Completed', { exact: how !== 'typed' }).waitFor();
      expect(pageProblems(signer)).toEqual([]);
      await signer.close();
    };
    await signOnThePage(first, 'typed', 1280);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await signerRow(first).getByText('Signed', { exact: true }).waitFor();
    await signerRow(first).getByText(/viewed .* · signed /).waitFor();
    await signerRow(second).getByText(/^Asked /).waitFor();
    await signOnThePage(second, 'drawn', 390);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await status.getByText('Signed by everyone').waitFor();
    await expectAccessible(page, 'the requester following signatures');
    await bothWidths(page, 'signatures-status');

    const [download] = await Promise.all([page.waitForEvent('download'), status.getByRole('button', { name: 'Download signed PDF' }).click()]);
    const signedPdf = fs.readFileSync((await download.path())!);
    const report = await pdfsig(signedPdf);
    expect(report).toMatch(/Signature Validation: Signature is Valid\./);
    expect(report).toMatch(/Total document signed/);

    // A third request from the conversation, which the first guest declines on the page with a reason.
    await page.getByRole('button', { name: 'Request signatures' }).click();
    const third = page.getByRole('dialog', { name: 'Request signatures' });
    await third.getByRole('checkbox', { name: first.email }).check();
    await third.locator('[data-placement-page="1"]').waitFor();
    await third.getByRole('button', { name: 'Add at page centre' }).click();
    await third.getByRole('button', { name: 'Request signatures' }).click();
    await third.waitFor({ state: 'detached' });
    const declined = (await t.api('GET', `/api/v1/messages/${messageId}/signature-requests`, { token: first.accessToken })).body.requests
      .find((r: { status: string }) => r.status === 'open');
    const decliner = await newPage();
    await signIn(decliner, t, first.email, first.password);
    await decliner.goto(`${t.url}/portal/signatures/${declined.id}`);
    await pageDrawn(decliner, 1);
    await decliner.getByRole('button', { name: 'Decline' }).click();
    const declineDialog = decliner.getByRole('dialog', { name: 'Decline to sign?' });
    await declineDialog.getByLabel('Reason').fill('The fee in clause 3 is not what we agreed.');
    await declineDialog.getByRole('button', { name: 'Decline to sign' }).click();
    await decliner.getByText('Robin First declined to sign: “The fee in clause 3 is not what we agreed.”').waitFor();
    await decliner.close();

    // A fourth, voided with a reason after a confirmation.
    await page.getByRole('button', { name: 'Request signatures' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request signatures' });
    await dialog.getByRole('checkbox', { name: second.email }).check();
    await dialog.locator('[data-placement-page="1"]').waitFor();
    await dialog.getByRole('button', { name: 'Add at page centre' }).click();
    await bothWidths(page, 'signatures-thread-request-dialog');
    await dialog.getByRole('button', { name: 'Request signatures' }).click();
    await dialog.waitFor({ state: 'detached' });
    const cards = page.getByRole('region', { name: 'Signatures on Retainer.pdf' });
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await cards.nth(1).getByText(/declined/i).first().waitFor();
    await cards.nth(2).getByText('Waiting for signatures').waitFor();
    await cards.nth(2).getByRole('button', { name: 'Void request' }).click();
    const confirm = page.getByRole('dialog', { name: 'Void this signature request?' });
    await confirm.getByRole('button', { name: 'Void request' }).click();
    await confirm.getByText('Say why, so the signers know what happens next.').waitFor();
    await confirm.getByLabel('Reason').fill('Wrong fee schedule attached');
    await settled(page);
    await screenshot(page, 'signatures-void-dialog');
    await confirm.getByRole('button', { name: 'Void request' }).click();
    await confirm.waitFor({ state: 'detached' });
    await cards.nth(2).getByText(/voided .*: “Wrong fee schedule attached”/).waitFor();
    const after = (await t.api('GET', `/api/v1/messages/${messageId}/signature-requests`, { token: pro.accessToken })).body.requests;
    expect(after.map((r: { status: string; voidReason: string | null }) => [r.status, r.voidReason]))
      .toEqual([['completed', null], ['declined', null], ['voided', 'Wrong fee schedule attached']]);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  }, 240_000);

  test('when the message goes but asking for signatures fails, then the placement is kept and the signatures can be requested again without sending twice', async () => {
    const pro = await signUpOrganization(t, { organizationName: 'Harbor Accounting', name: 'Ada Kent' });
    const client = await inviteAndRegister(t, pro, { type: 'guest', name: 'Lee Client' });
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, t, pro.email, pro.password);
    await page.getByRole('button', { name: 'New message' }).click();
    await page.getByLabel('To', { exact: true }).fill(client.email);
    await page.getByLabel('To', { exact: true }).press('Enter');
    await page.getByLabel('Subject').fill('Engagement letter');
    await page.locator('input[type=file]').setInputFiles({ name: 'Engagement.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await agreementPdf(1)) });
    await page.getByText('Uploaded').waitFor();
    await page.getByRole('button', { name: 'Request signatures' }).click();
    const setup = page.getByRole('region', { name: 'Signatures on Engagement.pdf' });
    await setup.getByRole('checkbox', { name: client.email }).check();
    await setup.locator('[data-placement-page="1"]').waitFor();
    await setup.getByRole('button', { name: 'Add at page centre' }).click();

    // the connection drops just as the request is made
    const requestRoute = '**/api/v1/messages/*/signature-requests';
    await page.route(requestRoute, (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await page.getByRole('button', { name: 'Send and request signatures' }).click();
    await page.getByText('Your message was sent, but the signatures were not requested yet').waitFor();
    await setup.getByRole('button', { name: /^Signature for .* page 1$/ }).waitFor();
    await settled(page);
    await screenshot(page, 'signatures-second-step-failed');
    const sent = (await t.api('GET', '/api/v1/messages?box=sent', { token: pro.accessToken })).body.messages;
    expect(sent.map((m: { subject: string }) => m.subject)).toEqual(['Engagement letter']);

    await page.unroute(requestRoute);
    await page.getByRole('button', { name: 'Request signatures', exact: true }).last().click();
    await toast(page, 'Message sent. Signatures requested.');
    await page.getByRole('heading', { name: 'Engagement letter', level: 1 }).waitFor();
    expect((await t.api('GET', '/api/v1/messages?box=sent', { token: pro.accessToken })).body.messages).toHaveLength(1);
    const { requests } = (await t.api('GET', `/api/v1/messages/${sent[0].id}/signature-requests`, { token: client.accessToken })).body;
    expect(requests.map((r: { status: string; fields: unknown[] }) => [r.status, r.fields.length])).toEqual([['open', 1]]);
    expect(pageProblems(page).filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await page.close();
  }, 100_000);
});
