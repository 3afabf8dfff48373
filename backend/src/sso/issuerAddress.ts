/**
 * Which issuer addresses an organization may give for its OpenID provider: https, or, in embedded mode only, plain
 * http to this machine (a provider under test; the relying party accepts it only then too). Sealpost fetches the
 * provider's discovery document from this address, so it must name a host, and nothing else.
 */
import { ssoErrors } from '../signOnErrors';
import { isLoopbackHost } from '../http/loopback';

export function checkedIssuer(issuer: string | undefined, options: { allowLoopbackHttp: boolean }): string {
  if (!issuer) throw ssoErrors.invalidSettings('issuer', 'An OpenID provider needs its issuer address, e.g. https://accounts.google.com.');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw ssoErrors.invalidSettings('issuer', 'The issuer is not a web address. Copy it from your provider, e.g. https://accounts.google.com.');
  }
  const loopbackHttp = options.allowLoopbackHttp && url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if ((url.protocol !== 'https:' && !loopbackHttp) || url.username || url.password || url.search || url.hash) {
    throw ssoErrors.invalidSettings('issuer', 'The issuer must be an https address without a query, e.g. https://accounts.google.com.');
  }
  return issuer;
}
