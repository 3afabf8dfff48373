/**
 * The relying party against a real OpenID provider on loopback: a whole code flow over HTTP, then every way a
 * provider's answer can be forged or mismatched, each refused with its own code.
 */
import { AppError } from '../errors';
import { followAuthorization, startOidcProvider, type TestOidcProvider, type TestOidcUser } from '../testing/oidcProvider';
import { relyingParty, type OidcProviderSettings } from './relyingParty';

const REDIRECT_URI = 'http://127.0.0.1:3999/sso/callback';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';
const ada: TestOidcUser = { sub: 'ada-1', email: 'ada@clinic.example', name: 'Ada Doctor', tid: TENANT, oid: '690222be-ff1a-4d56-abd1-7e4f7d38e474', amr: ['pwd', 'mfa'] };
const bob: TestOidcUser = { sub: 'bob-2', email: 'bob@clinic.example', emailVerified: false, tid: OTHER_TENANT };

let provider: TestOidcProvider;
let settings: OidcProviderSettings;
const rp = relyingParty({ allowLoopbackHttp: true });

beforeAll(async () => {
  provider = await startOidcProvider({
    clients: [{ clientId: 'sealpost', clientSecret: 'a-long-test-client-secret-0123456789', redirectUris: [REDIRECT_URI] }],
    users: [ada, bob],
  });
  settings = { issuer: provider.issuer, clientId: 'sealpost', clientSecret: 'a-long-test-client-secret-0123456789' };
});

afterAll(async () => {
  await provider?.stop();
});

async function signIn(as: TestOidcUser, overrides: Partial<OidcProviderSettings> = {}) {
  const started = await rp.beginSignIn({ ...settings, ...overrides }, { redirectUri: REDIRECT_URI, loginHint: as.email });
  const callback = await followAuthorization(started.authorizationUrl, REDIRECT_URI);
  return { started, callback, complete: () => rp.completeSignIn({ ...settings, ...overrides }, callback, started.pending) };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('when a person signs in through the provider', () => {
  it('then the authorization request uses PKCE S256, a state and a nonce, and the identity comes back verified', async () => {
    const { started, complete } = await signIn(ada);
    const params = started.authorizationUrl.searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toBe(started.pending.state);
    expect(params.get('nonce')).toBe(started.pending.nonce);
    expect(params.get('scope')).toBe('openid email profile');
    expect(params.get('login_hint')).toBe(ada.email);
    await expect(complete()).resolves.toEqual({
      issuer: provider.issuer,
      subject: 'ada-1',
      email: 'ada@clinic.example',
      emailVerified: true,
      name: 'Ada Doctor',
      tenantId: TENANT,
      objectId: '690222be-ff1a-4d56-abd1-7e4f7d38e474',
      amr: ['pwd', 'mfa'],
      authTime: null,
    });
  });

  it('then a sign-in to confirm who is there asks the provider for a fresh login and says when it happened', async () => {
    const started = await rp.beginSignIn(settings, { redirectUri: REDIRECT_URI, loginHint: ada.email, freshLogin: true });
    expect([started.authorizationUrl.searchParams.get('prompt'), started.authorizationUrl.searchParams.get('max_age')]).toEqual(['login', '0']);
    expect(started.pending.freshLogin).toBe(true);
    const callback = await followAuthorization(started.authorizationUrl, REDIRECT_URI, ada.email);
    const identity = await rp.completeSignIn(settings, callback, started.pending);
    expect(identity.authTime).toBeGreaterThanOrEqual(started.pending.startedAt - 60_000);
  });

  it('then the provider login form works without a login hint', async () => {
    const started = await rp.beginSignIn(settings, { redirectUri: REDIRECT_URI });
    const callback = await followAuthorization(started.authorizationUrl, REDIRECT_URI, bob.email);
    const identity = await rp.completeSignIn(settings, callback, started.pending);
    expect(identity).toMatchObject({ subject: 'bob-2', emailVerified: false, objectId: null, amr: [] });
  });

  it('then the pinned tenant is accepted and another tenant is refused', async () => {
    await expect((await signIn(ada, { tenantId: TENANT.toUpperCase() })).complete()).resolves.toMatchObject({ tenantId: TENANT });
    expect((await refusal((await signIn(bob, { tenantId: TENANT })).complete())).code).toBe('sso_tenant');
  });

  it('then a token without a tenant is refused where a tenant is pinned', async () => {
    await provider.setUsers([{ ...ada, tid: undefined }]);
    try {
      expect((await refusal((await signIn(ada, { tenantId: TENANT })).complete())).code).toBe('sso_tenant');
    } finally {
      await provider.setUsers([ada, bob]);
    }
  });

  it('then an answer carrying another state is refused before the code is spent', async () => {
    const { callback, started } = await signIn(ada);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'state-of-another-sign-in');
    expect((await refusal(rp.completeSignIn(settings, forged, started.pending))).code).toBe('sso_state_mismatch');
    // The code was not sent to the provider, so the genuine answer still works.
    await expect(rp.completeSignIn(settings, callback, started.pending)).resolves.toMatchObject({ subject: 'ada-1' });
  });

  it('then a code is good for one sign-in only', async () => {
    const { callback, started, complete } = await signIn(ada);
    await complete();
    const again = await refusal(rp.completeSignIn(settings, callback, started.pending));
    expect(again.code).toBe('sso_provider_refused');
  });

  it('then a sign-in older than the limit is refused', async () => {
    const { callback, started } = await signIn(ada);
    const stale = { ...started.pending, startedAt: Date.now() - 11 * 60 * 1000 };
    expect((await refusal(rp.completeSignIn(settings, callback, stale))).code).toBe('sso_sign_in_expired');
  });

  it('then an error from the provider is passed on with its code', async () => {
    const { started } = await signIn(ada);
    const denied = new URL(REDIRECT_URI);
    denied.searchParams.set('error', 'access_denied');
    denied.searchParams.set('state', started.pending.state);
    denied.searchParams.set('iss', provider.issuer);
    const error = await refusal(rp.completeSignIn(settings, denied, started.pending));
    expect(error.code).toBe('sso_provider_refused');
    expect(error.details).toEqual({ providerError: 'access_denied' });
  });

  it('then an issuer that cannot be reached is a 502 with its own code', async () => {
    const error = await refusal(rp.beginSignIn({ ...settings, issuer: 'http://127.0.0.1:9' }, { redirectUri: REDIRECT_URI }));
    expect([error.status, error.code]).toEqual([502, 'sso_provider_unreachable']);
  });

  it('then a provider that goes away between the two steps is a 502 with its own code', async () => {
    const client = { clientId: 'sealpost', clientSecret: 'another-long-test-client-secret-0123', redirectUris: [REDIRECT_URI] };
    const fleeting = await startOidcProvider({ clients: [client], users: [ada] });
    const fleetingSettings = { issuer: fleeting.issuer, clientId: client.clientId, clientSecret: client.clientSecret };
    try {
      const started = await rp.beginSignIn(fleetingSettings, { redirectUri: REDIRECT_URI, loginHint: ada.email });
      const callback = await followAuthorization(started.authorizationUrl, REDIRECT_URI);
      await fleeting.stop();
      const error = await refusal(rp.completeSignIn(fleetingSettings, callback, started.pending));
      expect([error.status, error.code]).toEqual([502, 'sso_provider_unreachable']);
    } finally {
      await fleeting.stop();
    }
  });

  it('then a plain-HTTP issuer is refused unless loopback HTTP is allowed', async () => {
    const strict = relyingParty();
    expect((await refusal(strict.beginSignIn(settings, { redirectUri: REDIRECT_URI }))).code).toBe('sso_provider_unreachable');
  });
});

describe('when the provider sends a forged or mismatched ID token', () => {
  it.each([
    ['issuer', 'sso_issuer'],
    ['audience', 'sso_audience'],
    ['nonce', 'sso_nonce'],
    ['expired', 'sso_expired'],
    ['alg-none', 'sso_algorithm'],
    ['unknown-key', 'sso_unknown_key'],
    ['signature', 'sso_signature'],
  ] as const)('then a token with a wrong %s is refused as %s', async (kind, code) => {
    const { complete } = await signIn(ada);
    await provider.tamperNextIdToken(kind);
    const error = await refusal(complete());
    expect([error.status, error.code]).toEqual([401, code]);
  });
});
