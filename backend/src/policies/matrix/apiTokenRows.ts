/** Matrix rows of API tokens and of the SCIM routes they open. */
import { adminsOnly, type MatrixContext, type Rows } from './matrix';

export function apiTokenRows({ t, cast }: MatrixContext): Rows {
  const admin = { token: cast.admin.accessToken };
  const freshToken = async () =>
    (await t.api('POST', '/api/v1/organization/api-tokens', { ...admin, body: { name: 'Matrix directory', scopes: ['scim'] } })).body.id as string;
  return {
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
