/** Dialog wrappers: opening, buffered messages, close codes, and the dialog page's messageParent. */
import { createOfficeAdapter } from './createOfficeAdapter';
import { nextDialogMessage } from './dialog';
import { createFakeOutlook } from './testing/fakeOutlook';

function setup() {
  const fake = createFakeOutlook();
  return { fake, adapter: createOfficeAdapter(fake.office) };
}
const SIGN_IN = 'https://localhost:3000/addin/signin.html';

describe('openDialog', () => {
  test('when opened, then Office gets the URL and the size in percent', async () => {
    const { fake, adapter } = setup();
    await adapter.openDialog(SIGN_IN, { widthPercent: 40, heightPercent: 60 });
    expect(fake.calls).toEqual([{ method: 'ui.displayDialogAsync', args: [SIGN_IN, { width: 40, height: 60, displayInIframe: false }] }]);
  });

  test('when the page sends messages before and after a listener is added, then the listener gets all in order', async () => {
    const { fake, adapter } = setup();
    const handle = await adapter.openDialog(SIGN_IN, { widthPercent: 40, heightPercent: 60 });
    fake.dialogs[0]!.send('first', 'https://localhost:3000');
    const got: [string, string | undefined][] = [];
    handle.onMessage((m, o) => got.push([m, o]));
    fake.dialogs[0]!.send('second', 'https://localhost:3000');
    expect(got).toEqual([['first', 'https://localhost:3000'], ['second', 'https://localhost:3000']]);
  });

  test('when the user closes the dialog, then onClosed gets a dialog_closed error with Office code 12006', async () => {
    const { fake, adapter } = setup();
    const handle = await adapter.openDialog(SIGN_IN, { widthPercent: 40, heightPercent: 60 });
    const closed = jest.fn();
    handle.onClosed(closed);
    fake.dialogs[0]!.end(12006);
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ code: 'dialog_closed', officeCode: 12006, message: 'dialog: the dialog was closed' }));
  });

  test('when Office cannot open a dialog (one already open), then openDialog rejects with the Office code', async () => {
    const { fake, adapter } = setup();
    fake.fail('ui.displayDialogAsync', { code: 12007, message: 'A dialog box is already opened from this host window.' });
    await expect(adapter.openDialog(SIGN_IN, { widthPercent: 40, heightPercent: 60 })).rejects.toMatchObject({
      code: 12007, operation: 'ui.displayDialogAsync',
    });
  });

  test('when the opener closes the dialog twice, then Office is asked once and no close event follows', async () => {
    const { fake, adapter } = setup();
    const handle = await adapter.openDialog(SIGN_IN, { widthPercent: 40, heightPercent: 60 });
    const closed = jest.fn();
    handle.onClosed(closed);
    handle.close();
    handle.close();
    fake.dialogs[0]!.end(12006);
    expect(fake.dialogs[0]!.closed).toBe(1);
    expect(closed).not.toHaveBeenCalled();
  });
});

describe('nextDialogMessage', () => {
  test('when the page answers, then it resolves with the first message and closes the dialog', async () => {
    const { fake, adapter } = setup();
    const handle = await adapter.openDialog(SIGN_IN, { widthPercent: 40, heightPercent: 60 });
    const result = nextDialogMessage(handle);
    fake.dialogs[0]!.send('{"token":"t"}');
    fake.dialogs[0]!.send('ignored');
    await expect(result).resolves.toBe('{"token":"t"}');
    expect(fake.dialogs[0]!.closed).toBe(1);
  });

  test('when the page fails to load first, then it rejects with the load error', async () => {
    const { fake, adapter } = setup();
    const handle = await adapter.openDialog(SIGN_IN, { widthPercent: 40, heightPercent: 60 });
    const result = nextDialogMessage(handle);
    fake.dialogs[0]!.end(12002);
    await expect(result).rejects.toMatchObject({ code: 'dialog_closed', officeCode: 12002, message: expect.stringMatching(/could not be loaded/) });
  });
});

describe('messageParent', () => {
  test('when the dialog page sends to its opener, then Office gets the message and target origin', () => {
    const { fake, adapter } = setup();
    adapter.messageParent('{"token":"t"}', 'https://localhost:3000');
    adapter.messageParent('plain');
    expect(fake.parentMessages).toEqual([
      { message: '{"token":"t"}', options: { targetOrigin: 'https://localhost:3000' } },
      { message: 'plain', options: undefined },
    ]);
  });

  test('when the runtime has no dialog API (event handler runtime), then both calls fail with "not_supported"', async () => {
    const { fake, adapter } = setup();
    (fake.office.context as { ui?: unknown }).ui = undefined;
    await expect(adapter.openDialog(SIGN_IN, { widthPercent: 40, heightPercent: 60 })).rejects.toMatchObject({ code: 'not_supported' });
    expect(() => adapter.messageParent('x')).toThrow(expect.objectContaining({ code: 'not_supported' }));
  });
});
