/** Outlook's Microsoft 365 sign-in: a Microsoft access token for Sealpost's API traded for a Sealpost session. */
import { signInWithEntraToken } from '../../commands/entraSignIn';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentTokens } from '../../presenters/tokens';
import { clientInfo } from '../auth/auth.router';

export const entraSignInRoutes = [
  defineRoute(contract.sso.entraSignIn, {
    tag: 'auth',
    summary:
      "Sign in with a Microsoft Entra access token for Sealpost's API (Outlook's nested app authentication). The " +
      'organization is the one whose Microsoft single sign-on pins the token\'s tenant and covers its address; the ' +
      'person must be an active pro there or hold a pending invitation, which is accepted. Answers bearer tokens of a ' +
      'new session. 403 entra_dialog_sign_in_required when the organization requires 2-step verification that the ' +
      "Microsoft sign-in does not meet, or for guests: sign in with the add-in's sign-in window instead. Counted like " +
      'sign-in attempts per client address.',
    auth: 'none',
    errors: [
      'invalid_request', 'rate_limited', 'sso_entra_not_configured', 'entra_keys_unavailable', 'entra_token_malformed',
      'entra_token_algorithm', 'entra_token_unknown_key', 'entra_token_signature', 'entra_token_issuer',
      'entra_token_audience', 'entra_token_expired', 'entra_token_not_yet_valid', 'entra_token_tenant', 'entra_token_version',
      'entra_token_scope', 'entra_token_claims', 'entra_token_client', 'entra_tenant_not_connected', 'sso_not_covered', 'sso_no_invitation',
      'entra_identity_mismatch', 'entra_dialog_sign_in_required', 'access_revoked', 'account_blocked', 'not_a_member',
    ],
    async handler({ body, req, res, deps }) {
      const tokens = await signInWithEntraToken(deps, { ...body, client: clientInfo(req) });
      return presentTokens(res, deps.config, tokens, 'bearer');
    },
  }),
];
