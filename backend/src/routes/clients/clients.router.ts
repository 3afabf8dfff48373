/**
 * A pro's clients: the guests they exchanged messages with, computed from the messages still in the pro's own view
 * (delete them all and the client leaves the list; the client's copies stay), and the exchanges with one client.
 */
import { exchangesWith } from '../../commands/messageReader';
import { errors } from '../../errors';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { clientAfter, presentClient } from '../../presenters/clients';
import { presentSummary } from '../../presenters/messages';
import { encodeTimeCursor } from '../../http/timeCursor';
import { createdBefore } from '../messages/messages.router';

export const clientRoutes = [
  defineRoute(contract.clients.list, {
    tag: 'clients',
    summary: 'Your clients: guests you exchanged messages with that are still in your view, most recent exchange first.',
    auth: 'session',
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, query, deps }) {
      authorize(actor, 'organization.listClients');
      const clients = await deps.store.clients.listForPro(actor.organization.id, actor.account.id, {
        search: query.q,
        after: clientAfter(query.after),
        limit: query.limit,
      });
      const last = clients[clients.length - 1];
      return { clients: clients.map(presentClient), next: clients.length === query.limit && last ? encodeTimeCursor(last.lastExchangeAt, last.accountId) : null };
    },
  }),
  defineRoute(contract.clients.messages, {
    tag: 'clients',
    summary: 'One client and the messages you exchanged with them that are still in your view, newest first.',
    auth: 'session',
    errors: ['forbidden', 'not_found', 'invalid_request'],
    async handler({ actor, params, query, deps }) {
      authorize(actor, 'organization.listClients');
      const client = await deps.store.clients.findForPro(actor.organization.id, actor.account.id, params.accountId);
      if (!client) throw errors.notFound('That client');
      const views = await exchangesWith(deps, actor, client.accountId, { before: createdBefore(query.before), limit: query.limit });
      const messages = views.map(presentSummary);
      const last = messages[messages.length - 1];
      return {
        client: presentClient(client),
        messages,
        next: messages.length === query.limit && last ? encodeTimeCursor(last.sentAt, last.id) : null,
      };
    },
  }),
];
