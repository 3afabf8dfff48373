/**
 * The Office global itself, for the three bundle entries (task pane, sign-in dialog, launch events): they start
 * through these functions instead of touching `Office`, so code outside addin/src/office/ sees only the adapter.
 * Each reads the global when it is called, as the entries did.
 */
import type { OfficeAdapter } from './OfficeAdapter';
import { createOfficeAdapter } from './createOfficeAdapter';
import { associateHandlers, completionFor, type LaunchEventCompletion } from './smartAlerts';

/** The event Outlook passes to a launch-event handler. */
export type LaunchEvent = Office.MailboxEvent;

/** Runs `start` once Office.js is ready (task pane and dialog; the launch-event runtime never calls onReady). */
export function whenOfficeReady(start: () => void): void {
  void Office.onReady(() => start());
}

export function hostAdapter(): OfficeAdapter {
  return createOfficeAdapter(Office);
}

/** The signed-in Outlook user's address as the client gives it, or null. */
export function signedInUser(): string | null {
  return Office.context.mailbox?.userProfile?.emailAddress ?? null;
}

export function launchCompletion(event: LaunchEvent): LaunchEventCompletion {
  return completionFor(Office, event);
}

/** Maps the manifest's FunctionNames to their handlers, at script load. */
export function associateLaunchHandlers(handlers: Record<string, (event: LaunchEvent) => void>): void {
  associateHandlers(Office, handlers);
}
