/**
 * Where a newly registered person goes: the portal page their invitation link names in ?next= (the message that
 * invited them), but only a /portal page of this very site. The decision is the server's own (http/redirectTarget),
 * bundled into the page, so the sign-in redirect and this one cannot drift apart.
 */
import { redirectTarget } from '../../../src/http/redirectTarget';

export function portalNext(value: string | null | undefined): string | null {
  return redirectTarget(value, { within: '/portal' });
}
