/**
 * The portal's account menu in Chromium: an admin who has just signed up an organization sees "Admin" as their role
 * and an Admin entry that opens /admin; a user manager sees theirs and the entry too; plain staff and guests see
 * their kind of membership and no entry. Desktop and phone widths are screenshotted and checked with axe.
 */
import type { Page } from 'playwright-core';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { castOrganization, uniqueEmail, type Cast } from '../../../../src/testing/members';
import { linkIn, startTestServer, type TestServer } from '../../../../src/testing/testServer';

async function signIn(page: Page, t: TestServer, email: string, password: string) {
  await page.goto(`${t.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${t.url}/portal`);
}

/** Dialogs and menus fade in: axe measures contrast only once every animation has finished. */
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

const openAccountMenu = async (page: Page) => {
  await page.locator('button[title="Your account"]').click();
  await page.getByRole('menu').waitFor();
  await settled(page);
};

describeBrowser('account menu', ({ newPage }) => {
  let t: TestServer;
  let cast: Cast;
  beforeAll(async () => {
    t = await startTestServer();
    cast = await castOrganization(t, 'Harbor Clinic');
  });
  afterAll(async () => {
    await t.stop();
  });

  test('when an admin signs up an organization, then the account menu names them Admin and its Admin entry opens /admin', async () => {
    const email = uniqueEmail('owner', 'clinic.example');
    const page = await newPage();
    await page.goto(`${t.url}/signup`);
    await page.getByLabel('Organization name').fill('Seaside Dental');
    await page.getByLabel('Your name').fill('Ava Admin');
    await page.getByLabel('Work email').fill(email);
    await page.getByLabel('Password').fill('a calm and sturdy passphrase');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText('Open the link in it').waitFor();
    const [mail] = await t.mailTo(email);
    await page.goto(linkIn(mail!, '/signup/confirm'));
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.waitForURL(/\/portal/);
    // Open menus leave focus guards that axe counts: the page is judged before the menu opens.
    await expectAccessible(page, 'the portal of a new admin');

    await openAccountMenu(page);
    await page.getByText('Admin, User manager · Seaside Dental').waitFor();
    await expect(page.getByText('Staff ·').count()).resolves.toBe(0);
    await screenshot(page, 'portal-account-menu-admin');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'portal-account-menu-admin-phone');
    await page.getByRole('menuitem', { name: 'Admin' }).click();
    await page.waitForURL(`${t.url}/admin`);
    await page.getByRole('navigation', { name: 'Admin sections' }).waitFor();
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });

  test('when a user manager opens the menu, then it names the role and offers Admin; staff and guests get neither', async () => {
    const manager = await newPage();
    await signIn(manager, t, cast.userManager.email, cast.userManager.password);
    await openAccountMenu(manager);
    await manager.getByText('User manager · Harbor Clinic').waitFor();
    await manager.getByRole('menuitem', { name: 'Admin' }).waitFor();
    await screenshot(manager, 'portal-account-menu-user-manager');

    for (const [person, label] of [[cast.pro, 'Staff'], [cast.guest, 'Guest']] as const) {
      const page = await newPage();
      await signIn(page, t, person.email, person.password);
      await openAccountMenu(page);
      await page.getByText(`${label} · Harbor Clinic`).waitFor();
      await expect(page.getByRole('menuitem', { name: 'Admin' }).count()).resolves.toBe(0);
      if (label === 'Guest') {
        await page.setViewportSize({ width: 390, height: 844 });
        await screenshot(page, 'portal-account-menu-guest-phone');
      }
      expect(pageProblems(page)).toEqual([]);
      await page.close();
    }
    expect(pageProblems(manager)).toEqual([]);
    await manager.close();
  });
});
