/**
 * The send handler reads this item's own state, once, whatever each Outlook client answers for what was never set;
 * and nothing in the content (a quoted notice) stands for that state.
 */
import { KEYS } from '../item/itemState';
import { MESSAGES } from './blockMessages';
import { DEVICE_KEYS } from './handlerSession';
import { NOTICE_MARKER, noticeHtml } from './notice';
import { NOW, person, sendHarness } from './testing/sendHarness';

test('when a reply quotes an earlier Sealpost notice and adds new confidential text, then the text is stored securely and the outgoing body is the new notice', async () => {
  const { fake, sealpost, run, decide } = sendHarness();
  fake.state.to = [person('ann@client.example', 'Ann Lee')];
  const quoted = noticeHtml('https://sealpost.example.com/portal/messages/earlier', null);
  fake.state.bodyHtml = `<p>Ann, here are your new lab results: HbA1c 9.1%.</p><blockquote>${quoted}</blockquote>`;
  fake.state.attachments = [{ id: 'a1', name: 'labs.pdf', size: 5, attachmentType: 'file', isInline: false, format: 'base64', content: Buffer.from('%PDF-').toString('base64') }];
  decide(['ann@client.example']);

  expect(await run()).toEqual({ allowEvent: true });

  expect(sealpost.sends).toHaveLength(1);
  expect(sealpost.sends[0]!.input.html).toContain('HbA1c 9.1%');
  expect(sealpost.uploads.map((u) => u.name)).toEqual(['labs.pdf']);
  expect(fake.state.bodyHtml).toContain(NOTICE_MARKER);
  expect(fake.state.bodyHtml).toContain('/portal/messages/00000000-0000-4000-8000-000000000001');
  expect(fake.state.bodyHtml).not.toContain('HbA1c');
  expect(fake.state.bodyHtml).not.toContain('/portal/messages/earlier');
  expect(fake.state.attachments).toEqual([]);
});

test('when the item state says it was stored, then a retry only rewrites the body and lets it go, without posting again', async () => {
  const { fake, sealpost, run } = sendHarness();
  fake.state.to = [person('ann@client.example')];
  fake.state.sessionData.set(KEYS.delivered, JSON.stringify({ messageId: 'm1', portalUrl: 'https://sealpost.example.com/portal/messages/m1' }));
  expect(await run()).toEqual({ allowEvent: true });
  expect(sealpost.sends).toEqual([]);
  expect(fake.state.bodyHtml).toContain('/portal/messages/m1');
  expect(fake.state.bodyHtml).not.toContain('Dear Ann');
});

/** Each answer an Outlook client may give for state never set (see fakeOutlook's unsetKey and emptyAll). */
const CLIENT_ANSWERS = [
  { unsetKey: 'null', emptyAll: 'string' },
  { unsetKey: 'keyNotFound', emptyAll: 'string' },
  { unsetKey: 'keyNotFound', emptyAll: 'object' },
  { unsetKey: 'keyNotFound', emptyAll: 'null' },
  { unsetKey: 'null', emptyAll: 'object' },
] as const;

describe.each(CLIENT_ANSWERS)('when the client answers an unset key with $unsetKey and an empty item with $emptyAll', (answers) => {
  test('then a message with nothing set on it is allowed when the organization lets senders choose', async () => {
    const { fake, sealpost, run, device } = sendHarness({ ...answers, secure: false, credential: 'none' });
    device.set(DEVICE_KEYS.profile, JSON.stringify({ apiBase: sealpost.api.baseUrl, accountEmail: 'pat@clinic.example', organizationId: 'o', secureSendPolicy: 'user_choice', fetchedAt: NOW - 60_000 }));
    fake.state.to = [person('ann@client.example')];
    expect(await run()).toEqual({ allowEvent: true });
    expect(fake.calls.filter((c) => c.method === 'sessionData.getAsync')).toEqual([]);
    expect(fake.calls.filter((c) => c.method === 'sessionData.getAllAsync')).toHaveLength(1);
  });

  test('then a secure send whose decisions were never set stops for review, not as a failure', async () => {
    const { fake, run } = sendHarness(answers);
    fake.state.to = [person('ann@client.example', 'Ann Lee')];
    const options = await run();
    expect(options).toMatchObject({ allowEvent: false, cancelLabel: 'Review' });
    expect(options.errorMessage).not.toBe(MESSAGES.failed);
  });
});

test('when the client has sessionData without its methods, then a switch-off send under a choice policy goes as written', async () => {
  const { fake, sealpost, run, device } = sendHarness({ sessionDataMethods: false, credential: 'none', secure: false });
  device.set(DEVICE_KEYS.profile, JSON.stringify({ apiBase: sealpost.api.baseUrl, accountEmail: 'pat@clinic.example', organizationId: 'o', secureSendPolicy: 'user_choice', fetchedAt: NOW - 60_000 }));
  fake.state.to = [person('ann@client.example')];
  expect(await run()).toEqual({ allowEvent: true });
});
