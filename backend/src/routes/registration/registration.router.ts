/** Registration from an invitation link: what the page shows first, and the registration itself. */
import { z } from 'zod';
import { displayText } from '../../http/text';
import { lookupInvitation, register } from '../../commands/registration';
import { cookieNames, readCookies } from '../../http/cookies';
import { defineRoute } from '../../http/route';
import { presentSignIn, signInResultSchema } from '../../presenters/signIn';
import { deliverySchema } from '../../presenters/tokens';
import { clientInfo } from '../auth/auth.router';

const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a Sealpost link token');

export const registrationRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/registration/lookup',
    tag: 'registration',
    summary: 'Who invited the holder of this link, to which organization, and whether they already have an account.',
    auth: 'none',
    body: z.strictObject({ token }),
    response: {
      status: 200,
      schema: z.object({
        organizationName: z.string(),
        inviterName: z.string().nullable(),
        email: z.string(),
        name: z.string().nullable(),
        phone: z.string().nullable(),
        hasAccount: z.boolean().describe('True: the person confirms with their existing password.'),
        requiresTwoStep: z.boolean(),
      }),
      description: 'The invitation.',
    },
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
  defineRoute({
    method: 'post',
    path: '/api/v1/registration',
    tag: 'registration',
    summary: 'Register with the invitation link (or confirm an existing account with its password) and sign in.',
    auth: 'none',
    body: z.strictObject({
      token,
      name: displayText(120).min(1).optional(),
      password: z.string().min(1).max(1024),
      phone: z.string().trim().regex(/^\+?[0-9 ().-]{5,32}$/, 'is not a phone number').optional(),
      delivery: deliverySchema,
    }),
    response: { status: 200, schema: signInResultSchema, description: 'Signed in, or the 2-step verification step.' },
    errors: ['invitation_invalid', 'weak_password', 'invalid_credentials', 'account_blocked', 'rate_limited'],
    async handler({ body, req, res, deps }) {
      const deviceToken = readCookies(req)[cookieNames(deps.config).device];
      const result = await register(deps, { ...body, client: clientInfo(req), deviceToken });
      return presentSignIn(res, deps.config, result, body.delivery);
    },
  }),
];
