/** A client (someone a pro has exchanged messages with) as the pro sees them in the client list. */
import { z } from 'zod';
import type { ClientListing } from '../store';

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
