/** Sign-up, sign-in, token refresh, sign-out, the person's sessions, and password reset. */
import type { Request } from 'express';
import { changePassword } from '../../commands/passwordChanger';
import { endOwnSession } from '../../commands/sessionEnder';
import { requestPasswordReset, resetPassword } from '../../commands/passwordResetter';
import { startDeviceSession } from '../../commands/deviceSessionStarter';
import { refreshSession } from '../../commands/sessionRefresher';
import type { ClientInfo } from '../../commands/sessionIssuer';
import { signIn } from '../../commands/signIn';
import { confirmSignUp, requestSignUp } from '../../commands/signUp';
import { switchOrganization } from '../../commands/organizationSwitcher';
import { errors } from '../../errors';
import { hashToken } from '../../auth/tokens';
import { checkCsrf, clearSessionCookies, cookieNames, readCookies } from '../../http/cookies';
import { limits, spendAttempt } from '../../commands/attemptLimits';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentSession } from '../../presenters/account';
import { presentSignIn } from '../../presenters/signIn';
import { presentTokens } from '../../presenters/tokens';

export function clientInfo(req: Request): ClientInfo {
  return { userAgent: req.get('user-agent') ?? null, ip: req.ip ?? null };
}

export const authRoutes = [
  defineRoute(contract.auth.signUp, {
    tag: 'auth',
    summary: 'Start a new organization: emails a confirmation link (or, if the email has an account, a note to its owner).',
    auth: 'none',
    errors: ['invalid_request', 'weak_password', 'rate_limited'],
    async handler({ body, req, deps }) {
      await requestSignUp(deps, { ...body, client: clientInfo(req) });
      return { status: 'accepted' as const, message: `We sent an email to ${body.email}. Open the link in it to continue.` };
    },
  }),
  defineRoute(contract.auth.confirmSignUp, {
    tag: 'auth',
    summary: 'Use the emailed sign-up link: creates the account and organization and signs in.',
    auth: 'none',
    errors: ['invalid_link', 'email_taken', 'two_step_required'],
    async handler({ body, req, res, deps }) {
      const tokens = await confirmSignUp(deps, body.token, clientInfo(req));
      return presentTokens(res, deps.config, tokens, body.delivery);
    },
  }),
  defineRoute(contract.auth.login, {
    tag: 'auth',
    summary: 'Sign in with email and password. When 2-step verification applies, answers with a challenge instead of tokens.',
    auth: 'none',
    errors: ['invalid_credentials', 'access_revoked', 'account_blocked', 'not_a_member', 'rate_limited', 'sso_required'],
    async handler({ body, req, res, deps }) {
      const deviceToken = readCookies(req)[cookieNames(deps.config).device];
      const result = await signIn(deps, { ...body, client: clientInfo(req), deviceToken });
      return presentSignIn(res, deps.config, result, body.delivery);
    },
  }),
  defineRoute(contract.auth.refresh, {
    tag: 'auth',
    summary: 'Trade a refresh token for new tokens. Each refresh token works once; reusing one signs the session out.',
    auth: 'none',
    errors: ['invalid_refresh_token', 'refresh_token_reused', 'access_revoked', 'account_blocked', 'csrf_failed', 'two_step_required'],
    async handler({ body, req, res, deps }) {
      await spendAttempt(deps.store, limits.refreshPerIp, req.ip ?? 'unknown');
      let token = body.refreshToken;
      if (!token) {
        token = readCookies(req)[cookieNames(deps.config).refresh];
        if (!token) throw errors.invalidRefreshToken();
        // The header must carry the CSRF token of the session this refresh cookie belongs to.
        const sessionId = await deps.store.sessions.sessionOfRefreshToken(hashToken(token));
        if (!sessionId) throw errors.invalidRefreshToken();
        checkCsrf(req, deps.secrets.jwtSecret, sessionId);
      }
      const tokens = await refreshSession(deps, token);
      return presentTokens(res, deps.config, tokens, body.refreshToken ? body.delivery : 'cookie');
    },
  }),
  defineRoute(contract.auth.startDeviceSession, {
    tag: 'auth',
    summary:
      "Start a separate session for the Outlook send handler on the caller's device: its own rotating refresh token, " +
      'ending no later than the calling session and signed out with it, listed and signed out like any other. ' +
      'A device session cannot start another.',
    auth: 'session',
    errors: ['rate_limited', 'device_session_not_allowed'],
    async handler({ actor, req, res, deps }) {
      await spendAttempt(deps.store, limits.refreshPerIp, req.ip ?? 'unknown');
      const tokens = await startDeviceSession(deps, actor, clientInfo(req));
      return presentTokens(res, deps.config, tokens, 'bearer');
    },
  }),
  defineRoute(contract.auth.logout, {
    tag: 'auth',
    summary: 'Sign out of this session.',
    auth: 'session',
    async handler({ actor, res, deps }) {
      await deps.store.sessions.revoke(actor.session.id, 'logout');
      clearSessionCookies(res, deps.config);
    },
  }),
  defineRoute(contract.auth.sessions, {
    tag: 'auth',
    summary: "The signed-in person's live sessions.",
    auth: 'session',
    async handler({ actor, deps }) {
      const sessions = await deps.store.sessions.listLive(actor.account.id);
      return { sessions: sessions.map((s) => presentSession(s, actor.session.id)) };
    },
  }),
  defineRoute(contract.auth.endSession, {
    tag: 'auth',
    summary: 'Sign out one of your sessions (another device, say).',
    auth: 'session',
    errors: ['not_found'],
    async handler({ actor, params, deps }) {
      await endOwnSession(deps, actor, params.sessionId);
    },
  }),
  defineRoute(contract.auth.changePassword, {
    tag: 'auth',
    summary: 'Change your password (the current one is required); your other sessions are signed out and you get an email.',
    auth: 'session',
    errors: ['current_password_incorrect', 'weak_password', 'rate_limited'],
    async handler({ actor, body, deps }) {
      return { sessionsEnded: await changePassword(deps, actor, body) };
    },
  }),
  defineRoute(contract.auth.switchOrganization, {
    tag: 'auth',
    summary: 'Make another of your organizations the active one; answers with new tokens for it.',
    auth: 'session',
    errors: ['not_a_member', 'access_revoked', 'two_step_required'],
    async handler({ actor, body, res, deps }) {
      const tokens = await switchOrganization(deps, actor, body.organizationId);
      return presentTokens(res, deps.config, tokens, body.delivery);
    },
  }),
  defineRoute(contract.auth.requestPasswordReset, {
    tag: 'auth',
    summary: 'Email a password reset link (valid 30 minutes, single use) if the address has an account.',
    auth: 'none',
    errors: ['invalid_request', 'rate_limited'],
    async handler({ body, req, deps }) {
      await requestPasswordReset(deps, { email: body.email, ip: req.ip ?? null });
      return { status: 'accepted' as const, message: `If ${body.email} has a Sealpost account, a reset link is on its way.` };
    },
  }),
  defineRoute(contract.auth.resetPassword, {
    tag: 'auth',
    summary: 'Set a new password with the emailed link; signs the account out everywhere.',
    auth: 'none',
    errors: ['invalid_link', 'weak_password'],
    async handler({ body, deps }) {
      await resetPassword(deps, body);
    },
  }),
];
