/**
 * Office's part of nested app authentication, simulated: the `window.nestedAppAuthBridge` an NAA-capable Outlook puts
 * in the add-in's runtime, answering MSAL the way msal-browser 3.x talks to it (naa/BridgeProxy.mjs): JSON strings
 * through `postMessage`, answers to the `message` listener, requests `GetInitContext`, `GetToken` (silent) and
 * `GetTokenPopup` (interactive), each answered `{messageType: "NestedAppAuthResponse", requestId, success, …}`;
 * refusals carry a BridgeError status (USER_INTERACTION_REQUIRED, USER_CANCEL, DISABLED …) that MSAL maps to its
 * errors (naa/mapping/NestedAppAuthAdapter.mjs). Tokens are shaped like Entra's v2.0 tokens for the requesting app
 * (`aud` = its client id, `scp` = the scopes asked for, `tid`/`oid`/`preferred_username` of the Outlook account) and
 * signed by whatever the test trusts (`sign`): the backend under test checks them against its loopback key set.
 */

/** The Microsoft 365 account Outlook is signed in to. */
export interface OutlookAccount {
  tenantId: string;
  objectId: string;
  email: string;
  name: string;
}

export interface NestedAppAuthModel {
  account: OutlookAccount;
  /** What a silent request gets: a token, or Entra needs the person (consent, MFA, conditional access). */
  silent: 'token' | 'interaction_required' | 'disabled';
  /** What a Microsoft prompt ends with. */
  popup: 'token' | 'user_cancel';
  /** Signs claims as Entra would (RS256 with the test's published key). */
  sign(claims: Record<string, unknown>): Promise<string>;
  /** Seconds the access token lives (Entra: 60–90 minutes). */
  lifetimeSeconds?: number;
}

/** One request MSAL made, as the host saw it. */
export interface BridgeRequestSeen {
  method: string;
  clientId?: string;
  scope?: string;
}

export interface SimulatedBridge {
  addEventListener(name: string, callback: (response: string) => void): void;
  removeEventListener(name: string, callback: (response: string) => void): void;
  postMessage(message: string): void;
}

const ENVIRONMENT = 'login.microsoftonline.com';

/**
 * The host's side: one message from MSAL in, the answer to hand its listener out (null for a message that is not a
 * bridge request). The browser simulator calls it from the bridge officeShim.js defines; node tests through the
 * bridge object below.
 */
export function nestedAppAuthHost(model: NestedAppAuthModel): { answer(message: string): Promise<string | null>; requests: BridgeRequestSeen[] } {
  const requests: BridgeRequestSeen[] = [];
  const homeAccountId = () => `${model.account.objectId}.${model.account.tenantId}`;
  let reply: string | null = null;
  const answer = (response: Record<string, unknown>) => {
    reply = JSON.stringify({ messageType: 'NestedAppAuthResponse', ...response });
  };

  async function token(clientId: string, scope: string) {
    const { account } = model;
    const iat = Math.floor(Date.now() / 1000) - 5;
    const lifetime = model.lifetimeSeconds ?? 3600;
    const common = { iss: `https://${ENVIRONMENT}/${account.tenantId}/v2.0`, iat, nbf: iat, exp: iat + lifetime, tid: account.tenantId, oid: account.objectId, ver: '2.0' };
    const accessToken = await model.sign({
      ...common, aud: clientId, azp: clientId, azpacr: '0', scp: scope.split(' ').map((s) => s.slice(s.lastIndexOf('/') + 1)).join(' '),
      sub: `sub-${account.objectId}`, name: account.name, preferred_username: account.email, uti: `uti-${Math.random().toString(36).slice(2)}`,
    });
    const idToken = await model.sign({ ...common, aud: clientId, sub: `sub-${account.objectId}`, name: account.name, preferred_username: account.email });
    return {
      token: { access_token: accessToken, expires_in: lifetime, id_token: idToken, properties: null, scope },
      account: { homeAccountId: homeAccountId(), environment: ENVIRONMENT, tenantId: account.tenantId, username: account.email, localAccountId: account.objectId, name: account.name },
    };
  }

  async function handle(raw: string): Promise<void> {
    const request = JSON.parse(raw) as { messageType?: string; method?: string; requestId?: string; tokenParams?: { clientId?: string; scope?: string } };
    if (request.messageType !== 'NestedAppAuthRequest' || typeof request.requestId !== 'string') return;
    const { requestId } = request;
    requests.push({ method: String(request.method), clientId: request.tokenParams?.clientId, scope: request.tokenParams?.scope });
    if (request.method === 'GetInitContext') {
      return answer({
        requestId, success: true,
        initContext: {
          sdkName: 'Outlook (simulated host)', sdkVersion: '1.0.0',
          accountContext: { homeAccountId: homeAccountId(), environment: ENVIRONMENT, tenantId: model.account.tenantId },
          capabilities: { queryAccount: false },
        },
      });
    }
    const { clientId = '', scope = '' } = request.tokenParams ?? {};
    const refuse = (status: string, code: string, description: string) => answer({ requestId, success: false, error: { status, code, description } });
    if (request.method === 'GetToken') {
      if (model.silent === 'disabled') return refuse('DISABLED', 'nested_app_auth_disabled', 'Nested app authentication is turned off for this add-in.');
      if (model.silent === 'interaction_required') return refuse('USER_INTERACTION_REQUIRED', 'interaction_required', 'AADSTS65001: The user has not consented.');
      return answer({ requestId, success: true, ...(await token(clientId, scope)) });
    }
    if (request.method === 'GetTokenPopup') {
      if (model.popup === 'user_cancel') return refuse('USER_CANCEL', 'user_cancelled', 'The person closed the Microsoft sign-in.');
      return answer({ requestId, success: true, ...(await token(clientId, scope)) });
    }
    return refuse('PERSISTENT_ERROR', 'unsupported_method', `Unknown bridge method ${String(request.method)}.`);
  }

  return {
    requests,
    async answer(message) {
      reply = null;
      await handle(message);
      return reply;
    },
  };
}

/** The bridge object a host puts at `window.nestedAppAuthBridge`, answering through nestedAppAuthHost. */
export function createNestedAppAuthBridge(model: NestedAppAuthModel): { bridge: SimulatedBridge; requests: BridgeRequestSeen[] } {
  const host = nestedAppAuthHost(model);
  const listeners = new Set<(response: string) => void>();
  return {
    requests: host.requests,
    bridge: {
      addEventListener: (_name, callback) => void listeners.add(callback),
      removeEventListener: (_name, callback) => void listeners.delete(callback),
      // The host answers asynchronously, as a real bridge does across processes.
      postMessage: (message) =>
        void setTimeout(async () => {
          const text = await host.answer(message);
          if (text) for (const listener of listeners) listener(text);
        }, 0),
    },
  };
}
