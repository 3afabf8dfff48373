/**
 * From a stored provider to the relying party's settings: the secret opened with the real keyring, Entra through
 * Sealpost's application at the tenant's own issuer, and a clear refusal where the server has no Entra application.
 */
import { generateKeyring } from '../crypto/keyring';
import { AppError } from '../errors';
import type { SsoProvider } from '../store';
import { sealClientSecret } from './clientSecret';
import { oidcSettingsFor } from './providerSettings';

const keyring = generateKeyring();
const ORG = '3f0c2b8e-8a35-4f0e-9f44-7d7b5b0a1c11';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const sealpostApp = { clientId: 'b7e1c0de-0000-4000-8000-000000000001', clientSecret: 'sealpost-app-secret' };

function stored(overrides: Partial<SsoProvider>): SsoProvider {
  return {
    organizationId: ORG,
    kind: 'oidc',
    displayName: 'Okta',
    issuer: 'https://clinic.okta.example',
    clientId: '0oa1b2c3',
    clientSecretSealed: sealClientSecret(keyring, ORG, 'okta-secret'),
    entraTenantId: null,
    prosMustUseSso: false,
    trustProviderMfa: false,
    coveredDomains: [],
    createdBy: null,
    updatedBy: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

describe('when a stored provider is prepared for sign-in', () => {
  it('then a standard provider gets its own client with the secret opened', () => {
    expect(oidcSettingsFor(stored({}), keyring, sealpostApp)).toEqual({
      issuer: 'https://clinic.okta.example',
      clientId: '0oa1b2c3',
      clientSecret: 'okta-secret',
      tenantId: null,
    });
  });

  it('then Entra goes through Sealpost\'s application at the pinned tenant\'s issuer', () => {
    const entra = stored({ kind: 'entra', issuer: 'ignored', clientId: null, clientSecretSealed: null, entraTenantId: TENANT });
    expect(oidcSettingsFor(entra, keyring, sealpostApp)).toEqual({
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      clientId: sealpostApp.clientId,
      clientSecret: sealpostApp.clientSecret,
      tenantId: TENANT,
    });
  });

  it('then an Entra organization with its own registration uses it, still pinned to its tenant', () => {
    const entra = stored({ kind: 'entra', entraTenantId: TENANT, clientId: 'own-app' });
    expect(oidcSettingsFor(entra, keyring, null)).toMatchObject({ clientId: 'own-app', clientSecret: 'okta-secret', tenantId: TENANT });
  });

  it('then Entra without any application on this server is a 503 with its own code', () => {
    const entra = stored({ kind: 'entra', clientId: null, clientSecretSealed: null, entraTenantId: TENANT });
    let error: unknown;
    try {
      oidcSettingsFor(entra, keyring, null);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, code: 'sso_entra_not_configured' });
  });

  it('then a secret sealed for another organization does not open', () => {
    const moved = stored({ clientSecretSealed: sealClientSecret(keyring, '9d0c2b8e-8a35-4f0e-9f44-7d7b5b0a1c22', 'okta-secret') });
    expect(() => oidcSettingsFor(moved, keyring, sealpostApp)).toThrow('could not be opened');
  });
});
