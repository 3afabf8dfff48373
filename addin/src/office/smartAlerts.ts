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
  /**
   * What the sender does next. On Mailbox 1.14+ a dialog button opens the pane; below 1.14 Outlook has no such button
   * (commandId, contextData and cancelLabel are "API set: Mailbox 1.14" in the reference), so the dialog tells the
   * sender to open Sealpost from the ribbon instead. The block stops the send either way.
   */
  action?: {
    /** A manifest Control id on the compose surface, e.g. "Sealpost.OpenTaskpane". */
    commandId: string;
    /** Button text, cut to 20 characters. */
    label?: string;
    /** Passed to the pane; read it with getInitializationContext() and JSON.parse. */
    contextData?: unknown;
    /** Appended to errorMessage: the sentence naming the dialog button (1.14+) or the ribbon button (below). */
    nextStep: NextStep;
  };
}

export interface LaunchEventCompletion {
  /** Lets the send (or other event) proceed. Returns false if the event was already completed. */
  allow(): boolean;
  /** Stops the send and shows the Smart Alerts dialog. Returns false if the event was already completed. */
  block(options: SendBlock): boolean;
  readonly done: boolean;
}

export interface NextStep {
  /** e.g. "Choose Sign in, then send again." */
  withButton: string;
  /** e.g. 'Open Sealpost with "Send securely" on the ribbon, sign in, then send again.' */
  fromRibbon: string;
}

/** The Mailbox level from which the Smart Alerts dialog can carry a button that opens the pane. */
export const ALERT_BUTTON_MAILBOX = '1.14';

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
      const { action } = options;
      if (!action) return finish({ allowEvent: false, errorMessage: clip(options.errorMessage, MAX_ERROR_MESSAGE) });
      // commandId, cancelLabel and contextData arrived in Mailbox 1.14; below it the sentence names the ribbon button.
      if (!supportsMailbox(office, ALERT_BUTTON_MAILBOX)) {
        return finish({ allowEvent: false, errorMessage: withNextStep(options.errorMessage, action.nextStep.fromRibbon) });
      }
      const completion: Office.SmartAlertsEventCompletedOptions = {
        allowEvent: false,
        errorMessage: withNextStep(options.errorMessage, action.nextStep.withButton),
        commandId: action.commandId,
      };
      if (action.label) completion.cancelLabel = clip(action.label, MAX_CANCEL_LABEL);
      // Windows builds before 2402 accept only a string here, so always send JSON text.
      if (action.contextData !== undefined) completion.contextData = JSON.stringify(action.contextData);
      return finish(completion);
    },
  };
}

/** The message, cut so that the next step (which the sender needs to get on) always shows in full. */
function withNextStep(message: string, step: string): string {
  return `${clip(message, MAX_ERROR_MESSAGE - step.length - 1)} ${step}`;
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
