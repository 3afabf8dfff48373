/**
 * Branding in Chromium against the real backend: an admin uploads a logo, is told when a file is too big or not an
 * image, sets an accent colour, and sees both in the invitation email preview and in the portal's header.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signUpOrganization, type SignedUp } from '../../../../src/testing/accounts';
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { pngImage } from '../../../../src/testing/images';
import { eventually, signInTo, toast } from '../../../../src/testing/adminPages';

describeBrowser('admin page: branding', ({ newPage }) => {
  let t: TestServer;
  let admin: SignedUp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await signUpOrganization(t, { organizationName: 'Harbor Clinic', name: 'Dana Reyes' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-logos-'));
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('when an admin uploads a logo and picks a colour, then the preview of the invitation email shows both', async () => {
    const logo = path.join(dir, 'harbor.png');
    fs.writeFileSync(logo, pngImage(180, 48, [176, 65, 62]));
    const tooBig = path.join(dir, 'huge.png');
    fs.writeFileSync(tooBig, pngImage(450, 450, [0, 0, 0], true));
    const notImage = path.join(dir, 'notes.png');
    fs.writeFileSync(notImage, '<svg xmlns="http://www.w3.org/2000/svg"/>');

    const page = await newPage();
    await signInTo(page, t, admin.email, admin.password, '/admin#branding');
    await page.getByText('No logo yet: emails show your name.').waitFor();

    await page.getByLabel('Logo file').setInputFiles(tooBig);
    await page.getByText('huge.png is larger than 512 KB.').waitFor();
    await page.getByLabel('Logo file').setInputFiles(notImage);
    await page.getByText('The logo must be a PNG or JPEG image.').waitFor();

    await page.getByLabel('Logo file').setInputFiles(logo);
    await toast(page, 'Logo saved.');
    await page.getByRole('img', { name: 'Harbor Clinic logo' }).waitFor();

    await page.getByLabel('Hex colour').fill('#B0413E');
    await page.getByRole('button', { name: 'Save colour' }).click();
    await toast(page, 'Accent colour saved.');
    const preview = page.frameLocator('iframe[title="Preview of the invitation email"]');
    const button = preview.getByRole('link', { name: 'Register', exact: true });
    // The preview reloads after each save.
    const color = () => button.evaluate((a) => getComputedStyle(a).backgroundColor).catch(() => '');
    await expect(eventually(color, (c) => c === 'rgb(176, 65, 62)')).resolves.toBe('rgb(176, 65, 62)');
    await expect(preview.getByRole('img', { name: 'Harbor Clinic' }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).resolves.toBe(180);
    await screenshot(page, 'admin-branding');
    await expectAccessible(page, 'the branding section');

    const branding = (await t.api('GET', '/api/v1/branding', { token: admin.accessToken })).body;
    expect(branding.accentColor).toBe('#b0413e');
    expect(pageProblems(page)).toEqual([]);

    await page.goto(`${t.url}/portal`);
    const header = page.locator('header[data-branded="true"]');
    await header.getByRole('img', { name: 'Harbor Clinic' }).waitFor();
    expect(await header.evaluate((h) => [getComputedStyle(h).backgroundColor, getComputedStyle(h).color])).toEqual(['rgb(176, 65, 62)', 'rgb(255, 255, 255)']);
    await expect(header.getByRole('img', { name: 'Harbor Clinic' }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).resolves.toBe(180);
    await screenshot(page, 'portal-branded-header');
    await expectAccessible(page, 'the branded portal');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
