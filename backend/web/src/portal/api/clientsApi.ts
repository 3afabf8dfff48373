/** A pro's clients and the messages exchanged with one of them, typed by the API contract (@contract/*). */
import type { Client, ClientMessages, ClientPage } from '@contract/clients';
import { requestJson } from './http';

export type { Client };

export function listClients(query: { q?: string; after?: string; limit?: number } = {}) {
  const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
  if (query.q) params.set('q', query.q);
  if (query.after) params.set('after', query.after);
  return requestJson<ClientPage>('GET', `/api/v1/clients?${params}`);
}

export function clientMessages(accountId: string, query: { before?: string; limit?: number } = {}) {
  const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
  if (query.before) params.set('before', query.before);
  return requestJson<ClientMessages>(
    'GET',
    `/api/v1/clients/${encodeURIComponent(accountId)}/messages?${params}`,
  );
}
