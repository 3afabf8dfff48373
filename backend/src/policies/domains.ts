/**
 * Who may do what with the organization's claimed domains: admins manage them; user managers may look, because
 * verified domains decide who can be provisioned. Guests never, whatever flags their membership carries.
 */
import { errors } from '../errors';
import type { Actor } from '../auth/actor';

export type DomainAction = 'list' | 'manage';

export function authorizeDomains(actor: Actor, action: DomainAction): void {
  const { membership } = actor;
  const pro = membership.type === 'pro' && membership.status === 'active';
  if (action === 'list') {
    if (pro && (membership.isAdmin || membership.isUserManager)) return;
    throw errors.forbidden("You need the admin or user manager role to see your organization's domains.");
  }
  if (pro && membership.isAdmin) return;
  throw errors.forbidden('You need the admin role to manage domains.');
}
