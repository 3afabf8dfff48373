/** Item wrappers: recipients, subject, HTML body, attachments, initialization context. */
import { createOfficeAdapter } from './createOfficeAdapter';
import { createFakeOutlook } from './testing/fakeOutlook';

function setup(options?: Parameters<typeof createFakeOutlook>[0]) {
  const fake = createFakeOutlook(options);
  return { fake, adapter: createOfficeAdapter(fake.office) };
}

describe('recipients', () => {
  test('when To, Cc and Bcc hold recipients, then each comes back with name, trimmed address and type', async () => {
    const { fake, adapter } = setup();
    fake.state.to = [{ displayName: 'Ann Lee', emailAddress: ' ann@client.example ', recipientType: 'externalUser' }] as Office.EmailAddressDetails[];
    fake.state.cc = [{ displayName: 'Bo', emailAddress: 'bo@firm.example', recipientType: 'user' }] as Office.EmailAddressDetails[];
    fake.state.bcc = [{ displayName: 'Partners', emailAddress: '', recipientType: 'distributionList' }] as Office.EmailAddressDetails[];
    await expect(adapter.getAllRecipients()).resolves.toEqual({
      to: [{ displayName: 'Ann Lee', emailAddress: 'ann@client.example', recipientType: 'externalUser' }],
      cc: [{ displayName: 'Bo', emailAddress: 'bo@firm.example', recipientType: 'user' }],
      // A contact group without an address must surface as null so the caller sends it to review.
      bcc: [{ displayName: 'Partners', emailAddress: null, recipientType: 'distributionList' }],
    });
  });

  test('when reading Cc fails, then it rejects with OfficeCallError naming item.cc.getAsync', async () => {
    const { fake, adapter } = setup();
    fake.fail('cc.getAsync', { code: 9041, message: 'offline' });
    await expect(adapter.getRecipients('cc')).rejects.toMatchObject({ operation: 'item.cc.getAsync', code: 9041 });
    await expect(adapter.getAllRecipients()).rejects.toMatchObject({ operation: 'item.cc.getAsync' });
  });

  test('when no item is open, then it rejects with code "no_item"', async () => {
    const { adapter } = setup({ withItem: false });
    await expect(adapter.getRecipients('to')).rejects.toMatchObject({ code: 'no_item', operation: 'item.to.getAsync' });
  });
});

describe('subject and body', () => {
  test('when the subject is set, then getSubject returns it', async () => {
    const { fake, adapter } = setup();
    fake.state.subject = 'Contract draft';
    await expect(adapter.getSubject()).resolves.toBe('Contract draft');
  });

  test('when reading the subject fails, then it rejects with the Office code', async () => {
    const { fake, adapter } = setup();
    fake.fail('subject.getAsync', { code: 5001 });
    await expect(adapter.getSubject()).rejects.toMatchObject({ code: 5001, operation: 'item.subject.getAsync' });
  });

  test('when the body is read, then it is asked for as HTML', async () => {
    const { fake, adapter } = setup();
    fake.state.bodyHtml = '<p>Hello <b>Ann</b></p>';
    await expect(adapter.getBodyHtml()).resolves.toBe('<p>Hello <b>Ann</b></p>');
  });

  test('when the body is replaced, then Outlook stores it as HTML, not as escaped text', async () => {
    const { fake, adapter } = setup();
    await adapter.setBodyHtml('<p>Read it in <a href="https://portal.example/m/1">Sealpost</a></p>');
    expect(fake.state.bodyHtml).toBe('<p>Read it in <a href="https://portal.example/m/1">Sealpost</a></p>');
  });

  test('when setting the body fails, then it rejects and the body is unchanged', async () => {
    const { fake, adapter } = setup();
    fake.state.bodyHtml = '<p>original</p>';
    fake.fail('body.setAsync', { code: 9030, message: 'item is read-only' });
    await expect(adapter.setBodyHtml('<p>new</p>')).rejects.toMatchObject({ code: 9030, operation: 'item.body.setAsync' });
    expect(fake.state.bodyHtml).toBe('<p>original</p>');
  });

  test('when getting the body fails, then it rejects with the operation name', async () => {
    const { fake, adapter } = setup();
    fake.fail('body.getAsync');
    await expect(adapter.getBodyHtml()).rejects.toMatchObject({ operation: 'item.body.getAsync' });
  });
});

describe('attachments', () => {
  const file = { id: 'AAMk1', name: 'plan.pdf', size: 1234, attachmentType: 'file', isInline: false, format: 'base64', content: 'JVBERi0=' } as const;
  const logo = { id: 'AAMk2', name: 'logo.png', size: 99, attachmentType: 'file', isInline: true, contentId: 'logo@1', format: 'base64', content: 'iVBO' } as const;

  test('when the item has attachments, then they are listed with id, name, size, type, inline flag and cid', async () => {
    const { fake, adapter } = setup();
    fake.state.attachments = [{ ...file }, { ...logo }];
    await expect(adapter.listAttachments()).resolves.toEqual([
      { id: 'AAMk1', name: 'plan.pdf', size: 1234, attachmentType: 'file', isInline: false, contentId: null },
      { id: 'AAMk2', name: 'logo.png', size: 99, attachmentType: 'file', isInline: true, contentId: 'logo@1' },
    ]);
  });

  test('when an attachment is read, then its content and format come back', async () => {
    const { fake, adapter } = setup();
    fake.state.attachments = [{ ...file }];
    await expect(adapter.getAttachmentContent('AAMk1')).resolves.toEqual({ format: 'base64', content: 'JVBERi0=' });
  });

  test('when an attachment id is unknown, then reading and removing reject with Office\'s error name', async () => {
    const { adapter } = setup();
    await expect(adapter.getAttachmentContent('nope')).rejects.toMatchObject({ officeCode: 'InvalidAttachmentId' });
    await expect(adapter.removeAttachment('nope')).rejects.toMatchObject({ operation: 'item.removeAttachmentAsync' });
  });

  test('when an attachment is removed, then it is gone from the item', async () => {
    const { fake, adapter } = setup();
    fake.state.attachments = [{ ...file }, { ...logo }];
    await adapter.removeAttachment('AAMk1');
    expect(fake.state.attachments.map((a) => a.id)).toEqual(['AAMk2']);
  });

  test('when listing attachments fails, then it rejects with the operation name', async () => {
    const { fake, adapter } = setup();
    fake.fail('getAttachmentsAsync', { code: 9041 });
    await expect(adapter.listAttachments()).rejects.toMatchObject({ code: 9041, operation: 'item.getAttachmentsAsync' });
  });
});

describe('initialization context', () => {
  test('when the pane was opened from a Smart Alerts dialog, then its contextData comes back', async () => {
    const { fake, adapter } = setup();
    fake.state.initializationContext = '{"review":["ann@client.example"]}';
    await expect(adapter.getInitializationContext()).resolves.toBe('{"review":["ann@client.example"]}');
  });

  test('when there is no context, then it resolves to null', async () => {
    const { adapter } = setup();
    await expect(adapter.getInitializationContext()).resolves.toBeNull();
  });

  test('when the client is older than Mailbox 1.8, then it resolves to null without calling Office', async () => {
    const { fake, adapter } = setup({ mailboxVersion: '1.7' });
    fake.state.initializationContext = 'ignored';
    await expect(adapter.getInitializationContext()).resolves.toBeNull();
    expect(fake.calls.map((c) => c.method)).not.toContain('getInitializationContextAsync');
  });

  test('when reading the context fails, then it rejects', async () => {
    const { fake, adapter } = setup();
    fake.fail('getInitializationContextAsync', { code: 9041 });
    await expect(adapter.getInitializationContext()).rejects.toMatchObject({ code: 9041 });
  });
});

describe('requirement sets', () => {
  test('when the client implements Mailbox 1.13, then 1.12 is supported and 1.14 is not', () => {
    const { adapter } = setup({ mailboxVersion: '1.13' });
    expect([adapter.supportsMailbox('1.12'), adapter.supportsMailbox('1.14')]).toEqual([true, false]);
  });
});
