/**
 * The Office side of event-based activation: mapping manifest FunctionNames to handlers, and completing
 * a launch event exactly once within Outlook's documented limits. A Smart Alerts handler that never calls
 * `event.completed`, or calls it with an over-long message, leaves the sender stuck.
 */
import { type OfficeNamespace, supportsMailbox } from './officeCall';

/** The subset of Office.MailboxEvent the handlers use. */
export interface CompletableEvent {
  completed(options?: Office.SmartAlertsEventCompletedOptions): void;
}

export interface SendBlock {
  /** Shown in the Smart Alerts dialog; cut to 500 characters. */
  errorMessage: string;
  /** Opens a task pane from the dialog (Mailbox 1.14+; dropped on older clients, which just cancel). */
  action?: {
    /** A manifest Control id on the compose surface, e.g. "Sealpost.OpenTaskpane". */
    commandId: string;
    /** Button text, cut to 20 characters. */
    label?: string;
    /** Passed to the pane; read it with getInitializationContext() and JSON.parse. */
    contextData?: unknown;
  };
}

export interface LaunchEventCompletion {
  /** Lets the send (or other event) proceed. Returns false if the event was already completed. */
  allow(): boolean;
  /** Stops the send and shows the Smart Alerts dialog. Returns false if the event was already completed. */
  block(options: SendBlock): boolean;
  readonly done: boolean;
}

export const MAX_ERROR_MESSAGE = 500;
export const MAX_CANCEL_LABEL = 20;

/**
 * Truncates to `max` UTF-16 units (JavaScript's length, which is what a 500-character limit is checked by), ending
 * with an ellipsis when cut, and never leaving half of a surrogate pair.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

export function completionFor(office: OfficeNamespace, event: CompletableEvent): LaunchEventCompletion {
  let done = false;
  const finish = (options: Office.SmartAlertsEventCompletedOptions) => {
    if (done) return false;
    done = true;
    event.completed(options);
    return true;
  };
  return {
    get done() {
      return done;
    },
    allow: () => finish({ allowEvent: true }),
    block(options) {
      const completion: Office.SmartAlertsEventCompletedOptions = {
        allowEvent: false,
        errorMessage: clip(options.errorMessage, MAX_ERROR_MESSAGE),
      };
      // commandId, cancelLabel and contextData arrived in Mailbox 1.14.
      if (options.action && supportsMailbox(office, '1.14')) {
        completion.commandId = options.action.commandId;
        if (options.action.label) completion.cancelLabel = clip(options.action.label, MAX_CANCEL_LABEL);
        // Windows builds before 2402 accept only a string here, so always send JSON text.
        if (options.action.contextData !== undefined) completion.contextData = JSON.stringify(options.action.contextData);
      }
      return finish(completion);
    },
  };
}

/**
 * Maps each manifest FunctionName to its handler. Required in classic Outlook on Windows (without it a
 * SoftBlock add-in blocks every send) and harmless elsewhere. Runs at script load: Office.onReady is not
 * called in the JavaScript-only runtime.
 */
export function associateHandlers(office: OfficeNamespace, handlers: Record<string, (event: never) => void>): void {
  // Object.keys, not Object.entries: this runs in the ES2016 JavaScript-only runtime.
  for (const name of Object.keys(handlers)) {
    office.actions.associate(name, handlers[name] as (arg?: unknown) => void);
  }
}
