/**
 * The words for a person's standing in an organization, shown in the account menu: their roles when they hold any
 * ("Admin", "User manager"), otherwise what kind of member they are ("Staff", "Guest"). This only names what the
 * server sent; what the person may do comes from the abilities in GET /me.
 */
import type { Membership, Role } from '../api/portalApi';

const ROLE_NAMES: Record<Role, string> = { admin: 'Admin', user_manager: 'User manager' };

export function membershipLabel(membership: Pick<Membership, 'type' | 'roles'>): string {
  if (membership.type === 'pro' && membership.roles.length > 0) {
    // Admin first: it is the broader role.
    const ordered = (['admin', 'user_manager'] as const).filter((role) => membership.roles.includes(role));
    return ordered.map((role) => ROLE_NAMES[role]).join(', ');
  }
  return membership.type === 'pro' ? 'Staff' : 'Guest';
}
