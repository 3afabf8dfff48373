/**
 * Store contract: each organization's sign-in provider. Runs on PGlite and, when TEST_DATABASE_URL is set, on the
 * PostgreSQL server; a MongoDB adapter must pass the same suite. The client secret is sealed with the real keyring.
 */
import { generateKeyring } from '../crypto/keyring';
import { DecryptionError } from '../crypto/envelope';
import { openClientSecret, sealClientSecret } from '../sso/clientSecret';
import { SsoDomainNotCoverableError, type SaveSsoProvider, type Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';
import { changedTables, digestTables } from './testing/tableDigest';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const keyring = generateKeyring();

describe.each(testDatabaseKinds())('sign-in provider repository on %s', (kind) => {
  let store: Store;
  let n = 0;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  async function organization(domains: { name: string; verified: boolean }[] = []) {
    n += 1;
    const org = await store.organizations.create({ name: `Org ${n}` });
    const admin = await store.accounts.create({ email: `admin${n}@org${n}.example`, name: 'Admin', passwordHash: null });
    const claims = [];
    for (const domain of domains) {
      const { record } = await store.domains.create({ organizationId: org.id, domain: domain.name, verificationToken: 't', createdBy: admin.id });
      claims.push(domain.verified ? (await store.domains.markVerified(org.id, record.id))! : record);
    }
    return { org, admin, domains: claims };
  }

  function okta(organizationId: string, overrides: Partial<SaveSsoProvider> = {}): SaveSsoProvider {
    return {
      organizationId,
      kind: 'oidc',
      displayName: 'Okta',
      issuer: 'https://clinic.okta.example',
      clientId: '0oa1b2c3',
      clientSecretSealed: sealClientSecret(keyring, organizationId, 'okta-secret'),
      entraTenantId: null,
      prosMustUseSso: true,
      trustProviderMfa: false,
      coveredDomainIds: [],
      savedBy: null,
      ...overrides,
    };
  }

  test('when a provider is saved, then it reads back with its covered domains, its sealed secret opening for its organization only', async () => {
    const { org, admin, domains } = await organization([
      { name: `clinic${n + 1}.example`, verified: true },
      { name: `staff${n + 1}.example`, verified: true },
    ]);
    const other = await organization();
    const saved = await store.ssoProviders.save(okta(org.id, { coveredDomainIds: domains.map((d) => d.id), savedBy: admin.id }));
    expect(saved).toMatchObject({
      organizationId: org.id,
      kind: 'oidc',
      displayName: 'Okta',
      issuer: 'https://clinic.okta.example',
      clientId: '0oa1b2c3',
      entraTenantId: null,
      prosMustUseSso: true,
      trustProviderMfa: false,
      createdBy: admin.id,
      updatedBy: admin.id,
    });
    expect(saved.coveredDomains).toEqual(domains.map((d) => ({ id: d.id, domain: d.domain })).sort((a, b) => a.domain.localeCompare(b.domain)));
    expect(await store.ssoProviders.find(org.id)).toEqual(saved);
    expect(saved.clientSecretSealed).not.toContain('okta-secret');
    expect(openClientSecret(keyring, org.id, saved.clientSecretSealed!)).toBe('okta-secret');
    expect(() => openClientSecret(keyring, other.org.id, saved.clientSecretSealed!)).toThrow(DecryptionError);
    expect(await store.ssoProviders.find(other.org.id)).toBeNull();
  });

  test('when it is saved again without a secret, then the stored secret is kept and the domain list replaced', async () => {
    const { org, domains } = await organization([
      { name: `a${n + 1}.example`, verified: true },
      { name: `b${n + 1}.example`, verified: true },
    ]);
    const first = await store.ssoProviders.save(okta(org.id, { coveredDomainIds: [domains[0]!.id] }));
    const second = await store.ssoProviders.save(
      okta(org.id, { clientSecretSealed: undefined, displayName: 'Okta (staff)', coveredDomainIds: [domains[1]!.id], trustProviderMfa: true }),
    );
    expect(second.clientSecretSealed).toBe(first.clientSecretSealed);
    expect(second).toMatchObject({ displayName: 'Okta (staff)', trustProviderMfa: true, createdAt: first.createdAt });
    expect(second.coveredDomains.map((d) => d.id)).toEqual([domains[1]!.id]);
    expect(second.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
  });

  test('when a domain to cover is pending, unknown or another organization\'s, then nothing is saved or changed', async () => {
    const { org, domains } = await organization([
      { name: `ok${n + 1}.example`, verified: true },
      { name: `pending${n + 1}.example`, verified: false },
    ]);
    const stranger = await organization([{ name: `theirs${n + 1}.example`, verified: true }]);
    const before = await store.ssoProviders.save(okta(org.id, { coveredDomainIds: [domains[0]!.id] }));
    const digest = await digestTables(store);
    for (const bad of [domains[1]!.id, stranger.domains[0]!.id, '00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
      const attempt = store.ssoProviders.save(okta(org.id, { displayName: 'Changed', coveredDomainIds: [domains[0]!.id, bad] }));
      await expect(attempt).rejects.toThrow(SsoDomainNotCoverableError);
      await expect(attempt).rejects.toMatchObject({ domainIds: [bad] });
    }
    expect(changedTables(digest, await digestTables(store))).toEqual([]);
    expect(await store.ssoProviders.find(org.id)).toEqual(before);
  });

  test('when the sign-in page asks for an email domain, then only a verified and covered domain finds its provider', async () => {
    const { org, domains } = await organization([
      { name: `covered${n + 1}.example`, verified: true },
      { name: `uncovered${n + 1}.example`, verified: true },
    ]);
    await store.ssoProviders.save(okta(org.id, { coveredDomainIds: [domains[0]!.id] }));
    expect((await store.ssoProviders.findByEmailDomain(domains[0]!.domain))?.organizationId).toBe(org.id);
    expect(await store.ssoProviders.findByEmailDomain(domains[1]!.domain)).toBeNull();
    expect(await store.ssoProviders.findByEmailDomain('nobody.example')).toBeNull();
  });

  test('when a covered domain claim is removed, then the provider no longer covers it', async () => {
    const { org, domains } = await organization([{ name: `gone${n + 1}.example`, verified: true }]);
    await store.ssoProviders.save(okta(org.id, { coveredDomainIds: [domains[0]!.id] }));
    await store.domains.remove(org.id, domains[0]!.id);
    expect((await store.ssoProviders.find(org.id))?.coveredDomains).toEqual([]);
    expect(await store.ssoProviders.findByEmailDomain(domains[0]!.domain)).toBeNull();
  });

  test('when an Entra provider is saved through Sealpost\'s own app, then it needs no client and is found by its tenant', async () => {
    const { org } = await organization();
    const saved = await store.ssoProviders.save(
      okta(org.id, {
        kind: 'entra',
        displayName: 'Microsoft',
        issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        clientId: null,
        clientSecretSealed: null,
        entraTenantId: TENANT,
      }),
    );
    expect(saved).toMatchObject({ kind: 'entra', clientId: null, clientSecretSealed: null, entraTenantId: TENANT });
    const found = await store.ssoProviders.listByEntraTenant(TENANT.toUpperCase());
    expect(found.map((p) => p.organizationId)).toContain(org.id);
    expect(await store.ssoProviders.listByEntraTenant('b2a6c2f0-1d1e-4b8c-9a4e-0c7f3f1b2d3e')).toEqual([]);
  });

  test('when fields do not fit the kind, then the table refuses them', async () => {
    const { org } = await organization();
    await expect(store.ssoProviders.save(okta(org.id, { kind: 'entra', entraTenantId: null }))).rejects.toThrow();
    await expect(store.ssoProviders.save(okta(org.id, { clientId: null }))).rejects.toThrow();
    await expect(store.ssoProviders.save(okta(org.id, { kind: 'entra', entraTenantId: 'not-a-guid' }))).rejects.toThrow();
    expect(await store.ssoProviders.find(org.id)).toBeNull();
  });

  test('when a provider is removed, then it and its coverage are gone and the domains stay', async () => {
    const { org, domains } = await organization([{ name: `stay${n + 1}.example`, verified: true }]);
    await store.ssoProviders.save(okta(org.id, { coveredDomainIds: [domains[0]!.id] }));
    expect(await store.ssoProviders.remove(org.id)).toBe(true);
    expect(await store.ssoProviders.remove(org.id)).toBe(false);
    expect(await store.ssoProviders.find(org.id)).toBeNull();
    expect(await store.domains.findForOrganization(org.id, domains[0]!.id)).not.toBeNull();
  });
});
