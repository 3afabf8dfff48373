/**
 * Drafts are the writer's own: any active member keeps drafts while writing, and sees and deletes only their own
 * (the store's queries name the account, so there is no one else's draft to reach).
 */
import { ALLOWED, refuse, type PolicyActor, type Verdict } from './verdict';

export const draftRules = {
  keep: (actor: PolicyActor): Verdict =>
    actor.membership.status === 'active' ? ALLOWED : refuse('forbidden', 'You need to be an active member of the organization to keep drafts.'),
};
