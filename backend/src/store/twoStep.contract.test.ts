/** Store contract: 2-step secrets, used time steps and recovery codes (PGlite, and the server when configured). */
import type { Store } from '.';
import { openTestStore, testDatabaseKinds } from './testing/testStore';

describe.each(testDatabaseKinds())('two-step repository on %s', (kind) => {
  let store: Store;
  let n = 0;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });
  const newAccount = async () => (await store.accounts.create({ email: `t${(n += 1)}@clinic.example`, name: 'T', passwordHash: 'h' })).id;

  test('when a secret is pending, then saving again replaces it, and only the pending one can be enabled', async () => {
    const id = await newAccount();
    expect(await store.twoStep.find(id)).toBeNull();
    expect(await store.twoStep.savePending(id, 'sealed-1')).toBe(true);
    expect(await store.twoStep.find(id)).toMatchObject({ accountId: id, secretSealed: 'sealed-1', enabledAt: null, lastUsedStep: null });
    expect(await store.twoStep.savePending(id, 'sealed-2')).toBe(true);
    expect(await store.twoStep.enable(id, 'sealed-1', 100)).toBe(false);
    expect(await store.twoStep.enable(id, 'sealed-2', 100)).toBe(true);
    const enabled = await store.twoStep.find(id);
    expect(enabled?.enabledAt).toBeInstanceOf(Date);
    expect(enabled?.lastUsedStep).toBe(100);
  });

  test('when a secret is enabled, then it cannot be replaced or enabled again', async () => {
    const id = await newAccount();
    await store.twoStep.savePending(id, 'sealed');
    await store.twoStep.enable(id, 'sealed', 7);
    expect(await store.twoStep.savePending(id, 'other')).toBe(false);
    expect(await store.twoStep.enable(id, 'sealed', 8)).toBe(false);
    expect((await store.twoStep.find(id))?.secretSealed).toBe('sealed');
  });

  test('when a time step is used, then it and earlier ones are refused and later ones accepted', async () => {
    const id = await newAccount();
    await store.twoStep.savePending(id, 'sealed');
    expect(await store.twoStep.useStep(id, 50)).toBe(false); // not enabled yet
    await store.twoStep.enable(id, 'sealed', 50);
    expect(await store.twoStep.useStep(id, 50)).toBe(false);
    expect(await store.twoStep.useStep(id, 49)).toBe(false);
    expect(await store.twoStep.useStep(id, 51)).toBe(true);
    expect((await store.twoStep.find(id))?.lastUsedStep).toBe(51);
  });

  test('when the same step is used by racing requests, then exactly one wins', async () => {
    const id = await newAccount();
    await store.twoStep.savePending(id, 'sealed');
    await store.twoStep.enable(id, 'sealed', 1);
    const outcomes = await Promise.all([1, 2, 3].map(() => store.twoStep.useStep(id, 2)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  test('when recovery codes are used, then each works once, and replacing them retires the old ones', async () => {
    const id = await newAccount();
    const other = await newAccount();
    await store.twoStep.replaceRecoveryCodes(id, ['h1', 'h2', 'h3']);
    expect(await store.twoStep.countUnusedRecoveryCodes(id)).toBe(3);
    expect(await store.twoStep.useRecoveryCode(other, 'h1')).toBe(false);
    const racers = await Promise.all([1, 2].map(() => store.twoStep.useRecoveryCode(id, 'h1')));
    expect(racers.filter(Boolean)).toHaveLength(1);
    expect(await store.twoStep.useRecoveryCode(id, 'unknown')).toBe(false);
    expect(await store.twoStep.countUnusedRecoveryCodes(id)).toBe(2);

    await store.twoStep.replaceRecoveryCodes(id, ['h4']);
    expect(await store.twoStep.useRecoveryCode(id, 'h2')).toBe(false);
    expect(await store.twoStep.useRecoveryCode(id, 'h4')).toBe(true);
    expect(await store.twoStep.countUnusedRecoveryCodes(id)).toBe(0);
  });
});
