/**
 * Store contract: API tokens and SCIM identities (PGlite, and the server when configured) — a token reads back by
 * its prefix with its creator, lists only while live and only in its organization, is revoked once, and notes its
 * use at most once a minute; a SCIM identity keeps the fields a save leaves undefined.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('API tokens on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  async function organizationWithAdmin() {
    const organization = await store.organizations.create({ name: 'Token Store Clinic' });
    const admin = await store.accounts.create({ email: `admin-${randomUUID()}@store.example`, name: 'Ada Admin', passwordHash: null });
    await store.memberships.create({ organizationId: organization.id, accountId: admin.id, type: 'pro', status: 'active' });
    return { organization, admin };
  }

  const newToken = (organizationId: string, createdBy: string) => ({
    id: randomUUID(), organizationId, name: 'Entra', prefix: randomBytes(8).toString('hex'), secretHash: 'ab'.repeat(32), scopes: ['scim'], createdBy, actingFor: null, expiresAt: null,
  });

  test('when a token is created, then it reads back by prefix and lists in its organization only until it is revoked', async () => {
    const { organization, admin } = await organizationWithAdmin();
    const other = await organizationWithAdmin();
    const token = newToken(organization.id, admin.id);
    await store.apiTokens.create(token);
    const found = await store.apiTokens.findByPrefix(token.prefix);
    expect(found).toMatchObject({ id: token.id, name: 'Entra', scopes: ['scim'], secretHash: token.secretHash, revokedAt: null, lastUsedAt: null,
      createdBy: { id: admin.id, name: 'Ada Admin', email: admin.email } });
    expect((await store.apiTokens.listLive(organization.id)).map((x) => x.id)).toEqual([token.id]);
    expect(await store.apiTokens.listLive(other.organization.id)).toEqual([]);
    expect(await store.apiTokens.revoke(other.organization.id, token.id)).toBeNull();
    expect((await store.apiTokens.revoke(organization.id, token.id))?.revokedAt).toBeInstanceOf(Date);
    expect(await store.apiTokens.revoke(organization.id, token.id)).toBeNull();
    expect(await store.apiTokens.listLive(organization.id)).toEqual([]);
    expect((await store.apiTokens.findByPrefix(token.prefix))?.revokedAt).toBeInstanceOf(Date);
  });

  test('when a token is used twice within a minute, then its last use is noted once', async () => {
    const { organization, admin } = await organizationWithAdmin();
    const token = newToken(organization.id, admin.id);
    await store.apiTokens.create(token);
    await store.apiTokens.touch(token.id);
    const first = (await store.apiTokens.findByPrefix(token.prefix))!.lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await store.apiTokens.touch(token.id);
    expect((await store.apiTokens.findByPrefix(token.prefix))!.lastUsedAt).toEqual(first);
  });

  test('when a SCIM identity is saved in parts, then fields left undefined keep their value and the user is found by them', async () => {
    const { organization, admin } = await organizationWithAdmin();
    await store.scimUsers.saveIdentity(organization.id, admin.id, { externalId: 'ext-1', givenName: 'Ada', familyName: 'Admin' });
    await store.scimUsers.saveIdentity(organization.id, admin.id, { givenName: 'Adeline' });
    expect(await store.scimUsers.find(organization.id, admin.id)).toMatchObject({ externalId: 'ext-1', givenName: 'Adeline', familyName: 'Admin' });
    await store.scimUsers.saveIdentity(organization.id, admin.id, { familyName: null });
    expect(await store.scimUsers.find(organization.id, admin.id)).toMatchObject({ externalId: 'ext-1', familyName: null });
    const byExternal = await store.scimUsers.list(organization.id, { externalId: 'ext-1', offset: 0, limit: 10 });
    expect([byExternal.total, byExternal.rows.map((r) => r.accountId)]).toEqual([1, [admin.id]]);
    expect((await store.scimUsers.list(organization.id, { userName: admin.email, offset: 1, limit: 10 })).rows).toEqual([]);
  });
});
