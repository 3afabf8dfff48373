/**
 * Who may start which session from the one they hold. A device session stands for the sign-in that started it, so
 * only a session someone signed in to may start one: a device session cannot start another and so outlive its parent.
 */
import type { Session } from '../store';

export const sessionPolicy = {
  startDeviceSession: (actor: { session: Pick<Session, 'parentSessionId'> }) => actor.session.parentSessionId === null,
};
