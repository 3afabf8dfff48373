/**
 * The words for a person's standing in an organization, shown in the account menu: their roles when they hold any
 * ("Admin", "User manager"), otherwise what kind of member they are ("Staff", "Guest"). This only names what the
 * server sent; what the person may do comes from the abilities in GET /me.
 */
import type { Membership, Role } from '../api/portalApi';

const ROLE_NAMES: Record<Role, string> = { admin: 'Admin', user_manager: 'User manager' };
const TYPE_NAMES: Record<Membership['type'], string> = { pro: 'Staff', guest: 'Guest' };

export function membershipLabel(membership: Pick<Membership, 'type' | 'roles'>): string {
  // Roles are held only by pros (the server refuses them to guests); admin first, as the broader role.
  const roles = (['admin', 'user_manager'] as const).filter((role) => membership.roles.includes(role));
  return roles.length > 0 ? roles.map((role) => ROLE_NAMES[role]).join(', ') : TYPE_NAMES[membership.type];
}
