/**
 * What Outlook refuses in event.completed, checked loudly by the host simulator. Source of each rule:
 * Office.SmartAlertsEventCompletedOptions (https://learn.microsoft.com/javascript/api/outlook/office.smartalertseventcompletedoptions):
 * - errorMessage (and errorMessageMarkdown) "must be 500 characters or less";
 * - cancelLabel: "Custom text must be 20 characters or less" (Mailbox 1.14);
 * - commandId "must match the task pane or function ID specified in the manifest" (the Control id; Mailbox 1.14);
 * - contextData: "you must also assign a task pane or function ID to the commandId option. Otherwise, the JSON data
 *   … is ignored"; before classic Windows Version 2402 "only the string type is supported" (the strictest is kept);
 * - sendModeOverride "can only be set to the prompt user option";
 * - cancelLabel and contextData: "[ API set: Mailbox 1.14 ]"; commandId: "Mailbox 1.14 (task pane support), Mailbox
 *   1.15 (function command support)"; the interface itself is Mailbox 1.12. A client below 1.14 has no button to show,
 *   so the simulator refuses each of them there rather than ignore it: sending them to Outlook on Mac (1.13) is wrong.
 * "A blocked send needs an errorMessage" is Sealpost's own rule: Outlook would show "<Add-in name> is preventing this
 * email from being sent.", which tells the sender nothing to act on.
 */

export interface CompletedOptions {
  allowEvent?: boolean;
  errorMessage?: string;
  errorMessageMarkdown?: string;
  cancelLabel?: string;
  commandId?: string;
  contextData?: unknown;
  sendModeOverride?: string;
}

export function sendCompletionProblems(options: CompletedOptions | null, facts: { composeCommandIds: string[]; mailboxVersion: string }): string[] {
  if (!options || typeof options.allowEvent !== 'boolean') return ['OnMessageSend completed without allowEvent: Outlook cannot tell whether to send'];
  const problems: string[] = [];
  const atLeast = (v: string) => Number(facts.mailboxVersion.split('.')[1]) >= Number(v.split('.')[1]);
  if (options.errorMessage !== undefined) {
    if (typeof options.errorMessage !== 'string') problems.push('errorMessage must be a string');
    else if (options.errorMessage.length > 500) problems.push(`errorMessage is ${options.errorMessage.length} characters; Outlook allows 500`);
  }
  if (options.errorMessageMarkdown !== undefined && String(options.errorMessageMarkdown).length > 500) {
    problems.push(`errorMessageMarkdown is ${String(options.errorMessageMarkdown).length} characters; Outlook allows 500`);
  }
  if (!options.allowEvent && !options.errorMessage) problems.push('a blocked send needs an errorMessage to show');
  for (const name of ['commandId', 'contextData', 'cancelLabel'] as const) {
    if (options[name] !== undefined && !atLeast('1.14')) problems.push(`${name} needs Mailbox 1.14; this client reports ${facts.mailboxVersion}`);
  }
  if (options.cancelLabel !== undefined) {
    if (options.cancelLabel.length > 20) problems.push(`cancelLabel "${options.cancelLabel}" is ${options.cancelLabel.length} characters; Outlook allows 20`);
    if (!options.commandId) problems.push('cancelLabel needs a commandId');
  }
  if (options.commandId !== undefined) {
    if (!facts.composeCommandIds.includes(options.commandId)) {
      problems.push(`commandId "${options.commandId}" names no compose control in manifest.xml (${facts.composeCommandIds.join(', ')})`);
    }
    if (options.allowEvent) problems.push('commandId only applies to a blocked send');
  }
  if (options.contextData !== undefined && typeof options.contextData !== 'string') problems.push('contextData must be a string (JSON text)');
  if (options.contextData !== undefined && !options.commandId) problems.push('contextData without a commandId is ignored by Outlook');
  if (options.sendModeOverride !== undefined && options.sendModeOverride !== 'promptUser') {
    problems.push(`sendModeOverride "${options.sendModeOverride}": Outlook accepts only "promptUser"`);
  }
  return problems;
}

/** The alert as a client below Mailbox 1.14 shows it: the message only. */
export function withoutButton(options: CompletedOptions): CompletedOptions {
  const { commandId: _commandId, cancelLabel: _cancelLabel, contextData: _contextData, ...shown } = options;
  return shown;
}
