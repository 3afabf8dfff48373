/**
 * Store contract: sign-in throttles, session 2-step marks, refresh-token owners and the sign-up lookup (PGlite, and
 * the server when configured), so the SQL behind the guessing limits holds on both.
 */
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

const rule = { free: 2, maxDelaySeconds: 8, forgetSeconds: 3600 };

describe.each(testDatabaseKinds())('sign-in hardening repositories on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  test('when failures pass the free ones, then the next attempt owes a wait; cleared, the key starts over', async () => {
    expect(await store.rateLimits.throttle('k1', rule)).toEqual({ waitSeconds: 0 });
    expect(await store.rateLimits.throttle('k1', rule)).toEqual({ waitSeconds: 0 });
    expect(await store.rateLimits.throttle('k1', rule)).toEqual({ waitSeconds: 1 });
    await store.rateLimits.clearThrottle('k1');
    expect(await store.rateLimits.throttle('k1', rule)).toEqual({ waitSeconds: 0 });
  });

  test('when many attempts race on one key, then only the free ones are counted', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => store.rateLimits.throttle('k2', rule)));
    expect(answers.filter((a) => a.waitSeconds === 0)).toHaveLength(2);
  });

  test('when a session is marked as having passed 2-step, then it reads back so; its refresh tokens name it', async () => {
    const account = await store.accounts.create({ email: 'h@clinic.example', name: 'H', passwordHash: null });
    const organization = await store.organizations.create({ name: 'H' });
    await store.memberships.create({ organizationId: organization.id, accountId: account.id, type: 'guest', status: 'invited' });
    const session = await store.sessions.create({ accountId: account.id, organizationId: organization.id, userAgent: null, ip: null, expiresAt: new Date(Date.now() + 60_000) });
    expect(session.twoStepAt).toBeNull();
    await store.sessions.markTwoStepPassed(session.id);
    await store.sessions.addRefreshToken(session.id, 'f'.repeat(64));
    expect(await store.sessions.sessionOfRefreshToken('f'.repeat(64))).toBe(session.id);
    expect(await store.sessions.sessionOfRefreshToken('0'.repeat(64))).toBeNull();
    expect((await store.sessions.listLive(account.id))[0]!.twoStepAt).toBeInstanceOf(Date);

    expect(await store.accounts.findForSignUp('h@clinic.example')).toMatchObject({ activeSomewhere: false });
    await store.memberships.setStatus(organization.id, account.id, 'active');
    expect(await store.accounts.findForSignUp('h@clinic.example')).toMatchObject({ activeSomewhere: true });
    expect(await store.accounts.findForSignUp('none@clinic.example')).toBeNull();
  });
});
