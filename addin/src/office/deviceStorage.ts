/**
 * Storage that outlives a message, on this device, for the Smart Alerts handler: where it keeps its own Sealpost
 * session and the organization's rules, so that secure sending does not depend on the task pane being open.
 *
 * Which storage a handler has depends on the runtime Outlook starts it in
 * (https://learn.microsoft.com/office/dev/add-ins/testing/runtimes):
 * - classic Outlook on Windows runs it in the JavaScript-only runtime: no localStorage and no cookies, but
 *   OfficeRuntime.storage ("available starting in Mailbox 1.10 … only with the event-based activation feature
 *   implemented in Outlook on Windows", 10 MB per domain:
 *   https://learn.microsoft.com/javascript/api/office-runtime/officeruntime.storage);
 * - Outlook on the web, new Outlook on Windows and Outlook on Mac run it in a browser runtime, which has
 *   localStorage on the add-in's origin and no OfficeRuntime.storage ("isn't supported in Outlook on Mac or on the web").
 * Roaming settings are not used: Microsoft says they "shouldn't be used to store sensitive information, such as user
 * credentials or security tokens" (https://learn.microsoft.com/javascript/api/outlook/office.roamingsettings).
 */

export interface DeviceStorage {
  readonly kind: 'officeRuntime' | 'localStorage';
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

interface OfficeRuntimeStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}
type WebStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The runtime's globals, passed in so tests and the simulator decide what exists. */
export interface RuntimeGlobals {
  officeRuntimeStorage?: OfficeRuntimeStorage | null;
  localStorage?: WebStorage | null;
}

/**
 * localStorage where the runtime is a browser; else OfficeRuntime.storage (the JavaScript-only runtime); else null
 * (nothing outlives the message). localStorage first because Office.js may define OfficeRuntime in a browser runtime
 * where Outlook does not support its storage ("isn't supported in Outlook on Mac or on the web").
 */
export function createDeviceStorage(globals: RuntimeGlobals): DeviceStorage | null {
  const web = globals.localStorage;
  if (web && typeof web.getItem === 'function') {
    return {
      kind: 'localStorage',
      get: async (key) => web.getItem(key),
      set: async (key, value) => web.setItem(key, value),
      remove: async (key) => web.removeItem(key),
    };
  }
  const runtime = globals.officeRuntimeStorage;
  if (runtime && typeof runtime.getItem === 'function') {
    return {
      kind: 'officeRuntime',
      // "In the event the Promise does not resolve, returns null": anything but text counts as absent.
      get: async (key) => {
        const value = await runtime.getItem(key);
        return typeof value === 'string' ? value : null;
      },
      set: (key, value) => runtime.setItem(key, value),
      remove: (key) => runtime.removeItem(key),
    };
  }
  return null;
}

declare const OfficeRuntime: { storage?: OfficeRuntimeStorage } | undefined;

/**
 * Reads the globals of the runtime this script runs in without touching a name the runtime lacks (typeof is
 * safe on undeclared names; the JavaScript-only runtime has no globalThis and may have no self).
 */
export function runtimeGlobals(): RuntimeGlobals {
  let web: WebStorage | null = null;
  try {
    // Reading localStorage throws where storage is blocked.
    web = typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    web = null;
  }
  const runtime = typeof OfficeRuntime === 'undefined' ? null : OfficeRuntime;
  return { officeRuntimeStorage: runtime?.storage ?? null, localStorage: web };
}
