/**
 * Sealpost's one multi-tenant Microsoft Entra application, as server settings: every organization that pins its
 * tenant signs in through it (interactive single sign-on, and Outlook's nested app authentication, which trades an
 * access token for Sealpost's API at POST /api/v1/auth/entra). Without ENTRA_CLIENT_ID both answer
 * 503 `sso_entra_not_configured`.
 */
import { ConfigError, text, url, type Setting } from '../configFormats';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const guidOrEmpty = (raw: string): string => {
  if (raw !== '' && !GUID.test(raw)) throw new ConfigError('must be the application (client) id of the Entra app registration, a GUID');
  return raw.toLowerCase();
};

/** Scope names as Entra allows them: letters, digits and . _ - (no spaces, which would split `scp`). */
const scopeName = (raw: string): string => {
  if (!/^[A-Za-z0-9._-]{1,120}$/.test(raw)) throw new ConfigError('must be one scope name (letters, digits, dot, underscore, hyphen)');
  return raw;
};

/**
 * The App ID URI Microsoft's Office add-in registration guide uses, `api://<add-in domain>/<application id>`
 * (https://learn.microsoft.com/office/dev/add-ins/develop/register-sso-add-in-aad-v2), the domain being where the
 * add-in is served from, port included.
 */
function defaultAppIdUri(env: NodeJS.ProcessEnv): string {
  const clientId = env.ENTRA_CLIENT_ID?.trim().toLowerCase();
  if (!clientId) return '';
  const base = env.ADDIN_BASE_URL || env.PUBLIC_URL || `http://localhost:${env.PORT ?? '3000'}`;
  try {
    return `api://${new URL(base).host}/${clientId}`;
  } catch {
    return ''; // ADDIN_BASE_URL or PUBLIC_URL is refused with its own sentence
  }
}

export const entraSettings = {
  entraClientId: {
    env: 'ENTRA_CLIENT_ID',
    doc: "Application (client) id of Sealpost's multi-tenant Microsoft Entra app registration. Unset means Microsoft sign-in through Sealpost's app is off (organizations may still bring their own client for interactive sign-in).",
    example: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
    format: 'GUID',
    default: () => '',
    parse: guidOrEmpty,
  },
  entraClientSecret: {
    env: 'ENTRA_CLIENT_SECRET',
    doc: "Client secret of that app registration, for the interactive sign-in's code exchange (Outlook's token exchange does not need it). Never logged.",
    example: '(the secret value)',
    format: 'text',
    default: () => '',
    parse: text,
  },
  entraAppIdUri: {
    env: 'ENTRA_APP_ID_URI',
    doc: "Application ID URI under Expose an API in that app registration; access tokens for Sealpost's API must name it or the client id as audience.",
    example: 'api://sealpost.example.com/6e74172b-be56-4843-9ff4-e66a39bb12e3',
    format: 'api:// URI',
    default: (_mode, env) => defaultAppIdUri(env),
    parse: (raw: string) => {
      if (raw !== '' && !/^api:\/\/[\x21-\x7e]{1,400}$/.test(raw)) throw new ConfigError('must be an api:// URI without spaces');
      return raw;
    },
  },
  entraScope: {
    env: 'ENTRA_SCOPE',
    doc: "Delegated scope exposed by that app registration; Outlook's access tokens must carry it in scp.",
    example: 'access_as_user',
    format: 'scope name',
    default: () => 'access_as_user',
    parse: scopeName,
  },
  entraJwksUrl: {
    env: 'ENTRA_JWKS_URL',
    doc: "Where Microsoft's signing keys are read. Only tests change it (a key set on loopback, embedded mode only).",
    example: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    format: 'https URL (http on loopback in embedded mode)',
    default: () => 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
    parse: url(['http:', 'https:']),
  },
} satisfies Record<string, Setting<unknown>>;

/** Keys whose values are never echoed in a configuration error. */
export const secretEntraSettings = ['entraClientSecret'];

/** The key set is fetched by the server: https, or loopback http for the tests' key set in embedded mode only. */
export function entraJwksUrlProblem(config: { mode: string; entraJwksUrl: string }, isLoopbackHost: (host: string) => boolean): string | null {
  const address = new URL(config.entraJwksUrl);
  if (address.protocol === 'https:') return null;
  if (config.mode === 'embedded' && isLoopbackHost(address.hostname)) return null;
  return 'ENTRA_JWKS_URL must be an https:// address (http only on loopback in embedded mode, for tests).';
}
