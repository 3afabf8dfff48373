/**
 * Nested app authentication in Chromium: the real built task pane and launchevent.js in the Outlook host simulator,
 * whose Office.js offers the host's bridge where the client supports NestedAppAuth (clients.ts, nestedAppAuthBridge.ts),
 * and the real backend, which trusts the test's Entra keys through a loopback key set. The organization requires
 * secure external mail. With NAA the pane is signed in without a dialog and the send handler stores secure mail with
 * the pane never opened; without it, or when Sealpost refuses the Microsoft token, the old paths hold: the first
 * send asks to sign in, and nothing leaves in clear.
 */
import type { Page } from 'playwright-core';
import { SIGN_IN_ALERT } from '../../../addin/src/events/testing/alertText';
import { BUILT_ENTRA_CLIENT_ID, ensureAddinBuild } from '../../../addin/test/hostSimulator/addinBuild';
import type { ClientName } from '../../../addin/test/hostSimulator/clients';
import type { NestedAppAuthModel } from '../../../addin/test/hostSimulator/nestedAppAuthBridge';
import { OutlookHost } from '../../../addin/test/hostSimulator/outlookHost';
import { until } from '../../../addin/test/hostSimulator/until';
import { describeBrowser, screenshot } from '../../src/testing/browser';
import { startTestEntra, type TestEntra } from '../../src/testing/entraTokens';
import { castOrganization, inviteAndRegister, type Cast, type Member } from '../../src/testing/members';
import { startTestServer, type TestServer } from '../../src/testing/testServer';

jest.setTimeout(180_000);

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const UNPINNED_TENANT = 'b2a6c2f0-1d1e-4b8c-9a4e-0c7f3f1b2d3e';
const DOMAIN = 'naa-browser.test';

describeBrowser('Microsoft 365 sign-in through Outlook (nested app authentication, host simulator)', (suite) => {
  let t: TestServer;
  let entra: TestEntra;
  let cast: Cast;
  let dana: Member;

  beforeAll(async () => {
    await ensureAddinBuild();
    entra = await startTestEntra();
    t = await startTestServer({ env: { ENTRA_CLIENT_ID: BUILT_ENTRA_CLIENT_ID, ENTRA_JWKS_URL: entra.jwksUrl } });
    cast = await castOrganization(t, 'Lakeside Clinic');
    const { record } = await t.store.domains.create({ organizationId: cast.organizationId, domain: DOMAIN, verificationToken: 't', createdBy: cast.admin.accountId });
    await t.store.domains.markVerified(cast.organizationId, record.id);
    const sso = await t.api('PUT', '/api/v1/organization/sso', {
      token: cast.admin.accessToken,
      body: { kind: 'entra', displayName: 'Microsoft', entraTenantId: TENANT, clientId: null, coveredDomainIds: [record.id], prosMustUseSso: false, trustProviderMfa: false },
    });
    if (sso.status !== 200) throw new Error(`saving the provider answered ${sso.status}: ${JSON.stringify(sso.body)}`);
    const policy = await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { secureSendPolicy: 'external_always' } });
    if (policy.status !== 200) throw new Error(`the policy change answered ${policy.status}`);
    dana = await inviteAndRegister(t, cast.admin, { email: `dana@${DOMAIN}`, type: 'pro', name: 'Dana Doctor' });
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
    await entra?.stop();
  });

  const outlookAccount = (tenantId = TENANT): NestedAppAuthModel => ({
    account: { tenantId, objectId: '00000000-0000-4000-8000-0000000b0a1d', email: dana.email, name: 'Dana Doctor' },
    silent: 'token',
    popup: 'token',
    sign: (claims) => entra.sign(claims),
  });
  const guest = () => ({ displayName: 'Gus Guest', emailAddress: cast.guest.email, recipientType: 'externalUser' as const });

  async function send(host: OutlookHost, page: Page): Promise<'sent' | 'blocked'> {
    if (host.alert) await page.click('#alert-dismiss');
    const outcome = host.nextSendOutcome();
    await page.click('#send');
    return outcome;
  }

  async function compose(host: OutlookHost, client: string): Promise<void> {
    host.item.subject = `Results (${client})`;
    host.item.bodyHtml = `<p>Gus, your result: HbA1c 6.1% (${client}).</p>`;
    await host.setRecipients('to', [guest()]);
  }

  test('when the pane opens in Outlook on the web, then Dana is signed in without any dialog', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, { client: 'web', userEmail: dana.email, nestedAppAuth: outlookAccount() });
    await page.click('#addin-button');
    const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
    await pane.getByRole('switch', { name: 'Send securely' }).waitFor();
    expect(await pane.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    expect(host.dialog).toBeNull();
    expect(host.nestedAppAuthRequests.map((r) => r.method)).toEqual(expect.arrayContaining(['GetInitContext', 'GetToken']));
    expect(host.violations).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'naa-pane-signed-in-1280');
  });

  test.each<ClientName>(['classicWindows', 'web'])(
    'when %s sends under the secure-external policy with the pane never opened, then the handler signs in through Outlook and the message is stored',
    async (client) => {
      const page = await suite.newPage();
      const host = await OutlookHost.open(page, t.url, { client, userEmail: dana.email, nestedAppAuth: outlookAccount() });
      await compose(host, client);
      expect(await send(host, page)).toBe('sent');
      expect(host.item.bodyHtml).toContain('data-sealpost-notice');
      expect(host.item.bodyHtml).not.toContain('HbA1c');
      const messageId = /\/portal\/messages\/([0-9a-f-]{36})/.exec(host.item.bodyHtml)![1]!;
      const stored = await t.api('GET', `/api/v1/messages/${messageId}`, { token: dana.accessToken });
      expect([stored.status, stored.body.subject]).toEqual([200, `Results (${client})`]);
      expect(host.nestedAppAuthRequests.map((r) => r.method)).toContain('GetToken');
      expect(host.nestedAppAuthRequests.map((r) => r.method)).not.toContain('GetTokenPopup');
      expect(host.dialog).toBeNull();
      expect(host.violations).toEqual([]);
    },
  );

  test('when classic Windows has no nested app authentication, then the first send asks to sign in as before and nothing leaves in clear', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, {
      client: 'classicWindows', answers: { nestedAppAuth: false }, userEmail: dana.email, nestedAppAuth: outlookAccount(),
    });
    await compose(host, 'no NAA');
    expect(await send(host, page)).toBe('blocked');
    expect(host.alert).toMatchObject({ errorMessage: SIGN_IN_ALERT.firstSignIn, cancelLabel: 'Sign in' });
    expect(host.item.bodyHtml).toContain('HbA1c');
    expect(host.nestedAppAuthRequests).toEqual([]);
    expect(host.violations).toEqual([]);
  });

  test('when Sealpost refuses the Microsoft token (a tenant no organization connected), then the send asks to sign in and nothing leaves in clear', async () => {
    const page = await suite.newPage();
    const host = await OutlookHost.open(page, t.url, { client: 'web', userEmail: dana.email, nestedAppAuth: outlookAccount(UNPINNED_TENANT) });
    await compose(host, 'refused');
    expect(await send(host, page)).toBe('blocked');
    expect(host.alert).toMatchObject({ errorMessage: SIGN_IN_ALERT.firstSignIn, cancelLabel: 'Sign in' });
    expect(host.item.bodyHtml).toContain('HbA1c');
    expect(host.nestedAppAuthRequests.map((r) => r.method)).toContain('GetToken');
    // The pane then offers the Sealpost dialog: Microsoft gave nothing Sealpost accepts.
    await page.click('#alert-command');
    const pane = await until('the task pane', () => page.frames().find((f) => f.url().includes('/addin/taskpane.html')));
    await pane.getByRole('button', { name: 'Sign in' }).click();
    await until('the sign-in dialog', () => host.dialog?.page);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'naa-refused-fallback-390');
  });
});
