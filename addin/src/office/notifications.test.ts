/** Notification bar wrappers: the right Office message type and fields, and Office's limits checked up front. */
import { createOfficeAdapter } from './createOfficeAdapter';
import { createFakeOutlook } from './testing/fakeOutlook';

function setup() {
  const fake = createFakeOutlook();
  return { fake, adapter: createOfficeAdapter(fake.office) };
}

describe('notifications', () => {
  test('when progress is shown, then a progress indicator without icon or persistence is set under the key', async () => {
    const { fake, adapter } = setup();
    await adapter.showNotification('sealpost', { type: 'progress', message: 'Sealing your message…' });
    expect(fake.state.notifications.get('sealpost')).toEqual({ type: 'progressIndicator', message: 'Sealing your message…' });
  });

  test('when an informational message is shown, then its icon resid and persistence are passed', async () => {
    const { fake, adapter } = setup();
    await adapter.showNotification('sealpost', { type: 'informational', message: 'Secure send is on', icon: 'Icon.16', persistent: true });
    expect(fake.state.notifications.get('sealpost')).toEqual({
      type: 'informationalMessage', message: 'Secure send is on', icon: 'Icon.16', persistent: true,
    });
  });

  test('when an error replaces a progress message with the same key, then only the error remains', async () => {
    const { fake, adapter } = setup();
    await adapter.showNotification('sealpost', { type: 'progress', message: 'Working' });
    await adapter.showNotification('sealpost', { type: 'error', message: 'Sealpost is unreachable.' });
    expect([...fake.state.notifications]).toEqual([['sealpost', { type: 'errorMessage', message: 'Sealpost is unreachable.' }]]);
  });

  test('when a notification is removed, then it is gone', async () => {
    const { fake, adapter } = setup();
    await adapter.showNotification('sealpost', { type: 'progress', message: 'Working' });
    await adapter.removeNotification('sealpost');
    expect(fake.state.notifications.size).toBe(0);
  });

  test('when the message exceeds 150 characters or the key 32, then it rejects before calling Office', async () => {
    const { fake, adapter } = setup();
    await expect(adapter.showNotification('k', { type: 'error', message: 'x'.repeat(151) })).rejects.toMatchObject({ code: 'threw' });
    await expect(adapter.showNotification('k'.repeat(33), { type: 'error', message: 'ok' })).rejects.toThrow(/key/);
    expect(fake.calls).toEqual([]);
  });

  test('when Office fails to replace or remove, then both reject with their operation', async () => {
    const { fake, adapter } = setup();
    fake.fail('notificationMessages.replaceAsync', { name: 'NumberOfNotificationMessagesExceeded' });
    fake.fail('notificationMessages.removeAsync', { name: 'KeyNotFound' });
    await expect(adapter.showNotification('k', { type: 'error', message: 'm' })).rejects.toMatchObject({
      operation: 'item.notificationMessages.replaceAsync', officeCode: 'NumberOfNotificationMessagesExceeded',
    });
    await expect(adapter.removeNotification('k')).rejects.toMatchObject({ operation: 'item.notificationMessages.removeAsync' });
  });
});
