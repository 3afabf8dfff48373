/** How the portal writes dates, sizes, people and unavailable messages, in the reader's locale. */
import type { Person, Unavailable } from './api/portalApi';

const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayThisYear = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const day = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** Short, for lists: the time today, the day this year, the full date before. */
export function shortWhen(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return time.format(date);
  return date.getFullYear() === now.getFullYear() ? dayThisYear.format(date) : day.format(date);
}

export const fullWhen = (iso: string) => full.format(new Date(iso));
export const dayOf = (iso: string) => day.format(new Date(iso));

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "Recalled by Dana Reyes on Nov 23, 2026. Reason: Sent in error", or when it expired, or what happened to the message a forward forwards. */
export function unavailableSentence(u: Unavailable): string {
  if (u.forwarded) {
    return u.reason === 'expired'
      ? `The forwarded message expired on ${dayOf(u.at)}, so this one can no longer be opened.`
      : `The forwarded message was recalled by ${u.by ?? 'its sender'} on ${dayOf(u.at)}, so this one can no longer be opened.`;
  }
  if (u.reason === 'expired') return `This message expired on ${dayOf(u.at)} and can no longer be opened.`;
  return `Recalled by ${u.by ?? 'the sender'} on ${dayOf(u.at)}.${u.note ? ` Reason: ${u.note}` : ''}`;
}

/** "Robin Client, Gil Guest +2": who a message went to, the first few names and how many more. */
export function recipientNames(people: Person[], shown = 2): string {
  const names = people.map((p) => p.name || p.email);
  if (names.length === 0) return 'No recipients';
  return names.length > shown ? `${names.slice(0, shown).join(', ')} +${names.length - shown}` : names.join(', ');
}

export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

/** A subject for display: recalled and subject-less messages still need words. */
export function subjectOf(subject: string | null, unavailable: Unavailable | null): string {
  if (subject === null) return unavailable?.reason === 'expired' ? 'Expired message' : 'Recalled message';
  return subject.trim() || '(no subject)';
}
