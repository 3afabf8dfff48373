/**
 * A session of its own for a program on the person's device that acts for them without a window: the Outlook
 * send handler, which must apply the organization's rules at Send while the task pane is closed. It gets its own
 * refresh-token family, so its rotations never collide with the pane's (a reused token would sign both out), it is
 * listed and signed out like any session, and it never outlives the session that asked for it: it records that parent,
 * dies with it (sign-out, refresh-token reuse, removal, password reset) and works only while the parent is live.
 */
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { sessionPolicy } from '../policies/sessions';
import { startSession, type ClientInfo, type IssuedTokens } from './sessionIssuer';

export const SEND_HANDLER_AGENT = 'Sealpost for Outlook (send handler)';

export async function startDeviceSession(deps: AppDeps, actor: Actor, client: ClientInfo): Promise<IssuedTokens> {
  if (!sessionPolicy.startDeviceSession(actor)) throw errors.deviceSessionFromDevice();
  return deps.store.transaction((tx) =>
    startSession(tx, deps, {
      accountId: actor.account.id,
      organizationId: actor.session.organizationId,
      client: { userAgent: SEND_HANDLER_AGENT, ip: client.ip },
      expiresAt: actor.session.expiresAt,
      parentSessionId: actor.session.id,
      // The device session stands for the same sign-in: it passed 2-step exactly when its parent did.
      twoStepPassed: actor.session.twoStepAt !== null,
    }),
  );
}
