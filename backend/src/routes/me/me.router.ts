/** The signed-in person. */
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentMe } from '../../presenters/account';

export const meRoutes = [
  defineRoute(contract.me.get, {
    tag: 'account',
    summary: 'Who is signed in, in which organization, and their other organizations.',
    auth: 'session',
    async handler({ actor, deps }) {
      return presentMe(actor, await deps.store.memberships.listForAccount(actor.account.id));
    },
  }),
];
