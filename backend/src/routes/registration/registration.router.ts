/** Registration from an invitation link: what the page shows first, and the registration itself. */
import { lookupInvitation, register } from '../../commands/registration';
import { cookieNames, readCookies } from '../../http/cookies';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentSignIn } from '../../presenters/signIn';
import { clientInfo } from '../auth/auth.router';

export const registrationRoutes = [
  defineRoute(contract.registration.lookup, {
    tag: 'registration',
    summary: 'Who invited the holder of this link, to which organization, and whether they already have an account.',
    auth: 'none',
    errors: ['invitation_invalid'],
    async handler({ body, deps }) {
      const invitation = await lookupInvitation(deps, body.token);
      return {
        organizationName: invitation.organizationName,
        inviterName: invitation.inviterName,
        email: invitation.email,
        name: invitation.name,
        phone: invitation.phone,
        hasAccount: invitation.hasPassword,
        requiresTwoStep: invitation.requireTwoStep,
      };
    },
  }),
  defineRoute(contract.registration.register, {
    tag: 'registration',
    summary: 'Register with the invitation link (or confirm an existing account with its password) and sign in.',
    auth: 'none',
    errors: ['invitation_invalid', 'weak_password', 'invalid_credentials', 'account_blocked', 'rate_limited', 'sso_required'],
    async handler({ body, req, res, deps }) {
      const deviceToken = readCookies(req)[cookieNames(deps.config).device];
      const result = await register(deps, { ...body, client: clientInfo(req), deviceToken });
      return presentSignIn(res, deps.config, result, body.delivery);
    },
  }),
];
