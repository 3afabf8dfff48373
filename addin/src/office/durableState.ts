/**
 * Promise wrappers over the item's custom properties (Mailbox 1.1): per item and per add-in like sessionData, but
 * kept with the item in the mailbox, so they outlive a draft closed and reopened, where sessionData starts empty.
 * "You must call the saveAsync method to persist any changes made with the set method or the remove method"
 * (https://learn.microsoft.com/javascript/api/outlook/office.customproperties); at most 2,500 characters of JSON.
 * In compose the properties travel with the draft: a new message keeps them once Outlook saves the draft.
 */
import type { DurableStore } from './OfficeAdapter';
import { type OfficeNamespace, currentItem, officeCall, requireMethod } from './officeCall';

export function createDurableStore(office: OfficeNamespace): DurableStore {
  const load = async (): Promise<Office.CustomProperties> => {
    const operation = 'item.loadCustomPropertiesAsync';
    const item = currentItem(office, operation);
    requireMethod(item, 'loadCustomPropertiesAsync', operation);
    return officeCall<Office.CustomProperties>(office, operation, (cb) => item.loadCustomPropertiesAsync(cb));
  };
  return {
    async getAll() {
      const props = await load();
      const all: Record<string, unknown> = typeof props.getAll === 'function' ? props.getAll() : {};
      const out: Record<string, string> = {};
      for (const key of Object.keys(all ?? {})) if (typeof all[key] === 'string') out[key] = all[key] as string;
      return out;
    },
    async update(values) {
      const props = await load();
      for (const key of Object.keys(values)) {
        const value = values[key];
        if (typeof value === 'string') props.set(key, value);
        else props.remove(key);
      }
      await officeCall<void>(office, 'customProperties.saveAsync', (cb) => props.saveAsync(cb));
    },
  };
}
