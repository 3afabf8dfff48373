/**
 * The single sign-on settings over HTTP: an admin sets up an OpenID provider on a verified domain, the secret is
 * never returned and is kept when left out, fields that do not fit the kind are refused, another organization's
 * domain cannot be covered, and every change is audited without the secret.
 */
import { openClientSecret } from '../../sso/clientSecret';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';

let t: TestServer;
let cast: Cast;
let other: Cast;
let domainId: string;
let otherDomainId: string;

async function verifiedDomain(c: Cast, domain: string): Promise<string> {
  const { record } = await t.store.domains.create({ organizationId: c.organizationId, domain, verificationToken: 't', createdBy: c.admin.accountId });
  await t.store.domains.markVerified(c.organizationId, record.id);
  return record.id;
}

beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Single Sign Clinic');
  other = await castOrganization(t, 'Other Clinic');
  domainId = await verifiedDomain(cast, 'sso-clinic.test');
  otherDomainId = await verifiedDomain(other, 'other-clinic.test');
});
afterAll(async () => {
  await t.stop();
});

const oidc = {
  kind: 'oidc',
  displayName: 'Clinic ID',
  issuer: 'https://id.sso-clinic.test',
  clientId: 'sealpost-web',
  clientSecret: 'first secret value',
  prosMustUseSso: true,
  trustProviderMfa: false,
};

const put = (body: unknown, token = cast.admin.accessToken) => t.api('PUT', '/api/v1/organization/sso', { token, body });

test('when an admin sets up an OpenID provider, then it is read back without the secret, the secret is sealed and the change audited', async () => {
  const saved = await put({ ...oidc, coveredDomainIds: [domainId] });
  expect(saved.status).toBe(200);
  expect(saved.body.provider).toMatchObject({
    kind: 'oidc', displayName: 'Clinic ID', issuer: 'https://id.sso-clinic.test', clientId: 'sealpost-web', hasClientSecret: true,
    entraTenantId: null, coveredDomains: [{ id: domainId, domain: 'sso-clinic.test' }], prosMustUseSso: true, trustProviderMfa: false,
  });
  const read = await t.api('GET', '/api/v1/organization/sso', { token: cast.admin.accessToken });
  expect(read.body).toEqual(saved.body);
  expect(JSON.stringify(read.body)).not.toContain('first secret value');

  const stored = (await t.store.ssoProviders.find(cast.organizationId))!;
  expect(stored.clientSecretSealed).not.toContain('first secret value');
  expect(openClientSecret(t.deps.secrets.keyring, cast.organizationId, stored.clientSecretSealed!)).toBe('first secret value');

  const [event] = await t.store.audit.list(cast.organizationId, { limit: 1 });
  expect(event).toMatchObject({ action: expect.stringMatching(/^organization\.sso_(configured|changed)$/), data: { clientSecretChanged: true, coveredDomains: ['sso-clinic.test'] } });
  expect(JSON.stringify(event)).not.toContain('first secret value');
});

test('when the admin saves again without a secret, then the stored one is kept; a new client id without its secret is refused', async () => {
  await put({ ...oidc, coveredDomainIds: [domainId] });
  const kept = await put({ ...oidc, clientSecret: undefined, displayName: 'Clinic Login', coveredDomainIds: [domainId] });
  expect(kept.status).toBe(200);
  expect(kept.body.provider).toMatchObject({ displayName: 'Clinic Login', hasClientSecret: true });
  const stored = (await t.store.ssoProviders.find(cast.organizationId))!;
  expect(openClientSecret(t.deps.secrets.keyring, cast.organizationId, stored.clientSecretSealed!)).toBe('first secret value');

  const newClient = await put({ ...oidc, clientSecret: undefined, clientId: 'another-client', coveredDomainIds: [domainId] });
  expect([newClient.status, newClient.body.code]).toEqual([400, 'invalid_sso_settings']);
  expect((await t.store.ssoProviders.find(cast.organizationId))!.clientId).toBe('sealpost-web');

  // the secret would go to the token endpoint the new issuer names: another issuer (or kind) needs it typed again
  const newIssuer = await put({ ...oidc, clientSecret: undefined, issuer: 'https://attacker.example', coveredDomainIds: [domainId] });
  expect([newIssuer.status, newIssuer.body.code, newIssuer.body.field]).toEqual([400, 'invalid_sso_settings', 'clientSecret']);
  expect((await t.store.ssoProviders.find(cast.organizationId))!.issuer).toBe('https://id.sso-clinic.test');
});

test.each([
  ['an http issuer', { issuer: 'http://id.sso-clinic.test' }, 'issuer'],
  ['an issuer that is no address', { issuer: 'id.sso-clinic.test' }, 'issuer'],
  ['no issuer', { issuer: undefined }, 'issuer'],
  ['no client id', { clientId: null }, 'clientId'],
  ['a tenant id on a generic provider', { entraTenantId: '11111111-2222-3333-4444-555555555555' }, 'entraTenantId'],
  ['Entra without a tenant id', { kind: 'entra' }, 'entraTenantId'],
  ['a new client id without its secret', { clientId: 'a-new-client', clientSecret: undefined }, 'clientSecret'],
] as const)('when the settings have %s, then the refusal names the field to correct, for the form to show it there', async (_what, change, field) => {
  await put({ ...oidc, coveredDomainIds: [domainId] });
  const res = await put({ ...oidc, ...change, coveredDomainIds: [domainId] });
  expect([res.status, res.body.code, res.body.field]).toEqual([400, 'invalid_sso_settings', field]);
});

test.each([
  ['an http issuer', { issuer: 'http://id.sso-clinic.test' }, 'invalid_sso_settings'],
  ['an issuer that is no address', { issuer: 'id.sso-clinic.test' }, 'invalid_sso_settings'],
  ['an issuer with a query', { issuer: 'https://id.sso-clinic.test/?x=1' }, 'invalid_sso_settings'],
  ['no issuer', { issuer: undefined }, 'invalid_sso_settings'],
  ['no client id', { clientId: null }, 'invalid_sso_settings'],
  ['a tenant id on a generic provider', { entraTenantId: '11111111-2222-3333-4444-555555555555' }, 'invalid_sso_settings'],
  ['Entra without a tenant id', { kind: 'entra' }, 'invalid_sso_settings'],
  ['a tenant id that is no GUID', { kind: 'entra', entraTenantId: 'contoso.onmicrosoft.com' }, 'invalid_request'],
  ['a bidi character in the client id', { clientId: 'sealpost\u202eweb' }, 'invalid_request'],
  ['a NUL in the secret', { clientSecret: 'a\u0000b' }, 'invalid_text'],
  ['a secret of 1 MB', { clientSecret: 'x'.repeat(1_000_000) }, 'invalid_request'],
  ['an unknown field', { clientSecretSealed: 'x' }, 'invalid_request'],
  ["another organization's verified domain", { coveredDomainIds: ['the other organization'] }, 'sso_domain_not_coverable'],
  ['a domain id that does not exist', { coveredDomainIds: ['00000000-0000-4000-8000-000000000000'] }, 'sso_domain_not_coverable'],
])('when the settings have %s, then it is refused with a sentence and nothing changes', async (_what, change, code) => {
  const before = await t.store.ssoProviders.find(cast.organizationId);
  // The other organization's domain exists only once the suite has started, so the table names it in words.
  const covered = 'coveredDomainIds' in change ? change.coveredDomainIds!.map((id) => (id === 'the other organization' ? otherDomainId : id)) : [domainId];
  const res = await put({ ...oidc, ...change, coveredDomainIds: covered });
  expect([res.status, res.body.code]).toEqual([400, code]);
  expect(res.body.detail ?? res.body.message).toEqual(expect.any(String));
  expect(await t.store.ssoProviders.find(cast.organizationId)).toEqual(before);
});

test("when an admin sets up Entra through Sealpost's application, then the issuer is the tenant's and no secret is kept", async () => {
  const tenant = 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE';
  const res = await put({ kind: 'entra', displayName: 'Microsoft', entraTenantId: tenant, clientId: null, coveredDomainIds: [domainId], prosMustUseSso: false, trustProviderMfa: true }, other.admin.accessToken);
  // The other organization cannot cover this organization's domain …
  expect(res.body.code).toBe('sso_domain_not_coverable');
  const own = await put({ kind: 'entra', displayName: 'Microsoft', entraTenantId: tenant, clientId: null, coveredDomainIds: [otherDomainId], prosMustUseSso: false, trustProviderMfa: true }, other.admin.accessToken);
  expect(own.status).toBe(200);
  expect(own.body.provider).toMatchObject({
    kind: 'entra', issuer: `https://login.microsoftonline.com/${tenant.toLowerCase()}/v2.0`, entraTenantId: tenant.toLowerCase(), clientId: null, hasClientSecret: false,
  });
  // … and this organization's provider is untouched.
  expect((await t.api('GET', '/api/v1/organization/sso', { token: cast.admin.accessToken })).body.provider.kind).toBe('oidc');
});

test('when a user manager or a pro reads or changes the settings, then it is 403 with a sentence', async () => {
  for (const token of [cast.userManager.accessToken, cast.pro.accessToken, cast.guest.accessToken]) {
    const read = await t.api('GET', '/api/v1/organization/sso', { token });
    const write = await put({ ...oidc, coveredDomainIds: [] }, token);
    expect([read.status, write.status]).toEqual([403, 403]);
  }
});

test('when an admin removes the provider, then it is gone, the removal is audited, and removing again is still 204', async () => {
  await put({ ...oidc, coveredDomainIds: [domainId] });
  const removed = await t.api('DELETE', '/api/v1/organization/sso', { token: cast.admin.accessToken });
  expect(removed.status).toBe(204);
  expect((await t.api('GET', '/api/v1/organization/sso', { token: cast.admin.accessToken })).body).toEqual({ provider: null, redirectUri: `${t.url}/auth/sso/callback` });
  const [event] = await t.store.audit.list(cast.organizationId, { limit: 1 });
  expect(event?.action).toBe('organization.sso_removed');
  expect((await t.api('DELETE', '/api/v1/organization/sso', { token: cast.admin.accessToken })).status).toBe(204);
});
