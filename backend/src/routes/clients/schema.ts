/** The client list's request and answer shapes: query, cursor, and a client as a pro sees them. */
import { z } from 'zod';
import { decodeTimeCursor } from '../../http/timeCursor';
import type { ClientListing } from '../../store';

export const clientListQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().describe('Part of the name or email address.'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.string().max(200).optional().describe('Cursor from the previous page.'),
});

export const clientParams = z.strictObject({ accountId: z.string().uuid() });

export const clientHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.string().max(200).optional().describe('Cursor from the previous page.'),
});

export const clientSchema = z.object({
  accountId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  lastExchangeAt: z.string().datetime().describe('The newest message exchanged (either way) that is still in your view.'),
  messageCount: z.number().int().describe('Messages exchanged with them that are still in your view.'),
});

export function presentClient(client: ClientListing): z.infer<typeof clientSchema> {
  return {
    accountId: client.accountId,
    name: client.name,
    email: client.email,
    lastExchangeAt: client.lastExchangeAt.toISOString(),
    messageCount: client.messageCount,
  };
}

/** The `after` cursor of the client list, as the store's keyset position. */
export function clientAfter(cursor: string | undefined): { lastExchangeAt: Date; accountId: string } | undefined {
  const position = decodeTimeCursor(cursor, 'after');
  return position && { lastExchangeAt: position.at, accountId: position.id };
}
