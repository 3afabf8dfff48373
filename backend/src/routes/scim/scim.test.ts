/**
 * An Entra-style provisioning cycle over HTTP with a `scim` API token: create (an invitation), read, filter, page,
 * rename, change type, deactivate (sessions ended, next request refused), the attempt to bring a removed person back
 * (refused: removal is final), and the refusals: bad input in SCIM's error shape changing nothing, another
 * organization's token and ids, a revoked token, a session token.
 */
import { castOrganization, inviteAndRegister, uniqueEmail, type Cast } from '../../testing/members';
import { sealClientSecret } from '../../sso/clientSecret';
import { signUpOrganization } from '../../testing/accounts';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { buySeats } from '../../testing/seats';

let t: TestServer;
let cast: Cast;
let scimToken: string;
let otherToken: string;

beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Directory Clinic');
  await buySeats(t, cast.admin.accessToken, 10);
  scimToken = await newToken(cast.admin.accessToken);
  const other = await signUpOrganization(t, { organizationName: 'Rival Directory' });
  otherToken = await newToken(other.accessToken);
}, 120_000);
afterAll(async () => {
  await t.stop();
});

async function newToken(adminToken: string): Promise<string> {
  const made = await t.api('POST', '/api/v1/organization/api-tokens', { token: adminToken, body: { name: 'Entra', scopes: ['scim'] } });
  return made.body.token as string;
}

async function scim(method: string, path: string, body?: unknown, token = scimToken) {
  const res = await fetch(`${t.url}/scim/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/scim+json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), location: res.headers.get('location'), body: text ? JSON.parse(text) : undefined };
}

const entraUser = (email: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  externalId: `ext-${email}`,
  userName: email,
  active: true,
  displayName: 'Dana Doctor',
  name: { givenName: 'Dana', familyName: 'Doctor', formatted: 'Dana Doctor' },
  emails: [{ primary: true, type: 'work', value: email }],
  title: 'Physician',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Cardiology' },
  userType: 'Member',
  ...extra,
});

const patch = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

test('when Entra provisions a person, then they are invited as a pro and can be read, filtered and paged', async () => {
  const email = uniqueEmail('dana', 'directory.example');
  const created = await scim('POST', '/Users', entraUser(email));
  expect(created.status).toBe(201);
  expect(created.type).toContain('application/scim+json');
  expect(created.body).toMatchObject({ userName: email, externalId: `ext-${email}`, active: true, userType: 'pro', displayName: 'Dana Doctor',
    name: { givenName: 'Dana', familyName: 'Doctor' } });
  expect(created.location).toBe(created.body.meta.location);
  expect((await t.mailTo(email)).length).toBe(1);
  const member = await t.api('GET', `/api/v1/members/${created.body.id}`, { token: cast.admin.accessToken });
  expect(member.body.member).toMatchObject({ status: 'invited', type: 'pro' });

  expect((await scim('GET', `/Users/${created.body.id}`)).body).toEqual(created.body);
  const byName = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}`);
  expect(byName.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id: created.body.id }] });
  const byExternal = await scim('GET', `/Users?filter=${encodeURIComponent(`externalId eq "ext-${email}"`)}`);
  expect(byExternal.body.Resources.map((u: { id: string }) => u.id)).toEqual([created.body.id]);
  const none = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@directory.example"')}`);
  expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

  const all = (await scim('GET', '/Users?startIndex=1&count=200')).body;
  const second = (await scim('GET', '/Users?startIndex=2&count=2')).body;
  expect(second).toMatchObject({ totalResults: all.totalResults, startIndex: 2, itemsPerPage: 2 });
  expect(second.Resources.map((u: { id: string }) => u.id)).toEqual(all.Resources.slice(1, 3).map((u: { id: string }) => u.id));
  const emails = all.Resources.map((u: { userName: string }) => u.userName);
  expect(emails).toEqual(expect.arrayContaining([cast.admin.email, cast.guest.email, email]));
});

test('when Entra renames a person and changes their type with capitalized ops and string values, then both change and are audited', async () => {
  const email = uniqueEmail('rene', 'directory.example');
  const { body: user } = await scim('POST', '/Users', entraUser(email));
  const renamed = await scim('PATCH', `/Users/${user.id}`, patch(
    { op: 'Replace', path: 'name.givenName', value: 'Renée' },
    { op: 'Add', path: 'title', value: 'Chief' },
    { op: 'Replace', path: 'displayName', value: 'Renée Doctor' },
  ));
  expect(renamed.status).toBe(200);
  expect(renamed.body).toMatchObject({ name: { givenName: 'Renée', familyName: 'Doctor' }, displayName: 'Renée Doctor' });
  const toGuest = await scim('PATCH', `/Users/${user.id}`, patch({ op: 'Replace', value: { userType: 'Guest', externalId: 'new-ext' } }));
  expect(toGuest.body).toMatchObject({ userType: 'guest', externalId: 'new-ext' });
  const member = await t.api('GET', `/api/v1/members/${user.id}`, { token: cast.admin.accessToken });
  expect(member.body.member).toMatchObject({ type: 'guest', name: 'Renée Doctor' });
  const actions = (await t.store.audit.list(cast.organizationId, { limit: 5 })).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['scim.user_updated', 'member.type_changed']));

  const put = await scim('PUT', `/Users/${user.id}`, entraUser(email, { userType: 'pro', displayName: null, name: { givenName: 'Ren', familyName: 'Doc' } }));
  expect(put.body).toMatchObject({ userType: 'pro', displayName: 'Ren Doc' });
});

test('when Entra deactivates a registered member with active "False", then they are removed at once and cannot be provisioned again', async () => {
  const person = await inviteAndRegister(t, cast.admin, { type: 'pro', name: 'Sam Staff' });
  expect((await t.api('GET', '/api/v1/me', { token: person.accessToken })).status).toBe(200);
  const found = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${person.email}"`)}`);
  const id = found.body.Resources[0].id as string;
  const off = await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
  expect([off.status, off.body.active]).toEqual([200, false]);
  const me = await t.api('GET', '/api/v1/me', { token: person.accessToken });
  expect(me.status).toBeGreaterThanOrEqual(401);
  expect(me.status).toBeLessThanOrEqual(403);
  const refresh = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: person.refreshToken } });
  expect(refresh.status).toBeGreaterThanOrEqual(400);

  // removal is final in Sealpost: neither re-enabling nor creating the address again brings the membership back
  const back = await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'True' }));
  expect(back.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'mutability', code: 'member_removed' });
  const again = await scim('POST', '/Users', entraUser(person.email));
  expect([again.status, again.body.code]).toEqual([409, 'member_removed']);
  expect((await scim('GET', `/Users/${id}`)).body.active).toBe(false);
  expect((await scim('DELETE', `/Users/${id}`)).status).toBe(404);
});

test('when a SCIM user is deleted, then the member is removed and the user reads inactive', async () => {
  const email = uniqueEmail('del', 'directory.example');
  const { body: user } = await scim('POST', '/Users', entraUser(email, { userType: 'guest' }));
  expect((await scim('DELETE', `/Users/${user.id}`)).status).toBe(204);
  expect((await t.api('GET', `/api/v1/members/${user.id}`, { token: cast.admin.accessToken })).body.member.status).toBe('removed');
});

test('when the input is bad, then the answer is a SCIM error and nothing changes', async () => {
  const email = uniqueEmail('bad', 'directory.example');
  const { body: user } = await scim('POST', '/Users', entraUser(email));
  const cases: [string, string, unknown, string][] = [
    ['GET', `/Users?filter=${encodeURIComponent('displayName co "x"')}`, undefined, 'invalidFilter'],
    ['GET', `/Users?filter=${encodeURIComponent('x'.repeat(301))}`, undefined, 'invalidValue'],
    // escapes decode to what the request's own text check never saw
    ['GET', `/Users?filter=${encodeURIComponent('externalId eq "\\u0000"')}`, undefined, 'invalidFilter'],
    ['GET', `/Users?filter=${encodeURIComponent('userName eq "a\\ud800@b.example"')}`, undefined, 'invalidFilter'],
    ['PATCH', `/Users/${user.id}`, patch({ op: 'Frobnicate', path: 'active', value: false }), 'invalidValue'],
    ['PATCH', `/Users/${user.id}`, patch({ op: 'Replace', path: 'name.givenName', value: 'Ok' }, { op: 'Replace', path: 'password', value: 'x' }), 'invalidPath'],
    ['PATCH', `/Users/${user.id}`, patch(...Array.from({ length: 51 }, () => ({ op: 'Replace', path: 'displayName', value: 'x' }))), 'invalidValue'],
    ['PATCH', `/Users/${user.id}`, patch({ op: 'Replace', path: 'active', value: 'maybe' }), 'invalidValue'],
    ['PATCH', `/Users/${user.id}`, patch({ op: 'Replace', path: 'userName', value: 'someone@else.example' }), 'mutability'],
    ['PATCH', `/Users/${user.id}`, patch({ op: 'Replace', path: 'displayName', value: 'a\u0000b' }), 'invalidValue'],
    ['POST', '/Users', entraUser('not an address'), 'invalidValue'],
    ['POST', '/Users', entraUser(uniqueEmail('t', 'directory.example'), { userType: 'Admin' }), 'invalidValue'],
  ];
  const before = (await scim('GET', `/Users/${user.id}`)).body;
  const membersBefore = (await scim('GET', '/Users?count=200')).body.totalResults;
  for (const [method, path, body, scimType] of cases) {
    const res = await scim(method, path, body);
    expect({ path, status: res.status, scimType: res.body.scimType, schemas: res.body.schemas, statusText: res.body.status }).toEqual({
      path, status: 400, scimType, schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], statusText: '400',
    });
  }
  expect((await scim('GET', `/Users/${user.id}`)).body).toEqual(before);
  expect((await scim('GET', '/Users?count=200')).body.totalResults).toBe(membersBefore);
  expect((await scim('GET', '/Users/not-a-uuid')).status).toBe(404);
});

test("when another organization's token asks for our users, or a revoked or session token calls, then it is refused", async () => {
  const { body: user } = await scim('POST', '/Users', entraUser(uniqueEmail('mine', 'directory.example')));
  for (const method of ['GET', 'DELETE']) expect((await scim(method, `/Users/${user.id}`, undefined, otherToken)).status).toBe(404);
  expect((await scim('PATCH', `/Users/${user.id}`, patch({ op: 'Replace', path: 'active', value: false }), otherToken)).status).toBe(404);
  const theirs = (await scim('GET', '/Users?count=200', undefined, otherToken)).body;
  expect(theirs.Resources.map((u: { id: string }) => u.id)).not.toContain(user.id);
  expect((await scim('GET', `/Users/${user.id}`)).body.active).toBe(true);

  const doomed = await newToken(cast.admin.accessToken);
  expect((await scim('GET', '/ServiceProviderConfig', undefined, doomed)).status).toBe(200);
  const list = await t.api('GET', '/api/v1/organization/api-tokens', { token: cast.admin.accessToken });
  const entry = list.body.tokens.find((x: { prefix: string }) => doomed.startsWith(x.prefix));
  expect(entry.lastUsedAt).not.toBeNull();
  await t.api('DELETE', `/api/v1/organization/api-tokens/${entry.id}`, { token: cast.admin.accessToken });
  const revoked = await scim('GET', '/Users', undefined, doomed);
  expect(revoked.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', code: 'invalid_api_token' });

  const wrongSecret = `${scimToken.slice(0, -1)}${scimToken.endsWith('A') ? 'B' : 'A'}`;
  for (const token of [cast.admin.accessToken, wrongSecret, '']) {
    expect((await scim('GET', '/Users', undefined, token)).status).toBe(401);
  }
});

test('when the discovery documents are read, then they describe Users, PATCH and filter', async () => {
  expect((await scim('GET', '/ServiceProviderConfig')).body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
  expect((await scim('GET', '/ResourceTypes')).body.Resources[0]).toMatchObject({ id: 'User', endpoint: '/Users' });
  expect((await scim('GET', '/Schemas')).body.Resources[0].id).toBe('urn:ietf:params:scim:schemas:core:2.0:User');
});

test("when the organization's single sign-on covers the address, then the person is an active member at once and gets no invitation", async () => {
  const host = `sso${Date.now()}.directory.example`;
  const { record } = await t.store.domains.create({ organizationId: cast.organizationId, domain: host, verificationToken: 't', createdBy: cast.admin.accountId });
  await t.store.domains.markVerified(cast.organizationId, record.id);
  await t.store.ssoProviders.save({
    organizationId: cast.organizationId, kind: 'oidc', displayName: 'Okta', issuer: 'https://clinic.okta.example', clientId: 'client',
    clientSecretSealed: sealClientSecret(t.deps.secrets.keyring, cast.organizationId, 'okta-secret'), entraTenantId: null, prosMustUseSso: true, trustProviderMfa: false, coveredDomainIds: [record.id], savedBy: null,
  });
  const email = `ines@${host}`;
  const created = await scim('POST', '/Users', entraUser(email));
  expect(created.body).toMatchObject({ userName: email, active: true, userType: 'pro' });
  const member = await t.api('GET', `/api/v1/members/${created.body.id}`, { token: cast.admin.accessToken });
  expect(member.body.member.status).toBe('active');
  expect(await t.mailTo(email)).toEqual([]);
  // the request's own event, before the token's use is noted
  const events = await t.store.audit.list(cast.organizationId, { limit: 2 });
  expect(events.map((e) => e.action)).toEqual(['api_token.used', 'scim.user_created']);
  expect(events[1]).toMatchObject({ data: { viaSingleSignOn: true } });
});
