/** A pro's client as the API answers it, and the `after` cursor of the client list as the store's keyset position. */
import type { Client } from '../contract/clients';
import { decodeTimeCursor } from '../http/timeCursor';
import type { ClientListing } from '../store';

export function presentClient(client: ClientListing): Client {
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
