/**
 * The LaunchEvent Type names Office documents for the add-in-only (XML) manifest.
 * The XSD types the attribute as a free string, so a typo such as "OnMesageSend" validates and then
 * silently never fires; this list is what the structural check compares against.
 * Source: "Activate add-ins with events" (learn.microsoft.com/office/dev/add-ins/develop/event-based-activation), with
 * the Mailbox requirement set that introduced each event (null: none released, or not Outlook).
 */
export const LAUNCH_EVENT_MAILBOX: ReadonlyMap<string, string | null> = new Map([
  // Mailbox 1.10
  ['OnNewMessageCompose', '1.10'],
  ['OnNewAppointmentOrganizer', '1.10'],
  // Mailbox 1.11 ("Outlook add-in API requirement set 1.11": new events for event-based activation)
  ['OnMessageAttachmentsChanged', '1.11'],
  ['OnAppointmentAttachmentsChanged', '1.11'],
  ['OnMessageRecipientsChanged', '1.11'],
  ['OnAppointmentAttendeesChanged', '1.11'],
  ['OnAppointmentTimeChanged', '1.11'],
  ['OnAppointmentRecurrenceChanged', '1.11'],
  ['OnInfoBarDismissClicked', '1.11'],
  // Mailbox 1.12 (Smart Alerts: "The OnMessageSend and OnAppointmentSend events were introduced in requirement set 1.12")
  ['OnMessageSend', '1.12'],
  ['OnAppointmentSend', '1.12'],
  ['OnMessageCompose', '1.12'],
  ['OnAppointmentOrganizer', '1.12'],
  // Mailbox 1.13
  ['OnMessageFromChanged', '1.13'],
  ['OnAppointmentFromChanged', '1.13'],
  ['OnSensitivityLabelChanged', '1.13'],
  // Preview, classic Outlook on Windows only: no released Mailbox level
  ['OnMessageReadWithCustomAttachment', null],
  ['OnMessageReadWithCustomHeader', null],
  ['OnMessageRead', null],
  // Excel, PowerPoint, Word
  ['OnDocumentOpened', null],
]);

/** Every known LaunchEvent Type. */
export const LAUNCH_EVENT_TYPES: ReadonlySet<string> = new Set(LAUNCH_EVENT_MAILBOX.keys());

/** Only these events may carry SendMode, and each may be declared once per add-in. */
export const SEND_EVENT_TYPES: ReadonlySet<string> = new Set(['OnMessageSend', 'OnAppointmentSend']);

/** Closest known name, for "did you mean" hints on typos. */
export function suggestLaunchEvent(type: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of LAUNCH_EVENT_TYPES) {
    const distance = editDistance(type.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= 3 ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, substitution));
    }
    prev = row;
  }
  return prev[b.length]!;
}
