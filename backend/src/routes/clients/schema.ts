/** The client list's request shapes: query and cursor; a client as a pro sees them is in presenters/clients.ts. */
import { z } from 'zod';
import { decodeTimeCursor } from '../../http/timeCursor';

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

/** The `after` cursor of the client list, as the store's keyset position. */
export function clientAfter(cursor: string | undefined): { lastExchangeAt: Date; accountId: string } | undefined {
  const position = decodeTimeCursor(cursor, 'after');
  return position && { lastExchangeAt: position.at, accountId: position.id };
}
