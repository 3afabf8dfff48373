/**
 * Signing in through the organization's provider, end to end over HTTP against a real OpenID provider on loopback:
 * discovery, an invitation accepted by the first sign-in, a member's later sign-in, the provider's MFA meeting the
 * 2-step requirement only when trusted, and the refusals of a browser flow (pages with a sentence, no session):
 * state mismatch, replayed callback, another organization's sign-in, expired pending sign-in, uncovered address,
 * another address than the one typed, nobody invited. Pros who must use the provider lose password sign-in; guests keep it.
 */
import { startOidcProvider, followAuthorization, type TestOidcProvider, type TestOidcUser } from '../../testing/oidcProvider';
import { openPendingSignIn, sealPendingSignIn } from '../../sso/pendingSignInSeal';
import { castOrganization, invitationToken, inviteAndRegister, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { buySeats } from '../../testing/seats';

let t: TestServer;
let cast: Cast;
let other: Cast;
let idp: TestOidcProvider;
const DOMAIN = 'sso-flow.test';
const OTHER_DOMAIN = 'sso-other.test';
const PENDING_COOKIE = 'sp_sso';

const person = (local: string, domain = DOMAIN, extra: Partial<TestOidcUser> = {}): TestOidcUser => ({
  sub: `${local}@${domain}`, email: `${local}@${domain}`, emailVerified: true, name: local, ...extra,
});

async function coverDomain(c: Cast, domain: string, clientId: string, extra: Record<string, unknown> = {}) {
  const { record } = await t.store.domains.create({ organizationId: c.organizationId, domain, verificationToken: 't', createdBy: c.admin.accountId });
  await t.store.domains.markVerified(c.organizationId, record.id);
  const saved = await t.api('PUT', '/api/v1/organization/sso', {
    token: c.admin.accessToken,
    body: { kind: 'oidc', displayName: 'Flow ID', issuer: idp.issuer, clientId, clientSecret: `${clientId} secret`, coveredDomainIds: [record.id],
      prosMustUseSso: false, trustProviderMfa: false, ...extra },
  });
  if (saved.status !== 200) throw new Error(`saving the provider answered ${saved.status}: ${JSON.stringify(saved.body)}`);
}

beforeAll(async () => {
  t = await startTestServer();
  const redirectUris = [`${t.url}/auth/sso/callback`];
  idp = await startOidcProvider({
    clients: [{ clientId: 'flow-a', clientSecret: 'flow-a secret', redirectUris }, { clientId: 'flow-b', clientSecret: 'flow-b secret', redirectUris }],
    users: [person('ann'), person('bob'), person('mfa', DOMAIN, { amr: ['pwd', 'mfa'] }), person('nobody'), person('olga', OTHER_DOMAIN),
      person('unverified', DOMAIN, { emailVerified: false }), person('guest'), person('pat')],
  });
  cast = await castOrganization(t, 'Flow Clinic');
  other = await castOrganization(t, 'Other Flow Clinic');
  await coverDomain(cast, DOMAIN, 'flow-a');
  await coverDomain(other, OTHER_DOMAIN, 'flow-b');
}, 60_000);
afterAll(async () => {
  await idp?.stop();
  await t.stop();
});

let ipCounter = 0;
const freshIp = () => `203.0.113.${(ipCounter += 1) % 250}`;

/** Starts a sign-in as the browser would; the pending cookie and the provider's address. */
async function start(email: string) {
  const res = await fetch(`${t.url}/auth/sso/start?email=${encodeURIComponent(email)}`, { redirect: 'manual', headers: { 'x-forwarded-for': freshIp() } });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${PENDING_COOKIE}=`));
  return { res, cookie: cookie?.split(';')[0], location: res.headers.get('location') };
}

async function callback(url: URL | string, cookie: string | undefined) {
  const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { res, page: await res.text(), sessionCookies: res.headers.getSetCookie().filter((c) => /^sp_(access|refresh)=/.test(c)) };
}

/** The whole browser flow: start, sign in at the provider as `providerEmail`, come back. */
async function signIn(email: string, providerEmail = email) {
  const started = await start(email);
  expect(started.res.status).toBe(303);
  const back = await followAuthorization(new URL(started.location!), `${t.url}/auth/sso/callback`, providerEmail);
  return { started, back, ...(await callback(back, started.cookie)) };
}

test('when the sign-in page asks about an address, then a covered domain gets the provider and its start, anything else null, account or not', async () => {
  const ask = (email: string) => t.api('POST', '/api/v1/auth/sso/discover', { body: { email }, ip: freshIp() });
  const covered = await ask(`ann@${DOMAIN}`);
  expect(covered.body).toEqual({ sso: { providerName: 'Flow ID', startUrl: `${t.url}/auth/sso/start?email=ann%40${DOMAIN}` } });
  const unknownOnCovered = await ask(`no-such-person@${DOMAIN}`);
  expect(unknownOnCovered.body.sso.providerName).toBe('Flow ID');
  for (const email of ['someone@elsewhere.test', cast.admin.email, 'not an address', '']) {
    expect((await ask(email)).body).toEqual({ sso: null });
  }
});

test('when an invited pro signs in through the provider for the first time, then the invitation is accepted and they land signed in', async () => {
  const invited = await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: `ann@${DOMAIN}`, type: 'pro' } });
  expect(invited.status).toBe(201);
  const first = await signIn(`ann@${DOMAIN}`);
  expect([first.res.status, first.res.headers.get('location')]).toEqual([303, '/']);
  expect(first.sessionCookies).toHaveLength(2);
  const account = (await t.store.accounts.findByEmail(`ann@${DOMAIN}`))!;
  expect((await t.store.memberships.find(cast.organizationId, account.id))!.status).toBe('active');
  const actions = (await t.store.audit.list(cast.organizationId, { limit: 5 })).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['member.registered', 'session.sso_signed_in']));

  // A later sign-in of the now active member.
  const again = await signIn(`ANN@${DOMAIN.toUpperCase()}`, `ann@${DOMAIN}`);
  expect([again.res.status, again.sessionCookies.length]).toEqual([303, 2]);
});

test('when the callback state is changed, then it is a page saying the answer belongs to no sign-in here, and no session', async () => {
  const started = await start(`ann@${DOMAIN}`);
  const back = await followAuthorization(new URL(started.location!), `${t.url}/auth/sso/callback`, `ann@${DOMAIN}`);
  back.searchParams.set('state', 'forged-state');
  const res = await callback(back, started.cookie);
  expect([res.res.status, res.sessionCookies]).toEqual([400, []]);
  expect(res.page).toContain('does not belong to a sign-in started in this browser');
});

test('when a finished callback is replayed, with or without its cookie, then it is refused and no session starts', async () => {
  const done = await signIn(`ann@${DOMAIN}`);
  expect(done.res.status).toBe(303);
  const withoutCookie = await callback(done.back, undefined);
  expect([withoutCookie.res.status, withoutCookie.sessionCookies]).toEqual([400, []]);
  // Someone who kept the cookie too: the provider's code works once.
  const withCookie = await callback(done.back, done.started.cookie);
  expect(withCookie.res.status).toBeGreaterThanOrEqual(400);
  expect(withCookie.sessionCookies).toEqual([]);
});

test("when a callback of one organization's sign-in arrives with another organization's pending sign-in, then it is refused", async () => {
  const ours = await start(`ann@${DOMAIN}`);
  const back = await followAuthorization(new URL(ours.location!), `${t.url}/auth/sso/callback`, `ann@${DOMAIN}`);
  const theirs = await start(`olga@${OTHER_DOMAIN}`);
  const res = await callback(back, theirs.cookie);
  expect([res.res.status, res.sessionCookies]).toEqual([400, []]);
});

test('when the pending sign-in is older than ten minutes, then it is refused with a sentence to start again', async () => {
  const started = await start(`ann@${DOMAIN}`);
  const back = await followAuthorization(new URL(started.location!), `${t.url}/auth/sso/callback`, `ann@${DOMAIN}`);
  const opened = openPendingSignIn(t.deps.secrets.keyring, started.cookie!.split('=')[1])!;
  const aged = sealPendingSignIn(t.deps.secrets.keyring, { ...opened, pending: { ...opened.pending, startedAt: Date.now() - 11 * 60_000 } });
  const res = await callback(back, `${PENDING_COOKIE}=${aged}`);
  expect([res.res.status, res.sessionCookies]).toEqual([400, []]);
  expect(res.page).toContain('Start it again');
});

test('when a pending sign-in cookie is tampered with, then it counts as none', async () => {
  const started = await start(`ann@${DOMAIN}`);
  const back = await followAuthorization(new URL(started.location!), `${t.url}/auth/sso/callback`, `ann@${DOMAIN}`);
  const value = started.cookie!.split('=')[1]!;
  const flipped = `${value.slice(0, 40)}${value[40] === 'A' ? 'B' : 'A'}${value.slice(41)}`;
  const res = await callback(back, `${PENDING_COOKIE}=${flipped}`);
  expect([res.res.status, res.sessionCookies]).toEqual([400, []]);
});

test('when the address is on no covered domain, then the start is a page saying to sign in with a password', async () => {
  for (const email of ['someone@elsewhere.test', 'not an address', '', `ann@${DOMAIN}\u202e`, `ann\u0000@${DOMAIN}`, `${'a'.repeat(5000)}@${DOMAIN}`]) {
    const res = await fetch(`${t.url}/auth/sso/start?email=${encodeURIComponent(email)}`, { redirect: 'manual', headers: { 'x-forwarded-for': freshIp() } });
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${PENDING_COOKIE}=`))).toBe(false);
    // A NUL never reaches the page: every request's text is checked first, with the API's problem answer.
    if (email.includes('\u0000')) expect(JSON.parse(await res.text()).code).toBe('invalid_text');
    else expect([res.headers.get('content-type'), await res.text()]).toEqual([expect.stringContaining('text/html'), expect.stringContaining('Sign in with your email and password')]);
  }
});

test('when the provider vouches for another address than the one typed, or an unverified one, then no one is signed in', async () => {
  // The provider knows no carol, so it shows its form, where bob signs in.
  const otherPerson = await signIn(`carol@${DOMAIN}`, `bob@${DOMAIN}`);
  expect([otherPerson.res.status, otherPerson.sessionCookies]).toEqual([403, []]);
  expect(otherPerson.page).toContain('another email address');
  await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email: `unverified@${DOMAIN}`, type: 'pro' } });
  const unverified = await signIn(`unverified@${DOMAIN}`);
  expect([unverified.res.status, unverified.sessionCookies]).toEqual([403, []]);
});

test('when nobody at the organization has the address, then the page says to ask the administrator for an invitation', async () => {
  const res = await signIn(`nobody@${DOMAIN}`);
  expect([res.res.status, res.sessionCookies]).toEqual([403, []]);
  expect(res.page).toContain('Ask your administrator for an invitation');
  expect(await t.store.accounts.findByEmail(`nobody@${DOMAIN}`)).toBeNull();
});

test("when the organization requires 2-step, then the provider's MFA counts only when the admin trusts it and amr says mfa", async () => {
  await t.api('PATCH', '/api/v1/organization/settings', { token: other.admin.accessToken, body: { requireTwoStep: true } });
  await t.api('POST', '/api/v1/invitations', { token: other.admin.accessToken, body: { email: `olga@${OTHER_DOMAIN}`, type: 'pro' } });
  await idp.setUsers([person('olga', OTHER_DOMAIN, { amr: ['pwd', 'mfa'] }), person('ann')]);
  const untrusted = await signIn(`olga@${OTHER_DOMAIN}`);
  expect([untrusted.res.status, untrusted.sessionCookies]).toEqual([200, []]);
  expect(untrusted.page).toMatch(/2-step|authenticator/i);

  const provider = (await t.api('GET', '/api/v1/organization/sso', { token: other.admin.accessToken })).body.provider;
  await t.api('PUT', '/api/v1/organization/sso', {
    token: other.admin.accessToken,
    body: { kind: 'oidc', displayName: 'Flow ID', issuer: idp.issuer, clientId: 'flow-b', coveredDomainIds: provider.coveredDomains.map((d: { id: string }) => d.id),
      prosMustUseSso: false, trustProviderMfa: true },
  });
  const trusted = await signIn(`olga@${OTHER_DOMAIN}`);
  expect([trusted.res.status, trusted.sessionCookies.length]).toEqual([303, 2]);

  await idp.setUsers([person('olga', OTHER_DOMAIN, { amr: ['pwd'] }), person('ann')]);
  const passwordOnly = await signIn(`olga@${OTHER_DOMAIN}`);
  expect([passwordOnly.res.status, passwordOnly.sessionCookies]).toEqual([200, []]);
});

test('when pros must use the provider, then their password sign-in is refused with a sentence naming it, and guests keep theirs', async () => {
  const pro = await inviteAndRegister(t, cast.admin, { email: `pat@${DOMAIN}`, type: 'pro' });
  const guest = await inviteAndRegister(t, cast.admin, { email: `guest@${DOMAIN}`, type: 'guest' });
  const login = (email: string, password: string) => t.api('POST', '/api/v1/auth/login', { body: { email, password }, ip: freshIp() });
  expect((await login(pro.email, pro.password)).status).toBe(200);

  const provider = (await t.api('GET', '/api/v1/organization/sso', { token: cast.admin.accessToken })).body.provider;
  const saved = await t.api('PUT', '/api/v1/organization/sso', {
    token: cast.admin.accessToken,
    body: { kind: 'oidc', displayName: 'Flow ID', issuer: idp.issuer, clientId: 'flow-a', coveredDomainIds: provider.coveredDomains.map((d: { id: string }) => d.id),
      prosMustUseSso: true, trustProviderMfa: false },
  });
  expect(saved.body.provider.prosMustUseSso).toBe(true);

  const refused = await login(pro.email, pro.password);
  expect([refused.status, refused.body.code]).toEqual([403, 'sso_required']);
  expect(refused.body.detail ?? refused.body.message).toContain('Continue with Flow ID');
  // A wrong password says no more than before.
  expect((await login(pro.email, 'not the password')).body.code).toBe('invalid_credentials');
  expect((await login(guest.email, guest.password)).status).toBe(200);
  // Pros elsewhere are not touched: the cast's admin is on another domain.
  expect((await login(cast.admin.email, cast.admin.password)).status).toBe(200);

  // The sign-in page shows the same sentence, and the provider still signs the pro in.
  const page = await fetch(`${t.url}/login`);
  const form = /name="_form" value="([^"]+)"/.exec(await page.text())![1]!;
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const posted = await fetch(`${t.url}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp() },
    body: new URLSearchParams({ _form: form, email: pro.email, password: pro.password }).toString(),
  });
  expect(posted.status).toBe(403);
  expect(await posted.text()).toContain('Continue with Flow ID');
  await idp.setUsers([person('pat')]);
  const viaProvider = await signIn(pro.email);
  expect([viaProvider.res.status, viaProvider.sessionCookies.length]).toEqual([303, 2]);
});

test("when someone new on a covered domain signs in and the organization provisions automatically, then they join as its setting says", async () => {
  await idp.setUsers([person('newpro'), person('newguest')]);
  await buySeats(t, cast.admin.accessToken, 1);
  await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { autoProvision: 'pro' } });
  const asPro = await signIn(`newpro@${DOMAIN}`);
  expect([asPro.res.status, asPro.sessionCookies.length]).toEqual([303, 2]);
  const pro = (await t.store.accounts.findByEmail(`newpro@${DOMAIN}`))!;
  expect(await t.store.memberships.find(cast.organizationId, pro.id)).toMatchObject({ type: 'pro', status: 'active' });
  expect(pro.name).toBe('newpro');
  const actions = (await t.store.audit.list(cast.organizationId, { limit: 5 })).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['member.provisioned', 'member.registered', 'session.sso_signed_in']));

  await t.api('PATCH', '/api/v1/organization/settings', { token: cast.admin.accessToken, body: { autoProvision: 'guest' } });
  const asGuest = await signIn(`newguest@${DOMAIN}`);
  expect(asGuest.res.status).toBe(303);
  const guest = (await t.store.accounts.findByEmail(`newguest@${DOMAIN}`))!;
  expect(await t.store.memberships.find(cast.organizationId, guest.id)).toMatchObject({ type: 'guest', status: 'active' });
});

test('when pros must use the provider, then a pro invited on a covered domain cannot register with a password, and the provider accepts the invitation', async () => {
  await buySeats(t, cast.admin.accessToken, 1);
  const email = `reg@${DOMAIN}`;
  expect((await t.api('POST', '/api/v1/invitations', { token: cast.admin.accessToken, body: { email, type: 'pro' } })).status).toBe(201);
  const registered = await t.api('POST', '/api/v1/registration', { body: { token: await invitationToken(t, email), password: 'a sturdy passphrase' }, ip: freshIp() });
  expect([registered.status, registered.body.code]).toEqual([403, 'sso_required']);
  const account = (await t.store.accounts.findByEmail(email))!;
  expect([account.passwordHash, (await t.store.memberships.find(cast.organizationId, account.id))!.status]).toEqual([null, 'invited']);
  await idp.setUsers([person('reg')]);
  const viaProvider = await signIn(email);
  expect([viaProvider.res.status, viaProvider.sessionCookies.length]).toEqual([303, 2]);
});
