/** How the admin page writes dates, money and member states. */
import type { MemberState } from '@contract/members';

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export const formatDateTime = (iso: string | null | undefined, never = 'Never') => (iso ? dateTime.format(new Date(iso)) : never);
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

export function formatMoney(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

export const STATE_LABELS: Record<MemberState, string> = {
  invited: 'Invited',
  registered: 'Registered',
  verified: '2-step verified',
  removed: 'Removed',
  blocked: 'Blocked',
};

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
