/** The sign-in page's first question: does this email address sign in through an identity provider? */
import { discoverSso } from '../../commands/ssoSignIn';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentSsoDiscovery } from '../../presenters/sso';

export const ssoDiscoverRoutes = [
  defineRoute(contract.sso.discover, {
    tag: 'auth',
    summary:
      "Whether an address signs in through its organization's identity provider, and where to start. Depends only on " +
      "the address's domain (the same answer whether or not the address has an account); counted like sign-in attempts.",
    auth: 'none',
    errors: ['invalid_request', 'rate_limited'],
    async handler({ body, req, deps }) {
      const provider = await discoverSso(deps, body.email, req.ip ?? null);
      return presentSsoDiscovery(deps.config.publicUrl!, body.email, provider);
    },
  }),
];
