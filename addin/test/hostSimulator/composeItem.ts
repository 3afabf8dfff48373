/**
 * The message being composed in the simulated Outlook: recipients, subject, HTML body, attachments, the
 * add-in's sessionData and notifications, with the limits Outlook enforces (sessionData 50,000 characters
 * before Mailbox 1.16, notification key 32 and message 150 characters, at most 5 notifications).
 */

import type { ClientAnswers } from './clients';

export type Field = 'to' | 'cc' | 'bcc';

export interface SimRecipient {
  displayName: string;
  /** Empty for an unexpanded contact group, as Outlook reports it. */
  emailAddress: string;
  recipientType: 'user' | 'externalUser' | 'distributionList' | 'other';
}

export interface SimAttachment {
  id: string;
  name: string;
  /** base64 of the bytes. */
  content: string;
  isInline: boolean;
}

/** An Office error as AsyncResult.error carries it. */
export class OfficeFailure extends Error {
  constructor(readonly code: number, readonly officeName: string, message: string) {
    super(message);
  }
}

const SESSION_DATA_LIMIT = 50_000;

export class ComposeItem {
  /** The owner when the item is in a shared folder or shared mailbox (getSharedPropertiesAsync); null: not shared. */
  sharedOwner: string | null = null;
  /** The From address when the sender changed it; null: the signed-in user. */
  from: string | null = null;

  constructor(private readonly answers: ClientAnswers = { unsetKey: 'null', emptyAll: 'string' }) {}

  to: SimRecipient[] = [];
  cc: SimRecipient[] = [];
  bcc: SimRecipient[] = [];
  subject = '';
  bodyHtml = '';
  attachments: SimAttachment[] = [];
  readonly sessionData = new Map<string, string>();
  readonly notifications = new Map<string, { type: string; message: string }>();
  private nextAttachment = 1;

  addAttachment(name: string, bytes: Buffer, isInline = false): SimAttachment {
    const attachment = { id: `AAMkAttachment${this.nextAttachment++}`, name, content: bytes.toString('base64'), isInline };
    this.attachments.push(attachment);
    return attachment;
  }

  /** Answers one Office call on the item; throws OfficeFailure the way Outlook fails. */
  answer(op: string, args: Record<string, unknown>): unknown {
    switch (op) {
      case 'recipients.get':
        return this[args.field as Field].map((r) => ({ ...r }));
      case 'subject.get':
        return this.subject;
      case 'body.get':
        return args.coercion === 'html' ? this.bodyHtml : this.bodyHtml.replace(/<[^>]*>/g, '');
      case 'body.set':
        if (args.coercionType !== 'html') throw new OfficeFailure(9000, 'InvalidFormatError', 'The simulator expects HTML bodies from this add-in.');
        this.bodyHtml = String(args.data);
        return undefined;
      case 'attachments.list':
        return this.attachments.map((a) => ({
          id: a.id, name: a.name, size: Buffer.from(a.content, 'base64').length, attachmentType: 'file', isInline: a.isInline, contentId: '',
        }));
      case 'attachments.content':
        return { format: 'base64', content: this.attachment(String(args.id)).content };
      case 'attachments.remove':
        this.attachment(String(args.id));
        this.attachments = this.attachments.filter((a) => a.id !== args.id);
        return undefined;
      case 'sessionData.get': {
        const value = this.sessionData.get(String(args.key));
        if (value !== undefined) return value;
        // The reference is silent for a key never set; see clients.ts for who answers what.
        if (this.answers.unsetKey === 'keyNotFound') throw new OfficeFailure(9999, 'KeyNotFound', `The key "${String(args.key)}" was not found.`);
        return null;
      }
      case 'sessionData.set': {
        const next = new Map(this.sessionData).set(String(args.key), String(args.value));
        if (JSON.stringify(Object.fromEntries(next)).length > SESSION_DATA_LIMIT) {
          throw new OfficeFailure(9057, 'SessionObjectMaxLengthExceeded', 'The session data is too large.');
        }
        this.sessionData.set(String(args.key), String(args.value));
        return undefined;
      }
      case 'sessionData.remove':
        this.sessionData.delete(String(args.key));
        return undefined;
      case 'sessionData.getAll':
        // Empty: the string "{}" (OfficeDev/office-js#5353) or an object, per client.
        if (this.sessionData.size) return Object.fromEntries(this.sessionData);
        return this.answers.emptyAll === 'string' ? '{}' : {};
      case 'shared.get':
        // Fails when "the current folder or mailbox isn't shared" (learn.microsoft.com, Office.SharedProperties).
        if (!this.sharedOwner) throw new OfficeFailure(9999, 'GenericResponseError', "The current folder or mailbox isn't shared.");
        return { owner: this.sharedOwner, delegatePermissions: 63, targetMailbox: this.sharedOwner, targetRestUrl: 'https://outlook.office.com/api' };
      case 'from.get':
        return { emailAddress: this.from ?? String(args.user ?? ''), displayName: '' };
      case 'notifications.replace': {
        const key = String(args.key);
        const details = args.details as { type: string; message: string };
        if (!key || key.length > 32) throw new OfficeFailure(9041, 'ArgumentOutOfRange', 'Notification key must be 1-32 characters.');
        if ((details.message ?? '').length > 150) throw new OfficeFailure(9041, 'ArgumentOutOfRange', 'Notification message over 150 characters.');
        if (!this.notifications.has(key) && this.notifications.size >= 5) throw new OfficeFailure(9040, 'NumberOfNotificationsExceeded', 'Too many notifications.');
        this.notifications.set(key, details);
        return undefined;
      }
      case 'notifications.remove':
        if (!this.notifications.delete(String(args.key))) throw new OfficeFailure(9043, 'KeyNotFound', 'No notification with that key.');
        return undefined;
      default:
        throw new Error(`the simulated item has no operation "${op}"`);
    }
  }

  private attachment(id: string): SimAttachment {
    const found = this.attachments.find((a) => a.id === id);
    if (!found) throw new OfficeFailure(9999, 'InvalidAttachmentId', 'The attachment ID was invalid.');
    return found;
  }

  snapshot() {
    return {
      to: this.to, cc: this.cc, bcc: this.bcc, subject: this.subject, bodyHtml: this.bodyHtml,
      attachments: this.attachments.map((a) => ({ name: a.name, size: Buffer.from(a.content, 'base64').length })),
      notifications: [...this.notifications.values()],
    };
  }
}
