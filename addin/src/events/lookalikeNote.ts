/**
 * Names misdirected-looking recipients in the Smart Alerts message: a first-time recipient whose domain imitates
 * a trusted one (the backend's `lookalike`, backend/src/recipients/lookalike.ts) is said first, because Outlook cuts
 * the message at 500 characters and this is the sentence the sender must not miss.
 */
import type { ClassifiedRecipient } from '@contract/recipients';

const MAX_NAMED = 2;

export function lookalikeNote(classified: ClassifiedRecipient[]): string {
  const suspicious = classified.filter((c) => c.email && c.lookalike);
  if (!suspicious.length) return '';
  const named = suspicious
    .slice(0, MAX_NAMED)
    .map((c) => `${c.email} looks like ${c.lookalike!.resembles} but is not`)
    .join('; ');
  const more = suspicious.length > MAX_NAMED ? ` (and ${suspicious.length - MAX_NAMED} more)` : '';
  return `Check the address: ${named}${more}. `;
}
