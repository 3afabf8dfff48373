/** The Office adapter: the only code in the add-in that touches Office.js. */
export type {
  AttachmentContent, AttachmentInfo, DialogHandle, DialogOptions, NotificationSpec, OfficeAdapter, Recipient,
  RecipientField, SessionDataStore,
} from './OfficeAdapter';
export { OfficeCallError, isOfficeCallError, type OfficeErrorCode } from './OfficeCallError';
export { createOfficeAdapter } from './createOfficeAdapter';
export { nextDialogMessage } from './dialog';
export { associateLaunchHandlers, hostAdapter, launchCompletion, signedInUser, whenOfficeReady, type LaunchEvent } from './officeHost';
export {
  MAX_CANCEL_LABEL, MAX_ERROR_MESSAGE, associateHandlers, completionFor, type CompletableEvent, type LaunchEventCompletion,
  type SendBlock,
} from './smartAlerts';
