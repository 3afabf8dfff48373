/**
 * Which issuer addresses an organization may give for its OpenID provider: https, or plain http to this machine only
 * (a provider under test, which the relying party also accepts only with allowLoopbackHttp). Sealpost fetches the
 * provider's discovery document from this address, so it must name a host, and nothing else.
 */
import { ssoErrors } from '../errors';
import { isLoopbackHost } from '../http/loopback';

export function checkedIssuer(issuer: string | undefined): string {
  if (!issuer) throw ssoErrors.invalidSettings('An OpenID provider needs its issuer address, e.g. https://accounts.google.com.');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw ssoErrors.invalidSettings('The issuer is not a web address. Copy it from your provider, e.g. https://accounts.google.com.');
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if ((url.protocol !== 'https:' && !loopbackHttp) || url.username || url.password || url.search || url.hash) {
    throw ssoErrors.invalidSettings('The issuer must be an https address without a query, e.g. https://accounts.google.com.');
  }
  return issuer;
}
