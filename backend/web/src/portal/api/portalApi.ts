/** The portal's API calls (account, messages, forwards, recipients), typed by the API contract (@contract/*). */
import type { Me } from '@contract/me';
import type { Box, Forwarded, ForwardInput, MessageDetail, MessageSummary, SendMessageInput, SentMessage, ThreadMessage } from '@contract/messages';
import type { ClassifiedRecipient } from '@contract/recipients';
import { requestJson } from './http';

export type { Outcome } from '@contract/errors';
export type { Me, Membership, Role } from '@contract/me';
export type {
  AttachedFile, Box, Forwarded, MessageDetail, MessageSummary, Person, Receipt, ThreadMessage, Unavailable,
  MessageRecipient as Recipient, SentMessage as Sent,
} from '@contract/messages';
export type { ClassifiedRecipient as Classified } from '@contract/recipients';

export const getMe = () => requestJson<Me>('GET', '/api/v1/me');
export const logout = () => requestJson<void>('POST', '/api/v1/auth/logout', {});
export const switchOrganization = (organizationId: string) =>
  requestJson<unknown>('POST', '/api/v1/auth/switch-organization', { organizationId, delivery: 'cookie' });

export function listMessages(query: { box: Box; q?: string; before?: string; limit?: number }) {
  const params = new URLSearchParams({ box: query.box, limit: String(query.limit ?? 50) });
  if (query.q) params.set('q', query.q);
  if (query.before) params.set('before', query.before);
  return requestJson<{ messages: MessageSummary[]; next: string | null }>('GET', `/api/v1/messages?${params}`);
}

/** The latest messages of a conversation, or those before `before` (the `earlier` cursor of a previous page). */
export function getThread(threadId: string, before?: string) {
  const query = before ? `?${new URLSearchParams({ before })}` : '';
  return requestJson<{ messages: ThreadMessage[]; earlier: string | null }>('GET', `/api/v1/threads/${encodeURIComponent(threadId)}${query}`);
}

/** Opening a message records a read receipt for its sender. */
export const openMessage = (messageId: string) => requestJson<MessageDetail>('GET', `/api/v1/messages/${encodeURIComponent(messageId)}`);

/** The key makes a retried send (a lost answer, a double click) return the first message instead of a second one. */
export const sendMessage = (input: SendMessageInput, idempotencyKey: string) =>
  requestJson<SentMessage>('POST', '/api/v1/messages', input, { 'idempotency-key': idempotencyKey });

/** Forwards a message with its files to colleagues; the key makes a retried forward return the first one. */
export const forwardMessage = (messageId: string, input: ForwardInput, idempotencyKey: string) =>
  requestJson<Forwarded>('POST', `/api/v1/messages/${encodeURIComponent(messageId)}/forward`, input, { 'idempotency-key': idempotencyKey });

export const recallMessage = (messageId: string, reason?: string) =>
  requestJson<void>('POST', `/api/v1/messages/${encodeURIComponent(messageId)}/recall`, reason ? { reason } : {});

export const setMessageExpiry = (messageId: string, expiresAt: string | null) =>
  requestJson<void>('PATCH', `/api/v1/messages/${encodeURIComponent(messageId)}`, { expiresAt });

export const deleteMessage = (messageId: string) => requestJson<void>('DELETE', `/api/v1/messages/${encodeURIComponent(messageId)}`);

export const classifyRecipients = (emails: string[]) =>
  requestJson<{ recipients: ClassifiedRecipient[] }>('POST', '/api/v1/recipients/classify', { recipients: emails.map((email) => ({ email })) });
