/**
 * Single sign-on: the organization's OpenID Connect provider as admins configure it (the client secret is
 * write-only: it is never sent back, and leaving it out keeps the stored one), and the sign-in page's question
 * "does this address sign in with a provider?". The browser legs of the sign-in (/auth/sso/start and /callback)
 * are pages, not API entries.
 */
import { z } from 'zod';
import { tokensSchema } from './auth';
import { endpoint } from './endpoint';
import { displayText, uuid } from './text';

/** Visible ASCII only: identifiers and secrets are compared byte for byte by the provider, never shown as names. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
/** Secrets are pasted as given; a space may be part of one, other controls and non-ASCII never are. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const ENTRA_TENANT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const ssoKindSchema = z.enum(['entra', 'oidc']);

const coveredDomainSchema = z.object({ id: z.string(), domain: z.string() });

export const ssoProviderSchema = z.object({
  kind: ssoKindSchema,
  displayName: z.string().describe('The sign-in button says "Continue with <displayName>".'),
  issuer: z.string(),
  clientId: z.string().nullable().describe("Null for Microsoft Entra through Sealpost's own application."),
  hasClientSecret: z.boolean().describe('Whether a client secret is stored; the secret itself is never returned.'),
  entraTenantId: z.string().nullable(),
  coveredDomains: z.array(coveredDomainSchema).describe('Verified domains of the organization whose people sign in here.'),
  prosMustUseSso: z.boolean().describe('Password sign-in is refused for pros on covered domains.'),
  trustProviderMfa: z.boolean().describe("The provider's MFA (amr contains mfa) meets the organization's 2-step requirement."),
  updatedAt: z.string().datetime(),
});

const ssoSettingsSchema = z.object({ provider: ssoProviderSchema.nullable() });

export const ssoDiscoverySchema = z.object({
  sso: z
    .object({ providerName: z.string(), startUrl: z.string().describe('Open this address in the browser to sign in.') })
    .nullable()
    .describe('Null when the address signs in with a password.'),
});

export const sso = {
  settings: endpoint({
    method: 'get',
    path: '/api/v1/organization/sso',
    response: { status: 200, schema: ssoSettingsSchema, description: 'The configured provider, or null.' },
  }),
  saveSettings: endpoint({
    method: 'put',
    path: '/api/v1/organization/sso',
    body: z.strictObject({
      kind: ssoKindSchema,
      displayName: displayText(60).min(1),
      issuer: z
        .string()
        .max(500)
        .regex(VISIBLE_ASCII, 'must be an https address without spaces')
        .optional()
        .describe('Required for oidc (discovery is issuer + /.well-known/openid-configuration); Entra derives it from the tenant.'),
      clientId: z.string().max(255).regex(VISIBLE_ASCII, 'must be visible ASCII characters').nullable().optional(),
      clientSecret: z
        .string()
        .max(1000)
        .regex(PRINTABLE_ASCII, 'must be printable ASCII characters')
        .optional()
        .describe('Write-only. Leave it out to keep the stored secret.'),
      entraTenantId: z.string().regex(ENTRA_TENANT, 'is not a Microsoft tenant id (a GUID)').nullable().optional(),
      coveredDomainIds: z.array(uuid).max(100),
      prosMustUseSso: z.boolean(),
      trustProviderMfa: z.boolean(),
    }),
    response: { status: 200, schema: ssoSettingsSchema, description: 'The provider as saved.' },
  }),
  removeSettings: endpoint({
    method: 'delete',
    path: '/api/v1/organization/sso',
    response: { status: 204, description: 'Single sign-on is off; everyone signs in with a password again.' },
  }),
  discover: endpoint({
    method: 'post',
    path: '/api/v1/auth/sso/discover',
    body: z.strictObject({ email: z.string().max(320) }),
    response: { status: 200, schema: ssoDiscoverySchema, description: 'Whether the address signs in with a provider.' },
  }),
  /**
   * Outlook's nested app authentication: a Microsoft access token for Sealpost's API traded for a Sealpost session.
   * Bearer only. A 401 `entra_token_*` or 403 refusal (`entra_dialog_sign_in_required` above all: the organization's
   * 2-step rule or the person's standing needs the Sealpost sign-in) means "sign in with the Sealpost dialog instead";
   * 429 and 503 mean "try again later"; nothing is changed by a refusal.
   */
  entraSignIn: endpoint({
    method: 'post',
    path: '/api/v1/auth/entra',
    body: z.strictObject({
      accessToken: z
        .string()
        .min(1)
        .max(16_384)
        .describe("A Microsoft Entra v2.0 access token for Sealpost's API with the scope access_as_user (from MSAL)."),
      organizationId: uuid.optional().describe('Organization to sign in to; default: the one whose single sign-on covers the Microsoft tenant and the address.'),
    }),
    response: { status: 200, schema: tokensSchema, description: 'Signed in: bearer tokens of a new session, as from the password sign-in.' },
  }),
};

export type SsoSettings = z.output<typeof ssoSettingsSchema>;
export type SsoProviderView = z.output<typeof ssoProviderSchema>;
export type SsoSettingsChange = z.output<typeof sso.saveSettings.body>;
export type SsoDiscovery = z.output<typeof ssoDiscoverySchema>;
export type EntraSignInRequest = z.input<typeof sso.entraSignIn.body>;
