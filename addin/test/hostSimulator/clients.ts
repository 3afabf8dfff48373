/**
 * How each Outlook client runs the add-in, as far as the simulator models it, with the source of each behaviour.
 * Where Microsoft's docs are silent the profile names the answer this client is believed to give, and every test may
 * override it (`answers`), so the handler is shown right for each plausible answer, not only for our guess.
 */

export type ClientName = 'web' | 'classicWindows' | 'mac';

export interface ClientAnswers {
  /**
   * sessionData.getAsync for a key never set. The reference says nothing
   * (https://learn.microsoft.com/javascript/api/outlook/office.sessiondata); Outlook on the web's host code fails it
   * with KeyNotFound; the other clients are believed to answer null.
   */
  unsetKey: 'null' | 'keyNotFound';
  /** getAllAsync on an empty item: the string "{}" (https://github.com/OfficeDev/office-js/issues/5353) or an object. */
  emptyAll: 'string' | 'object';
}

export interface ClientProfile extends ClientAnswers {
  name: ClientName;
  /**
   * The runtime of event handlers (https://learn.microsoft.com/office/dev/add-ins/testing/runtimes): classic Outlook
   * on Windows uses the JavaScript-only runtime ("doesn't support local storage or cookies"); the web, new Outlook
   * and Mac use a browser runtime (localStorage on the add-in's origin).
   */
  eventRuntime: 'javascriptOnly' | 'browser';
  /**
   * OfficeRuntime.storage works only "with the event-based activation feature implemented in Outlook on Windows …
   * isn't supported in Outlook on Mac or on the web" (https://learn.microsoft.com/javascript/api/office-runtime/officeruntime.storage).
   * Where it is not supported, the simulator still defines it and every call rejects, so code that relies on it fails.
   */
  officeRuntimeStorage: boolean;
  /**
   * The highest Mailbox requirement set the client reports. "Outlook client support"
   * (https://learn.microsoft.com/javascript/api/requirement-sets/outlook/outlook-api-requirement-sets, the stored copy
   * dated 2024-05-20) lists Outlook on Mac (new UI) up to 1.13. The manifest asks for 1.12 (OnMessageSend), so Mac
   * loads the button and the launch events, and Smart Alerts run there ("Mac: Version 16.65.827.0 or later",
   * learn.microsoft.com/office/dev/add-ins/outlook/onmessagesend-onappointmentsend-events#supported-clients-and-platforms);
   * but the alert has no button there (commandId is Mailbox 1.14, smartAlertsRules.ts). The web, new Outlook and
   * current classic Windows builds list 1.14 (classic from Version 2404); they report 1.15 here, the level of current
   * builds, which the pane uses when present.
   */
  mailbox: string;
  /**
   * Office.MailboxEnums.BodyMode exists: "only supported in Outlook on the web, on mobile devices … and in the new
   * Outlook on Windows" (https://learn.microsoft.com/javascript/api/outlook/office.mailboxenums.bodymode).
   */
  bodyMode: boolean;
  /**
   * A reply's collapsed original (conversation view) is not in getAsync, untouched by setAsync, and appended to the
   * message after the on-send handlers ran (https://github.com/OfficeDev/office-js/issues/1779, Outlook on the web);
   * FullBody returns it ("Get the body of message replies…",
   * https://learn.microsoft.com/office/dev/add-ins/outlook/insert-data-in-the-body).
   */
  appendsCollapsedQuote: boolean;
  /**
   * Inline images pasted into the body are missing from getAttachmentsAsync until the draft is saved
   * (https://github.com/OfficeDev/office-js/issues/4995; #6315, #5031 for images never listed).
   */
  listsInlineImagesAfterSave: boolean;
  /**
   * `isSetSupported('NestedAppAuth', '1.1')` and the host's `window.nestedAppAuthBridge` (nestedAppAuthBridge.ts):
   * Outlook on the web, classic Windows from Version 2409 (Build 18025.20000), Mac from 16.89, mobile from v4.2433.0;
   * not for Outlook.com or Gmail mailboxes
   * (https://learn.microsoft.com/javascript/api/requirement-sets/common/nested-app-auth-requirement-sets). The profiles
   * are current builds; an older build or a consumer mailbox is `nestedAppAuth: false`.
   */
  nestedAppAuth: boolean;
}

export const CLIENTS: Record<ClientName, ClientProfile> = {
  web: {
    name: 'web', eventRuntime: 'browser', officeRuntimeStorage: false, unsetKey: 'keyNotFound', emptyAll: 'string',
    mailbox: '1.15', bodyMode: true, appendsCollapsedQuote: true, listsInlineImagesAfterSave: true,
    nestedAppAuth: true,
  },
  classicWindows: {
    name: 'classicWindows', eventRuntime: 'javascriptOnly', officeRuntimeStorage: true, unsetKey: 'null', emptyAll: 'string',
    mailbox: '1.15', bodyMode: false, appendsCollapsedQuote: false, listsInlineImagesAfterSave: false,
    nestedAppAuth: true,
  },
  mac: {
    name: 'mac', eventRuntime: 'browser', officeRuntimeStorage: false, unsetKey: 'null', emptyAll: 'object',
    mailbox: '1.13', bodyMode: false, appendsCollapsedQuote: false, listsInlineImagesAfterSave: false,
    nestedAppAuth: true,
  },
};

export function clientProfile(name: ClientName = 'classicWindows', answers: Partial<ClientProfile> = {}): ClientProfile {
  return { ...CLIENTS[name], ...answers };
}
