/**
 * A stateful Outlook compose item behind an office-addin-mock OfficeMockObject, for unit tests of the
 * adapter and of code built on it. It keeps recipients, body, attachments, session data and notifications
 * in plain state, answers asynchronously like Office, and fails any named call on request.
 */
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock imports office-addin-manifest only for its OfficeApp enum, and that package pulls in
// ESM-only modules that jest cannot require on Node 20. The enum is all the mock needs, so supply it.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
}));

export interface FakeAttachment {
  id: string;
  name: string;
  size: number;
  attachmentType: 'file' | 'item' | 'cloud';
  isInline: boolean;
  contentId?: string;
  format: 'base64' | 'eml' | 'url' | 'iCalendar';
  content: string;
}

export interface FakeItemState {
  to: Office.EmailAddressDetails[];
  cc: Office.EmailAddressDetails[];
  bcc: Office.EmailAddressDetails[];
  subject: string;
  bodyHtml: string;
  attachments: FakeAttachment[];
  sessionData: Map<string, string>;
  notifications: Map<string, Office.NotificationMessageDetails>;
  initializationContext: string;
  itemHandlers: Map<string, (args: unknown) => void>;
  /** "html" or "text": how the sender writes this body. A text body refuses Html coercion in setAsync. */
  bodyType: 'html' | 'text';
  /**
   * A reply's collapsed original in Outlook on the web / new Outlook (office-js#1779): left out of getAsync unless
   * bodyMode is FullBody, untouched by setAsync, and appended to the message after the send handlers ran.
   */
  hiddenQuote: string;
  /** The item's saved custom properties (what a reopened draft still has). */
  customProperties: Map<string, string>;
  /** Attachments a client lists only once the draft is saved (office-js#4995), moved into `attachments` by saveAsync. */
  unsavedAttachments: FakeAttachment[];
}

export interface FakeOutlookOptions {
  /** Highest Mailbox requirement set the fake client claims. */
  mailboxVersion?: string;
  /** false: no item is open. */
  withItem?: boolean;
  /** false: sessionData exists but its methods do not (seen on some Windows builds). */
  sessionDataMethods?: boolean;
  /**
   * sessionData.getAsync for a key never set: the reference is silent; Outlook on the web's host code fails it with
   * KeyNotFound, other clients answer null. Default null.
   */
  unsetKey?: 'null' | 'keyNotFound';
  /** getAllAsync when empty: the string "{}" (office-js#5353), an object, or null. Default "{}". */
  emptyAll?: 'string' | 'object' | 'null';
  /** The signed-in Outlook user (userProfile.emailAddress). */
  userEmail?: string;
  /** A shared folder's or shared mailbox's owner (getSharedPropertiesAsync); absent: the item is not shared. */
  sharedOwner?: string;
  /** The From address in compose; defaults to the user. */
  from?: string;
  /** false: a client without Office.MailboxEnums.BodyMode (getAsync has no bodyMode option there). */
  bodyMode?: boolean;
  /** false: loadCustomPropertiesAsync is missing. */
  customProperties?: boolean;
}

/** Real runtime values of the Office enums the adapter reads from the namespace. */
const ENUMS = {
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  CoercionType: { Html: 'html', Text: 'text' },
  EventType: {
    RecipientsChanged: 'olkRecipientsChanged',
    InitializationContextChanged: 'olkInitializationContextChanged',
    DialogMessageReceived: 'dialogMessageReceived',
    DialogEventReceived: 'dialogEventReceived',
  },
  MailboxEnums: {
    ItemNotificationMessageType: {
      ProgressIndicator: 'progressIndicator',
      InformationalMessage: 'informationalMessage',
      ErrorMessage: 'errorMessage',
      InsightMessage: 'insightMessage',
    },
  },
};
const BODY_MODE = { FullBody: 'fullBody', HostConfig: 'hostConfig' };

type Callback = (result: unknown) => void;

/** Thrown inside a fake operation to make it fail the way Office would. */
class FakeFailure {
  constructor(readonly error: Office.Error) {}
}

export function createFakeOutlook(options: FakeOutlookOptions = {}) {
  const state: FakeItemState = {
    to: [], cc: [], bcc: [], subject: '', bodyHtml: '', attachments: [],
    sessionData: new Map(), notifications: new Map(), initializationContext: '', itemHandlers: new Map(),
    bodyType: 'html', hiddenQuote: '', customProperties: new Map(), unsavedAttachments: [],
  };
  const failures = new Map<string, Office.Error>();
  const calls: { method: string; args: unknown[] }[] = [];
  const dialogs: ReturnType<typeof fakeDialog>[] = [];
  const parentMessages: { message: string; options: unknown }[] = [];
  const associated = new Map<string, unknown>();

  /** Answers on a later turn, as Office does, with the injected failure for `method` if there is one. */
  const answer = (method: string, args: unknown[], cb: Callback | undefined, value: () => unknown = () => undefined) => {
    calls.push({ method, args });
    const error = failures.get(method);
    queueMicrotask(() => {
      if (error) return cb?.({ status: 'failed', error, value: undefined });
      try {
        cb?.({ status: 'succeeded', value: value() });
      } catch (failure) {
        if (!(failure instanceof FakeFailure)) throw failure;
        cb?.({ status: 'failed', error: failure.error, value: undefined });
      }
    });
  };
  const recipients = (field: 'to' | 'cc' | 'bcc') => ({
    getAsync: (cb: Callback) => answer(`${field}.getAsync`, [], cb, () => state[field].map((r) => ({ ...r }))),
  });
  const attachment = (id: string) => {
    const found = state.attachments.find((a) => a.id === id);
    if (found) return found;
    throw new FakeFailure({ code: 9999, name: 'InvalidAttachmentId', message: 'The attachment ID was invalid.' } as Office.Error);
  };

  const sessionData = options.sessionDataMethods === false ? {} : {
    getAsync: (key: string, cb: Callback) =>
      answer('sessionData.getAsync', [key], cb, () => {
        const value = state.sessionData.get(key);
        if (value !== undefined || options.unsetKey !== 'keyNotFound') return value ?? null;
        throw new FakeFailure({ code: 9999, name: 'KeyNotFound', message: `The key '${key}' was not found.` } as Office.Error);
      }),
    setAsync: (key: string, value: string, cb: Callback) =>
      answer('sessionData.setAsync', [key, value], cb, () => void state.sessionData.set(key, value)),
    removeAsync: (key: string, cb: Callback) => answer('sessionData.removeAsync', [key], cb, () => void state.sessionData.delete(key)),
    // Like Outlook: the string "{}" when empty, an object otherwise (OfficeDev/office-js#5353).
    getAllAsync: (cb: Callback) =>
      answer('sessionData.getAllAsync', [], cb, () => {
        if (state.sessionData.size) return Object.fromEntries(state.sessionData);
        return options.emptyAll === 'object' ? {} : options.emptyAll === 'null' ? null : '{}';
      }),
  };

  const item = {
    to: recipients('to'), cc: recipients('cc'), bcc: recipients('bcc'),
    subject: { getAsync: (cb: Callback) => answer('subject.getAsync', [], cb, () => state.subject) },
    body: {
      // getAsync(coercion, [options], callback); options.bodyMode FullBody includes the collapsed original.
      getAsync: (coercion: string, optionsOrCb: unknown, maybeCb?: Callback) => {
        const cb = (typeof optionsOrCb === 'function' ? optionsOrCb : maybeCb) as Callback;
        const full = typeof optionsOrCb === 'object' && (optionsOrCb as { bodyMode?: string } | null)?.bodyMode === BODY_MODE.FullBody;
        answer('body.getAsync', [coercion, full ? 'fullBody' : 'shown'], cb, () => {
          const body = state.bodyHtml + (full ? state.hiddenQuote : '');
          return coercion === 'html' ? body : body.replace(/<[^>]*>/g, '');
        });
      },
      getTypeAsync: (cb: Callback) => answer('body.getTypeAsync', [], cb, () => state.bodyType),
      setAsync: (data: string, opts: { coercionType?: string }, cb: Callback) =>
        answer('body.setAsync', [data, opts], cb, () => {
          // setAsync: "If html and the field supports HTML … If the field is a text field, an InvalidDataFormat error is returned."
          if (state.bodyType === 'text' && opts?.coercionType === 'html') {
            throw new FakeFailure({ code: 9000, name: 'InvalidDataFormat', message: 'The format of the specified data object is invalid.' } as Office.Error);
          }
          state.bodyHtml = opts?.coercionType === 'html' ? data : data.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        }),
    },
    saveAsync: (cb: Callback) =>
      answer('saveAsync', [], cb, () => {
        state.attachments.push(...state.unsavedAttachments);
        state.unsavedAttachments = [];
        return 'AAMkDraftItemId';
      }),
    ...(options.customProperties === false ? {} : {
      loadCustomPropertiesAsync: (cb: Callback) =>
        answer('loadCustomPropertiesAsync', [], cb, () => {
          const pending = new Map(state.customProperties);
          return {
            get: (name: string) => pending.get(name),
            getAll: () => Object.fromEntries(pending),
            set: (name: string, value: string) => void pending.set(name, String(value)),
            remove: (name: string) => void pending.delete(name),
            saveAsync: (done: Callback) =>
              answer('customProperties.saveAsync', [Object.fromEntries(pending)], done, () => {
                if (JSON.stringify(Object.fromEntries(pending)).length > 2500) {
                  throw new FakeFailure({ code: 9999, name: 'ItemSizeExceeded', message: 'Custom properties over 2,500 characters.' } as Office.Error);
                }
                state.customProperties = new Map(pending);
              }),
          };
        }),
    }),
    getAttachmentsAsync: (cb: Callback) =>
      answer('getAttachmentsAsync', [], cb, () => state.attachments.map(({ content: _c, format: _f, ...details }) => details)),
    getAttachmentContentAsync: (id: string, cb: Callback) =>
      answer('getAttachmentContentAsync', [id], cb, () => {
        const a = attachment(id);
        return { format: a.format, content: a.content };
      }),
    removeAttachmentAsync: (id: string, cb: Callback) =>
      answer('removeAttachmentAsync', [id], cb, () => {
        attachment(id);
        state.attachments = state.attachments.filter((a) => a.id !== id);
      }),
    sessionData,
    notificationMessages: {
      replaceAsync: (key: string, details: Office.NotificationMessageDetails, cb: Callback) =>
        answer('notificationMessages.replaceAsync', [key, details], cb, () => void state.notifications.set(key, details)),
      removeAsync: (key: string, cb: Callback) =>
        answer('notificationMessages.removeAsync', [key], cb, () => void state.notifications.delete(key)),
    },
    // Fails when "the current folder or mailbox isn't shared" (learn.microsoft.com, Office.SharedProperties).
    getSharedPropertiesAsync: (cb: Callback) =>
      answer('getSharedPropertiesAsync', [], cb, () => {
        if (options.sharedOwner) return { owner: options.sharedOwner, delegatePermissions: 1, targetMailbox: options.sharedOwner, targetRestUrl: '' };
        throw new FakeFailure({ code: 9999, name: 'GenericResponseError', message: "The current folder or mailbox isn't shared." } as Office.Error);
      }),
    from: { getAsync: (cb: Callback) => answer('from.getAsync', [], cb, () => ({ emailAddress: options.from ?? options.userEmail ?? '', displayName: '' })) },
    getInitializationContextAsync: (cb: Callback) =>
      answer('getInitializationContextAsync', [], cb, () => state.initializationContext),
    addHandlerAsync: (type: string, handler: (args: unknown) => void, cb: Callback) =>
      answer('addHandlerAsync', [type], cb, () => void state.itemHandlers.set(type, handler)),
    removeHandlerAsync: (type: string, cb: Callback) =>
      answer('removeHandlerAsync', [type], cb, () => void state.itemHandlers.delete(type)),
  };

  const supported = options.mailboxVersion ?? '1.15';
  const office = new OfficeMockObject({
    host: 'outlook',
    ...ENUMS,
    MailboxEnums: { ...ENUMS.MailboxEnums, ...(options.bodyMode === false ? {} : { BodyMode: BODY_MODE }) },
    context: {
      mailbox: options.withItem === false ? {} : { item, ...(options.userEmail ? { userProfile: { emailAddress: options.userEmail } } : {}) },
      requirements: {
        isSetSupported: (name: string, version: string) => name === 'Mailbox' && compareVersions(version, supported) <= 0,
      },
      ui: {
        displayDialogAsync: (url: string, opts: unknown, cb: Callback) =>
          answer('ui.displayDialogAsync', [url, opts], cb, () => {
            const dialog = fakeDialog();
            dialogs.push(dialog);
            return dialog;
          }),
        messageParent: (message: string, opts: unknown) => void parentMessages.push({ message, options: opts }),
      },
    },
    actions: { associate: (name: string, fn: unknown) => void associated.set(name, fn) },
  }) as unknown as typeof Office;

  return {
    office,
    state,
    calls,
    dialogs,
    parentMessages,
    associated,
    /** Makes every later call of `method` (e.g. "body.setAsync") fail with this Office error. */
    fail(method: string, error: Partial<Office.Error> = {}) {
      failures.set(method, { code: 9999, name: 'FakeFailure', message: `${method} failed`, ...error } as Office.Error);
    },
    /** Lets `method` succeed again after fail(). */
    recover(method: string) {
      failures.delete(method);
    },
    /** Raises an item event (e.g. EventType.RecipientsChanged) to the handler the adapter registered. */
    raise(type: string, args: unknown) {
      state.itemHandlers.get(type)?.(args);
    },
  };
}

/** A dialog whose page the test drives: send messages to the opener or end it with an Office code. */
function fakeDialog() {
  const handlers = new Map<string, (args: unknown) => void>();
  const dialog = {
    closed: 0,
    addEventHandler: (type: string, handler: (args: unknown) => void) => void handlers.set(type, handler),
    close: () => void dialog.closed++,
    send: (message: string, origin?: string) => handlers.get(ENUMS.EventType.DialogMessageReceived)?.({ message, origin }),
    end: (error: number) => handlers.get(ENUMS.EventType.DialogEventReceived)?.({ error }),
  };
  return dialog;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
