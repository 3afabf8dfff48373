/** The portal's API calls (account, messages, forwards, recipients), typed as /api/openapi.json documents them. */
import type { Outcome } from '../../shared/recipientOutcome';
import { requestJson } from './http';

export type { Outcome };

export interface Membership {
  organizationId: string;
  organizationName: string;
  type: 'pro' | 'guest';
  roles: ('admin' | 'user_manager')[];
  status: 'invited' | 'active' | 'removed' | 'blocked';
}

/** What the signed-in person may do (from the server's rules): the portal shows actions by these, never by role. */
export interface Abilities {
  listClients: boolean;
  writeToAnyone: boolean;
  forwardMessages: boolean;
  recallMessages: boolean;
  shortenExpiry: boolean;
}

export interface Me {
  account: { id: string; email: string; name: string; phone: string | null };
  organization: { id: string; name: string };
  membership: Membership;
  memberships: Membership[];
  abilities: Abilities;
}

/** Set when a message was recalled or has expired; recipients then get no subject or body. */
export interface Unavailable {
  reason: 'recalled' | 'expired';
  by: string | null;
  at: string;
  note: string | null;
  /** True when it is the message this one forwards that was recalled or expired. */
  forwarded: boolean;
}

/** Who a message went to, as far as the reader may know (Bcc only for its sender and the Bcc recipient). */
export interface Person {
  name: string;
  email: string;
  kind: 'to' | 'cc' | 'bcc';
}

export interface MessageSummary {
  id: string;
  threadId: string;
  subject: string | null;
  from: { name: string; email: string };
  sentAt: string;
  unread: boolean;
  attachments: number;
  expiresAt: string | null;
  unavailable: Unavailable | null;
  recipients: Person[];
}

export interface ThreadMessage extends MessageSummary {
  html: string | null;
  /** The body did not fit in the thread's answer: opening the message fetches it. */
  truncated: boolean;
}

export interface Receipt {
  delivered: boolean;
  firstOpenedAt: string | null;
  lastOpenedAt: string | null;
  opens: number;
}

export interface Recipient {
  email: string;
  name: string;
  kind: 'to' | 'cc' | 'bcc';
  /** Only for the message's sender. */
  receipt?: Receipt;
}

export interface AttachedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export interface MessageDetail extends Omit<MessageSummary, 'recipients'> {
  html: string | null;
  inReplyTo: string | null;
  recipients: Recipient[];
  role: 'sender' | 'recipient';
  /** Attached files, downloaded from /api/v1/files/{id}/content. */
  files: AttachedFile[];
}


export interface Classified {
  input: string;
  email: string | null;
  displayName: string | null;
  outcome: Outcome;
  reason?: 'no_address' | 'bad_syntax' | 'too_long';
}

export interface SendInput {
  subject: string;
  html: string;
  to: { email: string }[];
  cc: { email: string }[];
  bcc: { email: string }[];
  attachmentIds: string[];
  confirmedInvitations: string[];
  inReplyTo?: string;
}

export interface Sent {
  id: string;
  threadId: string;
  portalUrl: string;
  invited: string[];
  replayed: boolean;
}

export interface Forwarded {
  id: string;
  threadId: string;
  portalUrl: string;
  files: number;
  replayed: boolean;
}

export type Box = 'inbox' | 'sent';

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
export const sendMessage = (input: SendInput, idempotencyKey: string) =>
  requestJson<Sent>('POST', '/api/v1/messages', input, { 'idempotency-key': idempotencyKey });

/** Forwards a message with its files to colleagues; the key makes a retried forward return the first one. */
export const forwardMessage = (messageId: string, input: { to: { email: string }[]; note?: string }, idempotencyKey: string) =>
  requestJson<Forwarded>('POST', `/api/v1/messages/${encodeURIComponent(messageId)}/forward`, input, { 'idempotency-key': idempotencyKey });

export const recallMessage = (messageId: string, reason?: string) =>
  requestJson<void>('POST', `/api/v1/messages/${encodeURIComponent(messageId)}/recall`, reason ? { reason } : {});

export const setMessageExpiry = (messageId: string, expiresAt: string | null) =>
  requestJson<void>('PATCH', `/api/v1/messages/${encodeURIComponent(messageId)}`, { expiresAt });

export const deleteMessage = (messageId: string) => requestJson<void>('DELETE', `/api/v1/messages/${encodeURIComponent(messageId)}`);

export const classifyRecipients = (emails: string[]) =>
  requestJson<{ recipients: Classified[] }>('POST', '/api/v1/recipients/classify', { recipients: emails.map((email) => ({ email })) });
