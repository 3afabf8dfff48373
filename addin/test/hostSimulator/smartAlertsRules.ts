/**
 * What Outlook refuses in event.completed, checked loudly by the host simulator: Smart Alerts limits
 * (errorMessage ≤ 500, cancelLabel ≤ 20), a commandId that must name a compose-surface control in manifest.xml,
 * options that need Mailbox 1.14, and contextData that must be text.
 */

export interface CompletedOptions {
  allowEvent?: boolean;
  errorMessage?: string;
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
  if (!options.allowEvent && !options.errorMessage) problems.push('a blocked send needs an errorMessage to show');
  if (options.cancelLabel !== undefined) {
    if (options.cancelLabel.length > 20) problems.push(`cancelLabel "${options.cancelLabel}" is ${options.cancelLabel.length} characters; Outlook allows 20`);
    if (!options.commandId) problems.push('cancelLabel needs a commandId');
  }
  if (options.commandId !== undefined) {
    if (!atLeast('1.14')) problems.push('commandId needs Mailbox 1.14');
    if (!facts.composeCommandIds.includes(options.commandId)) {
      problems.push(`commandId "${options.commandId}" names no compose control in manifest.xml (${facts.composeCommandIds.join(', ')})`);
    }
    if (options.allowEvent) problems.push('commandId only applies to a blocked send');
  }
  if (options.contextData !== undefined && typeof options.contextData !== 'string') problems.push('contextData must be a string (JSON text)');
  return problems;
}
