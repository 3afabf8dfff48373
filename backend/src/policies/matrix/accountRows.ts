/** Matrix rows of a person's own account: health, sign-up, sign-in, sessions, password reset, 2-step, /me. */
import { linkIn, tokenOf } from '../../testing/testServer';
import { inviteAndRegister, uniqueEmail } from '../../testing/members';
import { freshToken, sessionIdOf } from '../../testing/personas';
import { everyone, signedIn, type MatrixContext, type Rows } from './matrix';

export function accountRows({ t, cast, personas }: MatrixContext): Rows {
  let addresses = 0;
  const ip = () => `198.18.0.${(addresses += 1) % 250}`;
  const subjects = {
    signUpToken: async () => {
      const email = uniqueEmail('owner', 'clinic.example');
      await t.api('POST', '/api/v1/signup', { ip: ip(), body: { organizationName: 'Matrix Start', name: 'Sam Start', email, password: 'correct horse battery staple' } });
      const [mail] = await t.mailTo(email);
      return tokenOf(linkIn(mail!, '/signup/confirm'));
    },
    refreshToken: async () => {
      const res = await t.api('POST', '/api/v1/auth/login', { ip: ip(), body: { email: cast.pro.email, password: cast.pro.password } });
      return res.body.refreshToken as string;
    },
    resetToken: async () => {
      const member = await inviteAndRegister(t, cast.admin, { type: 'guest' });
      await t.api('POST', '/api/v1/auth/password-reset', { ip: ip(), body: { email: member.email } });
      const [mail] = await t.mailTo(member.email);
      return tokenOf(linkIn(mail!, '/reset-password'));
    },
  };

  return {
    'GET /health': { call: async () => ({ path: '/health' }), expect: everyone('ok') },
    'GET /ready': { call: async () => ({ path: '/ready' }), expect: everyone('ok') },
    'POST /api/v1/signup': {
      call: async () => ({
        path: '/api/v1/signup',
        body: { organizationName: 'Matrix Start', name: 'Sam Start', email: uniqueEmail('start', 'clinic.example'), password: 'correct horse battery staple' },
      }),
      expect: everyone('ok'),
    },
    'POST /api/v1/signup/confirm': { call: async () => ({ path: '/api/v1/signup/confirm', body: { token: await subjects.signUpToken() } }), expect: everyone('ok') },
    // Signing in and refreshing: the credentials are what counts, not who else is calling.
    'POST /api/v1/auth/login': {
      call: async () => ({ path: '/api/v1/auth/login', body: { email: cast.pro.email, password: cast.pro.password } }),
      expect: everyone('ok'),
    },
    'POST /api/v1/auth/refresh': { call: async () => ({ path: '/api/v1/auth/refresh', body: { refreshToken: await subjects.refreshToken() } }), expect: everyone('ok') },
    'POST /api/v1/auth/password-reset': {
      call: async () => ({ path: '/api/v1/auth/password-reset', body: { email: uniqueEmail('reset') } }),
      expect: everyone('ok'),
    },
    'POST /api/v1/auth/password-reset/confirm': {
      call: async () => ({ path: '/api/v1/auth/password-reset/confirm', body: { token: await subjects.resetToken(), password: 'a brand new passphrase' } }),
      expect: everyone('ok'),
    },
    // Signing out ends the caller's own session: each call gets a new one, so the persona's standing token lives on.
    'POST /api/v1/auth/logout': {
      call: async (persona) => ({ path: '/api/v1/auth/logout', token: await freshToken(t, personas, persona) }),
      expect: signedIn('ok'),
    },
    'GET /api/v1/auth/sessions': { call: async () => ({ path: '/api/v1/auth/sessions' }), expect: signedIn('ok') },
    // Anyone signed in may start their send handler's session; a device session may not start another (deviceSessions.test.ts).
    'POST /api/v1/auth/device-sessions': {
      call: async () => ({ path: '/api/v1/auth/device-sessions', body: { purpose: 'outlook_send_handler' } }),
      expect: signedIn('ok'),
    },
    // The subject is another session of the pro: only the pro may end it.
    'DELETE /api/v1/auth/sessions/:sessionId': {
      call: async () => ({ path: `/api/v1/auth/sessions/${sessionIdOf((await freshToken(t, personas, 'pro'))!)}` }),
      expect: signedIn('not_found', { pro: 'ok' }),
    },
    'POST /api/v1/auth/switch-organization': {
      call: async (persona) => ({ path: '/api/v1/auth/switch-organization', body: { organizationId: cast.organizationId }, token: await freshToken(t, personas, persona) }),
      expect: signedIn('ok', { otherOrg: 'refused' }),
    },
    'GET /api/v1/me': { call: async () => ({ path: '/api/v1/me' }), expect: signedIn('ok') },
    // Anyone signed in may start an organization of their own (as anyone may sign up).
    'POST /api/v1/organizations': { call: async () => ({ path: '/api/v1/organizations', body: { name: 'Matrix Spin-off' } }), expect: signedIn('ok') },
    // Sign-in's second step: the challenge token is the credential, so who else calls does not matter.
    'POST /api/v1/auth/two-step/verify': {
      call: async () => ({ path: '/api/v1/auth/two-step/verify', body: { challengeToken: 'B'.repeat(43), code: '123456' } }),
      expect: everyone('bad_challenge'),
    },
    'POST /api/v1/auth/two-step/enroll': {
      call: async () => ({ path: '/api/v1/auth/two-step/enroll', body: { challengeToken: 'B'.repeat(43) } }),
      expect: everyone('bad_challenge'),
    },
    'POST /api/v1/auth/two-step/activate': {
      call: async () => ({ path: '/api/v1/auth/two-step/activate', body: { challengeToken: 'B'.repeat(43), code: '123456' } }),
      expect: everyone('bad_challenge'),
    },
    // Anyone signed in may protect their own account.
    'POST /api/v1/two-step/enroll': { call: async () => ({ path: '/api/v1/two-step/enroll', body: {} }), expect: signedIn('allowed') },
    // Runs after the enroll row above, which left each caller a key waiting for its first code.
    'POST /api/v1/two-step/activate': { call: async () => ({ path: '/api/v1/two-step/activate', body: { code: '000000' } }), expect: signedIn('wrong_code') },
  };
}
