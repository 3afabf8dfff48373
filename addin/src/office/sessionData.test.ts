/** sessionData wrappers: per-item state shared by the task pane and the Smart Alerts handler. */
import { createOfficeAdapter } from './createOfficeAdapter';
import { createFakeOutlook } from './testing/fakeOutlook';

function setup(options?: Parameters<typeof createFakeOutlook>[0]) {
  const fake = createFakeOutlook(options);
  return { fake, store: createOfficeAdapter(fake.office).sessionData };
}

describe('sessionData', () => {
  test('when a value is set, then get returns it and getAll lists it', async () => {
    const { store } = setup();
    await store.set('sealpost.secure', 'on');
    await store.set('sealpost.confirmed', '["ann@client.example"]');
    await expect(store.get('sealpost.secure')).resolves.toBe('on');
    await expect(store.getAll()).resolves.toEqual({ 'sealpost.secure': 'on', 'sealpost.confirmed': '["ann@client.example"]' });
  });

  test('when a key was never set, then get resolves to null', async () => {
    const { store } = setup();
    await expect(store.get('missing')).resolves.toBeNull();
  });

  test('when a value is removed, then get resolves to null', async () => {
    const { store } = setup();
    await store.set('k', 'v');
    await store.remove('k');
    await expect(store.get('k')).resolves.toBeNull();
  });

  test('when nothing is stored and Outlook answers getAll with the string "{}", then it resolves to an empty record', async () => {
    const { store } = setup();
    await expect(store.getAll()).resolves.toEqual({});
  });

  test.each([
    ['get', 'sessionData.getAsync', (s: ReturnType<typeof setup>['store']) => s.get('k')],
    ['set', 'sessionData.setAsync', (s: ReturnType<typeof setup>['store']) => s.set('k', 'v')],
    ['remove', 'sessionData.removeAsync', (s: ReturnType<typeof setup>['store']) => s.remove('k')],
    ['getAll', 'sessionData.getAllAsync', (s: ReturnType<typeof setup>['store']) => s.getAll()],
  ])('when %s fails in Outlook, then it rejects with the Office code and operation', async (_name, method, call) => {
    const { fake, store } = setup();
    fake.fail(method, { code: 9057, name: 'SessionObjectMaxLengthExceeded' });
    await expect(call(store)).rejects.toMatchObject({ code: 9057, officeCode: 'SessionObjectMaxLengthExceeded', operation: `item.${method}` });
  });

  test('when the client exposes sessionData without methods, then calls reject with "not_supported"', async () => {
    const { store } = setup({ sessionDataMethods: false });
    await expect(store.get('k')).rejects.toMatchObject({ code: 'not_supported', operation: 'item.sessionData.getAsync' });
    await expect(store.set('k', 'v')).rejects.toMatchObject({ code: 'not_supported' });
  });
});

describe('sessionData as each client answers for what was never set', () => {
  test('when Outlook on the web fails getAsync for a key never set with KeyNotFound, then get resolves to null', async () => {
    const { store } = setup({ unsetKey: 'keyNotFound' });
    await expect(store.get('never-set')).resolves.toBeNull();
  });

  test('when another failure comes back, then get still rejects with it', async () => {
    const { fake, store } = setup({ unsetKey: 'keyNotFound' });
    fake.fail('sessionData.getAsync', { code: 9057, name: 'SessionObjectMaxLengthExceeded', message: 'too large' });
    await expect(store.get('k')).rejects.toMatchObject({ code: 9057 });
  });

  test.each(['string', 'object', 'null'] as const)('when getAll of an empty item answers %s, then it resolves to an empty record', async (emptyAll) => {
    const { store } = setup({ emptyAll });
    await expect(store.getAll()).resolves.toEqual({});
  });
});
