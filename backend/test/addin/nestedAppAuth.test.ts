/**
 * Outlook's nested app authentication end to end, without a browser: the add-in's real code and the real MSAL
 * (@azure/msal-browser) talk to the simulated host bridge (Office's part, addin/test/hostSimulator/nestedAppAuthBridge.ts)
 * in the runtime each client gives (clients.ts: classic Windows' JavaScript-only runtime has `window` but no
 * `window.location`), the bridge issues Entra-shaped tokens signed by a key the real backend trusts through a loopback
 * key set, and the backend trades them at POST /api/v1/auth/entra. Only Office (the item, the bridge) is simulated.
 */
import { createHttp } from '../../../addin/src/api/http';
import { sealpostApi } from '../../../addin/src/api/sealpostApi';
import { nestedAppAuthCredential } from '../../../addin/src/events/nestedAppAuthCredential';
import { person, sendHarness } from '../../../addin/src/events/testing/sendHarness';
import { handleMessageSend } from '../../../addin/src/events/onMessageSend';
import { KEYS } from '../../../addin/src/item/itemState';
import { createOfficeAdapter } from '../../../addin/src/office';
import { nestedAppAuth, type MsalLoader, type NestedAppAuthSettings } from '../../../addin/src/office/nestedAppAuth';
import { createFakeOutlook } from '../../../addin/src/office/testing/fakeOutlook';
import { createPaneModel } from '../../../addin/src/taskpane/model/paneModel';
import { automaticSignIn, createSessionManager, type StoredSession } from '../../../addin/src/taskpane/model/session';
import { clientProfile, type ClientName, type ClientProfile } from '../../../addin/test/hostSimulator/clients';
import { createNestedAppAuthBridge, type NestedAppAuthModel } from '../../../addin/test/hostSimulator/nestedAppAuthBridge';
import { startTestEntra, type TestEntra } from '../../src/testing/entraTokens';
import { castOrganization, inviteAndRegister, type Cast, type Member } from '../../src/testing/members';
import { startTestServer, type TestServer } from '../../src/testing/testServer';

const CLIENT_ID = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
const APP_ID_URI = `api://sealpost.test/${CLIENT_ID}`;
const SETTINGS: NestedAppAuthSettings = { clientId: CLIENT_ID, scope: `${APP_ID_URI}/access_as_user` };
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'b2a6c2f0-1d1e-4b8c-9a4e-0c7f3f1b2d3e';
const DOMAIN = 'naa-outlook.test';
const DANA_OID = '00000000-0000-4000-8000-00000000d0a1';

let t: TestServer;
let entra: TestEntra;
let cast: Cast;
let dana: Member;

beforeAll(async () => {
  entra = await startTestEntra();
  t = await startTestServer({ env: { ENTRA_CLIENT_ID: CLIENT_ID, ENTRA_APP_ID_URI: APP_ID_URI, ENTRA_JWKS_URL: entra.jwksUrl } });
  cast = await castOrganization(t, 'Outlook Clinic');
  const { record } = await t.store.domains.create({ organizationId: cast.organizationId, domain: DOMAIN, verificationToken: 't', createdBy: cast.admin.accountId });
  await t.store.domains.markVerified(cast.organizationId, record.id);
  const saved = await t.api('PUT', '/api/v1/organization/sso', {
    token: cast.admin.accessToken,
    body: { kind: 'entra', displayName: 'Microsoft', entraTenantId: TENANT, clientId: null, coveredDomainIds: [record.id], prosMustUseSso: false, trustProviderMfa: false },
  });
  if (saved.status !== 200) throw new Error(`saving the provider answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  dana = await inviteAndRegister(t, cast.admin, { email: `dana@${DOMAIN}`, type: 'pro', name: 'Dana Doctor' });
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await entra?.stop();
});

const saved = { window: (globalThis as { window?: unknown }).window, office: (globalThis as { Office?: unknown }).Office };
afterEach(() => {
  Object.assign(globalThis, { window: saved.window, Office: saved.office });
});

/**
 * The runtime a client gives the add-in: `Office.context.requirements` answering NestedAppAuth as the client does, and
 * `window` with the host's bridge where it has one. Classic Windows' JavaScript-only runtime has `window` but no
 * `location` (https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/7451).
 */
function runOn(profile: ClientProfile, model: Partial<NestedAppAuthModel> = {}) {
  const { bridge, requests } = createNestedAppAuthBridge({
    account: { tenantId: TENANT, objectId: DANA_OID, email: dana.email, name: 'Dana Doctor' },
    silent: 'token',
    popup: 'token',
    sign: (claims) => entra.sign(claims),
    ...model,
  });
  const window: Record<string, unknown> = { crypto: globalThis.crypto };
  if (profile.nestedAppAuth) window.nestedAppAuthBridge = bridge;
  if (profile.eventRuntime === 'browser') window.location = { href: `${t.url}/addin/commands.html` };
  const office = { context: { requirements: { isSetSupported: (name: string, version?: string) => name === 'NestedAppAuth' && profile.nestedAppAuth && (version ?? '1.1') <= '1.1' } } };
  Object.assign(globalThis, { window, Office: office });
  return { requests, entraSource: nestedAppAuth(SETTINGS, loadMsal) };
}

/** MSAL as the pane loads it. */
const loadMsal: MsalLoader = () => import('@azure/msal-browser');
const apiFor = (base: string) => sealpostApi(createHttp({ baseUrl: base, timeoutMs: 10_000 }));

describe.each<ClientName>(['web', 'classicWindows', 'mac'])('on %s with nested app authentication', (name) => {
  test('when the handler needs a credential, then MSAL gets a token silently through the bridge and Sealpost signs Dana in', async () => {
    const { requests, entraSource } = runOn(clientProfile(name));
    const source = nestedAppAuthCredential({ entra: entraSource, apiBase: t.url, apiFor, now: Date.now });
    const credential = await source.credential(dana.email);
    expect(credential).toEqual({ accessToken: expect.any(String), apiBase: t.url });
    const me = await apiFor(t.url).me(credential!.accessToken);
    expect([me.account.email, me.organization.id]).toEqual([dana.email, cast.organizationId]);
    expect(requests.map((r) => r.method)).toEqual(['GetInitContext', 'GetToken']);
    expect(requests[1]).toMatchObject({ clientId: CLIENT_ID, scope: expect.stringContaining(SETTINGS.scope) });
    // A second send from the same runtime reuses the session: no new token, no new exchange.
    expect(await source.credential(dana.email.toUpperCase())).toEqual(credential);
    expect(requests).toHaveLength(2);
    // another Outlook account in the same runtime never gets Dana's session: it asks Microsoft afresh
    await source.credential('someone.else@example.com');
    expect(requests.map((r) => r.method)).toEqual(['GetInitContext', 'GetToken', 'GetToken']);
  });
});

describe('when Entra needs the person (consent, MFA)', () => {
  test('then the handler gets nothing and never asks the host for a prompt', async () => {
    const { requests, entraSource } = runOn(clientProfile('classicWindows'), { silent: 'interaction_required' });
    const source = nestedAppAuthCredential({ entra: entraSource, apiBase: t.url, apiFor, now: Date.now });
    expect(await source.credential(dana.email)).toBeNull();
    expect(requests.map((r) => r.method)).toEqual(['GetInitContext', 'GetToken']);
  });

  test('then the pane asks through the host (acquireTokenPopup), and a closed prompt gives nothing', async () => {
    const signedIn = runOn(clientProfile('web'), { silent: 'interaction_required' });
    expect(await signedIn.entraSource!.token({ interactive: true })).toEqual({ accessToken: expect.any(String) });
    expect(signedIn.requests.map((r) => r.method)).toEqual(['GetInitContext', 'GetToken', 'GetTokenPopup']);
    const cancelled = runOn(clientProfile('web'), { silent: 'interaction_required', popup: 'user_cancel' });
    expect(await cancelled.entraSource!.token({ interactive: true })).toEqual({ failure: 'failed' });
  });
});

describe('when the client has no nested app authentication (older build, Outlook.com mailbox)', () => {
  test('then nothing asks MSAL or the bridge, and the answer is "unsupported"', async () => {
    const { requests, entraSource } = runOn(clientProfile('classicWindows', { nestedAppAuth: false }));
    expect(await entraSource!.token({ interactive: true })).toEqual({ failure: 'unsupported' });
    expect(requests).toEqual([]);
  });
});

describe('when Sealpost refuses the Microsoft token', () => {
  test('then the source gives nothing (the other sources decide) and no session starts', async () => {
    const { entraSource } = runOn(clientProfile('web'), {
      account: { tenantId: OTHER_TENANT, objectId: DANA_OID, email: dana.email, name: 'Dana Doctor' },
    });
    const [before] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
    const source = nestedAppAuthCredential({ entra: entraSource, apiBase: t.url, apiFor, now: Date.now });
    expect(await source.credential(dana.email)).toBeNull();
    const [after] = await t.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
    expect(after!.n).toBe(before!.n);
  });
});

describe('when Dana sends securely from classic Outlook on Windows and the pane was never opened', () => {
  test('then the handler signs in through nested app authentication and Sealpost stores the message', async () => {
    const { entraSource } = runOn(clientProfile('classicWindows'));
    const guest = `ann-${Date.now()}@client.example`;
    const h = sendHarness({ credential: 'none', storage: 'officeRuntime', userEmail: dana.email });
    h.fake.state.to = [person(guest, 'Ann')];
    h.decide([guest]);
    const naa = nestedAppAuthCredential({ entra: entraSource, apiBase: t.url, apiFor, now: Date.now });
    await handleMessageSend(h.deps({ apiFor, now: Date.now, preferredCredentials: [naa] }));
    expect(h.completed).toHaveBeenCalledTimes(1);
    expect(h.completed.mock.calls[0]![0]).toEqual({ allowEvent: true });
    const delivered = JSON.parse(h.fake.state.sessionData.get(KEYS.delivered)!) as { messageId: string };
    const stored = await t.api('GET', `/api/v1/messages/${delivered.messageId}`, { token: dana.accessToken });
    expect([stored.status, stored.body.subject]).toEqual([200, 'Your tax return']);
    // The mail that leaves Outlook carries the notice, not the text.
    expect(h.fake.state.bodyHtml).not.toContain('the draft is attached');
  });
});

describe('the task pane', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  function pane(profile: ClientProfile, model: Partial<NestedAppAuthModel> = {}) {
    const { requests, entraSource } = runOn(profile, model);
    const fake = createFakeOutlook({ mailboxVersion: '1.15', userEmail: dana.email });
    const api = apiFor(t.url);
    let stored: StoredSession | null = null;
    const session = createSessionManager({ api, now: Date.now, storage: { load: () => stored, save: (s) => void (stored = s) } });
    const preference = new Map<string, string>();
    const automatic = automaticSignIn({
      getItem: (k) => preference.get(k) ?? null, setItem: (k, v) => void preference.set(k, v), removeItem: (k) => void preference.delete(k),
    });
    const paneModel = createPaneModel({
      adapter: createOfficeAdapter(fake.office), api, session, signInUrl: `${t.url}/addin/signin.html`, now: Date.now,
      schedule: () => () => undefined, entra: entraSource, automaticSignIn: automatic,
    });
    const dialogs = () => fake.calls.filter((c) => c.method === 'ui.displayDialogAsync').length;
    return { fake, paneModel, requests, dialogs, stored: () => stored };
  }

  test('when it opens on a client with nested app authentication, then it is signed in as Dana without any dialog', async () => {
    const p = pane(clientProfile('web'));
    await p.paneModel.start();
    expect(p.paneModel.getState()).toMatchObject({ phase: 'ready', me: { account: { email: dana.email }, organization: { id: cast.organizationId } } });
    expect(p.dialogs()).toBe(0);
    expect(p.requests.map((r) => r.method)).toEqual(['GetInitContext', 'GetToken']);
  });

  test('when it opens on a client without it, then it is signed out, and Sign in opens the Sealpost dialog', async () => {
    const p = pane(clientProfile('mac', { nestedAppAuth: false }));
    await p.paneModel.start();
    expect(p.paneModel.getState().phase).toBe('signed_out');
    const signingIn = p.paneModel.signIn();
    await settle();
    await settle();
    expect(p.dialogs()).toBe(1);
    p.fake.dialogs[0]!.end(12006);
    await signingIn;
    expect(p.requests).toEqual([]);
  });

  test('when Entra needs the person, then it opens signed out, and Sign in shows Microsoft\'s prompt instead of the dialog', async () => {
    const p = pane(clientProfile('classicWindows'), { silent: 'interaction_required' });
    await p.paneModel.start();
    expect(p.paneModel.getState().phase).toBe('signed_out');
    await p.paneModel.signIn();
    expect(p.paneModel.getState()).toMatchObject({ phase: 'ready', me: { account: { email: dana.email } } });
    expect(p.requests.map((r) => r.method)).toEqual(['GetInitContext', 'GetToken', 'GetToken', 'GetTokenPopup']);
    expect(p.dialogs()).toBe(0);
  });

  test('when Sealpost refuses the Microsoft sign-in, then Sign in falls back to the Sealpost dialog', async () => {
    const p = pane(clientProfile('web'), { account: { tenantId: OTHER_TENANT, objectId: DANA_OID, email: dana.email, name: 'Dana Doctor' } });
    await p.paneModel.start();
    expect(p.paneModel.getState().phase).toBe('signed_out');
    const signingIn = p.paneModel.signIn();
    for (let i = 0; i < 50 && !p.dialogs(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(p.dialogs()).toBe(1);
    p.fake.dialogs[0]!.end(12006);
    await signingIn;
    expect(p.paneModel.getState()).toMatchObject({ phase: 'signed_out', notice: null });
  });

  test('when Dana signs out, then the next pane does not sign her back in by itself', async () => {
    const p = pane(clientProfile('web'));
    await p.paneModel.start();
    await p.paneModel.signOut();
    expect(p.paneModel.getState().phase).toBe('signed_out');
    const again = createPaneModel({
      adapter: createOfficeAdapter(p.fake.office), api: apiFor(t.url),
      session: createSessionManager({ api: apiFor(t.url), now: Date.now, storage: { load: () => null, save: () => undefined } }),
      signInUrl: `${t.url}/addin/signin.html`, now: Date.now, schedule: () => () => undefined, entra: nestedAppAuth(SETTINGS, loadMsal),
      automaticSignIn: { allowed: () => false, set: () => undefined },
    });
    const before = p.requests.length;
    await again.start();
    expect(again.getState().phase).toBe('signed_out');
    expect(p.requests.length).toBe(before);
  });
});
