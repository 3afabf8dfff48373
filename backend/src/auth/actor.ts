/** Who is acting: the signed-in person in one organization, and how the request reached us (shared by routes and commands). */
import type { SessionContext } from '../store';

export interface Actor extends SessionContext {
  via: 'bearer' | 'cookie';
}

/** The standing a command weighs: a signed-in person, or an API token standing for the admin who made it. */
export type ActingMember = Pick<Actor, 'account' | 'organization' | 'membership'>;
