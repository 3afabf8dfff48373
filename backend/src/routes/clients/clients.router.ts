/**
 * A pro's clients: the guests they exchanged messages with, computed from the messages still in the pro's own view
 * (delete them all and the client leaves the list; the client's copies stay), and the exchanges with one client.
 */
import { z } from 'zod';
import { exchangesWith } from '../../commands/messageReader';
import { errors } from '../../errors';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { messageSummarySchema, presentSummary } from '../../presenters/messages';
import { encodeTimeCursor } from '../../http/timeCursor';
import { createdBefore } from '../messages/messages.router';
import { clientSchema, presentClient } from '../../presenters/clients';
import { clientAfter, clientHistoryQuery, clientListQuery, clientParams } from './schema';

export const clientRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/clients',
    tag: 'clients',
    summary: 'Your clients: guests you exchanged messages with that are still in your view, most recent exchange first.',
    auth: 'session',
    query: clientListQuery,
    response: { status: 200, schema: z.object({ clients: z.array(clientSchema), next: z.string().nullable() }), description: 'A page.' },
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
  defineRoute({
    method: 'get',
    path: '/api/v1/clients/:accountId/messages',
    tag: 'clients',
    summary: 'One client and the messages you exchanged with them that are still in your view, newest first.',
    auth: 'session',
    params: clientParams,
    query: clientHistoryQuery,
    response: {
      status: 200,
      schema: z.object({ client: clientSchema, messages: z.array(messageSummarySchema), next: z.string().nullable() }),
      description: 'The client and a page of messages.',
    },
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
