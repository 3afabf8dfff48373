/**
 * What the rest of the add-in may ask of Outlook. Task pane and event handlers receive an OfficeAdapter
 * (React context, function argument) instead of touching Office.js, so their logic is tested without Office.
 * Every method returns a promise that rejects with OfficeCallError.
 */
import type { OfficeCallError } from './OfficeCallError';

export type RecipientField = 'to' | 'cc' | 'bcc';

/** How the sender writes this message: Outlook keeps a body either as HTML or as plain text. */
export type BodyType = 'html' | 'text';

export interface Recipient {
  displayName: string;
  /**
   * null when Outlook gave no address (e.g. an unexpanded contact group); such a recipient needs review.
   * Addresses are trimmed but otherwise as Outlook returned them; the backend normalizes and classifies.
   */
  emailAddress: string | null;
  /** As reported by the client ("user", "externalUser", "distributionList", "other"); differs between clients. */
  recipientType: string;
}

export interface AttachmentInfo {
  id: string;
  /** Compose-mode details carry no content type; the backend sniffs it from the name and bytes. */
  name: string;
  size: number;
  /** "file", "item" or "cloud". */
  attachmentType: string;
  isInline: boolean;
  /** The cid an inline image is referenced by in the HTML body, or null. */
  contentId: string | null;
}

export interface AttachmentContent {
  /** "base64" for files, "eml" for items, "iCalendar", or "url" for cloud attachments. */
  format: string;
  content: string;
}

/** Notification bar messages. Office allows icon/persistent only on informational messages. */
export type NotificationSpec =
  | { type: 'informational'; message: string; icon: string; persistent: boolean }
  | { type: 'error'; message: string }
  | { type: 'progress'; message: string };

export interface DialogOptions {
  /** Percent of the screen, 1–100. */
  widthPercent: number;
  heightPercent: number;
  /** Office on the web only: open in an iframe instead of a pop-up window. */
  displayInIframe?: boolean;
}

export interface DialogHandle {
  /** Messages the dialog page sent with messageParent, in order; a late listener first gets those already sent. */
  onMessage(listener: (message: string, origin: string | undefined) => void): void;
  /** The dialog went away: closed by the user (officeCode 12006) or failed to load (12002, 12003 …). */
  onClosed(listener: (error: OfficeCallError) => void): void;
  close(): void;
}

export interface SessionDataStore {
  /** null when the key is not set. */
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  getAll(): Promise<Record<string, string>>;
}

/** Item custom properties: kept with the item in the mailbox, unlike sessionData. */
export interface DurableStore {
  getAll(): Promise<Record<string, string>>;
  /** Sets (string) or removes (null) each key, then saves them to the item. */
  update(values: Record<string, string | null>): Promise<void>;
}

/** Whose mailbox the message is written in and sent from. */
export interface MailboxIdentity {
  /** The signed-in Outlook user (userProfile.emailAddress), or null when the client does not say. */
  user: string | null;
  /**
   * The mailbox the message goes out from: a shared folder's or shared mailbox's owner, else the From address,
   * else the user. null when the client says nothing at all.
   */
  sendingMailbox: string | null;
}

export interface OfficeAdapter {
  /** Whether the client implements Mailbox requirement set `version` (e.g. "1.14" for Smart Alerts commandId). */
  supportsMailbox(version: string): boolean;

  getRecipients(field: RecipientField): Promise<Recipient[]>;
  getAllRecipients(): Promise<Record<RecipientField, Recipient[]>>;
  getSubject(): Promise<string>;
  /** Never rejects: what a client cannot tell is null. */
  getMailboxIdentity(): Promise<MailboxIdentity>;
  getBodyType(): Promise<BodyType>;
  /**
   * The whole body, a reply's collapsed original included where the client can say (bodyMode FullBody); "shown":
   * the client's default answer, which in Outlook on the web leaves a collapsed original out (office-js#1779).
   */
  getBody(type: BodyType, part?: 'full' | 'shown'): Promise<string>;
  /** Whether getBody can tell "full" from "shown" (Office.MailboxEnums.BodyMode exists). */
  hasBodyMode(): boolean;
  setBody(type: BodyType, content: string): Promise<void>;
  getBodyHtml(): Promise<string>;
  setBodyHtml(html: string): Promise<void>;
  /** Saves the draft; false where the client has no saveAsync. */
  saveDraft(): Promise<boolean>;
  listAttachments(): Promise<AttachmentInfo[]>;
  getAttachmentContent(attachmentId: string): Promise<AttachmentContent>;
  removeAttachment(attachmentId: string): Promise<void>;

  /** Per-item state shared by the task pane and the event handlers while the item is being composed. */
  sessionData: SessionDataStore;
  /** The few facts that must outlive a closed and reopened draft (item custom properties). */
  durable: DurableStore;

  /** Adds or replaces the notification with this key (≤ 32 characters; message ≤ 150). */
  showNotification(key: string, spec: NotificationSpec): Promise<void>;
  removeNotification(key: string): Promise<void>;

  /** Data passed when the pane was opened from a Smart Alerts dialog (contextData), or null when there is none. */
  getInitializationContext(): Promise<string | null>;
  /** Calls back with the fields that changed; resolves to an unsubscribe function. Task pane only. */
  onRecipientsChanged(listener: (fields: RecipientField[]) => void): Promise<() => Promise<void>>;
  /** Pane already open and a Smart Alerts button asks for it again (Mailbox 1.15). Task pane only. */
  onInitializationContextChanged(listener: (contextData: string) => void): Promise<() => Promise<void>>;

  /** Opens a dialog page (https, same origin as the add-in, e.g. sign-in). Not allowed in event handlers. */
  openDialog(url: string, options: DialogOptions): Promise<DialogHandle>;
  /** From inside a dialog page: sends a message to the page that opened it. */
  messageParent(message: string, targetOrigin?: string): void;
}
