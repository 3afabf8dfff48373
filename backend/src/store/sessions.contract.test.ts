/** Store contract: sessions, refresh-token families and single-use links (PGlite, and the server when configured). */
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('session repositories on %s', (kind) => {
  let store: Store;
  let accountId: string;
  let orgA: string;
  let orgB: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    accountId = (await store.accounts.create({ email: 's@clinic.example', name: 'S', passwordHash: 'h' })).id;
    orgA = (await store.organizations.create({ name: 'A' })).id;
    orgB = (await store.organizations.create({ name: 'B' })).id;
    await store.memberships.create({ organizationId: orgA, accountId, type: 'pro', status: 'active' });
    await store.memberships.create({ organizationId: orgB, accountId, type: 'guest', status: 'active' });
  });
  afterAll(async () => {
    await store.close();
  });
  const newSession = (organizationId = orgA, expiresAt = new Date(Date.now() + 60_000)) =>
    store.sessions.create({ accountId, organizationId, userAgent: 'jest', ip: '127.0.0.1', expiresAt });

  test('when a session is live, then its context joins account, organization and membership', async () => {
    const session = await newSession();
    const context = await store.sessions.findLiveContext(session.id);
    expect(context?.account.email).toBe('s@clinic.example');
    expect(context?.organization.name).toBe('A');
    expect(context?.membership).toMatchObject({ type: 'pro', status: 'active' });
  });

  test('when a session is revoked or expired, then it has no live context and is not listed', async () => {
    const revoked = await newSession();
    const expired = await newSession(orgA, new Date(Date.now() - 1000));
    await store.sessions.revoke(revoked.id, 'test');
    expect(await store.sessions.findLiveContext(revoked.id)).toBeNull();
    expect(await store.sessions.findLiveContext(expired.id)).toBeNull();
    const listed = (await store.sessions.listLive(accountId)).map((s) => s.id);
    expect(listed).not.toContain(revoked.id);
    expect(listed).not.toContain(expired.id);
  });

  test('when a refresh token is spent, then a second spend reports reuse and an unknown token is unknown', async () => {
    const session = await newSession();
    await store.sessions.addRefreshToken(session.id, 'hash-1');
    expect(await store.sessions.spendRefreshToken('hash-1')).toEqual({ outcome: 'spent', sessionId: session.id });
    expect(await store.sessions.spendRefreshToken('hash-1')).toEqual({ outcome: 'reused', sessionId: session.id });
    expect(await store.sessions.spendRefreshToken('hash-never')).toEqual({ outcome: 'unknown' });
  });

  test('when two spends race, then exactly one wins', async () => {
    const session = await newSession();
    await store.sessions.addRefreshToken(session.id, 'hash-race');
    const outcomes = await Promise.all([1, 2, 3].map(() => store.sessions.spendRefreshToken('hash-race')));
    expect(outcomes.filter((o) => o.outcome === 'spent')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'reused')).toHaveLength(2);
  });

  test('when a session switches organization, then unspent refresh tokens become unknown', async () => {
    const session = await newSession();
    await store.sessions.addRefreshToken(session.id, 'hash-switch');
    await store.sessions.switchOrganization(session.id, orgB);
    await store.sessions.dropUnspentRefreshTokens(session.id);
    expect((await store.sessions.findLiveContext(session.id))?.organization.name).toBe('B');
    expect(await store.sessions.spendRefreshToken('hash-switch')).toEqual({ outcome: 'unknown' });
  });

  test('when all sessions of an account are revoked for one organization, then the others stay live', async () => {
    const inA = await newSession(orgA);
    const inB = await newSession(orgB);
    const revoked = await store.sessions.revokeAllForAccount(accountId, 'removed', orgA);
    expect(revoked).toBeGreaterThanOrEqual(1);
    expect(await store.sessions.findLiveContext(inA.id)).toBeNull();
    expect(await store.sessions.findLiveContext(inB.id)).not.toBeNull();
  });

  test('when a one-time token is consumed, then it works once, and expired or invalidated ones never', async () => {
    const base = { purpose: 'password_reset' as const, accountId, email: 's@clinic.example' };
    await store.oneTimeTokens.create({ ...base, tokenHash: 't-ok', expiresAt: new Date(Date.now() + 60_000), payload: { a: 1 } });
    await store.oneTimeTokens.create({ ...base, tokenHash: 't-old', expiresAt: new Date(Date.now() - 1000) });
    expect((await store.oneTimeTokens.findUsable('t-ok', 'password_reset'))?.payload).toEqual({ a: 1 });
    expect(await store.oneTimeTokens.findUsable('t-ok', 'signup')).toBeNull();
    const racers = await Promise.all([1, 2].map(() => store.oneTimeTokens.consume('t-ok', 'password_reset')));
    expect(racers.filter(Boolean)).toHaveLength(1);
    expect(await store.oneTimeTokens.consume('t-old', 'password_reset')).toBeNull();

    await store.oneTimeTokens.create({ ...base, tokenHash: 't-killed', expiresAt: new Date(Date.now() + 60_000) });
    await store.oneTimeTokens.invalidateForEmail('password_reset', 's@clinic.example');
    expect(await store.oneTimeTokens.consume('t-killed', 'password_reset')).toBeNull();
  });
});
