/**
 * The signer's side in Chromium: a pro asks two guests to sign in order (through the API); the first opens the
 * request from the conversation, agrees, fills the guided fields and signs with a typed signature; the second,
 * at phone width, draws a signature with the mouse and signs; the pro downloads the completed PDF from the page and
 * poppler's pdfsig confirms its signature. Another request is declined on the page with a reason.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { pageDrawn } from './testSupport';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister, sendAs, type Member } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { uploadBytes } from '../../../../src/routes/files/testSupport';
import { agreementPdf } from '../../../../src/signatures/testing/samplePdf';
import { pdfimagesOnPage, pdfsig, pdftotext } from '../../../../src/signatures/testing/independentReaders';

async function signIn(page: Page, t: TestServer, email: string, password: string) {
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${t.url}/portal`);
}

describeBrowser('signing a document in the portal', ({ newPage }) => {
  let t: TestServer;
  let pro: SignedUp;
  let first: Member;
  let second: Member;
  beforeAll(async () => {
    t = await startTestServer();
    pro = await signUpOrganization(t, { organizationName: 'Harbor Law', name: 'Dana Reyes' });
    first = await inviteAndRegister(t, pro, { type: 'guest', name: 'Robin Client' });
    second = await inviteAndRegister(t, pro, { type: 'guest', name: 'Sam Partner' });
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  async function requestSignatures(fields: Record<string, unknown>[], signers: Member[]) {
    const fileId = await uploadBytes(t, pro.accessToken, Buffer.from(await agreementPdf(2)), { name: 'Retainer agreement.pdf', contentType: 'application/pdf' });
    const sent = await sendAs(t, pro.accessToken, { subject: 'Your retainer', to: signers.map(({ email }) => ({ email })), attachmentIds: [fileId] });
    const res = await t.api('POST', `/api/v1/messages/${sent.id}/signature-requests`, {
      token: pro.accessToken,
      body: { fileId, signers: signers.map(({ email }) => ({ email })), order: 'sequential', fields },
    });
    if (res.status !== 201) throw new Error(`request answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { messageId: sent.id, requestId: res.body.id as string };
  }

  test('when two guests sign in turn, typed then drawn at phone width, then the pro downloads a completed PDF that pdfsig verifies', async () => {
    const { messageId, requestId } = await requestSignatures(
      [
        { signer: first.email, kind: 'signature', page: 1, x: 72, y: 100, width: 220, height: 40 },
        { signer: first.email, kind: 'text', page: 1, x: 72, y: 160, width: 300, height: 20 },
        { signer: first.email, kind: 'dateSigned', page: 1, x: 320, y: 100, width: 120, height: 20 },
        { signer: second.email, kind: 'signature', page: 2, x: 72, y: 100, width: 220, height: 60 },
        { signer: second.email, kind: 'checkbox', page: 2, x: 72, y: 200, width: 16, height: 16 },
        { signer: second.email, kind: 'text', page: 2, x: 120, y: 200, width: 200, height: 20, required: false },
      ],
      [first, second],
    );

    // The first guest finds it in the conversation.
    const page = await newPage();
    await signIn(page, t, first.email, first.password);
    await page.goto(`${t.url}/portal/messages/${messageId}`);
    await page.getByRole('button', { name: 'Sign document: Retainer agreement.pdf' }).waitFor();
    await page.getByText('Your signature is requested').waitFor();
    await screenshot(page, 'signing-thread-sign-document');
    await page.getByRole('button', { name: 'Sign document: Retainer agreement.pdf' }).click();
    await page.waitForURL(`${t.url}/portal/signatures/${requestId}`);
    await page.getByText('Your signature is requested').waitFor();
    await pageDrawn(page, 1);
    await page.getByText('2 required fields for you').waitFor();
    // the second signer's fields are shown as theirs, not as fields to fill
    await expect(page.locator('[data-page="2"]').getByText('Sam Partner').first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'signing-desktop-before-consent');
    await expectAccessible(page, 'the signing page before consent');

    await page.getByRole('button', { name: 'Start signing' }).click();
    const consent = page.getByRole('dialog', { name: 'Before you sign' });
    await consent.getByText('I agree to use electronic records and signatures').waitFor();
    await consent.getByRole('button', { name: 'Agree and continue' }).click();
    await consent.getByText('Tick the box to agree').waitFor();
    await consent.getByLabel('I agree to sign electronically').check();
    await consent.getByLabel('Your password').fill('not my password');
    await consent.getByRole('button', { name: 'Agree and continue' }).click();
    await consent.getByText(/password|confirm/i).last().waitFor();
    await consent.getByLabel('Your password').fill(first.password);
    await consent.getByRole('button', { name: 'Agree and continue' }).click();
    await consent.waitFor({ state: 'detached' });

    // The guide: the text field first (higher on the page), then the signature.
    await page.getByText('2 required fields left').waitFor();
    await page.getByRole('button', { name: 'Next field' }).click();
    const text = page.getByLabel('Text on page 1, required');
    await expect(text.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await text.fill('Client ref 42');
    await page.getByText('1 required field left').waitFor();
    await page.getByRole('button', { name: 'Next field' }).click();
    const adopt = page.getByRole('dialog', { name: 'Adopt your signature' });
    await expect(adopt.getByLabel('Your name as you sign it').inputValue()).resolves.toBe('Robin Client');
    await adopt.getByLabel('Your name as you sign it').fill('Robin A. Client');
    await adopt.getByRole('button', { name: 'Adopt signature' }).click();
    await page.getByText('All required fields are filled').waitFor();
    await screenshot(page, 'signing-desktop-ready-to-sign');
    await page.getByRole('toolbar', { name: 'Signing' }).getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByText('Signed — waiting for others').waitFor();
    await expect(page.getByRole('toolbar', { name: 'Signing' }).count()).resolves.toBe(0);
    expect(pageProblems(page)).toEqual([]);
    await page.close();

    // The second guest, on a phone, from the emailed link.
    const phone = await newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await signIn(phone, t, second.email, second.password);
    await phone.goto(`${t.url}/portal/signatures/${requestId}`);
    await phone.getByText('Your signature is requested').waitFor();
    await pageDrawn(phone, 1);
    // pages scale to the phone's width: nothing wider than the screen
    await expect(phone.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    // (checked before any dialog opens: a closed Fluent dialog leaves tabster's focus sentinels on <body>, which axe flags)
    await expectAccessible(phone, 'the signing page at phone width');
    await phone.getByRole('button', { name: 'Start signing' }).click();
    const phoneConsent = phone.getByRole('dialog', { name: 'Before you sign' });
    await phoneConsent.getByLabel('I agree to sign electronically').check();
    await phoneConsent.getByLabel('Your password').fill(second.password);
    await phoneConsent.getByRole('button', { name: 'Agree and continue' }).click();
    await phoneConsent.waitFor({ state: 'detached' });
    await phone.getByText('2 required fields left').waitFor();
    // the guide stays on screen at the bottom while the document scrolls
    const guide = phone.getByRole('toolbar', { name: 'Signing' });
    const box = (await guide.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844 + 1);
    expect(box.y).toBeGreaterThan(500);

    await phone.getByRole('button', { name: 'Next field' }).click();
    await expect(phone.getByLabel('Checkbox on page 2, required').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await phone.getByLabel('Checkbox on page 2, required').check();
    await phone.getByRole('button', { name: 'Next field' }).click();
    const phoneAdopt = phone.getByRole('dialog', { name: 'Adopt your signature' });
    await phoneAdopt.getByRole('tab', { name: 'Draw' }).click();
    const pad = phoneAdopt.getByRole('img', { name: 'Signature pad: draw your signature here' });
    const area = (await pad.boundingBox())!;
    expect(area.width).toBeGreaterThan(200);
    await phone.mouse.move(area.x + 20, area.y + 120);
    await phone.mouse.down();
    for (let i = 1; i <= 12; i += 1) await phone.mouse.move(area.x + 20 + i * 18, area.y + 120 - Math.sin(i / 2) * 50);
    await phone.mouse.up();
    await phoneAdopt.getByRole('img', { name: 'Your drawn signature' }).waitFor();
    await screenshot(phone, 'signing-phone-drawing');
    await phoneAdopt.getByRole('button', { name: 'Adopt signature' }).click();
    await phone.getByText('All required fields are filled').waitFor();
    await phone.getByRole('button', { name: /^Your adopted signature \(signature on page 2/ }).scrollIntoViewIfNeeded();
    await screenshot(phone, 'signing-phone-ready-to-sign');
    await guide.getByRole('button', { name: 'Sign', exact: true }).click();
    await phone.getByText('Completed', { exact: true }).waitFor();
    // the page now shows the signed PDF: the original two pages and the certificate of completion after them
    await phone.getByRole('region', { name: 'Retainer agreement.pdf, signed' }).waitFor();
    await pageDrawn(phone, 3);
    await screenshot(phone, 'signing-phone-completed');
    expect(pageProblems(phone)).toEqual([]);
    await phone.close();

    // The pro opens the request and downloads the completed PDF.
    const desk = await newPage();
    await signIn(desk, t, pro.email, pro.password);
    await desk.goto(`${t.url}/portal/signatures/${requestId}`);
    await desk.getByText('Completed', { exact: true }).waitFor();
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: 'Download the signed PDF' }).click()]);
    const pdf = fs.readFileSync((await download.path())!);
    const report = await pdfsig(pdf);
    expect(report).toMatch(/Signature Validation: Signature is Valid\./);
    expect(report).toMatch(/Total document signed/);
    const words = await pdftotext(pdf);
    for (const expected of ['Robin A. Client', 'Client ref 42', 'Robin Client', 'Sam Partner', first.email, second.email]) expect(words).toContain(expected);
    // the drawn signature is a picture on page 2
    await expect(pdfimagesOnPage(pdf, 2)).resolves.toBeGreaterThan(0);
    expect(pageProblems(desk)).toEqual([]);
    await desk.close();
  }, 240_000);

  test('when a signer declines on the page with a reason, then the request ends and says who declined and why', async () => {
    const { requestId } = await requestSignatures([{ signer: first.email, kind: 'signature', page: 1, x: 72, y: 100, width: 220, height: 40 }], [first]);
    const page = await newPage();
    await signIn(page, t, first.email, first.password);
    await page.goto(`${t.url}/portal/signatures/${requestId}`);
    await pageDrawn(page, 1);
    await page.getByRole('button', { name: 'Decline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decline to sign?' });
    await dialog.getByRole('button', { name: 'Decline to sign' }).click();
    await dialog.getByText('Say why you decline').waitFor();
    await dialog.getByLabel('Reason').fill('The fee in clause 3 is not what we agreed.');
    await dialog.getByRole('button', { name: 'Decline to sign' }).click();
    await page.getByText('Robin Client declined to sign: “The fee in clause 3 is not what we agreed.”').waitFor();
    await screenshot(page, 'signing-desktop-declined');
    const answer = await t.api('GET', `/api/v1/signature-requests/${requestId}`, { token: pro.accessToken });
    expect([answer.body.status, answer.body.signers[0].declineReason]).toEqual(['declined', 'The fee in clause 3 is not what we agreed.']);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  }, 120_000);
});
