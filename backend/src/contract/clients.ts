/**
 * A pro's clients: the guests they exchanged messages with that are still in the pro's own view, and the
 * exchanges with one client.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { messageSummarySchema } from './messages';
import { uuid } from './text';

export const clientSchema = z.object({
  accountId: uuid,
  name: z.string(),
  email: z.string(),
  lastExchangeAt: z.string().datetime().describe('The newest message exchanged (either way) that is still in your view.'),
  messageCount: z.number().int().describe('Messages exchanged with them that are still in your view.'),
});

export const clients = {
  list: endpoint({
    method: 'get',
    path: '/api/v1/clients',
    query: z.strictObject({
      q: z.string().trim().min(1).max(200).optional().describe('Part of the name or email address.'),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      after: z.string().max(200).optional().describe('Cursor from the previous page.'),
    }),
    response: { status: 200, schema: z.object({ clients: z.array(clientSchema), next: z.string().nullable() }), description: 'A page.' },
  }),
  messages: endpoint({
    method: 'get',
    path: '/api/v1/clients/:accountId/messages',
    params: z.strictObject({ accountId: uuid }),
    query: z.strictObject({
      limit: z.coerce.number().int().min(1).max(100).default(50),
      before: z.string().max(200).optional().describe('Cursor from the previous page.'),
    }),
    response: {
      status: 200,
      schema: z.object({ client: clientSchema, messages: z.array(messageSummarySchema), next: z.string().nullable() }),
      description: 'The client and a page of messages.',
    },
  }),
};

export type Client = z.output<typeof clientSchema>;
export type ClientPage = z.output<typeof clients.list.response.schema>;
export type ClientMessages = z.output<typeof clients.messages.response.schema>;
