/**
 * Who is asking: a bearer token (the add-in, API clients) or the session cookie (web pages, with CSRF check).
 * Every request checks the session and membership, read from the database or from the session cache, which forgets
 * an entry on every instance when it changes: sign-out and removal take effect on the next request.
 */
import type { Request } from 'express';
import { verifyAccessToken } from '../auth/tokens';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { assertMayUse, endedSessionError } from '../policies/sessions';
import type { Config } from '../config';
import { checkCsrf, cookieNames, readCookies } from './cookies';
import type { ApiTokenActor } from '../auth/apiTokenActor';
import { authenticateApiToken } from '../commands/apiTokens';

function credentialOf(req: Request, config: Config): { token: string; via: Actor['via'] } | null {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
    if (!match) throw errors.invalidToken();
    return { token: match[1]!, via: 'bearer' };
  }
  const cookie = readCookies(req)[cookieNames(config).access];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

export async function authenticate(req: Request, deps: AppDeps): Promise<Actor> {
  const credential = credentialOf(req, deps.config);
  if (!credential) throw errors.unauthenticated();
  const claims = verifyAccessToken(deps.secrets.jwtSecret, credential.token);
  if (credential.via === 'cookie') checkCsrf(req, deps.secrets.jwtSecret, claims.sid);
  const context = await (deps.sessionCache ?? deps.store.sessions).findLiveContext(claims.sid);
  // A token for another account or a previous organization of this session is stale.
  if (!context) throw endedSessionError(await deps.store.sessions.findEnded(claims.sid), claims.sub);
  if (context.account.id !== claims.sub || context.organization.id !== claims.org) throw errors.sessionRevoked();
  assertMayUse(context.account, context.membership, context.organization.name);
  return { session: context.session, account: context.account, organization: context.organization, membership: context.membership, via: credential.via };
}

/** A SCIM caller: an organization API token of scope `scim` as a bearer token; cookies and sessions count for nothing. */
export async function authenticateScim(req: Request, deps: AppDeps): Promise<ApiTokenActor> {
  const header = req.get('authorization');
  if (!header) throw errors.unauthenticated();
  const match = /^Bearer ([A-Za-z0-9._-]{1,200})$/.exec(header);
  if (!match) throw errors.invalidApiToken();
  return authenticateApiToken(deps, match[1]!, 'scim');
}
