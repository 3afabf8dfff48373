/** Item event subscriptions used by the task pane. */
import { createOfficeAdapter } from './createOfficeAdapter';
import { createFakeOutlook } from './testing/fakeOutlook';

describe('item events', () => {
  test('when recipients change after subscribing, then the listener gets the changed To/Cc/Bcc fields', async () => {
    const fake = createFakeOutlook();
    const adapter = createOfficeAdapter(fake.office);
    const seen: string[][] = [];
    await adapter.onRecipientsChanged((fields) => seen.push(fields));
    fake.raise('olkRecipientsChanged', { changedRecipientFields: { to: true, cc: false, bcc: true, requiredAttendees: false } });
    expect(seen).toEqual([['to', 'bcc']]);
  });

  test('when unsubscribed, then later changes no longer reach the listener', async () => {
    const fake = createFakeOutlook();
    const listener = jest.fn();
    const unsubscribe = await createOfficeAdapter(fake.office).onRecipientsChanged(listener);
    await unsubscribe();
    fake.raise('olkRecipientsChanged', { changedRecipientFields: { to: true } });
    expect(listener).not.toHaveBeenCalled();
  });

  test('when Office refuses the handler, then subscribing rejects', async () => {
    const fake = createFakeOutlook();
    fake.fail('addHandlerAsync', { code: 5000 });
    await expect(createOfficeAdapter(fake.office).onRecipientsChanged(jest.fn())).rejects.toMatchObject({
      code: 5000, operation: 'item.addHandlerAsync(RecipientsChanged)',
    });
  });

  test('when a Smart Alerts button re-opens an open pane, then the listener gets the new context data', async () => {
    const fake = createFakeOutlook({ mailboxVersion: '1.15' });
    const listener = jest.fn();
    await createOfficeAdapter(fake.office).onInitializationContextChanged(listener);
    fake.raise('olkInitializationContextChanged', { initializationContextData: '{"review":true}' });
    expect(listener).toHaveBeenCalledWith('{"review":true}');
  });

  test('when the client is older than Mailbox 1.15, then the context subscription rejects with "not_supported"', async () => {
    const fake = createFakeOutlook({ mailboxVersion: '1.14' });
    await expect(createOfficeAdapter(fake.office).onInitializationContextChanged(jest.fn())).rejects.toMatchObject({ code: 'not_supported' });
  });
});
