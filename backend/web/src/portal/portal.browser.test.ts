/**
 * The portal in Chromium, end to end: a guest invited by a message registers, lands on it, gets its file and
 * replies; the pro sees the reply and the read receipt; compose classifies recipients and asks before inviting; a
 * recalled message says who recalled it; a pro forwards a client's message to a colleague and finds the client in
 * their client list; signed-out links come back after sign-in; empty and failed states say so.
 * Every state is screenshotted (.test-artifacts/screenshots/) and checked with axe.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { signUpOrganization, type SignedUp } from '../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../src/testing/browser';
import { inviteAndRegister, uniqueEmail } from '../../../src/testing/members';
import { linkIn, startTestServer, type TestServer } from '../../../src/testing/testServer';
import { uploadBytes } from '../../../src/routes/files/testSupport';
import { buySeats } from '../../../src/testing/seats';

async function signIn(page: Page, t: TestServer, email: string, password: string, landing = `${t.url}/portal`) {
  if (!page.url().includes('/login')) await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(landing);
}

const send = async (t: TestServer, token: string, body: Record<string, unknown>) => {
  const sent = await t.api('POST', '/api/v1/messages', { token, body });
  if (sent.status !== 201) throw new Error(`send answered ${sent.status}: ${JSON.stringify(sent.body)}`);
  return sent.body as { id: string; threadId: string };
};

/** Dialogs fade in: axe measures contrast only once every animation has finished. */
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

/** Confirmations show as toasts (their text is also repeated in a live region for screen readers). */
const toast = (page: Page, text: string) => page.getByRole('status', { name: 'Notifications' }).getByText(text, { exact: false }).first().waitFor();

const bodyFrame = (page: Page, from: string) => page.frameLocator(`iframe[title^="Message from ${from}"]`);

const navLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Mailboxes' }).getByRole('link', { name });

/** Holds requests to `pattern` (the page shows it is loading) until the returned function lets them fail as offline. */
async function holdThenFail(page: Page, pattern: string): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, (route) => held.then(() => route.abort('internetdisconnected')));
  return release;
}

describeBrowser('portal', ({ newPage }) => {
  let t: TestServer;
  let pro: SignedUp;
  beforeAll(async () => {
    t = await startTestServer();
    pro = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when a guest is invited by a message with a file, then they register, read it, download the file and reply; the pro sees the reply and the read receipt', async () => {
    const guestEmail = uniqueEmail('robin');
    const report = Buffer.from('%PDF-1.4\nLab results for Robin Client: all values in range.\n%%EOF\n');
    const fileId = await uploadBytes(t, pro.accessToken, report, { name: 'lab-results.pdf', contentType: 'application/pdf' });
    const sent = await send(t, pro.accessToken, {
      subject: 'Your lab results',
      html: '<p>Hello Robin,</p><p>Your results from Tuesday are attached. <b style="color:#0b6e69">Everything looks normal.</b></p><p>Dana</p>',
      to: [{ email: guestEmail, displayName: 'Robin Client' }],
      confirmedInvitations: [guestEmail],
      attachmentIds: [fileId],
    });
    const [invitation] = await t.mailTo(guestEmail);
    const guest = await newPage();

    await guest.goto(linkIn(invitation!, '/register'));
    await guest.getByLabel('Your name').fill('Robin Client');
    await guest.getByLabel('Choose a password').fill('a calm and sturdy passphrase');
    await guest.getByRole('button', { name: 'Create account' }).click();
    // the invitation came with the message, so registering opens it
    await guest.waitForURL(`${t.url}/portal/messages/${sent.id}`);
    await guest.getByRole('heading', { name: 'Your lab results', level: 1 }).waitFor();
    await bodyFrame(guest, 'Dana Reyes').getByText('Everything looks normal.').waitFor();
    // The body lives only in a sandboxed frame with its own policy: nothing from the message runs in the portal.
    const frame = guest.locator('iframe[title^="Message from Dana Reyes"]');
    await expect(frame.getAttribute('sandbox')).resolves.toBe('allow-popups allow-popups-to-escape-sandbox');
    await expect(frame.getAttribute('srcdoc')).resolves.toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    await expect(guest.locator('main').getByText('Everything looks normal.').count()).resolves.toBe(0);

    const [download] = await Promise.all([guest.waitForEvent('download'), guest.getByRole('button', { name: 'Download lab-results.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('lab-results.pdf');
    expect(fs.readFileSync(await download.path())).toEqual(report);
    await guest.getByText('66 B · Downloaded').waitFor();
    await screenshot(guest, 'portal-thread');
    await expectAccessible(guest, 'the conversation');
    // Clients often open the notification on a phone.
    await guest.setViewportSize({ width: 390, height: 844 });
    await screenshot(guest, 'portal-thread-phone');
    await guest.setViewportSize({ width: 1100, height: 900 });

    await guest.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = guest.getByRole('form', { name: 'Reply' });
    await reply.getByText(pro.email).waitFor();
    await reply.getByText('Member · staff').waitFor();
    await guest.getByLabel('Message', { exact: true }).fill('Thank you, Dana.\n\nI will book the follow-up for next week.');
    await screenshot(guest, 'portal-reply');
    await expectAccessible(guest, 'the reply form');
    await guest.getByRole('button', { name: 'Send securely' }).click();
    await toast(guest, 'Reply sent.');
    await bodyFrame(guest, 'Robin Client').getByText('I will book the follow-up for next week.').waitFor();
    await navLink(guest, 'Inbox').click();
    await guest.getByRole('link', { name: /Dana Reyes.*Your lab results/ }).waitFor();
    await screenshot(guest, 'portal-inbox');
    // Toasts and dialogs, once shown, leave focus guards at the page's edges that axe counts: judge a fresh load.
    await guest.reload();
    await expectAccessible(guest, 'the inbox');
    // a guest has no client list
    await expect(navLink(guest, 'Clients').count()).resolves.toBe(0);
    expect(pageProblems(guest)).toEqual([]);

    // The pro signs in on the sign-in page in another browser and finds the reply and the read receipt.
    const staff = await newPage();
    await signIn(staff, t, pro.email, pro.password);
    await staff.getByRole('link', { name: /Unread.*Robin Client.*Re: Your lab results/ }).click();
    await bodyFrame(staff, 'Robin Client').getByText('I will book the follow-up for next week.').waitFor();
    await staff.getByRole('button', { name: /Dana Reyes \(you\)/ }).click();
    const receipts = staff.getByRole('table', { name: 'Read receipts' });
    await expect(receipts.getByRole('row', { name: /Robin Client/ }).innerText()).resolves.toMatch(/Read/);
    await screenshot(staff, 'portal-read-receipts');
    await expectAccessible(staff, 'the conversation with read receipts');
    expect(pageProblems(staff)).toEqual([]);
    await guest.close();
    await staff.close();
  });

  test('when a pro writes to new and existing addresses, then compose shows badges and asks to confirm each invitation before sending', async () => {
    const member = await inviteAndRegister(t, pro, { type: 'guest', name: 'Gil Guest' });
    const newcomer = uniqueEmail('nora');
    const page = await newPage();
    await signIn(page, t, pro.email, pro.password);

    await page.getByRole('button', { name: 'New message' }).click();
    await page.getByRole('heading', { name: 'New message' }).waitFor();
    const to = page.getByLabel('To', { exact: true });
    for (const address of [member.email, newcomer, 'not-an-address']) {
      await to.fill(address);
      await to.press('Enter');
    }
    const chips = page.getByRole('list', { name: 'To recipients' });
    await chips.getByText('Member · guest').waitFor();
    await chips.getByText('Will be invited as guest').waitFor();
    await chips.getByText('Invalid address').waitFor();
    await page.getByLabel('Subject').fill('Intake forms');
    await page.getByLabel('Message', { exact: true }).fill('Please fill in the attached forms before your visit.');
    await page.locator('input[type=file]').setInputFiles({ name: 'intake-form.txt', mimeType: 'text/plain', buffer: Buffer.from('Name:\nDate of birth:\n') });
    await page.getByText('Uploaded').waitFor();
    await screenshot(page, 'portal-compose-badges');
    await expectAccessible(page, 'compose with recipient badges');

    await page.getByRole('button', { name: 'Send securely' }).click();
    await page.getByText('“not-an-address” is not a usable email address').waitFor();
    await page.getByRole('button', { name: 'Remove not-an-address' }).click();
    await page.getByRole('button', { name: 'Send securely' }).click();
    await page.getByText('Confirm each invitation above').waitFor();
    await screenshot(page, 'portal-compose-confirm-invitation');
    await expectAccessible(page, 'compose asking to confirm an invitation');

    await page.getByRole('checkbox', { name: `Invite ${newcomer} as a guest` }).check();
    await page.getByRole('button', { name: 'Send securely' }).click();
    await toast(page, 'Message sent. 1 invitation on the way.');
    await page.getByRole('heading', { name: 'Intake forms', level: 1 }).waitFor();
    const [invitation] = await t.mailTo(newcomer);
    expect(invitation?.text).toContain('/register');
    const sentBox = await t.api('GET', '/api/v1/messages?box=sent', { token: pro.accessToken });
    expect(sentBox.body.messages[0]).toMatchObject({ subject: 'Intake forms', attachments: 1 });
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when a signed-out guest opens a message link, then they sign in, land on it, and see who recalled it once it is recalled', async () => {
    const member = await inviteAndRegister(t, pro, { type: 'guest', name: 'Gil Guest' });
    const sent = await send(t, pro.accessToken, { subject: 'Invoice for March', html: '<p>Attached is your invoice.</p>', to: [{ email: member.email }] });
    const link = `${t.url}/portal/messages/${sent.id}`;
    const guest = await newPage();

    await guest.goto(link);
    await guest.waitForURL(`${t.url}/login?next=${encodeURIComponent(`/portal/messages/${sent.id}`)}`);
    await signIn(guest, t, member.email, member.password, link);
    await bodyFrame(guest, 'Dana Reyes').getByText('Attached is your invoice.').waitFor();

    const staff = await newPage();
    await signIn(staff, t, pro.email, pro.password);
    await staff.goto(`${t.url}/portal/sent`);
    await staff.getByRole('link', { name: /Invoice for March/ }).click();
    await staff.getByRole('button', { name: 'Recall' }).click();
    await staff.getByRole('dialog', { name: 'Recall this message?' }).waitFor();
    await staff.getByLabel('Reason (optional)').fill('Sent to the wrong person');
    await settled(staff);
    await screenshot(staff, 'portal-recall-dialog');
    await expectAccessible(staff, 'the recall dialog');
    await staff.getByRole('button', { name: 'Recall message' }).click();
    await toast(staff, 'Message recalled.');
    await staff.getByText(/^Recalled by Dana Reyes on .*Reason: Sent to the wrong person/).waitFor();

    await guest.reload();
    // the answer names the conversation, so the portal still shows it, with the recall on top
    await guest.getByText('The message you opened is no longer available').waitFor();
    await guest.getByRole('heading', { name: 'Recalled message', level: 1 }).waitFor();
    const notice = await guest.locator('main').innerText();
    expect(notice).toMatch(/Recalled by Dana Reyes on [A-Z][a-z]{2} \d{1,2}, \d{4}\. Reason: Sent to the wrong person/);
    expect(notice).not.toMatch(/message_recalled|"detail"|\{/);
    await screenshot(guest, 'portal-recalled');
    await expectAccessible(guest, 'a recalled message');
    await guest.goto(`${t.url}/portal`);
    await guest.getByRole('link', { name: /Recalled message/ }).getByText('Recalled', { exact: true }).waitFor();
    expect(pageProblems(guest)).toEqual([]);
    await guest.close();
    await staff.close();
  });

  test('when the inbox is empty, still loading or the server cannot be reached, then the portal says so and Try again works', async () => {
    const member = await inviteAndRegister(t, pro, { type: 'guest', name: 'Gil Guest' });
    const page = await newPage();
    const release = await holdThenFail(page, '**/api/v1/messages?*');
    await page.goto(`${t.url}/login?next=${encodeURIComponent('/portal')}`);
    await signIn(page, t, member.email, member.password);
    await page.getByRole('progressbar', { name: 'Loading messages' }).or(page.getByLabel('Loading messages')).first().waitFor();
    await screenshot(page, 'portal-loading');
    await expectAccessible(page, 'the loading inbox');
    release();
    await page.getByText('We could not load your messages').waitFor();
    await page.getByText('Check your internet connection').waitFor();
    await screenshot(page, 'portal-unreachable');
    await expectAccessible(page, 'the inbox that could not load');

    await page.unroute('**/api/v1/messages?*');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Your inbox is empty' }).waitFor();
    await screenshot(page, 'portal-empty');
    await expectAccessible(page, 'the empty inbox');
    await page.close();
  });

  test('when a pro searches, sets an expiry and deletes, and a guest writes outside the staff, then each works or says why not', async () => {
    const member = await inviteAndRegister(t, pro, { type: 'guest', name: 'Gil Guest' });
    await send(t, member.accessToken, { subject: 'Question about my bill', html: '<p>Is the March invoice right?</p>', to: [{ email: pro.email }] });
    await send(t, member.accessToken, { subject: 'Appointment change', html: '<p>Can we move it?</p>', to: [{ email: pro.email }] });
    const staff = await newPage();
    await signIn(staff, t, pro.email, pro.password);
    await staff.getByRole('searchbox', { name: /Search inbox/ }).fill('bill');
    await staff.getByRole('button', { name: 'Search', exact: true }).click();
    await staff.getByText('1 conversation for “bill”.').waitFor();
    await expect(staff.getByRole('list', { name: 'Inbox conversations' }).getByRole('listitem').count()).resolves.toBe(1);
    await expectAccessible(staff, 'search results');
    await staff.getByRole('link', { name: /Question about my bill/ }).click();
    await staff.getByRole('button', { name: 'Delete' }).click();
    await staff.getByRole('dialog', { name: 'Delete from your view?' }).getByRole('button', { name: 'Delete' }).click();
    await toast(staff, 'Deleted from your view.');
    await staff.waitForURL(`${t.url}/portal`);

    const sent = await send(t, pro.accessToken, { subject: 'Consent form', html: '<p>Please sign.</p>', to: [{ email: member.email }] });
    await staff.getByRole('link', { name: 'Sent', exact: true }).click();
    await staff.getByRole('link', { name: /To: Gil Guest.*Consent form/ }).click();
    await staff.getByRole('button', { name: 'Set expiry' }).click();
    await staff.getByLabel('Expires on').fill('2099-01-15T10:30');
    await settled(staff);
    await screenshot(staff, 'portal-expiry-dialog');
    await expectAccessible(staff, 'the expiry dialog');
    await staff.getByRole('button', { name: 'Save expiry' }).click();
    await toast(staff, 'Expiry saved.');
    await staff.getByText(/Expires .*2099/).waitFor();
    expect((await t.api('GET', `/api/v1/messages/${sent.id}`, { token: pro.accessToken })).body.expiresAt).toMatch(/^2099-01-15/);
    expect(pageProblems(staff)).toEqual([]);

    const guest = await newPage();
    await signIn(guest, t, member.email, member.password);
    await guest.getByRole('button', { name: 'New message' }).click();
    await guest.getByLabel('To', { exact: true }).fill('someone@elsewhere.example');
    await guest.getByLabel('To', { exact: true }).press('Enter');
    await guest.getByText('Not allowed').waitFor();
    await guest.getByText('As a guest you can write only to staff of this organization').waitFor();
    await expectAccessible(guest, 'a guest writing outside the staff');
    await staff.close();
    await guest.close();
  });

  test('when a pro forwards a client message to a colleague, then the colleague reads it with its file, and the client list leads to the client', async () => {
    const owner = await signUpOrganization(t, { organizationName: 'Cedar Family Law', name: 'Lee Counsel' });
    await buySeats(t, owner.accessToken, 3);
    const colleague = await inviteAndRegister(t, owner, { type: 'pro', name: 'Cam Colleague' });
    const client = await inviteAndRegister(t, owner, { type: 'guest', name: 'Ana Client' });
    const lease = Buffer.from('Lease agreement, signed by Ana Client on every page.\n');
    const fileId = await uploadBytes(t, client.accessToken, lease, { name: 'lease-signed.pdf', contentType: 'application/pdf' });
    const html = '<p>Here is the signed lease. Let me know if anything is missing.</p>';
    await send(t, client.accessToken, { subject: 'Signed lease', html, to: [{ email: owner.email }], attachmentIds: [fileId] });

    const staff = await newPage();
    await signIn(staff, t, owner.email, owner.password);
    await staff.getByRole('link', { name: /Ana Client.*Signed lease/ }).click();
    await bodyFrame(staff, 'Ana Client').getByText('Here is the signed lease.').waitFor();
    await staff.getByRole('button', { name: 'Forward' }).click();
    const dialog = staff.getByRole('dialog', { name: 'Forward to a colleague' });
    await dialog.getByLabel('To', { exact: true }).fill(`${client.email}, ${colleague.email}`);
    await dialog.getByLabel('To', { exact: true }).press('Enter');
    await dialog.getByText(`Only staff of Cedar Family Law can receive a forward: remove ${client.email}.`).waitFor();
    await dialog.getByRole('button', { name: `Remove ${client.email}` }).click();
    await dialog.getByText('Member · staff').waitFor();
    await dialog.getByLabel('Note (optional)').fill('Cam, please check the lease before Friday.');
    await settled(staff);
    await screenshot(staff, 'portal-forward-dialog');
    await expectAccessible(staff, 'the forward dialog');
    await dialog.getByRole('button', { name: 'Forward', exact: true }).click();
    await toast(staff, 'Message forwarded.');

    const reader = await newPage();
    await signIn(reader, t, colleague.email, colleague.password);
    await reader.getByRole('link', { name: /Unread.*Lee Counsel.*Fwd: Signed lease/ }).click();
    await bodyFrame(reader, 'Lee Counsel').getByText('Here is the signed lease. Let me know if anything is missing.').waitFor();
    await expect(bodyFrame(reader, 'Lee Counsel').locator('body').innerText()).resolves.toMatch(/^Cam, please check the lease before Friday\.\s+-+ Forwarded message -+\s+From: Ana Client/);
    const [download] = await Promise.all([reader.waitForEvent('download'), reader.getByRole('button', { name: 'Download lease-signed.pdf' }).click()]);
    expect(fs.readFileSync(await download.path())).toEqual(lease);
    await screenshot(reader, 'portal-forwarded');
    await expectAccessible(reader, 'a forwarded message');
    expect(pageProblems(reader)).toEqual([]);
    await reader.close();

    // The client list: loading, failing, then loaded; the client's history; writing to them.
    const release = await holdThenFail(staff, '**/api/v1/clients?*');
    await navLink(staff, 'Clients').click();
    await staff.getByLabel('Loading clients').waitFor();
    await screenshot(staff, 'portal-clients-loading');
    release();
    await staff.getByText('We could not load your clients').waitFor();
    await screenshot(staff, 'portal-clients-unreachable');
    await staff.unroute('**/api/v1/clients?*');
    await staff.getByRole('button', { name: 'Try again' }).click();
    const clients = staff.getByRole('list', { name: 'Clients' });
    await clients.getByRole('listitem').filter({ hasText: /Ana Client.*1 message · last/ }).waitFor();
    await expect(clients.getByRole('listitem').count()).resolves.toBe(1);
    await staff.reload();
    await clients.waitFor();
    await screenshot(staff, 'portal-clients');
    await expectAccessible(staff, 'the client list');
    await clients.getByRole('link', { name: 'Ana Client' }).click();
    await staff.waitForURL(`${t.url}/portal/clients/${client.accountId}`);
    await staff.getByRole('list', { name: 'Conversations with Ana Client' }).getByRole('link', { name: /Signed lease/ }).waitFor();
    await screenshot(staff, 'portal-client-history');
    await expectAccessible(staff, "a client's history");
    await staff.getByRole('button', { name: 'Write to Ana Client' }).click();
    await staff.getByRole('heading', { name: 'New message' }).waitFor();
    const chip = staff.getByRole('list', { name: 'To recipients' }).getByRole('listitem').filter({ hasText: client.email });
    await chip.getByText('Member · guest').waitFor();

    // Deleting the only message with the client from the pro's view takes them off the list.
    await navLink(staff, 'Inbox').click();
    await staff.getByRole('link', { name: /Ana Client.*Signed lease/ }).click();
    await staff.getByRole('button', { name: 'Delete' }).click();
    await staff.getByRole('dialog', { name: 'Delete from your view?' }).getByRole('button', { name: 'Delete' }).click();
    await toast(staff, 'Deleted from your view.');
    await navLink(staff, 'Clients').click();
    await staff.getByRole('heading', { name: 'No clients yet' }).waitFor();
    await staff.reload();
    await staff.getByRole('heading', { name: 'No clients yet' }).waitFor();
    await screenshot(staff, 'portal-clients-empty');
    await expectAccessible(staff, 'an empty client list');
    expect(pageProblems(staff).filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await staff.close();
  });

  test('when / is opened signed in, then it goes to the portal; a next that leaves the site is ignored at registration and sign-in', async () => {
    const guestEmail = uniqueEmail('mallory');
    await send(t, pro.accessToken, { subject: 'Welcome', html: '<p>Welcome.</p>', to: [{ email: guestEmail }], confirmedInvitations: [guestEmail] });
    const link = linkIn((await t.mailTo(guestEmail))[0]!, '/register').replace(/next=[^&]*/, `next=${encodeURIComponent('https://evil.example/portal/')}`);
    const guest = await newPage();
    await guest.goto(link);
    await guest.getByLabel('Your name').fill('Mal Guest');
    await guest.getByLabel('Choose a password').fill('a calm and sturdy passphrase');
    await guest.getByRole('button', { name: 'Create account' }).click();
    await guest.waitForURL(`${t.url}/portal`);
    await guest.getByRole('link', { name: /Unread.*Dana Reyes.*Welcome/ }).waitFor();
    await guest.close();

    const page = await newPage();
    await page.goto(`${t.url}/login?next=${encodeURIComponent('//evil.example/portal')}`);
    await signIn(page, t, pro.email, pro.password);
    await page.goto(`${t.url}/`);
    await page.waitForURL(`${t.url}/portal`);
    const deep = await page.goto(`${t.url}/portal/no/such/page`);
    // Every /portal address is the page; its CSP admits message formatting (style attributes) but no inline script.
    const csp = deep?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/style-src 'self' 'nonce-[^']+'; style-src-attr 'unsafe-inline'/);
    expect(csp).toContain("script-src 'self'; script-src-attr 'none'");
    await page.getByRole('heading', { name: 'There is nothing at this address' }).waitFor();
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
