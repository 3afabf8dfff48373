/**
 * The message being composed in the simulated Outlook: recipients, subject, HTML body, attachments, the
 * add-in's sessionData and notifications, with the limits Outlook enforces (sessionData 50,000 characters
 * before Mailbox 1.16, notification key 32 and message 150 characters, at most 5 notifications), the item's custom
 * properties (kept with the draft, 2,500 characters of JSON), a plain-text body, a reply's collapsed original and
 * inline images listed late, as clients.ts says each client does.
 */

import type { ClientProfile } from './clients';

type ItemBehaviour = Pick<ClientProfile, 'unsetKey' | 'emptyAll' | 'appendsCollapsedQuote' | 'listsInlineImagesAfterSave'>;

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
  /** The cid the body shows an inline image by. */
  contentId?: string;
  /** false: the client does not list it yet (an inline image before the draft is saved, office-js#4995). */
  listed: boolean;
}

/** An Office error as AsyncResult.error carries it. */
export class OfficeFailure extends Error {
  constructor(readonly code: number, readonly officeName: string, message: string) {
    super(message);
  }
}

const SESSION_DATA_LIMIT = 50_000;
/** "The maximum length of a CustomProperties JSON object is 2500 characters" (Office.CustomProperties). */
const CUSTOM_PROPERTIES_LIMIT = 2500;

export class ComposeItem {
  /** The owner when the item is in a shared folder or shared mailbox (getSharedPropertiesAsync); null: not shared. */
  sharedOwner: string | null = null;
  /** The From address when the sender changed it; null: the signed-in user. */
  from: string | null = null;

  constructor(
    private readonly answers: ItemBehaviour = { unsetKey: 'null', emptyAll: 'string', appendsCollapsedQuote: false, listsInlineImagesAfterSave: false },
  ) {}

  to: SimRecipient[] = [];
  cc: SimRecipient[] = [];
  bcc: SimRecipient[] = [];
  subject = '';
  bodyHtml = '';
  /** How the sender writes: a "text" body holds plain text in bodyHtml and refuses Html coercion in setAsync. */
  bodyType: 'html' | 'text' = 'html';
  /** A reply's original, collapsed in conversation view: only FullBody shows it (clients.ts, office-js#1779). */
  hiddenQuote = '';
  attachments: SimAttachment[] = [];
  /** Saved custom properties: what a reopened draft still has. */
  customProperties = new Map<string, string>();
  readonly sessionData = new Map<string, string>();
  readonly notifications = new Map<string, { type: string; message: string }>();
  private nextAttachment = 1;

  addAttachment(name: string, bytes: Buffer, isInline = false): SimAttachment {
    const attachment = { id: `AAMkAttachment${this.nextAttachment++}`, name, content: bytes.toString('base64'), isInline, listed: true };
    this.attachments.push(attachment);
    return attachment;
  }

  /** Pastes a picture into the body, shown by cid; some clients list it only once the draft is saved. */
  addInlineImage(name: string, bytes: Buffer, contentId: string): SimAttachment {
    const attachment = this.addAttachment(name, bytes, true);
    attachment.contentId = contentId;
    attachment.listed = !this.answers.listsInlineImagesAfterSave;
    this.bodyHtml += `<img src="cid:${contentId}" alt="${name}">`;
    return attachment;
  }

  /** The sender clicks the "..." of a collapsed original: it becomes part of the body. */
  expandQuote(): void {
    this.bodyHtml += this.hiddenQuote;
    this.hiddenQuote = '';
  }

  /** What leaves Outlook once the send is allowed: the body, and the collapsed original where the client appends it. */
  sentBody(): string {
    return this.bodyHtml + (this.answers.appendsCollapsedQuote ? this.hiddenQuote : '');
  }

  /** The same draft closed and opened again: sessionData and notifications start empty, the rest stays. */
  reopened(): ComposeItem {
    const again = new ComposeItem(this.answers);
    Object.assign(again, {
      to: this.to, cc: this.cc, bcc: this.bcc, subject: this.subject, bodyHtml: this.bodyHtml, bodyType: this.bodyType,
      hiddenQuote: this.hiddenQuote, attachments: this.attachments, customProperties: new Map(this.customProperties),
      sharedOwner: this.sharedOwner, from: this.from, nextAttachment: this.nextAttachment,
    });
    return again;
  }

  /** Answers one Office call on the item; throws OfficeFailure the way Outlook fails. */
  answer(op: string, args: Record<string, unknown>): unknown {
    switch (op) {
      case 'recipients.get':
        return this[args.field as Field].map((r) => ({ ...r }));
      case 'subject.get':
        return this.subject;
      case 'body.get': {
        const body = this.bodyHtml + (args.bodyMode === 'fullBody' ? this.hiddenQuote : '');
        if (this.bodyType === 'text') return body;
        return args.coercion === 'html' ? body : body.replace(/<[^>]*>/g, '');
      }
      case 'body.type':
        return this.bodyType;
      case 'body.set':
        // setAsync's coercionType (Office.Body reference, office-js typings): "If html and the field supports HTML … If the
        // field is a text field, an InvalidDataFormat error is returned."
        if (this.bodyType === 'text' && args.coercionType === 'html') {
          throw new OfficeFailure(9000, 'InvalidDataFormat', 'The format of the specified data object is invalid: this body is plain text.');
        }
        this.bodyHtml = args.coercionType === 'html' || this.bodyType === 'text' ? String(args.data) : String(args.data).replace(/&/g, '&amp;').replace(/</g, '&lt;');
        return undefined;
      case 'item.save':
        for (const a of this.attachments) a.listed = true;
        return 'AAMkDraftItemId';
      case 'customProperties.load':
        return Object.fromEntries(this.customProperties);
      case 'customProperties.save': {
        const values = args.values as Record<string, string>;
        if (JSON.stringify(values).length > CUSTOM_PROPERTIES_LIMIT) throw new OfficeFailure(9999, 'ItemSizeExceeded', 'Custom properties over 2,500 characters.');
        this.customProperties = new Map(Object.keys(values).map((k) => [k, String(values[k])]));
        return undefined;
      }
      case 'attachments.list':
        return this.attachments.filter((a) => a.listed).map((a) => ({
          id: a.id, name: a.name, size: Buffer.from(a.content, 'base64').length, attachmentType: 'file', isInline: a.isInline, contentId: a.contentId ?? '',
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
