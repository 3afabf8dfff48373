/**
 * Builds the OfficeAdapter over a given Office namespace: the real `Office` global in the add-in,
 * an office-addin-mock object in tests. Nothing here runs until a method is called, so it is safe to
 * create before Office.onReady.
 */
import type { OfficeAdapter } from './OfficeAdapter';
import { createDialogApi } from './dialog';
import { createDurableStore } from './durableState';
import { createItemEventsApi } from './itemEvents';
import { createMailItemApi } from './mailItem';
import { createNotificationsApi } from './notifications';
import { type OfficeNamespace, supportsMailbox } from './officeCall';
import { createSessionDataStore } from './sessionData';

export function createOfficeAdapter(office: OfficeNamespace): OfficeAdapter {
  return {
    supportsMailbox: (version) => supportsMailbox(office, version),
    ...createMailItemApi(office),
    sessionData: createSessionDataStore(office),
    durable: createDurableStore(office),
    ...createNotificationsApi(office),
    ...createItemEventsApi(office),
    ...createDialogApi(office),
  };
}
