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
}

export const CLIENTS: Record<ClientName, ClientProfile> = {
  web: { name: 'web', eventRuntime: 'browser', officeRuntimeStorage: false, unsetKey: 'keyNotFound', emptyAll: 'string' },
  classicWindows: { name: 'classicWindows', eventRuntime: 'javascriptOnly', officeRuntimeStorage: true, unsetKey: 'null', emptyAll: 'string' },
  mac: { name: 'mac', eventRuntime: 'browser', officeRuntimeStorage: false, unsetKey: 'null', emptyAll: 'object' },
};

export function clientProfile(name: ClientName = 'classicWindows', answers: Partial<ClientAnswers> = {}): ClientProfile {
  return { ...CLIENTS[name], ...answers };
}
