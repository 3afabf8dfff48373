/**
 * Item event subscriptions for the task pane: recipients changing while composing (Mailbox 1.7) and a
 * Smart Alerts button asking for a pane that is already open (InitializationContextChanged, Mailbox 1.15).
 * Event handlers (Smart Alerts) get these as LaunchEvents from the manifest instead and cannot subscribe.
 */
import type { RecipientField } from './OfficeAdapter';
import { OfficeCallError } from './OfficeCallError';
import { type OfficeNamespace, currentItem, officeCall, supportsMailbox } from './officeCall';

type Unsubscribe = () => Promise<void>;

export function createItemEventsApi(office: OfficeNamespace) {
  /** Office removes every handler of an event type at once, so one subscription per type is the contract. */
  async function subscribe(eventType: Office.EventType, name: string, handler: (args: unknown) => void): Promise<Unsubscribe> {
    const operation = `item.addHandlerAsync(${name})`;
    const item = currentItem(office, operation);
    await officeCall<void>(office, operation, (cb) => item.addHandlerAsync(eventType, handler, cb));
    return async () => {
      const removal = `item.removeHandlerAsync(${name})`;
      await officeCall<void>(office, removal, (cb) => currentItem(office, removal).removeHandlerAsync(eventType, cb));
    };
  }

  return {
    onRecipientsChanged(listener: (fields: RecipientField[]) => void): Promise<Unsubscribe> {
      return subscribe(office.EventType.RecipientsChanged, 'RecipientsChanged', (args) => {
        const changed = (args as Partial<Office.RecipientsChangedEventArgs>).changedRecipientFields;
        const fields: RecipientField[] = (['to', 'cc', 'bcc'] as const).filter((f) => Boolean(changed?.[f]));
        listener(fields);
      });
    },

    async onInitializationContextChanged(listener: (contextData: string) => void): Promise<Unsubscribe> {
      const name = 'InitializationContextChanged';
      if (!supportsMailbox(office, '1.15')) {
        throw new OfficeCallError(`item.addHandlerAsync(${name})`, 'not_supported', 'requires Mailbox 1.15');
      }
      return subscribe(office.EventType.InitializationContextChanged, name, (args) => {
        listener(String((args as Partial<Office.InitializationContextChangedEventArgs>).initializationContextData ?? ''));
      });
    },
  };
}
