/**
 * Who may do what with the organization's claimed domains: admins manage them; user managers may look, because
 * verified domains decide who can be provisioned. Guests never, whatever flags their membership carries.
 */
import { isAdmin, managesUsers } from './roles';
import { ALLOWED, refuse, type PolicyActor, type Verdict } from './verdict';

export const domainRules = {
  list: (actor: PolicyActor): Verdict =>
    managesUsers(actor) ? ALLOWED : refuse('forbidden', "You need the admin or user manager role to see your organization's domains."),
  manage: (actor: PolicyActor): Verdict => (isAdmin(actor) ? ALLOWED : refuse('forbidden', 'You need the admin role to manage domains.')),
};
