/**
 * Promise wrappers over the compose item: recipients, subject, HTML body, attachments and the
 * initialization context. The item is looked up on every call because a pinned task pane can outlive it.
 */
import type { AttachmentContent, BodyType, AttachmentInfo, MailboxIdentity, Recipient, RecipientField } from './OfficeAdapter';
import { type OfficeNamespace, currentItem, officeCall, supportsMailbox } from './officeCall';

export const RECIPIENT_FIELDS: readonly RecipientField[] = ['to', 'cc', 'bcc'];

export function toRecipient(details: Office.EmailAddressDetails): Recipient {
  const address = typeof details.emailAddress === 'string' ? details.emailAddress.trim() : '';
  return {
    displayName: (details.displayName ?? '').trim(),
    emailAddress: address || null,
    recipientType: String(details.recipientType ?? 'other'),
  };
}

export function createMailItemApi(office: OfficeNamespace) {
  async function getRecipients(field: RecipientField): Promise<Recipient[]> {
    const operation = `item.${field}.getAsync`;
    const item = currentItem(office, operation);
    const details = await officeCall<Office.EmailAddressDetails[]>(office, operation, (cb) => item[field].getAsync(cb));
    return (details ?? []).map(toRecipient);
  }

  /**
   * The whole body in `type`. In Outlook on the web and new Outlook a reply's collapsed original is left out unless
   * bodyMode is FullBody ("Get the body of message replies…",
   * https://learn.microsoft.com/office/dev/add-ins/outlook/insert-data-in-the-body; office-js#1779); the option
   * exists only where Office.MailboxEnums.BodyMode does, and other clients return the full body anyway.
   */
  async function getBody(type: BodyType, part: 'full' | 'shown' = 'full'): Promise<string> {
    const operation = 'item.body.getAsync';
    const item = currentItem(office, operation);
    const coercion = type === 'text' ? office.CoercionType.Text : office.CoercionType.Html;
    const fullBody = (office.MailboxEnums as unknown as { BodyMode?: { FullBody?: string } } | undefined)?.BodyMode?.FullBody;
    const get = item.body.getAsync as unknown as (c: unknown, o: unknown, cb: (r: Office.AsyncResult<string>) => void) => void;
    const value = fullBody && part === 'full'
      ? await officeCall<string>(office, operation, (cb) => get.call(item.body, coercion, { bodyMode: fullBody }, cb))
      : await officeCall<string>(office, operation, (cb) => item.body.getAsync(coercion, cb));
    return value ?? '';
  }

  /** Replaces the body; a text body takes Text coercion (setAsync: with Html, "if the field is a text field, an InvalidDataFormat error is returned"). */
  async function setBody(type: BodyType, content: string): Promise<void> {
    const operation = 'item.body.setAsync';
    const item = currentItem(office, operation);
    const coercionType = type === 'text' ? office.CoercionType.Text : office.CoercionType.Html;
    await officeCall<void>(office, operation, (cb) => item.body.setAsync(content, { coercionType }, cb));
  }

  return {
    getRecipients,

    async getAllRecipients(): Promise<Record<RecipientField, Recipient[]>> {
      const [to, cc, bcc] = await Promise.all(RECIPIENT_FIELDS.map(getRecipients));
      return { to: to!, cc: cc!, bcc: bcc! };
    },

    async getSubject(): Promise<string> {
      const operation = 'item.subject.getAsync';
      const item = currentItem(office, operation);
      return (await officeCall<string>(office, operation, (cb) => item.subject.getAsync(cb))) ?? '';
    },

    /**
     * Shared folders (delegate access, Mailbox 1.8) and shared mailboxes (Mailbox 1.13): getSharedPropertiesAsync
     * names the owner, and fails when "the current folder or mailbox isn't shared"
     * (https://learn.microsoft.com/javascript/api/outlook/office.sharedproperties). A From changed to another
     * mailbox shows in item.from (compose, Mailbox 1.7). Each part that fails or is missing counts as unknown.
     */
    async getMailboxIdentity(): Promise<MailboxIdentity> {
      const clean = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null);
      const user = clean(office.context?.mailbox?.userProfile?.emailAddress);
      const item = office.context?.mailbox?.item as (Office.MessageCompose & { getSharedPropertiesAsync?: unknown }) | undefined;
      if (!item) return { user, sendingMailbox: user };
      let owner: string | null = null;
      if (supportsMailbox(office, '1.8') && typeof item.getSharedPropertiesAsync === 'function') {
        owner = await officeCall<Office.SharedProperties>(office, 'item.getSharedPropertiesAsync', (cb) => item.getSharedPropertiesAsync(cb))
          .then((shared) => clean(shared?.owner))
          .catch(() => null);
      }
      let from: string | null = null;
      if (!owner && supportsMailbox(office, '1.7') && item.from && typeof item.from.getAsync === 'function') {
        from = await officeCall<Office.EmailAddressDetails>(office, 'item.from.getAsync', (cb) => item.from.getAsync(cb))
          .then((details) => clean(details?.emailAddress))
          .catch(() => null);
      }
      return { user, sendingMailbox: owner ?? from ?? user };
    },

    /** "html" or "text" (body.getTypeAsync, Mailbox 1.1); a client that cannot tell is taken to write HTML. */
    async getBodyType(): Promise<BodyType> {
      const operation = 'item.body.getTypeAsync';
      const item = currentItem(office, operation);
      if (typeof item.body.getTypeAsync !== 'function') return 'html';
      const type = await officeCall<string>(office, operation, (cb) => item.body.getTypeAsync(cb));
      return String(type).toLowerCase() === 'text' ? 'text' : 'html';
    },

    getBody,

    hasBodyMode: () => Boolean((office.MailboxEnums as unknown as { BodyMode?: { FullBody?: string } } | undefined)?.BodyMode?.FullBody),

    getBodyHtml: (): Promise<string> => getBody('html'),

    setBody,

    setBodyHtml: (html: string): Promise<void> => setBody('html', html),

    /**
     * Saves the draft (item.saveAsync, Mailbox 1.3). Inline images can be missing from getAttachmentsAsync until the
     * item is saved (office-js#4995). Resolves false where the client cannot save.
     */
    async saveDraft(): Promise<boolean> {
      const operation = 'item.saveAsync';
      const item = currentItem(office, operation);
      if (!supportsMailbox(office, '1.3') || typeof item.saveAsync !== 'function') return false;
      await officeCall<string>(office, operation, (cb) => item.saveAsync(cb));
      return true;
    },

    async listAttachments(): Promise<AttachmentInfo[]> {
      const operation = 'item.getAttachmentsAsync';
      const item = currentItem(office, operation);
      const list = await officeCall<Office.AttachmentDetailsCompose[]>(office, operation, (cb) => item.getAttachmentsAsync(cb));
      return (list ?? []).map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        attachmentType: String(a.attachmentType),
        isInline: Boolean(a.isInline),
        contentId: a.contentId || null,
      }));
    },

    async getAttachmentContent(attachmentId: string): Promise<AttachmentContent> {
      const operation = 'item.getAttachmentContentAsync';
      const item = currentItem(office, operation);
      const content = await officeCall<Office.AttachmentContent>(office, operation, (cb) =>
        item.getAttachmentContentAsync(attachmentId, cb),
      );
      return { format: String(content.format), content: content.content };
    },

    async removeAttachment(attachmentId: string): Promise<void> {
      const operation = 'item.removeAttachmentAsync';
      const item = currentItem(office, operation);
      await officeCall<void>(office, operation, (cb) => item.removeAttachmentAsync(attachmentId, cb));
    },

    async getInitializationContext(): Promise<string | null> {
      const operation = 'item.getInitializationContextAsync';
      const item = currentItem(office, operation);
      // The method exists from Mailbox 1.8; Smart Alerts only fills it (contextData) on 1.14+ clients.
      // Without it there simply is no context to read, which callers treat like an empty one.
      if (!supportsMailbox(office, '1.8') || typeof item.getInitializationContextAsync !== 'function') return null;
      const value = await officeCall<string>(office, operation, (cb) => item.getInitializationContextAsync(cb));
      return value ? value : null;
    },
  };
}
