/**
 * The authorization matrix: every route of recipients, invitations, registration and members, called by each kind of
 * person. Each cell names the answer the server must give; a route without a row fails the test.
 */
import { apiRoutes } from '../routes';
import { signUpOrganization } from '../testing/accounts';
import { castOrganization, inviteAndRegister, invitationToken, uniqueEmail, type Cast } from '../testing/members';
import { startTestServer, type TestServer } from '../testing/testServer';

type Persona = 'admin' | 'userManager' | 'pro' | 'guest' | 'removed' | 'otherOrg' | 'anonymous';
/** ok: 2xx. allowed: past authorization (any answer but 401, 403, 404 or 5xx). */
type Expect = 'ok' | 'allowed' | 'forbidden' | 'denied' | 'not_found' | 'unauthenticated';
const PERSONAS: Persona[] = ['admin', 'userManager', 'pro', 'guest', 'removed', 'otherOrg', 'anonymous'];

let t: TestServer;
let cast: Cast;
const tokens: Partial<Record<Persona, string>> = {};

beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t, 'Matrix Medical');
  await t.api('POST', '/api/v1/seats/purchases', { token: cast.admin.accessToken, body: { seats: 50 } });
  const removed = await inviteAndRegister(t, cast.admin, { type: 'guest' });
  await t.api('DELETE', `/api/v1/members/${removed.accountId}`, { token: cast.admin.accessToken });
  const other = await signUpOrganization(t, { organizationName: 'Other Org' });
  Object.assign(tokens, {
    admin: cast.admin.accessToken,
    userManager: cast.userManager.accessToken,
    pro: cast.pro.accessToken,
    guest: cast.guest.accessToken,
    removed: removed.accessToken,
    otherOrg: other.accessToken,
  });
});
afterAll(async () => {
  await t.stop();
});

/** A fresh subject per call, so one cell's change never decides another's answer. */
const subjects = {
  invitation: async () => (await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: uniqueEmail('m') } })).body.id as string,
  member: async () => (await inviteAndRegister(t, cast.admin, { type: 'guest' })).accountId,
  domain: async () =>
    (await t.api('POST', '/api/v1/domains', { token: cast.admin.accessToken, body: { domain: `${uniqueEmail('d').split('@')[0]}.matrix-medical.test` } })).body.id as string,
  registrationToken: async () => {
    const email = uniqueEmail('reg');
    await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email } });
    return invitationToken(t, email);
  },
};

interface Row {
  call: () => Promise<{ path: string; body?: unknown }>;
  expect: Record<Persona, Expect>;
}

const everyone = (e: Expect, overrides: Partial<Record<Persona, Expect>> = {}): Record<Persona, Expect> =>
  ({ ...Object.fromEntries(PERSONAS.map((p) => [p, e])), ...overrides }) as Record<Persona, Expect>;
const managers = (other: Expect) =>
  everyone('forbidden', { admin: 'ok', userManager: 'ok', removed: 'denied', otherOrg: other, anonymous: 'unauthenticated' });
const adminsOnly = (other: Expect) => ({ ...managers(other), userManager: 'forbidden' as Expect });

const rows: Record<string, Row> = {
  'POST /api/v1/invitations': {
    call: async () => ({ path: '/api/v1/invitations', body: { email: uniqueEmail('x') } }),
    expect: everyone('ok', { guest: 'forbidden', removed: 'denied', anonymous: 'unauthenticated' }),
  },
  'GET /api/v1/invitations': {
    call: async () => ({ path: '/api/v1/invitations' }),
    expect: everyone('ok', { guest: 'forbidden', removed: 'denied', anonymous: 'unauthenticated' }),
  },
  'POST /api/v1/invitations/:invitationId/resend': {
    call: async () => ({ path: `/api/v1/invitations/${await subjects.invitation()}/resend` }),
    expect: managers('not_found'),
  },
  'DELETE /api/v1/invitations/:invitationId': {
    call: async () => ({ path: `/api/v1/invitations/${await subjects.invitation()}` }),
    expect: managers('not_found'),
  },
  'PATCH /api/v1/invitations/:invitationId': {
    call: async () => ({ path: `/api/v1/invitations/${await subjects.invitation()}`, body: { phone: '+1 555 0100' } }),
    expect: managers('not_found'),
  },
  'POST /api/v1/registration/lookup': {
    call: async () => ({ path: '/api/v1/registration/lookup', body: { token: await subjects.registrationToken() } }),
    expect: everyone('ok'),
  },
  'POST /api/v1/registration': {
    call: async () => ({ path: '/api/v1/registration', body: { token: await subjects.registrationToken(), password: 'matrix passphrase' } }),
    expect: everyone('ok'),
  },
  'GET /api/v1/members': { call: async () => ({ path: '/api/v1/members' }), expect: managers('ok') },
  'PATCH /api/v1/members/:accountId': {
    call: async () => ({ path: `/api/v1/members/${await subjects.member()}`, body: { type: 'pro' } }),
    expect: adminsOnly('not_found'),
  },
  'DELETE /api/v1/members/:accountId': {
    call: async () => ({ path: `/api/v1/members/${await subjects.member()}` }),
    expect: managers('not_found'),
  },
  'POST /api/v1/members/:accountId/sign-out': {
    call: async () => ({ path: `/api/v1/members/${await subjects.member()}/sign-out` }),
    expect: managers('not_found'),
  },
  'GET /api/v1/seats': { call: async () => ({ path: '/api/v1/seats' }), expect: managers('ok') },
  'POST /api/v1/seats/purchases': { call: async () => ({ path: '/api/v1/seats/purchases', body: { seats: 1 } }), expect: managers('ok') },
  'GET /api/v1/organization/settings': { call: async () => ({ path: '/api/v1/organization/settings' }), expect: managers('ok') },
  'PATCH /api/v1/organization/settings': {
    call: async () => ({ path: '/api/v1/organization/settings', body: { invitationExpiryDays: 7 } }),
    expect: adminsOnly('ok'),
  },
  'POST /api/v1/domains': {
    call: async () => ({ path: '/api/v1/domains', body: { domain: `${uniqueEmail('c').split('@')[0]}.matrix-medical.test` } }),
    expect: adminsOnly('ok'),
  },
  'GET /api/v1/domains': { call: async () => ({ path: '/api/v1/domains' }), expect: managers('ok') },
  'POST /api/v1/domains/:domainId/verify': {
    call: async () => ({ path: `/api/v1/domains/${await subjects.domain()}/verify` }),
    // No TXT record is published, so the admin's verification fails on its merits (409), past authorization.
    expect: { ...adminsOnly('not_found'), admin: 'allowed' },
  },
  'DELETE /api/v1/domains/:domainId': {
    call: async () => ({ path: `/api/v1/domains/${await subjects.domain()}` }),
    expect: adminsOnly('not_found'),
  },
  'POST /api/v1/recipients/classify': {
    call: async () => ({ path: '/api/v1/recipients/classify', body: { recipients: [{ email: 'a@b.example' }] } }),
    expect: everyone('ok', { removed: 'denied', anonymous: 'unauthenticated' }),
  },
};

const ISSUE_ROUTES = /^\/api\/v1\/(invitations|registration|members|seats|organization\/settings|recipients|domains)/;

test('when a route of recipients, invitations or members exists, then the matrix has a row for it', () => {
  const routes = apiRoutes.filter((r) => ISSUE_ROUTES.test(r.path)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
  expect(routes.sort()).toEqual(Object.keys(rows).sort());
});

test("when a member of another organization lists members and invitations, then none of this organization's people appear", async () => {
  const ours = [cast.admin.email, cast.userManager.email, cast.pro.email, cast.guest.email];
  const members = await t.api('GET', '/api/v1/members', { token: tokens.otherOrg });
  const invitations = await t.api('GET', '/api/v1/invitations', { token: tokens.otherOrg });
  const seen = JSON.stringify([members.body, invitations.body]);
  for (const email of ours) expect(seen).not.toContain(email);
});

function matches(status: number, expected: Expect): boolean {
  switch (expected) {
    case 'ok':
      return status >= 200 && status < 300;
    case 'allowed':
      return ![401, 403, 404].includes(status) && status < 500;
    case 'forbidden':
      return status === 403;
    case 'denied':
      return status === 401 || status === 403;
    case 'not_found':
      return status === 404;
    case 'unauthenticated':
      return status === 401;
  }
}

describe.each(Object.entries(rows))('%s', (route, row) => {
  const method = route.split(' ')[0]!;
  test.each(PERSONAS)('when called as %s, then the answer is as the matrix says', async (persona) => {
    const { path, body } = await row.call();
    const res = await t.api(method, path, { token: tokens[persona], body: body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}), ip: '192.0.2.10' });
    expect({ persona, status: res.status, ok: matches(res.status, row.expect[persona]) }).toEqual({ persona, status: res.status, ok: true });
  });
});
