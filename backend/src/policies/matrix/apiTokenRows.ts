/** Matrix rows of API tokens and of the SCIM routes they open. */
import { sealClientSecret } from '../../sso/clientSecret';
import { uniqueEmail } from '../../testing/members';
import type { Persona } from '../../testing/personas';
import { adminsOnly, everyone, type Expect, type MatrixContext, type Rows } from './matrix';

export async function apiTokenRows({ t, cast, personas }: MatrixContext): Promise<Rows> {
  const createToken = (adminToken: string) =>
    t.api('POST', '/api/v1/organization/api-tokens', { token: adminToken, body: { name: 'Matrix directory', scopes: ['scim'] } });
  const freshToken = async () => (await createToken(cast.admin.accessToken)).body.id as string;
  /** SCIM takes only API tokens: the admin calls with this organization's, the other admin with theirs, the rest with their sessions. */
  // made now, while the rows are built: later rows change settings (2-step required…) that would refuse making them
  const scimTokens: Partial<Record<Persona, string>> = {
    admin: (await createToken(personas.tokens.admin!)).body.token as string,
    otherOrg: (await createToken(personas.tokens.otherOrg!)).body.token as string,
  };
  const scimTokenOf = async (persona: Persona): Promise<string | undefined> => scimTokens[persona];
  /**
   * SCIM users of this organization on a domain its single sign-on covers: active at once and mailed nothing, so the
   * admin's hourly invitation allowance, which the rows before these spend, never decides a cell.
   */
  const coveredDomain = await (async () => {
    const host = `scim${Date.now()}.matrix-medical.test`;
    const { record } = await t.store.domains.create({ organizationId: cast.organizationId, domain: host, verificationToken: 't', createdBy: cast.admin.accountId });
    await t.store.domains.markVerified(cast.organizationId, record.id);
    await t.store.ssoProviders.save({
      organizationId: cast.organizationId, kind: 'oidc', displayName: 'Matrix IdP', issuer: 'https://idp.matrix-medical.test', clientId: 'matrix',
      clientSecretSealed: sealClientSecret(t.deps.secrets.keyring, cast.organizationId, 'matrix-secret'), entraTenantId: null,
      prosMustUseSso: false, trustProviderMfa: false, coveredDomainIds: [record.id], savedBy: null,
    });
    return host;
  })();
  const coveredEmail = async () => uniqueEmail('scim', coveredDomain);
  const user = async () =>
    (await t.api('POST', '/scim/v2/Users', { token: await scimTokenOf('admin'), body: { userName: await coveredEmail(), userType: 'guest' } })).body.id as string;
  const scimCall = async (persona: Persona, path: string, body?: unknown) => {
    const token = await scimTokenOf(persona);
    return { path, body, ...(token ? { token } : {}) };
  };
  /** The organization's own token works; another organization's token finds none of its users; sessions are not tokens. */
  const scimExpect = (other: Expect) => everyone('unauthenticated', { admin: 'ok', otherOrg: other });
  const replace = { userName: '', userType: 'guest', name: { givenName: 'Matrix', familyName: 'Person' } };
  return {
    'GET /scim/v2/ServiceProviderConfig': { call: (p) => scimCall(p, '/scim/v2/ServiceProviderConfig'), expect: scimExpect('ok') },
    'GET /scim/v2/ResourceTypes': { call: (p) => scimCall(p, '/scim/v2/ResourceTypes'), expect: scimExpect('ok') },
    'GET /scim/v2/Schemas': { call: (p) => scimCall(p, '/scim/v2/Schemas'), expect: scimExpect('ok') },
    'GET /scim/v2/Users': { call: (p) => scimCall(p, '/scim/v2/Users?count=5'), expect: scimExpect('ok') },
    'POST /scim/v2/Users': { call: async (p) => scimCall(p, '/scim/v2/Users', { userName: await coveredEmail(), userType: 'guest' }), expect: scimExpect('ok') },
    'GET /scim/v2/Users/:userId': { call: async (p) => scimCall(p, `/scim/v2/Users/${await user()}`), expect: scimExpect('not_found') },
    'PUT /scim/v2/Users/:userId': {
      call: async (p) => {
        const id = await user();
        const found = await t.api('GET', `/scim/v2/Users/${id}`, { token: await scimTokenOf('admin') });
        return scimCall(p, `/scim/v2/Users/${id}`, { ...replace, userName: found.body.userName });
      },
      expect: scimExpect('not_found'),
    },
    'PATCH /scim/v2/Users/:userId': {
      call: async (p) => scimCall(p, `/scim/v2/Users/${await user()}`, { Operations: [{ op: 'Replace', path: 'displayName', value: 'Matrix Person' }] }),
      expect: scimExpect('not_found'),
    },
    'DELETE /scim/v2/Users/:userId': { call: async (p) => scimCall(p, `/scim/v2/Users/${await user()}`), expect: scimExpect('not_found') },
    'GET /api/v1/organization/api-tokens': { call: async () => ({ path: '/api/v1/organization/api-tokens' }), expect: adminsOnly('ok') },
    'POST /api/v1/organization/api-tokens': {
      call: async () => ({ path: '/api/v1/organization/api-tokens', body: { name: 'Matrix sync', scopes: ['scim'] } }),
      expect: adminsOnly('ok'),
    },
    'DELETE /api/v1/organization/api-tokens/:tokenId': {
      call: async () => ({ path: `/api/v1/organization/api-tokens/${await freshToken()}` }),
      expect: adminsOnly('not_found'),
    },
  };
}
