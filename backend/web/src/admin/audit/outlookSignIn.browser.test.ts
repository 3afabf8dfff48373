/**
 * The audit log names a sign-in from Outlook with Microsoft 365 (POST /api/v1/auth/entra) in words, at desktop and
 * phone widths, against the real backend trusting Microsoft's keys on loopback.
 */
import { describeBrowser, expectAccessible, pageProblems, screenshot } from '../../../../src/testing/browser';
import { entraAccessClaims, entraServerEnv, startTestEntra, TEST_ENTRA_CLIENT_ID, type TestEntra } from '../../../../src/testing/entraTokens';
import { castOrganization, inviteAndRegister, type Cast } from '../../../../src/testing/members';
import { startTestServer, type TestServer } from '../../../../src/testing/testServer';
import { signInTo } from '../../../../src/testing/adminPages';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const DOMAIN = 'outlook-audit.test';

describeBrowser('admin page: sign-ins from Outlook in the audit log', ({ newPage }) => {
  let t: TestServer;
  let entra: TestEntra;
  let cast: Cast;
  beforeAll(async () => {
    entra = await startTestEntra();
    t = await startTestServer({ env: entraServerEnv(entra) });
    cast = await castOrganization(t, 'Harbor Clinic');
    const { record } = await t.store.domains.create({ organizationId: cast.organizationId, domain: DOMAIN, verificationToken: 't', createdBy: cast.admin.accountId });
    await t.store.domains.markVerified(cast.organizationId, record.id);
    await t.api('PUT', '/api/v1/organization/sso', {
      token: cast.admin.accessToken,
      body: { kind: 'entra', displayName: 'Microsoft', entraTenantId: TENANT, clientId: null, coveredDomainIds: [record.id], prosMustUseSso: false, trustProviderMfa: false },
    });
    const pro = await inviteAndRegister(t, cast.admin, { email: `olive@${DOMAIN}`, type: 'pro', name: 'Olive Outlook' });
    const accessToken = await entra.sign(
      entraAccessClaims({ tenantId: TENANT, objectId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d', email: pro.email, audience: TEST_ENTRA_CLIENT_ID }),
    );
    const traded = await t.api('POST', '/api/v1/auth/entra', { body: { accessToken }, ip: '198.18.7.7' });
    if (traded.status !== 200) throw new Error(`the exchange answered ${traded.status}: ${JSON.stringify(traded.body)}`);
  }, 60_000);
  afterAll(async () => {
    await t.stop();
    await entra.stop();
  });

  test('when a pro signed in from Outlook with Microsoft 365, then the audit log says so in words, on a desk and on a phone', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInTo(page, t, cast.admin.email, cast.admin.password, '/admin#audit');
    await page.getByLabel('Action').selectOption('session.');
    const outlook = page.getByRole('table', { name: 'Audit events' }).getByRole('row').filter({ hasText: 'Signed in from Outlook with Microsoft 365' });
    await outlook.first().waitFor();
    const shown = await outlook.first().innerText();
    expect(shown).toContain('Olive Outlook');
    expect(shown).not.toContain('session.entra_signed_in');
    await screenshot(page, 'admin-audit-outlook-sign-in');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'admin-audit-outlook-sign-in-phone');
    await expectAccessible(page, 'the audit log with a sign-in from Outlook');
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });
}, { stepTimeoutMs: 10_000 });
