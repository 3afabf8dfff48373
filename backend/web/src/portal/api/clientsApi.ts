/** A pro's clients and the messages exchanged with one of them, typed as /api/openapi.json documents them. */
import { requestJson } from './http';
import type { MessageSummary } from './portalApi';

export interface Client {
  accountId: string;
  name: string;
  email: string;
  /** The newest message exchanged (either way) still in your view. */
  lastExchangeAt: string;
  messageCount: number;
}

export function listClients(query: { q?: string; after?: string; limit?: number } = {}) {
  const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
  if (query.q) params.set('q', query.q);
  if (query.after) params.set('after', query.after);
  return requestJson<{ clients: Client[]; next: string | null }>('GET', `/api/v1/clients?${params}`);
}

export function clientMessages(accountId: string, query: { before?: string; limit?: number } = {}) {
  const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
  if (query.before) params.set('before', query.before);
  return requestJson<{ client: Client; messages: MessageSummary[]; next: string | null }>(
    'GET',
    `/api/v1/clients/${encodeURIComponent(accountId)}/messages?${params}`,
  );
}
