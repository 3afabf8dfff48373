/**
 * Attachments go to Sealpost as they are added (OnMessageAttachmentsChanged), so that Send only names them; Send
 * uploads only what is missing or changed, and uploads again what the backend no longer has.
 */
import { ApiError } from '../api/http';
import { handleMessageSend } from '../events/onMessageSend';
import { KEYS } from '../item/itemState';
import { completionFor, createOfficeAdapter } from '../office';
import { createFakeOutlook, type FakeAttachment } from '../office/testing/fakeOutlook';
import { createFakeSealpost } from '../testing/fakeSealpost';
import { handleAttachmentsChanged } from './onAttachmentsChanged';

const NOW = 1_800_000_000_000;
const file = (id: string, name: string, text: string): FakeAttachment => ({
  id, name, size: Buffer.byteLength(text), attachmentType: 'file', isInline: false, format: 'base64', content: Buffer.from(text).toString('base64'),
});

function setup(options: { secure?: boolean } = {}) {
  const fake = createFakeOutlook({ mailboxVersion: '1.15' });
  const sealpost = createFakeSealpost();
  const adapter = createOfficeAdapter(fake.office);
  fake.state.subject = 'Results';
  fake.state.bodyHtml = '<p>Attached.</p>';
  fake.state.to = [{ emailAddress: 'pat@clinic.example', displayName: 'Pat', recipientType: 'user' } as Office.EmailAddressDetails];
  sealpost.outcomes.set('pat@clinic.example', 'member_pro');
  if (options.secure ?? true) fake.state.sessionData.set(KEYS.secure, 'on');
  fake.state.sessionData.set(KEYS.credential, JSON.stringify({ accessToken: 'access-1', expiresAt: NOW + 600_000, apiBase: sealpost.api.baseUrl }));
  const deps = { adapter, apiFor: () => sealpost.api, now: () => NOW, storage: null };
  const attachmentsChanged = async () => {
    const completed = jest.fn();
    await handleAttachmentsChanged({ ...deps, completed });
    expect(completed).toHaveBeenCalledTimes(1);
  };
  const send = async () => {
    const completed = jest.fn();
    await handleMessageSend({ ...deps, completion: completionFor(fake.office, { completed }), random: () => 'ItemKey0123456789abcdef' });
    expect(completed).toHaveBeenCalledTimes(1);
    return completed.mock.calls[0]![0] as Office.SmartAlertsEventCompletedOptions;
  };
  const recorded = () => JSON.parse(fake.state.sessionData.get(KEYS.uploadedFiles) ?? '{}');
  return { fake, sealpost, attachmentsChanged, send, recorded };
}

test('when attachments are added to a secure message, then they are uploaded at once and Send uploads nothing', async () => {
  const { fake, sealpost, attachmentsChanged, send, recorded } = setup();
  fake.state.attachments = [file('a1', 'scan.pdf', '%PDF-1'), file('a2', 'notes.txt', 'hello')];
  await attachmentsChanged();
  expect(sealpost.uploads.map((u) => [u.id, u.name, Buffer.from(u.bytes).toString()])).toEqual([['f1', 'scan.pdf', '%PDF-1'], ['f2', 'notes.txt', 'hello']]);
  expect(recorded()).toEqual({ a1: { fileId: 'f1', name: 'scan.pdf', size: 6 }, a2: { fileId: 'f2', name: 'notes.txt', size: 5 } });

  expect(await send()).toEqual({ allowEvent: true });
  expect(sealpost.uploads).toHaveLength(2);
  expect(sealpost.sends[0]!.input.attachmentIds).toEqual(['f1', 'f2']);
  expect(fake.state.attachments).toEqual([]);
});

test('when one attachment was added after the others went ahead, then Send uploads only that one', async () => {
  const { fake, sealpost, attachmentsChanged, send } = setup();
  fake.state.attachments = [file('a1', 'scan.pdf', '%PDF-1')];
  await attachmentsChanged();
  fake.state.attachments.push(file('a2', 'late.txt', 'late'));
  expect(await send()).toEqual({ allowEvent: true });
  expect(sealpost.uploads.map((u) => u.name)).toEqual(['scan.pdf', 'late.txt']);
  expect(sealpost.sends[0]!.input.attachmentIds).toEqual(['f1', 'f2']);
});

test('when an attachment under the same id changed size, then it is uploaded again, and a removed one is forgotten', async () => {
  const { fake, sealpost, attachmentsChanged, send, recorded } = setup();
  fake.state.attachments = [file('a1', 'scan.pdf', '%PDF-1'), file('a2', 'gone.txt', 'bye')];
  await attachmentsChanged();
  fake.state.attachments = [file('a1', 'scan.pdf', '%PDF-1 longer')];
  await attachmentsChanged();
  expect(recorded()).toEqual({ a1: { fileId: 'f3', name: 'scan.pdf', size: 13 } });
  expect(await send()).toEqual({ allowEvent: true });
  expect(sealpost.sends[0]!.input.attachmentIds).toEqual(['f3']);
  expect(sealpost.uploads).toHaveLength(3);
});

test('when secure sending is off and no policy asks for it, then nothing is uploaded', async () => {
  const { fake, sealpost, attachmentsChanged, recorded } = setup({ secure: false });
  fake.state.attachments = [file('a1', 'private.pdf', '%PDF-1')];
  await attachmentsChanged();
  expect(sealpost.uploads).toEqual([]);
  expect(recorded()).toEqual({});
});

test('when an upload ahead fails, then the event still completes once and Send uploads the file itself', async () => {
  const { fake, sealpost, attachmentsChanged, send } = setup();
  fake.state.attachments = [file('a1', 'scan.pdf', '%PDF-1')];
  sealpost.failNext('uploadChunk', new ApiError(0, 'network_error', 'unreachable'));
  await attachmentsChanged();
  expect(await send()).toEqual({ allowEvent: true });
  expect(sealpost.sends[0]!.input.attachmentIds).toEqual(['f2']);
});

test('when the backend no longer has a file uploaded ahead (swept), then Send uploads it again and the message goes', async () => {
  const { fake, sealpost, attachmentsChanged, send } = setup();
  fake.state.attachments = [file('a1', 'scan.pdf', '%PDF-1')];
  await attachmentsChanged();
  sealpost.failNext('sendMessage', new ApiError(404, 'file_not_found', 'One of the files was not found among your uploads. Upload it again.'));
  expect(await send()).toEqual({ allowEvent: true });
  expect(sealpost.sends.map((s) => s.input.attachmentIds)).toEqual([['f2']]);
});
