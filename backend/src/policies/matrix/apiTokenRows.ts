/** Matrix rows of API tokens and of the SCIM routes they open. */
import { uniqueEmail } from '../../testing/members';
import type { Persona } from '../../testing/personas';
import { adminsOnly, everyone, type Expect, type MatrixContext, type Rows } from './matrix';

export function apiTokenRows({ t, cast, personas }: MatrixContext): Rows {
  const createToken = (adminToken: string) =>
    t.api('POST', '/api/v1/organization/api-tokens', { token: adminToken, body: { name: 'Matrix directory', scopes: ['scim'] } });
  const freshToken = async () => (await createToken(cast.admin.accessToken)).body.id as string;
  /** SCIM takes only API tokens: the admin calls with this organization's, the other admin with theirs, the rest with their sessions. */
  const scimTokens: Partial<Record<Persona, Promise<string>>> = {};
  const scimTokenOf = (persona: Persona): Promise<string | undefined> | undefined => {
    if (persona !== 'admin' && persona !== 'otherOrg') return undefined;
    scimTokens[persona] ??= createToken(personas.tokens[persona]!).then((res) => res.body.token as string);
    return scimTokens[persona];
  };
  const user = async () =>
    (await t.api('POST', '/scim/v2/Users', { token: await scimTokenOf('admin'), body: { userName: uniqueEmail('scim'), userType: 'guest' } })).body.id as string;
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
    'POST /scim/v2/Users': { call: (p) => scimCall(p, '/scim/v2/Users', { userName: uniqueEmail('scim'), userType: 'guest' }), expect: scimExpect('ok') },
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
