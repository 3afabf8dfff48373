/** The sender's controls: expiry recorded on the item and posted once (same on a retry), read receipts, recall, uploads. */
import { ApiError } from '../../../api/http';
import { handleMessageSend } from '../../../events/onMessageSend';
import { KEYS } from '../../../item/itemState';
import { completionFor, createOfficeAdapter } from '../../../office';
import { createFakeOutlook } from '../../../office/testing/fakeOutlook';
import { createFakeSealpost } from '../../../testing/fakeSealpost';
import { createSenderControls } from './senderControls';

const NOW = Date.parse('2027-03-01T12:00:00.000Z');

function setup() {
  const fake = createFakeOutlook({ mailboxVersion: '1.15' });
  const sealpost = createFakeSealpost();
  const adapter = createOfficeAdapter(fake.office);
  let token: string | null = 'access-1';
  const controls = createSenderControls({ adapter, api: sealpost.api, token: async () => token, portalUrl: 'https://sealpost.example.com/portal' });
  fake.state.subject = 'Results';
  fake.state.bodyHtml = '<p>Results.</p>';
  fake.state.to = [{ emailAddress: 'pat@clinic.example', displayName: 'Pat Pro', recipientType: 'user' } as Office.EmailAddressDetails];
  sealpost.outcomes.set('pat@clinic.example', 'member_pro');
  fake.state.sessionData.set(KEYS.secure, 'on');
  fake.state.sessionData.set(KEYS.credential, JSON.stringify({ accessToken: 'access-1', expiresAt: NOW + 600_000, apiBase: sealpost.api.baseUrl }));
  const send = async (now = NOW) => {
    const completed = jest.fn();
    await handleMessageSend({ adapter, completion: completionFor(fake.office, { completed }), apiFor: () => sealpost.api, now: () => now, random: () => 'ItemKey0123456789abcdef', storage: null });
    return completed.mock.calls[0]![0] as Office.SmartAlertsEventCompletedOptions;
  };
  return { fake, sealpost, controls, send, signOut: () => (token = null) };
}

test('when the sender picks an expiry of 7 days, then Send posts it as a time 7 days after the first attempt', async () => {
  const { controls, sealpost, send } = setup();
  await controls.start();
  await controls.setExpiry(7);
  expect(controls.getState().expiryDays).toBe(7);
  expect(await send()).toEqual({ allowEvent: true });
  expect(sealpost.sends[0]!.input.expiresAt).toBe('2027-03-08T12:00:00.000Z');
});

test('when the post answer is lost and Send is pressed again later, then the same expiry and key are posted (one message)', async () => {
  const { controls, sealpost, send } = setup();
  await controls.setExpiry(1);
  sealpost.failNext('sendMessage', new ApiError(0, 'network_error', 'unreachable'));
  expect(await send()).toMatchObject({ allowEvent: false });
  expect(await send(NOW + 60_000)).toEqual({ allowEvent: true });
  expect(sealpost.sends).toHaveLength(1);
  expect(sealpost.sends[0]!.input.expiresAt).toBe('2027-03-02T12:00:00.000Z');
});

test('when no expiry is chosen (or it is set back to never), then Send posts none', async () => {
  const { controls, sealpost, send, fake } = setup();
  await controls.setExpiry(30);
  await controls.setExpiry(null);
  expect(fake.state.sessionData.has(KEYS.expiry)).toBe(false);
  await send();
  expect(sealpost.sends[0]!.input).not.toHaveProperty('expiresAt');
});

test('when the pane shows sent messages, then each says who opened it, and Recall stops it', async () => {
  const { controls, sealpost, send } = setup();
  await send();
  const id = sealpost.sends[0] && (await sealpost.api.sentMessages('access-1', 1))[0]!.id;
  sealpost.opened.set(id!, ['pat@clinic.example']);
  await controls.loadSent();
  expect(controls.getState().sent).toEqual([{
    id, subject: 'Results', sentAt: '2027-01-01T09:00:00.000Z', opened: [{ name: 'Pat Pro', email: 'pat@clinic.example' }], notOpened: [],
    unavailable: null, portalUrl: `https://sealpost.example.com/portal/messages/${id}`,
  }]);
  await controls.recall(id!);
  expect(sealpost.recalled).toEqual([id]);
  expect(controls.getState().sent![0]!.unavailable).toBe('recalled');
});

test('when recalling fails (already recalled), then the backend sentence is shown and nothing else changes', async () => {
  const { controls, sealpost, send } = setup();
  await send();
  await controls.loadSent();
  const id = controls.getState().sent![0]!.id;
  sealpost.recalled.push(id);
  await controls.recall(id);
  expect(controls.getState().error).toBe('This message was already recalled.');
});

test('when the pane opens on a secure message with files attached, then they are uploaded; signed out, nothing is', async () => {
  const { controls, sealpost, fake, signOut } = setup();
  fake.state.attachments = [{ id: 'a1', name: 'x.txt', size: 2, attachmentType: 'file', isInline: false, format: 'base64', content: 'aGk=' }];
  await controls.start();
  expect(sealpost.uploads.map((u) => u.name)).toEqual(['x.txt']);
  expect(controls.getState().uploadedAhead).toBe(1);
  signOut();
  fake.state.attachments.push({ id: 'a2', name: 'y.txt', size: 2, attachmentType: 'file', isInline: false, format: 'base64', content: 'aGk=' });
  await controls.uploadNow(true);
  expect(sealpost.uploads).toHaveLength(1);
});
