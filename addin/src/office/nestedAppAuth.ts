/**
 * Nested app authentication (NAA): a Microsoft Entra access token for Sealpost's API, from the Microsoft 365 account
 * Outlook is signed in to, through MSAL's nestable public client. The backend trades it for a Sealpost session
 * (POST /api/v1/auth/entra), so neither the pane nor the send handler needs a Sealpost password.
 *
 * Microsoft's facts this follows:
 * - Which clients: the `NestedAppAuth` 1.1 requirement set, checked with `isSetSupported('NestedAppAuth', '1.1')`:
 *   Outlook on the web and new Outlook, classic Windows from Version 2409 (Build 18025.20000; retail perpetual 2501,
 *   LTSC 2408), Mac 16.89, iOS/Android v4.2433.0; not for Outlook.com or Gmail mailboxes
 *   (https://learn.microsoft.com/javascript/api/requirement-sets/common/nested-app-auth-requirement-sets); new Outlook
 *   on Windows per Microsoft's NAA sample ("Outlook on Windows (new and classic), Mac, mobile, and on the web":
 *   https://learn.microsoft.com/samples/officedev/office-add-in-samples/outlook-add-in-sso-naa).
 * - How: `createNestablePublicClientApplication`, then `acquireTokenSilent`, and `acquireTokenPopup` only when the
 *   silent call needs interaction (https://learn.microsoft.com/office/dev/add-ins/develop/enable-nested-app-authentication-in-your-add-in).
 *   The host provides `window.nestedAppAuthBridge`; without it MSAL silently builds a standard (non-nested) client,
 *   which in an add-in would try iframes and popups of its own, so the bridge is checked here first.
 * - In the Smart Alerts handler there is no interaction: only the silent call is made (a popup from an event handler
 *   is what fails as "Something went wrong [7q6cl]" in classic Windows: https://github.com/OfficeDev/office-js/issues/5406).
 *   Classic Windows' JavaScript-only runtime defines `window` but not `window.location`; msal-browser 3.27.0 failed on
 *   that and later 3.x guard it (https://github.com/OfficeDev/office-js/issues/5210,
 *   https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/7451); msal-browser 5 fails there on
 *   `crypto.getRandomValues` (https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/8412), which is
 *   why the add-in stays on 3.x.
 */
/** The part of MSAL used here, by shape (the package's ES and CommonJS type declarations are distinct types). */
interface NestedClient {
  acquireTokenSilent(request: { scopes: string[] }): Promise<{ accessToken: string }>;
  acquireTokenPopup(request: { scopes: string[] }): Promise<{ accessToken: string }>;
}
export interface NestableMsal {
  createNestablePublicClientApplication(configuration: {
    auth: { clientId: string; authority: string };
    cache: { cacheLocation: 'memoryStorage' };
  }): Promise<NestedClient>;
  InteractionRequiredAuthError: abstract new (...args: never[]) => Error;
}

/** MSAL, as each bundle loads it: statically in the handler (one script, no loader), on demand in the pane. */
export type MsalLoader = () => Promise<NestableMsal>;

/** Sealpost's Entra app, baked into the build (ENTRA_CLIENT_ID, ENTRA_APP_ID_URI). */
export interface NestedAppAuthSettings {
  /** The application (client) id of Sealpost's multi-tenant app registration. */
  clientId: string;
  /** The delegated scope Sealpost's API exposes, `api://<host>/<client id>/access_as_user`. */
  scope: string;
}

declare const __SEALPOST_ENTRA__: NestedAppAuthSettings | null | undefined;

/** The Entra app this build was made for (addin/build.mjs, from ENTRA_CLIENT_ID and ENTRA_APP_ID_URI), or null. */
export function builtInNestedAppAuthSettings(): NestedAppAuthSettings | null {
  return typeof __SEALPOST_ENTRA__ === 'undefined' ? null : __SEALPOST_ENTRA__;
}

/** Why no token came: the client lacks NAA, Entra wants the user (consent, MFA), or anything else went wrong. */
export type EntraTokenFailure = 'unsupported' | 'interaction_required' | 'failed';

export type EntraTokenResult = { accessToken: string } | { failure: EntraTokenFailure };

export interface EntraTokenSource {
  /** Silent only, or (task pane only) a Microsoft prompt when Entra needs the user. */
  token(options: { interactive: boolean }): Promise<EntraTokenResult>;
}

interface NestedAppAuthHost {
  office: typeof Office | undefined;
  /** The host's bridge MSAL talks to; undefined where the client provides none. */
  bridge: unknown;
}

/** What the running host offers, read when asked (the launch-event runtime may define `window` without a DOM). */
function currentHost(): NestedAppAuthHost {
  return {
    office: typeof Office === 'undefined' ? undefined : Office,
    bridge: typeof window === 'undefined' ? undefined : (window as { nestedAppAuthBridge?: unknown }).nestedAppAuthBridge,
  };
}

/** True where Outlook says it supports NestedAppAuth 1.1 and provides the bridge MSAL needs. */
export function nestedAppAuthAvailable(host: NestedAppAuthHost = currentHost()): boolean {
  try {
    return Boolean(host.office?.context?.requirements?.isSetSupported('NestedAppAuth', '1.1')) && host.bridge !== undefined && host.bridge !== null;
  } catch {
    return false;
  }
}

/**
 * The Entra token source of this runtime, or null when the build carries no Entra app. One MSAL client per runtime,
 * created on first use: MSAL keeps the token in its cache and answers later silent calls from it.
 */
export function nestedAppAuth(settings: NestedAppAuthSettings | null, loadMsal: MsalLoader, host: () => NestedAppAuthHost = currentHost): EntraTokenSource | null {
  if (!settings || !settings.clientId || !settings.scope) return null;
  let client: Promise<NestedClient> | null = null;
  const request = { scopes: [settings.scope] };

  return {
    async token({ interactive }) {
      if (!nestedAppAuthAvailable(host())) return { failure: 'unsupported' };
      let msal: NestableMsal;
      try {
        msal = await loadMsal();
      } catch {
        return { failure: 'failed' };
      }
      const { createNestablePublicClientApplication, InteractionRequiredAuthError } = msal;
      try {
        client ??= createNestablePublicClientApplication({
          auth: { clientId: settings.clientId, authority: 'https://login.microsoftonline.com/common' },
          // Memory only: the JavaScript-only runtime has no web storage, and nothing of Entra's should outlive the
          // runtime on disk; the host's bridge answers a silent call again at no cost to the user.
          cache: { cacheLocation: 'memoryStorage' },
        });
        const app = await client;
        try {
          return { accessToken: (await app.acquireTokenSilent(request)).accessToken };
        } catch (error) {
          if (!(error instanceof InteractionRequiredAuthError)) throw error;
          if (!interactive) return { failure: 'interaction_required' };
          return { accessToken: (await app.acquireTokenPopup(request)).accessToken };
        }
      } catch (error) {
        if (error instanceof InteractionRequiredAuthError) return { failure: 'interaction_required' };
        client = null;
        return { failure: 'failed' };
      }
    },
  };
}
