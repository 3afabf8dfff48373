/**
 * Entra access-token checks with locally generated keys, served as a key set from loopback the way Entra publishes
 * them (with an `issuer` per key), and tokens shaped like Entra's v2.0 access tokens. Every tampered token is refused
 * with its own code; the key set is fetched once, again for a rotated key, and not for every made-up key id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { AppError } from '../errors';
import { entraAccessTokenVerifier, type EntraAccessTokenSettings } from './entraAccessToken';
import { jwksCache, type JwksCache } from './jwksCache';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER_TENANT = 'b2a6c2f0-1d1e-4b8c-9a4e-0c7f3f1b2d3e';
const CLIENT_ID = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
const APP_ID_URI = `api://sealpost.example.com/${CLIENT_ID}`;
const TEMPLATE_ISSUER = 'https://login.microsoftonline.com/{tenantid}/v2.0';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK & { issuer?: string };
}

async function signingKey(kid: string, issuer: string | undefined = TEMPLATE_ISSUER): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', ...(issuer ? { issuer } : {}) };
  return { kid, privateKey, jwk };
}

let server: http.Server;
let jwksUrl: string;
let published: SigningKey[] = [];
let jwksStatus = 200;
let current: SigningKey;
let clock = Date.UTC(2026, 11, 4, 12, 0, 0);

beforeAll(async () => {
  current = await signingKey('key-2026-a');
  published = [current];
  server = http.createServer((_req, res) => {
    res.writeHead(jwksStatus, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/common/discovery/v2.0/keys`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function setup(overrides: Partial<EntraAccessTokenSettings> = {}): { keys: JwksCache; verify: (token: string) => Promise<unknown> } {
  const keys = jwksCache({ url: jwksUrl, now: () => clock });
  const verifier = entraAccessTokenVerifier({
    audiences: [APP_ID_URI, CLIENT_ID],
    requiredScope: 'access_as_user',
    keys,
    now: () => clock,
    ...overrides,
  });
  return { keys, verify: (token) => verifier.verify(token) };
}

/** Claims as Entra puts them in a v2.0 access token for a delegated (user) call. */
function entraClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(clock / 1000) - 60;
  return {
    aud: CLIENT_ID,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    azp: 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
    azpacr: '0',
    name: 'Ada Doctor',
    oid: '690222be-ff1a-4d56-abd1-7e4f7d38e474',
    preferred_username: 'ada@clinic.example',
    scp: 'access_as_user',
    sub: 'HKZpfaHyWadeOouYlitjrI-KffTm222X5rrV3xDqfKQ',
    tid: TENANT,
    uti: 'fqiBqXLPj0eQa82S-IYFAA',
    ver: '2.0',
    ...overrides,
  };
}

function sign(claims: Record<string, unknown>, key: SigningKey = current, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid, ...header }).sign(key.privateKey);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('when an Entra access token for Sealpost arrives', () => {
  it('then a genuine one gives the tenant, the user and the scopes', async () => {
    const { verify } = setup();
    await expect(verify(await sign(entraClaims()))).resolves.toEqual({
      tenantId: TENANT,
      objectId: '690222be-ff1a-4d56-abd1-7e4f7d38e474',
      subject: 'HKZpfaHyWadeOouYlitjrI-KffTm222X5rrV3xDqfKQ',
      preferredUsername: 'ada@clinic.example',
      name: 'Ada Doctor',
      scopes: ['access_as_user'],
      clientAppId: 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
      amr: [],
    });
  });

  it('then the App ID URI is accepted as audience as well as the client id', async () => {
    const { verify } = setup();
    await expect(verify(await sign(entraClaims({ aud: APP_ID_URI })))).resolves.toMatchObject({ tenantId: TENANT });
  });

  it('then a token of any tenant is accepted when its issuer is that tenant', async () => {
    const { verify } = setup();
    const claims = entraClaims({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` });
    await expect(verify(await sign(claims))).resolves.toMatchObject({ tenantId: OTHER_TENANT });
  });

  it('then a clock up to the allowed skew behind or ahead is tolerated', async () => {
    const { verify } = setup();
    const nowSeconds = Math.floor(clock / 1000);
    await expect(verify(await sign(entraClaims({ exp: nowSeconds - 50 })))).resolves.toBeTruthy();
    await expect(verify(await sign(entraClaims({ nbf: nowSeconds + 50 })))).resolves.toBeTruthy();
  });

  it.each<[string, string, () => Promise<string>]>([
    ['not a JWT at all', 'entra_token_malformed', async () => 'not-a-token'],
    ['a garbled header', 'entra_token_malformed', async () => `e30x.${(await sign(entraClaims())).split('.').slice(1).join('.')}`],
    [
      'an unsigned token (alg none)',
      'entra_token_algorithm',
      async () => {
        const [, payload] = (await sign(entraClaims())).split('.');
        return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: current.kid })).toString('base64url')}.${payload}.`;
      },
    ],
    [
      'HS256 keyed with the public key',
      'entra_token_algorithm',
      async () =>
        new SignJWT(entraClaims())
          .setProtectedHeader({ alg: 'HS256', kid: current.kid })
          .sign(new TextEncoder().encode(JSON.stringify(current.jwk))),
    ],
    ['a key Entra does not publish', 'entra_token_unknown_key', async () => sign(entraClaims(), await signingKey('key-nobody-knows'))],
    [
      'a changed payload under the genuine signature',
      'entra_token_signature',
      async () => {
        const [head, , signature] = (await sign(entraClaims())).split('.');
        const forged = Buffer.from(JSON.stringify(entraClaims({ oid: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }))).toString('base64url');
        return `${head}.${forged}.${signature}`;
      },
    ],
    ['the issuer of another tenant', 'entra_token_issuer', async () => sign(entraClaims({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }))],
    ['a v1.0 issuer', 'entra_token_issuer', async () => sign(entraClaims({ iss: `https://sts.windows.net/${TENANT}/` }))],
    ['the templated issuer itself', 'entra_token_issuer', async () => sign(entraClaims({ iss: TEMPLATE_ISSUER }))],
    ['a tenant id that is not a GUID', 'entra_token_tenant', async () => sign(entraClaims({ tid: 'common', iss: 'https://login.microsoftonline.com/common/v2.0' }))],
    ['no tenant id', 'entra_token_tenant', async () => sign(entraClaims({ tid: undefined }))],
    ['another audience', 'entra_token_audience', async () => sign(entraClaims({ aud: '00000003-0000-0000-c000-000000000000' }))],
    ['version 1.0', 'entra_token_version', async () => sign(entraClaims({ ver: '1.0' }))],
    ['an expiry past the skew', 'entra_token_expired', async () => sign(entraClaims({ exp: Math.floor(clock / 1000) - 61 }))],
    ['a start beyond the skew', 'entra_token_not_yet_valid', async () => sign(entraClaims({ nbf: Math.floor(clock / 1000) + 120 }))],
    ['no expiry', 'entra_token_claims', async () => sign(entraClaims({ exp: undefined }))],
    ['another scope only', 'entra_token_scope', async () => sign(entraClaims({ scp: 'User.Read' }))],
    ['an app-only token (roles, no scp)', 'entra_token_scope', async () => sign(entraClaims({ scp: undefined, roles: ['access_as_user'] }))],
    ['no object id', 'entra_token_claims', async () => sign(entraClaims({ oid: undefined }))],
  ])('then %s is refused as %s', async (_what, code, makeToken) => {
    const { verify } = setup();
    const error = await refusal(verify(await makeToken()));
    expect([error.status, error.code]).toEqual([401, code]);
  });

  it('then, where only Sealpost may ask for tokens, a token another application asked for is refused', async () => {
    const { verify } = setup({ authorizedClients: [CLIENT_ID] });
    await expect(verify(await sign(entraClaims({ azp: CLIENT_ID.toUpperCase() })))).resolves.toMatchObject({ clientAppId: CLIENT_ID.toUpperCase() });
    for (const azp of ['bc59ab01-8403-45c6-8796-ac3ef710b3e3', undefined]) {
      const error = await refusal(verify(await sign(entraClaims({ azp }))));
      expect([error.status, error.code]).toEqual([401, 'entra_token_client']);
    }
  });

  it('then a key that Entra reserves for one issuer does not sign for another tenant', async () => {
    const consumerOnly = await signingKey('key-consumers', 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0');
    published = [current, consumerOnly];
    try {
      const { verify } = setup();
      expect((await refusal(verify(await sign(entraClaims(), consumerOnly)))).code).toBe('entra_token_issuer');
    } finally {
      published = [current];
    }
  });
});

describe('when the signing keys are fetched', () => {
  it('then they are fetched once and reused until a day has passed', async () => {
    const { keys, verify } = setup();
    const token = await sign(entraClaims());
    await verify(token);
    await verify(token);
    expect(keys.fetchCount).toBe(1);
    const start = clock;
    try {
      clock += 24 * 60 * 60 * 1000 + 1;
      await verify(await sign(entraClaims()));
      expect(keys.fetchCount).toBe(2);
    } finally {
      clock = start;
    }
  });

  it('then a rotated key is fetched at once, and unknown key ids fetch at most once per cooldown', async () => {
    const { keys, verify } = setup();
    await verify(await sign(entraClaims()));
    const rotated = await signingKey('key-2026-b');
    published = [current, rotated];
    const start = clock;
    try {
      clock += 6 * 60 * 1000;
      await expect(verify(await sign(entraClaims(), rotated))).resolves.toMatchObject({ tenantId: TENANT });
      expect(keys.fetchCount).toBe(2);
      const stranger = await signingKey('key-made-up');
      for (let i = 0; i < 5; i += 1) expect((await refusal(verify(await sign(entraClaims(), stranger)))).code).toBe('entra_token_unknown_key');
      expect(keys.fetchCount).toBe(2);
      clock += 5 * 60 * 1000;
      expect((await refusal(verify(await sign(entraClaims(), stranger)))).code).toBe('entra_token_unknown_key');
      expect(keys.fetchCount).toBe(3);
    } finally {
      clock = start;
      published = [current];
    }
  });

  it('then concurrent checks share one fetch', async () => {
    const { keys, verify } = setup();
    const token = await sign(entraClaims());
    await Promise.all([verify(token), verify(token), verify(token)]);
    expect(keys.fetchCount).toBe(1);
  });

  it('then an unreachable key set is a 503 with its own code, and old keys keep working through an outage', async () => {
    jwksStatus = 500;
    const start = clock;
    try {
      const { verify: verifyCold } = setup();
      const error = await refusal(verifyCold(await sign(entraClaims())));
      expect([error.status, error.code]).toEqual([503, 'entra_keys_unavailable']);

      jwksStatus = 200;
      const { keys, verify } = setup();
      await verify(await sign(entraClaims()));
      jwksStatus = 500;
      clock += 24 * 60 * 60 * 1000 + 1;
      await expect(verify(await sign(entraClaims()))).resolves.toMatchObject({ tenantId: TENANT });
      expect(keys.fetchCount).toBe(2);
    } finally {
      jwksStatus = 200;
      clock = start;
    }
  });
});
