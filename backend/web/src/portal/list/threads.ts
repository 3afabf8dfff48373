/** Groups a mailbox page (newest message first) into conversations: the latest message, how many, and any unread. */
import type { MessageSummary } from '../api/portalApi';

export interface Conversation {
  threadId: string;
  latest: MessageSummary;
  /** The newest subject that can still be read: a recalled reply does not hide what the conversation is about. */
  subject: string | null;
  count: number;
  unread: number;
  attachments: number;
  /** Distinct sender names, newest first. */
  senders: string[];
}

export function groupByThread(messages: MessageSummary[]): Conversation[] {
  const byThread = new Map<string, Conversation>();
  for (const message of messages) {
    let entry = byThread.get(message.threadId);
    if (!entry) {
      entry = { threadId: message.threadId, latest: message, subject: null, count: 0, unread: 0, attachments: 0, senders: [] };
      byThread.set(message.threadId, entry);
    }
    entry.count += 1;
    if (message.unread && !message.unavailable) entry.unread += 1;
    entry.attachments += message.attachments;
    entry.subject ??= message.subject;
    if (!entry.senders.includes(message.from.name)) entry.senders.push(message.from.name);
  }
  return [...byThread.values()];
}
