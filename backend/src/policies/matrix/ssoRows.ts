/** Matrix rows of single sign-on: the provider settings (admins only) and the sign-in page's discovery (anyone). */
import { adminsOnly, everyone, type MatrixContext, type Rows } from './matrix';

const provider = {
  kind: 'oidc',
  displayName: 'Matrix ID',
  issuer: 'https://id.matrix-medical.test',
  clientId: 'sealpost',
  clientSecret: 'matrix client secret',
  coveredDomainIds: [],
  prosMustUseSso: false,
  trustProviderMfa: false,
};

export function ssoRows(_ctx: MatrixContext): Rows {
  return {
    'GET /api/v1/organization/sso': { call: async () => ({ path: '/api/v1/organization/sso' }), expect: adminsOnly('ok') },
    'PUT /api/v1/organization/sso': { call: async () => ({ path: '/api/v1/organization/sso', body: provider }), expect: adminsOnly('ok') },
    // Anyone may ask, signed in or not: the answer depends on the address's domain alone.
    'POST /api/v1/auth/sso/discover': {
      call: async () => ({ path: '/api/v1/auth/sso/discover', body: { email: 'someone@matrix-medical.test' } }),
      expect: everyone('ok'),
    },
    'DELETE /api/v1/organization/sso': { call: async () => ({ path: '/api/v1/organization/sso' }), expect: adminsOnly('ok') },
  };
}
