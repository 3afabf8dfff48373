/**
 * Matrix rows of single sign-on: the provider settings (admins only), the sign-in page's discovery (anyone), and
 * Outlook's Microsoft token exchange (anyone: the answer depends on the token alone, whoever else's session comes
 * along; what each kind of person gets for their own token is in routes/sso/entraSignIn.test.ts).
 */
import { signUpOrganization } from '../../testing/accounts';
import { entraAccessClaims, TEST_ENTRA_CLIENT_ID } from '../../testing/entraTokens';
import { inviteAndRegister } from '../../testing/members';
import { adminsOnly, everyone, type MatrixContext, type Rows } from './matrix';
import { buySeats } from '../../testing/seats';

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

const OUTLOOK_TENANT = '5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const OUTLOOK_DOMAIN = 'outlook-matrix.test';

/** An organization of its own that pinned a tenant and covers a domain, and a pro there: the rows above leave it be. */
async function outlookClinic({ t }: MatrixContext): Promise<{ email: string; objectId: string }> {
  const owner = await signUpOrganization(t, { organizationName: 'Matrix Outlook Clinic' });
  await buySeats(t, owner.accessToken, 2);
  const ownerId = (await t.api('GET', '/api/v1/me', { token: owner.accessToken })).body.account.id as string;
  const { record } = await t.store.domains.create({ organizationId: owner.organizationId, domain: OUTLOOK_DOMAIN, verificationToken: 't', createdBy: ownerId });
  await t.store.domains.markVerified(owner.organizationId, record.id);
  const saved = await t.api('PUT', '/api/v1/organization/sso', {
    token: owner.accessToken,
    body: { kind: 'entra', displayName: 'Microsoft', entraTenantId: OUTLOOK_TENANT, clientId: null, coveredDomainIds: [record.id], prosMustUseSso: false, trustProviderMfa: false },
  });
  if (saved.status !== 200) throw new Error(`saving the Entra provider answered ${saved.status}`);
  const pro = await inviteAndRegister(t, owner, { email: `olive@${OUTLOOK_DOMAIN}`, type: 'pro' });
  return { email: pro.email, objectId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d' };
}

export async function ssoRows(ctx: MatrixContext): Promise<Rows> {
  const { entra } = ctx;
  if (!entra) throw new Error("the single sign-on rows need Microsoft's test keys (MatrixContext.entra)");
  const outlookPro = await outlookClinic(ctx);
  return {
    'GET /api/v1/organization/sso': { call: async () => ({ path: '/api/v1/organization/sso' }), expect: adminsOnly('ok') },
    'PUT /api/v1/organization/sso': { call: async () => ({ path: '/api/v1/organization/sso', body: provider }), expect: adminsOnly('ok') },
    // Anyone may ask, signed in or not: the answer depends on the address's domain alone.
    'POST /api/v1/auth/sso/discover': {
      call: async () => ({ path: '/api/v1/auth/sso/discover', body: { email: 'someone@matrix-medical.test' } }),
      expect: everyone('ok'),
    },
    'DELETE /api/v1/organization/sso': { call: async () => ({ path: '/api/v1/organization/sso' }), expect: adminsOnly('ok') },
    'POST /api/v1/auth/entra': {
      call: async () => ({
        path: '/api/v1/auth/entra',
        body: {
          accessToken: await entra.sign(
            entraAccessClaims({ tenantId: OUTLOOK_TENANT, objectId: outlookPro.objectId, email: outlookPro.email, audience: TEST_ENTRA_CLIENT_ID }),
          ),
        },
      }),
      expect: everyone('ok'),
    },
  };
}
