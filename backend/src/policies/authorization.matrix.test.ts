/**
 * The authorization matrix: every route of recipients, invitations, registration and members (and of clients and
 * forwarding), called by each kind of person. Each cell names the answer the server must give; a route without a row fails the test.
 */
import { apiRoutes } from '../routes';
import { pngImage } from '../routes/admin/testing/images';
import { signUpOrganization } from '../testing/accounts';
import { castOrganization, inviteAndRegister, invitationToken, uniqueEmail, type Cast } from '../testing/members';
import { startTestServer, type TestServer } from '../testing/testServer';

type Persona = 'admin' | 'userManager' | 'pro' | 'guest' | 'removed' | 'otherOrg' | 'anonymous';
/**
 * ok: 2xx. allowed: past authorization (any answer but 401, 403, 404 or 5xx). wrong_code / bad_challenge: the 401
 * that judges the 2-step code or challenge itself, i.e. the caller got past who-may-call.
 */
type Expect = 'ok' | 'allowed' | 'forbidden' | 'denied' | 'not_found' | 'unauthenticated' | 'wrong_code' | 'bad_challenge';
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
  /** A guest's message to every pro of the cast: each of them may forward it, and the guest is their client. */
  guestMessage: async () => {
    const to = [cast.admin.email, cast.userManager.email, cast.pro.email].map((email) => ({ email }));
    return (await t.api('POST', '/api/v1/messages', { token: cast.guest.accessToken, body: { subject: 'Matrix', html: '<p>x</p>', to } })).body.id as string;
  },
  registrationToken: async () => {
    const email = uniqueEmail('reg');
    await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email } });
    return invitationToken(t, email);
  },
};

const thisMonth = () => new Date().toISOString().slice(0, 7);

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
  'GET /api/v1/members/export.csv': { call: async () => ({ path: '/api/v1/members/export.csv?status=invited' }), expect: managers('ok') },
  'GET /api/v1/members/:accountId': {
    call: async () => ({ path: `/api/v1/members/${await subjects.member()}` }),
    expect: managers('not_found'),
  },
  'POST /api/v1/members/bulk': {
    // Answers 200 with a result per member; another organization's admin gets a not_found result, not the member.
    call: async () => ({ path: '/api/v1/members/bulk', body: { action: 'resend', accountIds: [await subjects.member()] } }),
    expect: managers('ok'),
  },
  'GET /api/v1/seats': { call: async () => ({ path: '/api/v1/seats' }), expect: managers('ok') },
  'POST /api/v1/seats/purchases': { call: async () => ({ path: '/api/v1/seats/purchases', body: { seats: 1 } }), expect: managers('ok') },
  // Run after the purchase row above, which left each organization a purchase this month, hence an invoice.
  'GET /api/v1/invoices': { call: async () => ({ path: '/api/v1/invoices' }), expect: managers('ok') },
  'GET /api/v1/invoices/:period/print': { call: async () => ({ path: `/api/v1/invoices/${thisMonth()}/print` }), expect: managers('ok') },
  'POST /api/v1/invoices/:period/email': { call: async () => ({ path: `/api/v1/invoices/${thisMonth()}/email` }), expect: managers('ok') },
  'GET /api/v1/audit': { call: async () => ({ path: '/api/v1/audit?action=member.' }), expect: adminsOnly('ok') },
  'GET /api/v1/audit/verification': { call: async () => ({ path: '/api/v1/audit/verification' }), expect: adminsOnly('ok') },
  'GET /api/v1/audit/export.csv': { call: async () => ({ path: '/api/v1/audit/export.csv?action=seats.purchased' }), expect: adminsOnly('ok') },
  'GET /api/v1/branding': { call: async () => ({ path: '/api/v1/branding' }), expect: everyone('ok', { removed: 'denied', anonymous: 'unauthenticated' }) },
  'PATCH /api/v1/branding': { call: async () => ({ path: '/api/v1/branding', body: { accentColor: '#0b6e69' } }), expect: adminsOnly('ok') },
  // A JSON body is not an image: admins get past authorization to the 400 invalid_logo.
  'PUT /api/v1/branding/logo': { call: async () => ({ path: '/api/v1/branding/logo', body: {} }), expect: { ...adminsOnly('allowed'), admin: 'allowed' } },
  'DELETE /api/v1/branding/logo': { call: async () => ({ path: '/api/v1/branding/logo' }), expect: adminsOnly('ok') },
  // Public: emails show the logo to people who are not signed in.
  'GET /api/v1/branding/logo/:organizationId': {
    call: async () => {
      await fetch(`${t.url}/api/v1/branding/logo`, { method: 'PUT', headers: { authorization: `Bearer ${cast.admin.accessToken}`, 'content-type': 'image/png' }, body: new Uint8Array(pngImage(8, 8)) });
      return { path: `/api/v1/branding/logo/${cast.organizationId}` };
    },
    expect: everyone('ok'),
  },
  'GET /api/v1/branding/preview/invitation': { call: async () => ({ path: '/api/v1/branding/preview/invitation' }), expect: managers('ok') },
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
  // Sign-in's second step: the challenge token is the credential, so who else calls does not matter.
  'POST /api/v1/auth/two-step/verify': {
    call: async () => ({ path: '/api/v1/auth/two-step/verify', body: { challengeToken: 'B'.repeat(43), code: '123456' } }),
    expect: everyone('bad_challenge'),
  },
  'POST /api/v1/auth/two-step/enroll': {
    call: async () => ({ path: '/api/v1/auth/two-step/enroll', body: { challengeToken: 'B'.repeat(43) } }),
    expect: everyone('bad_challenge'),
  },
  'POST /api/v1/auth/two-step/activate': {
    call: async () => ({ path: '/api/v1/auth/two-step/activate', body: { challengeToken: 'B'.repeat(43), code: '123456' } }),
    expect: everyone('bad_challenge'),
  },
  // Anyone signed in may protect their own account.
  'POST /api/v1/two-step/enroll': {
    call: async () => ({ path: '/api/v1/two-step/enroll', body: {} }),
    expect: everyone('allowed', { removed: 'denied', anonymous: 'unauthenticated' }),
  },
  // Runs after the enroll row above, which left each caller a key waiting for its first code.
  'POST /api/v1/two-step/activate': {
    call: async () => ({ path: '/api/v1/two-step/activate', body: { code: '000000' } }),
    expect: everyone('wrong_code', { removed: 'denied', anonymous: 'unauthenticated' }),
  },
  // Pros who received it forward it (to the other pros: themselves in the list count as nobody); guests may not.
  'POST /api/v1/messages/:messageId/forward': {
    call: async () => ({
      path: `/api/v1/messages/${await subjects.guestMessage()}/forward`,
      body: { to: [{ email: cast.pro.email }, { email: cast.userManager.email }] },
    }),
    expect: everyone('ok', { guest: 'forbidden', removed: 'denied', otherOrg: 'not_found', anonymous: 'unauthenticated' }),
  },
  // Every pro has a client list (another organization's pro sees their own, empty one); guests have none.
  'GET /api/v1/clients': {
    call: async () => ({ path: '/api/v1/clients' }),
    expect: everyone('ok', { guest: 'forbidden', removed: 'denied', anonymous: 'unauthenticated' }),
  },
  'GET /api/v1/clients/:accountId/messages': {
    call: async () => {
      await subjects.guestMessage();
      return { path: `/api/v1/clients/${cast.guest.accountId}/messages` };
    },
    expect: everyone('ok', { guest: 'forbidden', removed: 'denied', otherOrg: 'not_found', anonymous: 'unauthenticated' }),
  },
  'POST /api/v1/recipients/classify': {
    call: async () => ({ path: '/api/v1/recipients/classify', body: { recipients: [{ email: 'a@b.example' }] } }),
    expect: everyone('ok', { removed: 'denied', anonymous: 'unauthenticated' }),
  },
};

const ISSUE_ROUTES =
  /^\/api\/v1\/(invitations|registration|members|seats|organization\/settings|recipients|domains|two-step|auth\/two-step|invoices|audit|branding|clients|messages\/:messageId\/forward)/;

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

function matches(status: number, code: string | undefined, expected: Expect): boolean {
  switch (expected) {
    case 'wrong_code':
      return status === 401 && code === 'invalid_two_step_code';
    case 'bad_challenge':
      return status === 401 && code === 'invalid_challenge';
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
    expect({ persona, status: res.status, ok: matches(res.status, res.body?.code, row.expect[persona]) }).toEqual({ persona, status: res.status, ok: true });
  });
});
