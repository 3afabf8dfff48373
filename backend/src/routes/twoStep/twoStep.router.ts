/**
 * 2-step verification (TOTP): finishing a sign-in that answered with a challenge, setting up an authenticator app
 * during such a sign-in when the organization requires it, and setting one up of one's own accord when signed in.
 */
import { activateSignedIn, activateWithChallenge, enrollSignedIn, enrollWithChallenge } from '../../commands/twoStepEnroller';
import { verifyTwoStep } from '../../commands/twoStepVerifier';
import { contract } from '../../contract';
import type { ErrorCode } from '../../contract/errors';
import { defineRoute } from '../../http/route';
import { presentTokens } from '../../presenters/tokens';
import { clientInfo } from '../auth/auth.router';

const codeErrors: ErrorCode[] = ['invalid_two_step_code', 'invalid_challenge', 'rate_limited'];

export const twoStepRoutes = [
  defineRoute(contract.twoStep.verify, {
    tag: 'auth',
    summary: 'Finish signing in with the code from the authenticator app, or with one of the recovery codes.',
    auth: 'none',
    errors: [...codeErrors, 'two_step_not_set_up', 'access_revoked', 'account_blocked', 'not_a_member', 'invalid_request'],
    async handler({ body, req, res, deps }) {
      const tokens = await verifyTwoStep(deps, { ...body, client: clientInfo(req) });
      return presentTokens(res, deps.config, tokens, body.delivery);
    },
  }),
  defineRoute(contract.twoStep.enrollWithChallenge, {
    tag: 'auth',
    summary: 'During sign-in, when the organization requires 2-step verification: a new key to add to an authenticator app.',
    auth: 'none',
    errors: ['invalid_challenge', 'two_step_already_set_up', 'rate_limited'],
    async handler({ body, req, res, deps }) {
      res.set('Cache-Control', 'no-store');
      return enrollWithChallenge(deps, { challengeToken: body.challengeToken, ip: clientInfo(req).ip });
    },
  }),
  defineRoute(contract.twoStep.activateWithChallenge, {
    tag: 'auth',
    summary: 'During sign-in: confirm the new key with a code from the app; turns 2-step on and signs in.',
    auth: 'none',
    errors: [...codeErrors, 'two_step_not_set_up', 'two_step_already_set_up', 'access_revoked', 'account_blocked'],
    async handler({ body, req, res, deps }) {
      const { recoveryCodes, tokens } = await activateWithChallenge(deps, { ...body, client: clientInfo(req) });
      res.set('Cache-Control', 'no-store');
      return { ...presentTokens(res, deps.config, tokens, body.delivery), recoveryCodes };
    },
  }),
  defineRoute(contract.twoStep.enroll, {
    tag: 'two-step',
    summary: 'Start setting up 2-step verification for your account: a new key to add to an authenticator app.',
    auth: 'session',
    errors: ['two_step_already_set_up', 'rate_limited'],
    async handler({ actor, req, res, deps }) {
      res.set('Cache-Control', 'no-store');
      return enrollSignedIn(deps, actor, clientInfo(req).ip);
    },
  }),
  defineRoute(contract.twoStep.activate, {
    tag: 'two-step',
    summary: 'Confirm the new key with a code from the app; from then on every sign-in asks for a code.',
    auth: 'session',
    errors: ['invalid_two_step_code', 'two_step_not_set_up', 'two_step_already_set_up', 'rate_limited'],
    async handler({ actor, body, req, res, deps }) {
      const recoveryCodes = await activateSignedIn(deps, actor, { code: body.code, ip: clientInfo(req).ip });
      res.set('Cache-Control', 'no-store');
      return { recoveryCodes };
    },
  }),
];
