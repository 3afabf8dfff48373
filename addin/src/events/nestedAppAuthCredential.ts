/**
 * The send handler's first credential source: a Microsoft Entra token from nested app authentication (silent only:
 * no prompt may come from an event handler), traded at POST /api/v1/auth/entra for a Sealpost session. It needs no
 * pane and no stored secret. The Sealpost access token is kept in memory while it is fresh, so consecutive sends
 * from a runtime that stays loaded reuse one session; nothing of it is written to the device.
 * When NAA gives nothing (client without it, Entra wants the user, no SSO for the tenant, Sealpost refuses), the
 * handler's other sources apply (handlerSession.ts) and, with none, the send is blocked by the existing policy.
 */
import { ApiError } from '../api/http';
import type { SealpostApi } from '../api/sealpostApi';
import type { EntraTokenSource } from '../office/nestedAppAuth';
import { EXPIRY_MARGIN_MS, type CredentialSource, type HandlerCredential } from './handlerSession';

export interface NestedAppAuthCredentialDeps {
  entra: EntraTokenSource | null;
  /** Where Sealpost's API is, as this build or runtime knows it; null when it cannot know. */
  apiBase: string | null;
  apiFor(baseUrl: string): SealpostApi;
  now(): number;
}

export function nestedAppAuthCredential(deps: NestedAppAuthCredentialDeps): CredentialSource {
  // per Outlook account: a runtime that serves several accounts must not hand one account's session to another
  let held: { accessToken: string; expiresAt: number; apiBase: string; owner: string } | null = null;

  return {
    name: 'nested_app_auth',
    async credential(owner: string | null): Promise<HandlerCredential | null> {
      const { entra, apiBase } = deps;
      if (!entra || !apiBase) return null;
      const account = owner?.trim().toLowerCase() ?? '';
      if (held && held.apiBase === apiBase && held.owner === account && held.expiresAt - deps.now() > EXPIRY_MARGIN_MS) {
        return { accessToken: held.accessToken, apiBase };
      }
      held = null;
      const entraToken = await entra.token({ interactive: false });
      if (!('accessToken' in entraToken)) return null;
      try {
        const tokens = await deps.apiFor(apiBase).exchangeEntraToken(entraToken.accessToken);
        held = { accessToken: tokens.accessToken, expiresAt: deps.now() + tokens.expiresIn * 1000, apiBase, owner: account };
        return { accessToken: tokens.accessToken, apiBase };
      } catch (error) {
        // A refusal (no SSO for this tenant, token refused, "use the dialog sign-in"): the other sources decide.
        if (error instanceof ApiError && !error.unreachable) return null;
        throw error;
      }
    },
  };
}
