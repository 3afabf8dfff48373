/**
 * Promise wrappers over item.notificationMessages: the bar above the compose form where the add-in tells
 * the sender what it is doing (progress) or what went wrong (error) without opening a dialog.
 */
import type { NotificationSpec } from './OfficeAdapter';
import { OfficeCallError } from './OfficeCallError';
import { type OfficeNamespace, currentItem, officeCall } from './officeCall';

const MAX_KEY = 32;
const MAX_MESSAGE = 150;

export function createNotificationsApi(office: OfficeNamespace) {
  const types = () => office.MailboxEnums.ItemNotificationMessageType;

  /** Office throws ArgumentOutOfRange on these; rejecting first gives the caller a clear reason. */
  function details(key: string, spec: NotificationSpec, operation: string): Office.NotificationMessageDetails {
    if (!key || key.length > MAX_KEY) throw new OfficeCallError(operation, 'threw', `notification key must be 1–${MAX_KEY} characters`);
    if (spec.message.length > MAX_MESSAGE) {
      throw new OfficeCallError(operation, 'threw', `notification message must be at most ${MAX_MESSAGE} characters`);
    }
    switch (spec.type) {
      case 'informational':
        return { type: types().InformationalMessage, message: spec.message, icon: spec.icon, persistent: spec.persistent };
      case 'error':
        return { type: types().ErrorMessage, message: spec.message };
      case 'progress':
        return { type: types().ProgressIndicator, message: spec.message };
    }
  }

  return {
    async showNotification(key: string, spec: NotificationSpec): Promise<void> {
      const operation = 'item.notificationMessages.replaceAsync';
      const item = currentItem(office, operation);
      const message = details(key, spec, operation);
      await officeCall<void>(office, operation, (cb) => item.notificationMessages.replaceAsync(key, message, cb));
    },

    async removeNotification(key: string): Promise<void> {
      const operation = 'item.notificationMessages.removeAsync';
      const item = currentItem(office, operation);
      await officeCall<void>(office, operation, (cb) => item.notificationMessages.removeAsync(key, cb));
    },
  };
}
