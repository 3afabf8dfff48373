/**
 * Who may touch an organization's domains, over HTTP: roles are checked on the server, another organization's
 * claim is invisible (404), and malformed, oversized or unexpected input is a 400 that changes nothing.
 */
import { hashPassword } from '../../auth/passwords';
import { startTxtDnsServer, type TxtDnsServer } from '../../domains/testing/txtDnsServer';
import { login, signUpOrganization, type SignedUp } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';

let dns: TxtDnsServer;
let t: TestServer;
let owner: SignedUp;
let claimed: { id: string; domain: string; txtRecord: { value: string } };
beforeAll(async () => {
  dns = await startTxtDnsServer();
  t = await startTestServer({ env: { DNS_SERVERS: dns.address } });
  owner = await signUpOrganization(t, { organizationName: 'Harbor Clinic' });
  claimed = (await t.api('POST', '/api/v1/domains', { token: owner.accessToken, body: { domain: 'harbor-clinic.example' } })).body;
});
afterAll(async () => {
  await t.stop();
  await dns.stop();
});

let n = 0;
/** A member of the owner's organization, signed in over HTTP. */
async function memberToken(kind: { type: 'pro' | 'guest'; isAdmin?: boolean; isUserManager?: boolean }): Promise<string> {
  n += 1;
  const email = `member${n}-${Date.now()}@harbor-clinic.example`;
  const password = 'correct horse battery staple';
  const account = await t.store.accounts.create({ email, name: `Member ${n}`, passwordHash: await hashPassword(password) });
  await t.store.memberships.create({ organizationId: owner.organizationId, accountId: account.id, status: 'active', ...kind });
  const res = await login(t, email, password, { organizationId: owner.organizationId });
  if (typeof res.body?.accessToken !== 'string') throw new Error(`login answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/** Every claim and domain audit event there is; a refused request must leave both as they were. */
async function snapshot(): Promise<string> {
  const claims = await t.store.db.query('SELECT id, organization_id, domain, verification_token, verified_at FROM org_domains ORDER BY id');
  const events = await t.store.db.query("SELECT count(*)::int AS n FROM audit_events WHERE target_type = 'domain'");
  return JSON.stringify({ claims, events });
}

describe('roles', () => {
  const manage = () => [
    ['POST', '/api/v1/domains', { domain: 'another-clinic.example' }],
    ['POST', `/api/v1/domains/${claimed.id}/verify`, undefined],
    ['DELETE', `/api/v1/domains/${claimed.id}`, undefined],
  ] as const;

  test.each([
    ['a guest', { type: 'guest' as const }],
    ['a pro without a role', { type: 'pro' as const }],
  ])('when %s asks, then listing and managing domains are 403 with the role needed, and nothing changes', async (_who, kind) => {
    const token = await memberToken(kind);
    dns.records.set('harbor-clinic.example', [claimed.txtRecord.value]);
    const before = await snapshot();
    const list = await t.api('GET', '/api/v1/domains', { token });
    expect(list.status).toBe(403);
    expect(list.body).toMatchObject({ code: 'forbidden', detail: "You need the admin or user manager role to see your organization's domains." });
    for (const [method, path, body] of manage()) {
      const res = await t.api(method, path, { token, body });
      expect({ method, path, status: res.status, code: res.body.code, detail: res.body.detail }).toEqual({
        method, path, status: 403, code: 'forbidden', detail: 'You need the admin role to manage domains.',
      });
    }
    expect(await snapshot()).toBe(before);
    dns.records.delete('harbor-clinic.example');
  });

  test('when a user manager asks, then they see the domains but may not manage them', async () => {
    const token = await memberToken({ type: 'pro', isUserManager: true });
    const list = await t.api('GET', '/api/v1/domains', { token });
    expect(list.status).toBe(200);
    expect(list.body.domains.map((d: { id: string }) => d.id)).toContain(claimed.id);
    const res = await t.api('POST', '/api/v1/domains', { token, body: { domain: 'another-clinic.example' } });
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('You need the admin role to manage domains.');
  });

  test('when a second admin asks, then they manage the same domains as the first', async () => {
    const token = await memberToken({ type: 'pro', isAdmin: true });
    const res = await t.api('POST', '/api/v1/domains', { token, body: { domain: 'harbor-clinic.example' } });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(claimed.id);
  });

  test('when no one is signed in, then the domain routes answer 401', async () => {
    expect((await t.api('GET', '/api/v1/domains')).status).toBe(401);
    expect((await t.api('POST', '/api/v1/domains', { body: { domain: 'x-clinic.example' } })).status).toBe(401);
  });
});

describe('another organization', () => {
  test("when an admin of another organization uses this organization's domain id, then it is 404 and nothing changes", async () => {
    const other = await signUpOrganization(t, { organizationName: 'Other Clinic' });
    dns.records.set('harbor-clinic.example', [claimed.txtRecord.value]);
    const before = await snapshot();
    for (const [method, path] of [['POST', `/api/v1/domains/${claimed.id}/verify`], ['DELETE', `/api/v1/domains/${claimed.id}`]] as const) {
      const res = await t.api(method, path, { token: other.accessToken });
      expect({ method, status: res.status, code: res.body.code }).toEqual({ method, status: 404, code: 'not_found' });
    }
    expect((await t.api('GET', '/api/v1/domains', { token: other.accessToken })).body.domains).toEqual([]);
    expect(await snapshot()).toBe(before);
    dns.records.delete('harbor-clinic.example');
  });

  test('when a domain id does not exist, then verify and delete are 404', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.api('POST', `/api/v1/domains/${missing}/verify`, { token: owner.accessToken })).status).toBe(404);
    expect((await t.api('DELETE', `/api/v1/domains/${missing}`, { token: owner.accessToken })).status).toBe(404);
  });
});

describe('bad input', () => {
  test.each([
    ['not a domain', 'invalid_domain'],
    ['localhost', 'invalid_domain'],
    ['1.2.3.4', 'invalid_domain'],
    ['a..b.example', 'invalid_domain'],
    ['https://harbor.example/path', 'invalid_domain'],
    ['ana@harbor.example', 'invalid_domain'],
    ['<script>alert(1)</script>.example', 'invalid_domain'],
    [`${'a'.repeat(64)}.example`, 'invalid_domain'],
    [`${'abcdefghi.'.repeat(30)}example`, 'invalid_request'],
    ['   ', 'invalid_request'],
  ])('when the domain is %j, then it is a 400 %s and nothing changes', async (domain, code) => {
    const before = await snapshot();
    const res = await t.api('POST', '/api/v1/domains', { token: owner.accessToken, body: { domain } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(res.body.detail).toEqual(expect.any(String));
    expect(await snapshot()).toBe(before);
  });

  test.each([
    ['an unknown field', { domain: 'ok-clinic.example', verifiedAt: '2020-01-01T00:00:00Z' }],
    ['a number', { domain: 42 }],
    ['an array', { domain: ['ok-clinic.example'] }],
    ['no domain', {}],
    ['null', { domain: null }],
  ])('when the body has %s, then it is a 400 invalid_request and nothing changes', async (_what, body) => {
    const before = await snapshot();
    const res = await t.api('POST', '/api/v1/domains', { token: owner.accessToken, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_request');
    expect(await snapshot()).toBe(before);
  });

  test('when the domain id is not a uuid, then verify and delete are 400 naming domainId', async () => {
    for (const [method, path] of [['POST', '/api/v1/domains/not-a-uuid/verify'], ['DELETE', "/api/v1/domains/1'%20OR%201=1"]] as const) {
      const res = await t.api(method, path, { token: owner.accessToken });
      expect(res.status).toBe(400);
      expect(res.body.detail).toContain('domainId');
    }
  });
});
