/** How each recipient status looks in the pane: a short badge text, its colour, and a sentence for the review. */
import type { BadgeProps } from '@fluentui/react-components';
import type { Outcome } from '@contract/errors';
import type { RecipientStatus } from '../../../recipients/review';

export interface StatusLook {
  label: string;
  color: NonNullable<BadgeProps['color']>;
  /** Longer explanation, read out with the badge. */
  hint: string;
}

/** A new recipient Outlook could not type as a person: the sender confirms it is one before it is invited. */
const MAYBE_LIST = ' Outlook could not tell whether this is one person or a list: invite only one person, never a list.';

export function statusLook(status: RecipientStatus, outcome: Outcome | null, maybeList = false): StatusLook {
  const look = baseLook(status, outcome);
  return maybeList && status.startsWith('new_') ? { ...look, hint: look.hint + MAYBE_LIST } : look;
}

function baseLook(status: RecipientStatus, outcome: Outcome | null): StatusLook {
  switch (status) {
    case 'pending':
      return { label: 'Checking…', color: 'subtle', hint: 'Sealpost is checking this recipient.' };
    case 'member':
      return outcome === 'member_pro'
        ? { label: 'Member', color: 'brand', hint: 'A member of your organization.' }
        : { label: 'Guest', color: 'informative', hint: 'A guest of your organization: reads in the portal.' };
    case 'invited':
      return { label: 'Invited', color: 'informative', hint: 'Already invited; reads the message after signing up.' };
    case 'self':
      return { label: 'You', color: 'subtle', hint: 'You get a copy in your Sealpost sent items.' };
    case 'new_unconfirmed':
      return { label: 'New', color: 'warning', hint: `New to Sealpost: confirm to invite them as ${outcome === 'new_pro' ? 'a pro' : 'a guest'}.` };
    case 'new_confirmed':
      return { label: 'Will invite', color: 'success', hint: `Will be invited as ${outcome === 'new_pro' ? 'a pro' : 'a guest'} when you send.` };
    case 'new_skipped':
      return { label: 'Not invited', color: 'severe', hint: 'You chose not to invite them: remove them from the message.' };
    case 'cannot_receive':
      return { label: 'Cannot receive', color: 'danger', hint: 'Sealpost cannot deliver to this person: remove them from the message.' };
    case 'distribution_list':
      return { label: 'List', color: 'danger', hint: 'A distribution list or contact group: Sealpost never invites a list. Add the people on it yourself, then remove the list.' };
    case 'unusable':
      return { label: 'No address', color: 'danger', hint: 'No usable email address: expand the group or fix the address.' };
  }
}
