/**
 * Microsoft Entra as the tests need it: signing keys generated here and published on loopback the way Entra
 * publishes them (a JWKS with an `issuer` per key), and access tokens shaped like Entra's v2.0 tokens for Sealpost's
 * API, signed with those keys. Point the server at it with ENTRA_JWKS_URL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface EntraSigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK & { issuer?: string };
}

export interface TestEntra {
  jwksUrl: string;
  /** The published key; tokens are signed with it unless told otherwise. */
  key: EntraSigningKey;
  /** A key that is not published (for "unknown key" refusals). */
  newKey(kid: string): Promise<EntraSigningKey>;
  /** Signs these claims as an Entra access token (RS256, `kid` of the key); `header` overrides header fields. */
  sign(claims: Record<string, unknown>, options?: { key?: EntraSigningKey; header?: Record<string, unknown> }): Promise<string>;
  stop(): Promise<void>;
}

export async function newEntraKey(kid: string): Promise<EntraSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' };
  return { kid, privateKey, jwk };
}

export async function startTestEntra(): Promise<TestEntra> {
  const key = await newEntraKey('test-entra-key-1');
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [key.jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/common/discovery/v2.0/keys`,
    key,
    newKey: newEntraKey,
    sign: (claims, options = {}) => {
      const signer = options.key ?? key;
      return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: signer.kid, ...options.header }).sign(signer.privateKey);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Claims as Entra puts them in a v2.0 access token of a delegated call (a person signed in to Outlook). */
export function entraAccessClaims(input: {
  tenantId: string;
  objectId: string;
  email: string;
  audience: string;
  /** The application that asked for the token (`azp`); Sealpost's own (the audience) unless told. */
  clientAppId?: string;
  scope?: string;
  overrides?: Record<string, unknown>;
}): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000) - 60;
  return {
    aud: input.audience,
    iss: `https://login.microsoftonline.com/${input.tenantId}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + 3600,
    aio: 'AWQAm/8TAAAA',
    // Outlook's nested app authentication asks in the add-in's name, which is Sealpost's own app registration.
    azp: input.clientAppId ?? input.audience,
    azpacr: '0',
    name: input.email.split('@')[0],
    oid: input.objectId,
    preferred_username: input.email,
    rh: '0.AAAA',
    scp: input.scope ?? 'access_as_user',
    sub: `sub-${input.objectId}`,
    tid: input.tenantId,
    uti: `uti-${Math.random().toString(36).slice(2)}`,
    ver: '2.0',
    ...input.overrides,
  };
}

/** The client id of Sealpost's Entra app in tests. */
export const TEST_ENTRA_CLIENT_ID = '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';

/** The settings that make a test server trust this key set for Sealpost's Entra app. */
export function entraServerEnv(entra: TestEntra): Record<string, string> {
  return { ENTRA_CLIENT_ID: TEST_ENTRA_CLIENT_ID, ENTRA_JWKS_URL: entra.jwksUrl };
}
