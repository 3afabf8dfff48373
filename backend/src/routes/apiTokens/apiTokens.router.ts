/** The organization's API tokens: list the live ones, create one (its secret shown once), revoke one. */
import { createApiToken, listApiTokens, revokeApiToken } from '../../commands/apiTokens';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentApiToken } from '../../presenters/apiTokens';

export const apiTokenRoutes = [
  defineRoute(contract.apiTokens.list, {
    tag: 'api-tokens',
    summary: "The organization's live API tokens (never their secrets), with who made each and when it was last used.",
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return { tokens: (await listApiTokens(deps, actor)).map(presentApiToken) };
    },
  }),
  defineRoute(contract.apiTokens.create, {
    tag: 'api-tokens',
    summary: 'Create an API token with a name and scopes; the answer holds the token, shown this once.',
    auth: 'session',
    errors: ['forbidden', 'invalid_request'],
    async handler({ actor, body, deps }) {
      const { token, secret } = await createApiToken(deps, actor, body);
      return { ...presentApiToken(token), token: secret };
    },
  }),
  defineRoute(contract.apiTokens.revoke, {
    tag: 'api-tokens',
    summary: 'Revoke an API token: the next request made with it is refused.',
    auth: 'session',
    errors: ['forbidden', 'not_found'],
    async handler({ actor, params, deps }) {
      await revokeApiToken(deps, actor, params.tokenId);
    },
  }),
];
