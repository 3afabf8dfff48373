/**
 * The organization's say over its messages, in Chromium against the real backend: the admin turns on "no
 * forwarding" by default, a colleague who receives such a message is told it is not for forwarding and offered no
 * Forward; the admin recalls a pro's message from its event in the audit log, and the client sees who recalled it.
 */
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { castOrganization, inviteAndRegister, sendAs, type Cast, type Member } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { row, signInTo, toast } from '../../../../src/testing/adminPages';

describeBrowser('admin page: recall any message, no forwarding', ({ newPage }) => {
  let t: TestServer;
  let cast: Cast;
  let colleague: Member;
  beforeAll(async () => {
    t = await startTestServer();
    cast = await castOrganization(t, 'Harbor Clinic');
    colleague = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Cam Colleague' });
  }, 60_000);
  afterAll(async () => {
    await t.stop();
  });

  test('when the admin sets "no forwarding" by default, then a colleague receiving a message is offered no Forward and told why', async () => {
    const admin = await newPage();
    await signInTo(admin, t, cast.admin.email, cast.admin.password, '/admin#settings');
    await admin.getByRole('switch', { name: /No forwarding/ }).click();
    await toast(admin, 'New messages now start with "no forwarding".');
    await admin.close();

    const sent = await sendAs(t, cast.pro.accessToken, { subject: 'Staff rota', to: [{ email: colleague.email }] });
    const reader = await newPage();
    await signInTo(reader, t, colleague.email, colleague.password, `/portal/messages/${sent.id}`);
    await reader.getByText('Its sender asked that this message not be forwarded.').waitFor();
    expect(await reader.getByRole('button', { name: 'Forward' }).count()).toBe(0);
    await screenshot(reader, 'portal-no-forwarding');
    await expectAccessible(reader, 'a message marked no forwarding');
    expect(pageProblems(reader)).toEqual([]);
    await reader.close();

    const writer = await newPage();
    await signInTo(writer, t, cast.pro.email, cast.pro.password, '/portal/compose');
    await expect(writer.getByRole('checkbox', { name: /No forwarding/ }).isChecked()).resolves.toBe(true);
    await writer.close();
  });

  test("when the admin recalls a pro's message from the audit log, then the client sees that the admin recalled it and why", async () => {
    const sent = await sendAs(t, cast.pro.accessToken, { subject: 'Results for the wrong patient', to: [{ email: cast.guest.email }] });
    const admin = await newPage();
    await signInTo(admin, t, cast.admin.email, cast.admin.password, '/admin#audit');
    await admin.getByRole('table', { name: 'Audit events' }).waitFor();
    await admin.getByLabel('Action').selectOption('message.sent');
    const sentRow = row(admin, 'Pat Pro').first();
    await sentRow.getByRole('button', { name: 'Recall' }).click();
    const dialog = admin.getByRole('alertdialog', { name: 'Recall this message?' });
    await dialog.getByLabel('Reason (shown to the recipients)').fill('Sent to the wrong patient');
    await screenshot(admin, 'admin-recall-dialog');
    await dialog.getByRole('button', { name: 'Recall message' }).click();
    await toast(admin, 'Message recalled.');
    await sentRow.getByRole('button', { name: 'Recalled' }).waitFor();
    expect(pageProblems(admin)).toEqual([]);
    await admin.close();

    const client = await newPage();
    await signInTo(client, t, cast.guest.email, cast.guest.password, `/portal/messages/${sent.id}`);
    await client.getByText(/Recalled by Dana Reyes on .*Reason: Sent to the wrong patient/).first().waitFor();
    await screenshot(client, 'portal-recalled-by-admin');
    await client.close();
  });
}, { stepTimeoutMs: 10_000 });
