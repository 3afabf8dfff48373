/**
 * The Office dialog API (sign-in and other pages that need their own window), both sides:
 * the opener gets a DialogHandle with buffered messages and a close signal; the dialog page uses
 * messageParent. Office forbids dialogs in Smart Alerts handlers, so only the task pane opens them.
 */
import type { DialogHandle, DialogOptions } from './OfficeAdapter';
import { OfficeCallError } from './OfficeCallError';
import { type OfficeNamespace, officeCall, requireMethod } from './officeCall';

/** What the documented DialogEventReceived codes mean for the user. */
const DIALOG_CODES: Record<number, string> = {
  12002: 'the dialog page could not be loaded',
  12003: 'the dialog page must be served over https',
  12006: 'the dialog was closed',
};

export function createDialogApi(office: OfficeNamespace) {
  return {
    async openDialog(url: string, options: DialogOptions): Promise<DialogHandle> {
      const operation = 'ui.displayDialogAsync';
      requireMethod(office.context?.ui, 'displayDialogAsync', operation);
      const dialog = await officeCall<Office.Dialog>(office, operation, (cb) =>
        office.context.ui.displayDialogAsync(
          url,
          { width: options.widthPercent, height: options.heightPercent, displayInIframe: options.displayInIframe ?? false },
          cb,
        ),
      );
      return wrapDialog(office, dialog);
    },

    messageParent(message: string, targetOrigin?: string): void {
      const operation = 'ui.messageParent';
      requireMethod(office.context?.ui, 'messageParent', operation);
      try {
        office.context.ui.messageParent(message, targetOrigin ? { targetOrigin } : undefined);
      } catch (error) {
        throw new OfficeCallError(operation, 'threw', error instanceof Error ? error.message : String(error));
      }
    },
  };
}

function wrapDialog(office: OfficeNamespace, dialog: Office.Dialog): DialogHandle {
  // Events are queued until a listener arrives, so nothing sent between open and subscription is lost.
  const messages: [string, string | undefined][] = [];
  let ended: OfficeCallError | undefined;
  let messageListeners: ((message: string, origin: string | undefined) => void)[] = [];
  let closeListeners: ((error: OfficeCallError) => void)[] = [];
  let closedByUs = false;

  const end = (code: number) => {
    if (ended || closedByUs) return;
    const reason = DIALOG_CODES[code] ?? `the dialog ended (Office code ${code})`;
    ended = new OfficeCallError('dialog', 'dialog_closed', reason, code);
    closeListeners.forEach((l) => l(ended!));
  };
  const receive = (args: { message: string; origin: string | undefined } | { error: number }) => {
    if ('error' in args) return end(args.error);
    messages.push([args.message, args.origin]);
    messageListeners.forEach((l) => l(args.message, args.origin));
  };
  dialog.addEventHandler(office.EventType.DialogMessageReceived, receive);
  dialog.addEventHandler(office.EventType.DialogEventReceived, receive);

  return {
    onMessage(listener) {
      messageListeners = [...messageListeners, listener];
      messages.forEach(([m, o]) => listener(m, o));
    },
    onClosed(listener) {
      closeListeners = [...closeListeners, listener];
      if (ended) listener(ended);
    },
    close() {
      if (closedByUs) return;
      closedByUs = true;
      dialog.close();
    },
  };
}

/** Resolves with the dialog's first message and closes it; rejects if the dialog ends first. */
export function nextDialogMessage(handle: DialogHandle): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    handle.onMessage((message) => {
      if (settled) return;
      settled = true;
      handle.close();
      resolve(message);
    });
    handle.onClosed((error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
  });
}
