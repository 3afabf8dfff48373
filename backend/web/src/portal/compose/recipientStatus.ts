/**
 * What the classification of a recipient means for the person writing: the badge it gets, whether sending would
 * invite them (and so needs a confirmation), and whether it stops the message from being sent at all.
 */
import type { BadgeProps } from '@fluentui/react-components';
import type { Classified } from '../api/portalApi';

export interface RecipientStatus {
  label: string;
  color: NonNullable<BadgeProps['color']>;
  /** Sending invites them: the writer must confirm first. */
  invites: 'guest' | 'pro' | null;
  /** Why the message cannot go to them, for the error under the field; null when it can. */
  problem: string | null;
}

export const CHECKING: RecipientStatus = { label: 'Checking…', color: 'subtle', invites: null, problem: null };

/** `participant`: already in the conversation being answered, which guests may reply to whoever they are. */
export function statusOf(entry: Classified | undefined, participant = false): RecipientStatus {
  if (!entry) return CHECKING;
  const email = entry.email ?? entry.input;
  switch (entry.outcome) {
    case 'member_pro':
      return { label: 'Member · staff', color: 'success', invites: null, problem: null };
    case 'member_guest':
      return { label: 'Member · guest', color: 'success', invites: null, problem: null };
    case 'invited':
      return { label: 'Invited, not joined yet', color: 'informative', invites: null, problem: null };
    case 'new_guest':
      return { label: 'Will be invited as guest', color: 'warning', invites: 'guest', problem: null };
    case 'new_pro':
      return { label: 'Will be invited as staff', color: 'warning', invites: 'pro', problem: null };
    case 'self':
      return { label: 'You', color: 'subtle', invites: null, problem: null };
    case 'not_allowed':
      return participant
        ? { label: 'In this conversation', color: 'informative', invites: null, problem: null }
        : { label: 'Not allowed', color: 'danger', invites: null, problem: `As a guest you can write only to staff of this organization: remove ${email}.` };
    case 'blocked':
    case 'removed':
      return { label: 'Cannot receive', color: 'danger', invites: null, problem: `${email} cannot receive messages from this organization: remove them.` };
    default:
      return {
        label: 'Invalid address',
        color: 'danger',
        invites: null,
        problem: `“${entry.input}” is not a usable email address: correct or remove it.`,
      };
  }
}

/** "Dana Reyes <dana@clinic.example>" and "dana@clinic.example" both give the address, in lower case. */
export function addressOf(text: string): string {
  const angled = /<([^<>]+)>/.exec(text)?.[1];
  return (angled ?? text).trim().replace(/^mailto:/i, '').toLowerCase();
}

/** Addresses typed or pasted in one go: separated by commas, semicolons, spaces or line breaks. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    // "Name <address>" keeps its spaces; elsewhere spaces separate addresses.
    .flatMap((part) => (/<[^<>]+>/.test(part) ? [part] : part.split(/\s+/)))
    .map((part) => part.trim())
    .filter(Boolean)
    .map(addressOf)
    .filter(Boolean);
}
