/**
 * Promise wrappers over item.sessionData (Mailbox 1.11): the per-item key/value store that carries state
 * between the task pane and the Smart Alerts handler while a message is composed.
 * Limits: 50,000 characters per add-in per item before Mailbox 1.16 (2.6 M after), string values only.
 */
import type { SessionDataStore } from './OfficeAdapter';
import { isOfficeCallError } from './OfficeCallError';
import { type OfficeNamespace, currentItem, officeCall, requireMethod } from './officeCall';

export function createSessionDataStore(office: OfficeNamespace): SessionDataStore {
  /** Some Windows builds expose sessionData without its methods, so presence is checked per call. */
  const store = (method: keyof Office.SessionData, operation: string): Office.SessionData => {
    const data = currentItem(office, operation).sessionData;
    requireMethod(data, method, operation);
    return data;
  };

  return {
    async get(key) {
      const operation = 'item.sessionData.getAsync';
      const data = store('getAsync', operation);
      try {
        const value = await officeCall<string>(office, operation, (cb) => data.getAsync(key, cb));
        return typeof value === 'string' ? value : null;
      } catch (error) {
        // The reference does not say what a key never set answers; Outlook on the web's host code fails it
        // with KeyNotFound where other clients answer null. Both mean "not set".
        if (isKeyNotFound(error)) return null;
        throw error;
      }
    },

    async set(key, value) {
      const operation = 'item.sessionData.setAsync';
      const data = store('setAsync', operation);
      await officeCall<void>(office, operation, (cb) => data.setAsync(key, value, cb));
    },

    async remove(key) {
      const operation = 'item.sessionData.removeAsync';
      const data = store('removeAsync', operation);
      await officeCall<void>(office, operation, (cb) => data.removeAsync(key, cb));
    },

    async getAll() {
      const operation = 'item.sessionData.getAllAsync';
      const data = store('getAllAsync', operation);
      const value = await officeCall<unknown>(office, operation, (cb) => data.getAllAsync(cb as (r: Office.AsyncResult<object>) => void));
      return toStringRecord(value);
    },
  };
}

/** A failure that only says the key is not there (OWA's KeyNotFound), whatever code the client attaches to it. */
export function isKeyNotFound(error: unknown): boolean {
  if (!isOfficeCallError(error)) return false;
  const text = `${String(error.officeCode ?? '')} ${error.message}`;
  return /key\s*not\s*found/i.test(text);
}

/**
 * getAllAsync returns the string "{}" instead of an object when empty (OfficeDev/office-js#5353,
 * https://github.com/OfficeDev/office-js/issues/5353); a client may also give null, or an object. All are read the same.
 */
function toStringRecord(value: unknown): Record<string, string> {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = {};
    }
  }
  const result: Record<string, string> = {};
  if (parsed && typeof parsed === 'object') {
    // Object.keys, not Object.entries: the event script must run in an ES2016 runtime.
    for (const key of Object.keys(parsed)) {
      const entry = (parsed as Record<string, unknown>)[key];
      if (typeof entry === 'string') result[key] = entry;
    }
  }
  return result;
}
