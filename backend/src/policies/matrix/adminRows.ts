/**
 * Matrix rows of running an organization: invitations, registration, members, seats, invoices, audit, branding,
 * settings and domains.
 */
import { randomUUID } from 'node:crypto';
import { pngImage } from '../../testing/images';
import { inviteAndRegister, invitationToken, uniqueEmail } from '../../testing/members';
import { adminsOnly, everyone, managers, type MatrixContext, type Rows } from './matrix';

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function adminRows({ t, cast }: MatrixContext): Rows {
  const admin = { token: cast.admin.accessToken };
  /** A fresh subject per call, so one cell's change never decides another's answer. */
  const subjects = {
    invitation: async () => (await t.api('POST', '/api/v1/invitations', { ...admin, body: { email: uniqueEmail('m') } })).body.id as string,
    member: async () => (await inviteAndRegister(t, cast.admin, { type: 'guest' })).accountId,
    domain: async () =>
      (await t.api('POST', '/api/v1/domains', { ...admin, body: { domain: `${uniqueEmail('d').split('@')[0]}.matrix-medical.test` } })).body.id as string,
    registrationToken: async () => {
      const email = uniqueEmail('reg');
      await t.api('POST', '/api/v1/invitations', { ...admin, body: { email } });
      return invitationToken(t, email);
    },
  };

  return {
    'POST /api/v1/invitations': {
      call: async () => ({ path: '/api/v1/invitations', body: { email: uniqueEmail('x') } }),
      expect: everyone('ok', { guest: 'forbidden', removed: 'denied', anonymous: 'unauthenticated' }),
    },
    'GET /api/v1/invitations': {
      call: async () => ({ path: '/api/v1/invitations' }),
      expect: everyone('ok', { guest: 'forbidden', removed: 'denied', anonymous: 'unauthenticated' }),
    },
    'POST /api/v1/invitations/:invitationId/resend': {
      call: async () => ({ path: `/api/v1/invitations/${await subjects.invitation()}/resend` }),
      expect: managers('not_found'),
    },
    'DELETE /api/v1/invitations/:invitationId': {
      call: async () => ({ path: `/api/v1/invitations/${await subjects.invitation()}` }),
      expect: managers('not_found'),
    },
    'PATCH /api/v1/invitations/:invitationId': {
      call: async () => ({ path: `/api/v1/invitations/${await subjects.invitation()}`, body: { phone: '+1 555 0100' } }),
      expect: managers('not_found'),
    },
    'POST /api/v1/registration/lookup': {
      call: async () => ({ path: '/api/v1/registration/lookup', body: { token: await subjects.registrationToken() } }),
      expect: everyone('ok'),
    },
    'POST /api/v1/registration': {
      call: async () => ({ path: '/api/v1/registration', body: { token: await subjects.registrationToken(), password: 'matrix passphrase' } }),
      expect: everyone('ok'),
    },
    'GET /api/v1/members': { call: async () => ({ path: '/api/v1/members' }), expect: managers('ok') },
    'PATCH /api/v1/members/:accountId': {
      call: async () => ({ path: `/api/v1/members/${await subjects.member()}`, body: { type: 'pro' } }),
      expect: adminsOnly('not_found'),
    },
    'DELETE /api/v1/members/:accountId': {
      // with a hand-over to this organization's admin: another organization's caller still learns nothing of the member
      call: async () => ({ path: `/api/v1/members/${await subjects.member()}?handOverTo=${cast.admin.accountId}` }),
      expect: managers('not_found'),
    },
    'POST /api/v1/members/:accountId/sign-out': {
      call: async () => ({ path: `/api/v1/members/${await subjects.member()}/sign-out` }),
      expect: managers('not_found'),
    },
    'GET /api/v1/members/export.csv': { call: async () => ({ path: '/api/v1/members/export.csv?status=invited' }), expect: managers('ok') },
    'GET /api/v1/members/:accountId': {
      call: async () => ({ path: `/api/v1/members/${await subjects.member()}` }),
      expect: managers('not_found'),
    },
    'POST /api/v1/members/bulk': {
      // Answers 200 with a result per member; another organization's admin gets a not_found result, not the member.
      call: async () => ({ path: '/api/v1/members/bulk', body: { action: 'resend', accountIds: [await subjects.member()] } }),
      expect: managers('ok'),
    },
    'GET /api/v1/seats': { call: async () => ({ path: '/api/v1/seats' }), expect: managers('ok') },
    'POST /api/v1/seats/purchases': {
      call: async () => ({ path: '/api/v1/seats/purchases', body: { seats: 1 }, headers: { 'idempotency-key': `matrix-${randomUUID()}` } }),
      expect: managers('ok'),
    },
    // The cast's organization holds far more seats than pros (testing/personas.ts), so giving one up is allowed.
    'POST /api/v1/seats/reductions': { call: async () => ({ path: '/api/v1/seats/reductions', body: { seats: 1 } }), expect: managers('ok') },
    // Run after the purchase row above, which left each organization a purchase this month, hence an invoice.
    'GET /api/v1/invoices': { call: async () => ({ path: '/api/v1/invoices' }), expect: managers('ok') },
    'GET /api/v1/invoices/:period/print': { call: async () => ({ path: `/api/v1/invoices/${thisMonth()}/print` }), expect: managers('ok') },
    'POST /api/v1/invoices/:period/email': { call: async () => ({ path: `/api/v1/invoices/${thisMonth()}/email` }), expect: managers('ok') },
    'GET /api/v1/audit': { call: async () => ({ path: '/api/v1/audit?action=member.' }), expect: adminsOnly('ok') },
    'GET /api/v1/audit/verification': { call: async () => ({ path: '/api/v1/audit/verification' }), expect: adminsOnly('ok') },
    'GET /api/v1/audit/export.csv': { call: async () => ({ path: '/api/v1/audit/export.csv?action=seats.purchased' }), expect: adminsOnly('ok') },
    'GET /api/v1/branding': { call: async () => ({ path: '/api/v1/branding' }), expect: everyone('ok', { removed: 'denied', anonymous: 'unauthenticated' }) },
    'PATCH /api/v1/branding': { call: async () => ({ path: '/api/v1/branding', body: { accentColor: '#0b6e69' } }), expect: adminsOnly('ok') },
    'PUT /api/v1/branding/logo': {
      call: async () => ({ path: '/api/v1/branding/logo', raw: { bytes: pngImage(8, 8), headers: { 'content-type': 'image/png' } } }),
      expect: adminsOnly('ok'),
    },
    'DELETE /api/v1/branding/logo': { call: async () => ({ path: '/api/v1/branding/logo' }), expect: adminsOnly('ok') },
    // Public: emails show the logo to people who are not signed in.
    'GET /api/v1/branding/logo/:organizationId': {
      call: async () => {
        await fetch(`${t.url}/api/v1/branding/logo`, { method: 'PUT', headers: { authorization: `Bearer ${cast.admin.accessToken}`, 'content-type': 'image/png' }, body: new Uint8Array(pngImage(8, 8)) });
        return { path: `/api/v1/branding/logo/${cast.organizationId}` };
      },
      expect: everyone('ok'),
    },
    'GET /api/v1/branding/preview/invitation': { call: async () => ({ path: '/api/v1/branding/preview/invitation' }), expect: managers('ok') },
    'GET /api/v1/organization/settings': { call: async () => ({ path: '/api/v1/organization/settings' }), expect: managers('ok') },
    'PATCH /api/v1/organization/settings': {
      call: async () => ({ path: '/api/v1/organization/settings', body: { invitationExpiryDays: 7 } }),
      expect: adminsOnly('ok'),
    },
    'POST /api/v1/domains': {
      call: async () => ({ path: '/api/v1/domains', body: { domain: `${uniqueEmail('c').split('@')[0]}.matrix-medical.test` } }),
      expect: adminsOnly('ok'),
    },
    'GET /api/v1/domains': { call: async () => ({ path: '/api/v1/domains' }), expect: managers('ok') },
    'POST /api/v1/domains/:domainId/verify': {
      call: async () => ({ path: `/api/v1/domains/${await subjects.domain()}/verify` }),
      // No TXT record is published, so the admin's verification fails on its merits (409), past authorization.
      expect: { ...adminsOnly('not_found'), admin: 'allowed' },
    },
    'DELETE /api/v1/domains/:domainId': {
      call: async () => ({ path: `/api/v1/domains/${await subjects.domain()}` }),
      expect: adminsOnly('not_found'),
    },
  };
}
