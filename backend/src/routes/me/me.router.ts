/** The signed-in person. */
import { defineRoute } from '../../http/route';
import { meSchema, presentMe } from '../../presenters/account';

export const meRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/me',
    tag: 'account',
    summary: 'Who is signed in, in which organization, and their other organizations.',
    auth: 'session',
    response: { status: 200, schema: meSchema, description: 'The signed-in person.' },
    async handler({ actor, deps }) {
      return presentMe(actor, await deps.store.memberships.listForAccount(actor.account.id));
    },
  }),
];
