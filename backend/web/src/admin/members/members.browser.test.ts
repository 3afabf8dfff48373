/**
 * The admin page's Members section in Chromium against the real backend: an admin invites someone, resends,
 * corrects the address, the person registers, the admin is refused a pro without a free seat and then upgrades
 * them, makes them a user manager and removes them, after which their session and sign-in are refused.
 * Also: who may open the page at all. Every state is screenshotted and checked with axe.
 */
import fs from 'node:fs';
import path from 'node:path';
import { login, signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { inviteAndRegister, invitationToken, uniqueEmail } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { namesShown, row, rowAction, signInTo, toast } from '../../../../src/testing/adminPages';
import { buySeats } from '../../../../src/testing/seats';

describeBrowser('admin page: members', ({ newPage }) => {
  let t: TestServer;
  let admin: SignedUp;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    // Two more seats, both taken by pros: no seat is free when the admin tries to upgrade someone.
    await buySeats(t, admin.accessToken, 2);
    await inviteAndRegister(t, admin, { type: 'pro', name: 'Pat Okafor' });
    await inviteAndRegister(t, admin, { type: 'pro', name: 'Lee Tanaka' });
    await inviteAndRegister(t, admin, { type: 'guest', name: 'Gil Brown' });
    await inviteAndRegister(t, admin, { type: 'guest', name: 'Sam Rossi' });
    await t.api('POST', '/api/v1/invitations', { token: admin.accessToken, body: { email: uniqueEmail('kim'), name: 'Kim Silva', type: 'guest' } });
  }, 120_000);
  afterAll(async () => {
    await t.stop();
  });

  test('when an admin invites, resends, corrects, upgrades, promotes and removes someone, then each step shows and takes effect', async () => {
    const page = await newPage();
    await signInTo(page, t, admin.email, admin.password);
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await row(page, 'Pat Okafor').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Showing' }).innerText()).resolves.toBe('Showing 6 of 6 members');
    await screenshot(page, 'admin-members');
    await expectAccessible(page, 'the members list');

    // Invite, by keyboard: the Invite button, the fields, Enter to send.
    const first = uniqueEmail('robin');
    await page.getByRole('button', { name: 'Invite' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByLabel('Name').fill('Robin Client');
    await dialog.getByLabel('Email').fill(first);
    await screenshot(page, 'admin-members-invite');
    await expectAccessible(page, 'the invite dialog');
    await dialog.getByLabel('Email').press('Enter');
    await toast(page, `Invitation sent to ${first}.`);
    await row(page, 'Robin Client').getByText('Invited').waitFor();
    expect(await t.mailTo(first)).toHaveLength(1);

    await rowAction(page, 'Robin Client', 'Resend invitation');
    await toast(page, `Invitation sent again to ${first}.`);
    expect(await t.mailTo(first)).toHaveLength(2);

    const corrected = uniqueEmail('robin.new');
    await rowAction(page, 'Robin Client', 'Edit email or phone');
    const edit = page.getByRole('dialog', { name: "Correct Robin Client's invitation" });
    await edit.getByLabel('Email').fill(corrected);
    await edit.getByLabel('Mobile phone').fill('+1 555 010 0199');
    await edit.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'A new invitation went to the new address');
    await row(page, corrected).waitFor();

    // The person registers from the corrected address's email.
    const registered = await t.api('POST', '/api/v1/registration', { body: { token: await invitationToken(t, corrected), password: 'robin sturdy passphrase' } });
    expect(registered.status).toBe(200);
    await page.reload();
    await row(page, 'Robin Client').getByText('Registered').waitFor();

    // No seat is free: the dialog says so, and the server's refusal is shown in its words.
    await rowAction(page, 'Robin Client', 'Make pro');
    const upgrade = page.getByRole('dialog', { name: 'Make Robin Client a pro?' });
    await upgrade.getByText('No seat is free for 1 new pro.').waitFor();
    await upgrade.getByRole('button', { name: 'Make pro' }).click();
    await upgrade.getByText('All 3 seat(s) are in use. Buy more seats or make someone a guest first.').waitFor();
    await screenshot(page, 'admin-members-no-seat');
    await expectAccessible(page, 'the refused upgrade');
    await upgrade.getByRole('button', { name: 'Cancel' }).click();

    await buySeats(t, admin.accessToken, 1);
    await rowAction(page, 'Robin Client', 'Make pro');
    await page.getByRole('dialog', { name: 'Make Robin Client a pro?' }).getByText('1 seat of 4 is free; this uses 1.').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Make pro' }).click();
    await toast(page, 'Robin Client is now a pro.');
    await row(page, 'Robin Client').getByRole('cell', { name: 'Pro', exact: true }).waitFor();

    await rowAction(page, 'Robin Client', 'Make user manager');
    await toast(page, 'Robin Client is now a user manager.');
    await row(page, 'Robin Client').getByText('User manager').waitFor();

    // The drawer tells the story.
    await page.getByRole('button', { name: 'Robin Client, open details' }).click();
    const drawer = page.getByRole('dialog', { name: 'Member Robin Client' });
    // Sent at first, again, and to the corrected address.
    await drawer.getByText('Sent 3 times', { exact: false }).waitFor();
    const story = await drawer.innerText();
    expect(story).toContain('Invited by Dana Reyes');
    expect(story).toContain('Made user manager');
    expect(story).toContain('Changed from guest to pro');
    expect(story).toContain('+1 555 010 0199');
    await screenshot(page, 'admin-members-drawer');
    await expectAccessible(page, 'the member drawer');

    await drawer.getByRole('button', { name: 'Remove from organization' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove Robin Client?' });
    await confirm.getByText('Removal is immediate and cannot be undone.').waitFor();
    await screenshot(page, 'admin-members-remove');
    await expectAccessible(page, 'the removal confirmation');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await toast(page, 'Robin Client was removed.');
    await page.getByText('Removed from the organization').waitFor();
    await screenshot(page, 'admin-members-removed');

    // Their open session fails on its next request, and signing in says access was revoked.
    const me = await t.api('GET', '/api/v1/me', { token: registered.body.accessToken });
    expect([me.status, me.body.code]).toEqual([403, 'access_revoked']);
    const again = await login(t, corrected, 'robin sturdy passphrase');
    expect([again.status, again.body.detail]).toEqual([403, 'Your access to Harbor Clinic has been revoked.']);
    expect(pageProblems(page)).toEqual([]);

    // The README shows the members page.
    const shot = path.resolve(__dirname, '../../../../../.test-artifacts/screenshots/admin-members.png');
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  });

  test('when members are searched, filtered, selected and changed in bulk, then the server list follows and the CSV has the same rows', async () => {
    for (const name of ['Bea Reyes', 'Cal Reyes', 'Dot Reyes']) {
      await t.api('POST', '/api/v1/invitations', { token: admin.accessToken, body: { email: uniqueEmail(name.split(' ')[0]!.toLowerCase()), name, type: 'guest' } });
    }
    const page = await newPage();
    await signInTo(page, t, admin.email, admin.password);
    await page.getByLabel('Search').fill('reyes');
    await page.getByRole('status').filter({ hasText: 'Showing 4 of 4 members' }).waitFor();
    await page.getByLabel('Status').selectOption('invited');
    await page.getByRole('status').filter({ hasText: 'Showing 3 of 3 members' }).waitFor();
    await page.getByLabel('Sort by').selectOption('name:desc');
    await expect(namesShown(page, ['Dot Reyes', 'Cal Reyes', 'Bea Reyes'])).resolves.toEqual(['Dot Reyes', 'Cal Reyes', 'Bea Reyes']);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\r\n').slice(1, 4).map((line) => line.split(',')[0])).toEqual(['Dot Reyes', 'Cal Reyes', 'Bea Reyes']);

    await page.getByRole('checkbox', { name: 'Select all members shown' }).check();
    const bar = page.getByRole('region', { name: 'Selected members' });
    await bar.getByText('3 members selected').waitFor();
    await screenshot(page, 'admin-members-bulk');
    await expectAccessible(page, 'the bulk action bar');
    await bar.getByRole('button', { name: 'Resend invitations (3)' }).click();
    await page.getByText('Done for 3 members.').waitFor();

    await page.getByRole('checkbox', { name: 'Select Bea Reyes' }).check();
    await page.getByRole('checkbox', { name: 'Select Cal Reyes' }).check();
    await page.getByRole('region', { name: 'Selected members' }).getByRole('button', { name: 'Remove (2)' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove 2 members?' });
    await confirm.getByText('Removal is immediate and cannot be undone.').waitFor();
    await confirm.getByRole('button', { name: 'Remove 2' }).click();
    await page.getByText('Done for 2 members.').waitFor();
    await page.getByRole('status').filter({ hasText: 'Showing 1 of 1 member' }).waitFor();
    await page.getByLabel('Status').selectOption('removed');
    await expect(namesShown(page, ['Cal Reyes', 'Bea Reyes'])).resolves.toEqual(['Cal Reyes', 'Bea Reyes']);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when there are more members than fit a page, then "Show more members" brings the next page in order', async () => {
    const org = await signUpOrganization(t, { organizationName: 'Big Practice', name: 'Ava Admin' });
    for (let i = 0; i < 60; i += 1) {
      const account = await t.store.accounts.create({ email: `bulk${String(i).padStart(2, '0')}-${Date.now()}@big.example`, name: `Zed Person ${String(i).padStart(2, '0')}`, passwordHash: 'x' });
      await t.store.memberships.create({ organizationId: org.organizationId, accountId: account.id, type: 'guest', status: 'active' });
    }
    const page = await newPage();
    await signInTo(page, t, org.email, org.password);
    await page.getByRole('status').filter({ hasText: 'Showing 50 of 61 members' }).waitFor();
    await page.getByRole('button', { name: 'Show more members' }).click();
    await page.getByRole('status').filter({ hasText: 'Showing 61 of 61 members' }).waitFor();
    const names = await page.getByRole('button', { name: /, open details$/ }).allInnerTexts();
    expect(names).toEqual(['Ava Admin', ...Array.from({ length: 60 }, (_, i) => `Zed Person ${String(i).padStart(2, '0')}`)]);
    await expect(page.getByRole('button', { name: 'Show more members' }).count()).resolves.toBe(0);
    await page.close();
  });

  test('when a pro without a role or a guest opens the admin page, then it says which role is needed', async () => {
    await buySeats(t, admin.accessToken, 1);
    for (const [kind, name] of [['pro', 'Noor Plain'], ['guest', 'Gus Guest']] as const) {
      const person = await inviteAndRegister(t, admin, { type: kind, name });
      const page = await newPage();
      await signInTo(page, t, person.email, person.password);
      await page.getByRole('heading', { name: 'You need the admin or user manager role' }).waitFor();
      await expect(page.locator('main').innerText()).resolves.toContain(person.email);
      await screenshot(page, `admin-no-role-${kind}`);
      await expectAccessible(page, `the no-access page for a ${kind}`);
      await page.close();
    }
  });

  test('when someone signed out opens the admin page, then they are sent to sign in and come back to it', async () => {
    const page = await newPage();
    await page.goto(`${t.url}/admin#seats`);
    await page.waitForURL(`${t.url}/login?next=/admin`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${t.url}/admin`);
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
